/**
 * Filters: the criteria builder from SpreadsheetApp.newFilterCriteria(), the built criteria,
 * and the Filter on a sheet. Setting or removing a column's criteria re-applies the filter
 * (rows are hidden by filter on the sheet model), as Sheets does; later edits do not, also as
 * in Sheets.
 */
import { instrument } from './calls';
import { Fake } from './context';
import { BooleanCriteria, type CriteriaType, type CriterionData } from './criteria';
import { enumName, type EnumValue } from './enums';
import { GasError } from './errors';
import { FakeRange } from './range';
import type { SheetsContext } from './sheets-context';
import type { ColumnCriteria, FilterData, SheetModel } from './sheet-model';

function copyCriteria(c: ColumnCriteria): ColumnCriteria {
  return {
    criterion: c.criterion ? { type: c.criterion.type, values: [...c.criterion.values] } : null,
    hiddenValues: [...c.hiddenValues],
    visibleValues: [...c.visibleValues],
  };
}

const EMPTY: ColumnCriteria = { criterion: null, hiddenValues: [], visibleValues: [] };

export class FakeFilterCriteriaBuilder extends Fake<SheetsContext> {
  private state: ColumnCriteria;

  constructor(ctx: SheetsContext, state: ColumnCriteria = EMPTY) {
    super(ctx);
    this.state = copyCriteria(state);
  }

  build(): FakeFilterCriteria {
    return new FakeFilterCriteria(this.ctx, this.state);
  }

  copy(): FakeFilterCriteriaBuilder {
    return new FakeFilterCriteriaBuilder(this.ctx, this.state);
  }

  getCriteriaType(): EnumValue | null {
    return this.state.criterion ? BooleanCriteria[this.state.criterion.type] : null;
  }

  getCriteriaValues(): unknown[] {
    return this.state.criterion ? [...this.state.criterion.values] : [];
  }

  getHiddenValues(): string[] {
    return [...this.state.hiddenValues];
  }

  getVisibleValues(): string[] {
    return [...this.state.visibleValues];
  }

  setHiddenValues(values: string[]): FakeFilterCriteriaBuilder {
    this.state.hiddenValues = stringList(values, 'setHiddenValues');
    return this;
  }

  setVisibleValues(values: string[]): FakeFilterCriteriaBuilder {
    this.state.visibleValues = stringList(values, 'setVisibleValues');
    return this;
  }

  whenCellEmpty(): FakeFilterCriteriaBuilder {
    return this.#when('CELL_EMPTY', []);
  }

  whenCellNotEmpty(): FakeFilterCriteriaBuilder {
    return this.#when('CELL_NOT_EMPTY', []);
  }

  whenFormulaSatisfied(formula: string): FakeFilterCriteriaBuilder {
    return this.#when('CUSTOM_FORMULA', [String(formula)]);
  }

  whenTextContains(text: string): FakeFilterCriteriaBuilder {
    return this.#when('TEXT_CONTAINS', [String(text)]);
  }

  whenTextDoesNotContain(text: string): FakeFilterCriteriaBuilder {
    return this.#when('TEXT_DOES_NOT_CONTAIN', [String(text)]);
  }

  whenTextEqualTo(text: string): FakeFilterCriteriaBuilder {
    return this.#when('TEXT_EQUAL_TO', [String(text)]);
  }

  whenTextStartsWith(text: string): FakeFilterCriteriaBuilder {
    return this.#when('TEXT_STARTS_WITH', [String(text)]);
  }

  whenTextEndsWith(text: string): FakeFilterCriteriaBuilder {
    return this.#when('TEXT_ENDS_WITH', [String(text)]);
  }

  whenNumberEqualTo(number: number): FakeFilterCriteriaBuilder {
    return this.#when('NUMBER_EQUAL_TO', [number]);
  }

  whenNumberNotEqualTo(number: number): FakeFilterCriteriaBuilder {
    return this.#when('NUMBER_NOT_EQUAL_TO', [number]);
  }

  whenNumberGreaterThan(number: number): FakeFilterCriteriaBuilder {
    return this.#when('NUMBER_GREATER_THAN', [number]);
  }

  whenNumberGreaterThanOrEqualTo(number: number): FakeFilterCriteriaBuilder {
    return this.#when('NUMBER_GREATER_THAN_OR_EQUAL_TO', [number]);
  }

  whenNumberLessThan(number: number): FakeFilterCriteriaBuilder {
    return this.#when('NUMBER_LESS_THAN', [number]);
  }

  whenNumberLessThanOrEqualTo(number: number): FakeFilterCriteriaBuilder {
    return this.#when('NUMBER_LESS_THAN_OR_EQUAL_TO', [number]);
  }

  whenNumberBetween(start: number, end: number): FakeFilterCriteriaBuilder {
    return this.#when('NUMBER_BETWEEN', [start, end]);
  }

  whenNumberNotBetween(start: number, end: number): FakeFilterCriteriaBuilder {
    return this.#when('NUMBER_NOT_BETWEEN', [start, end]);
  }

  withCriteria(criteria: EnumValue | string, args: unknown[]): FakeFilterCriteriaBuilder {
    const type = enumName(criteria);
    if (!type || !(type in BooleanCriteria)) throw new GasError('Invalid argument: criteria');
    return this.#when(type as CriteriaType, Array.isArray(args) ? [...args] : []);
  }

  #when(type: CriteriaType, values: unknown[]): FakeFilterCriteriaBuilder {
    this.state.criterion = { type, values } satisfies CriterionData;
    return this;
  }
}

instrument(FakeFilterCriteriaBuilder, 'FilterCriteriaBuilder', 'SpreadsheetApp');

function stringList(values: unknown, method: string): string[] {
  if (!Array.isArray(values)) {
    throw new GasError(
      `The parameters don't match the method signature for SpreadsheetApp.FilterCriteriaBuilder.${method}.`,
    );
  }
  return values.map(String);
}

export class FakeFilterCriteria extends Fake<SheetsContext> {
  private readonly state: ColumnCriteria;

  constructor(ctx: SheetsContext, state: ColumnCriteria) {
    super(ctx);
    this.state = copyCriteria(state);
  }

  copy(): FakeFilterCriteriaBuilder {
    return new FakeFilterCriteriaBuilder(this.ctx, this.state);
  }

  getCriteriaType(): EnumValue | null {
    return this.state.criterion ? BooleanCriteria[this.state.criterion.type] : null;
  }

  getCriteriaValues(): unknown[] {
    return this.state.criterion ? [...this.state.criterion.values] : [];
  }

  getHiddenValues(): string[] {
    return [...this.state.hiddenValues];
  }

  getVisibleValues(): string[] {
    return [...this.state.visibleValues];
  }

  /** The stored form of criteria passed by the add-on (not counted: a static). */
  static dataOf(criteria: unknown): ColumnCriteria {
    if (!(criteria instanceof FakeFilterCriteria)) {
      throw new GasError(
        "The parameters don't match the method signature for SpreadsheetApp.Filter.setColumnFilterCriteria.",
      );
    }
    return copyCriteria(criteria.state);
  }
}

instrument(FakeFilterCriteria, 'FilterCriteria', 'SpreadsheetApp');

export class FakeFilter extends Fake<SheetsContext> {
  constructor(
    ctx: SheetsContext,
    private readonly sheet: SheetModel,
    private readonly data: FilterData,
  ) {
    super(ctx);
  }

  getRange(): FakeRange {
    return new FakeRange(this.ctx, this.sheet, { ...this.#live().range });
  }

  getColumnFilterCriteria(columnPosition: number): FakeFilterCriteria | null {
    const entry = this.#live().criteria.get(this.#checkColumn(columnPosition));
    return entry ? new FakeFilterCriteria(this.ctx, entry) : null;
  }

  setColumnFilterCriteria(
    columnPosition: number,
    filterCriteria: FakeFilterCriteria | null,
  ): FakeFilter {
    const filter = this.#live();
    const column = this.#checkColumn(columnPosition);
    if (filterCriteria === null) filter.criteria.delete(column);
    else filter.criteria.set(column, FakeFilterCriteria.dataOf(filterCriteria));
    this.sheet.applyFilter();
    return this;
  }

  removeColumnFilterCriteria(columnPosition: number): FakeFilter {
    this.#live().criteria.delete(this.#checkColumn(columnPosition));
    this.sheet.applyFilter();
    return this;
  }

  remove(): void {
    this.#live();
    this.sheet.removeFilter();
  }

  sort(columnPosition: number, ascending: boolean): FakeFilter {
    const { range } = this.#live();
    const column = this.#checkColumn(columnPosition);
    if (range.numRows > 1) {
      this.sheet.sortRange({ ...range, row: range.row + 1, numRows: range.numRows - 1 }, [
        { column, ascending: ascending !== false },
      ]);
    }
    return this;
  }

  /**
   * The filter this object stands for, if it still exists on the sheet. Google has no way to
   * move or resize a filter (https://developers.google.com/apps-script/reference/spreadsheet/filter
   * lists getColumnFilterCriteria, getRange, remove, removeColumnFilterCriteria,
   * setColumnFilterCriteria and sort only): a wider one is made by remove() and
   * Range.createFilter() again (https://developers.google.com/apps-script/reference/spreadsheet/range#createFilter()),
   * after which the old object no longer stands for anything.
   */
  #live(): FilterData {
    if (this.sheet.filter !== this.data) throw new GasError('The filter no longer exists.');
    return this.data;
  }

  /**
   * Every column method of https://developers.google.com/apps-script/reference/spreadsheet/filter
   * takes "columnPosition — The 1-indexed position of the column" of the sheet, and a column
   * outside the filter's range is refused: a filter holds criteria only for the columns it
   * covers (the Sheets API's BasicFilter keeps one FilterSpec per column of its range,
   * https://developers.google.com/sheets/api/reference/rest/v4/spreadsheets/sheets#BasicFilter).
   * Google's exact wording could not be found in any stored reference; this text is ours, and
   * the add-on must never rely on it (or show it to a person).
   */
  #checkColumn(columnPosition: number): number {
    const { range } = this.#live();
    if (!(columnPosition >= range.column && columnPosition < range.column + range.numColumns)) {
      throw new GasError(`The column position ${columnPosition} is outside the filter range.`);
    }
    return columnPosition;
  }
}

instrument(FakeFilter, 'Filter', 'SpreadsheetApp');
