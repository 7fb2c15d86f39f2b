/// <reference types="google-apps-script" />
/**
 * The owned-column writer (src/gas/sheet.ts) on the Apps Script fakes: sheets of any size,
 * only changed cells, formula-safe text, and a slice's outcome never overwritten.
 */
import { createGasFakes } from '../../../local/gas-fakes';
import {
  extent_,
  runsOf_,
  writeOwned_,
  type Owned,
  type OwnedWrites,
} from '../../../src/gas/sheet';

const HEADER = [
  'Name',
  'Error',
  'Import Status',
  'Contact ID',
  'Import Fingerprint',
  'Error Cells',
];
const OWNED: Owned = { error: 1, status: 2, contactId: 3, fingerprint: 4, cells: 5 };

function sheetOf(rows: unknown[][]) {
  const fakes = createGasFakes({ sheets: { Contacts: [HEADER, ...rows] } });
  const sheet = fakes.globals.SpreadsheetApp.getActiveSpreadsheet().getSheetByName('Contacts')!;
  return { fakes, sheet: sheet as unknown as GoogleAppsScript.Spreadsheet.Sheet };
}

test('extent_ and runsOf_ take 300,000 rows (no spread into Math.min)', () => {
  const rows = Array.from({ length: 300_000 }, (_, i) => i * 2 + 2);
  expect(extent_(rows)).toEqual({ min: 2, max: 600_000 });
  expect(extent_([])).toBeNull();
  expect(runsOf_(rows, 0, Infinity)).toHaveLength(300_000);
  expect(runsOf_(rows, 1, 8)).toEqual([[2, 600_000]]);
  // The widest gaps stay when runs must be joined.
  expect(runsOf_([1, 2, 10, 11, 500, 900], 0, 3)).toEqual([
    [1, 11],
    [500, 500],
    [900, 900],
  ]);
});

test('writes 300,000 rows, touching only the cells that change', () => {
  const n = 300_000;
  const { fakes, sheet } = sheetOf(
    Array.from({ length: n }, (_, i) => [`p${i}`, '', '', '', '', '']),
  );
  const writes: OwnedWrites = new Map();
  for (let row = 2; row <= n + 1; row++)
    writes.set(row, { error: row % 1000 === 0 ? `=bad ${row}` : '', cells: '' });
  fakes.calls.reset();
  const report = writeOwned_(sheet, OWNED, writes, { fill: false });
  // 300 changed cells, scattered: one call each, nothing else written.
  expect(fakes.calls.cells('Range.setValues')).toBe(300);
  expect(report.calls).toBe(1 + 300);
  const state = fakes.spreadsheet.sheetState('Contacts');
  expect(state.values[999]![1]).toBe('=bad 1000');
  expect(state.formulas.flat().filter(Boolean)).toEqual([]);

  // With the lock held, nearby changes join into few calls carrying unchanged cells as text.
  for (let row = 2; row <= n + 1; row++) writes.set(row, { error: `=again ${row % 7}` });
  fakes.calls.reset();
  writeOwned_(sheet, OWNED, writes, { fill: true });
  expect(fakes.calls.count('Range.setValues')).toBeLessThanOrEqual(8);
  expect(fakes.spreadsheet.sheetState('Contacts').formulas.flat().filter(Boolean)).toEqual([]);
});

test('a row a slice wrote after the caller read it is left as the slice wrote it', () => {
  const { sheet, fakes } = sheetOf([
    ['a', 'old', '', '', '', ''],
    ['b', 'old', 'Imported', 7, 'f1@r1', ''], // written by a slice since the caller read
  ]);
  const writes: OwnedWrites = new Map([
    [2, { error: 'new', cells: ',1,' }],
    [3, { error: 'new', cells: ',1,' }],
  ]);
  const seen = () => ['', ''] as const; // what the caller saw: no status, no fingerprint
  const report = writeOwned_(sheet, OWNED, writes, { seen, fill: true });
  expect(report.skipped).toEqual([3]);
  const values = fakes.spreadsheet.sheetState('Contacts').values;
  expect(values[1]!.slice(1)).toEqual(['new', '', '', '', ',1,']);
  expect(values[2]!.slice(1)).toEqual(['old', 'Imported', 7, 'f1@r1', '']);
});
