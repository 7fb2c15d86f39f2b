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

describe('inserting, deleting and hiding columns', () => {
  test('columns shift values, notes, hidden state and widths', () => {
    const { sheet, fakes } = setup();
    sheet.getRange('B3').setNote('typo?').setBackground('#ffff00');
    sheet.hideColumns(3);
    sheet.setColumnWidth(2, 250);
    sheet.insertColumnsAfter(1, 1);
    expect(sheet.getRange('A1:D1').getValues()).toEqual([['Name', '', 'Email', 'Error']]);
    expect(sheet.getMaxColumns()).toBe(27);
    let state = fakes.spreadsheet.sheetState('Contacts');
    expect(state.hiddenColumns).toEqual([4]);
    expect(state.columnWidths[3]).toBe(250);
    expect(state.notes[2]?.[2]).toBe('typo?');
    expect(state.backgrounds[2]?.[2]).toBe('#ffff00');

    sheet.insertColumnsAfter(4, 2);
    sheet.getRange('E1:F1').setValues([['Import Status', 'Contact ID']]);
    sheet.deleteColumns(2, 1);
    expect(sheet.getRange('A1:E1').getValues()).toEqual([
      ['Name', 'Email', 'Error', 'Import Status', 'Contact ID'],
    ]);
    expect(sheet.getLastColumn()).toBe(5);
    state = fakes.spreadsheet.sheetState('Contacts');
    expect(state.hiddenColumns).toEqual([3]);
    expect(state.notes[2]?.[1]).toBe('typo?');
  });

  test('out-of-bounds positions and deleting every column are refused like Google', () => {
    const { sheet } = setup();
    expect(() => sheet.insertColumnsAfter(0, 1)).toThrow('Those columns are out of bounds.');
    expect(() => sheet.insertColumnsAfter(1, 0)).toThrow(
      'The number of rows or columns to insert must be at least 1.',
    );
    expect(() => sheet.deleteColumns(26, 2)).toThrow('Those columns are out of bounds.');
    expect(() => sheet.hideColumns(27)).toThrow('Those columns are out of bounds.');
    expect(() => sheet.deleteColumns(1, sheet.getMaxColumns())).toThrow(
      'Sorry, it is not possible to delete all non-frozen columns.',
    );
  });

  test('formulas follow the cells they reference', () => {
    const { sheet, fakes } = setup();
    sheet.getRange('D3').setValue('=A3&"/"&$B$4');
    sheet.insertColumnsAfter(1, 1);
    expect(fakes.spreadsheet.sheetState('Contacts').formulas[2]?.[4]).toBe('=A3&"/"&$C$4');
    expect(sheet.getRange('E3').getValue()).toBe('alice/bob@example.com');
    sheet.deleteColumns(3, 1);
    expect(fakes.spreadsheet.sheetState('Contacts').formulas[2]?.[3]).toBe('=A3&"/"&#REF!');
  });
});

describe('sorting', () => {
  test('sheet.sort moves whole rows below the frozen header, notes and colours included', () => {
    const { sheet, fakes } = setup();
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
    const state = fakes.spreadsheet.sheetState('Contacts');
    expect(column(state.notes, 0).slice(2, 4)).toEqual(['VIP', '']);
    expect(state.backgrounds[2]?.[0]).toBe('#00ff00');

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
});

describe('filters', () => {
  test('criteria hide rows, and removing them shows rows again', () => {
    const { app, sheet, fakes } = setup();
    const filter = sheet.getRange('A1:C6').createFilter();
    filter.setColumnFilterCriteria(3, app.newFilterCriteria().whenCellNotEmpty().build());
    expect(fakes.spreadsheet.sheetState().hiddenRowsByFilter).toEqual([2, 4, 6]);
    expect(fakes.spreadsheet.sheetState().filter?.criteria).toMatchObject([
      { column: 3, criteria: 'CELL_NOT_EMPTY' },
    ]);

    filter.removeColumnFilterCriteria(3);
    expect(fakes.spreadsheet.sheetState().hiddenRowsByFilter).toEqual([]);
  });

  test('empty-cell and hidden-value criteria', () => {
    const { app, sheet, fakes } = setup();
    const filter = sheet.getRange('A1:C6').createFilter();
    filter.setColumnFilterCriteria(3, app.newFilterCriteria().whenCellEmpty().build());
    expect(fakes.spreadsheet.sheetState().hiddenRowsByFilter).toEqual([3, 5]);

    filter.setColumnFilterCriteria(3, null);
    filter.setColumnFilterCriteria(
      1,
      app.newFilterCriteria().setHiddenValues(['Bob', 'Eve']).build(),
    );
    expect(fakes.spreadsheet.sheetState().hiddenRowsByFilter).toEqual([4, 6]);
    // A copy of the criteria hides the same rows.
    const copy = filter.getColumnFilterCriteria(1)!.copy().build();
    filter.setColumnFilterCriteria(1, null);
    expect(fakes.spreadsheet.sheetState().hiddenRowsByFilter).toEqual([]);
    filter.setColumnFilterCriteria(1, copy);
    expect(fakes.spreadsheet.sheetState().hiddenRowsByFilter).toEqual([4, 6]);
  });

  test('one filter per sheet; remove clears hidden rows', () => {
    const { app, sheet, fakes } = setup();
    const filter = sheet.getRange('A1:C6').createFilter();
    expect(() => sheet.getRange('A1:B2').createFilter()).toThrow(
      "You can't create a filter in a sheet that already has a filter.",
    );
    filter.setColumnFilterCriteria(2, app.newFilterCriteria().whenCellNotEmpty().build());
    expect(fakes.spreadsheet.sheetState().hiddenRowsByFilter).toEqual([5]);
    filter.remove();
    expect(sheet.getFilter()).toBeNull();
    expect(fakes.spreadsheet.sheetState().hiddenRowsByFilter).toEqual([]);
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
    const { app, sheet, fakes } = setup();
    addErrorRule(app, sheet);
    const [rule] = sheet.getConditionalFormatRules();
    expect(rule?.getBooleanCondition()?.getCriteriaValues()).toEqual(['=$C2<>""']);
    expect(fakes.spreadsheet.sheetState().conditionalFormatRules).toMatchObject([
      { ranges: ['A2:C6'], criteria: 'CUSTOM_FORMULA', background: '#f4cccc' },
    ]);
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

  test('rules follow inserted columns, as in Sheets', () => {
    const { app, sheet, fakes } = setup();
    addErrorRule(app, sheet);
    sheet.insertColumnsAfter(1, 1);
    const [rule] = fakes.spreadsheet.sheetState().conditionalFormatRules;
    expect(rule?.ranges).toEqual(['A2:D6']);
    expect(rule?.values).toEqual(['=$D2<>""']);
    expect(column(fakes.spreadsheet.sheetState().effectiveBackgrounds, 3)[2]).toBe('#f4cccc');
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
