import { columnToLetters, formatA1, lettersToColumn, parseA1 } from '../../../local/gas-fakes/a1';

describe('column letters', () => {
  test.each([
    [1, 'A'],
    [26, 'Z'],
    [27, 'AA'],
    [52, 'AZ'],
    [702, 'ZZ'],
    [703, 'AAA'],
    [18278, 'ZZZ'],
  ])('%i ↔ %s', (column, letters) => {
    expect(columnToLetters(column)).toBe(letters);
    expect(lettersToColumn(letters)).toBe(column);
  });
});

describe('parseA1', () => {
  test.each([
    ['A1', { startRow: 1, endRow: 1, startColumn: 1, endColumn: 1 }],
    ['b3', { startRow: 3, endRow: 3, startColumn: 2, endColumn: 2 }],
    ['$C$3', { startRow: 3, endRow: 3, startColumn: 3, endColumn: 3 }],
    ['A1:C3', { startRow: 1, endRow: 3, startColumn: 1, endColumn: 3 }],
    ['C3:A1', { startRow: 1, endRow: 3, startColumn: 1, endColumn: 3 }],
    ['A:C', { startColumn: 1, endColumn: 3 }],
    ['2:5', { startRow: 2, endRow: 5 }],
    ['A2:C', { startRow: 2, startColumn: 1, endColumn: 3 }],
  ])('%s', (a1, expected) => {
    expect(parseA1(a1)).toEqual(expected);
  });

  test('sheet prefixes, quoted with spaces and escaped quotes', () => {
    expect(parseA1("'Sheet 1'!A1:C3")).toEqual({
      sheetName: 'Sheet 1',
      startRow: 1,
      endRow: 3,
      startColumn: 1,
      endColumn: 3,
    });
    expect(parseA1("'Bob''s list'!B2")?.sheetName).toBe("Bob's list");
    expect(parseA1('Contacts!A:A')).toEqual({
      sheetName: 'Contacts',
      startColumn: 1,
      endColumn: 1,
    });
  });

  test.each(['', 'A', '5', 'A0', '1A', 'A1:B2:C3', 'A:5', 'AAAA1', "'Open!A1", 'A1!'])(
    'rejects %j',
    (a1) => {
      expect(parseA1(a1)).toBeNull();
    },
  );
});

describe('formatA1', () => {
  test('cells, boxes and open ranges', () => {
    expect(formatA1(1, 1, 1, 1)).toBe('A1');
    expect(formatA1(2, 2, 3, 2)).toBe('B2:C4');
    expect(formatA1(1, 1, 1000, 3, { rows: true })).toBe('A:C');
    expect(formatA1(2, 1, 999, 3, { rows: true })).toBe('A2:C');
    expect(formatA1(2, 1, 4, 26, { columns: true })).toBe('2:5');
  });
});
