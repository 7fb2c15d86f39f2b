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
import { translateFormula } from './formula';
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

  getRowIndex(): number {
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

  getHeight(): number {
    return this.grid.numRows;
  }

  getWidth(): number {
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

  getGridId(): number {
    return this.model.id;
  }

  getSheet(): FakeSheet {
    return new FakeSheet(this.ctx, this.model);
  }

  getCell(row: number, column: number): FakeRange {
    if (row < 1 || column < 1 || row > this.grid.numRows || column > this.grid.numColumns) {
      throw new GasError('Cell reference out of range');
    }
    return this.#sub(this.grid.row + row - 1, this.grid.column + column - 1, 1, 1);
  }

  offset(
    rowOffset: number,
    columnOffset: number,
    numRows?: number,
    numColumns?: number,
  ): FakeRange {
    return this.#sub(
      this.grid.row + rowOffset,
      this.grid.column + columnOffset,
      numRows ?? this.grid.numRows,
      numColumns ?? this.grid.numColumns,
    );
  }

  #sub(row: number, column: number, numRows: number, numColumns: number): FakeRange {
    return new FakeRange(
      this.ctx,
      this.model,
      checkedGrid(this.model, row, column, numRows, numColumns),
    );
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

  getDisplayValue(): string {
    return this.model.readDisplayValues(this.#topLeft())[0]?.[0] ?? '';
  }

  getFormulas(): string[][] {
    return this.model.readFormulas(this.grid);
  }

  getFormula(): string {
    return this.model.readFormulas(this.#topLeft())[0]?.[0] ?? '';
  }

  setFormulas(formulas: string[][]): FakeRange {
    this.model.writeFormulas(this.grid, checkMatrix(formulas, this.grid, 'setFormulas'));
    return this;
  }

  /** On several cells the formula is filled like a paste: relative references move per cell. */
  setFormula(formula: string): FakeRange {
    const text = String(formula);
    const cells = Array.from({ length: this.grid.numRows }, (_, i) =>
      Array.from({ length: this.grid.numColumns }, (_, j) =>
        text.startsWith('=') ? translateFormula(text, i, j) : text,
      ),
    );
    this.model.writeFormulas(this.grid, cells);
    return this;
  }

  isBlank(): boolean {
    const values = this.model.readValues(this.grid);
    const formulas = this.model.readFormulas(this.grid);
    return (
      values.every((line) => line.every((v) => v === '')) &&
      formulas.every((l) => l.every((f) => f === ''))
    );
  }

  // ------------------------------------------------------------ formats and notes

  getNumberFormats(): string[][] {
    return this.#read('numberFormats');
  }

  getNumberFormat(): string {
    return this.#readOne('numberFormats');
  }

  setNumberFormats(formats: string[][]): FakeRange {
    return this.#writeMatrix('numberFormats', formats, 'setNumberFormats', (f) =>
      f === null ? null : String(f),
    );
  }

  setNumberFormat(format: string): FakeRange {
    return this.#fill('numberFormats', format === null ? null : String(format));
  }

  getBackgrounds(): string[][] {
    return this.#read('backgrounds');
  }

  getBackground(): string {
    return this.#readOne('backgrounds');
  }

  setBackgrounds(colors: Array<Array<string | null>>): FakeRange {
    return this.#writeMatrix('backgrounds', colors, 'setBackgrounds', normalizeColor);
  }

  setBackground(color: string | null): FakeRange {
    return this.#fill('backgrounds', normalizeColor(color));
  }

  getFontColors(): string[][] {
    return this.#read('fontColors');
  }

  getFontColor(): string {
    return this.#readOne('fontColors');
  }

  setFontColors(colors: Array<Array<string | null>>): FakeRange {
    return this.#writeMatrix('fontColors', colors, 'setFontColors', normalizeColor);
  }

  setFontColor(color: string | null): FakeRange {
    return this.#fill('fontColors', normalizeColor(color));
  }

  getFontWeights(): string[][] {
    return this.#read('fontWeights');
  }

  getFontWeight(): string {
    return this.#readOne('fontWeights');
  }

  setFontWeights(weights: Array<Array<string | null>>): FakeRange {
    return this.#writeMatrix('fontWeights', weights, 'setFontWeights', fontWeight);
  }

  setFontWeight(weight: string | null): FakeRange {
    return this.#fill('fontWeights', fontWeight(weight));
  }

  getNotes(): string[][] {
    return this.#read('notes');
  }

  getNote(): string {
    return this.#readOne('notes');
  }

  setNotes(notes: Array<Array<string | null>>): FakeRange {
    return this.#writeMatrix('notes', notes, 'setNotes', noteText);
  }

  setNote(note: string | null): FakeRange {
    return this.#fill('notes', noteText(note));
  }

  clearNote(): FakeRange {
    this.model.clear(this.grid, { notes: true });
    return this;
  }

  clear(options?: {
    contentsOnly?: boolean;
    formatOnly?: boolean;
    commentsOnly?: boolean;
  }): FakeRange {
    const only = options && (options.contentsOnly || options.formatOnly || options.commentsOnly);
    this.model.clear(this.grid, {
      contents: !only || !!options?.contentsOnly,
      formats: !only || !!options?.formatOnly,
    });
    return this;
  }

  clearContent(): FakeRange {
    this.model.clear(this.grid, { contents: true });
    return this;
  }

  clearFormat(): FakeRange {
    this.model.clear(this.grid, { formats: true });
    return this;
  }

  // ------------------------------------------------------------ filter and sort

  createFilter(): FakeFilter {
    const data = this.model.createFilter(this.grid);
    return new FakeFilter(this.ctx, this.model, data);
  }

  getFilter(): FakeFilter | null {
    return this.model.filter ? new FakeFilter(this.ctx, this.model, this.model.filter) : null;
  }

  /** Sorts the cells of this range (only its columns move), like Range.sort(sortSpecObj). */
  sort(sortSpecObj: unknown): FakeRange {
    const specs = (Array.isArray(sortSpecObj) ? sortSpecObj : [sortSpecObj]).map(
      (spec: unknown) => {
        if (typeof spec === 'number') return { column: spec, ascending: true };
        const s = spec as { column?: unknown; ascending?: unknown };
        return { column: Number(s.column), ascending: s.ascending !== false };
      },
    );
    for (const spec of specs) {
      if (!(
        spec.column >= this.grid.column && spec.column < this.grid.column + this.grid.numColumns
      )) {
        throw new GasError(
          `Column specified in the sort spec is outside the range: ${spec.column}`,
        );
      }
    }
    this.model.sortRange(this.grid, specs);
    return this;
  }

  // ------------------------------------------------------------ helpers

  #topLeft(): GridRange {
    return { row: this.grid.row, column: this.grid.column, numRows: 1, numColumns: 1 };
  }

  #filled<T>(value: T): T[][] {
    const line = new Array<T>(this.grid.numColumns).fill(value);
    return Array.from({ length: this.grid.numRows }, () => line.slice());
  }

  #read(attr: CellAttribute): string[][] {
    return this.model.readAttribute(attr, this.grid);
  }

  #readOne(attr: CellAttribute): string {
    return this.model.readAttribute(attr, this.#topLeft())[0]?.[0] ?? '';
  }

  #fill(attr: CellAttribute, value: string | null): FakeRange {
    this.model.fillAttribute(attr, this.grid, value);
    return this;
  }

  #writeMatrix(
    attr: CellAttribute,
    values: unknown[][],
    method: string,
    convert: (v: unknown) => string | null,
  ): FakeRange {
    const checked = checkMatrix(values, this.grid, method);
    this.model.writeAttribute(
      attr,
      this.grid,
      checked.map((line) => line.map(convert)),
    );
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
