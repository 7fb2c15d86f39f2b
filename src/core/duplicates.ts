/**
 * Duplicate identifiers inside the sheet. Values are compared after normalisation (E.164 phones,
 * lower-cased emails, contact IDs without leading zeros), so differently written copies of one
 * number are found. Every row of a cluster is an error naming the others: none is imported
 * until the person keeps one.
 */
import type { Identifier } from './settings';

/** Normalised identifier value → sheet rows holding it. */
export type IdentifierIndex = ReadonlyMap<string, readonly number[]>;

const WHAT: Readonly<Record<Identifier, string>> = {
  phone: 'same number as',
  email: 'same address as',
  id: 'same Contact ID as',
};

const SHOWN_ROWS = 5;

/**
 * "same number as rows 14, 203 — keep one", naming at most five of the other rows of the
 * cluster. `clusterRows` holds every row with the value (including `row` itself); it may be huge
 * (a column filled with one number), so only the rows shown are collected.
 */
export function duplicateMessage(
  kind: Identifier,
  clusterRows: readonly number[],
  row: number,
): string {
  const shown: number[] = [];
  let others = 0;
  for (const r of clusterRows) {
    if (r === row) continue;
    others++;
    if (shown.length < SHOWN_ROWS) shown.push(r);
  }
  const more = others > SHOWN_ROWS ? ` and ${others - SHOWN_ROWS} more` : '';
  const rows = others === 1 ? 'row' : 'rows';
  return `${WHAT[kind]} ${rows} ${shown.join(', ')}${more} — keep one`;
}

/** Whether any row other than `row` holds `value`. */
export function hasOtherRows(index: IdentifierIndex, value: string, row: number): boolean {
  const rows = index.get(value);
  return rows !== undefined && rows.some((r) => r !== row);
}

/**
 * Value → rows (or positions) holding it, in the order given. Built for 200,000 mostly distinct
 * values: a value seen once costs one map entry, not an array.
 */
export function indexIdentifiers(
  values: readonly (string | null)[],
  rowOf: (position: number) => number = (position) => position,
): Map<string, number[]> {
  const first = new Map<string, number>();
  const repeated = new Map<string, number[]>();
  for (let position = 0; position < values.length; position++) {
    const value = values[position];
    if (value === null || value === undefined) continue;
    const seen = first.get(value);
    if (seen === undefined) {
      first.set(value, position);
      continue;
    }
    const rows = repeated.get(value);
    if (rows === undefined) repeated.set(value, [rowOf(seen), rowOf(position)]);
    else rows.push(rowOf(position));
  }
  const index = new Map<string, number[]>();
  for (const [value, position] of first) index.set(value, repeated.get(value) ?? [rowOf(position)]);
  return index;
}

/** Only the values held by more than one row (cheaper when singles do not matter). */
export function repeatedIdentifiers(values: readonly (string | null)[]): number[][] {
  const first = new Map<string, number>();
  const repeated = new Map<string, number[]>();
  for (let position = 0; position < values.length; position++) {
    const value = values[position];
    if (value === null || value === undefined) continue;
    const seen = first.get(value);
    if (seen === undefined) first.set(value, position);
    else {
      const positions = repeated.get(value);
      if (positions === undefined) repeated.set(value, [seen, position]);
      else positions.push(position);
    }
  }
  return [...repeated.values()];
}
