/**
 * The Sheet fake: ranges, extent, columns (insert/delete/hide/width), sorting, frozen rows,
 * conditional-format rules and the filter.
 */
import { parseA1, type OpenBounds } from './a1';
import { instrument } from './calls';
import { FakeConditionalFormatRule } from './conditional-format';
import { Fake } from './context';
import { GasError } from './errors';
import { FakeFilter } from './filter';
import { checkedGrid, describeArgument, FakeRange } from './range';
import { FakeRangeList } from './range-list';
import type { SheetsContext } from './sheets-context';
import type { SheetModel } from './sheet-model';
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

  getSheetId(): number {
    return this.model.id;
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

  insertColumnsAfter(afterPosition: number, howMany: number): FakeSheet {
    this.#checkColumnPosition(afterPosition, 1);
    if (!(howMany >= 1))
      throw new GasError('The number of rows or columns to insert must be at least 1.');
    this.model.insertColumns(afterPosition + 1, howMany);
    return this;
  }

  deleteColumns(columnPosition: number, howMany: number): FakeSheet {
    this.#checkColumnPosition(columnPosition, howMany);
    if (this.model.maxColumns - howMany <= this.model.frozenColumns) {
      throw new GasError('Sorry, it is not possible to delete all non-frozen columns.');
    }
    this.model.deleteColumns(columnPosition, howMany);
    return this;
  }

  hideColumns(columnIndex: number, numColumns = 1): void {
    this.#checkColumnPosition(columnIndex, numColumns);
    for (let c = columnIndex; c < columnIndex + numColumns; c++)
      this.model.hiddenColumns[c - 1] = true;
    this.ctx.book.sheetChanged(this.model, 'visibility');
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

  getFilter(): FakeFilter | null {
    return this.model.filter ? new FakeFilter(this.ctx, this.model, this.model.filter) : null;
  }
}

instrument(FakeSheet, 'Sheet', 'SpreadsheetApp');

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
