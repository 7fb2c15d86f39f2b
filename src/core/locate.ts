/**
 * Rows can move while a job runs (a teammate sorts or inserts rows). Before an outcome is
 * written, its row is checked: does the sheet row it was sent from still hold the same
 * contact? If not, the row is found again by its identifier (or, without one, by the
 * fingerprint of its values). A status never lands on a row another outcome was found at;
 * a row edited mid-import (found nowhere) keeps its status where it was sent from.
 */
import type { RowOutcome } from './outcome';
import { rowFingerprint } from './run/rows';
import { tableRow } from './table';
import { identifierValueKey, validateRow, type Validator } from './validate';

/** How an outcome finds its sheet row: by identifier value key, else by fingerprint. */
export interface RowAddress {
  key: string | null;
  fingerprint: string;
}

/** The address of a sheet row as the job would have sent it. */
export function rowAddress(
  validator: Validator,
  row: number,
  values: readonly unknown[],
): RowAddress {
  const result = validateRow(validator, tableRow(row, values));
  const id = result.identifierValue;
  return { key: identifierValueKey(id), fingerprint: rowFingerprint(result) };
}

/** What a driver can tell about sheet row n now (undefined: the row is gone). */
export interface RowLookup {
  /** The row's identifier key (null: none). Read from the identifier column(s) only. */
  keyAt(row: number): string | null | undefined;
  /** The fingerprint of the row's values (needs the whole row: asked only for rows without a key). */
  fingerprintAt(row: number): string | undefined;
}

/**
 * The sheet row each outcome belongs to now (null when its row is gone). The row each
 * outcome names is checked first; only when one has moved is the sheet indexed, by key for
 * outcomes with one and by fingerprint for the others (so a sheet with identifiers is never
 * read beyond its identifier column).
 */
export function locateIn(
  outcomes: readonly RowOutcome[],
  lookup: RowLookup,
  firstRow: number,
  lastRow: number,
): (number | null)[] {
  let keys: Map<string, number> | null = null;
  let prints: Map<string, number> | null = null;
  const found = outcomes.map((outcome) => {
    if (outcome.key !== null) {
      if (lookup.keyAt(outcome.row) === outcome.key) return outcome.row;
      keys ??= indexBy((row) => lookup.keyAt(row), firstRow, lastRow);
      return keys.get(outcome.key) ?? null;
    }
    if (lookup.fingerprintAt(outcome.row) === outcome.fingerprint) return outcome.row;
    prints ??= indexBy((row) => lookup.fingerprintAt(row), firstRow, lastRow);
    return prints.get(outcome.fingerprint) ?? null;
  });
  return stayPut(outcomes, found, firstRow, lastRow);
}

/**
 * An outcome found nowhere was edited while it was under way (a person fixed its email, say):
 * the row it was sent from is still its row, unless another outcome now lives there. Without
 * this the row would keep no status, and the next run would send it again.
 */
function stayPut(
  outcomes: readonly RowOutcome[],
  found: (number | null)[],
  firstRow: number,
  lastRow: number,
): (number | null)[] {
  const taken = new Set<number>();
  for (const row of found) if (row !== null) taken.add(row);
  return found.map((row, i) => {
    if (row !== null) return row;
    const own = (outcomes[i] as RowOutcome).row;
    if (own < firstRow || own > lastRow || taken.has(own)) return null;
    taken.add(own);
    return own;
  });
}

function indexBy(
  read: (row: number) => string | null | undefined,
  firstRow: number,
  lastRow: number,
): Map<string, number> {
  const index = new Map<string, number>();
  for (let row = firstRow; row <= lastRow; row++) {
    const value = read(row);
    if (value !== null && value !== undefined && !index.has(value)) index.set(value, row);
  }
  return index;
}

/**
 * The sheet row each outcome belongs to now, from whole rows: `rowValues(n)` gives sheet row
 * n's values; `firstRow`..`lastRow` bound the data.
 */
export function locateOutcomes(
  outcomes: readonly RowOutcome[],
  validator: Validator,
  rowValues: (row: number) => readonly unknown[] | undefined,
  firstRow: number,
  lastRow: number,
): (number | null)[] {
  const memo = new Map<number, RowAddress | null>();
  const at = (row: number) => {
    if (!memo.has(row)) {
      const values = rowValues(row);
      memo.set(row, values ? rowAddress(validator, row, values) : null);
    }
    return memo.get(row) ?? undefined;
  };
  return locateIn(
    outcomes,
    { keyAt: (row) => at(row)?.key, fingerprintAt: (row) => at(row)?.fingerprint },
    firstRow,
    lastRow,
  );
}
