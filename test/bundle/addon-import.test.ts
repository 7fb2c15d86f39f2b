/**
 * The whole add-on through its production bundle: a wizard run on a 10,000-row sheet in the
 * Apps Script fakes against the emulator over real HTTP, with SpreadsheetApp calls counted
 * per execution.
 */
import { column, importAll, setUp, startAddon, TOKEN, type Addon } from '../support/addon-harness';

const ROWS = 10_000;
const HEADER = ['First Name', 'Last Name', 'Mobile', 'Email', 'Plan'];

/** Every 50 rows: one without a first name, one with a broken email (4% errors). */
function contactsSheet(rows = ROWS): unknown[][] {
  const sheet: unknown[][] = [HEADER];
  for (let i = 0; i < rows; i++) {
    sheet.push([
      i % 50 === 7 ? '' : `Name${i}`,
      `Family${i % 97}`,
      `+60 12-${String(1_000_000 + i).slice(0, 3)} ${String(1_000_000 + i).slice(3)}`,
      i % 50 === 19 ? `name${i} at example.com` : `name${i}@example.com`,
      ['Free', 'Pro', 'Enterprise'][i % 3],
    ]);
  }
  return sheet;
}

const phoneOf = (i: number) => `+6012${1_000_000 + i}`;

let addon: Addon;
beforeAll(async () => {
  // About 2 requests a row (a create and its tags, and a look-up per 50 rows): 10,000 rows need
  // more than a consumer account's 20,000 URL fetches a day, so this runs on Workspace's
  // 100,000 (addon-quota.test.ts covers the pause when the quota runs out).
  addon = await startAddon({ Contacts: contactsSheet() }, ['--seed', 'empty', '--rate', '2000'], {
    account: 'workspace',
    // Short slices, so the run checkpoints and resumes several times as a long one would.
    sliceMs: 3000,
  });
}, 60_000);
afterAll(() => addon.stop());

test('review, import, re-run: statuses in the sheet, contacts in the workspace, ≤ 50 sheet calls per execution', async () => {
  const settings = setUp(addon, {
    purpose: 'add-update',
    identifier: 'phone',
    tags: ['bundle'],
    importTag: null,
  });
  expect(settings.mapping.map((m) => m.field)).toEqual([
    'firstName',
    'lastName',
    'phone',
    'email',
    'custom:Plan',
  ]);

  addon.fakes.calls.reset();
  const review = addon.call('reviewSheet');
  const reviewCalls = addon.fakes.calls.total('SpreadsheetApp');
  expect(review).toMatchObject({ rows: ROWS, valid: ROWS - 400, errors: 400, blocking: [] });
  expect(reviewCalls).toBeLessThanOrEqual(50);
  expect(column(addon, 'Error')[7]).toMatch(/First Name/);
  expect(column(addon, 'Error')[19]).toMatch(/^Email/);

  const { progress, callsPerSlice } = importAll(addon);
  console.log(
    `review: ${reviewCalls} SpreadsheetApp calls; import slices: ${callsPerSlice.join(', ')}`,
  );
  expect(progress).toMatchObject({
    status: 'completed',
    rowsDone: ROWS,
    counts: { imported: ROWS - 400, updated: 0, skipped: 0, errors: 400 },
  });
  expect(callsPerSlice.length).toBeGreaterThan(1);
  for (const calls of callsPerSlice) expect(calls).toBeLessThanOrEqual(50);

  const statuses = column(addon, 'Import Status');
  const ids = column(addon, 'Contact ID');
  const contacts = await addon.contacts();
  expect(contacts).toHaveLength(ROWS - 400);
  const idByPhone = new Map(contacts.map((c) => [c.phone, c.id]));
  for (let i = 0; i < ROWS; i++) {
    const invalid = i % 50 === 7 || i % 50 === 19;
    expect(statuses[i]).toBe(invalid ? 'Error' : 'Imported');
    if (!invalid) expect(Number(ids[i])).toBe(idByPhone.get(phoneOf(i)));
  }
  expect(contacts.find((c) => c.phone === phoneOf(1))).toMatchObject({
    firstName: 'Name1',
    email: 'name1@example.com',
    tags: ['bundle'],
  });

  // A teammate edits three rows; the next run sends exactly those three.
  addon.fakes.spreadsheet.edit((book) => {
    const sheet = book.getSheetByName('Contacts');
    for (const row of [101, 2002, 9001]) sheet?.getRange(row, 2).setValue(`Edited${row}`);
  });
  const before = await addon.stats();
  const again = importAll(addon);
  const after = await addon.stats();
  const puts =
    (after.requests['PUT /contact/{id}'] ?? 0) - (before.requests['PUT /contact/{id}'] ?? 0);
  expect(puts).toBe(3);
  expect(again.progress.counts).toEqual({ imported: 0, updated: 3, skipped: 0, errors: 400 });
  expect(column(addon, 'Import Status')[99]).toBe('Updated');
  expect((await addon.contacts()).find((c) => c.phone === phoneOf(99))?.lastName).toBe('Edited101');

  // The history tab has both runs.
  expect(addon.call('getHistory').map((h) => [h.status, h.created, h.updated])).toEqual([
    ['Completed', 0, 3],
    ['Completed', ROWS - 400, 0],
  ]);
  // …as a readable tab: bold header, columns wide enough for a date and an address.
  const tab = addon.fakes.spreadsheet.sheetState('Import History');
  expect(tab.values[0]!.slice(0, 4)).toEqual(['Date', 'Sheet', 'User', 'Purpose']);
  expect(tab.fontWeights[0]!.every((w) => w === 'bold')).toBe(true);
  expect(tab.columnWidths[1]).toBeGreaterThanOrEqual(120);
  expect(tab.columnWidths[3]).toBeGreaterThanOrEqual(180);
  void TOKEN;
  // A guard against a hang, not a speed check: under a full suite beside another it took 256 s.
}, 900_000);
