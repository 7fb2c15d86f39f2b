/**
 * A fault storm (issue 13): 2,000 rows against a workspace failing 40% of requests, before
 * or after applying them. A row whose tries run out is looked up once before it is called
 * an Error, so no row ends in Error while its contact is in the workspace with its values.
 */
import { demoWorkspace } from '../../emulator/seed';
import type { Sheet } from '../../local/importer';
import { column, emulator, run, settings, type Env } from '../support/import-harness';

const ROWS = 2_000;
const phoneOf = (i: number) => `+4420793${String(10000 + i).slice(-5)}`;

let env: Env;
beforeAll(async () => {
  env = await emulator({ data: demoWorkspace(7, 0) });
});
afterAll(() => env.server.close());

test(`${ROWS} rows in a fault storm: no row left in Error whose contact exists`, async () => {
  await fetch(`${env.server.origin}/__admin/config`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({
      faults: '500:0.12,503:0.08,449:0.05,drop-before:0.05,drop-after:0.1,seed:13',
    }),
  });
  const sheet: Sheet = [['First Name', 'Phone']];
  for (let i = 0; i < ROWS; i++) sheet.push([`Storm ${i}`, phoneOf(i)]);
  const mapping = [
    { header: 'First Name', field: 'firstName' },
    { header: 'Phone', field: 'phone' },
  ];
  const result = await run(
    env,
    sheet,
    settings({ purpose: 'add-update', identifier: 'phone', mapping }),
  );
  const byPhone = new Map((await env.contacts()).map((c) => [c.phone, c]));
  const statuses = column(sheet, 'Import Status');
  const errorsWithContact = statuses
    .map((status, i) => ({ status, contact: byPhone.get(phoneOf(i)) }))
    .filter(({ status, contact }) => status === 'Error' && contact !== undefined);
  expect(result.state.status).toBe('completed');
  expect(errorsWithContact).toEqual([]);
  // Every contact holds its row's name, whatever happened on the way.
  for (let i = 0; i < ROWS; i++) {
    const contact = byPhone.get(phoneOf(i));
    if (contact) expect(contact.firstName).toBe(`Storm ${i}`);
  }
  const stats = (await env.stats()) as unknown as { injected: Record<string, number> };
  console.log(
    `statuses: ${JSON.stringify(result.state.counts)}; injected ${JSON.stringify(stats.injected)}`,
  );
}, 600_000);
