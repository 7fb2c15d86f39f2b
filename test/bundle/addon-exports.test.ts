/**
 * Real export shapes (test/fixtures/exports/) through the production bundle: the sheet holds the
 * export as Google Sheets would after File → Import (digits-only cells become numbers), the
 * wizard's automatic mapping is saved unchanged, then review and import. The hand-written labels
 * (`<id>.expected.json`) say what each column should map to and which rows should import.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Papa from 'papaparse';
import { column, importAll, setUp, startAddon, type Addon } from '../support/addon-harness';

const DIR = join(__dirname, '../fixtures/exports');

interface Expected {
  columns: Record<string, string | null>;
  rows: ('ok' | 'error' | 'skip')[];
}

/** The CSV as Sheets stores it: a cell of digits only is a number (919876543210, 60). */
function sheetOf(id: string): unknown[][] {
  const text = readFileSync(join(DIR, `${id}.csv`), 'utf8');
  const rows = Papa.parse<string[]>(text, { skipEmptyLines: true }).data;
  return rows.map((row, i) =>
    i === 0 ? row : row.map((cell) => (/^\d{1,15}$/.test(cell) ? Number(cell) : cell)),
  );
}

/**
 * Per fixture: columns the workspace has a custom field of exactly that name for (the emulator's
 * workspace has a date field "Birthday"), which a person would map too; and how many rows hold
 * only an unreadable optional cell there (Google's birthdays without a year, `03/14`).
 */
const CASES: [string, Record<string, string>, number][] = [
  ['google', { Birthday: 'custom:Birthday' }, 4],
  ['salesforce', {}, 0],
  ['wati', {}, 0],
  ['aisensy', {}, 0],
];

describe.each(CASES)('%s export', (id, workspaceColumns, savable) => {
  const expected = JSON.parse(readFileSync(join(DIR, `${id}.expected.json`), 'utf8')) as Expected;
  let addon: Addon;
  beforeAll(async () => {
    addon = await startAddon({ Contacts: sheetOf(id) }, ['--seed', 'empty', '--rate', '2000']);
  }, 60_000);
  afterAll(() => addon.stop());

  test('imports on automatic mapping alone: columns mapped as labelled, rows judged as labelled', async () => {
    const summary = addon.call('getSheetSummary');
    expect(summary.detectedExport).not.toBeNull();
    const settings = setUp(addon, { purpose: 'add-update', importTag: null });
    const mapped = Object.fromEntries(settings.mapping.map((m) => [m.header, m.field]));
    expect(mapped).toEqual({ ...expected.columns, ...workspaceColumns });
    expect(settings.skipBadOptionalCells).toBe(false);

    const ok = expected.rows.filter((r) => r === 'ok').length;
    const skipped = expected.rows.filter((r) => r === 'skip').length;
    const first = addon.call('reviewSheet');
    // Off by default: rows whose only error is an optional cell are held back and counted.
    expect(first).toMatchObject({ blocking: [], valid: ok - savable, savable, skipped });
    if (savable > 0) {
      const check = addon.call('saveSettings', { ...settings, skipBadOptionalCells: true });
      expect(check.ok).toBe(true);
    }
    const review = savable > 0 ? addon.call('reviewSheet') : first;
    expect(review).toMatchObject({
      blocking: [],
      valid: ok,
      errors: expected.rows.length - skipped - ok,
      skipped,
    });
    const errors = column(addon, 'Error');
    expected.rows.forEach((label, i) => {
      // A footer is skipped, never an error; an 'ok' row has nothing in its Error cell.
      if (label === 'error') expect(errors[i]).not.toBe('');
      else expect(errors[i]).toBe('');
    });

    const { progress } = importAll(addon);
    expect(progress).toMatchObject({ status: 'completed', counts: { imported: ok } });
    const contacts = await addon.contacts();
    expect(contacts).toHaveLength(ok);
    const statuses = column(addon, 'Import Status');
    expected.rows.forEach((label, i) => {
      if (label === 'skip') expect(statuses[i]).toBe('');
    });
    if (id === 'google') {
      // The mobile chosen over the office landline; Google's own labels not sent as tags.
      expect(first.notes.join(' ')).toMatch(/Google's own labels \('\* myContacts'\) are not tags/);
      expect(contacts.find((c) => c.firstName === 'Ben')?.phone).toBe('+447911123456');
      expect(contacts.find((c) => c.firstName === 'Priya')?.tags).toEqual(['Friends']);
    }
  }, 120_000);
});

test.each([
  ['en_GB', '1992-04-03'],
  ['en_US', '1992-03-04'],
])(
  "an ambiguous date follows the spreadsheet's locale (%s) when its column proves nothing",
  async (locale, sent) => {
    const sheet = [
      ['First Name', 'Phone', 'Birthday'],
      ['Aisha', '+60 12-345 6789', '03/04/1992'],
    ];
    const addon = await startAddon({ Contacts: sheet }, ['--seed', 'empty'], { locale });
    try {
      setUp(addon, { purpose: 'add-update', importTag: null });
      expect(addon.call('reviewSheet')).toMatchObject({ valid: 1, errors: 0 });
      importAll(addon);
      const [contact] = (await addon.contacts()) as unknown as {
        custom_fields?: { name: string; value: unknown }[];
      }[];
      expect(contact?.custom_fields).toContainEqual(expect.objectContaining({ value: sent }));
    } finally {
      await addon.stop();
    }
  },
  120_000,
);
