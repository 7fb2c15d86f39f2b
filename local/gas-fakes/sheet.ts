/**
 * The Sheet fake: ranges, extent, structure (insert/delete/hide), sorting, frozen rows,
 * conditional-format rules and the filter.
 */
import { parseA1, type OpenBounds } from './a1';
import { instrument } from './calls';
import type { CellValue } from './cell-values';
import { FakeConditionalFormatRule } from './conditional-format';
import { Fake } from './context';
import { GasError } from './errors';
import { FakeFilter } from './filter';
import { checkedGrid, describeArgument, FakeRange } from './range';
import { FakeRangeList } from './range-list';
import type { SheetsContext } from './sheets-context';
import type { SheetModel } from './sheet-model';
import type { FakeSpreadsheet } from './spreadsheet';
import type { SpreadsheetModel } from './spreadsheet-model';

export class FakeSheet extends Fake<SheetsContext> {
  constructor(
    ctx: SheetsContext,
    readonly model: SheetModel,
  ) {
    super(ctx);
  }

  // ------------------------------------------------------------ identity

  getName(): string {
    return this.model.name;
  }

  getSheetName(): string {
    return this.model.name;
  }

  setName(name: string): FakeSheet {
    this.ctx.book.renameSheet(this.model, String(name));
    return this;
  }

  getSheetId(): number {
    return this.model.id;
  }

  getIndex(): number {
    return this.ctx.book.sheets.indexOf(this.model) + 1;
  }

  getParent(): FakeSpreadsheet {
    return this.ctx.spreadsheetFacade();
  }

  activate(): FakeSheet {
    this.ctx.book.activate(this.model);
    return this;
  }

  isSheetHidden(): boolean {
    return false;
  }

  // ------------------------------------------------------------ ranges

  getRange(
    rowOrA1: number | string,
    column?: number,
    numRows?: number,
    numColumns?: number,
  ): FakeRange {
    if (typeof rowOrA1 === 'string') return resolveA1(this.ctx, this.model, rowOrA1);
    if (column === undefined) {
      throw new GasError(
        `The parameters (${describeArgument(rowOrA1)}) don't match the method signature for SpreadsheetApp.Sheet.getRange.`,
      );
    }
    const grid = checkedGrid(this.model, rowOrA1, column, numRows ?? 1, numColumns ?? 1);
    return new FakeRange(this.ctx, this.model, grid);
  }

  getDataRange(): FakeRange {
    const rows = Math.max(1, this.model.lastRow());
    const columns = Math.max(1, this.model.lastColumn());
    return new FakeRange(this.ctx, this.model, {
      row: 1,
      column: 1,
      numRows: rows,
      numColumns: columns,
    });
  }

  getSheetValues(
    startRow: number,
    startColumn: number,
    numRows: number,
    numColumns: number,
  ): CellValue[][] {
    const rows = numRows === -1 ? this.model.lastRow() - startRow + 1 : numRows;
    const columns = numColumns === -1 ? this.model.lastColumn() - startColumn + 1 : numColumns;
    return this.model.readValues(checkedGrid(this.model, startRow, startColumn, rows, columns));
  }

  getLastRow(): number {
    return this.model.lastRow();
  }

  getLastColumn(): number {
    return this.model.lastColumn();
  }

  getMaxRows(): number {
    return this.model.maxRows;
  }

  getMaxColumns(): number {
    return this.model.maxColumns;
  }

  getActiveRange(): FakeRange | null {
    const selection = this.ctx.book.selection;
    if (!selection || selection.sheet !== this.model) return null;
    return new FakeRange(this.ctx, this.model, selection.range);
  }

  /**
   * Every selected range of this sheet, or null when the selection is elsewhere; a single
   * selected range comes back as a list of one, the same range getActiveRange returns
   * (https://developers.google.com/apps-script/reference/spreadsheet/sheet#getActiveRangeList()).
   */
  getActiveRangeList(): FakeRangeList | null {
    const selection = this.ctx.book.selection;
    if (!selection || selection.sheet !== this.model) return null;
    const ranges = selection.ranges.map((grid) => new FakeRange(this.ctx, this.model, grid));
    return new FakeRangeList(this.ctx, this.model, ranges);
  }

  /**
   * The ranges of this sheet named by "a non-empty list of A1 notations"
   * (https://developers.google.com/apps-script/reference/spreadsheet/sheet#getRangeList(String)).
   */
  getRangeList(a1Notations: unknown): FakeRangeList {
    if (!Array.isArray(a1Notations) || a1Notations.length === 0) {
      throw new GasError(
        `The parameters (${describeArgument(a1Notations)}) don't match the method signature for SpreadsheetApp.Sheet.getRangeList.`,
      );
    }
    const ranges = a1Notations.map((a1) => resolveA1(this.ctx, this.model, String(a1)));
    // "A collection of one or more Range instances in the same sheet" (range-list page).
    if (ranges.some((range) => range.model !== this.model)) {
      throw new GasError('The ranges of a RangeList must all be on the same sheet.');
    }
    return new FakeRangeList(this.ctx, this.model, ranges);
  }

  getActiveCell(): FakeRange | null {
    return this.#activeCell();
  }

  getCurrentCell(): FakeRange | null {
    return this.#activeCell();
  }

  #activeCell(): FakeRange | null {
    const selection = this.ctx.book.selection;
    if (!selection || selection.sheet !== this.model) return null;
    return new FakeRange(this.ctx, this.model, { ...selection.range, numRows: 1, numColumns: 1 });
  }

  setActiveRange(range: FakeRange): FakeRange {
    const own = ownRange(range, this.model);
    this.ctx.book.activate(this.model, own.grid);
    return own;
  }

  setActiveSelection(range: FakeRange | string): FakeRange {
    const own =
      typeof range === 'string'
        ? resolveA1(this.ctx, this.model, range)
        : ownRange(range, this.model);
    this.ctx.book.activate(own.model, own.grid);
    return own;
  }

  // ------------------------------------------------------------ content

  appendRow(rowContents: unknown[]): FakeSheet {
    if (!Array.isArray(rowContents)) {
      throw new GasError(
        `The parameters (${describeArgument(rowContents)}) don't match the method signature for SpreadsheetApp.Sheet.appendRow.`,
      );
    }
    const row = this.model.lastRow() + 1;
    if (row > this.model.maxRows)
      this.model.insertRows(this.model.maxRows + 1, row - this.model.maxRows);
    const columns = Math.max(1, rowContents.length);
    if (columns > this.model.maxColumns) {
      this.model.insertColumns(this.model.maxColumns + 1, columns - this.model.maxColumns);
    }
    if (rowContents.length > 0) {
      this.model.writeValues({ row, column: 1, numRows: 1, numColumns: rowContents.length }, [
        rowContents,
      ]);
    }
    return this;
  }

  clear(options?: { contentsOnly?: boolean; formatOnly?: boolean }): FakeSheet {
    const only = options && (options.contentsOnly || options.formatOnly);
    this.model.clear(this.#wholeSheet(), {
      contents: !only || !!options?.contentsOnly,
      formats: !only || !!options?.formatOnly,
    });
    return this;
  }

  clearContents(): FakeSheet {
    this.model.clear(this.#wholeSheet(), { contents: true });
    return this;
  }

  clearFormats(): FakeSheet {
    this.model.clear(this.#wholeSheet(), { formats: true });
    return this;
  }

  clearNotes(): FakeSheet {
    this.model.clear(this.#wholeSheet(), { notes: true });
    return this;
  }

  #wholeSheet() {
    return { row: 1, column: 1, numRows: this.model.maxRows, numColumns: this.model.maxColumns };
  }

  /** Sorts the rows below the frozen rows by a column, moving whole rows. */
  sort(columnPosition: number, ascending = true): FakeSheet {
    if (columnPosition < 1 || columnPosition > this.model.maxColumns) {
      throw new GasError('The coordinates of the range are outside the dimensions of the sheet.');
    }
    const first = this.model.frozenRows + 1;
    const last = this.model.lastRow();
    if (last > first) this.model.sortRows(first, last, [{ column: columnPosition, ascending }]);
    return this;
  }

  // ------------------------------------------------------------ rows

  insertRows(rowIndex: number, numRows = 1): FakeSheet {
    return this.#insertRows(rowIndex, numRows, rowIndex);
  }

  insertRowBefore(beforePosition: number): FakeSheet {
    return this.#insertRows(beforePosition, 1, beforePosition);
  }

  insertRowsBefore(beforePosition: number, howMany: number): FakeSheet {
    return this.#insertRows(beforePosition, howMany, beforePosition);
  }

  insertRowAfter(afterPosition: number): FakeSheet {
    return this.#insertRows(afterPosition, 1, afterPosition + 1);
  }

  insertRowsAfter(afterPosition: number, howMany: number): FakeSheet {
    return this.#insertRows(afterPosition, howMany, afterPosition + 1);
  }

  deleteRow(rowPosition: number): FakeSheet {
    return this.#deleteRows(rowPosition, 1);
  }

  deleteRows(rowPosition: number, howMany: number): FakeSheet {
    return this.#deleteRows(rowPosition, howMany);
  }

  /** `position` is the row the caller named (validated); `at` is where the new rows start. */
  #insertRows(position: number, count: number, at: number): FakeSheet {
    this.#checkRowPosition(position, 1);
    this.#checkCount(count);
    this.model.insertRows(at, count);
    return this;
  }

  #deleteRows(rowPosition: number, howMany: number): FakeSheet {
    this.#checkRowPosition(rowPosition, howMany);
    if (this.model.maxRows - howMany <= this.model.frozenRows) {
      throw new GasError('Sorry, it is not possible to delete all non-frozen rows.');
    }
    this.model.deleteRows(rowPosition, howMany);
    return this;
  }

  hideRows(rowIndex: number, numRows = 1): void {
    this.#setRowsHidden(rowIndex, numRows, true);
  }

  hideRow(row: FakeRange): void {
    const { grid } = ownRange(row, this.model);
    this.#setRowsHidden(grid.row, grid.numRows, true);
  }

  showRows(rowIndex: number, numRows = 1): void {
    this.#setRowsHidden(rowIndex, numRows, false);
  }

  unhideRow(row: FakeRange): void {
    const { grid } = ownRange(row, this.model);
    this.#setRowsHidden(grid.row, grid.numRows, false);
  }

  isRowHiddenByUser(rowPosition: number): boolean {
    return this.model.rows[rowPosition - 1]?.hiddenByUser ?? false;
  }

  isRowHiddenByFilter(rowPosition: number): boolean {
    return this.model.rows[rowPosition - 1]?.hiddenByFilter ?? false;
  }

  #setRowsHidden(first: number, count: number, hidden: boolean): void {
    this.#checkRowPosition(first, count);
    for (let r = first; r < first + count; r++) {
      const data = hidden ? this.model.ensureRow(r) : this.model.rows[r - 1];
      if (data) data.hiddenByUser = hidden;
    }
    this.ctx.book.sheetChanged(this.model, 'visibility');
  }

  #checkRowPosition(first: number, count: number): void {
    if (!(first >= 1) || first + count - 1 > this.model.maxRows) {
      throw new GasError('Those rows are out of bounds.');
    }
  }

  #checkCount(count: number): void {
    if (!(count >= 1))
      throw new GasError('The number of rows or columns to insert must be at least 1.');
  }

  // ------------------------------------------------------------ columns

  insertColumns(columnIndex: number, numColumns = 1): FakeSheet {
    return this.#insertColumns(columnIndex, numColumns, columnIndex);
  }

  insertColumnBefore(beforePosition: number): FakeSheet {
    return this.#insertColumns(beforePosition, 1, beforePosition);
  }

  insertColumnsBefore(beforePosition: number, howMany: number): FakeSheet {
    return this.#insertColumns(beforePosition, howMany, beforePosition);
  }

  insertColumnAfter(afterPosition: number): FakeSheet {
    return this.#insertColumns(afterPosition, 1, afterPosition + 1);
  }

  insertColumnsAfter(afterPosition: number, howMany: number): FakeSheet {
    return this.#insertColumns(afterPosition, howMany, afterPosition + 1);
  }

  deleteColumn(columnPosition: number): FakeSheet {
    return this.#deleteColumns(columnPosition, 1);
  }

  deleteColumns(columnPosition: number, howMany: number): FakeSheet {
    return this.#deleteColumns(columnPosition, howMany);
  }

  #insertColumns(position: number, count: number, at: number): FakeSheet {
    this.#checkColumnPosition(position, 1);
    this.#checkCount(count);
    this.model.insertColumns(at, count);
    return this;
  }

  #deleteColumns(columnPosition: number, howMany: number): FakeSheet {
    this.#checkColumnPosition(columnPosition, howMany);
    if (this.model.maxColumns - howMany <= this.model.frozenColumns) {
      throw new GasError('Sorry, it is not possible to delete all non-frozen columns.');
    }
    this.model.deleteColumns(columnPosition, howMany);
    return this;
  }

  hideColumns(columnIndex: number, numColumns = 1): void {
    this.#setColumnsHidden(columnIndex, numColumns, true);
  }

  hideColumn(column: FakeRange): void {
    const { grid } = ownRange(column, this.model);
    this.#setColumnsHidden(grid.column, grid.numColumns, true);
  }

  showColumns(columnIndex: number, numColumns = 1): void {
    this.#setColumnsHidden(columnIndex, numColumns, false);
  }

  unhideColumn(column: FakeRange): void {
    const { grid } = ownRange(column, this.model);
    this.#setColumnsHidden(grid.column, grid.numColumns, false);
  }

  isColumnHiddenByUser(columnPosition: number): boolean {
    return this.model.hiddenColumns[columnPosition - 1] ?? false;
  }

  setColumnWidth(columnPosition: number, width: number): FakeSheet {
    this.#checkColumnPosition(columnPosition, 1);
    this.model.columnWidths[columnPosition - 1] = width;
    this.ctx.book.sheetChanged(this.model, 'formats');
    return this;
  }

  setColumnWidths(startColumn: number, numColumns: number, width: number): FakeSheet {
    this.#checkColumnPosition(startColumn, numColumns);
    for (let c = startColumn; c < startColumn + numColumns; c++)
      this.model.columnWidths[c - 1] = width;
    this.ctx.book.sheetChanged(this.model, 'formats');
    return this;
  }

  getColumnWidth(columnPosition: number): number {
    return this.model.columnWidths[columnPosition - 1] ?? 100;
  }

  #setColumnsHidden(first: number, count: number, hidden: boolean): void {
    this.#checkColumnPosition(first, count);
    for (let c = first; c < first + count; c++) {
      if (hidden) this.model.hiddenColumns[c - 1] = true;
      else delete this.model.hiddenColumns[c - 1];
    }
    this.ctx.book.sheetChanged(this.model, 'visibility');
  }

  #checkColumnPosition(first: number, count: number): void {
    if (!(first >= 1) || first + count - 1 > this.model.maxColumns) {
      throw new GasError('Those columns are out of bounds.');
    }
  }

  // ------------------------------------------------------------ frozen panes

  setFrozenRows(rows: number): void {
    if (!(rows >= 0) || rows >= this.model.maxRows) {
      throw new GasError('Sorry, it is not possible to freeze all rows.');
    }
    this.model.frozenRows = rows;
    this.ctx.book.sheetChanged(this.model, 'formats');
  }

  getFrozenRows(): number {
    return this.model.frozenRows;
  }

  setFrozenColumns(columns: number): void {
    if (!(columns >= 0) || columns >= this.model.maxColumns) {
      throw new GasError('Sorry, it is not possible to freeze all columns.');
    }
    this.model.frozenColumns = columns;
    this.ctx.book.sheetChanged(this.model, 'formats');
  }

  getFrozenColumns(): number {
    return this.model.frozenColumns;
  }

  // ------------------------------------------------------------ rules and filter

  getConditionalFormatRules(): FakeConditionalFormatRule[] {
    return this.model.rules.map((rule) =>
      FakeConditionalFormatRule.fromData(this.ctx, this.model, rule),
    );
  }

  setConditionalFormatRules(rules: FakeConditionalFormatRule[]): void {
    if (!Array.isArray(rules)) {
      throw new GasError(
        `The parameters (${describeArgument(rules)}) don't match the method signature for SpreadsheetApp.Sheet.setConditionalFormatRules.`,
      );
    }
    this.model.rules = rules.map((rule) => FakeConditionalFormatRule.toData(rule, this.model));
    this.ctx.book.sheetChanged(this.model, 'conditionalFormats');
  }

  clearConditionalFormatRules(): void {
    this.model.rules = [];
    this.ctx.book.sheetChanged(this.model, 'conditionalFormats');
  }

  getFilter(): FakeFilter | null {
    return this.model.filter ? new FakeFilter(this.ctx, this.model, this.model.filter) : null;
  }
}

instrument(FakeSheet, 'Sheet', 'SpreadsheetApp');

/** A range argument must be one of ours and on this sheet. */
function ownRange(range: unknown, model: SheetModel): FakeRange {
  if (!(range instanceof FakeRange)) {
    throw new GasError(
      `The parameters (${describeArgument(range)}) don't match the method signature.`,
    );
  }
  if (range.model !== model) throw new GasError('The range must be on this sheet.');
  return range;
}

/**
 * getRange(a1): resolves the sheet prefix (if any) against the spreadsheet and open bounds
 * against the sheet's size.
 */
export function resolveA1(ctx: SheetsContext, defaultSheet: SheetModel, a1: string): FakeRange {
  const ref = parseA1(String(a1));
  if (!ref) throw new GasError('Range not found');
  const sheet = ref.sheetName === undefined ? defaultSheet : findSheet(ctx.book, ref.sheetName);
  const open: OpenBounds = {
    rows: ref.startRow === undefined || ref.endRow === undefined,
    columns: ref.startColumn === undefined,
  };
  const row = ref.startRow ?? 1;
  const column = ref.startColumn ?? 1;
  const endRow = ref.endRow ?? sheet.maxRows;
  const endColumn = ref.endColumn ?? sheet.maxColumns;
  const grid = checkedGrid(sheet, row, column, endRow - row + 1, endColumn - column + 1);
  return new FakeRange(ctx, sheet, grid, open);
}

function findSheet(book: SpreadsheetModel, name: string): SheetModel {
  const sheet = book.findSheet(name);
  if (!sheet) throw new GasError('Range not found');
  return sheet;
}
