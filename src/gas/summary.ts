import type { SheetSummary } from '../rpc';

const HEADER_ROW = 1;

/**
 * What the sidebar shows first: which tab, its headers, how many data rows and columns.
 * Two SpreadsheetApp reads whatever the size of the sheet.
 */
export function getSheetSummary(): SheetSummary {
  const spreadsheet = SpreadsheetApp.getActiveSpreadsheet();
  const sheet = spreadsheet.getActiveSheet();
  const display = sheet.getDataRange().getDisplayValues();
  const headerCells = display[HEADER_ROW - 1] ?? [];
  const dataColumns = lastNonEmptyIndex_(headerCells) + 1;
  let dataRows = 0;
  for (let r = display.length - 1; r >= HEADER_ROW; r--) {
    if ((display[r] ?? []).some((cell) => cell.trim() !== '')) {
      dataRows = r - HEADER_ROW + 1;
      break;
    }
  }
  return {
    spreadsheetName: spreadsheet.getName(),
    sheetName: sheet.getName(),
    headerRow: HEADER_ROW,
    headers: headerCells.slice(0, dataColumns).map((h) => h.trim()),
    dataRows,
    dataColumns,
  };
}

function lastNonEmptyIndex_(cells: string[]): number {
  for (let i = cells.length - 1; i >= 0; i--) if ((cells[i] ?? '').trim() !== '') return i;
  return -1;
}
