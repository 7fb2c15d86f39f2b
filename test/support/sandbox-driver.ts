/**
 * Drives the local sandbox (`npm start`) in Chromium the way a person uses it: the
 * spreadsheet grid on the left, the add-on's real sidebar on the right, the Extensions menu.
 *
 * The sandbox runs in a child process (sandbox-child.ts): its thread is blocked for a whole
 * execution, import slices included, and a test on that thread could not watch the progress
 * bar, click Cancel or close the sidebar while a slice runs. So everything here goes
 * through what the page shows, the page's own routes (`/api/state`, `/download.csv`) and
 * the emulator's admin endpoints — never through the fakes.
 */
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import Papa from 'papaparse';
import type { Browser, BrowserContext, FrameLocator, Locator, Page } from 'playwright-core';
import type { SandboxOptions } from '../../local/sandbox/server';

/** What the grid draws for a cell. */
export interface CellView {
  text: string;
  fill: string;
  alignedRight: boolean;
}

const ROOT = join(__dirname, '..', '..');
const CHILD = join(__dirname, 'sandbox-child.ts');
/** Starts the line the child prints on stdout once it serves, before its JSON (sandbox-child.ts). */
export const READY_PREFIX = 'SANDBOX ';

/** The fill the add-on gives an offending cell (src/gas/sheet.ts HIGHLIGHT, #f4c7c3). */
export const ERROR_FILL = 'rgb(244, 199, 195)';

/** The sample sheet's columns (local/sandbox/sample-sheet.ts), then the add-on's own. */
export const COL = {
  firstName: 1,
  mobile: 3,
  email: 4,
  company: 5,
  plan: 6,
  birthday: 7,
  error: 11,
  status: 12,
  contactId: 13,
} as const;

export type ChildOptions = Omit<SandboxOptions, 'port' | 'log'>;

export interface SandboxProcess {
  url: string;
  apiUrl: string;
  /** Where the emulator's `/__admin/…` endpoints are. */
  emulatorOrigin: string;
  sheetName: string;
  /** What the sandbox logged (stderr), for a failure message. */
  logs(): string;
  stop(): Promise<void>;
}

/** Starts `startSandbox(options)` in a child process; resolves once it serves the page. */
export function startSandboxProcess(
  options: ChildOptions = {},
  timeoutMs = 120_000,
): Promise<SandboxProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', CHILD, JSON.stringify(options)], {
    cwd: ROOT,
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const stop = async (): Promise<void> => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
    await exited;
    clearTimeout(timer);
  };

  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      void stop();
      reject(new Error(`The sandbox did not start within ${timeoutMs} ms.\n${stderr}`));
    }, timeoutMs);
    const onData = (chunk: Buffer): void => {
      stdout += chunk.toString();
      const line = stdout.split('\n').find((l) => l.startsWith(READY_PREFIX));
      if (!line) return;
      clearTimeout(timer);
      child.stdout?.off('data', onData);
      child.stdout?.resume();
      const ready = JSON.parse(line.slice(READY_PREFIX.length)) as {
        url: string;
        apiUrl: string;
        emulatorOrigin: string | null;
        sheetName: string;
      };
      if (!ready.emulatorOrigin) {
        void stop();
        reject(new Error('These tests need the local emulator (no apiUrl option).'));
        return;
      }
      resolve({
        ...ready,
        emulatorOrigin: ready.emulatorOrigin,
        logs: () => stderr,
        stop,
      });
    };
    child.stdout?.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`The sandbox exited (code ${code}) before serving.\n${stderr}`));
    });
  });
}

export interface EmulatorStats {
  requests: Record<string, number>;
  statuses: Record<string, number>;
  rateLimited: number;
  /** 429s by endpoint: refused requests, which wrote nothing. */
  rateLimitedBy: Record<string, number>;
  writes: number;
}

/** The page's layout answer (GET /api/state), the parts a test reads. */
export interface PageState {
  tabs: string[];
  active: string;
  busy: string | null;
  sidebar: { open: boolean };
  sheet: { lastRow: number; hiddenRows: number[]; hiddenByFilter: number };
}

/** One sandbox page in Chromium, with the sidebar in its frame. */
export class SandboxPage {
  readonly pageErrors: string[] = [];

  private constructor(
    readonly sandbox: SandboxProcess,
    readonly context: BrowserContext,
    readonly page: Page,
    private readonly shotsDir: string,
  ) {
    page.on('pageerror', (e) => this.pageErrors.push(e.message));
  }

  static async open(
    browser: Browser,
    sandbox: SandboxProcess,
    shotsDir: string,
    viewport = { width: 1400, height: 820 },
  ): Promise<SandboxPage> {
    const context = await browser.newContext({ viewport });
    const page = await context.newPage();
    const driver = new SandboxPage(sandbox, context, page, shotsDir);
    await page.goto(sandbox.url);
    return driver;
  }

  // ---------------------------------------------------------------- the sidebar

  get sidebar(): FrameLocator {
    return this.page.frameLocator('iframe.sidebar-frame');
  }

  /** Waits until the sidebar shows the step titled `title`. */
  async step(title: string, timeout = 15_000): Promise<void> {
    await this.sidebar
      .locator('h1#step-title')
      .filter({ hasText: new RegExp(`^${escapeRegExp(title)}$`) })
      .waitFor({ timeout });
  }

  /** The step's title now ('' before the wizard has loaded); never waits. */
  async stepTitle(): Promise<string> {
    const titles = await this.sidebar
      .locator('h1#step-title')
      .evaluateAll((els) => els.map((el) => el.textContent ?? ''));
    return titles[0] ?? '';
  }

  button(name: string | RegExp): Locator {
    return this.sidebar.getByRole('button', { name, exact: typeof name === 'string' });
  }

  /** A number of the review or results counts ("Add", "Errors", "Imported"…). */
  async count(label: string): Promise<number> {
    const text = await this.sidebar.locator(`[data-count="${label}"] dd`).textContent();
    return Number((text ?? '').replace(/,/g, ''));
  }

  /** Every count shown, by label (null where the sidebar says why there is none), at once. */
  async counts(): Promise<Record<string, number | null>> {
    const items = await this.sidebar
      .locator('[data-count]')
      .evaluateAll((els) =>
        els.map((el) => [
          el.getAttribute('data-count') ?? '',
          (el.querySelector('dd')?.textContent ?? '').replace(/,/g, '').trim(),
        ]),
      );
    return Object.fromEntries(
      items.map(([label, text]) => [label, /^\d+$/.test(text ?? '') ? Number(text) : null]),
    );
  }

  /** The progress bar's value now, or null when there is none; never waits. */
  async progress(): Promise<{ done: number; total: number } | null> {
    // One look at the page: the bar may be gone (the step ended) a moment later.
    const bars = await this.sidebar.getByRole('progressbar').evaluateAll((els) =>
      els.map((el) => ({
        done: Number(el.getAttribute('aria-valuenow')),
        total: Number(el.getAttribute('aria-valuemax')),
      })),
    );
    return bars[0] ?? null;
  }

  // ---------------------------------------------------------------- the grid

  cell(row: number, column: number): Locator {
    return this.page.locator(`#grid td[data-r="${row}"][data-c="${column}"]`);
  }

  /** Scrolls the grid so the cell is in view (and so drawn). */
  async scrollTo(row: number, column: number): Promise<void> {
    await this.page.evaluate(
      ([r, c]) => {
        const grid = (window as unknown as { sandbox: { grid: GridHandle } }).sandbox.grid;
        grid.scrollIntoView(r as number, c as number);
      },
      [row, column],
    );
  }

  /** Scrolls the grid to its top, with `column` the first one shown after the row numbers. */
  async scrollGridTo(column = 1): Promise<void> {
    await this.page.locator('#grid-scroll').evaluate((el, c) => {
      const letter = el.querySelector<HTMLElement>(`th.letter[data-col="${c}"]`);
      const corner = el.querySelector<HTMLElement>('th.corner');
      el.scrollTop = 0;
      el.scrollLeft = letter && corner ? letter.offsetLeft - corner.offsetWidth : 0;
    }, column);
  }

  /** What a cell shows and its fill, as drawn; null when the row is not drawn. */
  /** One drawn cell. */
  async cellView(row: number, column: number): Promise<CellView | null> {
    return this.page.evaluate(
      ({ r, c }) => {
        const td = document.querySelector<HTMLElement>(`#grid td[data-r="${r}"][data-c="${c}"]`);
        if (!td) return null;
        return {
          // The cell's own text (its first child: the text, or the span of text that runs on
          // over empty neighbours), without a filter button's (empty) span.
          text: td.firstChild?.textContent ?? '',
          fill: getComputedStyle(td).backgroundColor,
          // Sheets aligns numbers and dates right, text left.
          alignedRight: td.classList.contains('num'),
        };
      },
      { r: row, c: column },
    );
  }

  /** Waits until the cell is drawn and `check` holds for it (cells arrive after changes). */
  async cellWhere(
    row: number,
    column: number,
    check: (cell: CellView) => boolean,
    what: string,
    timeout = 15_000,
  ): Promise<CellView> {
    let last: CellView | null = null;
    await eventually(async () => {
      await this.scrollTo(row, column);
      last = await this.cellView(row, column);
      if (!last || !check(last)) {
        throw new Error(
          `Cell R${row}C${column}: expected ${what}, the grid shows ${JSON.stringify(last)}`,
        );
      }
    }, timeout);
    return last as unknown as CellView;
  }

  /** Whether the grid draws a row number (false for rows hidden by a filter). */
  async rowDrawn(row: number): Promise<boolean> {
    return (await this.page.locator(`#grid th.rownum[data-r="${row}"]`).count()) > 0;
  }

  /** A person types into a cell: select it, type (the editor opens on the first key), Enter. */
  async typeInto(row: number, column: number, text: string): Promise<void> {
    await this.scrollTo(row, column);
    await this.cell(row, column).click();
    await this.page.keyboard.type(text);
    await this.page.keyboard.press('Enter');
  }

  async tabNames(): Promise<string[]> {
    return this.page.getByRole('tab').allTextContents();
  }

  async showTab(name: string): Promise<void> {
    await this.page.getByRole('tab', { name }).click();
    await eventually(async () => {
      const selected = await this.page.getByRole('tab', { name }).getAttribute('aria-selected');
      if (selected !== 'true') throw new Error(`Tab ${name} is not selected.`);
      if ((await this.state()).active !== name) throw new Error(`Tab ${name} is not active.`);
    });
  }

  /** The "Filter on · N rows hidden" chip under the grid ('' when the sheet has no filter). */
  async filterChip(): Promise<string> {
    const chip = this.page.locator('#filter-status');
    return (await chip.isVisible()) ? ((await chip.textContent()) ?? '') : '';
  }

  // ---------------------------------------------------------------- the editor around it

  async openFromMenu(): Promise<void> {
    await this.page.getByRole('button', { name: 'Extensions' }).click();
    await this.page.getByRole('menuitem', { name: 'Contact import' }).hover();
    await this.page.getByRole('menuitem', { name: 'Import contacts…' }).click();
    await this.page.locator('iframe.sidebar-frame').waitFor({ state: 'visible' });
  }

  async closeSidebar(): Promise<void> {
    await this.page.getByRole('button', { name: 'Close sidebar' }).click();
    await this.page.locator('#sidebar').waitFor({ state: 'hidden' });
  }

  /** The page's state. The sandbox answers only between executions (its thread runs them). */
  async state(): Promise<PageState> {
    return (await getJson(`${this.sandbox.url}api/state`)) as PageState;
  }

  /** The contact tab as File › Download › CSV gives it: display values, row 1 the header. */
  async csv(sheet = this.sandbox.sheetName): Promise<string[][]> {
    const response = await fetch(
      `${this.sandbox.url}download.csv?sheet=${encodeURIComponent(sheet)}`,
    );
    if (!response.ok) throw new Error(`download.csv answered ${response.status}`);
    return Papa.parse<string[]>((await response.text()).trim()).data;
  }

  // ---------------------------------------------------------------- the emulator

  async stats(): Promise<EmulatorStats> {
    return (await getJson(`${this.sandbox.emulatorOrigin}/__admin/stats`)) as EmulatorStats;
  }

  async resetStats(): Promise<void> {
    await postJson(`${this.sandbox.emulatorOrigin}/__admin/stats/reset`, {});
  }

  /** Changes the emulator at run time, e.g. `{ rate: 10 }` (requests a second per endpoint). */
  async configureEmulator(config: { rate?: number | null; faults?: string }): Promise<void> {
    await postJson(`${this.sandbox.emulatorOrigin}/__admin/config`, config);
  }

  // ---------------------------------------------------------------- screenshots

  async shot(name: string): Promise<string> {
    const path = join(this.shotsDir, `${name}.png`);
    await this.page.screenshot({ path });
    return path;
  }
}

interface GridHandle {
  scrollIntoView(row: number, column: number): void;
}

async function getJson(url: string): Promise<unknown> {
  const response = await fetch(url, { cache: 'no-store' });
  if (!response.ok) throw new Error(`${url} answered ${response.status}: ${await response.text()}`);
  return response.json();
}

async function postJson(url: string, body: unknown): Promise<unknown> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`${url} answered ${response.status}: ${await response.text()}`);
  const text = await response.text();
  return text ? JSON.parse(text) : null;
}

/** Retries `check` (an assertion that throws) until it passes or time runs out. */
export async function eventually<T>(check: () => Promise<T> | T, timeout = 15_000): Promise<T> {
  const end = Date.now() + timeout;
  for (;;) {
    try {
      return await check();
    } catch (e) {
      if (Date.now() > end) throw e;
      await new Promise((r) => setTimeout(r, 100));
    }
  }
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
