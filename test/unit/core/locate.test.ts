import { locateIn, type RowLookup } from '../../../src/core/locate';
import type { RowOutcome } from '../../../src/core/outcome';

const outcome = (row: number, key: string | null, fingerprint = `fp${row}`): RowOutcome => ({
  row,
  key,
  fingerprint,
  status: 'Imported',
  reason: null,
  code: null,
  contactId: row * 10,
});

/** A sheet whose rows 2..n hold these keys (and fingerprints fp<original row>). */
function sheet(keys: (string | null)[], prints: string[] = []): RowLookup {
  return {
    keyAt: (row) => (row >= 2 && row < keys.length + 2 ? keys[row - 2] : undefined),
    fingerprintAt: (row) => prints[row - 2],
  };
}

test('rows that stayed put, and rows sorted elsewhere, are found by their key', () => {
  const where = locateIn(
    [outcome(2, 'phone:a'), outcome(3, 'phone:b')],
    sheet(['phone:b', 'phone:a']),
    2,
    3,
  );
  expect(where).toEqual([3, 2]);
});

test('a row whose identifier a person edited mid-import keeps its outcome at its own row', () => {
  const where = locateIn(
    [outcome(2, 'email:a@x'), outcome(3, 'email:b@x')],
    sheet(['email:a@x', 'email:b-broken']),
    2,
    3,
  );
  expect(where).toEqual([2, 3]);
});

test('an add-all row edited mid-import (its fingerprint changed) keeps its outcome too', () => {
  const where = locateIn([outcome(2, null, 'fpA')], sheet([null], ['fpA-edited']), 2, 2);
  expect(where).toEqual([2]);
});

test('an edited row whose place another outcome now holds gets none: no status on another contact', () => {
  // Row 2 was sorted to row 3; the contact sent from row 3 was edited and moved to row 2:
  // row 3 belongs to the first outcome now, and nothing proves row 2 is the second's.
  const where = locateIn(
    [outcome(2, 'phone:a'), outcome(3, 'phone:b')],
    sheet(['phone:b-edited', 'phone:a']),
    2,
    3,
  );
  expect(where).toEqual([3, null]);
  const gone = locateIn([outcome(2, 'phone:a'), outcome(5, 'phone:z')], sheet(['phone:a']), 2, 2);
  expect(gone).toEqual([2, null]);
});
