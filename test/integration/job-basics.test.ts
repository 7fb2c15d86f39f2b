import { column, emulator, run, settings, type Env } from '../support/import-harness';

let env: Env;
beforeAll(async () => {
  env = await emulator();
});
afterAll(() => env.server.close());

const mapping = [
  { header: 'First Name', field: 'firstName' },
  { header: 'Last Name', field: 'lastName' },
  { header: 'Mobile', field: 'phone' },
  { header: 'Email', field: 'email' },
  { header: 'Plan', field: 'custom:Plan' },
];

test('add and update: new rows are created, a bad row fails in place', async () => {
  const sheet = [
    ['First Name', 'Last Name', 'Mobile', 'Email', 'Plan'],
    ['Aisha', 'Rahman', '+60 12-345 6789', 'aisha@example.com', 'pro'],
    ['Budi', 'Santoso', '+62 812 3456 7890', 'budi@example.com', 'Free'],
    ['', 'Nobody', '+60 12-999 0000', 'x@example.com', 'Free'],
  ];
  const s = settings({ purpose: 'add-update', identifier: 'phone', mapping, tags: ['vip'] });
  const result = await run(env, sheet, s);
  expect(column(sheet, 'Import Status')).toEqual(['Imported', 'Imported', 'Error']);
  expect(column(sheet, 'Error')[2]).toMatch(/First Name/);
  const contacts = await env.contacts();
  const aisha = contacts.find((c) => c.phone === '+60123456789');
  expect(aisha).toMatchObject({ firstName: 'Aisha', email: 'aisha@example.com' });
  expect(aisha?.tags).toEqual(['vip']);
  expect(column(sheet, 'Contact ID')[0]).toBe(aisha?.id);
  expect(result.state.status).toBe('completed');
  expect(result.state.counts).toEqual({ imported: 2, updated: 0, skipped: 0, errors: 1 });

  // Second run: nothing changed, nothing is sent.
  await env.resetStats();
  const again = await run(env, sheet, s);
  expect(again.run.unchanged).toBe(2);
  expect(again.run.work).toHaveLength(0);

  // Edit one row: only it goes, and it is an update.
  sheet[1]![1] = 'Rahman-Ali';
  const third = await run(env, sheet, s);
  expect(third.run.work.map((w) => w.row)).toEqual([2]);
  expect(column(sheet, 'Import Status')[0]).toBe('Updated');
  const updated = (await env.contacts()).find((c) => c.phone === '+60123456789');
  expect(updated?.lastName).toBe('Rahman-Ali');
});

describe('what a run of new contacts costs', () => {
  // The daily UrlFetch quota (20,000 for a Google account) is the add-on's scarcest
  // resource: a create answers without the contact's id, and learning it with a GET per
  // row made every tagged row cost three requests.
  const rows = (n: number, offset: number) => [
    ['First Name', 'Last Name', 'Mobile', 'Email', 'Plan'],
    ...Array.from({ length: n }, (_, i) => [
      `Person${i}`,
      'Costa',
      `+4420${String(71_000_000 + offset + i)}`,
      `cost${offset + i}@example.com`,
      'Free',
    ]),
  ];

  test('tagged: one create and one tag call per row, and every row gets its Contact ID', async () => {
    const sheet = rows(60, 0);
    await env.resetStats();
    const s = settings({ purpose: 'add-update', identifier: 'phone', mapping, tags: ['vip'] });
    await run(env, sheet, s);
    const { requests } = await env.stats();
    expect(column(sheet, 'Import Status')).toEqual(Array(60).fill('Imported'));
    expect(requests['POST /contact/{id}']).toBe(60);
    expect(requests['POST /contact/{id}/tag']).toBe(60);
    expect(requests['GET /contact/{id}'] ?? 0).toBe(0);
    const contacts = await env.contacts();
    const ids = column(sheet, 'Contact ID');
    sheet.slice(1).forEach((row, i) => {
      const contact = contacts.find((c) => c.phone === row[2]!.replace(/\s/g, ''));
      expect(contact?.tags).toEqual(['vip']);
      expect(ids[i]).toBe(contact?.id);
    });
  });

  test('a platform whose tag answers carry no id: one GET per row learns it', async () => {
    env.server.configure({ flags: { tagReturnsId: false } });
    try {
      const sheet = rows(20, 2000);
      await env.resetStats();
      const s = settings({ purpose: 'add', identifier: 'phone', mapping, tags: ['vip'] });
      await run(env, sheet, s);
      const contacts = await env.contacts();
      const ids = column(sheet, 'Contact ID');
      sheet.slice(1).forEach((row, i) => {
        expect(ids[i]).toBe(contacts.find((c) => c.phone === row[2])?.id);
      });
      expect((await env.stats()).requests['GET /contact/{id}']).toBe(20);
    } finally {
      env.server.configure({ flags: { tagReturnsId: true } });
    }
  });

  test('untagged: the Contact ID is still learned for every created row', async () => {
    const sheet = rows(60, 1000);
    const s = settings({ purpose: 'add', identifier: 'phone', mapping, tags: [] });
    await run(env, sheet, s);
    const contacts = await env.contacts();
    const ids = column(sheet, 'Contact ID');
    sheet.slice(1).forEach((row, i) => {
      expect(ids[i]).toBe(contacts.find((c) => c.phone === row[2])?.id);
    });
  });
});
