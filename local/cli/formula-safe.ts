/**
 * Results files that a spreadsheet may open. A spreadsheet runs a cell starting with `=`, `+`,
 * `-` or `@` as a formula (and tab or carriage return first can smuggle one past a check), so
 * text from a typed cell (XLSX) that starts so is written the way OWASP's CSV-injection
 * guidance says: prefixed with a single quote, and the field quoted
 * (https://owasp.org/www-community/attacks/CSV_Injection). A spreadsheet then shows it as text.
 *
 * A CSV input is kept byte-faithful (its cells are the person's own text, perhaps meant as
 * formulas) unless `--safe-csv` asks for the same protection. A results file read back as
 * input loses the protective quote (its cells are read as they were before it was added) and
 * keeps the protection when it is written again.
 */
import { ownedColumnKind } from '../../src/core/columns';
import type { CellValue } from '../files';

/** The characters OWASP lists as starting a formula. */
const FORMULA_START = /^[=+\-@\t\r]/;
const PROTECTED = /^'[=+\-@\t\r]/;

export function startsFormula(value: unknown): value is string {
  return typeof value === 'string' && FORMULA_START.test(value);
}

/** A text cell as the results file writes it when protection is on. */
export function protectCell(value: CellValue): CellValue {
  return startsFormula(value) ? `'${value}` : value;
}

/**
 * For a results file read back: removes the quote this CLI added to the person's cells (the
 * add-on's own columns keep theirs, as the core wrote them). True when any cell had one, so the
 * file is written protected again.
 */
export function unprotectResults(values: CellValue[][]): boolean {
  const header = values
    .slice(0, 20)
    .findIndex((row) =>
      row.some((cell) => typeof cell === 'string' && ownedColumnKind(cell) === 'fingerprint'),
    );
  if (header < 0) return false;
  const owned = new Set<number>();
  (values[header] ?? []).forEach((cell, i) => {
    if (typeof cell === 'string' && ownedColumnKind(cell) !== null) owned.add(i);
  });
  let found = false;
  for (let r = 0; r < values.length; r++) {
    const row = values[r] ?? [];
    for (let c = 0; c < row.length; c++) {
      const cell = row[c];
      if (owned.has(c) || typeof cell !== 'string' || !PROTECTED.test(cell)) continue;
      row[c] = cell.slice(1);
      found = true;
    }
  }
  return found;
}
