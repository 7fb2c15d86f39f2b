/**
 * Every purpose × identifier × Do Not Overwrite combination against the emulator: the
 * statuses PRODUCT.md prescribes and what the workspace holds afterwards.
 */
import { DEMO_FIELDS } from '../../emulator/seed';
import type { Contact } from '../../src/api';
import type { Sheet } from '../../local/sheet';
import { column, emulator, run, settings, type Env } from '../support/import-harness';

const OLD = 1_600_000_000; // created long before any run

function workspace() {
  return {
    customFields: DEMO_FIELDS,
    contacts: [
      {
        id: 101,
        firstName: 'Aisha',
        lastName: null,
        phone: '+60123456789',
        email: 'aisha@example.com',
        tags: ['old'],
        custom_fields: [{ name: 'Company', value: 'Acme' }],
        created_at: OLD,
      },
      {
        id: 102,
        firstName: 'Dup',
        lastName: 'One',
        phone: '+60199999991',
        email: 'dup@example.com',
        tags: [],
        created_at: OLD,
      },
      {
        id: 103,
        firstName: 'Dup',
        lastName: 'Two',
        phone: '+60199999992',
        email: 'dup@example.com',
        tags: [],
        created_at: OLD,
      },
    ],
  };
}

/** R1 matches contact 101, R2 is new, R3 matches two contacts by email. */
function sheet(): Sheet {
  return [
    ['Contact ID', 'First Name', 'Last Name', 'Mobile', 'Email', 'Company'],
    [101, 'Aisha2', 'Rahman', '+60 12-345 6789', 'Aisha@Example.com', ''],
    [99999, 'Budi', 'Santoso', '+62 812 3456 7890', 'budi@example.com', 'Globex'],
    [102, 'Chen', 'Wei', '+60 19-999 9993', 'dup@example.com', 'Initech'],
  ];
}

const mapping = [
  { header: 'Contact ID', field: 'contactId' },
  { header: 'First Name', field: 'firstName' },
  { header: 'Last Name', field: 'lastName' },
  { header: 'Mobile', field: 'phone' },
  { header: 'Email', field: 'email' },
  { header: 'Company', field: 'custom:Company' },
];

let env: Env;
beforeAll(async () => {
  env = await emulator({ data: workspace() });
});
afterAll(() => env.server.close());
beforeEach(async () => {
  await fetch(`${env.server.origin}/__admin/reset`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(workspace()),
  });
});

const byId = (contacts: Contact[], id: number) => contacts.find((c) => c.id === id);
const company = (c: Contact | undefined) =>
  c?.custom_fields?.find((f) => f.name === 'Company')?.value ?? null;

type Case = [
  purpose: 'add' | 'update' | 'add-update',
  identifier: 'phone' | 'email' | 'id',
  dno: boolean,
  statuses: string[],
];
const cases: Case[] = [
  ['add', 'phone', false, ['Skipped', 'Imported', 'Imported']],
  ['add', 'email', false, ['Skipped', 'Imported', 'Error']],
  ['update', 'phone', false, ['Updated', 'Skipped', 'Skipped']],
  ['update', 'phone', true, ['Updated', 'Skipped', 'Skipped']],
  ['update', 'email', false, ['Updated', 'Skipped', 'Error']],
  ['update', 'email', true, ['Updated', 'Skipped', 'Error']],
  ['update', 'id', false, ['Updated', 'Skipped', 'Updated']],
  ['update', 'id', true, ['Updated', 'Skipped', 'Updated']],
  ['add-update', 'phone', false, ['Updated', 'Imported', 'Imported']],
  ['add-update', 'phone', true, ['Updated', 'Imported', 'Imported']],
  ['add-update', 'email', false, ['Updated', 'Imported', 'Error']],
  ['add-update', 'email', true, ['Updated', 'Imported', 'Error']],
];

test.each(cases)('%s by %s, do not overwrite %s', async (purpose, identifier, dno, statuses) => {
  const s = sheet();
  const usedMapping =
    identifier === 'id' ? mapping : mapping.filter((m) => m.field !== 'contactId');
  const result = await run(
    env,
    s,
    settings({ purpose, identifier, doNotOverwrite: dno, mapping: usedMapping, tags: ['sheet'] }),
  );
  expect(column(s, 'Import Status')).toEqual(statuses);
  expect(result.state.status).toBe('completed');
  const contacts = await env.contacts();
  const aisha = byId(contacts, 101);

  if (statuses[0] === 'Updated') {
    if (dno) {
      // Only empty workspace fields are filled; new tags are added to the old ones.
      expect(aisha).toMatchObject({ firstName: 'Aisha', lastName: 'Rahman' });
      expect(company(aisha)).toBe('Acme');
      expect(aisha?.tags).toEqual(expect.arrayContaining(['old', 'sheet']));
    } else {
      // The sheet's values replace the workspace's; the empty Company cell clears it.
      expect(aisha).toMatchObject({ firstName: 'Aisha2', lastName: 'Rahman' });
      expect(company(aisha)).toBeNull();
      expect(aisha?.tags).toEqual(expect.arrayContaining(['old', 'sheet']));
    }
    expect(column(s, 'Contact ID')[0]).toBe(101);
  } else {
    expect(aisha).toMatchObject({ firstName: 'Aisha', lastName: null });
    expect(aisha?.tags).toEqual(['old']);
  }

  const budi = contacts.find((c) => c.email === 'budi@example.com');
  if (statuses[1] === 'Imported') {
    expect(budi).toMatchObject({ firstName: 'Budi', phone: '+6281234567890' });
    expect(company(budi)).toBe('Globex');
    expect(budi?.tags).toEqual(['sheet']);
    expect(column(s, 'Contact ID')[1]).toBe(budi?.id);
  } else {
    expect(budi).toBeUndefined();
    expect(column(s, 'Error')[1]).toMatch(/not in the workspace/);
  }
  if (statuses[2] === 'Error') expect(column(s, 'Error')[2]).toMatch(/matches 2 contacts/);
  // Nothing created twice.
  const emails = contacts.map((c) => c.email).filter((e) => e !== 'dup@example.com');
  expect(new Set(emails).size).toBe(emails.length);
});

test('add all despite duplicates creates every valid row; the platform refuses exact repeats', async () => {
  const s = sheet();
  const result = await run(
    env,
    s,
    settings({
      purpose: 'add-all',
      identifier: null,
      mapping: mapping.filter((m) => m.field !== 'contactId'),
    }),
  );
  expect(column(s, 'Import Status')).toEqual(['Error', 'Imported', 'Imported']);
  expect(column(s, 'Error')[0]).toMatch(/already exists/i);
  expect(result.state.counts).toEqual({ imported: 2, updated: 0, skipped: 0, errors: 1 });
  expect((await env.contacts()).filter((c) => c.email === 'dup@example.com')).toHaveLength(3);
});

test('add all on a platform that allows duplicates creates them', async () => {
  await fetch(`${env.server.origin}/__admin/config`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ flags: { createExisting: 'duplicate' } }),
  });
  try {
    const s = sheet();
    await run(
      env,
      s,
      settings({
        purpose: 'add-all',
        identifier: null,
        mapping: mapping.filter((m) => m.field !== 'contactId'),
      }),
    );
    expect(column(s, 'Import Status')).toEqual(['Imported', 'Imported', 'Imported']);
    expect((await env.contacts()).filter((c) => c.phone === '+60123456789')).toHaveLength(2);
  } finally {
    await fetch(`${env.server.origin}/__admin/config`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ flags: { createExisting: '409' } }),
    });
  }
});
