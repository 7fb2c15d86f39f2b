/**
 * Duplicate identifiers inside the sheet. Values are compared after normalisation (E.164 phones,
 * lower-cased emails, contact IDs without leading zeros), so differently written copies of one
 * number are found. Every row of a cluster is an error naming the others: none is imported
 * until the person keeps one.
 */
import type { Identifier } from './settings';
import { stripInvisible } from './text';
import { nationalNumberLength } from './values/phone';

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

/** Characters a phone cell may hold for its digits alone to settle its number's last digits. */
const PLAIN_PHONE = /^[\d\s+\-().]*$/;
/** The trailing digits a phone cell keeps whatever its country (see identifierPrefilter). */
const PHONE_TAIL = 6;
const SPACES = /\s+/g;
const NOT_DIGIT = /\D/g;

/**
 * A cheap test that a raw identifier cell may normalise to one of `values`: false only when it
 * cannot, so onEdit validates just the cells that pass instead of 200,000. Null for a kind with
 * no such test (Contact IDs): check every row.
 *
 * Phones: a cell of ASCII digits and punctuation only ends with its number's last six digits
 * (all of its national number when that is shorter).
 * Normalising (values/phone.ts, libphonenumber) only changes the front of the digits: it drops
 * a national or exit prefix, strips a carrier code or Argentina's 15 (which leaves the six-plus
 * digits of the subscriber number), joins a calling code or the row's country code in front.
 * Any other text (letters of an extension,
 * " ::: ", non-ASCII digits) and any number cell (read from its display) may hold anything.
 * Emails: the normalised address's local part and @ appear in the cell, lower-cased without
 * invisible characters and spaces: the repairs in values/email.ts only remove a display name,
 * "mailto:", spaces, and change the domain.
 */
export function identifierPrefilter(
  kind: Identifier,
  values: readonly string[],
): ((cell: unknown) => boolean) | null {
  if (kind === 'phone') {
    // Numbers shorter than six digits (Ascension's 40123) keep only their national number.
    const tails = values.map((value) => {
      const length = Math.min(PHONE_TAIL, Math.max(1, nationalNumberLength(value)));
      return { digits: value.replace(NOT_DIGIT, ''), length };
    });
    return (cell) => {
      if (typeof cell === 'number') return true;
      if (typeof cell !== 'string') return false;
      if (!PLAIN_PHONE.test(cell)) return true;
      const digits = cell.replace(NOT_DIGIT, '');
      if (digits === '') return false;
      return tails.some((t) => t.digits.endsWith(digits.slice(-t.length)));
    };
  }
  if (kind === 'email') {
    const locals = values.map((value) => value.slice(0, value.lastIndexOf('@') + 1));
    return (cell) => {
      if (typeof cell !== 'string') return false;
      const text = stripInvisible(cell).toLowerCase().replace(SPACES, '');
      return locals.some((local) => text.includes(local));
    };
  }
  return null;
}
