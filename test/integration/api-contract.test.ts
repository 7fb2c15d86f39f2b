/**
 * Contract tests: the client (src/api) against the emulator over real HTTP on 127.0.0.1,
 * with every open point of CONTACT_API.md switched both ways and every fault injected.
 * Asserts what the importer (and so its user) would see.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  addTags,
  byEmail,
  byId,
  byPhone,
  classify,
  createContact,
  createOrUpdateContact,
  customFieldKey,
  customFieldValue,
  DEFAULT_RETRY,
  getContact,
  listContacts,
  listCustomFields,
  Lookup,
  MESSAGES,
  Pacer,
  parseBaseUrl,
  readContact,
  readContactPage,
  readCustomFieldPage,
  readWrite,
  removeTags,
  updateContact,
  type ApiRequest,
  type Contact,
  type CustomFieldDef,
  type ApiIdentifier,
} from '../../src/api';
import { DEFAULT_FLAGS } from '../../emulator/config';
import { startEmulator, type EmulatorHandle } from '../../emulator/server';
import {
  execute,
  executeAll,
  runLookup,
  send,
  virtualClock,
  type Executor,
} from '../support/http-driver';

let emu: EmulatorHandle;
let base: string;
let ex: Executor;

const fastRetry = { ...DEFAULT_RETRY, baseDelayMs: 20, maxDelayMs: 200 };

beforeAll(async () => {
  // A high rate: the headers still teach the pacer, and the tests stay quick.
  emu = await startEmulator({ rate: 1000 });
  const parsed = parseBaseUrl(`${emu.baseUrl}/`);
  if (!parsed.ok) throw new Error(parsed.message);
  base = parsed.baseUrl;
});
afterAll(() => emu.close());
beforeEach(() => {
  emu.reset();
  emu.configure({ rate: 1000, faults: '', flags: DEFAULT_FLAGS });
  ex = { token: 'demo-token', pacer: new Pacer(), random: () => 0.5, policy: fastRetry };
});

async function run(request: ApiRequest) {
  return (await execute(request, ex)).result;
}

async function contactBy(identifier: ApiIdentifier): Promise<Contact> {
  const outcome = readContact(await run(getContact(base, identifier)));
  if (!outcome.ok) throw new Error(outcome.error.message);
  return outcome.value;
}

async function allCustomFields(limit = 3): Promise<CustomFieldDef[]> {
  const fields: CustomFieldDef[] = [];
  let cursor: string | null = null;
  do {
    const page = readCustomFieldPage(
      await run(listCustomFields(base, { limit, cursorId: cursor })),
    );
    if (!page.ok) throw new Error(page.error.message);
    fields.push(...page.value.items);
    cursor = page.value.nextCursor;
  } while (cursor !== null);
  return fields;
}

function field(fields: CustomFieldDef[], name: string): CustomFieldDef {
  const found = fields.find((f) => f.name === name);
  if (!found) throw new Error(`no field ${name}`);
  return found;
}

describe('connecting', () => {
  test('the emulator base URL passes validation (http is fine on 127.0.0.1)', () => {
    expect(base).toBe(emu.baseUrl);
  });

  test('a refused token stops the job with "reconnect"', async () => {
    const result = await send(listCustomFields(base), { token: 'revoked' });
    expect(readCustomFieldPage(result)).toEqual({
      ok: false,
      error: {
        kind: 'fatal',
        status: 401,
        message: 'The API token was refused — reconnect with a valid token.',
      },
    });
  });

  test('a wrong version segment is "not a respond.io API", not "no contacts"', async () => {
    const wrong = base.replace(/\/v2$/, '/v9');
    const result = await send(listContacts(wrong, { filter: { $or: [] } }), {
      token: 'demo-token',
    });
    const page = readContactPage(result);
    expect(!page.ok && page.error).toMatchObject({ kind: 'fatal', message: MESSAGES.notAnApi });
  });

  test('a web server that is not the API is recognised, even on a contact path', async () => {
    const site: Server = createServer((req, res) => {
      res.writeHead(req.url?.includes('contact/') ? 404 : 200, { 'Content-Type': 'text/html' });
      res.end('<!doctype html><h1>Welcome to our site</h1>');
    });
    await new Promise<void>((r) => site.listen(0, '127.0.0.1', r));
    try {
      const siteBase = `http://127.0.0.1:${(site.address() as AddressInfo).port}/v2`;
      for (const outcome of [
        readCustomFieldPage(await send(listCustomFields(siteBase), { token: 't' })),
        readContact(await send(getContact(siteBase, byId(1)), { token: 't' })),
      ]) {
        expect(!outcome.ok && outcome.error.message).toBe(MESSAGES.notAnApi);
      }
    } finally {
      await new Promise((r) => site.close(r));
    }
  });

  test('an unreachable host becomes a transient error, then a message after the tries', async () => {
    const closed = createServer();
    await new Promise<void>((r) => closed.listen(0, '127.0.0.1', r));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((r) => closed.close(r));
    const executed = await execute(getContact(`http://127.0.0.1:${port}/v2`, byId(1)), {
      ...ex,
      policy: { ...fastRetry, maxTries: 2 },
    });
    expect(executed.tries).toBe(2);
    expect(executed.gaveUp?.message).toMatch(
      /^Could not reach the workspace API \(.+\)\. Gave up after 2 tries\.$/,
    );
  });
});

describe('custom fields and writes', () => {
  test('the field list is read across pages, every type known', async () => {
    const fields = await allCustomFields(3);
    expect(fields.map((f) => f.dataType).sort()).toEqual(
      ['checkbox', 'date', 'email', 'list', 'number', 'text', 'time', 'url'].sort(),
    );
    expect(field(fields, 'Plan').allowedValues).toEqual(['Free', 'Pro', 'Enterprise']);
  });

  test.each(['name-or-slug', 'slug-only'] as const)(
    'values of every type are written and read back (custom field names: %s)',
    async (mode) => {
      emu.configure({ flags: { customFieldName: mode } });
      const fields = await allCustomFields();
      const values = [
        { field: field(fields, 'Company'), value: 'Acme' },
        { field: field(fields, 'Order Count'), value: 12 },
        { field: field(fields, 'Work Email'), value: 'aisha@acme.example' },
        { field: field(fields, 'Website'), value: 'acme.example' },
        { field: field(fields, 'Plan'), value: 'Pro' },
        { field: field(fields, 'Birthday'), value: '1990-04-01' },
        { field: field(fields, 'Preferred Time'), value: '09:30' },
        { field: field(fields, 'Newsletter'), value: true },
      ];
      const identifier = byPhone('+60 12-888 0001');
      const created = readWrite(
        await run(
          createContact(base, identifier, {
            firstName: 'Aisha',
            custom_fields: values.map(({ field, value }) => ({
              name: customFieldKey(field),
              value,
            })),
          }),
        ),
      );
      expect(created).toEqual({ ok: true, value: { contactId: null } });
      const contact = await contactBy(identifier);
      for (const { field: def, value } of values)
        expect(customFieldValue(contact, def)).toBe(value);
    },
  );

  test('a display name on a slug-only platform is a row error with the platform message', async () => {
    emu.configure({ flags: { customFieldName: 'slug-only' } });
    const outcome = readWrite(
      await run(
        updateContact(base, byId(1001), { custom_fields: [{ name: 'Order Count', value: 1 }] }),
      ),
    );
    expect(outcome).toEqual({
      ok: false,
      error: {
        kind: 'row',
        reason: 'unknown-field',
        status: 400,
        message: 'Custom field "Order Count" not found in the workspace.',
      },
    });
  });

  test('an invalid value is a row error naming the field', async () => {
    const outcome = readWrite(
      await run(
        updateContact(base, byId(1001), { custom_fields: [{ name: 'plan', value: 'Gold' }] }),
      ),
    );
    expect(!outcome.ok && outcome.error).toEqual({
      kind: 'row',
      reason: 'invalid',
      status: 400,
      message: 'Custom field "Plan" must be one of: Free, Pro, Enterprise.',
    });
  });

  test('updating a contact that does not exist is a row error', async () => {
    const outcome = readWrite(await run(updateContact(base, byId(424242), { lastName: 'X' })));
    expect(!outcome.ok && outcome.error).toMatchObject({
      kind: 'row',
      reason: 'not-found',
      message: MESSAGES.notFound,
    });
  });

  test.each(['clear', 'reject'] as const)(
    'an emptied cell clears the field (platform empty-string: %s)',
    async (mode) => {
      emu.configure({ flags: { emptyString: mode } });
      const before = await contactBy(byId(1001));
      expect(before.lastName).not.toBeNull();
      const outcome = readWrite(
        await run(
          updateContact(base, byId(1001), {
            lastName: '',
            custom_fields: [{ name: 'company', value: '' }],
          }),
        ),
      );
      expect(outcome).toEqual({ ok: true, value: { contactId: 1001 } });
      const after = await contactBy(byId(1001));
      expect(after.lastName).toBeNull();
      expect(after.custom_fields?.find((f) => f.name === 'Company')?.value).toBeNull();
    },
  );

  test('23 tags are added in three calls and removed in two', async () => {
    const tags = Array.from({ length: 23 }, (_, i) => `campaign-${i}`);
    const adds = addTags(base, byId(1001), tags);
    expect(adds).toHaveLength(3);
    for (const r of await executeAll(adds, ex))
      expect(readWrite(r.result)).toEqual({ ok: true, value: { contactId: 1001 } });
    expect((await contactBy(byId(1001))).tags).toEqual(expect.arrayContaining(tags));
    const removes = removeTags(base, byId(1001), tags.slice(0, 11));
    expect(removes).toHaveLength(2);
    await executeAll(removes, ex);
    const left = (await contactBy(byId(1001))).tags ?? [];
    expect(left.filter((t) => t.startsWith('campaign-'))).toHaveLength(12);
  });
});

describe('open points, both ways', () => {
  test.each([true, false])(
    'an email written in capitals is found again on re-import (platform ignores case: %s)',
    async (caseless) => {
      emu.configure({ flags: { emailCaseInsensitive: caseless } });
      await run(
        createContact(base, byEmail('Jane.Doe@Example.COM'), {
          firstName: 'Jane',
          email: 'Jane.Doe@Example.COM',
        }),
      );
      const lookup = new Lookup(base, [byEmail('JANE.DOE@example.com')]);
      await runLookup(lookup, ex);
      expect(lookup.resultFor(byEmail('jane.doe@example.com'))).toMatchObject({
        kind: 'one',
        contact: { email: 'jane.doe@example.com' },
      });
      expect((await contactBy(byEmail('JANE.DOE@EXAMPLE.COM'))).firstName).toBe('Jane');
    },
  );

  test.each(['conflict', 'duplicate'] as const)(
    'create of an existing contact (platform answers: %s): the look-up first sends an update instead',
    async (mode) => {
      emu.configure({ flags: { createExisting: mode } });
      const identifier = byEmail('rachel.goh@globex.example');
      const lookup = new Lookup(base, [identifier]);
      await runLookup(lookup, ex);
      const found = lookup.resultFor(identifier);
      expect(found?.kind).toBe('one');
      const before = emu.workspace.size;
      await run(updateContact(base, identifier, { lastName: 'Goh-Tan' }));
      expect(emu.workspace.size).toBe(before);
      expect((await contactBy(identifier)).lastName).toBe('Goh-Tan');

      // Without the look-up, the two platforms differ — which is why the importer looks up.
      const blind = readWrite(await run(createContact(base, identifier, { firstName: 'Rachel' })));
      if (mode === 'conflict') {
        expect(!blind.ok && blind.error).toMatchObject({ kind: 'row', reason: 'conflict' });
      } else {
        expect(blind.ok).toBe(true);
        const again = new Lookup(base, [identifier]);
        await runLookup(again, ex);
        expect(again.resultFor(identifier)?.kind).toBe('many');
      }
    },
  );

  test.each([true, false])(
    'create_or_update yields the contact id (platform returns it: %s)',
    async (returnsId) => {
      emu.configure({ flags: { createOrUpdateReturnsId: returnsId } });
      const identifier = byPhone('+44 7700 900123');
      const outcome = readWrite(
        await run(createOrUpdateContact(base, identifier, { firstName: 'Oliver' })),
      );
      if (!outcome.ok) throw new Error(outcome.error.message);
      // The documented fallback: no id in the answer → GET by identifier, which is current.
      const id = outcome.value.contactId ?? (await contactBy(identifier)).id;
      expect(outcome.value.contactId === null).toBe(!returnsId);
      const stored = emu.workspace.allContacts().find((c) => c.phone === '+447700900123');
      expect(id).toBe(stored?.id);
    },
  );

  test.each([50, 10, 0])(
    'look-ups give the same answers whatever the $or limit (%i)',
    async (orLimit) => {
      emu.configure({ flags: { orLimit } });
      const known = emu.workspace
        .allContacts()
        .filter((c) => c.email !== null)
        .slice(0, 40);
      const identifiers: ApiIdentifier[] = [
        ...known.map((c) => byEmail(c.email!.toUpperCase())),
        byEmail('ismail.family@gmail.com'),
        byPhone('+65 6222 0000'),
        ...Array.from({ length: 15 }, (_, i) => byEmail(`stranger${i}@example.com`)),
      ];
      const lookup = new Lookup(base, identifiers);
      const { requests } = await runLookup(lookup, ex);
      expect(lookup.fatal).toBeNull();
      for (const c of known) {
        expect(lookup.resultFor(byEmail(c.email!))).toMatchObject({
          kind: 'one',
          contact: { id: c.id },
        });
      }
      expect(lookup.resultFor(byEmail('stranger3@example.com'))).toEqual({ kind: 'none' });
      const gets = requests.filter((r) => r.endpoint === 'GET /contact/{id}').length;
      if (orLimit === 0) {
        // The list filter is unusable: one GET each, and GET cannot see look-alikes.
        expect(gets).toBe(identifiers.length);
        expect(lookup.resultFor(byPhone('+6562220000'))?.kind).toBe('one');
      } else {
        expect(gets).toBe(0);
        expect(lookup.resultFor(byEmail('ismail.family@gmail.com'))).toEqual({
          kind: 'many',
          ids: expect.any(Array),
        });
        expect(lookup.resultFor(byPhone('+6562220000'))).toMatchObject({ kind: 'many' });
        // 57 identifiers: 2 calls at 50; at 10, the refused batches are halved until accepted.
        expect(requests.length).toBeLessThanOrEqual(orLimit === 50 ? 2 : 20);
      }
    },
  );

  test('every demo contact is found by email or phone in a handful of calls; only look-alikes are ambiguous', async () => {
    const contacts = emu.workspace.allContacts();
    const identifiers = contacts
      .filter((c) => c.email !== null || c.phone !== null)
      .map((c) => (c.email !== null ? byEmail(c.email) : byPhone(c.phone!)));
    const lookup = new Lookup(base, identifiers);
    const { requests } = await runLookup(lookup, ex);
    expect(requests.length).toBe(
      Math.ceil(new Set(identifiers.map((i) => `${i.type}:${i.value}`)).size / 50),
    );
    const many = [...lookup.results()].filter(([, r]) => r.kind === 'many').map(([key]) => key);
    expect(many).toEqual(['email:ismail.family@gmail.com']);
    expect([...lookup.results().values()].filter((r) => r.kind === 'one').length).toBe(
      lookup.results().size - 1,
    );
  });
});

describe('what the official clients read and send (issue 13)', () => {
  test.each(['array', 'listValues', 'absent'] as const)(
    'list options given as %s: the whole field list is read',
    async (shape) => {
      emu.configure({ flags: { allowedValues: shape } });
      const fields = await allCustomFields(3);
      expect(fields).toHaveLength(8);
      expect(field(fields, 'Plan').allowedValues ?? null).toEqual(
        shape === 'absent' ? null : ['Free', 'Pro', 'Enterprise'],
      );
    },
  );

  test('a field of a type no client knows is read as text, the rest of the list intact', async () => {
    emu.configure({ flags: { unknownFieldType: true } });
    const fields = await allCustomFields(100);
    expect(fields).toHaveLength(9);
    expect(field(fields, 'Interests')).toMatchObject({
      dataType: 'text',
      declaredType: 'multi_select',
    });
  });

  test.each([true, false])(
    'create_or_update on an existing contact, overwriting names: %s',
    async (overwrite) => {
      emu.configure({ flags: { createOrUpdateOverwrite: overwrite } });
      const before = emu.workspace.allContacts().find((c) => c.firstName && c.email && c.phone);
      if (!before?.phone) throw new Error('no demo contact with a phone');
      const outcome = readWrite(
        await run(
          createOrUpdateContact(base, byPhone(before.phone), {
            firstName: 'Renamed',
            email: 'renamed@example.com',
            language: 'fr',
          }),
        ),
      );
      expect(outcome.ok).toBe(true);
      const after = await contactBy(byId(before.id));
      expect(after.language).toBe('fr');
      expect(after.firstName).toBe(overwrite ? 'Renamed' : before.firstName);
      expect(after.email).toBe(overwrite ? 'renamed@example.com' : before.email);
    },
  );

  test.each([true, false])(
    'create and create_or_update matching the body’s email too: %s',
    async (matchBody) => {
      emu.configure({ flags: { matchBody } });
      const known = emu.workspace.allContacts().find((c) => c.email);
      if (!known?.email) throw new Error('no demo contact with an email');
      const fresh = byPhone('+447700900555');
      const create = readWrite(
        await run(createContact(base, fresh, { firstName: 'X', email: known.email })),
      );
      expect(create.ok ? 'created' : create.error.status).toBe(matchBody ? 409 : 'created');
      if (!matchBody) return;
      const merged = readWrite(
        await run(createOrUpdateContact(base, fresh, { firstName: 'X', email: known.email })),
      );
      expect(merged.ok && merged.value.contactId).toBe(known.id);
    },
  );

  test('create_or_update with an id: identifier (the SDK allows it) updates that contact', async () => {
    const known = emu.workspace.allContacts()[0];
    if (!known) throw new Error('empty demo');
    const outcome = readWrite(
      await run(createOrUpdateContact(base, byId(known.id) as never, { firstName: 'By Id' })),
    );
    expect(outcome.ok && outcome.value.contactId).toBe(known.id);
    expect((await contactBy(byId(known.id))).firstName).toBe('By Id');
    const missing = readWrite(
      await run(createOrUpdateContact(base, byId(99_999_999) as never, { firstName: 'No' })),
    );
    expect(missing.ok ? 'ok' : missing.error.status).toBe(404);
  });

  test('list filters on tags, status and assigneeUserId, and an empty $or, are accepted', async () => {
    const post = async (filter: unknown) => {
      const response = await fetch(`${emu.baseUrl}/contact/list?limit=5`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Authorization: 'Bearer demo-token' },
        body: JSON.stringify({ search: '', timezone: 'utc', filter }),
      });
      return { status: response.status, body: (await response.json()) as { items?: unknown[] } };
    };
    const cond = (field: string, operator: string, value: unknown) => ({
      category: 'contactField',
      field,
      operator,
      value,
    });
    for (const filter of [
      { $or: [] },
      { $and: [cond('tags', 'hasAnyOf', ['vip'])] },
      { $and: [cond('status', 'isEqualTo', 'open')] },
      { $and: [cond('assigneeUserId', 'doesNotExist', null)] },
    ]) {
      const answer = await post(filter);
      expect([JSON.stringify(filter), answer.status]).toEqual([JSON.stringify(filter), 200]);
    }
    expect((await post({ $and: [cond('status', 'isEqualTo', 'open')] })).body.items).toHaveLength(
      5,
    );
  });

  test('a number sent as a string is taken', async () => {
    const fields = await allCustomFields(100);
    const outcome = readWrite(
      await run(
        createContact(base, byPhone('+447700900777'), {
          firstName: 'Num',
          custom_fields: [{ name: field(fields, 'Order Count').name, value: '12' }],
        }),
      ),
    );
    expect(outcome.ok).toBe(true);
    const stored = await contactBy(byPhone('+447700900777'));
    expect(customFieldValue(stored, field(fields, 'Order Count'))).toBe(12);
  });

  test('the documented 449 text is retried until the request goes through', async () => {
    emu.configure({ faults: 'seq:449-449' });
    const { result } = await execute(getContact(base, byPhone('+447700900888')), ex);
    const answer = readContact(result);
    expect(answer.ok ? 'found' : answer.error.status).toBe(404);
    expect(emu.stats().statuses['449']).toBe(2);
  });
});

describe('faults', () => {
  test.each([
    ['seq:500', 2],
    ['seq:503-449', 3],
    ['seq:drop-before', 2],
    ['seq:429,retry-after:0', 2],
  ])('%s: the request is retried and succeeds', async (faults, tries) => {
    emu.configure({ faults });
    const executed = await execute(updateContact(base, byId(1001), { lastName: 'Retried' }), ex);
    expect(executed.tries).toBe(tries);
    expect(readWrite(executed.result)).toEqual({ ok: true, value: { contactId: 1001 } });
    expect(emu.stats().writes).toBe(1);
  });

  test('429 waits the Retry-After the platform asked for before sending again', async () => {
    emu.configure({ faults: 'seq:429,retry-after:1' });
    const clock = virtualClock();
    const executed = await execute(getContact(base, byId(1001)), { ...ex, clock });
    expect(executed.tries).toBe(2);
    // One wait before the second send: the 1 s asked for, plus the pacer's slower spacing.
    expect(clock.waits).toHaveLength(1);
    expect(clock.waits[0]).toBeGreaterThanOrEqual(1000);
    expect(clock.waits[0]).toBeLessThan(1100);
  });

  test('a platform that keeps failing: the row gets a message after the tries', async () => {
    emu.configure({ faults: '449:1' });
    const executed = await execute(getContact(base, byId(1001)), ex);
    expect(executed.tries).toBe(fastRetry.maxTries);
    expect(executed.gaveUp?.message).toBe(
      `The workspace queued this request (Your request is currently in queue, please try again in a few minutes.). Gave up after ${fastRetry.maxTries} tries.`,
    );
  });

  test('a slow answer times out as a transient error', async () => {
    emu.configure({ faults: 'latency:400' });
    const executed = await execute(getContact(base, byId(1001)), {
      ...ex,
      timeoutMs: 100,
      policy: { ...fastRetry, maxTries: 2 },
    });
    expect(executed.gaveUp?.message).toBe(
      'The workspace API did not answer in time. Gave up after 2 tries.',
    );
    // Let the abandoned requests finish server-side, so they do not meet the next test's faults.
    await new Promise((resolve) => setTimeout(resolve, 500));
  });

  test.each(['conflict', 'duplicate'] as const)(
    'drop-after on create (platform on existing: %s): blind retry misleads, a GET first is right',
    async (mode) => {
      emu.configure({ flags: { createExisting: mode }, faults: 'seq:drop-after' });
      const identifier = byEmail('lost.answer@example.com');
      const request = createContact(base, identifier, { firstName: 'Lost' });
      const first = await send(request, { token: 'demo-token' });
      expect(classify(first, { contactPath: true })).toMatchObject({
        ok: false,
        error: { kind: 'transient', status: 0 },
      });
      // The write happened although the client saw a failure. GET (never the lagging list)
      // tells the truth:
      const seen = readContact(await run(getContact(base, identifier)));
      expect(seen.ok && seen.value.firstName).toBe('Lost');
      // …whereas resending the create would be refused, or make a duplicate.
      const resent = readWrite(await run(request));
      const copies = emu.workspace
        .allContacts()
        .filter((c) => c.email === 'lost.answer@example.com');
      if (mode === 'conflict') {
        expect(resent).toMatchObject({ ok: false, error: { kind: 'row', reason: 'conflict' } });
        expect(copies).toHaveLength(1);
      } else {
        expect(copies).toHaveLength(2);
      }
    },
  );

  test('drop-after on create_or_update: resending is safe, one contact', async () => {
    emu.configure({ faults: 'seq:drop-after' });
    const executed = await execute(
      createOrUpdateContact(base, byPhone('+6591234567'), { firstName: 'Once' }),
      ex,
    );
    expect(executed.tries).toBe(2);
    expect(emu.workspace.allContacts().filter((c) => c.phone === '+6591234567')).toHaveLength(1);
  });

  test('random 500s and 503s over 120 writes: every write lands', async () => {
    emu.configure({ faults: '500:0.1,503:0.05,seed:5' });
    const requests = emu.workspace
      .allContacts()
      .slice(0, 120)
      .map((c) => updateContact(base, byId(c.id), { lastName: `Batch-${c.id}` }));
    // Ten tries: a write failing them all (0.15^10) would be a real bug, not bad luck.
    const results = await executeAll(requests, { ...ex, policy: { ...fastRetry, maxTries: 10 } });
    expect(results.filter((r) => !readWrite(r.result).ok)).toEqual([]);
    const stats = emu.stats();
    expect((stats.injected['500'] ?? 0) + (stats.injected['503'] ?? 0)).toBeGreaterThanOrEqual(5);
    expect(
      emu.workspace
        .allContacts()
        .slice(0, 120)
        .every((c) => c.lastName === `Batch-${c.id}`),
    ).toBe(true);
  });

  test('list-index lag: a contact created a moment ago is "none" to a look-up, found by GET', async () => {
    emu.configure({ faults: 'lag:5000' });
    const identifier = byEmail('just.created@example.com');
    await run(createContact(base, identifier, { firstName: 'Fresh' }));
    const lookup = new Lookup(base, [identifier]);
    await runLookup(lookup, ex);
    expect(lookup.resultFor(identifier)).toEqual({ kind: 'none' });
    expect((await contactBy(identifier)).firstName).toBe('Fresh');
  });
});
