/**
 * onEdit on a tab with more duplicate numbers than the review can store (its clusters did
 * not fit the record): an edit still finds the rows sharing the edited row's number by
 * reading the identifier column's values once and validating only the cells that may hold
 * that number, not by reading values and display values and validating every row.
 */
import { setUp, startAddon, type Addon } from '../support/addon-harness';
import { cellsReadSinceReset, editCells, errorCell } from '../support/contacts-tab';

const ROWS = 4_000;
const HEADER = ['First Name', 'Last Name', 'Mobile', 'Email'];
/** One row in four repeats the number of the row before it: 1,000 pairs. */
const numberOf = (i: number) => (i % 4 === 3 ? i - 1 : i);
const phoneOf = (i: number) => `+6012${1_000_000 + numberOf(i)}`;

let addon: Addon;
beforeAll(async () => {
  const rows: unknown[][] = [HEADER];
  for (let i = 0; i < ROWS; i++) rows.push([`Name${i}`, `Family${i}`, phoneOf(i), `n${i}@x.io`]);
  addon = await startAddon({ Contacts: rows }, ['--seed', 'empty']);
  setUp(addon, { purpose: 'add-update', identifier: 'phone', importTag: null });
  addon.call('reviewSheet');
}, 120_000);
afterAll(() => addon.stop());

const WIDTH = HEADER.length + 5;
const errorAt = (row: number) => errorCell(addon, row, WIDTH);
const cellsRead = () => cellsReadSinceReset(addon);
const edit = (row: number, column: number, value: string) => editCells(addon, row, column, value);

// Data row i is sheet row i + 2: rows 4 and 5 (i = 2, 3) share a number.
test('an edit beside a duplicate keeps its message and reads the identifier column once', () => {
  expect(errorAt(5)).toMatch(/^Mobile: same number as row 4 /);
  edit(5, 4, 'bad address');
  expect(errorAt(5)).toMatch(/^Mobile: same number as row 4 /);
  expect(errorAt(5)).toMatch(/Email:/);
  expect(errorAt(4)).toMatch(/^Mobile: same number as row 5 /);
  // The Mobile column's values and a few rows; before: its values and display values.
  expect(cellsRead()).toBeLessThanOrEqual(ROWS + 20 * WIDTH);
  edit(5, 4, 'n3@x.io');
  expect(errorAt(5)).toMatch(/^Mobile: same number as row 4 — keep one$/);
}, 120_000);

test('a number written differently is still found', () => {
  // Row 10 (i = 8) gets row 11's number (i = 9) written with spaces.
  edit(10, 3, '+60 12-100 0009');
  expect(errorAt(10)).toMatch(/^Mobile: same number as row 11 /);
  expect(errorAt(11)).toMatch(/^Mobile: same number as row 10 /);
  expect(cellsRead()).toBeLessThanOrEqual(ROWS + 20 * WIDTH);
  edit(10, 3, phoneOf(8));
  expect(errorAt(10)).toBe('');
  // With no stored clusters, the row it left is not known: the sidebar says to re-check.
  expect(addon.call('getWizardState').reviewNote).toMatch(/Re-check to update them/);
}, 120_000);
