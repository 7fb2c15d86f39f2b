/**
 * Rows can move while a job runs (a teammate sorts or inserts rows). Before an outcome is
 * written, its row is checked: does the sheet row it was sent from still hold the same
 * contact? If not, the row is found again by its identifier (or, without one, by the
 * fingerprint of its values). A status never lands on another contact's row.
 */
import type { RowOutcome } from './outcome';
import { rowFingerprint } from './run';
import { tableRow } from './table';
import { identityKey, validateRow, type Validator } from './validate';

export interface RowIdentity {
  key: string | null;
  fingerprint: string;
}

/** The identity of a sheet row as the job would have sent it. */
export function identify(
  validator: Validator,
  row: number,
  values: readonly unknown[],
): RowIdentity {
  const result = validateRow(validator, tableRow(row, values));
  const id = result.identifier;
  return { key: identityKey(id), fingerprint: rowFingerprint(result) };
}

/**
 * The sheet row each outcome belongs to now (null when its row is gone). `rowValues(n)`
 * gives sheet row n's values; `firstRow`..`lastRow` bound the data. The row each outcome
 * names is checked first (one row each); only when one has moved is the sheet indexed.
 */
export function locateOutcomes(
  outcomes: readonly RowOutcome[],
  validator: Validator,
  rowValues: (row: number) => readonly unknown[] | undefined,
  firstRow: number,
  lastRow: number,
): (number | null)[] {
  let index: Map<string, number> | null = null;
  const keyOf = (o: RowOutcome) => (o.key !== null ? `k|${o.key}` : `f|${o.fingerprint}`);
  return outcomes.map((outcome) => {
    const values = rowValues(outcome.row);
    if (values) {
      const now = identify(validator, outcome.row, values);
      if (
        outcome.key !== null ? now.key === outcome.key : now.fingerprint === outcome.fingerprint
      ) {
        return outcome.row;
      }
    }
    index ??= indexRows(validator, rowValues, firstRow, lastRow);
    return index.get(keyOf(outcome)) ?? null;
  });
}

function indexRows(
  validator: Validator,
  rowValues: (row: number) => readonly unknown[] | undefined,
  firstRow: number,
  lastRow: number,
): Map<string, number> {
  const index = new Map<string, number>();
  for (let row = firstRow; row <= lastRow; row++) {
    const values = rowValues(row);
    if (!values) continue;
    const id = identify(validator, row, values);
    if (id.key !== null && !index.has(`k|${id.key}`)) index.set(`k|${id.key}`, row);
    if (!index.has(`f|${id.fingerprint}`)) index.set(`f|${id.fingerprint}`, row);
  }
  return index;
}
