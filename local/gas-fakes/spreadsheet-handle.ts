/**
 * The test's and the sandbox's handle on the fake spreadsheet. Nothing here is counted as an
 * add-on call: seeding, reading state, listening, and editing "as a teammate" (through the
 * public API with counting paused).
 */
import { parseA1 } from './a1';
import { interpretWritten } from './cell-values';
import { isDate } from './dates';
import { AUTOMATIC_FORMAT } from './number-format';
import { FakeSpreadsheet } from './spreadsheet';
import type { SheetsContext } from './sheets-context';
import type { SheetModel } from './sheet-model';
import type { ChangeListener, SpreadsheetModel } from './spreadsheet-model';
import { readSheetState, type SheetState } from './state';

export interface SeedOptions {
  /** Make the sheet the active one (default true). */
  activate?: boolean;
  /**
   * Interpret strings as typed input ("123" → 123, "2024-01-05" → a date). Default false:
   * values are stored as given, except that strings starting with "=" are formulas.
   */
  typed?: boolean;
  /** Sheet size; at least the data's size. Defaults 1000 × 26 like a new sheet. */
  maxRows?: number;
  maxColumns?: number;
}

export class SpreadsheetHandle {
  constructor(private readonly ctx: SheetsContext) {}

  get model(): SpreadsheetModel {
    return this.ctx.book;
  }

  /** Creates the sheet, or empties an existing one, and fills it with `rows` from A1. */
  seedSheet(name: string, rows: unknown[][], options: SeedOptions = {}): void {
    const width = rows.reduce((max, line) => Math.max(max, line.length), 0);
    const maxRows = Math.max(options.maxRows ?? 1000, rows.length, 1);
    const maxColumns = Math.max(options.maxColumns ?? 26, width, 1);
    const existing = this.ctx.book.findSheet(name);
    const sheet = existing ?? this.ctx.book.addSheet(name, undefined, maxRows, maxColumns);
    if (existing) resetSheet(existing, maxRows, maxColumns);
    if (rows.length > 0 && width > 0) {
      const padded = rows.map((line) => Array.from({ length: width }, (_, j) => line[j] ?? ''));
      const grid = { row: 1, column: 1, numRows: rows.length, numColumns: width };
      if (options.typed) sheet.writeValues(grid, padded);
      else storeRaw(sheet, padded);
    }
    if (options.activate !== false) this.ctx.book.activate(sheet);
  }

  sheetNames(): string[] {
    return this.ctx.book.sheets.map((s) => s.name);
  }

  /** The plain-data state of a sheet (default: the active one) over a window (default: its data). */
  sheetState(name?: string, window?: string): SheetState {
    const sheet = this.sheet(name);
    if (window === undefined) return readSheetState(this.ctx.book, sheet);
    const ref = parseA1(window);
    if (!ref) throw new Error(`sheetState: bad window ${window}`);
    const row = ref.startRow ?? 1;
    const column = ref.startColumn ?? 1;
    return readSheetState(this.ctx.book, sheet, {
      row,
      column,
      numRows: (ref.endRow ?? sheet.maxRows) - row + 1,
      numColumns: (ref.endColumn ?? sheet.maxColumns) - column + 1,
    });
  }

  /** Calls back after every change the add-on (or a test) makes. Returns an unsubscribe function. */
  onChange(listener: ChangeListener): () => void {
    return this.ctx.book.onChange(listener);
  }

  /**
   * The person's selection: makes the sheet active and selects `a1` on it, or several ranges
   * as with Ctrl-click (`select('Contacts', '3:4', '7:7')`; the last is the active range).
   */
  select(sheetName: string, a1: string, ...more: string[]): void {
    this.ctx.calls.uncounted(() => {
      const sheet = this.facade().getSheetByName(sheetName);
      if (more.length === 0) sheet?.getRange(a1).activate();
      else sheet?.getRangeList([a1, ...more]).activate();
    });
  }

  /**
   * Edits the spreadsheet through the Apps Script API without counting the calls, e.g. a
   * teammate sorting between two slices: `edit(ss => ss.getSheetByName('Contacts')!.sort(3))`.
   */
  edit<T>(fn: (spreadsheet: FakeSpreadsheet) => T): T {
    return this.ctx.calls.uncounted(() => fn(this.facade()));
  }

  /** The sheet model itself, for low-level checks. */
  sheet(name?: string): SheetModel {
    const sheet =
      name === undefined ? this.ctx.book.activeSheetOrFirst() : this.ctx.book.findSheet(name);
    if (!sheet) throw new Error(`The fake spreadsheet has no sheet named ${name}`);
    return sheet;
  }

  private facade(): FakeSpreadsheet {
    return new FakeSpreadsheet(this.ctx);
  }
}

function resetSheet(sheet: SheetModel, maxRows: number, maxColumns: number): void {
  sheet.rows = [];
  sheet.rules = [];
  sheet.filter = null;
  sheet.hiddenColumns = [];
  sheet.maxRows = Math.max(sheet.maxRows, maxRows);
  sheet.maxColumns = Math.max(sheet.maxColumns, maxColumns);
  sheet.contentReplaced('structure');
}

/** Stores values as given (Dates copied, "=…" as formulas), bypassing typed-input parsing. */
function storeRaw(sheet: SheetModel, rows: unknown[][]): void {
  rows.forEach((line, i) => {
    const data = sheet.ensureRow(i + 1);
    line.forEach((value, j) => {
      if (typeof value === 'string' && value.length > 1 && value.startsWith('=')) {
        data.values[j] = '';
        (data.formulas ??= [])[j] = value;
      } else if (isDate(value)) {
        const written = interpretWritten(value, AUTOMATIC_FORMAT, sheet.host.zone());
        data.values[j] = written.value;
        if (written.numberFormat) (data.numberFormats ??= [])[j] = written.numberFormat;
      } else if (
        typeof value === 'number' ||
        typeof value === 'boolean' ||
        typeof value === 'string'
      ) {
        data.values[j] = value;
      } else {
        data.values[j] = value === null || value === undefined ? '' : String(value);
      }
    });
  });
  sheet.contentReplaced('values');
}
