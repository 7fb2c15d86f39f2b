/**
 * The hostile-input corpus (test/fixtures/hostile) through the production bundle: review,
 * suggested fixes, import, onEdit and history. Nothing the add-on writes may become a formula,
 * no output holds the token or an escape character, every row ends with a clear status, and
 * Google's and the platform's refusals come back as sentences a person can act on.
 */
import { ESC, FORMULA_HEADER, hostileSheet, ROW_PHONES } from '../fixtures/hostile/corpus';
import { importAll, setUp, startAddon, TOKEN, type Addon } from '../support/addon-harness';
import { contactsTab, editCells } from '../support/contacts-tab';

const TAB = 'Contacts';
const OWNED = ['Error', 'Import Status', 'Contact ID', 'Import Fingerprint', 'Error Cells'];
const FORMULA_START = /^[=+\-@\t\r]/;
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/;

/**
 * The corpus as a person would have typed it into Sheets: text starting with a formula
 * character typed with a leading apostrophe, so the cell holds that text (Sheets, and the
 * fakes, read a bare "=…" as a formula).
 */
function typed(rows: string[][]): string[][] {
  return rows.map((row) => row.map((cell) => (FORMULA_START.test(cell) ? `'${cell}` : cell)));
}

let addon: Addon;
beforeAll(async () => {
  addon = await startAddon({ [TAB]: [] }, ['--seed', 'empty', '--rate', '100'], {
    sliceMs: 400,
  });
  const rows = typed(hostileSheet());
  addon.fakes.spreadsheet.edit(() =>
    contactsTab(addon, TAB).getRange(1, 1, rows.length, rows[0]!.length).setValues(rows),
  );
  setUp(addon, {
    purpose: 'add-update',
    identifier: 'phone',
    importTag: null,
    defaultCountry: 'MY',
    // Column E's header is a formula; it is mapped to Email, so errors there quote it.
    mapping: addon
      .call('getWizardState')
      .settings.mapping.map((m) =>
        m.header === FORMULA_HEADER ? { ...m, field: 'email', match: 'manual' as const } : m,
      ),
  });
}, 60_000);
afterAll(() => addon.stop());

const state = (name = TAB) => addon.fakes.spreadsheet.sheetState(name);

/** Columns the add-on owns in the contacts tab, by index. */
function ownedColumns(): number[] {
  const header = state().values[0] ?? [];
  return OWNED.map((h) => header.indexOf(h)).filter((i) => i >= 0);
}

/**
 * No cell the add-on wrote runs as a formula: no formula in its columns, none in the History
 * tab, and every text there that starts with a formula character was written as text.
 */
function expectNoFormulaWritten() {
  const s = state();
  for (const c of ownedColumns()) {
    s.formulas.forEach((row, r) =>
      expect([r + 1, c + 1, row[c] ?? '']).toEqual([r + 1, c + 1, '']),
    );
  }
  if (addon.fakes.spreadsheet.sheetNames().includes('Import History')) {
    const history = state('Import History');
    for (const row of history.formulas) for (const f of row) expect(f ?? '').toBe('');
  }
}

/**
 * The add-on's outputs: its columns, notes, the History tab, logs and RPC answers. Answers
 * echo the person's own headers and cell values (`headers`, `header`, `current`) so the
 * sidebar can name them and send the mapping back by header; those are the person's data,
 * shown as text by the sidebar, not something the add-on says, and are left out here.
 */
function outputs(): string {
  const s = state();
  const parts: unknown[] = [
    s.values.map((row) => ownedColumns().map((c) => row[c])),
    s.notes,
    addon.fakes.logs,
    addon.answers,
  ];
  if (addon.fakes.spreadsheet.sheetNames().includes('Import History')) {
    parts.push(state('Import History').values);
  }
  const echo = new Set(['headers', 'header', 'current']);
  return JSON.stringify(parts, (key, value: unknown) => (echo.has(key) ? undefined : value));
}

function expectCleanOutputs() {
  const props = addon.fakes.properties.snapshot();
  expect(JSON.stringify([props.document, props.script, addon.answers])).not.toContain(TOKEN);
  const text = outputs();
  // JSON writes ESC as \u001b: look for both forms.
  expect(text).not.toContain(ESC);
  expect(text).not.toMatch(/\\u001b|\\u009b|\\u009d/i);
}

describe('review and fixes', () => {
  test('review: warnings for controls and bidi, errors quoting the formula header stay text', () => {
    const review = addon.call('reviewSheet');
    expect(review.errors).toBe(3);
    expectNoFormulaWritten();
    expectCleanOutputs();
    const errors = state().values.map((row) => row[state().values[0]!.indexOf('Error')]);
    // The Email error names the formula header: as text, never as a formula.
    expect(errors.join('\n')).toContain('HYPERLINK');
  });

  test('Apply suggested fixes: escapes and controls removed from the cells, as text', () => {
    addon.call('applySuggestedFixes');
    const rows = state().values;
    expect(rows[4]?.slice(0, 2)).toEqual(['Bob', 'Smith']);
    expect(rows[5]?.[0]).toBe('Click');
    expect(rows[6]?.slice(0, 2)).toEqual(['Carol', 'Bel']);
    // The suggestion for '\r=2+2' is '=2+2': written as text, not as a formula.
    expect(rows[3]?.[1]).toBe('=2+2');
    expect(state().formulas[3]?.[1] ?? '').toBe('');
    for (const row of rows.slice(1)) {
      for (const cell of row) expect(String(cell)).not.toMatch(CONTROL);
    }
    expectNoFormulaWritten();
    expectCleanOutputs();
  });
});

describe('import, onEdit, history', () => {
  test('every row gets a clear status; nothing sent holds a control character', async () => {
    const { progress } = importAll(addon);
    expect(progress.status).toBe('completed');
    const header = state().values[0]!;
    const status = header.indexOf('Import Status');
    const error = header.indexOf('Error');
    const rows = state().values.slice(1);
    expect(rows).toHaveLength(ROW_PHONES.length);
    for (const row of rows) {
      expect(['Imported', 'Updated', 'Error']).toContain(row[status]);
      if (row[status] === 'Error') expect(String(row[error])).not.toBe('');
    }
    const contacts = await addon.contacts();
    for (const c of contacts) {
      for (const v of Object.values(c)) if (typeof v === 'string') expect(v).not.toMatch(CONTROL);
    }
    expect(contacts.find((c) => c.phone === '+60123456002')?.firstName).toBe('-2+3');
    expectNoFormulaWritten();
    expectCleanOutputs();
  }, 60_000);

  test('a later import writing rows around an Error row keeps that Error text as text', () => {
    const tab = addon.fakes.globals.SpreadsheetApp.getActiveSpreadsheet().getSheetByName(TAB)!;
    const header = state().values[0]!;
    const error = header.indexOf('Error');
    // Row 10 (Mallory) has an Email error quoting the formula header.
    expect(String(state().values[9]?.[error])).toMatch(/^=HYPERLINK/);
    // Rows 3 and 11 change: the next import writes them, and row 10 between them must keep
    // its Error text as text.
    addon.fakes.spreadsheet.edit(() => {
      tab.getRange(3, 2).setValue('Changed');
      tab.getRange(11, 2).setValue('Changed too');
    });
    const { progress } = importAll(addon);
    expect(progress.status).toBe('completed');
    expect(String(state().values[9]?.[error])).toMatch(/^=HYPERLINK/);
    expectNoFormulaWritten();
  }, 60_000);

  test('onEdit: a duplicate far below rewrites no Error cell in between as a formula', () => {
    const error = state().values[0]!.indexOf('Error');
    expect(String(state().values[9]?.[error])).toMatch(/^=HYPERLINK/);
    // Row 3 takes row 11's phone: both rows are now duplicates, row 10 lies between them.
    editCells(addon, 3, 3, String(state().values[10]![2]), TAB);
    expect(String(state().values[2]?.[error])).not.toBe('');
    expect(String(state().values[9]?.[error])).toMatch(/^=HYPERLINK/);
    expectNoFormulaWritten();
    expectCleanOutputs();
  });

  test('onEdit over several rows keeps every Error cell text', () => {
    const email = state().values[0]!.indexOf(FORMULA_HEADER) + 1;
    // A paste over rows 8–10 of the Email column: each row gets an error quoting the
    // formula header.
    editCells(addon, 8, email, ['@nobody', 'a@b.example', "'=2+2"], TAB);
    const error = state().values[0]!.indexOf('Error');
    expect(String(state().values[7]?.[error])).toMatch(/^=HYPERLINK/);
    expect(String(state().values[9]?.[error])).toMatch(/^=HYPERLINK/);
    expectNoFormulaWritten();
    expectCleanOutputs();
  });

  test('history: the runs are listed, as text', () => {
    const history = addon.call('getHistory');
    expect(history.length).toBeGreaterThan(0);
    expectNoFormulaWritten();
    expectCleanOutputs();
  });
});

describe('tokens and Google limits', () => {
  test.each([
    ['a line break', `${TOKEN}\nsecond-line`, /holds a line break/],
    ['a control character', `${TOKEN}\u0007`, /invisible control character/],
    ['20 KB', `t${'a'.repeat(20 * 1024)}`, /is 21 KB long; a workspace API token is far shorter/],
    ['100 KB', `t${'b'.repeat(100 * 1024)}`, /is 101 KB long/],
  ])('saveConnection refuses a token holding %s with a plain message', (_what, token, message) => {
    const answer = addon.raw('saveConnection', { baseUrl: addon.baseUrl, token });
    expect(answer.ok).toBe(false);
    expect(!answer.ok && answer.error).toMatch(message);
    expect(!answer.ok && answer.error).not.toMatch(/Argument too large|HTTP 431/);
    expect(JSON.stringify(answer)).not.toContain(token);
    // The saved token is untouched.
    expect(addon.call('getWizardState').connection.tokenLast4).toBe(TOKEN.slice(-4));
  });

  test('full property storage is explained as full storage, not as the daily quota', () => {
    const props = addon.fakes.globals.PropertiesService.getDocumentProperties();
    const filler: string[] = [];
    // Another add-on's data fills the document's store to within a few bytes of 500 KB.
    addon.fakes.uncounted(() => {
      for (let i = 0; ; i++) {
        const free = 500 * 1024 - addon.fakes.properties.document.size();
        const key = `other.addon.${i}`;
        const length = Math.min(9000, free - key.length - 8);
        if (length <= 0) break;
        props.setProperty(key, 'x'.repeat(length));
        filler.push(key);
      }
    });
    try {
      const settings = addon.call('getWizardState').settings;
      const answer = addon.raw('saveSettings', { ...settings, tags: ['one more tag to keep'] });
      expect(answer.ok).toBe(false);
      const error = !answer.ok ? answer.error : '';
      expect(error).toMatch(/The settings Google stores for this spreadsheet .* are full/);
      expect(error).not.toMatch(/daily limit/);
    } finally {
      addon.fakes.uncounted(() => {
        for (const key of filler) props.deleteProperty(key);
      });
    }
  });
});

describe('a sheet too wide for its columns', () => {
  let wide: Addon;
  beforeAll(async () => {
    const header = ['First Name', 'Phone', ...Array.from({ length: 9998 }, (_, i) => `c${i}`)];
    const row = ['Aisha', '+60 12-345 6789', ...Array.from({ length: 9998 }, () => '')];
    wide = await startAddon({ [TAB]: [header, row] }, ['--seed', 'empty']);
  }, 60_000);
  afterAll(() => wide.stop());

  test("10,000 columns: the add-on's columns do not fit, and it says what to do", () => {
    wide.call('saveConnection', { baseUrl: wide.baseUrl, token: TOKEN });
    const answer = wide.raw('reviewSheet');
    const error = !answer.ok ? answer.error : JSON.stringify(answer);
    expect(error).not.toMatch(/above the limit of 10000000 cells/);
    expect(error).toMatch(/limit of 10 million cells.*Delete empty columns/);
  }, 60_000);
});
