import { makeZone } from '../../../src/core/values/datetime';
import { cellText, formulaError, numberCellText } from '../../../src/core/values/cell';
import { similarity } from '../../../src/core/similarity';

const utc = makeZone({});
if (!utc.ok) throw new Error('zone');

describe('number cells read as digits', () => {
  test.each([
    [60123456789, undefined, { ok: true, value: '60123456789' }],
    [60123456789, '60123456789', { ok: true, value: '60123456789' }],
    [123, '00123', { ok: true, value: '00123' }], // a format kept the leading zeros
    [60123456789, '6.01235E+10', { ok: true, value: '60123456789' }], // the raw value is exact
    [
      60123500000,
      '6.01235E+10',
      {
        ok: false,
        error:
          'the sheet turned this number into 6.01235E+10 and lost digits — format the column as plain text and re-enter it',
      },
    ],
    [
      1e21,
      undefined,
      {
        ok: false,
        error:
          'the sheet turned this number into 1e+21 and lost digits — format the column as plain text and re-enter it',
      },
    ],
    [12.5, undefined, { ok: true, value: '12.5' }],
  ])('%p shown as %p', (raw, display, outcome) => {
    expect(numberCellText(raw, display)).toEqual(outcome);
  });
});

describe('any cell as text', () => {
  test.each([
    ['text', undefined, 'text'],
    [true, undefined, 'TRUE'],
    [false, 'FALSE', 'FALSE'],
    [new Date(Date.UTC(2026, 10, 22)), undefined, '2026-11-22'],
    [new Date(Date.UTC(2026, 10, 22, 9, 5)), undefined, '2026-11-22 09:05'],
    [new Date(Date.UTC(2026, 10, 22)), '22/11/2026', '22/11/2026'],
  ])('%p → %s', (raw, display, text) => {
    expect(cellText(raw, display, utc.value)).toEqual({ ok: true, value: text });
  });

  test('an invalid Date is an error', () => {
    expect(cellText(new Date(Number.NaN), undefined, utc.value)).toEqual({
      ok: false,
      error: 'the date cell is invalid — re-enter it',
    });
  });
});

describe('formula errors', () => {
  test.each([
    ['#N/A', undefined, '#N/A'],
    [' #ref! ', undefined, '#REF!'],
    ['', '#DIV/0!', '#DIV/0!'],
    ['#hashtag', undefined, null],
    ['#1', undefined, null],
    [0, '0', null],
  ])('%p (shown %p) → %p', (value, display, code) => {
    expect(formulaError(value, display)).toBe(code);
  });
});

describe('similarity', () => {
  test.each([
    ['email', 'email', 1],
    ['firstname', 'fristname', 1 - 1 / 9], // a swap is one edit
    ['abc', 'xyz', 0],
    ['', '', 1],
  ])('%s ~ %s = %d', (a, b, score) => {
    expect(similarity(a, b)).toBeCloseTo(score);
  });
});
