/**
 * The Range fake. A range is a rectangle on a sheet fixed at creation (like Google's, it does
 * not follow rows that are later inserted or sorted); every read and write goes to the sheet
 * model.
 */
import { formatA1, type OpenBounds } from './a1';
import { instrument } from './calls';
import type { CellValue } from './cell-values';
import { normalizeColor } from './colors';
import { Fake } from './context';
import { GasError } from './errors';
import { FakeFilter } from './filter';
import type { SheetsContext } from './sheets-context';
import { FakeSheet } from './sheet';
import { type CellAttribute, type GridRange, type SheetModel } from './sheet-model';

export class FakeRange extends Fake<SheetsContext> {
  constructor(
    ctx: SheetsContext,
    readonly model: SheetModel,
    readonly grid: GridRange,
    readonly open: OpenBounds = {},
  ) {
    super(ctx);
  }

  // ------------------------------------------------------------ position

  getRow(): number {
    return this.grid.row;
  }

  getColumn(): number {
    return this.grid.column;
  }

  getNumRows(): number {
    return this.grid.numRows;
  }

  getNumColumns(): number {
    return this.grid.numColumns;
  }

  getLastRow(): number {
    return this.grid.row + this.grid.numRows - 1;
  }

  getLastColumn(): number {
    return this.grid.column + this.grid.numColumns - 1;
  }

  getA1Notation(): string {
    const { row, column, numRows, numColumns } = this.grid;
    return formatA1(row, column, numRows, numColumns, this.open);
  }

  getSheet(): FakeSheet {
    return new FakeSheet(this.ctx, this.model);
  }

  #countCells(key: string): void {
    this.ctx.calls.recordCells(key, this.grid.numRows * this.grid.numColumns);
  }

  activate(): FakeRange {
    this.ctx.book.activate(this.model, this.grid);
    return this;
  }

  // ------------------------------------------------------------ values

  getValues(): CellValue[][] {
    this.#countCells('Range.getValues');
    return this.model.readValues(this.grid);
  }

  getValue(): CellValue {
    return this.model.readValues(this.#topLeft())[0]?.[0] ?? '';
  }

  setValues(values: unknown[][]): FakeRange {
    this.#countCells('Range.setValues');
    this.model.writeValues(this.grid, checkMatrix(values, this.grid, 'setValues'));
    return this;
  }

  setValue(value: unknown): FakeRange {
    this.model.writeValues(this.grid, this.#filled(value));
    return this;
  }

  getDisplayValues(): string[][] {
    this.#countCells('Range.getDisplayValues');
    return this.model.readDisplayValues(this.grid);
  }

  setBackground(color: string | null): FakeRange {
    return this.#fill('backgrounds', normalizeColor(color));
  }

  setFontWeight(weight: string | null): FakeRange {
    return this.#fill('fontWeights', fontWeight(weight));
  }

  setNote(note: string | null): FakeRange {
    return this.#fill('notes', noteText(note));
  }

  clearContent(): FakeRange {
    this.model.clear(this.grid, { contents: true });
    return this;
  }

  // ------------------------------------------------------------ filter

  createFilter(): FakeFilter {
    const data = this.model.createFilter(this.grid);
    return new FakeFilter(this.ctx, this.model, data);
  }

  // ------------------------------------------------------------ helpers

  #topLeft(): GridRange {
    return { row: this.grid.row, column: this.grid.column, numRows: 1, numColumns: 1 };
  }

  #filled<T>(value: T): T[][] {
    const line = new Array<T>(this.grid.numColumns).fill(value);
    return Array.from({ length: this.grid.numRows }, () => line.slice());
  }

  #fill(attr: CellAttribute, value: string | null): FakeRange {
    this.model.fillAttribute(attr, this.grid, value);
    return this;
  }
}

instrument(FakeRange, 'Range', 'SpreadsheetApp');

function fontWeight(weight: unknown): string | null {
  return weight === null || weight === undefined || weight === '' ? null : String(weight);
}

function noteText(note: unknown): string | null {
  return note === null || note === undefined || note === '' ? null : String(note);
}

/** Checks a 2D array against the range like Google: rows first, then each row's columns. */
export function checkMatrix<T>(values: T[][], grid: GridRange, method: string): T[][] {
  if (!Array.isArray(values) || !values.every((line) => Array.isArray(line))) {
    throw new GasError(
      `The parameters (${describeArgument(values)}) don't match the method signature for SpreadsheetApp.Range.${method}.`,
    );
  }
  if (values.length !== grid.numRows) {
    throw new GasError(
      `The number of rows in the data does not match the number of rows in the range. The data has ${values.length} but the range has ${grid.numRows}.`,
    );
  }
  for (const line of values) {
    if (line.length !== grid.numColumns) {
      throw new GasError(
        `The number of columns in the data does not match the number of columns in the range. The data has ${line.length} but the range has ${grid.numColumns}.`,
      );
    }
  }
  return values;
}

/** How Google names an argument's type in signature errors. */
export function describeArgument(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (Array.isArray(value))
    return `${value.length > 0 && !Array.isArray(value[0]) ? (typeof value[0] === 'string' ? 'String' : typeof value[0]) : 'Object'}[]`;
  if (typeof value === 'string') return 'String';
  if (typeof value === 'number') return 'number';
  if (typeof value === 'boolean') return 'Boolean';
  return 'Object';
}

/** Validates numeric getRange arguments with Google's messages, in Google's order. */
export function checkedGrid(
  model: SheetModel,
  row: number,
  column: number,
  numRows: number,
  numColumns: number,
): GridRange {
  for (const n of [row, column, numRows, numColumns]) {
    if (typeof n !== 'number' || Number.isNaN(n)) {
      throw new GasError(
        `The parameters (${[row, column, numRows, numColumns].map(describeArgument).join(',')}) don't match the method signature for SpreadsheetApp.Sheet.getRange.`,
      );
    }
  }
  if (row < 1) throw new GasError('The starting row of the range is too small.');
  if (column < 1) throw new GasError('The starting column of the range is too small.');
  if (numRows < 1) throw new GasError('The number of rows in the range must be at least 1.');
  if (numColumns < 1) throw new GasError('The number of columns in the range must be at least 1.');
  if (row + numRows - 1 > model.maxRows || column + numColumns - 1 > model.maxColumns) {
    throw new GasError('The coordinates of the range are outside the dimensions of the sheet.');
  }
  return {
    row: Math.floor(row),
    column: Math.floor(column),
    numRows: Math.floor(numRows),
    numColumns: Math.floor(numColumns),
  };
}
