/**
 * Filters: the criteria builder from SpreadsheetApp.newFilterCriteria(), the built criteria,
 * and the Filter on a sheet. Setting or removing a column's criteria re-applies the filter
 * (rows are hidden by filter on the sheet model), as Sheets does; later edits do not, also as
 * in Sheets.
 */
import { instrument } from './calls';
import { Fake } from './context';
import type { CriteriaType, CriterionData } from './criteria';
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

  setHiddenValues(values: string[]): FakeFilterCriteriaBuilder {
    this.state.hiddenValues = stringList(values, 'setHiddenValues');
    return this;
  }

  whenCellEmpty(): FakeFilterCriteriaBuilder {
    return this.#when('CELL_EMPTY', []);
  }

  whenCellNotEmpty(): FakeFilterCriteriaBuilder {
    return this.#when('CELL_NOT_EMPTY', []);
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
