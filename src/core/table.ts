/**
 * Reads the sheet as Apps Script's `Range.getValues()` gives it (plus, when the driver has them,
 * `getDisplayValues()`): finds the header, the add-on's own columns, the data columns with
 * labels a person can tell apart, and the data rows with their sheet row numbers.
 *
 * Rows are not copied: each TableRow points at the driver's arrays, so a 200,000-row sheet costs
 * one small object per row.
 */
import { ownedColumnKind, type OwnedColumnKind } from './columns';
import { MAX_COLUMNS, MAX_DATA_ROWS, MIN_DATA_ROWS } from './limits';
import { fail, ok, type Result } from './result';
import { countText } from './text';
import { isBlank, isDateValue } from './values/cell';

export interface Column {
  /** 0-based index in the sheet row (column A is 0). */
  readonly index: number;
  /** "A", "B", … "AA". */
  readonly letter: string;
  /** The header as written, trimmed ('' when the header cell is empty). */
  readonly header: string;
  /** Unique within the table: the header, "Column F" when empty, "Phone (2)" when repeated. */
  readonly label: string;
}

export interface TableRow {
  /** 1-based sheet row number. */
  readonly row: number;
  /** The row as getValues() gave it (may be shorter than the table: ragged rows). */
  readonly values: readonly unknown[];
  /** The same row from getDisplayValues(), when the driver read it. */
  readonly display: readonly string[] | null;
}

export type OwnedColumns = Readonly<Partial<Record<OwnedColumnKind, Column>>>;

/** What is known from the header row alone (enough to check one edited row). */
export interface TableHeader {
  /** 1-based sheet row of the header. */
  readonly headerRow: number;
  /** Data columns, left to right; the add-on's own columns are not among them. */
  readonly columns: readonly Column[];
  /** The add-on's own columns found in the header (the first of each kind). */
  readonly owned: OwnedColumns;
  /** Columns up to the last one with a header or data; trailing empty columns are left out. */
  readonly width: number;
}

export interface Table extends TableHeader {
  /** Non-empty data rows, top to bottom. */
  readonly rows: readonly TableRow[];
  /** Sheet rows inside the data that are empty: reported, not validated. */
  readonly emptyRows: readonly number[];
}

export type SheetValues = readonly (readonly unknown[])[];
export type SheetDisplayValues = readonly (readonly string[])[];

export interface ReadTableOptions {
  /** 1-based sheet row holding the column names (default 1). */
  readonly headerRow?: number;
  /** 1-based sheet row of values[0] (default 1: the range starts at the top of the sheet). */
  readonly firstRow?: number;
  /** getDisplayValues() of the same range, when read. */
  readonly display?: SheetDisplayValues | null;
}

export function columnLetter(index: number): string {
  let letter = '';
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26)) {
    letter = String.fromCharCode(65 + ((n - 1) % 26)) + letter;
  }
  return letter;
}

function headerText(value: unknown, display: string | undefined): string {
  if (display !== undefined && display.trim() !== '') return display.trim();
  if (typeof value === 'string') return value.trim();
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (isDateValue(value) && Number.isFinite(value.getTime())) {
    return value.toISOString().slice(0, 10);
  }
  return '';
}

function lastFilledIndex(values: readonly unknown[] | undefined): number {
  if (!values) return -1;
  for (let i = values.length - 1; i >= 0; i--) if (!isBlank(values[i])) return i;
  return -1;
}

/** Gives every column a label no other column has. */
function labelColumns(headers: readonly { index: number; header: string }[]): Column[] {
  const used = new Set<string>();
  const seen = new Map<string, number>();
  const columns: Column[] = [];
  // Real headers claim their own names first, so "Column F" never steals a written header.
  for (const { header } of headers) if (header !== '') used.add(header.toLowerCase());
  const claimed = new Set<string>();
  for (const { index, header } of headers) {
    const letter = columnLetter(index);
    let label = header === '' ? `Column ${letter}` : header;
    const key = label.toLowerCase();
    if (header !== '' && claimed.has(key)) {
      let n = (seen.get(key) ?? 1) + 1;
      while (used.has(`${key} (${n})`)) n++;
      seen.set(key, n);
      label = `${header} (${n})`;
      used.add(label.toLowerCase());
    }
    claimed.add(label.toLowerCase());
    columns.push({ index, letter, header, label });
  }
  return columns;
}

/** Reads a header row: data columns, owned columns and the width they span. */
export function readHeader(
  headerValues: readonly unknown[],
  headerDisplay: readonly string[] | null = null,
  headerRow = 1,
  minWidth = 0,
): TableHeader {
  const width = Math.max(lastFilledIndex(headerValues) + 1, minWidth);
  const owned: Partial<Record<OwnedColumnKind, Column>> = {};
  const data: { index: number; header: string }[] = [];
  for (let index = 0; index < width; index++) {
    const header = headerText(headerValues[index], headerDisplay?.[index]);
    const kind = header === '' ? null : ownedColumnKind(header);
    if (kind === null) {
      data.push({ index, header });
    } else if (owned[kind] === undefined) {
      owned[kind] = { index, letter: columnLetter(index), header, label: header };
    }
  }
  return { headerRow, columns: labelColumns(data), owned, width };
}

/** One sheet row as the core reads it (for a driver that read a single row, e.g. onEdit). */
export function tableRow(
  row: number,
  values: readonly unknown[],
  display: readonly string[] | null = null,
): TableRow {
  return { row, values, display };
}

export function isEmptyRow(
  values: readonly unknown[] | undefined,
  columns: readonly Column[],
): boolean {
  if (!values) return true;
  for (const column of columns) if (!isBlank(values[column.index])) return false;
  return true;
}

/**
 * Reads the whole table. Limits are checked first, before any row is looked at in detail:
 * too many columns, no data rows, or more than 200,000 data rows are refused with a message.
 */
export function readTable(values: SheetValues, options: ReadTableOptions = {}): Result<Table> {
  const headerRow = options.headerRow ?? 1;
  const firstRow = options.firstRow ?? 1;
  const display = options.display ?? null;
  const headerIndex = headerRow - firstRow;
  const headerValues = values[headerIndex];
  if (values.every((row) => lastFilledIndex(row) < 0)) {
    return fail(['The sheet is empty — add a header row with column names, then the contacts.']);
  }
  if (headerIndex < 0 || headerValues === undefined) {
    return fail([
      `Row ${headerRow} is past the last row with data — choose the row that holds the column names.`,
    ]);
  }

  let width = 0;
  for (let i = headerIndex; i < values.length; i++) {
    width = Math.max(width, lastFilledIndex(values[i]) + 1);
  }
  const header = readHeader(headerValues, display?.[headerIndex] ?? null, headerRow, width);
  const { columns } = header;
  if (columns.length > MAX_COLUMNS) {
    return fail([
      `The sheet has ${countText(columns.length)} columns; at most ${MAX_COLUMNS} can be imported — delete unused columns or copy the contacts to a new tab.`,
    ]);
  }

  const empty: boolean[] = [];
  let lastData = -1;
  let dataRows = 0;
  for (let i = headerIndex + 1; i < values.length; i++) {
    const isEmpty = isEmptyRow(values[i], columns);
    empty.push(isEmpty);
    if (!isEmpty) {
      lastData = i;
      dataRows++;
    }
  }
  if (dataRows < MIN_DATA_ROWS) {
    return fail([
      `No contacts below the header row (row ${headerRow}) — add at least one row, or choose the row that holds the column names.`,
    ]);
  }
  if (dataRows > MAX_DATA_ROWS) {
    return fail([
      `The sheet has ${countText(dataRows)} contact rows; one import takes at most ${countText(MAX_DATA_ROWS)} — split them across tabs.`,
    ]);
  }

  const rows: TableRow[] = [];
  const emptyRows: number[] = [];
  for (let i = headerIndex + 1; i <= lastData; i++) {
    const row = firstRow + i;
    if (empty[i - headerIndex - 1]) emptyRows.push(row);
    else rows.push({ row, values: values[i] ?? [], display: display?.[i] ?? null });
  }
  return ok({ ...header, rows, emptyRows });
}
