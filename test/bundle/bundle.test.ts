/**
 * The production bundle in a bare V8 context: dist/Code.js with only the Apps Script fakes
 * as globals. `npm test` builds first; this suite fails if the build is missing.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import vm from 'node:vm';
import { createGasFakes, type GasFakes } from '../../local/gas-fakes';
import { DIST, loadGasBundle, readBundle, type GasBundle } from '../../local/gas-runtime';
import { SERVER_FUNCTIONS } from '../../src/rpc';

const SIDEBAR_HTML = join(DIST, 'sidebar.html');

function setUp(sheets: Record<string, unknown[][]> = {}): { fakes: GasFakes; bundle: GasBundle } {
  const fakes = createGasFakes({
    sheets,
    files: { sidebar: readFileSync(SIDEBAR_HTML, 'utf8') },
  });
  return { fakes, bundle: loadGasBundle(readBundle(), fakes) };
}

describe('dist/', () => {
  test('holds the three files clasp pushes', () => {
    for (const file of ['Code.js', 'sidebar.html', 'appsscript.json']) {
      expect(existsSync(join(DIST, file))).toBe(true);
    }
  });

  test('sidebar.html is self-contained: scripts and styles inline, nothing fetched', () => {
    const html = readFileSync(SIDEBAR_HTML, 'utf8');
    expect(html).toMatch(/<script[^>]*>[\s\S]{1000,}<\/script>/);
    expect(html).not.toMatch(/<script[^>]+src=/);
    expect(html).not.toMatch(/<link[^>]+stylesheet/);
    expect(html).toContain('<style>');
  });

  test('appsscript.json asks only for the scopes the add-on needs', () => {
    const manifest = JSON.parse(readFileSync(join(DIST, 'appsscript.json'), 'utf8'));
    expect(manifest.runtimeVersion).toBe('V8');
    expect([...manifest.oauthScopes].sort()).toEqual([
      'https://www.googleapis.com/auth/script.container.ui',
      'https://www.googleapis.com/auth/script.external_request',
      'https://www.googleapis.com/auth/spreadsheets.currentonly',
      'https://www.googleapis.com/auth/userinfo.email',
    ]);
    expect(manifest.urlFetchWhitelist).toContain('https://api.respond.io/');
  });
});

describe('Code.js in a bare context', () => {
  test('the context has no Node or browser globals to lean on', () => {
    const { bundle } = setUp();
    const missing = [
      'require',
      'process',
      'Buffer',
      'fetch',
      'setTimeout',
      'setInterval',
      'URL',
      'TextEncoder',
      'TextDecoder',
      'window',
      'document',
      'module',
      'global',
    ];
    for (const name of missing) {
      expect(vm.runInContext(`typeof ${name}`, bundle.context)).toBe('undefined');
    }
  });

  test('every entry point is a top-level function declaration', () => {
    const { bundle } = setUp();
    for (const name of ['onOpen', 'onInstall', 'showSidebar', ...SERVER_FUNCTIONS]) {
      expect(bundle.topLevelFunctions).toContain(name);
      expect(vm.runInContext(`typeof ${name}`, bundle.context)).toBe('function');
    }
  });

  test('onOpen in AuthMode.NONE adds the Extensions submenu and touches nothing else', () => {
    const { fakes, bundle } = setUp({ Contacts: [['First Name'], ['Aisha']] });
    fakes.calls.reset();
    bundle.invoke('onOpen', { authMode: fakes.globals.ScriptApp.AuthMode.NONE });
    expect(fakes.ui.menus).toHaveLength(1);
    expect(fakes.ui.menus[0]).toMatchObject({
      addon: true,
      entries: [{ caption: 'Import contacts…', functionName: 'showSidebar' }],
    });
    expect(fakes.calls.total('PropertiesService')).toBe(0);
    expect(fakes.calls.count('SpreadsheetApp.getActiveSpreadsheet')).toBe(0);
  });

  test('onInstall adds the same menu', () => {
    const { fakes, bundle } = setUp();
    bundle.invoke('onInstall', { authMode: fakes.globals.ScriptApp.AuthMode.FULL });
    expect(fakes.ui.menuFunction('Import contacts…')).toBe('showSidebar');
  });

  test('showSidebar opens sidebar.html titled "Contact import"', () => {
    const { fakes, bundle } = setUp();
    bundle.invoke('showSidebar');
    expect(fakes.ui.sidebar?.title).toBe('Contact import');
    expect(fakes.ui.sidebar?.content).toBe(readFileSync(SIDEBAR_HTML, 'utf8'));
  });

  test('getSheetSummary describes the active tab in two sheet reads', () => {
    const rows = [
      ['First Name', 'Last Name', 'Mobile', 'Email', ''],
      ['Aisha', 'Rahman', '+60 12-345 6789', 'aisha@example.com', ''],
      ['Budi', '', '0812 3456 789', '', ''],
      ['', '', '', '', ''],
      ['Chen', 'Wei', '', 'chen@example.com', ''],
      ['', '', '', '', ''],
    ];
    const { fakes, bundle } = setUp({ Contacts: rows });
    fakes.calls.reset();
    const answer = bundle.run('getSheetSummary');
    expect(answer).toEqual({
      ok: true,
      value: {
        spreadsheetName: 'Contacts',
        sheetName: 'Contacts',
        headerRow: 1,
        headers: ['First Name', 'Last Name', 'Mobile', 'Email'],
        dataRows: 4,
        dataColumns: 4,
        detectedExport: null,
      },
    });
    expect(fakes.calls.count('Range.getDisplayValues')).toBe(1);
    expect(fakes.calls.total('UrlFetchApp')).toBe(0);
  });

  test('a failing server function answers with a plain message, not a stack trace', () => {
    const { fakes, bundle } = setUp({ Contacts: [['A'], ['1']] });
    fakes.locks.holdExternally('document');
    fakes.globals.SpreadsheetApp.getActiveSpreadsheet = () => {
      throw new Error('Service invoked too many times for one day: spreadsheets.');
    };
    const answer = bundle.run('getSheetSummary') as { ok: boolean; error: string };
    expect(answer.ok).toBe(false);
    expect(answer.error).toMatch(/daily limit/);
    expect(answer.error).not.toMatch(/at .*Code\.js/);
  });
});
