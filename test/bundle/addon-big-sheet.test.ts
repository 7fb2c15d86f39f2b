/**
 * A 200,000-row sheet through the production bundle (the size the product promises): the
 * review finishes, an edit reads its row (and the identifier column when an identifier
 * changed) rather than the tab, a slice's flush reads the identifier and owned columns
 * rather than the tab, and a teammate watching an import costs no web request.
 */
import { setUp, startAddon, type Addon } from '../support/addon-harness';
import { cellsReadSinceReset, editCells, errorCell } from '../support/contacts-tab';

const ROWS = 200_000;
const HEADER = ['First Name', 'Last Name', 'Mobile', 'Email'];
const phoneOf = (i: number) => `+6012${1_000_000 + i}`;

function bigSheet(): unknown[][] {
  const out: unknown[][] = [HEADER];
  for (let i = 0; i < ROWS; i++) {
    // Every 1,000th row has a broken email: some errors spread over the whole sheet.
    out.push([
      `Name${i}`,
      `Family${i % 97}`,
      phoneOf(i),
      i % 1000 === 3 ? `bad${i}` : `n${i}@x.io`,
    ]);
  }
  return out;
}

let addon: Addon;
beforeAll(async () => {
  addon = await startAddon({ Contacts: bigSheet() }, ['--seed', 'empty', '--rate', '2000'], {
    sliceMs: 300,
  });
  setUp(addon, { purpose: 'add-update', identifier: 'phone', importTag: null });
}, 120_000);
afterAll(() => addon.stop());

/** The four data columns and the add-on's five. */
const WIDTH = HEADER.length + 5;
/** One Error cell, read without counting (a whole-sheet state of 200,000 rows is slow to build). */
const errorAt = (row: number) => errorCell(addon, row, WIDTH);
const cellsRead = () => cellsReadSinceReset(addon);

function edit(row: number, column: number, value: string): void {
  const ms = editCells(addon, row, column, value);
  // Reported, never asserted (tests do not depend on the machine's speed).
  console.log(`onEdit of R${row}C${column}: ${ms} ms`);
}

test('the review of 200,000 rows finishes and marks the broken rows', () => {
  // Before: Math.min(...rows) over every row overflowed the stack.
  const review = addon.call('reviewSheet');
  expect(review).toMatchObject({ rows: ROWS, errors: ROWS / 1000, blocking: [] });
  expect(errorAt(5)).toMatch(/^Email:/);
  expect(errorAt(ROWS - 995)).toMatch(/^Email:/);
  expect(errorAt(6)).toBe('');
}, 600_000);

test('an edit of a name reads its row, not the tab', () => {
  edit(5, 4, 'fixed@x.io');
  expect(errorAt(5)).toBe('');
  // The header, the row, and its owned cells again before writing: a few rows' cells.
  expect(cellsRead()).toBeLessThanOrEqual(10 * WIDTH);
}, 120_000);

test('an edit of an identifier reads the identifier column and flags both copies', () => {
  edit(10, 3, phoneOf(100_000)); // row 10 now shares row 100,002's number
  expect(errorAt(10)).toMatch(/^Mobile: same number as row 100002/);
  expect(errorAt(100_002)).toMatch(/^Mobile: same number as row 10/);
  // The identifier column's values once and a few rows: not the 1.8M-cell tab, and not its
  // display values too (only cells that may hold the number are validated, from their rows).
  expect(cellsRead()).toBeLessThanOrEqual(ROWS + 20 * WIDTH);

  edit(10, 3, phoneOf(8)); // its own number again
  expect(errorAt(10)).toBe('');
  expect(errorAt(100_002)).toBe('');
}, 120_000);

test('a slice flush reads the identifier and owned columns, not the tab', () => {
  const { jobId } = addon.call('startImport', 'pending');
  addon.fakes.calls.reset();
  const progress = addon.call('continueImport', jobId);
  expect(progress.rowsDone).toBeGreaterThan(0);
  // The slice's own check reads the tab once (values and display values, the same cells);
  // what getValues read beyond that is the flushes'.
  const flushCells =
    addon.fakes.calls.cells('Range.getValues') - addon.fakes.calls.cells('Range.getDisplayValues');
  // One flush (the slice is short): identifier + five owned columns per row, and the header.
  expect(flushCells).toBeLessThanOrEqual(ROWS * (1 + 5) + WIDTH + 100);
  expect(flushCells).toBeGreaterThan(0);
  addon.call('cancelImport', jobId);
}, 600_000);

test('a teammate watching a running import costs no web request', () => {
  const { jobId } = addon.call('startImport', 'pending');
  try {
    addon.fakes.calls.reset();
    for (let i = 0; i < 5; i++) {
      expect(addon.call('getWizardState').job?.status).toBe('processing');
      expect(addon.call('getImportProgress', jobId)).not.toBeNull();
    }
    expect(addon.fakes.calls.total('UrlFetchApp')).toBe(0);
  } finally {
    addon.call('cancelImport', jobId);
  }
}, 120_000);
