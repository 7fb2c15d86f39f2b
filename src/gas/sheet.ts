/**
 * The sheet gateway: every SpreadsheetApp call the add-on makes lives here or in a named
 * sibling (filter.ts: the error filter; history-tab.ts: the Import History tab), batched so a
 * slice costs a fixed handful of calls whatever the row count. The header row is read by
 * one function, readHeaderRow_. test/unit/gas/sheet-gateway.test.ts keeps it so.
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

// ---------------------------------------------------------------- the document

export function sheetId_(sheet: Sheet): number {
  return sheet.getSheetId();
}

export function sheetName_(sheet: Sheet): string {
  return sheet.getName();
}

export function spreadsheetName_(): string {
  return SpreadsheetApp.getActiveSpreadsheet().getName();
}

export function spreadsheetZone_(): string {
  return SpreadsheetApp.getActiveSpreadsheet().getSpreadsheetTimeZone();
}

/** The spreadsheet's locale ("en_GB"), which settles d/m against m/d dates. */
export function spreadsheetLocale_(): string {
  return SpreadsheetApp.getActiveSpreadsheet().getSpreadsheetLocale();
}

/** The editor's UI: the add-on menu and the sidebar (touches no data: AuthMode.NONE works). */
export function ui_(): GoogleAppsScript.Base.Ui {
  return SpreadsheetApp.getUi();
}

// ---------------------------------------------------------------- reads

/** The last row and column with data (1-based; 0 for an empty tab): two calls. */
export function usedSize_(sheet: Sheet): { lastRow: number; lastColumn: number } {
  return { lastRow: sheet.getLastRow(), lastColumn: sheet.getLastColumn() };
}

/** The header row as read, and the rows under it read in the same call. */
export interface HeaderRow {
  values: unknown[];
  /** The header's display text; read on first use, from the same range (one more call). */
  display(): string[];
  /** Values of the rows asked for under the header (`below`), as far as the data goes. */
  below: unknown[][];
}

/**
 * The header row, columns A to `lastColumn`: the one place the add-on reads it (a whole-tab
 * read, readGrid_, holds it too). One call, a second only when its display text is asked
 * for. `below` reads that many rows under it in the same call (the wizard's sample rows).
 * Nothing is read when the tab has no columns or ends above the header.
 */
export function readHeaderRow_(
  sheet: Sheet,
  headerRow: number,
  size: { lastRow: number; lastColumn: number },
  below = 0,
): HeaderRow {
  if (size.lastColumn <= 0 || size.lastRow < headerRow)
    return { values: [], display: () => [], below: [] };
  const height = Math.min(1 + below, Math.max(1, size.lastRow - headerRow + 1));
  const range = sheet.getRange(headerRow, 1, height, size.lastColumn);
  const grid = range.getValues();
  let display: string[] | null = null;
  return {
    values: grid[0] ?? [],
    display: () => (display ??= range.getDisplayValues()[0] ?? []),
    below: grid.slice(1),
  };
}

/** Rows and columns of cells: values and display text, as read in one range. */
export interface Cells {
  values: unknown[][];
  display: string[][];
}

/** Rows from..to, columns column…column+width-1 (1-based): values and display values (two calls). */
export function readCells_(
  sheet: Sheet,
  from: number,
  to: number,
  width: number,
  column = 1,
): Cells {
  const range = sheet.getRange(from, column, to - from + 1, width);
  return { values: range.getValues(), display: range.getDisplayValues() };
}

/** Values of rows from..to, columns A to `width` (one call; none for an empty span). */
export function readValues_(sheet: Sheet, from: number, to: number, width: number): unknown[][] {
  return to >= from ? sheet.getRange(from, 1, to - from + 1, width).getValues() : [];
}

/** Values of `count` rows from `top` in one 0-based column, as [[value], …] (one call). */
export function readColumn_(sheet: Sheet, column: number, top: number, count: number): unknown[][] {
  return sheet.getRange(top, column + 1, count, 1).getValues();
}

/**
 * Writes `block` ([[value], …]) into one 0-based column from row `top` (one call). Only for
 * what the person asked to be written (suggested fixes); the add-on's own columns go
 * through writeOwned_.
 */
export function writeColumn_(sheet: Sheet, column: number, top: number, block: unknown[][]): void {
  sheet.getRange(top, column + 1, block.length, 1).setValues(block);
}

/** The rows the person selected (click on row numbers; several ranges with Ctrl). */
export function selectedRows_(sheet: Sheet): number[] {
  const list = sheet.getActiveRangeList();
  const rows: number[] = [];
  for (const range of list ? list.getRanges() : []) {
    const first = range.getRow();
    for (let row = first; row < first + range.getNumRows(); row++) rows.push(row);
  }
  return rows;
}

/** The cells an edit touched: the tab, its rows and its 1-based columns. */
export interface EditedBox {
  sheet: Sheet;
  sheetId: number;
  top: number;
  bottom: number;
  left: number;
  right: number;
}

/** What an onEdit event's range covers, read once. */
export function editedBox_(range: GoogleAppsScript.Spreadsheet.Range): EditedBox {
  const sheet = range.getSheet();
  return {
    sheet,
    sheetId: sheet.getSheetId(),
    top: range.getRow(),
    bottom: range.getLastRow(),
    left: range.getColumn(),
    right: range.getLastColumn(),
  };
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
  const span = extent_(columns);
  if (span === null) return;
  if (span.max - span.min + 1 === columns.length) sheet.hideColumns(span.min + 1, columns.length);
  else for (const column of columns) sheet.hideColumns(column + 1);
}

/**
 * The smallest and largest of some numbers, by a loop: `Math.min(...rows)` passes every row
 * as an argument, and 200,000 of them overflow the stack ("Maximum call stack size exceeded").
 */
export function extent_(values: Iterable<number>): { min: number; max: number } | null {
  let min = Infinity;
  let max = -Infinity;
  for (const value of values) {
    if (value < min) min = value;
    if (value > max) max = value;
  }
  return min === Infinity ? null : { min, max };
}

/**
 * Groups sorted rows into runs [top, bottom], one call each. Rows more than `gap` apart start a
 * new run; past `maxRuns`, the runs closest to each other are joined (the widest gaps stay).
 */
export function runsOf_(
  sorted: readonly number[],
  gap: number,
  maxRuns: number,
): [number, number][] {
  if (sorted.length === 0) return [];
  const breaks: { at: number; size: number }[] = [];
  for (let i = 0; i + 1 < sorted.length; i++) {
    const size = (sorted[i + 1] as number) - (sorted[i] as number) - 1;
    if (size > gap) breaks.push({ at: i, size });
  }
  let kept = breaks;
  if (breaks.length + 1 > maxRuns) {
    kept = [...breaks]
      .sort((a, b) => b.size - a.size || a.at - b.at)
      .slice(0, Math.max(0, maxRuns - 1))
      .sort((a, b) => a.at - b.at);
  }
  const runs: [number, number][] = [];
  let top = sorted[0] as number;
  for (const { at } of kept) {
    runs.push([top, sorted[at] as number]);
    top = sorted[at + 1] as number;
  }
  runs.push([top, sorted[sorted.length - 1] as number]);
  return runs;
}

/** New values for some owned cells of some rows. */
export type OwnedWrites = Map<number, Partial<Record<OwnedColumnKind, string | number>>>;

/** The owned columns' cells of rows `top`…, as just read: columns `first`… of the sheet. */
export interface OwnedRead {
  top: number;
  /** 0-based sheet column of values[r][0]. */
  first: number;
  values: unknown[][];
}

export interface WriteOptions {
  /** The owned cells of every row written, just read by the caller; else read here. */
  current?: OwnedRead;
  /**
   * Status and fingerprint of a row as the caller saw them when it decided what to write. A
   * row where they read differently now was written by an import slice since: it is left as
   * the slice wrote it (a review or onEdit never overwrites a slice's outcome).
   */
  seen?: (row: number) => readonly [unknown, unknown] | undefined;
  /**
   * Whether unchanged cells between changed ones may be written again with the values just
   * read, to join runs into fewer calls. Only when no other execution can write meanwhile
   * (the caller holds the document lock); otherwise only changed cells are written.
   */
  fill: boolean;
}

export interface WriteReport {
  /** SpreadsheetApp calls made (reads and writes). */
  calls: number;
  cells: number;
  /** Rows left alone because a slice wrote them after the caller read them. */
  skipped: number[];
}

/** Rows further apart than this are read in separate calls (a read costs cells, not calls). */
const READ_GAP = 2_000;
const MAX_READS = 4;
/**
 * Unchanged cells a run may carry to join two changes in one call (when `fill`): a call
 * costs about what writing a thousand cells does. Past MAX_RUNS the closest runs join too.
 */
const RUN_GAP = 1_000;
const MAX_RUNS = 8;

/**
 * Writes owned cells, touching only cells whose value changes: per owned column, runs of
 * changed rows, each one setValues. Every text goes through plainText, including unchanged
 * cells carried in a run, so nothing the add-on writes can become a formula (getValues gives
 * back text without its apostrophe). The owned cells are read first (one call per group of
 * nearby rows, unless the caller just read them) to tell what changes and what a run carries.
 */
export function writeOwned_(
  sheet: Sheet,
  owned: Owned,
  writes: OwnedWrites,
  options: WriteOptions,
): WriteReport {
  const report: WriteReport = { calls: 0, cells: 0, skipped: [] };
  if (writes.size === 0) return report;
  const rows: number[] = [];
  for (const row of writes.keys()) rows.push(row);
  rows.sort((a, b) => a - b);
  const columns = CREATE_ORDER.map((kind) => owned[kind]);
  const span = extent_(columns) as { min: number; max: number };
  const width = span.max - span.min + 1;

  const reads: OwnedRead[] = [];
  if (options.current) reads.push(options.current);
  else {
    for (const [top, bottom] of runsOf_(rows, READ_GAP, MAX_READS)) {
      const values = sheet.getRange(top, span.min + 1, bottom - top + 1, width).getValues();
      reads.push({ top, first: span.min, values });
      report.calls++;
    }
  }

  for (const read of reads) {
    const bottom = read.top + read.values.length - 1;
    const at = (row: number, kind: OwnedColumnKind) =>
      read.values[row - read.top]?.[owned[kind] - read.first] ?? '';
    const mine: number[] = [];
    const skipped = new Set<number>();
    for (const row of rows) {
      if (row < read.top || row > bottom) continue;
      const seen = options.seen?.(row);
      if (
        seen &&
        (String(seen[0] ?? '') !== String(at(row, 'status')) ||
          String(seen[1] ?? '') !== String(at(row, 'fingerprint')))
      ) {
        skipped.add(row);
        report.skipped.push(row);
        continue;
      }
      mine.push(row);
    }
    for (const kind of CREATE_ORDER) {
      const changed: number[] = [];
      for (const row of mine) {
        const value = writes.get(row)?.[kind];
        if (value !== undefined && !sameCell_(value, at(row, kind))) changed.push(row);
      }
      const runs = options.fill
        ? runsOf_(changed, RUN_GAP, MAX_RUNS)
        : runsOf_(changed, 0, Infinity);
      for (const [top, last] of runs) {
        const block: unknown[][] = [];
        for (let row = top; row <= last; row++) {
          const value = writes.get(row)?.[kind];
          block.push([protect_(value !== undefined && !skipped.has(row) ? value : at(row, kind))]);
        }
        sheet.getRange(top, owned[kind] + 1, block.length, 1).setValues(block);
        report.calls++;
        report.cells += block.length;
      }
    }
  }
  return report;
}

/** The value as written: text made formula-safe, the rest as is. */
function protect_(value: unknown): unknown {
  if (typeof value === 'string') return plainText(value);
  return value ?? '';
}

/**
 * Whether a cell already shows `value`. A cell that became a formula reads as its result, so
 * it differs from the text meant for it and is written again, as text.
 */
function sameCell_(value: string | number, now: unknown): boolean {
  if (typeof value === 'number') return typeof now === 'number' && now === value;
  return typeof now === 'string' ? now === value : value === '' && now === '';
}

/** Reads the owned cells of rows top…top+count-1 (one call). */
export function readOwned_(sheet: Sheet, owned: Owned, top: number, count: number): OwnedRead {
  const span = extent_(CREATE_ORDER.map((kind) => owned[kind])) as { min: number; max: number };
  if (count <= 0) return { top, first: span.min, values: [] };
  const values = sheet.getRange(top, span.min + 1, count, span.max - span.min + 1).getValues();
  return { top, first: span.min, values };
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

// ---------------------------------------------------------------- selection

export function selectRow_(sheet: Sheet, row: number, width: number): void {
  sheet.getRange(row, 1, 1, Math.max(1, width)).activate();
}
