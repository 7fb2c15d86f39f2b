import { createGasFakes } from '../../../local/gas-fakes';
import { shiftFormula, translateFormula } from '../../../local/gas-fakes/formula';

function sheetWith(rows: unknown[][]) {
  const fakes = createGasFakes({ sheets: { S: rows } });
  return fakes.globals.SpreadsheetApp.getActiveSheet();
}

describe('formula values', () => {
  const sheet = sheetWith([
    ['Email', 'Name', 'Count'],
    ['a@x.com', ' Ann  Lee ', 3],
    ['A@X.com', '', 4],
    ['b@x.com', 'Bob', 'n/a'],
  ]);

  test.each([
    ['=1+2*3', 7],
    ['=(1+2)*3', 9],
    ['=2^3-1', 7],
    ['=-C2+10%', -2.9],
    ['="a"&1&TRUE', 'a1TRUE'],
    ['=A2=A3', true],
    ['=EXACT(A2,A3)', false],
    ['=C2<C3', true],
    ['=B3=""', true],
    ['=ISBLANK(B3)', true],
    ['=ISBLANK(A2)', false],
    ['=LEN(TRIM(B2))', 7],
    ['=UPPER(LEFT(B4,2))&LOWER(RIGHT(B4))', 'BOb'],
    ['=MID("abcdef",2,3)', 'bcd'],
    ['=IF(AND(C2>1,NOT(ISBLANK(A2))),"ok","bad")', 'ok'],
    ['=IF(OR(FALSE,C2>5),1)', false],
    ['=IFERROR(C4*2,"not a number")', 'not a number'],
    ['=C4*2', '#VALUE!'],
    ['=1/0', '#DIV/0!'],
    ['=ISERROR(1/0)', true],
    ['=REGEXMATCH(A2,"^[^@]+@[^@]+$")', true],
    ['=ISEMAIL(A4)', true],
    ['=SEARCH("X",A2)', 3],
    ['=COUNTIF(A:A,A2)', 2],
    ['=COUNTIF($A$2:$A$4,"b@x.com")', 1],
    ['=COUNTIF(C2:C4,">3")', 1],
    ['=COUNTA(A2:C4)', 8],
    ['=SUM(C2:C4)', 7],
    ['=ROW()+COLUMN(C1)', 8],
    ['=NOSUCHFUNCTION(1)', '#NAME?'],
    ['=1+', '#ERROR!'],
    ['=Other!A1', '#REF!'],
  ])('%s → %j', (formula, expected) => {
    sheet.getRange('E5').setValue(formula);
    expect(sheet.getRange('E5').getValue()).toEqual(expected);
  });

  test('a circular reference does not hang', () => {
    sheet.getRange('F1').setValue('=F1+1');
    expect(sheet.getRange('F1').getValue()).toBe('#REF!');
  });
});

describe('reference rewriting', () => {
  test.each([
    ['=A2&B2', 'rows', 2, 1, '=A3&B3'],
    ['=$A$2&A1', 'rows', 2, 3, '=$A$5&A1'],
    ['=COUNTIF($B:$B,$B2)>1', 'columns', 2, 1, '=COUNTIF($C:$C,$C2)>1'],
    ['=SUM(A1:A10)', 'rows', 3, -2, '=SUM(A1:A8)'],
    ['=A5', 'rows', 5, -1, '=#REF!'],
    ['="A2"&A2', 'rows', 1, 1, '="A2"&A3'],
    ["='My Sheet'!A2&A2", 'rows', 1, 1, "='My Sheet'!A2&A3"],
  ] as const)('%s, %s at %i by %i → %s', (formula, dimension, at, delta, expected) => {
    expect(shiftFormula(formula, dimension, at, delta)).toBe(expected);
  });

  test('translation moves relative references only', () => {
    expect(translateFormula('=A2&$B$2&C$2&$D2', 3, 0)).toBe('=A5&$B$2&C$2&$D5');
    expect(translateFormula('=A2', -2, 0)).toBe('=#REF!');
  });
});
