/**
 * HtmlService: HTML outputs built from the project's HTML files (given to createGasFakes as
 * `files`).
 */
import { instrument } from './calls';
import { Fake, type FakeContext } from './context';
import { GasError } from './errors';

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
  constructor(
    ctx: FakeContext,
    private readonly files: ReadonlyMap<string, string>,
  ) {
    super(ctx);
  }

  createHtmlOutputFromFile(filename: string): FakeHtmlOutput {
    return new FakeHtmlOutput(this.ctx, lookupFile(this.files, filename));
  }
}

instrument(FakeHtmlService, 'HtmlService', 'HtmlService');

export class FakeHtmlOutput extends Fake {
  private title = '';

  constructor(
    ctx: FakeContext,
    private readonly content: string,
  ) {
    super(ctx);
  }

  setTitle(title: string): FakeHtmlOutput {
    this.title = String(title);
    return this;
  }

  /** What is shown (a static so that the UI reading it is not counted as a call). */
  static snapshotOf(output: FakeHtmlOutput): HtmlSnapshot {
    return { title: output.title, content: output.content, width: 0, height: 0 };
  }
}

instrument(FakeHtmlOutput, 'HtmlOutput', 'HtmlService');
