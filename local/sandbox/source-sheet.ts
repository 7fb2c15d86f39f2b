/**
 * Fills the fake spreadsheet with the contacts the sandbox shows: the generated sample sheet,
 * or a person's own CSV/XLSX file. Done through the fakes' uncounted handles, as a person
 * would have prepared the sheet before opening the add-on.
 */
import type { GasFakes } from '../gas-fakes';
import { fromWallClock, isDate, resolveZone } from '../gas-fakes/dates';
import { readSheetFile } from '../files';
import { sampleSheet, type SampleSheet } from './sample-sheet';

export interface SourceOptions {
  /** A .csv or .xlsx file to show instead of the sample. */
  file?: string;
  /**
   * Read a CSV as Sheets' File › Import does with "Convert text to numbers, dates and formulas"
   * on ("+60…" becomes a number, "2024-01-05" a date). Off by default: text stays as written.
   */
  convert?: boolean;
  /** Data rows of the sample sheet (default 200). */
  rows?: number;
}

/** Seeds the sheet and makes it active; answers its name. Create the fakes with `sheets: {}`. */
export async function loadSourceSheet(fakes: GasFakes, options: SourceOptions): Promise<string> {
  if (options.file !== undefined) return loadFile(fakes, options.file, options.convert ?? false);
  const sample = sampleSheet(options.rows ?? 200);
  applySample(fakes, sample);
  return sample.name;
}

async function loadFile(fakes: GasFakes, path: string, convert: boolean): Promise<string> {
  const data = await readSheetFile(path);
  const zone = resolveZone(fakes.spreadsheet.model.timeZone);
  // XLSX dates are wall-clock readings (ExcelJS gives them as UTC); a sheet's are instants.
  const values = data.values.map((line) => line.map((v) => (isDate(v) ? inZone(v, zone) : v)));
  fakes.spreadsheet.seedSheet(data.name, values, { typed: convert, maxRows: values.length + 100 });
  fakes.spreadsheet.edit((ss) => ss.getSheetByName(data.name)?.setFrozenRows(1));
  return data.name;
}

function inZone(date: Date, zone: ReturnType<typeof resolveZone>): Date {
  return new Date(
    fromWallClock(
      zone,
      date.getUTCFullYear(),
      date.getUTCMonth() + 1,
      date.getUTCDate(),
      date.getUTCHours(),
      date.getUTCMinutes(),
      date.getUTCSeconds(),
    ),
  );
}

function applySample(fakes: GasFakes, sample: SampleSheet): void {
  fakes.spreadsheet.seedSheet(sample.name, sample.rows, { maxRows: sample.rows.length + 100 });
  fakes.spreadsheet.edit((ss) => {
    const sheet = ss.getSheetByName(sample.name);
    if (!sheet) return;
    for (const cell of sample.typed) sheet.getRange(cell.row, cell.column).setValue(cell.text);
    for (const { row, column, note } of sample.notes) sheet.getRange(row, column).setNote(note);
    const width = sample.rows[0]?.length ?? 1;
    for (const { row, background } of sample.highlights) {
      sheet.getRange(row, 1, 1, width).setBackground(background);
    }
    sheet.getRange(1, 1, 1, width).setFontWeight('bold').setBackground('#f3f3f3');
    sheet.setFrozenRows(1);
    sheet.setColumnWidth(4, 230); // Email
    sheet.setColumnWidth(3, 150); // Mobile
  });
}
