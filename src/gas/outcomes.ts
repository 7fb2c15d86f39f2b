/**
 * The import's writes to its tab: each outcome goes to the row that now holds its contact
 * (rows may have moved since the slice read them), into that row's owned cells.
 */
import { locateIn, rowAddress } from '../core/locate';
import { identifierColumn } from '../core/mapping';
import type { RowOutcome } from '../core/outcome';
import { ownedCells } from '../core/run/writes';
import { tableRow } from '../core/table';
import { identifierReadColumns, identifierValueKey, identifierValueOf } from '../core/validate';
import {
  cellsText_,
  extent_,
  findOwned_,
  fixColumns_,
  readColumn_,
  readHeaderRow_,
  readOwned_,
  readValues_,
  usedSize_,
  writeOwned_,
  type OwnedWrites,
  type Sheet,
} from './sheet';
import type { CheckedTab } from './tab';

/**
 * Writes outcomes into their rows' owned cells. A teammate may have sorted or inserted rows
 * since the slice began, so each outcome goes to the row that now holds its contact. The
 * sheet is not read again in full (4M cells at 200,000 rows): only its header, the owned
 * columns and the identifier column(s). Rows without an identifier (add-all) are told
 * apart by the fingerprint of their values, so their rows are read: the outcomes' own rows
 * first, the whole data only when one of them has moved.
 */
export function writeOutcomes_(
  tab: CheckedTab,
  outcomes: readonly RowOutcome[],
  runId: string,
): void {
  const sheet = tab.sheet;
  const firstRow = tab.settings.headerRow + 1;
  const size = usedSize_(sheet);
  const { lastRow, lastColumn } = size;
  if (lastRow < firstRow || lastColumn === 0) return;
  const count = lastRow - firstRow + 1;
  const owned = {
    ...tab.owned,
    ...findOwned_(readHeaderRow_(sheet, tab.settings.headerRow, size).values),
  };
  const current = readOwned_(sheet, owned, firstRow, count);

  const idColumns = identifierReadColumns(tab.validator);
  let idValues: Map<number, unknown[][]> | null = null;
  const keyAt = (row: number): string | null | undefined => {
    if (row < firstRow || row > lastRow) return undefined;
    idValues ??= new Map(idColumns.map((c) => [c, readColumn_(sheet, c, firstRow, count)]));
    const values: unknown[] = [];
    for (const c of idColumns) values[c] = idValues.get(c)?.[row - firstRow]?.[0] ?? '';
    return identifierValueKey(identifierValueOf(tab.validator, tableRow(row, values)));
  };
  const rows = wholeRows_(sheet, outcomes, firstRow, lastRow, lastColumn);
  const fingerprintAt = (row: number): string | undefined => {
    const values = rows(row);
    return values ? rowAddress(tab.validator, row, values).fingerprint : undefined;
  };
  const where = locateIn(outcomes, { keyAt, fingerprintAt }, firstRow, lastRow);

  const results = new Map(tab.report.rows.map((r) => [r.row, r]));
  const idColumn = identifierColumn(tab.settings, tab.table.columns);
  const writes: OwnedWrites = new Map();
  outcomes.forEach((outcome, i) => {
    const row = where[i];
    if (row === null || row === undefined) return;
    const result = results.get(outcome.row);
    const owns = ownedCells(outcome, runId, idColumn, result?.highlight ?? []);
    writes.set(row, {
      status: owns.status,
      error: owns.error,
      fingerprint: owns.fingerprint,
      // Cells with a suggested fix stay marked after the import, as a review marks them.
      cells: cellsText_(owns.errorColumns, result ? fixColumns_(result) : []),
      ...(owns.contactId === null ? {} : { contactId: owns.contactId }),
    });
  });
  // The slice holds the document lock: nobody else writes statuses meanwhile.
  writeOwned_(sheet, owned, writes, { current, fill: true });
}

/**
 * Whole rows, read only when asked (outcomes without an identifier): the span of the
 * outcomes' rows first, the whole data when a row outside it is asked for (one moved).
 */
function wholeRows_(
  sheet: Sheet,
  outcomes: readonly RowOutcome[],
  firstRow: number,
  lastRow: number,
  lastColumn: number,
): (row: number) => unknown[] | undefined {
  let top = 0;
  let values: unknown[][] = [];
  let read = false;
  const load = (from: number, to: number) => {
    top = from;
    values = readValues_(sheet, from, to, lastColumn);
    read = true;
  };
  return (row) => {
    if (row < firstRow || row > lastRow) return undefined;
    if (!read) {
      const span = extent_(outcomes.map((o) => o.row)) ?? { min: firstRow, max: firstRow };
      load(Math.max(firstRow, span.min), Math.min(lastRow, span.max));
    }
    const whole = top === firstRow && values.length === lastRow - firstRow + 1;
    if ((row < top || row >= top + values.length) && !whole) load(firstRow, lastRow);
    return values[row - top];
  };
}
