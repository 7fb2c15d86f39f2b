/**
 * What the Sheets editor does around the add-on, modelled for the sandbox: it opens the
 * spreadsheet (onOpen builds the menu), runs menu items and sidebar calls as executions
 * (the progress poll beside an import slice, as Apps Script runs it; the rest one at a
 * time: execution-queue.ts), fires the onEdit simple trigger after a person's edit, and shows what
 * the add-on put on screen (the menu and the sidebar) by reading the fakes' UI model after
 * each execution.
 */
import vm from 'node:vm';
import type { GasFakes, MenuEntry, MenuState } from '../gas-fakes';
import type { GasBundle } from '../gas-runtime';
import type { ChangeFeed } from './change-feed';
import type { ConcurrentCalls } from './concurrent-calls';
import { applyPersonEdit, type PersonEdit } from './edit-event';
import { ExecutionQueue } from './execution-queue';

export interface SidebarState {
  open: boolean;
  title: string;
  /** Moves each time the add-on shows a sidebar: the page loads a fresh one, as Google does. */
  generation: number;
}

export interface Notice {
  id: number;
  kind: 'error' | 'info';
  title: string;
  message: string;
  /** How long the page shows it; 0 until dismissed. */
  seconds: number;
}

export interface EditorOptions {
  /** Where the sandbox's own messages go (console.log by default). */
  log?: (line: string) => void;
  /** Log every execution with its duration. */
  verbose?: boolean;
}

/** Menu a sandbox gets when the add-on's onOpen adds none, so the sidebar can still be opened. */
const FALLBACK_ENTRY: MenuEntry = {
  kind: 'item',
  caption: 'Import contacts…',
  functionName: 'showSidebar',
};
const MAX_NOTICES = 50;
/**
 * Sidebar calls that run beside the others, as Apps Script runs every call. Only the
 * progress poll for now: it reads the figures a slice publishes and writes nothing. Every
 * sidebar call could (the mechanism is the same). Cancel beside a slice used to be lost (the
 * slice's next save of the job record overwrote its flag); it now writes its own property
 * (test/bundle/addon-cancel-beside.test.ts), so it can join this set once the browser
 * suites have run with it.
 */
const BESIDE_SLICES: ReadonlySet<string> = new Set(['getImportProgress']);

export class SheetsEditor {
  readonly queue: ExecutionQueue;
  private readonly log: (line: string) => void;
  private sidebarState: SidebarState = { open: false, title: '', generation: 0 };
  private readonly noticeList: Notice[] = [];
  private nextNoticeId = 1;
  private readonly seen = { sidebars: 0, logs: 0 };
  /** Problems already reported once (a missing function is not news on every call). */
  private readonly warned = new Set<string>();
  /** Executions under way, oldest first (sidebar calls overlap). */
  private readonly running: string[] = [];

  constructor(
    private readonly fakes: GasFakes,
    private readonly bundle: GasBundle,
    private readonly feed: ChangeFeed,
    private readonly options: EditorOptions = {},
    /** Where sidebar calls run, each its own execution; without it, on this thread, one at a time. */
    private readonly calls: ConcurrentCalls | null = null,
  ) {
    this.log = options.log ?? ((line) => console.log(line));
    this.queue = new ExecutionQueue({
      started: (label) => {
        this.running.push(label);
        this.feed.busy(this.busy, this.queue.length);
      },
      finished: (label, ms, error) => this.afterExecution(label, ms, error),
    });
  }

  get sidebar(): SidebarState {
    return { ...this.sidebarState };
  }

  get notices(): Notice[] {
    return [...this.noticeList];
  }

  /** The execution running now, if any. */
  get busy(): string | null {
    return this.running[0] ?? null;
  }

  /** The add-on's menus, or a stand-in when its onOpen added none. */
  get menus(): Array<MenuState & { fallback?: boolean }> {
    if (this.fakes.ui.menus.length > 0) return this.fakes.ui.menus;
    return [
      {
        caption: this.fakes.ui.addonName,
        addon: true,
        entries: [FALLBACK_ENTRY],
        fallback: true,
      },
    ];
  }

  has(name: string): boolean {
    return this.bundle.topLevelFunctions.includes(name);
  }

  /** Opening the spreadsheet: the add-on's onOpen, in LIMITED mode (it is in use in this document). */
  async openSpreadsheet(): Promise<void> {
    if (!this.has('onOpen')) {
      this.warnOnce('onOpen', 'Code.js has no onOpen function: the add-on adds no menu.');
      return;
    }
    await this.queue
      .run('onOpen', () => this.bundle.invoke('onOpen', this.triggerEvent()))
      .catch(() => undefined); // reported by afterExecution
  }

  /** A menu item, as the person clicks it. Its error shows as a notice, as Google shows one. */
  async runMenuItem(functionName: string): Promise<void> {
    if (!this.has(functionName)) {
      this.notice(
        'error',
        'Script function not found',
        `Script function not found: ${functionName}`,
      );
      this.feed.touch();
      return;
    }
    await this.queue
      .run(functionName, () => this.bundle.invoke(functionName))
      .catch((e: unknown) => this.notice('error', 'Error', messageOf(e)));
  }

  /** A google.script.run call from the sidebar: arguments and answer copied by Google's rules (gas-runtime run). */
  callFromSidebar(name: string, args: unknown[]): Promise<unknown> {
    if (name.endsWith('_')) {
      // Apps Script hides functions whose names end with "_" from google.script.run.
      return Promise.reject(new Error(`Script function not found: ${name}`));
    }
    if (!this.has(name)) {
      // Refused without an execution, and reported once: a sidebar may retry it often.
      this.warnOnce(`rpc:${name}`, `The sidebar called ${name}, which Code.js does not define.`);
      return Promise.reject(new Error(`Code.js has no top-level function ${name}`));
    }
    const calls = this.calls;
    if (calls) {
      const run = () => calls.call(name, args);
      return BESIDE_SLICES.has(name)
        ? this.queue.runBeside(name, run)
        : this.queue.runInWorker(name, run);
    }
    return this.queue.run(name, () => this.bundle.run(name, ...args));
  }

  /**
   * A person types into a cell (or clears a range): written at once, then the add-on's onEdit
   * runs as its own execution. Resolves when the value is in the sheet, before the trigger.
   */
  personEdit(edit: PersonEdit): { trigger: Promise<void> } {
    const { event } = applyPersonEdit(this.fakes, this.bundle.context, edit);
    if (!this.has('onEdit')) {
      this.warnOnce(
        'onEdit',
        'Code.js has no onEdit function: edits are not reported to the add-on.',
      );
      return { trigger: Promise.resolve() };
    }
    const trigger = this.queue
      .run('onEdit', () => this.bundle.invoke('onEdit', event))
      .then(
        () => undefined,
        () => undefined, // a simple trigger's error goes to the execution log only
      );
    return { trigger };
  }

  /** The person selects a range (the add-on's getActiveRange sees it). */
  select(sheet: string, a1: string): void {
    this.fakes.spreadsheet.select(sheet, a1);
  }

  /** The close button on the sidebar's title bar, or google.script.host.close(). */
  closeSidebar(): void {
    this.sidebarState = { ...this.sidebarState, open: false };
    this.feed.touch();
  }

  private triggerEvent(): Record<string, unknown> {
    const { ScriptApp, Session, SpreadsheetApp } = this.fakes.globals;
    const event = vm.runInContext('({})', this.bundle.context) as Record<string, unknown>;
    return Object.assign(event, {
      authMode: ScriptApp.AuthMode.LIMITED,
      source: this.fakes.uncounted(() => SpreadsheetApp.getActiveSpreadsheet()),
      user: this.fakes.uncounted(() => Session.getActiveUser()),
    });
  }

  private afterExecution(label: string, ms: number, error: unknown): void {
    this.running.splice(this.running.indexOf(label), 1);
    this.showWhatTheAddOnShowed();
    this.printLogs();
    if (error) this.log(`[${label}] ${messageOf(error)}`);
    else if (this.options.verbose) this.log(`[${label}] ${ms.toFixed(0)} ms`);
    this.feed.busy(this.busy, this.queue.length);
    this.feed.touch();
  }

  private showWhatTheAddOnShowed(): void {
    const { ui } = this.fakes;
    if (ui.sidebars.length > this.seen.sidebars) {
      this.seen.sidebars = ui.sidebars.length;
      const shown = ui.sidebars[ui.sidebars.length - 1];
      this.sidebarState = {
        open: true,
        title: shown?.title ?? '',
        generation: this.sidebarState.generation + 1,
      };
    }
  }

  private printLogs(): void {
    const logs = this.fakes.logs;
    for (const line of logs.slice(this.seen.logs)) this.log(`[Logger] ${line}`);
    this.seen.logs = logs.length;
  }

  private notice(kind: Notice['kind'], title: string, message: string, seconds = 8): void {
    this.noticeList.push({ id: this.nextNoticeId++, kind, title, message, seconds });
    if (this.noticeList.length > MAX_NOTICES) this.noticeList.shift();
  }

  private warnOnce(key: string, message: string): void {
    if (this.warned.has(key)) return;
    this.warned.add(key);
    this.log(`[sandbox] ${message}`);
  }
}

/** An error's message, whichever realm threw it (the bundle's errors are not Node's Errors). */
export function messageOf(e: unknown): string {
  if (typeof e === 'object' && e !== null && 'message' in e) return String(e.message);
  return String(e);
}
