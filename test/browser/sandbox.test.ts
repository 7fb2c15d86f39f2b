/**
 * Smoke test of the local sandbox (`npm start`) in Chromium: the page shows the
 * sample sheet in a grid next to the real sidebar; the sidebar's google.script.run reaches
 * the bundle; a person's edit lands in the fakes and fires onEdit; the sheet downloads as
 * CSV. Screenshots go to test-results/sandbox/. The browser is the one
 * test/support/browser.ts finds.
 *
 * The sandbox runs in this process (its emulator in a child process), so the test can read
 * the fakes directly. `npm test` builds first; run alone, build first (`npm run build`).
 */
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import vm from 'node:vm';
import Papa from 'papaparse';
import type { Browser, Frame, Page } from 'playwright-core';
import { launchBrowser } from '../support/browser';
import { startSandbox, type Sandbox } from '../../local/sandbox/server';

jest.setTimeout(120_000);

const SHOTS = join(__dirname, '..', '..', 'test-results', 'sandbox');

let browser: Browser;
let sandbox: Sandbox;
let page: Page;
const logs: string[] = [];
const pageErrors: string[] = [];

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  sandbox = await startSandbox({ port: 0, log: (line) => logs.push(line) });
  browser = await launchBrowser();
  const context = await browser.newContext({
    viewport: { width: 1400, height: 820 },
    acceptDownloads: true,
  });
  page = await context.newPage();
  page.on('pageerror', (e) => pageErrors.push(e.message));
  await page.goto(sandbox.url);
});

afterAll(async () => {
  await browser?.close();
  await sandbox?.stop();
});

afterEach(() => {
  expect(pageErrors).toEqual([]);
});

const cell = (row: number, column: number) =>
  page.locator(`#grid td[data-r="${row}"][data-c="${column}"]`);

/** What the fakes hold for one cell, as displayed. */
function shown(a1: string): string {
  return sandbox.fakes.spreadsheet.sheetState(sandbox.sheetName, a1).displayValues[0]?.[0] ?? '';
}

test('the grid shows the sample sheet: about 200 rows, header frozen, notes, tabs', async () => {
  await cellShows(1, 1, 'First Name');
  await cellShows(2, 1, shown('A2'));
  const lastRow = sandbox.fakes.spreadsheet.sheetState(sandbox.sheetName, 'A1:A1').lastRow;
  expect(lastRow).toBeGreaterThanOrEqual(200);
  expect(lastRow).toBeLessThanOrEqual(210);
  await page.screenshot({ path: join(SHOTS, '01-start.png') });

  // Only the rows in view are drawn; scrolling down draws the last one with content (the
  // sheet goes on with empty rows, as a Sheets tab does).
  expect(await page.locator('#grid tbody tr:not(.spacer)').count()).toBeLessThan(120);
  await page.evaluate((row) => {
    const grid = (window as unknown as { sandbox: { grid: GridHandle } }).sandbox.grid;
    grid.scrollIntoView(row, 2);
  }, lastRow);
  await cellShows(lastRow, 2, shown(`B${lastRow}`));
  // The header row stays on top.
  await cellShows(1, 1, 'First Name');
  await page.screenshot({ path: join(SHOTS, '02-scrolled-to-end.png') });
  await page.locator('#grid-scroll').evaluate((el) => (el.scrollTop = 0));

  expect(await page.getByRole('tab').count()).toBe(sandbox.fakes.spreadsheet.sheetNames().length);
  expect(await page.locator('#grid td.has-note').count()).toBeGreaterThan(0);
});

test('the sidebar is the built one, 300 px wide, and its google.script.run reaches the bundle', async () => {
  const iframe = page.locator('iframe.sidebar-frame');
  await iframe.waitFor({ state: 'visible' });
  expect((await iframe.boundingBox())?.width).toBe(300);
  const frame = await sidebarFrame();
  const answer = await frame.evaluate(
    () =>
      new Promise((resolve, reject) => {
        const run = (window as unknown as { google: { script: { run: Record<string, never> } } })
          .google.script.run as unknown as {
          withSuccessHandler(f: (v: unknown) => void): {
            withFailureHandler(f: (e: Error) => void): { getSheetSummary(): void };
          };
        };
        run.withSuccessHandler(resolve).withFailureHandler(reject).getSheetSummary();
      }),
  );
  expect(answer).toMatchObject({
    ok: true,
    value: { sheetName: sandbox.sheetName, headerRow: 1 },
  });
  expect((answer as { value: { dataRows: number } }).value.dataRows).toBeGreaterThanOrEqual(200);
  await page.screenshot({ path: join(SHOTS, '03-sidebar.png') });
});

test('the sidebar closes (× or google.script.host.close) and Extensions › Contact import › Import contacts… shows it again', async () => {
  await page.getByRole('button', { name: 'Close sidebar' }).click();
  await page.locator('#sidebar').waitFor({ state: 'hidden' });
  await openFromMenu();
  expect(sandbox.fakes.ui.sidebars.length).toBeGreaterThanOrEqual(2);

  const frame = await sidebarFrame();
  await frame.evaluate(() =>
    (
      window as unknown as { google: { script: { host: { close(): void } } } }
    ).google.script.host.close(),
  );
  await page.locator('#sidebar').waitFor({ state: 'hidden' });
  await openFromMenu();
});

async function openFromMenu(): Promise<void> {
  await page.getByRole('button', { name: 'Extensions' }).click();
  await page.getByRole('menuitem', { name: 'Contact import' }).hover();
  await page.screenshot({ path: join(SHOTS, '04-extensions-menu.png') });
  await page.getByRole('menuitem', { name: 'Import contacts…' }).click();
  await page.locator('iframe.sidebar-frame').waitFor({ state: 'visible' });
}

test('a person edits a cell: typed into the sheet, onEdit gets the event Sheets builds', async () => {
  const events = recordOnEdit();
  const before = shown('B3');

  await cell(3, 2).dblclick();
  await page.locator('.cell-editor').fill('Edited by hand');
  await page.keyboard.press('Enter');
  await cellShows(3, 2, 'Edited by hand');
  await waitFor(() => shown('B3') === 'Edited by hand');

  // Typing a date gives a date cell, as in Sheets; the editor opens on the first key.
  await cell(4, 7).click();
  await page.keyboard.type('2024-01-05');
  await page.keyboard.press('Enter');
  await waitFor(() => {
    const value = sandbox.fakes.spreadsheet.sheetState(sandbox.sheetName, 'G4').values[0]?.[0];
    return Object.prototype.toString.call(value) === '[object Date]';
  });
  await page.screenshot({ path: join(SHOTS, '05-edited.png') });

  if (!events) {
    expect(logs.join('\n')).toMatch(/no onEdit function/);
    return;
  }
  await waitFor(() => events.length >= 2);
  const [first, second] = events;
  expect(first).toMatchObject({ a1: 'B3', value: 'Edited by hand', authMode: 'LIMITED' });
  expect(first?.oldValue).toBe(before === '' ? undefined : before);
  expect(first?.sameRealm).toBe(true);
  // Dates travel as their serial number, as Google sends them.
  expect(second?.a1).toBe('G4');
  expect(second?.value).toMatch(/^\d+$/);
});

test('File › Download sheet (CSV) gives the sheet with what the person typed', async () => {
  await page.getByRole('button', { name: 'File' }).click();
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('menuitem', { name: 'Download sheet (CSV)' }).click(),
  ]);
  expect(download.suggestedFilename()).toBe(`${sandbox.sheetName}.csv`);
  const path = join(SHOTS, 'download.csv');
  await download.saveAs(path);
  const rows = Papa.parse<string[]>(readFileSync(path, 'utf8').trim()).data;
  expect(rows[0]?.slice(0, 4)).toEqual(['First Name', 'Last Name', 'Mobile', 'Email']);
  expect(rows[2]?.[1]).toBe('Edited by hand');
  const lastRow = sandbox.fakes.spreadsheet.sheetState(sandbox.sheetName, 'A1:A1').lastRow;
  expect(rows).toHaveLength(lastRow);
});

// ---------------------------------------------------------------- helpers

/** The page's grid object, as main.mjs exposes it on window.sandbox. */
interface GridHandle {
  scrollIntoView(row: number, column: number): void;
}

interface SeenEdit {
  a1: string;
  value: unknown;
  oldValue: unknown;
  authMode: string;
  /** The event object was made in the bundle's realm, as Apps Script's is. */
  sameRealm: boolean;
}

/** Wraps the bundle's onEdit to record what it receives; null when the bundle has none. */
function recordOnEdit(): SeenEdit[] | null {
  if (!sandbox.bundle.topLevelFunctions.includes('onEdit')) return null;
  const context = sandbox.bundle.context as Record<string, unknown>;
  const original = context.onEdit as (e: unknown) => unknown;
  const contextPrototype = vm.runInContext('Object.prototype', sandbox.bundle.context) as object;
  const seen: SeenEdit[] = [];
  context.onEdit = (e: Record<string, unknown>) => {
    const range = e.range as { getA1Notation(): string };
    seen.push({
      a1: sandbox.fakes.uncounted(() => range.getA1Notation()),
      value: e.value,
      oldValue: e.oldValue,
      authMode: String(e.authMode),
      sameRealm: Object.getPrototypeOf(e) === contextPrototype,
    });
    return original(e);
  };
  return seen;
}

async function sidebarFrame(): Promise<Frame> {
  const handle = await page.locator('iframe.sidebar-frame').elementHandle();
  const frame = await handle?.contentFrame();
  if (!frame) throw new Error('The sidebar iframe has no frame.');
  await frame.waitForFunction(() => 'google' in window);
  return frame;
}

/** Waits until the grid draws `expected` in the cell (cells arrive in blocks after the layout). */
async function cellShows(row: number, column: number, expected: string): Promise<void> {
  await page.waitForFunction(
    ({ selector, text }) => {
      const td = document.querySelector(selector);
      // The cell's own text, without a filter button's (empty) span.
      return td !== null && (td.firstChild?.textContent ?? '') === text;
    },
    { selector: `#grid td[data-r="${row}"][data-c="${column}"]`, text: expected },
    { timeout: 10_000 },
  );
}

async function waitFor(check: () => boolean, timeoutMs = 10_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > end) throw new Error('Timed out waiting for the sandbox.');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
