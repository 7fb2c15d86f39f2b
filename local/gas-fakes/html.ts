/**
 * HtmlService: HTML outputs built from strings or from the project's HTML files (given to
 * createGasFakes as `files`), and minimal templates.
 */
import { instrument } from './calls';
import { Fake, type FakeContext } from './context';
import { enumName, makeEnum, type EnumValue } from './enums';
import { GasError } from './errors';

export const SandboxMode = makeEnum(['EMULATED', 'IFRAME', 'NATIVE', 'NONE']);
export const XFrameOptionsMode = makeEnum(['ALLOWALL', 'DEFAULT']);

/** What the UI records when an output is shown. */
export interface HtmlSnapshot {
  title: string;
  content: string;
  width: number;
  height: number;
}

function lookupFile(files: ReadonlyMap<string, string>, filename: string): string {
  const name = String(filename);
  const content = files.get(name) ?? files.get(name.replace(/\.html$/, ''));
  if (content === undefined) throw new GasError(`No HTML file named ${name} was found.`);
  return content;
}

export class FakeHtmlService extends Fake {
  readonly SandboxMode = SandboxMode;
  readonly XFrameOptionsMode = XFrameOptionsMode;

  constructor(
    ctx: FakeContext,
    private readonly files: ReadonlyMap<string, string>,
  ) {
    super(ctx);
  }

  createHtmlOutput(html?: string): FakeHtmlOutput {
    return new FakeHtmlOutput(this.ctx, html === undefined ? '' : String(html));
  }

  createHtmlOutputFromFile(filename: string): FakeHtmlOutput {
    return new FakeHtmlOutput(this.ctx, lookupFile(this.files, filename));
  }

  createTemplate(html: string): FakeHtmlTemplate {
    return new FakeHtmlTemplate(this.ctx, String(html));
  }

  createTemplateFromFile(filename: string): FakeHtmlTemplate {
    return new FakeHtmlTemplate(this.ctx, lookupFile(this.files, filename));
  }
}

instrument(FakeHtmlService, 'HtmlService', 'HtmlService');

export class FakeHtmlOutput extends Fake {
  private title = '';
  private width = 0;
  private height = 0;
  private sandboxMode: EnumValue = SandboxMode.IFRAME;
  private xFrameOptionsMode: EnumValue = XFrameOptionsMode.DEFAULT;
  private readonly metaTags: Array<{ name: string; content: string }> = [];

  constructor(
    ctx: FakeContext,
    private content: string,
  ) {
    super(ctx);
  }

  getContent(): string {
    return this.content;
  }

  setContent(content: string): FakeHtmlOutput {
    this.content = String(content);
    return this;
  }

  append(addedContent: string): FakeHtmlOutput {
    this.content += String(addedContent);
    return this;
  }

  appendUntrusted(addedContent: string): FakeHtmlOutput {
    this.content += String(addedContent).replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);
    return this;
  }

  clear(): FakeHtmlOutput {
    this.content = '';
    return this;
  }

  getTitle(): string {
    return this.title;
  }

  setTitle(title: string): FakeHtmlOutput {
    this.title = String(title);
    return this;
  }

  getWidth(): number {
    return this.width;
  }

  setWidth(width: number): FakeHtmlOutput {
    this.width = Number(width);
    return this;
  }

  getHeight(): number {
    return this.height;
  }

  setHeight(height: number): FakeHtmlOutput {
    this.height = Number(height);
    return this;
  }

  setSandboxMode(mode: EnumValue): FakeHtmlOutput {
    this.sandboxMode = SandboxMode[checkEnum(mode, SandboxMode, 'mode')];
    return this;
  }

  setXFrameOptionsMode(mode: EnumValue): FakeHtmlOutput {
    this.xFrameOptionsMode = XFrameOptionsMode[checkEnum(mode, XFrameOptionsMode, 'mode')];
    return this;
  }

  addMetaTag(name: string, content: string): FakeHtmlOutput {
    this.metaTags.push({ name: String(name), content: String(content) });
    return this;
  }

  getMetaTags(): FakeHtmlOutputMetaTag[] {
    return this.metaTags.map((tag) => new FakeHtmlOutputMetaTag(this.ctx, tag.name, tag.content));
  }

  setFaviconUrl(_iconUrl: string): FakeHtmlOutput {
    return this;
  }

  /** What is shown (a static so that the UI reading it is not counted as a call). */
  static snapshotOf(output: FakeHtmlOutput): HtmlSnapshot {
    return {
      title: output.title,
      content: output.content,
      width: output.width,
      height: output.height,
    };
  }

  /** Modes set on an output, for tests. */
  static modesOf(output: FakeHtmlOutput): { sandboxMode: string; xFrameOptionsMode: string } {
    return {
      sandboxMode: output.sandboxMode.name(),
      xFrameOptionsMode: output.xFrameOptionsMode.name(),
    };
  }
}

instrument(FakeHtmlOutput, 'HtmlOutput', 'HtmlService');

function checkEnum<N extends string>(
  value: unknown,
  members: Record<N, EnumValue>,
  argument: string,
): N {
  const name = enumName(value);
  if (!name || !(name in members)) throw new GasError(`Invalid argument: ${argument}`);
  return name as N;
}

export class FakeHtmlOutputMetaTag extends Fake {
  constructor(
    ctx: FakeContext,
    private readonly name: string,
    private readonly content: string,
  ) {
    super(ctx);
  }

  getName(): string {
    return this.name;
  }

  getContent(): string {
    return this.content;
  }
}

instrument(FakeHtmlOutputMetaTag, 'HtmlOutputMetaTag', 'HtmlService');

/**
 * A template. Only printing scriptlets naming a template property are evaluated:
 * `<?= name ?>` (escaped) and `<?!= name ?>` (raw); anything else is refused, so a test notices.
 */
export class FakeHtmlTemplate extends Fake {
  [property: string]: unknown;

  constructor(
    ctx: FakeContext,
    private readonly source: string,
  ) {
    super(ctx);
  }

  getRawContent(): string {
    return this.source;
  }

  evaluate(): FakeHtmlOutput {
    const html = this.source.replace(
      /<\?(!?=)?([\s\S]*?)\?>/g,
      (_all, kind: string | undefined, code: string) => {
        const path = code.trim();
        if (!kind || !/^[A-Za-z_$][\w$]*(\.[A-Za-z_$][\w$]*)*$/.test(path)) {
          throw new GasError(
            `The HTML template fake only evaluates <?= name ?> and <?!= name ?> (got "<?${kind ?? ''}${code}?>").`,
          );
        }
        const [head = '', ...rest] = path.split('.');
        let value: unknown = this[head];
        for (const key of rest) value = (value as Record<string, unknown> | undefined)?.[key];
        const text = value === undefined || value === null ? '' : String(value);
        return kind === '!=' ? text : text.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);
      },
    );
    return new FakeHtmlOutput(this.ctx, html);
  }
}

instrument(FakeHtmlTemplate, 'HtmlTemplate', 'HtmlService');
