/**
 * A1 notation: column letters, parsing of the forms Apps Script accepts in getRange(a1), and
 * formatting for getA1Notation().
 */

/** Largest column Sheets allows (column ZZZ). */
export const MAX_COLUMNS = 18278;

export function columnToLetters(column: number): string {
  let n = column;
  let letters = '';
  while (n > 0) {
    const rem = (n - 1) % 26;
    letters = String.fromCharCode(65 + rem) + letters;
    n = Math.floor((n - 1) / 26);
  }
  return letters;
}

export function lettersToColumn(letters: string): number {
  let n = 0;
  for (const ch of letters.toUpperCase()) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n;
}

/** A parsed reference; an undefined bound means "open" (whole column or whole row). */
export interface A1Reference {
  sheetName?: string;
  startRow?: number;
  startColumn?: number;
  endRow?: number;
  endColumn?: number;
}

const CELL = /^(\$?[A-Za-z]{1,3})?(\$?[0-9]+)?$/;

interface Corner {
  column?: number;
  row?: number;
}

function parseCorner(text: string): Corner | null {
  const match = CELL.exec(text);
  if (!match || (!match[1] && !match[2])) return null;
  const column = match[1] ? lettersToColumn(match[1].replace('$', '')) : undefined;
  const row = match[2] ? Number(match[2].replace('$', '')) : undefined;
  if (row === 0 || (column !== undefined && column > MAX_COLUMNS)) return null;
  return { column, row };
}

/** Splits `'Sheet 1'!A1:B2` into the sheet name and the cell part. */
function splitSheet(a1: string): { sheetName?: string; cells: string } | null {
  if (a1.startsWith("'")) {
    let name = '';
    let i = 1;
    for (; i < a1.length; i++) {
      if (a1[i] === "'") {
        if (a1[i + 1] === "'") {
          name += "'";
          i++;
          continue;
        }
        break;
      }
      name += a1[i];
    }
    if (a1[i] !== "'" || a1[i + 1] !== '!') return null;
    return { sheetName: name, cells: a1.slice(i + 2) };
  }
  const bang = a1.lastIndexOf('!');
  if (bang < 0) return { cells: a1 };
  return { sheetName: a1.slice(0, bang), cells: a1.slice(bang + 1) };
}

/**
 * Parses `A1`, `A1:C3`, `A:C`, `2:5`, `A2:C` (to the last row), each optionally with `$` and a
 * sheet prefix. Returns null for anything else (Google answers "Range not found").
 */
export function parseA1(a1: string): A1Reference | null {
  const split = splitSheet(a1.trim());
  if (!split || split.cells === '') return null;
  const parts = split.cells.split(':');
  if (parts.length > 2) return null;
  const first = parseCorner(parts[0] ?? '');
  if (!first) return null;
  const ref: A1Reference = split.sheetName !== undefined ? { sheetName: split.sheetName } : {};
  if (parts.length === 1) {
    if (first.row === undefined || first.column === undefined) return null;
    return {
      ...ref,
      startRow: first.row,
      endRow: first.row,
      startColumn: first.column,
      endColumn: first.column,
    };
  }
  const second = parseCorner(parts[1] ?? '');
  if (!second) return null;
  const columnsOnly = first.row === undefined && second.row === undefined;
  const rowsOnly = first.column === undefined && second.column === undefined;
  if (columnsOnly) {
    return { ...ref, ...ordered('Column', first.column, second.column) };
  }
  if (rowsOnly) {
    return { ...ref, ...ordered('Row', first.row, second.row) };
  }
  // Mixed forms: A2:C (rows open below) is valid; a missing column is not.
  if (first.column === undefined || second.column === undefined || first.row === undefined) {
    return null;
  }
  const columns = ordered('Column', first.column, second.column);
  if (second.row === undefined) return { ...ref, ...columns, startRow: first.row };
  return { ...ref, ...columns, ...ordered('Row', first.row, second.row) };
}

function ordered(
  kind: 'Row' | 'Column',
  a: number | undefined,
  b: number | undefined,
): Partial<A1Reference> {
  const lo = Math.min(a ?? 0, b ?? 0);
  const hi = Math.max(a ?? 0, b ?? 0);
  return { [`start${kind}`]: lo, [`end${kind}`]: hi };
}

/** Which dimensions of a range were given open (A:C, 2:5), so A1 notation round-trips. */
export interface OpenBounds {
  rows?: boolean;
  columns?: boolean;
}

export function formatA1(
  row: number,
  column: number,
  numRows: number,
  numColumns: number,
  open: OpenBounds = {},
): string {
  const lastRow = row + numRows - 1;
  const lastColumn = column + numColumns - 1;
  if (open.rows && !open.columns) {
    return `${columnToLetters(column)}${row === 1 ? '' : row}:${columnToLetters(lastColumn)}`;
  }
  if (open.columns && !open.rows) return `${row}:${lastRow}`;
  const start = `${columnToLetters(column)}${row}`;
  if (numRows === 1 && numColumns === 1) return start;
  return `${start}:${columnToLetters(lastColumn)}${lastRow}`;
}
