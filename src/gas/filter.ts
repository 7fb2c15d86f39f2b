/**
 * The error filter: "show only rows with errors" as a filter condition on the Error column,
 * on or off, keeping the person's own filter. Part of the sheet gateway (sheet.ts): the
 * Filter and FilterCriteria calls live here.
 */
import { columnLetter } from '../core/table';
import type { Sheet } from './sheet';
import type { ErrorFilterRecord, GridBox } from './storage';

export interface ErrorFilterAnswer {
  on: boolean;
  /** What to keep for turning it off again (null: nothing to undo). */
  record: ErrorFilterRecord | null;
  /** Why it could not be done, in words for the person; null when it was. */
  message: string | null;
}

/**
 * Shows only rows with an error (a filter condition on the Error column), or takes that
 * condition off again, keeping the person's own filter and its criteria.
 *
 * A sheet has at most one filter, and a filter takes criteria only for the columns it covers
 * (https://developers.google.com/apps-script/reference/spreadsheet/filter#setColumnFilterCriteria(Integer,FilterCriteria)
 * throws otherwise). The Error column usually sits to the right of the person's filter, and
 * Google cannot resize a filter, so the person's filter is replaced by a wider one: same top
 * row and left column, through the Error column and the last row, with each of their column
 * criteria set again. Turning the error filter off puts their original range back.
 *
 * Their sort is not carried over, because it cannot be read: the Filter class offers
 * sort(columnPosition, ascending) but no getter for it. The rows keep the order that sort
 * gave them; only the sort indicator in the header goes.
 */
export function setErrorFilter_(
  sheet: Sheet,
  headerRow: number,
  errorColumn: number,
  lastRow: number,
  on: boolean,
  record: ErrorFilterRecord | null,
): ErrorFilterAnswer {
  return on
    ? errorFilterOn__(sheet, headerRow, errorColumn + 1, lastRow, record)
    : errorFilterOff__(sheet, errorColumn + 1, record);
}

function errorFilterOn__(
  sheet: Sheet,
  headerRow: number,
  column: number,
  lastRow: number,
  record: ErrorFilterRecord | null,
): ErrorFilterAnswer {
  const onlyErrors = () => SpreadsheetApp.newFilterCriteria().whenCellNotEmpty().build();
  const existing = sheet.getFilter();
  if (!existing) {
    sheet
      .getRange(headerRow, 1, Math.max(2, lastRow - headerRow + 1), sheet.getLastColumn())
      .createFilter()
      .setColumnFilterCriteria(column, onlyErrors());
    return { on: true, record: { kind: 'created' }, message: null };
  }
  const box = boxOf_(existing.getRange());
  const right = box.column + box.numColumns - 1;
  const bottom = box.row + box.numRows - 1;
  if (box.row !== headerRow) {
    return refused_(
      `Your filter starts on row ${box.row}, but this list's header is row ${headerRow}, so the rows with errors can't be shown with it. ` +
        `Remove your filter (Data › Remove filter) or make it start at row ${headerRow}, then try again.`,
      record,
    );
  }
  if (box.column > column) {
    return refused_(
      `Your filter covers columns ${columnLetter(box.column - 1)} to ${columnLetter(right - 1)}, to the right of the Error column (${columnLetter(column - 1)}), so the rows with errors can't be shown with it. ` +
        'Remove your filter (Data › Remove filter) or make it start further left, then try again.',
      record,
    );
  }
  if (column <= right && bottom >= lastRow) {
    existing.setColumnFilterCriteria(column, onlyErrors());
    return { on: true, record, message: null };
  }
  const wide: GridBox = {
    row: box.row,
    column: box.column,
    numRows: Math.max(bottom, lastRow) - box.row + 1,
    numColumns: Math.max(right, column) - box.column + 1,
  };
  const filter = refilter_(sheet, existing, box, wide);
  filter.setColumnFilterCriteria(column, onlyErrors());
  // Widened before (the list grew since): the person's range is still the first one.
  return { on: true, record: record ?? { kind: 'widened', range: box }, message: null };
}

function errorFilterOff__(
  sheet: Sheet,
  column: number,
  record: ErrorFilterRecord | null,
): ErrorFilterAnswer {
  const off = { on: false, record: null, message: null };
  const existing = sheet.getFilter();
  if (!existing) return off;
  if (record?.kind === 'created') {
    existing.remove();
    return off;
  }
  const box = boxOf_(existing.getRange());
  if (!inBox_(box, column)) return off;
  existing.removeColumnFilterCriteria(column);
  if (record?.kind !== 'widened') return off;
  const original = record.range;
  // Put the person's range back only where that loses nothing of theirs: the filter still
  // starts where theirs did and covers it, and no criterion sits outside their columns.
  if (box.row !== original.row || box.column !== original.column) return off;
  if (box.numRows < original.numRows || box.numColumns < original.numColumns) return off;
  for (let c = box.column; c < box.column + box.numColumns; c++) {
    if (!inBox_(original, c) && existing.getColumnFilterCriteria(c) !== null) return off;
  }
  refilter_(sheet, existing, original, original);
  return off;
}

/**
 * Replaces `filter` by one over `to`, with the criteria `filter` has on the columns of
 * `from` (read with getColumnFilterCriteria, set again as copies, as Google's FilterCriteria
 * page copies criteria between filters:
 * https://developers.google.com/apps-script/reference/spreadsheet/filter-criteria).
 */
function refilter_(
  sheet: Sheet,
  filter: GoogleAppsScript.Spreadsheet.Filter,
  from: GridBox,
  to: GridBox,
): GoogleAppsScript.Spreadsheet.Filter {
  const kept: Array<[number, GoogleAppsScript.Spreadsheet.FilterCriteria]> = [];
  for (let c = from.column; c < from.column + from.numColumns; c++) {
    const criteria = filter.getColumnFilterCriteria(c);
    if (criteria) kept.push([c, criteria.copy().build()]);
  }
  filter.remove();
  const created = sheet.getRange(to.row, to.column, to.numRows, to.numColumns).createFilter();
  for (const [c, criteria] of kept) created.setColumnFilterCriteria(c, criteria);
  return created;
}

function refused_(message: string, record: ErrorFilterRecord | null): ErrorFilterAnswer {
  return { on: false, record, message };
}

function boxOf_(range: GoogleAppsScript.Spreadsheet.Range): GridBox {
  return {
    row: range.getRow(),
    column: range.getColumn(),
    numRows: range.getNumRows(),
    numColumns: range.getNumColumns(),
  };
}

function inBox_(box: GridBox, column: number): boolean {
  return column >= box.column && column < box.column + box.numColumns;
}
