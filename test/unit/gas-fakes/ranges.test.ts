import vm from 'node:vm';
import { createGasFakes } from '../../../local/gas-fakes';

const rows = [
  ['Name', 'Phone', 'Email'],
  ['Ann', '+60 12-345 6789', 'ann@example.com'],
  ['Bob', 60123456789, 'bob@example.com'],
];

function setup() {
  const fakes = createGasFakes({ sheets: { Contacts: rows, 'Sheet 2': [['x']] } });
  const ss = fakes.globals.SpreadsheetApp.getActiveSpreadsheet();
  const sheet = ss.getSheetByName('Contacts');
  if (!sheet) throw new Error('no sheet');
  return { fakes, ss, sheet };
}

describe('getRange', () => {
  test('row/column forms and A1 forms address the same cells', () => {
    const { sheet } = setup();
    expect(sheet.getRange(2, 1).getValue()).toBe('Ann');
    expect(sheet.getRange(2, 1, 2).getValues()).toEqual([['Ann'], ['Bob']]);
    expect(sheet.getRange(1, 1, 2, 2).getA1Notation()).toBe('A1:B2');
    expect(sheet.getRange('B3').getValue()).toBe(60123456789);
    expect(sheet.getRange('A1:C1').getValues()).toEqual([['Name', 'Phone', 'Email']]);
  });

  test('whole columns and rows span the sheet and keep their notation', () => {
    const { sheet } = setup();
    const columns = sheet.getRange('A:C');
    expect([columns.getRow(), columns.getNumRows(), columns.getNumColumns()]).toEqual([1, 1000, 3]);
    expect(columns.getA1Notation()).toBe('A:C');
    const wholeRows = sheet.getRange('2:3');
    expect([wholeRows.getRow(), wholeRows.getNumRows(), wholeRows.getNumColumns()]).toEqual([
      2, 2, 26,
    ]);
    expect(sheet.getRange('A2:B').getNumRows()).toBe(999);
  });

  test('a sheet-qualified A1 resolves the named sheet', () => {
    const { sheet } = setup();
    const range = sheet.getRange("'Sheet 2'!A1");
    expect(range.getSheet().getName()).toBe('Sheet 2');
    expect(range.getValue()).toBe('x');
    expect(sheet.getRange('Contacts!A2').getValue()).toBe('Ann');
  });

  test.each([
    [[0, 1], 'The starting row of the range is too small.'],
    [[1, 0], 'The starting column of the range is too small.'],
    [[1, 1, 0], 'The number of rows in the range must be at least 1.'],
    [[1, 1, 1, 0], 'The number of columns in the range must be at least 1.'],
    [[1000, 1, 2], 'The coordinates of the range are outside the dimensions of the sheet.'],
    [[1, 26, 1, 2], 'The coordinates of the range are outside the dimensions of the sheet.'],
  ])("getRange(%j) throws Google's message", (args, message) => {
    const { sheet } = setup();
    const [row = 1, column = 1, numRows, numColumns] = args;
    expect(() => sheet.getRange(row, column, numRows, numColumns)).toThrow(message);
  });

  test('bad A1 and unknown sheets are "Range not found"', () => {
    const { sheet } = setup();
    expect(() => sheet.getRange('A')).toThrow('Range not found');
    expect(() => sheet.getRange('Nope!A1')).toThrow('Range not found');
  });

  test('errors are Exceptions', () => {
    const { sheet } = setup();
    let caught: unknown;
    try {
      sheet.getRange(0, 1);
    } catch (error) {
      caught = error;
    }
    expect(String(caught)).toBe('Exception: The starting row of the range is too small.');
  });
});

describe('values', () => {
  test('getValues returns copies, Dates included', () => {
    const { sheet } = setup();
    const date = new Date('2024-01-05T00:00:00-05:00');
    sheet.getRange('D2').setValue(date);
    const first = sheet.getRange('A2:D2').getValues();
    (first[0] as unknown[])[0] = 'changed';
    ((first[0] as unknown[])[3] as Date).setFullYear(1999);
    const again = sheet.getRange('A2:D2').getValues()[0] as unknown[];
    expect(again[0]).toBe('Ann');
    expect((again[3] as Date).getTime()).toBe(date.getTime());
  });

  test("setValues with the wrong shape throws Google's messages and writes nothing", () => {
    const { sheet } = setup();
    expect(() => sheet.getRange('A2:B3').setValues([['a', 'b']])).toThrow(
      'The number of rows in the data does not match the number of rows in the range. The data has 1 but the range has 2.',
    );
    expect(() => sheet.getRange('A2:B3').setValues([['a'], ['b']])).toThrow(
      'The number of columns in the data does not match the number of columns in the range. The data has 1 but the range has 2.',
    );
    expect(sheet.getRange('A2').getValue()).toBe('Ann');
  });

  test('strings are typed like input unless the cell is plain text', () => {
    const { sheet, fakes } = setup();
    const range = sheet.getRange('E1:E7');
    range.setValues([
      ['+60123456789'],
      ['007'],
      ['TRUE'],
      ['2024-01-05'],
      ["'0123"],
      ['1,234.5'],
      ['12%'],
    ]);
    const values = range.getValues().map((line) => line[0]);
    expect(values.slice(0, 3)).toEqual([60123456789, 7, true]);
    expect(Object.prototype.toString.call(values[3])).toBe('[object Date]');
    expect(values.slice(4)).toEqual(['0123', 1234.5, 0.12]);
    expect(range.getDisplayValues().map((line) => line[0])).toEqual([
      '60123456789',
      '7',
      'TRUE',
      '2024-01-05',
      '0123',
      '1234.5',
      '12%',
    ]);

    // A plain-text column (format @, set by a person) keeps what is written as text.
    const model = fakes.spreadsheet.sheet('Contacts');
    const grid = { row: 1, column: 6, numRows: 2, numColumns: 1 };
    model.fillAttribute('numberFormats', grid, '@');
    const text = sheet.getRange('F1:F2');
    text.setValues([['007'], ['=1+1']]);
    expect(text.getValues()).toEqual([['007'], ['=1+1']]);
    expect(model.readFormulas(grid)).toEqual([[''], ['']]);
  });

  test('a written "=…" is stored as a formula and computed', () => {
    const { sheet, fakes } = setup();
    sheet.getRange('D2:D3').setValues([['=A2&" <"&C2&">"'], ['=LEN(A3)*2']]);
    const model = fakes.spreadsheet.sheet('Contacts');
    const d2 = { row: 2, column: 4, numRows: 1, numColumns: 1 };
    expect(model.readFormulas({ ...d2, numRows: 2 })).toEqual([
      ['=A2&" <"&C2&">"'],
      ['=LEN(A3)*2'],
    ]);
    expect(sheet.getRange('D2:D3').getValues()).toEqual([['Ann <ann@example.com>'], [6]]);
    expect(fakes.spreadsheet.sheetState('Contacts').formulas.flat().filter(Boolean)).toHaveLength(
      2,
    );
    sheet.getRange('D2').setValue('plain');
    expect(model.readFormulas(d2)).toEqual([['']]);
  });

  test('unknown functions show #NAME?, like Sheets', () => {
    const { sheet } = setup();
    sheet.getRange('D2').setValue('=IMPORTRANGE("x","y")');
    expect(sheet.getRange('D2').getValue()).toBe('#NAME?');
  });

  test('display values follow number formats', () => {
    const { sheet, fakes } = setup();
    const model = fakes.spreadsheet.sheet('Contacts');
    const grid = { row: 1, column: 7, numRows: 5, numColumns: 1 };
    const range = sheet.getRange('G1:G5');
    range.setValues([[1234.5], [0.256], [true], [42], [new Date('2024-03-09T15:04:05-05:00')]]);
    // Formats a person chose in the Format menu.
    model.writeAttribute('numberFormats', grid, [
      ['#,##0.00'],
      ['0.0%'],
      ['0'],
      ['@'],
      ['yyyy-mm-dd hh:mm'],
    ]);
    expect(range.getDisplayValues()).toEqual([
      ['1,234.50'],
      ['25.6%'],
      ['TRUE'],
      ['42'],
      ['2024-03-09 15:04'],
    ]);
    expect(model.readAttribute('numberFormats', grid)[0]).toEqual(['#,##0.00']);
    expect(model.readAttribute('numberFormats', { ...grid, column: 8, numRows: 1 })).toEqual([
      ['0.###############'],
    ]);
  });

  test('Dates display in the spreadsheet time zone with the default date formats', () => {
    const { sheet, fakes } = setup();
    const model = fakes.spreadsheet.sheet('Contacts');
    const h1 = { row: 1, column: 8, numRows: 1, numColumns: 1 };
    sheet
      .getRange('H1:H2')
      .setValues([
        [new Date('2024-01-05T00:00:00-05:00')],
        [new Date('2024-01-05T13:45:10-05:00')],
      ]);
    expect(sheet.getRange('H1:H2').getDisplayValues()).toEqual([
      ['1/5/2024'],
      ['1/5/2024 13:45:10'],
    ]);
    expect(model.readAttribute('numberFormats', { ...h1, numRows: 2 })).toEqual([
      ['M/d/yyyy'],
      ['M/d/yyyy H:mm:ss'],
    ]);
    // A number format on a date cell turns the value into Sheets' serial number.
    model.fillAttribute('numberFormats', h1, '0');
    expect(sheet.getRange('H1').getValue()).toBe(45296);
  });

  test('last row and column count content only', () => {
    const { sheet } = setup();
    expect([sheet.getLastRow(), sheet.getLastColumn()]).toEqual([3, 3]);
    sheet.getRange('J10').setBackground('red').setNote('just a note');
    expect([sheet.getLastRow(), sheet.getLastColumn()]).toEqual([3, 3]);
    sheet.getRange('J10').setValue(0);
    expect([sheet.getLastRow(), sheet.getLastColumn()]).toEqual([10, 10]);
    expect(sheet.getDataRange().getA1Notation()).toBe('A1:J10');
    sheet.getRange('J10').clearContent();
    expect(sheet.getLastRow()).toBe(3);
  });

  test('formats and notes are stored normalised', () => {
    const { sheet, fakes } = setup();
    const model = fakes.spreadsheet.sheet('Contacts');
    const grid = { row: 2, column: 1, numRows: 1, numColumns: 2 };
    const range = sheet.getRange('A2:B2');
    range.setBackground('RED').setFontWeight('bold').setNote('check');
    expect(model.readAttribute('backgrounds', grid)).toEqual([['#ff0000', '#ff0000']]);
    expect(model.readAttribute('fontWeights', grid)).toEqual([['bold', 'bold']]);
    expect(model.readAttribute('notes', grid)).toEqual([['check', 'check']]);
    range.setBackground(null).setNote('');
    expect(model.readAttribute('backgrounds', grid)).toEqual([['#ffffff', '#ffffff']]);
    expect(model.readAttribute('notes', grid)).toEqual([['', '']]);
    expect(range.getValues()).toEqual([['Ann', '+60 12-345 6789']]);
  });

  test('a cell holds at most 50,000 characters', () => {
    const { sheet } = setup();
    expect(() => sheet.getRange('A1').setValue('x'.repeat(50_001))).toThrow(
      'Your input contains more than the maximum of 50000 characters in a single cell.',
    );
  });
});

describe('spreadsheet', () => {
  test('sheets, duplicates and the active sheet', () => {
    const { ss, fakes } = setup();
    expect(ss.getSheets().map((s) => s.getName())).toEqual(['Contacts', 'Sheet 2']);
    expect(ss.getActiveSheet().getName()).toBe('Contacts');
    const history = ss.insertSheet('Import History');
    expect(fakes.spreadsheet.sheetState(history.getName()).index).toBe(3);
    expect(ss.getActiveSheet().getName()).toBe('Import History');
    expect(() => ss.insertSheet('Import History')).toThrow(
      'A sheet with the name "Import History" already exists. Please enter another name.',
    );
    expect(() => ss.insertSheet('import history')).toThrow('already exists');
    expect(ss.getSheetByName('Missing')).toBeNull();
    expect(ss.getSheetByName('Contacts')?.getSheetId()).toBe(0);
  });

  test('several selected ranges: the list holds them all, the last is the active range', () => {
    const { sheet, fakes } = setup();
    const a1s = (list: { getRanges(): { getA1Notation(): string }[] } | null) =>
      list?.getRanges().map((r) => r.getA1Notation());
    // A single selected range is a list of one.
    sheet.getRange('B2:C3').activate();
    expect(a1s(sheet.getActiveRangeList())).toEqual(['B2:C3']);
    // Google's range-list example: ['D4', 'B2:C4'] activated → active range B2:C4.
    sheet.getRangeList(['D4', 'B2:C4']).activate();
    expect(a1s(sheet.getActiveRangeList())).toEqual(['D4', 'B2:C4']);
    expect(fakes.spreadsheet.sheetState('Contacts').activeRange).toBe('B2:C4');
    fakes.spreadsheet.select('Contacts', 'A1', 'A3');
    expect(a1s(sheet.getActiveRangeList())).toEqual(['A1', 'A3']);
    // Nothing selected on this sheet: null.
    fakes.spreadsheet.select('Sheet 2', 'A1');
    expect(sheet.getActiveRangeList()).toBeNull();
    expect(() => sheet.getRangeList([])).toThrow("don't match the method signature");
    expect(() => sheet.getRangeList(['A1', "'Sheet 2'!A1"])).toThrow('same sheet');
  });

  test('change listeners hear the add-on write', () => {
    const { sheet, fakes } = setup();
    const events: string[] = [];
    const stop = fakes.spreadsheet.onChange((e) => events.push(`${e.kind}:${e.sheet ?? ''}`));
    sheet.getRange('A2').setValue('Anna');
    sheet.getRange('A2').setBackground('yellow');
    stop();
    sheet.getRange('A3').setValue('Bobby');
    expect(events).toEqual(['values:Contacts', 'formats:Contacts']);
  });
});

describe('inside a vm context', () => {
  test("globals are only the fakes, errors are the context's, dates and arrays are recognisable", () => {
    const { fakes } = setup();
    const context = fakes.createContext();
    const result = vm.runInContext(
      `(function () {
        var out = {};
        out.globals = [typeof require, typeof process, typeof console, typeof fetch, typeof SpreadsheetApp];
        var sheet = SpreadsheetApp.getActiveSheet();
        sheet.getRange('D2').setValue(new Date(2024, 0, 5));
        var values = sheet.getDataRange().getValues();
        out.isArray = Array.isArray(values) && Array.isArray(values[0]);
        out.isDate = Object.prototype.toString.call(values[1][3]) === '[object Date]';
        try { sheet.getRange(0, 1); } catch (e) { out.error = [e instanceof Error, e.name, e.message]; }
        Logger.log('rows: %s', values.length);
        return out;
      })()`,
      context,
    );
    expect(result).toEqual({
      globals: ['undefined', 'undefined', 'undefined', 'undefined', 'object'],
      isArray: true,
      isDate: true,
      error: [true, 'Exception', 'The starting row of the range is too small.'],
    });
    expect(fakes.logs).toEqual(['rows: 3']);
  });
});

describe('size', () => {
  test('getValues, setValues and getDisplayValues round-trip 10,000 × 15', () => {
    const big = Array.from({ length: 10_000 }, (_, r) =>
      Array.from({ length: 15 }, (_, c) => (c === 0 ? r : `r${r}c${c}`)),
    );
    const fakes = createGasFakes({ sheets: { Big: big } });
    const sheet = fakes.globals.SpreadsheetApp.getActiveSheet();
    const values = sheet.getRange(1, 1, 10_000, 15).getValues();
    sheet.getRange(1, 16, 10_000, 1).setValues(values.map((line) => [line[1]]));
    const display = sheet.getRange(1, 1, 10_000, 16).getDisplayValues();
    expect(values[9999]?.[14]).toBe('r9999c14');
    expect(display[9999]?.[15]).toBe('r9999c1');
    expect(sheet.getLastRow()).toBe(10_000);
    expect(sheet.getLastColumn()).toBe(16);
  });
});

describe('printing fakes', () => {
  test('fakes print as their Apps Script class and serialise to {}', () => {
    const { sheet, fakes } = setup();
    const range = sheet.getRange('A1');
    expect(String(range)).toBe('Range');
    expect(String(sheet)).toBe('Sheet');
    expect(JSON.stringify({ range, sheet })).toBe('{"range":{},"sheet":{}}');
    fakes.globals.Logger.log('%s on %s', range, sheet);
    expect(fakes.logs).toEqual(['Range on Sheet']);
    expect(fakes.calls.count('Range.toString')).toBe(0);
  });
});
