/**
 * The editor UI: menus, sidebars, dialogs, alerts and prompts. What the add-on shows is
 * recorded on a UiModel that tests (and the sandbox) read; what the person answers to alerts
 * and prompts is queued by the test.
 */
import { instrument } from './calls';
import { Fake } from './context';
import { makeEnum, type EnumValue } from './enums';
import { GasError } from './errors';
import { FakeHtmlOutput } from './html';
import type { SheetsContext } from './sheets-context';

export const Button = makeEnum(['CLOSE', 'OK', 'CANCEL', 'YES', 'NO']);
export const ButtonSet = makeEnum(['OK', 'OK_CANCEL', 'YES_NO', 'YES_NO_CANCEL']);

export type ButtonName = keyof typeof Button;

export type MenuEntry =
  | { kind: 'item'; caption: string; functionName: string }
  | { kind: 'separator' }
  | { kind: 'submenu'; menu: MenuState };

export interface MenuState {
  caption: string;
  addon: boolean;
  entries: MenuEntry[];
}

export interface ShownHtml {
  title: string;
  content: string;
  width: number;
  height: number;
}

export interface AlertRecord {
  title: string;
  prompt: string;
  buttons: string;
  answer: ButtonName;
}

export interface PromptRecord extends AlertRecord {
  text: string;
}

/** Everything the add-on showed, and the answers queued for the person. */
export class UiModel {
  readonly menus: MenuState[] = [];
  readonly sidebars: ShownHtml[] = [];
  readonly dialogs: Array<ShownHtml & { modal: boolean }> = [];
  readonly alerts: AlertRecord[] = [];
  readonly prompts: PromptRecord[] = [];
  /** False models contexts where SpreadsheetApp.getUi() is not allowed (triggers). */
  available = true;
  private answers: Array<{ button: ButtonName; text?: string }> = [];

  constructor(readonly addonName: string) {}

  /** Queues the person's next answer to an alert or prompt (default: the first button). */
  answer(button: ButtonName, text?: string): void {
    this.answers.push({ button, ...(text !== undefined ? { text } : {}) });
  }

  takeAnswer(buttons: string): { button: ButtonName; text: string } {
    const next = this.answers.shift();
    if (next) return { button: next.button, text: next.text ?? '' };
    return { button: buttons.startsWith('YES') ? 'YES' : 'OK', text: '' };
  }

  /** The function a menu item calls, by its caption (searched in every menu). */
  menuFunction(caption: string): string | undefined {
    const search = (entries: MenuEntry[]): string | undefined => {
      for (const entry of entries) {
        if (entry.kind === 'item' && entry.caption === caption) return entry.functionName;
        if (entry.kind === 'submenu') {
          const found = search(entry.menu.entries);
          if (found) return found;
        }
      }
      return undefined;
    };
    for (const menu of this.menus) {
      const found = search(menu.entries);
      if (found) return found;
    }
    return undefined;
  }

  /** The sidebar shown last, if any. */
  get sidebar(): ShownHtml | undefined {
    return this.sidebars[this.sidebars.length - 1];
  }
}

export class FakeUi extends Fake<SheetsContext> {
  readonly Button = Button;
  readonly ButtonSet = ButtonSet;

  createAddonMenu(): FakeMenu {
    return new FakeMenu(this.ctx, { caption: this.ctx.ui.addonName, addon: true, entries: [] });
  }

  createMenu(caption: string): FakeMenu {
    return new FakeMenu(this.ctx, { caption: String(caption), addon: false, entries: [] });
  }

  showSidebar(userInterface: FakeHtmlOutput): void {
    this.ctx.ui.sidebars.push({ ...shown(userInterface, 'showSidebar'), width: 300 });
  }

  showModalDialog(userInterface: FakeHtmlOutput, title: string): void {
    this.ctx.ui.dialogs.push({
      ...shown(userInterface, 'showModalDialog'),
      title: String(title),
      modal: true,
    });
  }

  showModelessDialog(userInterface: FakeHtmlOutput, title: string): void {
    this.ctx.ui.dialogs.push({
      ...shown(userInterface, 'showModelessDialog'),
      title: String(title),
      modal: false,
    });
  }

  /** alert(prompt) | alert(prompt, buttons) | alert(title, prompt, buttons) */
  alert(...args: unknown[]): EnumValue {
    const { title, prompt, buttons } = dialogArgs(args);
    const { button } = this.ctx.ui.takeAnswer(buttons);
    this.ctx.ui.alerts.push({ title, prompt, buttons, answer: button });
    return Button[button];
  }

  /** prompt(prompt) | prompt(prompt, buttons) | prompt(title, prompt, buttons) */
  prompt(...args: unknown[]): FakePromptResponse {
    const { title, prompt, buttons } = dialogArgs(args);
    const answer = this.ctx.ui.takeAnswer(buttons);
    this.ctx.ui.prompts.push({ title, prompt, buttons, answer: answer.button, text: answer.text });
    return new FakePromptResponse(this.ctx, answer.button, answer.text);
  }
}

instrument(FakeUi, 'Ui', 'SpreadsheetApp');

function shown(output: unknown, method: string): ShownHtml {
  if (!(output instanceof FakeHtmlOutput)) {
    throw new GasError(`The parameters don't match the method signature for Ui.${method}.`);
  }
  return FakeHtmlOutput.snapshotOf(output);
}

function dialogArgs(args: unknown[]): { title: string; prompt: string; buttons: string } {
  const setName = (v: unknown): string => (v && typeof v === 'object' ? String(v) : 'OK');
  if (args.length >= 3)
    return { title: String(args[0]), prompt: String(args[1]), buttons: setName(args[2]) };
  return {
    title: '',
    prompt: String(args[0] ?? ''),
    buttons: args.length === 2 ? setName(args[1]) : 'OK',
  };
}

export class FakeMenu extends Fake<SheetsContext> {
  constructor(
    ctx: SheetsContext,
    private readonly state: MenuState,
  ) {
    super(ctx);
  }

  addItem(caption: string, functionName: string): FakeMenu {
    this.state.entries.push({
      kind: 'item',
      caption: String(caption),
      functionName: String(functionName),
    });
    return this;
  }

  addSeparator(): FakeMenu {
    this.state.entries.push({ kind: 'separator' });
    return this;
  }

  addSubMenu(menu: FakeMenu): FakeMenu {
    if (!(menu instanceof FakeMenu))
      throw new GasError("The parameters don't match the method signature for Menu.addSubMenu.");
    this.state.entries.push({ kind: 'submenu', menu: menu.state });
    return this;
  }

  addToUi(): void {
    // Adding the same menu again replaces it, as re-running onOpen does in the editor.
    const menus = this.ctx.ui.menus;
    const existing = menus.findIndex(
      (m) => m.caption === this.state.caption && m.addon === this.state.addon,
    );
    const copy = structuredClone(this.state);
    if (existing >= 0) menus[existing] = copy;
    else menus.push(copy);
  }
}

instrument(FakeMenu, 'Menu', 'SpreadsheetApp');

export class FakePromptResponse extends Fake<SheetsContext> {
  constructor(
    ctx: SheetsContext,
    private readonly button: ButtonName,
    private readonly text: string,
  ) {
    super(ctx);
  }

  getResponseText(): string {
    return this.text;
  }

  getSelectedButton(): EnumValue {
    return Button[this.button];
  }
}

instrument(FakePromptResponse, 'PromptResponse', 'SpreadsheetApp');
