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
