/**
 * Contact files on disk, read into the shape Apps Script's Range.getValues() and
 * getDisplayValues() give, so the Node drivers feed the core exactly what the add-on does.
 */
import ExcelJS from 'exceljs';
import Papa from 'papaparse';
import { readFileSync, writeFileSync } from 'node:fs';
import { basename, extname } from 'node:path';

export type CellValue = string | number | boolean | Date;

export interface SheetData {
  /** Tab name: the XLSX sheet's name, or the CSV file's name without extension. */
  name: string;
  values: CellValue[][];
  display: string[][];
}

export async function readSheetFile(path: string): Promise<SheetData> {
  const ext = extname(path).toLowerCase();
  if (ext === '.xlsx') return readXlsx(path);
  if (ext === '.csv' || ext === '.txt' || ext === '.tsv') return readCsv(path);
  throw new Error(`${basename(path)}: only .csv and .xlsx files can be read.`);
}

/** CSV with `,` or `;` (or tab) separators, detected from the file. Every value is text. */
export function readCsv(path: string): SheetData {
  // Without the final line break: Papa's separator guess counts the empty last line as a row
  // of one field, and with a single data row that outvotes ';' (a one-row ';' file read as ',').
  const text = readFileSync(path, 'utf8')
    .replace(/^\uFEFF/, '')
    .replace(/(\r?\n)+$/, '');
  const parsed = Papa.parse<string[]>(text, {
    delimitersToGuess: [',', ';', '\t'],
    skipEmptyLines: false,
  });
  const rows = parsed.data;
  return { name: basename(path, extname(path)), values: rows, display: rows.map((r) => [...r]) };
}

export async function readXlsx(path: string): Promise<SheetData> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(path);
  const sheet = workbook.worksheets[0];
  if (!sheet) throw new Error(`${basename(path)} has no worksheet.`);
  const values: CellValue[][] = [];
  const display: string[][] = [];
  const width = sheet.actualColumnCount > 0 ? sheet.columnCount : 0;
  sheet.eachRow({ includeEmpty: true }, (row, rowNumber) => {
    const v: CellValue[] = [];
    const d: string[] = [];
    for (let c = 1; c <= width; c++) {
      const cell = row.getCell(c);
      v.push(cellValue(cell.value));
      d.push(cell.text ?? '');
    }
    values[rowNumber - 1] = v;
    display[rowNumber - 1] = d;
  });
  for (let r = 0; r < values.length; r++) {
    values[r] ??= new Array<CellValue>(width).fill('');
    display[r] ??= new Array<string>(width).fill('');
  }
  return { name: sheet.name, values, display };
}

/** ExcelJS cell values (formulas, rich text, links, errors) as getValues() would give them. */
function cellValue(value: ExcelJS.CellValue): CellValue {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') {
    return value;
  }
  if (value instanceof Date) return value;
  if ('error' in value) return value.error;
  if ('richText' in value) return value.richText.map((part) => part.text).join('');
  if ('hyperlink' in value) return typeof value.text === 'string' ? value.text : value.hyperlink;
  if ('result' in value) {
    const result = value.result;
    if (result === undefined || result === null) return '';
    if (typeof result === 'object' && 'error' in result) return result.error;
    return result as CellValue;
  }
  return '';
}

/**
 * Writes rows as CSV. The person's own cells go out exactly as they came in; the caller
 * makes the add-on's own cells formula-safe (see plainText in src/core) before this.
 */
export function writeCsv(
  path: string,
  rows: CellValue[][],
  /** Fields to quote even when CSV does not need it (formula-protected text). */
  quote?: (cell: unknown) => boolean,
): void {
  const text = Papa.unparse(
    rows.map((row) => row.map((cell) => (cell instanceof Date ? cell.toISOString() : cell))),
    quote ? { newline: '\n', quotes: quote } : { newline: '\n' },
  );
  writeFileSync(path, text + '\n');
}
