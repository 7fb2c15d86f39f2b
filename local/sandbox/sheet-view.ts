/**
 * What the page's grid needs from a sheet, read from the fakes' `sheetState` (what a person
 * would see: display values, colours with conditional formats applied, notes, the filter's
 * hidden rows). The layout travels once (`sheetLayout`); cells travel in blocks of rows
 * (`cellBlock`) that the page asks for as they scroll into view, so a 10,000-row sheet costs
 * no more than a 200-row one to show.
 */
import type { CellValue, GasFakes, SheetState } from '../gas-fakes';
import { columnToLetters, parseA1 } from '../gas-fakes/a1';

/** Columns beyond this are not drawn (Sheets allows 18,278; a contact list has a few dozen). */
export const MAX_VIEW_COLUMNS = 200;
const DEFAULT_BACKGROUND = '#ffffff';
const DEFAULT_FONT_COLOR = '#000000';

export interface Area {
  row: number;
  column: number;
  numRows: number;
  numColumns: number;
}

export interface SheetLayout {
  name: string;
  maxRows: number;
  /** Columns the grid draws: the sheet's columns, at most MAX_VIEW_COLUMNS. */
  columns: number;
  lastRow: number;
  lastColumn: number;
  frozenRows: number;
  frozenColumns: number;
  /** Rows hidden by the filter or by the person, ascending. */
  hiddenRows: number[];
  hiddenByFilter: number;
  hiddenColumns: number[];
  filter: { area: Area; columnsWithCriteria: number[] } | null;
  /** Pixel widths the sheet sets; other columns are 100 px, as in Sheets. */
  columnWidths: Record<number, number>;
  activeRange: Area | null;
  conditionalFormatRules: number;
  /** Moves whenever the sheet's cells change: blocks read at an older version are stale. */
  contentVersion: number;
}

/** One block of rows; per-cell arrays are left out (null) when every cell has the default. */
export interface CellBlockRow {
  /** Display values. */
  d: string[];
  /** Effective backgrounds (conditional formats applied). */
  b: Array<string | null> | null;
  /** Effective font colours. */
  f: Array<string | null> | null;
  /** 1 where bold. */
  w: number[] | null;
  notes: Array<string | null> | null;
  /** Alignment Sheets gives by type: r (numbers, dates), c (booleans), '' (text). */
  a: string[] | null;
  /** What the editor starts with: the formula where there is one. */
  formulas: Array<string | null> | null;
}

export interface CellBlock {
  sheet: string;
  from: number;
  to: number;
  columns: number;
  contentVersion: number;
  rows: CellBlockRow[];
}

export function viewColumns(state: Pick<SheetState, 'maxColumns'>): number {
  return Math.min(state.maxColumns, MAX_VIEW_COLUMNS);
}

export function sheetLayout(fakes: GasFakes, name: string, contentVersion: number): SheetLayout {
  // A one-cell window: the layout fields do not depend on it, and it costs nothing to read.
  const state = fakes.spreadsheet.sheetState(name, 'A1:A1');
  const hidden = new Set([...state.hiddenRowsByFilter, ...state.hiddenRowsByUser]);
  return {
    name: state.name,
    maxRows: state.maxRows,
    columns: viewColumns(state),
    lastRow: state.lastRow,
    lastColumn: state.lastColumn,
    frozenRows: state.frozenRows,
    frozenColumns: state.frozenColumns,
    hiddenRows: [...hidden].sort((a, b) => a - b),
    hiddenByFilter: state.hiddenRowsByFilter.length,
    hiddenColumns: state.hiddenColumns,
    filter: state.filter
      ? {
          area: areaOf(state.filter.range) ?? { row: 1, column: 1, numRows: 1, numColumns: 1 },
          columnsWithCriteria: state.filter.criteria
            .filter(
              (c) => c.criteria !== null || c.hiddenValues.length > 0 || c.visibleValues.length > 0,
            )
            .map((c) => c.column),
        }
      : null,
    columnWidths: state.columnWidths,
    activeRange: state.activeRange ? areaOf(state.activeRange) : null,
    conditionalFormatRules: state.conditionalFormatRules.length,
    contentVersion,
  };
}

/** Rows `from`..`to` (1-based, inclusive, clipped to the sheet), every drawn column. */
export function cellBlock(
  fakes: GasFakes,
  name: string,
  from: number,
  to: number,
  contentVersion: number,
): CellBlock {
  const layout = fakes.spreadsheet.sheetState(name, 'A1:A1');
  const columns = viewColumns(layout);
  const first = Math.max(1, Math.min(from, layout.maxRows));
  const last = Math.max(first, Math.min(to, layout.maxRows));
  const state = fakes.spreadsheet.sheetState(name, `A${first}:${columnToLetters(columns)}${last}`);
  const rows = state.displayValues.map((display, i) => blockRow(state, i, display));
  return { sheet: state.name, from: first, to: last, columns, contentVersion, rows };
}

function blockRow(state: SheetState, i: number, display: string[]): CellBlockRow {
  const values = state.values[i] ?? [];
  return {
    d: display,
    b: unlessAll(state.effectiveBackgrounds[i], DEFAULT_BACKGROUND),
    f: unlessAll(state.effectiveFontColors[i], DEFAULT_FONT_COLOR),
    w: (state.fontWeights[i] ?? []).some((w) => w === 'bold')
      ? (state.fontWeights[i] ?? []).map((w) => (w === 'bold' ? 1 : 0))
      : null,
    notes: unlessAll(state.notes[i], ''),
    a: values.some((v) => alignmentOf(v) !== '') ? values.map(alignmentOf) : null,
    formulas: unlessAll(state.formulas[i], ''),
  };
}

/** The row's entries, with defaults as null; null for the row when all are the default. */
function unlessAll(line: string[] | undefined, fallback: string): Array<string | null> | null {
  if (!line || line.every((v) => v === fallback || v === '')) return null;
  return line.map((v) => (v === fallback || v === '' ? null : v));
}

function alignmentOf(value: CellValue): string {
  if (typeof value === 'number' || value instanceof Date) return 'r';
  if (typeof value === 'boolean') return 'c';
  // Dates from the bundle's realm are not `instanceof Date` here.
  if (Object.prototype.toString.call(value) === '[object Date]') return 'r';
  return '';
}

export function areaOf(a1: string): Area | null {
  const ref = parseA1(a1);
  if (!ref || ref.startRow === undefined || ref.startColumn === undefined) return null;
  return {
    row: ref.startRow,
    column: ref.startColumn,
    numRows: (ref.endRow ?? ref.startRow) - ref.startRow + 1,
    numColumns: (ref.endColumn ?? ref.startColumn) - ref.startColumn + 1,
  };
}
