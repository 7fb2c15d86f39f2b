/**
 * What the review tells a person before an import starts, through the production bundle:
 * a mapped custom field of a type the add-on does not know (sent as text), and an import
 * too big for one day of Google's URL Fetch quota.
 */
import { column, setUp, startAddon, type Addon } from '../support/addon-harness';

describe('a custom field of a type the add-on does not know', () => {
  let addon: Addon;
  beforeAll(async () => {
    const sheet: unknown[][] = [['First Name', 'Mobile', 'Interests', 'Company']];
    sheet.push(['Aisha', '+60 12-345 6789', 'cooking, travel', 'Acme']);
    sheet.push(['Budi', '+60 12-345 6790', 'football', 'Globex']);
    // --unknown-field-type yes: the field list holds "Interests", dataType "multi_select".
    addon = await startAddon({ Contacts: sheet }, [
      '--seed',
      'empty',
      '--rate',
      '1000',
      '--unknown-field-type',
      'yes',
    ]);
  }, 120_000);
  afterAll(() => addon.stop());

  const NOTE =
    'Custom field "Interests" (column "Interests") has a type this add-on does not know ("multi_select"); its values are sent as text, unchecked.';

  test('mapped: the review says so, and the note is still there when the sidebar reopens', async () => {
    const settings = setUp(addon, { purpose: 'add-update', identifier: 'phone' });
    expect(settings.mapping).toContainEqual(
      expect.objectContaining({ header: 'Interests', field: 'custom:Interests' }),
    );
    const review = addon.call('reviewSheet');
    expect(review.notes).toContain(NOTE);
    expect(review.errors).toBe(0);
    // The sidebar reopened within the hour shows the stored review, notes included.
    expect(addon.call('getWizardState').review?.notes).toContain(NOTE);

    // And the values really go as text: the workspace has them as written.
    let progress = addon.call('startImport', 'pending');
    while (progress.more) progress = addon.call('continueImport', progress.jobId);
    expect(column(addon, 'Error')).toEqual(['', '']);
    expect(progress).toMatchObject({ status: 'completed', counts: { imported: 2, errors: 0 } });
    const contacts = (await addon.contacts()) as unknown as {
      custom_fields?: { name: string; value: unknown }[];
    }[];
    const interests = contacts.flatMap((c) =>
      (c.custom_fields ?? []).filter((f) => f.name === 'Interests').map((f) => f.value),
    );
    expect(interests.sort()).toEqual(['cooking, travel', 'football']);
  }, 120_000);

  test('not mapped: no note (a field the import does not touch is not worth a line)', () => {
    const state = addon.call('getWizardState');
    const mapping = state.settings.mapping.map((m) =>
      m.header === 'Interests' ? { ...m, field: null } : m,
    );
    const check = addon.call('saveSettings', { ...state.settings, mapping });
    expect(check.ok).toBe(true);
    const review = addon.call('reviewSheet');
    expect(review.notes.join('\n')).not.toMatch(/does not know/);
  }, 120_000);
});

describe('the daily URL Fetch quota (20,000 a day; 100,000 with Google Workspace)', () => {
  let addon: Addon;
  const ROWS = 12_000;
  beforeAll(async () => {
    const big: unknown[][] = [['First Name', 'Mobile']];
    for (let i = 0; i < ROWS; i++) big.push([`P${i}`, `+60 14-${2_000_000 + i}`]);
    const small: unknown[][] = [['First Name', 'Mobile']];
    for (let i = 0; i < 50; i++) small.push([`S${i}`, `+60 14-${3_000_000 + i}`]);
    addon = await startAddon({ Big: big, Small: small }, ['--seed', 'empty', '--rate', '1000']);
  }, 120_000);
  afterAll(() => addon.stop());

  function reviewTab(name: string) {
    addon.fakes.spreadsheet.select(name, 'A1');
    // add-all with the import tag: a create and a tag call at least per row, no look-ups.
    setUp(addon, { purpose: 'add-all', identifier: null });
    return addon.call('reviewSheet');
  }

  test('an import over 20,000 requests is announced before it starts, and is not blocked', () => {
    const review = reviewTab('Big');
    expect(review.estimate.apiCalls).toBeGreaterThan(20_000);
    const n = review.estimate.apiCalls.toLocaleString('en-US');
    expect(review.quotaWarning).toContain(
      `This import needs about ${n} requests; a Google account may make 20,000 a day (100,000 with Google Workspace)`,
    );
    // The same promise the pause message makes (importing.ts QUOTA_MESSAGE).
    expect(review.quotaWarning).toContain('the import pauses');
    expect(review.quotaWarning).toContain('24 hours after the first request');
    const days = Math.ceil(review.estimate.apiCalls / 20_000);
    expect(review.quotaWarning).toContain(
      `without Google Workspace it takes at least ${days} days`,
    );
    expect(review.blocking).toEqual([]);
    expect(review.valid).toBe(ROWS);
    expect(addon.call('getWizardState').review?.quotaWarning).toBe(review.quotaWarning);
    // A warning, not a block: the import starts.
    const job = addon.call('startImport', 'pending');
    expect(job).toMatchObject({ status: 'processing', rowsTotal: ROWS });
    expect(addon.call('cancelImport', job.jobId).status).toBe('cancelled');
  }, 240_000);

  test('a small import says nothing about the quota', () => {
    const review = reviewTab('Small');
    expect(review.valid).toBe(50);
    expect(review.estimate.apiCalls).toBeGreaterThan(0);
    expect(review.estimate.apiCalls).toBeLessThanOrEqual(20_000);
    expect(review.quotaWarning).toBeNull();
  }, 120_000);
});
