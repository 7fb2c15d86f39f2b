import { runInNewContext } from 'node:vm';
import { columnLetter, readHeader, readTable } from '../../../src/core/table';
import { isBlank, isDateValue } from '../../../src/core/values/cell';

const labels = (values: unknown[][]) => {
  const table = readTable(values);
  if (!table.ok) throw new Error(table.messages.join());
  return table.value.columns.map((c) => c.label);
};

describe('reading the sheet', () => {
  test('rows carry their sheet row numbers; empty rows inside the data are reported, trailing ones ignored', () => {
    const table = readTable([
      ['Name', 'Phone'],
      ['Aisha', '+60123456789'],
      ['', ''],
      ['  ', ''], // spaces only: empty
      ['Bob', '+60198765432'],
      ['', ''],
      [],
    ]);
    expect(table.ok && table.value.rows.map((r) => r.row)).toEqual([2, 5]);
    expect(table.ok && table.value.emptyRows).toEqual([3, 4]);
  });

  test('the header row is the one the person chose; rows above it are not data', () => {
    const table = readTable(
      [['Contact list, November'], [], ['Name', 'Phone'], ['Aisha', '+60123456789']],
      { headerRow: 3 },
    );
    expect(table.ok && table.value.columns.map((c) => c.label)).toEqual(['Name', 'Phone']);
    expect(table.ok && table.value.rows.map((r) => r.row)).toEqual([4]);
  });

  test('a range that does not start at row 1 keeps true row numbers', () => {
    const table = readTable(
      [
        ['Name', 'Phone'],
        ['Aisha', '+60123456789'],
      ],
      { headerRow: 5, firstRow: 5 },
    );
    expect(table.ok && table.value.rows[0]?.row).toBe(6);
  });

  test('trailing empty columns are ignored; a column with data but no header is kept as "Column X"', () => {
    const table = readTable([
      ['Name', '', 'Phone', '', ''],
      ['Aisha', 'note', '+60123456789', '', ''],
    ]);
    expect(table.ok && table.value.columns.map((c) => [c.letter, c.label, c.header])).toEqual([
      ['A', 'Name', 'Name'],
      ['B', 'Column B', ''],
      ['C', 'Phone', 'Phone'],
    ]);
    expect(table.ok && table.value.width).toBe(3);
  });

  test('data beyond the header is a column of its own', () => {
    expect(labels([['Name'], ['Aisha', '', 'extra']])).toEqual(['Name', 'Column B', 'Column C']);
  });

  test('repeated headers get distinguishable labels', () => {
    expect(
      labels([
        ['Phone', 'phone', 'Phone', 'Phone (2)'],
        ['a', 'b', 'c', 'd'],
      ]),
    ).toEqual(['Phone', 'phone (3)', 'Phone (4)', 'Phone (2)']);
  });

  test('ragged rows are read as if padded with empty cells', () => {
    const table = readTable([
      ['Name', 'Phone', 'Email'],
      ['Aisha'],
      ['Bob', '+60198765432', 'b@x.com', 'extra'],
    ]);
    expect(table.ok && table.value.rows.map((r) => r.values.length)).toEqual([1, 4]);
    expect(table.ok && table.value.columns.map((c) => c.label)).toEqual([
      'Name',
      'Phone',
      'Email',
      'Column D',
    ]);
  });

  test("the add-on's own columns are found wherever they are and are never data", () => {
    const table = readTable([
      ['Import Status', 'Name', 'error', 'Phone', 'CONTACT ID', 'Import Fingerprint'],
      ['Imported', 'Aisha', '', '+60123456789', '123', 'a1b2c3d4'],
      ['Error', '', 'Phone: missing', '', '', ''], // only owned columns filled: an empty row
      ['', 'Bob', '', '+60198765432', '', ''],
    ]);
    if (!table.ok) throw new Error('table');
    expect(table.value.columns.map((c) => c.label)).toEqual(['Name', 'Phone']);
    expect(
      Object.fromEntries(
        Object.entries(table.value.owned).map(([kind, column]) => [kind, column?.letter]),
      ),
    ).toEqual({ status: 'A', error: 'C', contactId: 'E', fingerprint: 'F' });
    expect(table.value.rows.map((r) => r.row)).toEqual([2, 4]);
    expect(table.value.emptyRows).toEqual([3]);
  });

  test('headers that are numbers, booleans or dates read as text; display text wins', () => {
    const header = readHeader(
      [2026, true, new Date(Date.UTC(2026, 10, 22))],
      ['2026', 'TRUE', '22/11/2026'],
    );
    expect(header.columns.map((c) => c.label)).toEqual(['2026', 'TRUE', '22/11/2026']);
    expect(
      readHeader([2026, true, new Date(Date.UTC(2026, 10, 22))]).columns.map((c) => c.label),
    ).toEqual(['2026', 'true', '2026-11-22']);
  });

  test('column letters', () => {
    expect([0, 25, 26, 51, 52, 701, 702].map(columnLetter)).toEqual([
      'A',
      'Z',
      'AA',
      'AZ',
      'BA',
      'ZZ',
      'AAA',
    ]);
  });
});

describe('limits are checked before any other work', () => {
  test('no data rows', () => {
    expect(
      readTable([
        ['Name', 'Phone'],
        ['', ''],
      ]),
    ).toEqual({
      ok: false,
      messages: [
        'No contacts below the header row (row 1) — add at least one row, or choose the row that holds the column names.',
      ],
    });
  });

  test.each([[[]], [[['']]], [[['', ' '], []]]])('an empty sheet (%j) says so', (values) => {
    expect(readTable(values as unknown[][])).toEqual({
      ok: false,
      messages: ['The sheet is empty — add a header row with column names, then the contacts.'],
    });
  });

  test('a header row past the data', () => {
    expect(readTable([['Name']], { headerRow: 4 })).toEqual({
      ok: false,
      messages: [
        'Row 4 is past the last row with data — choose the row that holds the column names.',
      ],
    });
  });

  test('more than 200,000 data rows', () => {
    const values: unknown[][] = [['Name']];
    for (let i = 0; i < 200_001; i++) values.push(['x']);
    expect(readTable(values)).toEqual({
      ok: false,
      messages: [
        'The sheet has 200,001 contact rows; one import takes at most 200,000 — split them across tabs.',
      ],
    });
    values.pop();
    expect(readTable(values).ok).toBe(true);
  });

  test('more than 200 columns', () => {
    const header = Array.from({ length: 201 }, (_, i) => `Field ${i + 1}`);
    expect(readTable([header, header])).toEqual({
      ok: false,
      messages: [
        'The sheet has 201 columns; at most 200 can be imported — delete unused columns or copy the contacts to a new tab.',
      ],
    });
  });

  test('owned columns do not count towards the column limit', () => {
    const header = [
      ...Array.from({ length: 200 }, (_, i) => `Field ${i + 1}`),
      'Error',
      'Import Status',
    ];
    expect(readTable([header, header]).ok).toBe(true);
  });
});

describe('cells from another realm', () => {
  test('a Date made in another JavaScript realm is still a date, and not blank', () => {
    const foreign: unknown = runInNewContext('new Date(Date.UTC(2026, 10, 22))');
    expect(foreign instanceof Date).toBe(false); // why instanceof must not be used
    expect(isDateValue(foreign)).toBe(true);
    expect(isBlank(foreign)).toBe(false);
    const table = readTable([['Birthday'], [foreign]]);
    expect(table.ok && table.value.rows).toHaveLength(1);
  });

  test.each([
    ['', true],
    ['   ', true],
    [null, true],
    [undefined, true],
    [0, false],
    [false, false],
    ['0', false],
  ])('blank(%p) is %p', (value, blank) => {
    expect(isBlank(value)).toBe(blank);
  });
});
