/**
 * The data of one sheet, independent of the Apps Script facades (sheet.ts, range.ts) so that
 * the facades stay thin and nothing here is counted as a call.
 *
 * Storage is row-major: `rows[r - 1]` is a RowData (or undefined for a row never touched) whose
 * arrays grow only as far as cells were written, and whose optional attribute arrays exist only
 * once an attribute was set. Moving a row (sort, insert, delete) moves one object, so notes,
 * colours and formats travel with their values.
 */
import { displayValue, interpretWritten, readValue, type CellValue } from './cell-values';
import { toSerial, type Zone } from './dates';
import { criterionHolds, type CriterionData } from './criteria';
import { GasError } from './errors';
import { evaluateFormula, shiftFormula, translateFormula, type FormulaEnv } from './formula';
import { AUTOMATIC_FORMAT } from './number-format';

export type CellAttribute =
  'notes' | 'backgrounds' | 'fontColors' | 'fontWeights' | 'numberFormats';

export const ATTRIBUTE_DEFAULTS: Readonly<Record<CellAttribute, string>> = {
  notes: '',
  backgrounds: '#ffffff',
  fontColors: '#000000',
  fontWeights: 'normal',
  numberFormats: AUTOMATIC_FORMAT,
};

const CELL_TEXT_LIMIT = 50_000;
/** Google's cap on cells in a spreadsheet. */
export const CELL_LIMIT = 10_000_000;

export class RowData {
  values: CellValue[] = [];
  formulas?: string[];
  notes?: string[];
  backgrounds?: string[];
  fontColors?: string[];
  fontWeights?: string[];
  numberFormats?: string[];
  hiddenByFilter = false;
  hiddenByUser = false;
}

/** A rectangle on a sheet, 1-based. */
export interface GridRange {
  row: number;
  column: number;
  numRows: number;
  numColumns: number;
}

export interface RuleFormat {
  background: string | null;
  fontColor: string | null;
  bold: boolean | null;
  italic: boolean | null;
  strikethrough: boolean | null;
  underline: boolean | null;
}

export interface RuleData {
  ranges: GridRange[];
  condition: CriterionData | null;
  format: RuleFormat;
}

export interface ColumnCriteria {
  criterion: CriterionData | null;
  hiddenValues: string[];
  visibleValues: string[];
}

export interface FilterData {
  range: GridRange;
  /** Keyed by sheet column position. */
  criteria: Map<number, ColumnCriteria>;
}

export type ChangeKind =
  'values' | 'formats' | 'notes' | 'structure' | 'conditionalFormats' | 'filter' | 'visibility';

/** What a sheet needs from its spreadsheet. */
export interface SheetHost {
  zone(): Zone;
  sheetChanged(sheet: SheetModel, kind: ChangeKind, range?: GridRange): void;
  cellCount(): number;
}

export interface ClearOptions {
  contents?: boolean;
  formats?: boolean;
  notes?: boolean;
}

type Dimension = 'rows' | 'columns';

export class SheetModel {
  rows: Array<RowData | undefined> = [];
  hiddenColumns: boolean[] = [];
  columnWidths: number[] = [];
  frozenRows = 0;
  frozenColumns = 0;
  rules: RuleData[] = [];
  filter: FilterData | null = null;

  private contentVersion = 0;
  private lastRowCache = { version: -1, value: 0 };
  private lastColumnCache = { version: -1, value: 0 };
  private memo: Map<string, unknown> | null = null;
  private evaluating = new Set<string>();

  constructor(
    readonly host: SheetHost,
    readonly id: number,
    public name: string,
    public maxRows = 1000,
    public maxColumns = 26,
  ) {}

  // ------------------------------------------------------------ cells

  ensureRow(row: number): RowData {
    let data = this.rows[row - 1];
    if (!data) {
      data = new RowData();
      this.rows[row - 1] = data;
    }
    return data;
  }

  /** A cell's value with its formula computed: what other formulas see. */
  cellValue(row: number, column: number): CellValue {
    const data = this.rows[row - 1];
    if (!data) return '';
    const formula = data.formulas?.[column - 1];
    if (formula) return this.evaluateCell(row, column, formula);
    const value = data.values[column - 1];
    return value === undefined ? '' : value;
  }

  private evaluateCell(row: number, column: number, formula: string): CellValue {
    const key = `${row}:${column}`;
    if (this.evaluating.has(key)) return '#REF!';
    this.evaluating.add(key);
    const ownMemo = this.memo === null;
    if (ownMemo) this.memo = new Map();
    try {
      return evaluateFormula(formula, this.formulaEnv(row, column, 0, 0));
    } finally {
      this.evaluating.delete(key);
      if (ownMemo) this.memo = null;
    }
  }

  /** A formula environment on this sheet, for cells, rules and filters. */
  formulaEnv(row: number, column: number, rowShift: number, columnShift: number): FormulaEnv {
    const zone = this.host.zone();
    return {
      cell: (r, c) => this.cellValue(r, c),
      maxRows: this.maxRows,
      maxColumns: this.maxColumns,
      row,
      column,
      rowShift,
      columnShift,
      serial: (date) => toSerial(date.getTime(), zone),
      memo: this.memo ?? new Map(),
    };
  }

  /** Runs a batch of reads that share one formula memo (ranges read once per batch). */
  batch<T>(fn: () => T): T {
    if (this.memo) return fn();
    this.memo = new Map();
    try {
      return fn();
    } finally {
      this.memo = null;
    }
  }

  attribute(attr: CellAttribute, row: number, column: number): string {
    return this.rows[row - 1]?.[attr]?.[column - 1] ?? ATTRIBUTE_DEFAULTS[attr];
  }

  /** getValues: typed values, formulas computed, Dates copied. */
  readValues(range: GridRange): CellValue[][] {
    const zone = this.host.zone();
    return this.batch(() => {
      const out: CellValue[][] = [];
      for (let r = range.row; r < range.row + range.numRows; r++) {
        const data = this.rows[r - 1];
        const line: CellValue[] = [];
        for (let c = range.column; c < range.column + range.numColumns; c++) {
          if (!data) {
            line.push('');
            continue;
          }
          const formula = data.formulas?.[c - 1];
          let value = formula ? this.evaluateCell(r, c, formula) : data.values[c - 1];
          if (value === undefined) value = '';
          const format = data.numberFormats?.[c - 1];
          if (typeof value === 'object' || (format !== undefined && typeof value === 'number')) {
            value = readValue(value, format ?? AUTOMATIC_FORMAT, zone);
          }
          line.push(value);
        }
        out.push(line);
      }
      return out;
    });
  }

  /** getDisplayValues: the text Sheets shows for each cell. */
  readDisplayValues(range: GridRange): string[][] {
    const zone = this.host.zone();
    return this.batch(() => {
      const out: string[][] = [];
      for (let r = range.row; r < range.row + range.numRows; r++) {
        const line: string[] = [];
        for (let c = range.column; c < range.column + range.numColumns; c++) {
          line.push(this.displayOf(r, c, zone));
        }
        out.push(line);
      }
      return out;
    });
  }

  displayOf(row: number, column: number, zone: Zone = this.host.zone()): string {
    const value = this.cellValue(row, column);
    if (value === '') return '';
    return displayValue(value, this.attribute('numberFormats', row, column), zone);
  }

  readFormulas(range: GridRange): string[][] {
    return this.mapRange(range, (data, c) => data?.formulas?.[c - 1] ?? '');
  }

  readAttribute(attr: CellAttribute, range: GridRange): string[][] {
    const fallback = ATTRIBUTE_DEFAULTS[attr];
    return this.mapRange(range, (data, c) => data?.[attr]?.[c - 1] ?? fallback);
  }

  private mapRange<T>(
    range: GridRange,
    read: (data: RowData | undefined, column: number) => T,
  ): T[][] {
    const out: T[][] = [];
    for (let r = range.row; r < range.row + range.numRows; r++) {
      const data = this.rows[r - 1];
      const line: T[] = [];
      for (let c = range.column; c < range.column + range.numColumns; c++) line.push(read(data, c));
      out.push(line);
    }
    return out;
  }

  /** setValues: interprets each value like typed input (see cell-values.ts). */
  writeValues(range: GridRange, values: unknown[][]): void {
    for (const line of values) {
      for (const value of line) {
        if (typeof value === 'string' && value.length > CELL_TEXT_LIMIT) {
          throw new GasError(
            `Your input contains more than the maximum of ${CELL_TEXT_LIMIT} characters in a single cell.`,
          );
        }
      }
    }
    const zone = this.host.zone();
    values.forEach((line, i) => {
      const data = this.ensureRow(range.row + i);
      line.forEach((input, j) => {
        const index = range.column + j - 1;
        const written = interpretWritten(
          input,
          data.numberFormats?.[index] ?? AUTOMATIC_FORMAT,
          zone,
        );
        data.values[index] = written.value;
        if (written.formula) (data.formulas ??= [])[index] = written.formula;
        else if (data.formulas?.[index]) delete data.formulas[index];
        if (written.numberFormat) (data.numberFormats ??= [])[index] = written.numberFormat;
      });
    });
    this.contentChanged('values', range);
  }

  writeAttribute(attr: CellAttribute, range: GridRange, values: Array<Array<string | null>>): void {
    values.forEach((line, i) => {
      const data = this.ensureRow(range.row + i);
      const store = (data[attr] ??= []);
      line.forEach((value, j) => {
        const index = range.column + j - 1;
        if (value === null || value === ATTRIBUTE_DEFAULTS[attr]) delete store[index];
        else store[index] = value;
      });
    });
    this.host.sheetChanged(this, attr === 'notes' ? 'notes' : 'formats', range);
  }

  fillAttribute(attr: CellAttribute, range: GridRange, value: string | null): void {
    const line = new Array<string | null>(range.numColumns).fill(value);
    this.writeAttribute(
      attr,
      range,
      Array.from({ length: range.numRows }, () => line),
    );
  }

  clear(range: GridRange, options: ClearOptions): void {
    for (let r = range.row; r < range.row + range.numRows; r++) {
      const data = this.rows[r - 1];
      if (!data) continue;
      for (let c = range.column - 1; c < range.column + range.numColumns - 1; c++) {
        if (options.contents) {
          if (c < data.values.length) data.values[c] = '';
          if (data.formulas) delete data.formulas[c];
        }
        if (options.formats) {
          for (const attr of [
            'backgrounds',
            'fontColors',
            'fontWeights',
            'numberFormats',
          ] as const) {
            if (data[attr]) delete data[attr][c];
          }
        }
        if (options.notes && data.notes) delete data.notes[c];
      }
    }
    if (options.contents) this.contentChanged('values', range);
    if (options.formats) this.host.sheetChanged(this, 'formats', range);
    if (options.notes) this.host.sheetChanged(this, 'notes', range);
  }

  private contentChanged(kind: ChangeKind, range?: GridRange): void {
    this.contentVersion++;
    this.host.sheetChanged(this, kind, range);
  }

  /** For code that replaced rows wholesale (seeding): drops cached extents and notifies. */
  contentReplaced(kind: ChangeKind): void {
    this.contentChanged(kind);
  }

  // ------------------------------------------------------------ extent

  private rowHasContent(data: RowData | undefined): boolean {
    if (!data) return false;
    if (data.values.some((v) => v !== '' && v !== undefined)) return true;
    return !!data.formulas?.some((f) => !!f);
  }

  /** The last row with a value or formula (0 when the sheet is empty). */
  lastRow(): number {
    if (this.lastRowCache.version !== this.contentVersion) {
      let last = 0;
      for (let r = this.rows.length; r >= 1; r--) {
        if (this.rowHasContent(this.rows[r - 1])) {
          last = r;
          break;
        }
      }
      this.lastRowCache = { version: this.contentVersion, value: last };
    }
    return this.lastRowCache.value;
  }

  lastColumn(): number {
    if (this.lastColumnCache.version !== this.contentVersion) {
      let last = 0;
      for (const data of this.rows) {
        if (!data) continue;
        for (let c = Math.max(data.values.length, data.formulas?.length ?? 0); c > last; c--) {
          const v = data.values[c - 1];
          if ((v !== undefined && v !== '') || data.formulas?.[c - 1]) {
            last = c;
            break;
          }
        }
      }
      this.lastColumnCache = { version: this.contentVersion, value: last };
    }
    return this.lastColumnCache.value;
  }

  // ------------------------------------------------------------ structure

  private checkCellLimit(extraCells: number): void {
    if (this.host.cellCount() + extraCells > CELL_LIMIT) {
      throw new GasError(
        `This action would increase the number of cells in the workbook above the limit of ${CELL_LIMIT} cells.`,
      );
    }
  }

  insertColumns(at: number, count: number): void {
    this.checkCellLimit(count * this.maxRows);
    const blanks = new Array<undefined>(count);
    for (const data of this.rows) {
      if (!data) continue;
      for (const key of ['values', 'formulas', ...ATTRIBUTE_KEYS] as const) {
        const store = data[key] as unknown[] | undefined;
        if (store && at - 1 < store.length) store.splice(at - 1, 0, ...blanks);
      }
      // Inserted value cells read as '' rather than holes.
      for (let c = at - 1; c < at - 1 + count && c < data.values.length; c++) data.values[c] = '';
    }
    for (const store of [this.hiddenColumns, this.columnWidths] as unknown[][]) {
      if (at - 1 < store.length) store.splice(at - 1, 0, ...blanks);
    }
    this.maxColumns += count;
    this.structureChanged('columns', at, count);
  }

  deleteColumns(at: number, count: number): void {
    for (const data of this.rows) {
      if (!data) continue;
      for (const key of ['values', 'formulas', ...ATTRIBUTE_KEYS] as const) {
        (data[key] as unknown[] | undefined)?.splice(at - 1, count);
      }
    }
    this.hiddenColumns.splice(at - 1, count);
    this.columnWidths.splice(at - 1, count);
    this.maxColumns -= count;
    this.structureChanged('columns', at, -count);
  }

  /** Re-anchors everything that refers to positions after an insert (delta > 0) or delete. */
  private structureChanged(dimension: Dimension, at: number, delta: number): void {
    for (const data of this.rows) {
      if (!data?.formulas) continue;
      data.formulas.forEach((formula, index) => {
        if (formula && data.formulas)
          data.formulas[index] = shiftFormula(formula, dimension, at, delta);
      });
    }
    this.rules = this.rules
      .map((rule) => {
        const ranges = rule.ranges
          .map((range) => shiftGridRange(range, dimension, at, delta))
          .filter((range): range is GridRange => range !== null);
        return { ...rule, ranges, condition: shiftCriterion(rule.condition, dimension, at, delta) };
      })
      .filter((rule) => rule.ranges.length > 0);
    if (this.filter) this.shiftFilter(this.filter, dimension, at, delta);
    if (dimension === 'rows' && this.frozenRows >= at) {
      this.frozenRows = Math.max(at - 1, this.frozenRows + delta);
    }
    if (dimension === 'columns' && this.frozenColumns >= at) {
      this.frozenColumns = Math.max(at - 1, this.frozenColumns + delta);
    }
    this.contentChanged('structure');
  }

  private shiftFilter(filter: FilterData, dimension: Dimension, at: number, delta: number): void {
    const range = shiftGridRange(filter.range, dimension, at, delta);
    if (!range) {
      this.removeFilter();
      return;
    }
    filter.range = range;
    const criteria = new Map<number, ColumnCriteria>();
    for (const [column, entry] of filter.criteria) {
      const shifted = {
        ...entry,
        criterion: shiftCriterion(entry.criterion, dimension, at, delta),
      };
      if (dimension === 'rows') {
        criteria.set(column, shifted);
        continue;
      }
      const moved = shiftIndex(column, at, delta);
      if (moved !== null) criteria.set(moved, shifted);
    }
    filter.criteria = criteria;
  }

  /**
   * Sorts rows first..last by a column, as Sheet.sort / Range.sort do: empty cells always go
   * last, numbers before text before booleans, text ignoring case; the sort is stable.
   */
  sortRows(
    first: number,
    last: number,
    specs: Array<{ column: number; ascending: boolean }>,
  ): void {
    const slots = this.rows.slice(first - 1, last);
    while (slots.length < last - first + 1) slots.push(undefined);
    const keyed = this.batch(() =>
      slots.map((data, i) => ({
        data,
        from: first + i,
        keys: specs.map((spec) => (data ? this.cellValue(first + i, spec.column) : '')),
      })),
    );
    keyed.sort((a, b) => {
      for (let s = 0; s < specs.length; s++) {
        const order = compareForSort(
          a.keys[s] as CellValue,
          b.keys[s] as CellValue,
          (specs[s] as { ascending: boolean }).ascending,
        );
        if (order !== 0) return order;
      }
      return 0;
    });
    keyed.forEach((entry, i) => {
      const to = first + i;
      if (entry.data?.formulas && to !== entry.from) {
        const shift = to - entry.from;
        entry.data.formulas = entry.data.formulas.map((f) =>
          f ? translateFormula(f, shift, 0) : f,
        );
      }
      this.rows[to - 1] = entry.data;
    });
    this.contentChanged('values', {
      row: first,
      column: 1,
      numRows: last - first + 1,
      numColumns: this.maxColumns,
    });
  }

  // ------------------------------------------------------------ filter

  /**
   * One filter per sheet (https://developers.google.com/apps-script/reference/spreadsheet/range#createFilter();
   * Sheet.getFilter(), https://developers.google.com/apps-script/reference/spreadsheet/sheet#getFilter(),
   * returns that one or null). The refusal's wording is the one this fake has long used; no
   * stored reference quotes Google's text.
   */
  createFilter(range: GridRange): FilterData {
    if (this.filter)
      throw new GasError("You can't create a filter in a sheet that already has a filter.");
    this.filter = { range: { ...range }, criteria: new Map() };
    this.host.sheetChanged(this, 'filter', range);
    return this.filter;
  }

  removeFilter(): void {
    if (!this.filter) return;
    this.filter = null;
    for (const data of this.rows) if (data) data.hiddenByFilter = false;
    this.host.sheetChanged(this, 'filter');
  }

  /** Recomputes which rows the filter hides (Sheets re-applies only when criteria change). */
  applyFilter(): void {
    const filter = this.filter;
    if (!filter) return;
    const { range } = filter;
    const firstData = range.row + 1;
    const zone = this.host.zone();
    this.batch(() => {
      for (let r = firstData; r < range.row + range.numRows; r++) {
        let hidden = false;
        for (const [column, entry] of filter.criteria) {
          if (!this.meetsColumnCriteria(r, column, entry, firstData, zone)) {
            hidden = true;
            break;
          }
        }
        const data = hidden ? this.ensureRow(r) : this.rows[r - 1];
        if (data) data.hiddenByFilter = hidden;
      }
    });
    this.host.sheetChanged(this, 'filter', range);
  }

  private meetsColumnCriteria(
    row: number,
    column: number,
    entry: ColumnCriteria,
    firstData: number,
    zone: Zone,
  ): boolean {
    const display = this.displayOf(row, column, zone);
    if (entry.hiddenValues.length > 0 && entry.hiddenValues.includes(display)) return false;
    if (entry.visibleValues.length > 0 && !entry.visibleValues.includes(display)) return false;
    if (!entry.criterion) return true;
    return criterionHolds(entry.criterion, {
      value: this.cellValue(row, column),
      display,
      env: () => this.formulaEnv(row, column, row - firstData, 0),
    });
  }

  // ------------------------------------------------------------ conditional formats

  /** The format of the first conditional rule that applies to a cell, if any. */
  conditionalFormat(row: number, column: number): RuleFormat | null {
    for (const rule of this.rules) {
      if (!rule.condition) continue;
      const origin = rule.ranges[0];
      if (!origin || !rule.ranges.some((r) => contains(r, row, column))) continue;
      const holds = criterionHolds(rule.condition, {
        value: this.cellValue(row, column),
        display: this.displayOf(row, column),
        env: () => this.formulaEnv(row, column, row - origin.row, column - origin.column),
      });
      if (holds) return rule.format;
    }
    return null;
  }
}

const ATTRIBUTE_KEYS = Object.keys(ATTRIBUTE_DEFAULTS) as CellAttribute[];

export function contains(range: GridRange, row: number, column: number): boolean {
  return (
    row >= range.row &&
    row < range.row + range.numRows &&
    column >= range.column &&
    column < range.column + range.numColumns
  );
}

function shiftIndex(index: number, at: number, delta: number): number | null {
  if (delta > 0) return index >= at ? index + delta : index;
  if (index >= at - delta) return index + delta;
  return index >= at ? null : index;
}

/** Moves or resizes a span after an insert/delete along its dimension; null if it vanished. */
function shiftSpan(
  start: number,
  count: number,
  at: number,
  delta: number,
): [number, number] | null {
  const end = start + count - 1;
  if (delta > 0) {
    if (at <= start) return [start + delta, count];
    if (at <= end) return [start, count + delta];
    return [start, count];
  }
  const removedEnd = at - delta - 1;
  const overlap = Math.max(0, Math.min(end, removedEnd) - Math.max(start, at) + 1);
  if (overlap === count) return null;
  const newStart = start < at ? start : start > removedEnd ? start + delta : at;
  return [newStart, count - overlap];
}

export function shiftGridRange(
  range: GridRange,
  dimension: Dimension,
  at: number,
  delta: number,
): GridRange | null {
  if (dimension === 'rows') {
    const span = shiftSpan(range.row, range.numRows, at, delta);
    return span ? { ...range, row: span[0], numRows: span[1] } : null;
  }
  const span = shiftSpan(range.column, range.numColumns, at, delta);
  return span ? { ...range, column: span[0], numColumns: span[1] } : null;
}

function shiftCriterion(
  criterion: CriterionData | null,
  dimension: Dimension,
  at: number,
  delta: number,
): CriterionData | null {
  if (!criterion || criterion.type !== 'CUSTOM_FORMULA') return criterion;
  const [formula, ...rest] = criterion.values;
  return {
    ...criterion,
    values: [shiftFormula(String(formula ?? ''), dimension, at, delta), ...rest],
  };
}

function sortRank(value: CellValue): number {
  if (typeof value === 'number' || typeof value === 'object') return 0;
  if (typeof value === 'string') return 1;
  return 2;
}

export function compareForSort(a: CellValue, b: CellValue, ascending: boolean): number {
  const aEmpty = a === '';
  const bEmpty = b === '';
  if (aEmpty || bEmpty) return aEmpty === bEmpty ? 0 : aEmpty ? 1 : -1;
  let order = sortRank(a) - sortRank(b);
  if (order === 0) {
    if (typeof a === 'string' && typeof b === 'string') {
      order = a.localeCompare(b, 'en', { sensitivity: 'base', numeric: false });
    } else {
      order = Number(a) - Number(b);
    }
  }
  return ascending ? order : -order;
}
