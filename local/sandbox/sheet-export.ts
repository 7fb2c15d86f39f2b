/**
 * The sheet as a file, the way Sheets' File › Download does it: CSV holds one tab's values
 * as displayed (so the add-on's Error, Import Status and Contact ID columns come along);
 * XLSX holds every tab with typed values, so dates stay dates.
 */
import ExcelJS from 'exceljs';
import Papa from 'papaparse';
import { writeFileSync } from 'node:fs';
import { extname } from 'node:path';
import type { GasFakes } from '../gas-fakes';
import { isDate, resolveZone, wallClock, type Zone } from '../gas-fakes/dates';

/** A tab as CSV text: A1 through its last row and column with content. */
export function sheetCsv(fakes: GasFakes, sheet: string): string {
  const state = fakes.spreadsheet.sheetState(sheet);
  const rows = state.lastRow === 0 ? [] : state.displayValues;
  return Papa.unparse(rows, { newline: '\n' }) + '\n';
}

/** Writes `sheet` to a .csv, or every tab to an .xlsx (by the file's extension). */
export async function saveSpreadsheet(fakes: GasFakes, path: string, sheet: string): Promise<void> {
  if (extname(path).toLowerCase() === '.xlsx') await writeXlsx(fakes, path);
  else writeFileSync(path, sheetCsv(fakes, sheet));
}

async function writeXlsx(fakes: GasFakes, path: string): Promise<void> {
  const workbook = new ExcelJS.Workbook();
  const zone = resolveZone(fakes.spreadsheet.model.timeZone);
  for (const name of fakes.spreadsheet.sheetNames()) {
    const state = fakes.spreadsheet.sheetState(name);
    const worksheet = workbook.addWorksheet(name);
    if (state.lastRow === 0) continue;
    state.values.forEach((line, i) => {
      const row = worksheet.getRow(i + 1);
      line.forEach((value, j) => {
        if (value !== '') row.getCell(j + 1).value = xlsxValue(value, zone);
      });
    });
    if (state.frozenRows > 0) {
      worksheet.views = [{ state: 'frozen', ySplit: state.frozenRows }];
    }
  }
  await workbook.xlsx.writeFile(path);
}

/** Excel has no time zones: a date cell holds its wall-clock reading in the sheet's zone. */
function xlsxValue(value: unknown, zone: Zone): ExcelJS.CellValue {
  if (!isDate(value)) return value as string | number | boolean;
  const w = wallClock(value.getTime(), zone);
  return new Date(Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second));
}
