/**
 * A plain-data picture of a sheet for assertions and for the sandbox's grid view: cell
 * contents and formats over a window, conditional-format colours as a person would see them,
 * rules, filter, hidden rows and columns, and the selection.
 */
import { formatA1 } from './a1';
import type { CellValue } from './cell-values';
import type { GridRange, SheetModel } from './sheet-model';
import type { SpreadsheetModel } from './spreadsheet-model';

export interface RuleState {
  ranges: string[];
  criteria: string | null;
  values: unknown[];
  background: string | null;
  fontColor: string | null;
  bold: boolean | null;
}

export interface FilterState {
  range: string;
  criteria: Array<{
    column: number;
    criteria: string | null;
    values: unknown[];
    hiddenValues: string[];
    visibleValues: string[];
  }>;
}

export interface SheetState {
  name: string;
  sheetId: number;
  /** 1-based position among the tabs. */
  index: number;
  active: boolean;
  maxRows: number;
  maxColumns: number;
  lastRow: number;
  lastColumn: number;
  frozenRows: number;
  frozenColumns: number;
  /** The cells the arrays below cover. */
  window: GridRange;
  values: CellValue[][];
  displayValues: string[][];
  formulas: string[][];
  notes: string[][];
  backgrounds: string[][];
  fontColors: string[][];
  fontWeights: string[][];
  numberFormats: string[][];
  /** Backgrounds with conditional formatting applied (what a person sees). */
  effectiveBackgrounds: string[][];
  effectiveFontColors: string[][];
  conditionalFormatRules: RuleState[];
  filter: FilterState | null;
  hiddenRowsByFilter: number[];
  hiddenRowsByUser: number[];
  hiddenColumns: number[];
  columnWidths: Record<number, number>;
  /** A1 of the selection when it is on this sheet. */
  activeRange: string | null;
}

const a1Of = (g: GridRange): string => formatA1(g.row, g.column, g.numRows, g.numColumns);

/** Reads a sheet's state; `window` defaults to A1 through the last row and column with content. */
export function readSheetState(
  book: SpreadsheetModel,
  sheet: SheetModel,
  window?: GridRange,
): SheetState {
  const area = window ?? {
    row: 1,
    column: 1,
    numRows: Math.max(1, sheet.lastRow()),
    numColumns: Math.max(1, sheet.lastColumn()),
  };
  const backgrounds = sheet.readAttribute('backgrounds', area);
  const fontColors = sheet.readAttribute('fontColors', area);
  const effectiveBackgrounds = backgrounds.map((line) => line.slice());
  const effectiveFontColors = fontColors.map((line) => line.slice());
  if (sheet.rules.length > 0) {
    sheet.batch(() => {
      for (let i = 0; i < area.numRows; i++) {
        for (let j = 0; j < area.numColumns; j++) {
          const format = sheet.conditionalFormat(area.row + i, area.column + j);
          if (format?.background) (effectiveBackgrounds[i] as string[])[j] = format.background;
          if (format?.fontColor) (effectiveFontColors[i] as string[])[j] = format.fontColor;
        }
      }
    });
  }
  const hiddenRowsByFilter: number[] = [];
  const hiddenRowsByUser: number[] = [];
  sheet.rows.forEach((data, i) => {
    if (data?.hiddenByFilter) hiddenRowsByFilter.push(i + 1);
    if (data?.hiddenByUser) hiddenRowsByUser.push(i + 1);
  });
  const columnWidths: Record<number, number> = {};
  sheet.columnWidths.forEach((width, i) => {
    if (width !== undefined) columnWidths[i + 1] = width;
  });
  const selection = book.selection;
  return {
    name: sheet.name,
    sheetId: sheet.id,
    index: book.sheets.indexOf(sheet) + 1,
    active: book.activeSheet === sheet,
    maxRows: sheet.maxRows,
    maxColumns: sheet.maxColumns,
    lastRow: sheet.lastRow(),
    lastColumn: sheet.lastColumn(),
    frozenRows: sheet.frozenRows,
    frozenColumns: sheet.frozenColumns,
    window: { ...area },
    values: sheet.readValues(area),
    displayValues: sheet.readDisplayValues(area),
    formulas: sheet.readFormulas(area),
    notes: sheet.readAttribute('notes', area),
    backgrounds,
    fontColors,
    fontWeights: sheet.readAttribute('fontWeights', area),
    numberFormats: sheet.readAttribute('numberFormats', area),
    effectiveBackgrounds,
    effectiveFontColors,
    conditionalFormatRules: sheet.rules.map((rule) => ({
      ranges: rule.ranges.map(a1Of),
      criteria: rule.condition?.type ?? null,
      values: [...(rule.condition?.values ?? [])],
      background: rule.format.background,
      fontColor: rule.format.fontColor,
      bold: rule.format.bold,
    })),
    filter: sheet.filter
      ? {
          range: a1Of(sheet.filter.range),
          criteria: [...sheet.filter.criteria].map(([column, entry]) => ({
            column,
            criteria: entry.criterion?.type ?? null,
            values: [...(entry.criterion?.values ?? [])],
            hiddenValues: [...entry.hiddenValues],
            visibleValues: [...entry.visibleValues],
          })),
        }
      : null,
    hiddenRowsByFilter,
    hiddenRowsByUser,
    hiddenColumns: sheet.hiddenColumns.flatMap((hidden, i) => (hidden ? [i + 1] : [])),
    columnWidths,
    activeRange: selection && selection.sheet === sheet ? a1Of(selection.range) : null,
  };
}
