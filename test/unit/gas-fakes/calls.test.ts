import fs from 'node:fs';
import path from 'node:path';
import { createGasFakes } from '../../../local/gas-fakes';

describe('call counting', () => {
  test('every method call is counted by class and method, and grouped by service', () => {
    const fakes = createGasFakes({ sheets: { Contacts: [['Name'], ['Ann']] } });
    fakes.onFetch(() => ({ status: 200, body: '{}' }));
    const { SpreadsheetApp, UrlFetchApp, PropertiesService, Utilities } = fakes.globals;

    const sheet = SpreadsheetApp.getActiveSpreadsheet().getSheetByName('Contacts');
    sheet?.getRange(1, 1, 2, 1).getValues();
    sheet?.getRange('B1:B2').setValues([['Status'], ['Imported']]);
    const rule = SpreadsheetApp.newConditionalFormatRule()
      .whenFormulaSatisfied('=A1<>""')
      .setBackground('red')
      .build();
    rule.getBooleanCondition()?.getCriteriaValues();
    UrlFetchApp.fetchAll(['https://a.example.com/', 'https://b.example.com/'])[0]?.getContentText();
    PropertiesService.getUserProperties().getProperty('token');
    Utilities.sleep(10);

    expect(fakes.calls.snapshot()).toEqual({
      'BooleanCondition.getCriteriaValues': 1,
      'ConditionalFormatRule.getBooleanCondition': 1,
      'ConditionalFormatRuleBuilder.build': 1,
      'ConditionalFormatRuleBuilder.setBackground': 1,
      'ConditionalFormatRuleBuilder.whenFormulaSatisfied': 1,
      'HTTPResponse.getContentText': 1,
      'Properties.getProperty': 1,
      'PropertiesService.getUserProperties': 1,
      'Range.getValues': 1,
      'Range.setValues': 1,
      'Sheet.getRange': 2,
      'Spreadsheet.getSheetByName': 1,
      'SpreadsheetApp.getActiveSpreadsheet': 1,
      'SpreadsheetApp.newConditionalFormatRule': 1,
      'UrlFetchApp.fetchAll': 1,
      'Utilities.sleep': 1,
    });
    expect(fakes.calls.count('Sheet.getRange')).toBe(2);
    expect(fakes.calls.total('SpreadsheetApp')).toBe(12);
    expect(fakes.calls.total('UrlFetchApp')).toBe(2);
    expect(fakes.calls.total('PropertiesService')).toBe(2);
    expect(fakes.calls.total('LockService')).toBe(0);

    fakes.calls.reset();
    expect(fakes.calls.snapshot()).toEqual({});
  });

  test('calls that throw are counted; internal work is not', () => {
    const fakes = createGasFakes();
    const sheet = fakes.globals.SpreadsheetApp.getActiveSheet();
    expect(() => sheet.getRange(0, 1)).toThrow();
    sheet.getRange('A1:B2').setValue('x');
    sheet.insertColumnsAfter(1, 1);
    expect(fakes.calls.snapshot()).toEqual({
      'Sheet.getRange': 2,
      'Range.setValue': 1,
      'Sheet.insertColumnsAfter': 1,
      'SpreadsheetApp.getActiveSheet': 1,
    });
  });

  test('chained calls keep counting and return the same object', () => {
    const fakes = createGasFakes();
    const range = fakes.globals.SpreadsheetApp.getActiveSheet().getRange('A1');
    expect(range.setValue(1).setNote('n').setBackground('red')).toBe(range);
    expect(fakes.calls.count('Range.setNote')).toBe(1);
  });

  test('uncounted set-up and separate instances', () => {
    const a = createGasFakes();
    const b = createGasFakes();
    a.uncounted(() => a.globals.SpreadsheetApp.getActiveSheet().getRange('A1').setValue('seed'));
    b.globals.Session.getActiveUser();
    expect(a.calls.snapshot()).toEqual({});
    expect(b.calls.snapshot()).toEqual({ 'Session.getActiveUser': 1 });
  });

  test('objects expose no uncounted helper methods', () => {
    const fakes = createGasFakes();
    const range = fakes.globals.SpreadsheetApp.getActiveSheet().getRange('A1');
    const methods = Object.getOwnPropertyNames(Object.getPrototypeOf(range)).filter(
      (n) => n !== 'constructor',
    );
    for (const name of methods) {
      fakes.calls.reset();
      try {
        (range as unknown as Record<string, (...a: unknown[]) => unknown>)[name]?.call(range, 1);
      } catch {
        // Arguments are nonsense here; only the count matters.
      }
      expect([name, fakes.calls.count(`Range.${name}`)]).toEqual([name, 1]);
    }
  });
});

/**
 * Every public method of a fake must exist on Google's interface in @types/google-apps-script
 * (catches invented or misspelt names).
 */
describe('method names match @types/google-apps-script', () => {
  const typesDir = path.join(__dirname, '../../../node_modules/@types/google-apps-script');

  function googleMethods(file: string, iface: string): Set<string> {
    const text = fs.readFileSync(path.join(typesDir, file), 'utf8');
    const header = new RegExp(`\\n {8}interface ${iface}(?: extends ([\\w., ]+))? \\{`).exec(text);
    if (!header) throw new Error(`${iface} not found in ${file}`);
    const end = text.indexOf('\n        }', header.index + 1);
    const names = new Set<string>();
    for (const line of text.slice(header.index + header[0].length, end).split('\n')) {
      const match = /^\s+(?:\/\*\*.*?\*\/\s*)?([A-Za-z0-9_]+)(?:\(|:)/.exec(line);
      if (match?.[1]) names.add(match[1]);
    }
    for (const parent of header[1]?.split(',').map((p) => p.trim()) ?? []) {
      for (const name of googleMethods(file, parent)) names.add(name);
    }
    return names;
  }

  const fakes = createGasFakes({ files: { f: '' } });
  fakes.onFetch(() => ({ status: 200 }));
  const g = fakes.globals;
  const sheet = g.SpreadsheetApp.getActiveSheet();
  const range = sheet.getRange('A1:B2');
  const filter = range.createFilter();
  const ui = g.SpreadsheetApp.getUi();
  const cases: Array<[string, string, object]> = [
    ['google-apps-script.spreadsheet.d.ts', 'SpreadsheetApp', g.SpreadsheetApp],
    ['google-apps-script.spreadsheet.d.ts', 'Spreadsheet', g.SpreadsheetApp.getActive()],
    ['google-apps-script.spreadsheet.d.ts', 'Sheet', sheet],
    ['google-apps-script.spreadsheet.d.ts', 'Range', range],
    ['google-apps-script.spreadsheet.d.ts', 'Filter', filter],
    [
      'google-apps-script.spreadsheet.d.ts',
      'FilterCriteriaBuilder',
      g.SpreadsheetApp.newFilterCriteria(),
    ],
    [
      'google-apps-script.spreadsheet.d.ts',
      'FilterCriteria',
      g.SpreadsheetApp.newFilterCriteria().build(),
    ],
    [
      'google-apps-script.spreadsheet.d.ts',
      'ConditionalFormatRuleBuilder',
      g.SpreadsheetApp.newConditionalFormatRule(),
    ],
    [
      'google-apps-script.spreadsheet.d.ts',
      'ConditionalFormatRule',
      g.SpreadsheetApp.newConditionalFormatRule().build(),
    ],
    [
      'google-apps-script.spreadsheet.d.ts',
      'BooleanCondition',
      g.SpreadsheetApp.newConditionalFormatRule()
        .whenFormulaSatisfied('=TRUE')
        .build()
        .getBooleanCondition() as object,
    ],
    ['google-apps-script.base.d.ts', 'Ui', ui],
    ['google-apps-script.base.d.ts', 'Menu', ui.createAddonMenu()],
    ['google-apps-script.base.d.ts', 'Session', g.Session],
    ['google-apps-script.base.d.ts', 'User', g.Session.getActiveUser()],
    ['google-apps-script.base.d.ts', 'Logger', g.Logger],
    ['google-apps-script.html.d.ts', 'HtmlService', g.HtmlService],
    ['google-apps-script.html.d.ts', 'HtmlOutput', g.HtmlService.createHtmlOutputFromFile('f')],
    ['google-apps-script.properties.d.ts', 'PropertiesService', g.PropertiesService],
    ['google-apps-script.properties.d.ts', 'Properties', g.PropertiesService.getScriptProperties()],
    ['google-apps-script.lock.d.ts', 'LockService', g.LockService],
    ['google-apps-script.lock.d.ts', 'Lock', g.LockService.getScriptLock()],
    ['google-apps-script.cache.d.ts', 'CacheService', g.CacheService],
    ['google-apps-script.cache.d.ts', 'Cache', g.CacheService.getDocumentCache()],
    ['google-apps-script.url-fetch.d.ts', 'UrlFetchApp', g.UrlFetchApp],
    [
      'google-apps-script.url-fetch.d.ts',
      'HTTPResponse',
      g.UrlFetchApp.fetch('https://x.example.com/'),
    ],
    ['google-apps-script.utilities.d.ts', 'Utilities', g.Utilities],
  ];

  test.each(cases)('%s %s', (file, iface, fake) => {
    const google = googleMethods(file, iface);
    const own = Object.getOwnPropertyNames(Object.getPrototypeOf(fake)).filter(
      (n) => n !== 'constructor',
    );
    const fields = Object.keys(fake).filter((k) => k !== 'ctx' && /^[A-Z]/.test(k));
    expect(own.length).toBeGreaterThan(0);
    expect([...own, ...fields].filter((name) => !google.has(name))).toEqual([]);
  });
});
