/**
 * What Google's network does to the add-on, through the production bundle: a white-label
 * host outside the shipped allowlist, bursts of "too many times in a short time", and a
 * fetchAll that fails after some of its requests already reached the workspace.
 */
import { column, importAll, setUp, startAddon, TOKEN, type Addon } from '../support/addon-harness';

const HEADER = ['First Name', 'Mobile'];
function sheet(rows: number): unknown[][] {
  const out: unknown[][] = [HEADER];
  for (let i = 0; i < rows; i++) out.push([`P${i}`, `+60 14-${3_000_000 + i}`]);
  return out;
}

let addon: Addon | null = null;
afterEach(async () => {
  await addon?.stop();
  addon = null;
});

test('a white-label URL outside urlFetchWhitelist: Connect says which prefix to add, and the import stops without retrying', async () => {
  addon = await startAddon({ Contacts: sheet(5) }, ['--seed', 'empty']);
  setUp(addon, { purpose: 'add-update', identifier: 'phone', importTag: null });
  addon.call('saveConnection', { baseUrl: 'https://api.is-messenger.example/v2', token: TOKEN });
  const before = addon.fakes.urlFetch.requests.length;

  const test = addon.call('testConnection');
  expect(test.ok).toBe(false);
  expect(test.message).toContain('"https://api.is-messenger.example/"');
  expect(test.message).toContain('urlFetchWhitelist');
  expect(test.message).toContain('appsscript.json');
  expect(test.message).toMatch(/deploy/i);

  const { progress } = importAll(addon);
  expect(progress.status).toBe('failed');
  expect(progress.message).toContain('"https://api.is-messenger.example/"');
  // Fatal at once: Google refused before sending, and nothing was retried as a network error.
  expect(addon.fakes.urlFetch.requests.length).toBe(before);
  expect(column(addon, 'Import Status')).toEqual(Array(5).fill(''));
  expect(await addon.contacts()).toHaveLength(0);
}, 60_000);

test('"too many times in a short time" is retried with back-off: the import completes, never paused', async () => {
  addon = await startAddon({ Contacts: sheet(30) }, ['--seed', 'empty', '--rate', '1000'], {
    urlFetchBurst: { calls: 2, perMs: 1_000 },
  });
  setUp(addon, { purpose: 'add-update', identifier: 'phone', importTag: null });
  const { progress } = importAll(addon);
  expect(addon.fakes.urlFetch.bursts).toBeGreaterThan(0);
  expect(progress).toMatchObject({ status: 'completed', counts: { imported: 30, errors: 0 } });
  expect(column(addon, 'Import Status')).toEqual(Array(30).fill('Imported'));
  expect(await addon.contacts()).toHaveLength(30);
}, 120_000);

test.each(['add-all', 'add-update'] as const)(
  '%s: fetchAll failing after sending a subset leaves no duplicate contact and every row right',
  async (purpose) => {
    addon = await startAddon({ Contacts: sheet(40) }, ['--seed', 'empty', '--rate', '1000']);
    setUp(addon, { purpose, identifier: 'phone', importTag: null });
    addon.fakes.urlFetch.setFaults({ batchFailureRate: 0.4, seed: 7 });
    const { progress } = importAll(addon);
    expect(addon.fakes.urlFetch.batchFailures).toBeGreaterThan(0);
    expect(progress).toMatchObject({ status: 'completed', counts: { imported: 40, errors: 0 } });
    expect(column(addon, 'Import Status')).toEqual(Array(40).fill('Imported'));

    const contacts = await addon.contacts();
    const phones = contacts.map((c) => c.phone);
    expect(new Set(phones).size).toBe(phones.length);
    expect(contacts).toHaveLength(40);
    // Each row names the contact that holds its phone.
    const idByPhone = new Map(contacts.map((c) => [c.phone, String(c.id)]));
    const ids = column(addon, 'Contact ID').map(String);
    ids.forEach((id, i) => expect(id).toBe(idByPhone.get(`+6014${3_000_000 + i}`)));
  },
  120_000,
);
