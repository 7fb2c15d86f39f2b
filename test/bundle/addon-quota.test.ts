/**
 * When Google's daily URL Fetch quota runs out mid-import, the job pauses with a plain
 * message instead of failing, and resumes where it stopped once the quota is back.
 */
import { column, importAll, setUp, startAddon, type Addon } from '../support/addon-harness';

let addon: Addon;
beforeAll(async () => {
  const sheet: unknown[][] = [['First Name', 'Mobile']];
  for (let i = 0; i < 40; i++) sheet.push([`P${i}`, `+60 14-${2_000_000 + i}`]);
  addon = await startAddon({ Contacts: sheet }, ['--seed', 'empty', '--rate', '1000'], {
    urlFetchDailyLimit: 25,
  });
}, 60_000);
afterAll(() => addon.stop());

test('the quota pauses the import; the next day it resumes and nothing is sent twice', async () => {
  setUp(addon, { purpose: 'add-update', identifier: 'phone', importTag: null });
  const paused = importAll(addon).progress;
  expect(paused.status).toBe('paused');
  expect(paused.message).toMatch(/daily limit/);
  // Google resets the quota 24 hours after the person's first request, not at midnight nor
  // a day after it ran out (https://developers.google.com/apps-script/guides/services/quotas).
  expect(paused.message).toMatch(/24 hours after the first request/);
  expect(paused.message).not.toMatch(/tomorrow|midnight|after it was reached/);
  // A fetchAll wave that would cross the limit is refused whole (and the fakes, reading it
  // harshly, count the day's quota as spent), so with waves of 40 creates the pause may come
  // before any row is finished: what matters is that nothing is lost or sent twice.
  expect(paused.rowsDone).toBeLessThan(40);
  expect(column(addon, 'Import Status').filter((s) => s === 'Imported')).toHaveLength(
    paused.rowsDone,
  );

  addon.fakes.urlFetch.resetQuota(); // a new day
  addon.fakes.urlFetch.dailyLimit = 100;
  let progress = addon.call('continueImport', paused.jobId);
  while (progress.more) progress = addon.call('continueImport', progress.jobId);
  expect(progress).toMatchObject({ status: 'completed', counts: { imported: 40, errors: 0 } });
  expect(column(addon, 'Import Status')).toEqual(Array(40).fill('Imported'));
  expect(await addon.contacts()).toHaveLength(40);
}, 60_000);
