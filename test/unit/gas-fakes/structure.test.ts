import { createGasFakes } from '../../../local/gas-fakes';

const contacts = [
  ['Name', 'Email', 'Error'],
  ['Carol', 'carol@example.com', ''],
  ['alice', 'not-an-email', 'Email: not an address'],
  ['Bob', 'bob@example.com', ''],
  ['Dave', '', 'Email: missing'],
  ['Eve', 'eve@example.com', ''],
];

function setup() {
  const fakes = createGasFakes({ sheets: { Contacts: contacts } });
  const app = fakes.globals.SpreadsheetApp;
  const sheet = app.getActiveSheet();
  return { fakes, app, sheet };
}

const column = (values: unknown[][], index: number): unknown[] => values.map((line) => line[index]);

describe('inserting and deleting rows', () => {
  test('rows shift data, notes and formats, and grow or shrink the sheet', () => {
    const { sheet } = setup();
    sheet.getRange('A3').setNote('typo?').setBackground('#ffff00');
    sheet.insertRowsAfter(1, 2);
    expect(sheet.getMaxRows()).toBe(1002);
    expect(sheet.getLastRow()).toBe(8);
    expect(column(sheet.getRange('A1:A5').getValues(), 0)).toEqual([
      'Name',
      '',
      '',
      'Carol',
      'alice',
    ]);
    expect(sheet.getRange('A5').getNote()).toBe('typo?');
    expect(sheet.getRange('A5').getBackground()).toBe('#ffff00');

    sheet.deleteRows(2, 3);
    expect(sheet.getMaxRows()).toBe(999);
    expect(column(sheet.getRange('A1:A3').getValues(), 0)).toEqual(['Name', 'alice', 'Bob']);
    expect(sheet.getRange('A2').getNote()).toBe('typo?');

    sheet.insertRowBefore(2);
    sheet.insertRows(2);
    expect(column(sheet.getRange('A1:A4').getValues(), 0)).toEqual(['Name', '', '', 'alice']);
  });

  test('out-of-bounds positions and deleting every row are refused like Google', () => {
    const { sheet } = setup();
    expect(() => sheet.deleteRows(999, 5)).toThrow('Those rows are out of bounds.');
    expect(() => sheet.insertRowsAfter(0, 1)).toThrow('Those rows are out of bounds.');
    expect(() => sheet.deleteRows(1, 1000)).toThrow(
      'Sorry, it is not possible to delete all non-frozen rows.',
    );
  });

  test('formulas follow the cells they reference', () => {
    const { sheet } = setup();
    sheet.getRange('D3').setFormula('=A3&"/"&$B$4');
    sheet.insertRowsBefore(2, 1);
    expect(sheet.getRange('D4').getFormula()).toBe('=A4&"/"&$B$5');
    expect(sheet.getRange('D4').getValue()).toBe('alice/bob@example.com');
    sheet.deleteRow(5);
    expect(sheet.getRange('D4').getFormula()).toBe('=A4&"/"&#REF!');
  });
});

describe('inserting and deleting columns', () => {
  test('columns shift values, hidden state and widths', () => {
    const { sheet } = setup();
    sheet.hideColumns(3);
    sheet.setColumnWidth(2, 250);
    sheet.insertColumnBefore(2);
    expect(sheet.getRange('A1:D1').getValues()).toEqual([['Name', '', 'Email', 'Error']]);
    expect(sheet.getMaxColumns()).toBe(27);
    expect(sheet.isColumnHiddenByUser(4)).toBe(true);
    expect(sheet.isColumnHiddenByUser(3)).toBe(false);
    expect(sheet.getColumnWidth(3)).toBe(250);

    sheet.insertColumnsAfter(4, 2);
    sheet.getRange('E1:F1').setValues([['Import Status', 'Contact ID']]);
    sheet.deleteColumns(2, 1);
    expect(sheet.getRange('A1:E1').getValues()).toEqual([
      ['Name', 'Email', 'Error', 'Import Status', 'Contact ID'],
    ]);
    expect(sheet.getLastColumn()).toBe(5);
    sheet.showColumns(3);
    expect(sheet.isColumnHiddenByUser(3)).toBe(false);
    expect(() => sheet.deleteColumns(1, sheet.getMaxColumns())).toThrow(
      'Sorry, it is not possible to delete all non-frozen columns.',
    );
  });
});

describe('sorting', () => {
  test('sheet.sort moves whole rows below the frozen header, notes and colours included', () => {
    const { sheet } = setup();
    sheet.setFrozenRows(1);
    sheet.getRange('A4').setNote('VIP').setBackground('#00ff00');
    sheet.sort(1);
    expect(column(sheet.getDataRange().getValues(), 0)).toEqual([
      'Name',
      'alice',
      'Bob',
      'Carol',
      'Dave',
      'Eve',
    ]);
    expect(sheet.getRange('A3').getNote()).toBe('VIP');
    expect(sheet.getRange('A3').getBackground()).toBe('#00ff00');
    expect(sheet.getRange('A4').getNote()).toBe('');

    sheet.sort(3, false);
    // Descending on Error: text first (Z→A), empty cells always last, ties keep their order.
    expect(column(sheet.getDataRange().getValues(), 0)).toEqual([
      'Name',
      'alice',
      'Dave',
      'Bob',
      'Carol',
      'Eve',
    ]);
  });

  test('a teammate can sort between two slices without counting as the add-on', () => {
    const { sheet, fakes } = setup();
    sheet.setFrozenRows(1); // without a frozen header, Sheet.sort sorts the header too
    fakes.calls.reset();
    fakes.spreadsheet.edit((ss) => ss.getSheetByName('Contacts')?.sort(2));
    expect(fakes.calls.total('SpreadsheetApp')).toBe(0);
    expect(column(sheet.getRange('B2:B6').getValues(), 0)).toEqual([
      'bob@example.com',
      'carol@example.com',
      'eve@example.com',
      'not-an-email',
      '',
    ]);
  });

  test('range.sort moves only the cells of the range', () => {
    const { sheet } = setup();
    sheet.getRange('A2:B6').sort({ column: 1, ascending: true });
    expect(column(sheet.getRange('A2:A6').getValues(), 0)).toEqual([
      'alice',
      'Bob',
      'Carol',
      'Dave',
      'Eve',
    ]);
    // Column C was outside the range and stayed put.
    expect(column(sheet.getRange('C2:C6').getValues(), 0)).toEqual(
      contacts.slice(1).map((r) => r[2]),
    );
  });
});

describe('filters', () => {
  test('criteria hide rows, and removing them shows rows again', () => {
    const { app, sheet } = setup();
    const filter = sheet.getRange('A1:C6').createFilter();
    filter.setColumnFilterCriteria(3, app.newFilterCriteria().whenCellNotEmpty().build());
    const hidden = [2, 3, 4, 5, 6].filter((row) => sheet.isRowHiddenByFilter(row));
    expect(hidden).toEqual([2, 4, 6]);
    expect(sheet.getFilter()?.getColumnFilterCriteria(3)?.getCriteriaType()).toBe(
      app.BooleanCriteria.CELL_NOT_EMPTY,
    );

    filter.removeColumnFilterCriteria(3);
    expect([2, 3, 4, 5, 6].some((row) => sheet.isRowHiddenByFilter(row))).toBe(false);
  });

  test('text, formula and hidden-value criteria', () => {
    const { app, sheet, fakes } = setup();
    const filter = sheet.getRange('A1:C6').createFilter();
    filter.setColumnFilterCriteria(3, app.newFilterCriteria().whenTextContains('EMAIL').build());
    expect(fakes.spreadsheet.sheetState().hiddenRowsByFilter).toEqual([2, 4, 6]);

    filter.setColumnFilterCriteria(
      3,
      app.newFilterCriteria().whenFormulaSatisfied('=LEN($C2)=0').build(),
    );
    expect(fakes.spreadsheet.sheetState().hiddenRowsByFilter).toEqual([3, 5]);

    filter.setColumnFilterCriteria(3, null);
    filter.setColumnFilterCriteria(
      1,
      app.newFilterCriteria().setHiddenValues(['Bob', 'Eve']).build(),
    );
    expect(fakes.spreadsheet.sheetState().hiddenRowsByFilter).toEqual([4, 6]);
    const copy = filter.getColumnFilterCriteria(1)?.copy().build();
    expect(copy?.getHiddenValues()).toEqual(['Bob', 'Eve']);
  });

  test('one filter per sheet; remove clears hidden rows', () => {
    const { app, sheet } = setup();
    const filter = sheet.getRange('A1:C6').createFilter();
    expect(() => sheet.getRange('A1:B2').createFilter()).toThrow(
      "You can't create a filter in a sheet that already has a filter.",
    );
    filter.setColumnFilterCriteria(2, app.newFilterCriteria().whenCellEmpty().build());
    expect(sheet.isRowHiddenByFilter(2)).toBe(true);
    filter.remove();
    expect(sheet.getFilter()).toBeNull();
    expect(sheet.isRowHiddenByFilter(2)).toBe(false);
  });

  test('a column outside the filter range is refused, as Google does', () => {
    const { app, sheet, fakes } = setup();
    sheet.getRange('A1:C6').createFilter();
    const filter = sheet.getFilter()!;
    const criteria = app.newFilterCriteria().whenCellNotEmpty().build();
    expect(() => filter.setColumnFilterCriteria(4, criteria)).toThrow(/outside the filter range/);
    expect(() => filter.getColumnFilterCriteria(4)).toThrow(/outside the filter range/);
    expect(() => filter.removeColumnFilterCriteria(4)).toThrow(/outside the filter range/);
    // Nothing changed: no criteria, no hidden rows.
    expect(fakes.spreadsheet.sheetState().filter?.criteria).toEqual([]);
    expect(fakes.spreadsheet.sheetState().hiddenRowsByFilter).toEqual([]);
  });

  test('a filter only widens by being removed and created again; criteria carry over', () => {
    const { app, sheet, fakes } = setup();
    const narrow = sheet.getRange('A1:B6').createFilter();
    narrow.setColumnFilterCriteria(1, app.newFilterCriteria().setHiddenValues(['Bob']).build());
    const kept = narrow.getColumnFilterCriteria(1)!;
    narrow.remove();
    expect(() => narrow.getRange()).toThrow('The filter no longer exists.');
    const wide = sheet.getRange('A1:C6').createFilter();
    wide.setColumnFilterCriteria(1, kept.copy().build());
    wide.setColumnFilterCriteria(3, app.newFilterCriteria().whenCellNotEmpty().build());
    // Bob hidden by column A; the rows without an error by column C.
    expect(fakes.spreadsheet.sheetState().hiddenRowsByFilter).toEqual([2, 4, 6]);
    expect(sheet.getFilter()?.getRange().getA1Notation()).toBe('A1:C6');
  });
});

describe('conditional format rules', () => {
  function addErrorRule(
    app: ReturnType<typeof setup>['app'],
    sheet: ReturnType<typeof setup>['sheet'],
  ) {
    const rule = app
      .newConditionalFormatRule()
      .whenFormulaSatisfied('=$C2<>""')
      .setBackground('#F4CCCC')
      .setRanges([sheet.getRange('A2:C6')])
      .build();
    sheet.setConditionalFormatRules([...sheet.getConditionalFormatRules(), rule]);
  }

  test('rules read back with their condition and colour', () => {
    const { app, sheet } = setup();
    addErrorRule(app, sheet);
    const [rule] = sheet.getConditionalFormatRules();
    const condition = rule?.getBooleanCondition();
    expect(condition?.getCriteriaType()).toBe(app.BooleanCriteria.CUSTOM_FORMULA);
    expect(String(condition?.getCriteriaType())).toBe('CUSTOM_FORMULA');
    expect(condition?.getCriteriaValues()).toEqual(['=$C2<>""']);
    expect(condition?.getBackground()).toBe('#f4cccc');
    expect(rule?.getRanges().map((r) => r.getA1Notation())).toEqual(['A2:C6']);
  });

  test('the sheet state shows the colours a person would see, without touching cell backgrounds', () => {
    const { app, sheet, fakes } = setup();
    sheet.getRange('A2').setBackground('#0000ff');
    addErrorRule(app, sheet);
    const state = fakes.spreadsheet.sheetState('Contacts');
    expect(column(state.effectiveBackgrounds, 0)).toEqual([
      '#ffffff',
      '#0000ff',
      '#f4cccc',
      '#ffffff',
      '#f4cccc',
      '#ffffff',
    ]);
    expect(column(state.backgrounds, 0)).toEqual([
      '#ffffff',
      '#0000ff',
      '#ffffff',
      '#ffffff',
      '#ffffff',
      '#ffffff',
    ]);
    // A fixed row loses its highlight at once.
    sheet.getRange('C3').setValue('');
    expect(column(fakes.spreadsheet.sheetState().effectiveBackgrounds, 0)[2]).toBe('#ffffff');
  });

  test('rules follow inserted columns and rows, as in Sheets', () => {
    const { app, sheet, fakes } = setup();
    addErrorRule(app, sheet);
    sheet.insertColumnBefore(1);
    sheet.insertRowBefore(1);
    const [rule] = fakes.spreadsheet.sheetState().conditionalFormatRules;
    expect(rule?.ranges).toEqual(['B3:D7']);
    expect(rule?.values).toEqual(['=$D3<>""']);
    expect(column(fakes.spreadsheet.sheetState().effectiveBackgrounds, 1)[3]).toBe('#f4cccc');
  });

  test('text rules', () => {
    const { app, sheet, fakes } = setup();
    const rule = app
      .newConditionalFormatRule()
      .whenTextContains('missing')
      .setFontColor('red')
      .setRanges([sheet.getRange('C:C')])
      .build();
    sheet.setConditionalFormatRules([rule]);
    expect(column(fakes.spreadsheet.sheetState().effectiveFontColors, 2)[4]).toBe('#ff0000');
    expect(column(fakes.spreadsheet.sheetState().effectiveFontColors, 2)[2]).toBe('#000000');
  });
});

describe('sheet state', () => {
  test('collects everything as plain data', () => {
    const { sheet, fakes } = setup();
    sheet.setFrozenRows(1);
    sheet.getRange('B2').setNote('work address');
    sheet.hideColumns(3);
    sheet.getRange('A2:B3').activate();
    const state = fakes.spreadsheet.sheetState('Contacts');
    expect(state).toMatchObject({
      name: 'Contacts',
      active: true,
      lastRow: 6,
      lastColumn: 3,
      frozenRows: 1,
      hiddenColumns: [3],
      activeRange: 'A2:B3',
      filter: null,
      window: { row: 1, column: 1, numRows: 6, numColumns: 3 },
    });
    expect(state.notes[1]).toEqual(['', 'work address', '']);
    expect(JSON.parse(JSON.stringify(state)).values).toEqual(contacts);
  });
});
