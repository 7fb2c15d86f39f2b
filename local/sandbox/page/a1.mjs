/** A1 notation for the page: column letters and ranges, 1-based like Sheets. */

export function columnLetters(column) {
  let letters = '';
  for (let n = column; n > 0; n = Math.floor((n - 1) / 26)) {
    letters = String.fromCharCode(65 + ((n - 1) % 26)) + letters;
  }
  return letters;
}

export function cellA1(row, column) {
  return columnLetters(column) + row;
}

/** "B3" for one cell, "B3:D7" for more; `area` is {row, column, numRows, numColumns}. */
export function areaA1(area) {
  const start = cellA1(area.row, area.column);
  if (area.numRows === 1 && area.numColumns === 1) return start;
  return start + ':' + cellA1(area.row + area.numRows - 1, area.column + area.numColumns - 1);
}

/** The area between two corners, whichever way round. */
export function areaBetween(a, b) {
  const row = Math.min(a.row, b.row);
  const column = Math.min(a.column, b.column);
  return {
    row,
    column,
    numRows: Math.abs(a.row - b.row) + 1,
    numColumns: Math.abs(a.column - b.column) + 1,
  };
}

export function sameArea(a, b) {
  if (!a || !b) return a === b;
  return (
    a.row === b.row &&
    a.column === b.column &&
    a.numRows === b.numRows &&
    a.numColumns === b.numColumns
  );
}

export function contains(area, row, column) {
  return (
    !!area &&
    row >= area.row &&
    row < area.row + area.numRows &&
    column >= area.column &&
    column < area.column + area.numColumns
  );
}
