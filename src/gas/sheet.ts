/**
 * The sheet gateway: every SpreadsheetApp call the add-on makes on a contact tab lives
 * here, batched so a slice costs a fixed handful of calls whatever the row count.
 *
 * The add-on owns five columns, found by header wherever they are and created to the right
 * of the data when absent: Error, Import Status, Contact ID, and two hidden helpers
 * (Import Fingerprint, Error Cells). It writes nothing else, except suggested fixes the
 * person asks for. Text it writes is made formula-safe (plainText).
 */
import { OWNED_COLUMNS, OWNED_COLUMN_KINDS, type OwnedColumnKind } from '../core/columns';
import { plainText } from '../core/outcome';
import { columnLetter } from '../core/table';
import type { RowResult } from '../core/validate';
import type { ErrorFilterRecord, GridBox } from './storage';

export type Sheet = GoogleAppsScript.Spreadsheet.Sheet;
export type Owned = Record<OwnedColumnKind, number>;

/** Owned columns in the order they are created; the helpers are hidden. */
const CREATE_ORDER: readonly OwnedColumnKind[] = [
  'error',
  'status',
  'contactId',
  'fingerprint',
  'cells',
];
const HIDDEN: readonly OwnedColumnKind[] = ['fingerprint', 'cells'];

export interface Grid {
  /** getValues() of the used range, from row 1 and column A. */
  values: unknown[][];
  display: string[][];
  lastRow: number;
  lastColumn: number;
}

export function activeSheet_(): Sheet {
  return SpreadsheetApp.getActiveSpreadsheet().getActiveSheet();
}

export function sheetById_(sheetId: number): Sheet | null {
  for (const sheet of SpreadsheetApp.getActiveSpreadsheet().getSheets()) {
    if (sheet.getSheetId() === sheetId) return sheet;
  }
  return null;
}

/** The whole used range: three calls, whatever its size. */
export function readGrid_(sheet: Sheet): Grid {
  const range = sheet.getDataRange();
  const values = range.getValues();
  const display = range.getDisplayValues();
  return { values, display, lastRow: values.length, lastColumn: values[0]?.length ?? 0 };
}

/** Where the owned columns are, by header (null for those not there yet). */
export function findOwned_(header: readonly unknown[]): Partial<Owned> {
  const found: Partial<Owned> = {};
  header.forEach((cell, index) => {
    if (typeof cell !== 'string') return;
    const text = cell.trim().toLowerCase();
    for (const kind of OWNED_COLUMN_KINDS) {
      if (found[kind] === undefined && OWNED_COLUMNS[kind].toLowerCase() === text)
        found[kind] = index;
    }
  });
  return found;
}

/**
 * Finds the owned columns, creating the missing ones (side by side, to the right of the
 * data; helpers hidden). Their format stays automatic: writeOwned_ quotes risky text.
 * Updates `grid` so callers see the new header cells.
 */
export function ensureOwned_(sheet: Sheet, grid: Grid, headerRow: number): Owned {
  const header = grid.values[headerRow - 1] ?? [];
  const found = findOwned_(header);
  const missing = CREATE_ORDER.filter((kind) => found[kind] === undefined);
  if (missing.length === 0) return found as Owned;

  const start = grid.lastColumn; // 0-based index of the first new column
  const needed = start + missing.length - sheet.getMaxColumns();
  if (needed > 0) sheet.insertColumnsAfter(sheet.getMaxColumns(), needed);
  sheet
    .getRange(headerRow, start + 1, 1, missing.length)
    .setValues([missing.map((kind) => OWNED_COLUMNS[kind])]);
  missing.forEach((kind, i) => (found[kind] = start + i));
  hideHelpers_(sheet, missing, found as Owned);
  // Wide enough to read a message; Sheets' default 100 px cuts most of them.
  if (missing.includes('error')) sheet.setColumnWidth((found.error as number) + 1, 320);

  for (const row of grid.values) while (row.length < start + missing.length) row.push('');
  for (const row of grid.display) while (row.length < start + missing.length) row.push('');
  missing.forEach((kind, i) => {
    (grid.values[headerRow - 1] as unknown[])[start + i] = OWNED_COLUMNS[kind];
    (grid.display[headerRow - 1] as string[])[start + i] = OWNED_COLUMNS[kind];
  });
  grid.lastColumn = start + missing.length;
  return found as Owned;
}

function hideHelpers_(sheet: Sheet, created: readonly OwnedColumnKind[], owned: Owned): void {
  const columns = HIDDEN.filter((kind) => created.includes(kind)).map((kind) => owned[kind]);
  if (columns.length === 0) return;
  const first = Math.min(...columns);
  if (Math.max(...columns) - first + 1 === columns.length)
    sheet.hideColumns(first + 1, columns.length);
  else for (const column of columns) sheet.hideColumns(column + 1);
}

/** New values for some owned cells of some rows. */
export type OwnedWrites = Map<number, Partial<Record<OwnedColumnKind, string | number>>>;

/**
 * Writes owned cells for the rows in `writes`: one setValues over the rows' span when the
 * owned columns sit side by side (as the add-on creates them), else one per column. Cells of
 * the span not being written keep the values read into `grid`.
 */
export function writeOwned_(sheet: Sheet, grid: Grid, owned: Owned, writes: OwnedWrites): number {
  if (writes.size === 0) return 0;
  // A loop, not Math.min(...rows): spreading 200,000 arguments overflows V8's stack.
  let top = Infinity;
  let bottom = -Infinity;
  for (const row of writes.keys()) {
    if (row < top) top = row;
    if (row > bottom) bottom = row;
  }
  for (const [row, cells] of writes) {
    const line = (grid.values[row - 1] ??= []);
    for (const kind of Object.keys(cells) as OwnedColumnKind[]) {
      const value = cells[kind];
      line[owned[kind]] = typeof value === 'string' ? plainText(value) : (value ?? '');
    }
  }
  const cell = (row: number, column: number) => grid.values[row - 1]?.[column] ?? '';
  const columns = CREATE_ORDER.map((kind) => owned[kind]).sort((a, b) => a - b);
  const first = columns[0] as number;
  const adjacent = (columns[columns.length - 1] as number) - first + 1 === columns.length;
  const height = bottom - top + 1;
  if (adjacent) {
    const block = Array.from({ length: height }, (_, r) => columns.map((c) => cell(top + r, c)));
    sheet.getRange(top, first + 1, height, columns.length).setValues(block);
    return 1;
  }
  for (const column of columns) {
    const block = Array.from({ length: height }, (_, r) => [cell(top + r, column)]);
    sheet.getRange(top, column + 1, height, 1).setValues(block);
  }
  return columns.length;
}

// ---------------------------------------------------------------- highlights

const HIGHLIGHT = '#f4c7c3';
/** Cells with a suggested fix (a warning: the row is still imported). */
const FIX_HIGHLIGHT = '#fce8b2';
const ERROR_TEXT = '#c5221f';
/** Our rules are recognised by their formula, so a person's own rules are left alone. */
const OUR_RULE = /^=REGEXMATCH\(\$[A-Z]+\d+,\s*",w?"&COLUMN\(\)&","\)$|^=LEN\(\$[A-Z]+\d+\)>0$/;

/**
 * Three conditional-format rules highlight every cell concerned for any number of rows: the
 * hidden Error Cells column lists the offending column numbers and, marked `w`, those with
 * a suggested fix (`,3,5,w7,`); a rule over the data asks whether its own COLUMN() is
 * listed. Errors win over fixes (rules apply in order). Cells stay the person's own colours
 * underneath, and a row's highlight goes when its Error Cells cell is emptied.
 */
export function applyHighlights_(
  sheet: Sheet,
  headerRow: number,
  owned: Owned,
  dataColumns: number,
): void {
  const firstDataRow = headerRow + 1;
  const height = Math.max(1, sheet.getMaxRows() - headerRow);
  const cellsRef = `$${columnLetter(owned.cells)}${firstDataRow}`;
  const errorRef = `$${columnLetter(owned.error)}${firstDataRow}`;
  const keep = sheet.getConditionalFormatRules().filter((rule) => !isOurRule_(rule));
  const highlight = SpreadsheetApp.newConditionalFormatRule()
    .whenFormulaSatisfied(`=REGEXMATCH(${cellsRef},","&COLUMN()&",")`)
    .setBackground(HIGHLIGHT)
    .setRanges([sheet.getRange(firstDataRow, 1, height, Math.max(1, dataColumns))])
    .build();
  const fix = SpreadsheetApp.newConditionalFormatRule()
    .whenFormulaSatisfied(`=REGEXMATCH(${cellsRef},",w"&COLUMN()&",")`)
    .setBackground(FIX_HIGHLIGHT)
    .setRanges([sheet.getRange(firstDataRow, 1, height, Math.max(1, dataColumns))])
    .build();
  const errorText = SpreadsheetApp.newConditionalFormatRule()
    .whenFormulaSatisfied(`=LEN(${errorRef})>0`)
    .setFontColor(ERROR_TEXT)
    .setRanges([sheet.getRange(firstDataRow, owned.error + 1, height, 1)])
    .build();
  sheet.setConditionalFormatRules([...keep, highlight, fix, errorText]);
}

function isOurRule_(rule: GoogleAppsScript.Spreadsheet.ConditionalFormatRule): boolean {
  const condition = rule.getBooleanCondition();
  if (!condition) return false;
  const values = condition.getCriteriaValues();
  return typeof values[0] === 'string' && OUR_RULE.test(values[0].replace(/\s+/g, ''));
}

/**
 * The Error Cells text for a row: 1-based numbers of the columns with an error, then those
 * with a suggested fix marked `w` (`,3,5,w7,`); '' when there are none.
 */
export function cellsText_(errors: readonly number[], fixes: readonly number[] = []): string {
  const parts = [
    ...errors.map((c) => String(c + 1)),
    ...fixes.filter((c) => !errors.includes(c)).map((c) => `w${c + 1}`),
  ];
  return parts.length === 0 ? '' : `,${parts.join(',')},`;
}

/** 0-based columns of a row whose warning comes with a suggested value. */
export function fixColumns_(result: RowResult): number[] {
  return result.warnings.filter((w) => w.suggested !== null).map((w) => w.column);
}

// ---------------------------------------------------------------- filter and selection

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

export function selectRow_(sheet: Sheet, row: number, width: number): void {
  sheet.getRange(row, 1, 1, Math.max(1, width)).activate();
}
