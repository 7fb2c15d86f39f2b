/**
 * The Import History tab's cells: part of the sheet gateway (sheet.ts). history.ts decides
 * what a run's row says and where it goes; the SpreadsheetApp calls are made here.
 */
import type { Sheet } from './sheet';

/** A tab of records found by name; null when there is none. */
export function findTab_(name: string): Sheet | null {
  return SpreadsheetApp.getActiveSpreadsheet().getSheetByName(name);
}

/**
 * Adds a records tab at the end: a bold, shaded, frozen header row and the column widths
 * given as [first column, how many, width in px]. The person stays on the tab they were on.
 */
export function createRecordTab_(
  name: string,
  header: readonly string[],
  widths: readonly (readonly [number, number, number])[],
): Sheet {
  const book = SpreadsheetApp.getActiveSpreadsheet();
  // insertSheet activates the new tab; the person stays on the tab they were importing.
  const active = book.getActiveSheet();
  const sheet = book.insertSheet(name, book.getSheets().length);
  book.setActiveSheet(active);
  sheet
    .getRange(1, 1, 1, header.length)
    .setValues([[...header]])
    .setFontWeight('bold')
    .setBackground('#f3f3f3');
  sheet.setFrozenRows(1);
  for (const [first, count, width] of widths) sheet.setColumnWidths(first, count, width);
  return sheet;
}

/** The tab's last row with data, and the values of one 1-based column from row 2 to it. */
export function readRecordColumn_(
  sheet: Sheet,
  column: number,
): { lastRow: number; values: unknown[] } {
  const lastRow = sheet.getLastRow();
  if (lastRow < 2) return { lastRow, values: [] };
  const cells = sheet.getRange(2, column, lastRow - 1, 1).getValues();
  return { lastRow, values: cells.map((cell) => cell[0]) };
}

/** Writes one record at `row` (one call). */
export function writeRecord_(sheet: Sheet, row: number, record: readonly unknown[]): void {
  sheet.getRange(row, 1, 1, record.length).setValues([[...record]]);
}

/** Every record under the header as display text, `width` columns (one call, two with the size). */
export function readRecords_(sheet: Sheet, width: number): string[][] {
  const lastRow = sheet.getLastRow();
  if (lastRow < 2) return [];
  return sheet.getRange(2, 1, lastRow - 1, width).getDisplayValues();
}
