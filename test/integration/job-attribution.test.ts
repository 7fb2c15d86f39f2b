/**
 * Statuses from facts, not clocks (issue 13). Contacts appear on a messaging platform on
 * their own (a customer writes in): one created seconds before a run, or while it runs, is
 * someone else's. Add-only leaves it untouched and says Skipped; add-update says Updated and
 * makes the row's values land — also on a platform whose create_or_update keeps a non-empty
 * name or email. A re-run right after a run reports the contacts it finds as Updated.
 */
import { DEMO_FIELDS } from '../../emulator/seed';
import type { BehaviourFlags } from '../../emulator/config';
import type { Contact, HttpRequest } from '../../src/api';
import type { Sheet } from '../../local/sheet';
import { column, emulator, run, settings, TOKEN, type Env } from '../support/import-harness';

const FIVE_SECONDS_AGO = () => Math.floor(Date.now() / 1000) - 5;

const mapping = [
  { header: 'First Name', field: 'firstName' },
  { header: 'Phone', field: 'phone' },
  { header: 'Email', field: 'email' },
];

/** R2 is the contact that exists (or appears); R3 is new. */
function sheet(): Sheet {
  return [
    ['First Name', 'Phone', 'Email'],
    ['Sheet Name', '+60123456789', 'sheet@example.com'],
    ['Brand New', '+60198765432', 'new@example.com'],
  ];
}

/** The customer who wrote in: same phone as R2, their own name and email. */
const WALK_IN = { firstName: 'Walk In', phone: '+60123456789', email: 'walkin@example.com' };

let env: Env;
beforeAll(async () => {
  env = await emulator({ data: { customFields: DEMO_FIELDS, contacts: [] } });
});
afterAll(() => env.server.close());

async function reset(contacts: object[], flags: Partial<BehaviourFlags> = {}) {
  const post = (path: string, body: unknown) =>
    fetch(`${env.server.origin}${path}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(body),
    });
  await post('/__admin/reset', { customFields: DEMO_FIELDS, contacts });
  await post('/__admin/config', {
    flags: { createOrUpdateOverwrite: true, matchBody: false, ...flags },
  });
}

/** The contact of the walk-in, as the workspace holds it. */
async function walkIn(): Promise<Contact | undefined> {
  return (await env.contacts()).find((c) => c.phone === WALK_IN.phone);
}

/**
 * The workspace connection, except that the walk-in writes in (is created through the API,
 * as a channel would) just before the run's first write about them goes out: after the
 * run's look-up said "no such contact".
 */
function withWalkInDuringRun(): Env['connection'] {
  let created = false;
  return {
    baseUrl: env.connection.baseUrl,
    async send(request: HttpRequest) {
      const writes = request.method !== 'GET' && !request.url.includes('/contact/list');
      if (!created && writes && decodeURIComponent(request.url).includes(WALK_IN.phone)) {
        created = true;
        const made = await fetch(`${env.server.baseUrl}/contact/phone:${WALK_IN.phone}`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${TOKEN}` },
          body: JSON.stringify(WALK_IN),
        });
        expect(made.status).toBe(200);
      }
      return env.connection.send(request);
    },
  };
}

describe('a contact created 5 s before the run', () => {
  const existing = () => [{ id: 7, ...WALK_IN, tags: [], created_at: FIVE_SECONDS_AGO() }];

  test('add-only: Skipped, and the contact is left untouched', async () => {
    await reset(existing());
    const s = sheet();
    const result = await run(env, s, settings({ purpose: 'add', identifier: 'phone', mapping }));
    expect(column(s, 'Import Status')).toEqual(['Skipped', 'Imported']);
    expect(column(s, 'Contact ID')[0]).toBe(7);
    expect(await walkIn()).toMatchObject({ firstName: 'Walk In', email: 'walkin@example.com' });
    expect(result.state.counts).toMatchObject({ imported: 1, skipped: 1, updated: 0 });
  });

  test('add-update: Updated, with the row’s values', async () => {
    await reset(existing());
    const s = sheet();
    await run(env, s, settings({ purpose: 'add-update', identifier: 'phone', mapping }));
    expect(column(s, 'Import Status')).toEqual(['Updated', 'Imported']);
    expect(await walkIn()).toMatchObject({ firstName: 'Sheet Name', email: 'sheet@example.com' });
  });
});

describe('a contact created while the run runs (after its look-up)', () => {
  test('add-only: Skipped, nothing written to it', async () => {
    await reset([]);
    const s = sheet();
    await run(env, s, settings({ purpose: 'add', identifier: 'phone', mapping }), {
      connection: withWalkInDuringRun(),
    });
    expect(column(s, 'Import Status')).toEqual(['Skipped', 'Imported']);
    expect(column(s, 'Error')[0]).toMatch(/appeared during the import/);
    const contact = await walkIn();
    expect(column(s, 'Contact ID')[0]).toBe(contact?.id);
    expect(contact).toMatchObject({ firstName: 'Walk In', email: 'walkin@example.com' });
  });

  test('add-update: Updated, and the row’s values landed', async () => {
    await reset([]);
    const s = sheet();
    await run(env, s, settings({ purpose: 'add-update', identifier: 'phone', mapping }), {
      connection: withWalkInDuringRun(),
    });
    expect(column(s, 'Import Status')).toEqual(['Updated', 'Imported']);
    expect(await walkIn()).toMatchObject({ firstName: 'Sheet Name', email: 'sheet@example.com' });
  });

  test('add-update on a platform whose create_or_update keeps names: a PUT makes them land', async () => {
    await reset([], { createOrUpdateOverwrite: false });
    const s = sheet();
    await run(env, s, settings({ purpose: 'add-update', identifier: 'phone', mapping }), {
      connection: withWalkInDuringRun(),
    });
    expect(column(s, 'Import Status')).toEqual(['Updated', 'Imported']);
    expect(await walkIn()).toMatchObject({ firstName: 'Sheet Name', email: 'sheet@example.com' });
  });

  test('add-update on a platform matching the body’s email: the contact found that way is Updated', async () => {
    // The walk-in wrote in by email; the row's phone is new, so the look-up by phone missed.
    await reset([{ id: 9, firstName: 'Mail Only', email: 'sheet@example.com', created_at: 1 }], {
      matchBody: true,
    });
    const s = sheet();
    await run(env, s, settings({ purpose: 'add-update', identifier: 'phone', mapping }));
    expect(column(s, 'Import Status')).toEqual(['Updated', 'Imported']);
    expect(column(s, 'Contact ID')[0]).toBe(9);
    expect((await env.contacts()).find((c) => c.id === 9)).toMatchObject({
      firstName: 'Sheet Name',
      phone: '+60123456789',
    });
  });
});

test('a re-run started right after a run reports what it finds as Updated, not Imported', async () => {
  await reset([]);
  const input = settings({ purpose: 'add-update', identifier: 'phone', mapping });
  const first = sheet();
  await run(env, first, input);
  expect(column(first, 'Import Status')).toEqual(['Imported', 'Imported']);
  // The same list again (a fresh copy, no status columns), seconds later.
  const again = sheet();
  const result = await run(env, again, input);
  expect(column(again, 'Import Status')).toEqual(['Updated', 'Updated']);
  expect(result.state.counts).toMatchObject({ imported: 0, updated: 2 });
});
