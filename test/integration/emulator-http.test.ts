/**
 * The emulator itself, over real HTTP: it must answer like the platform, or the contract
 * tests prove nothing.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { demoWorkspace } from '../../emulator/seed';
import { DEFAULT_FLAGS } from '../../emulator/config';
import { startEmulator, type EmulatorHandle } from '../../emulator/server';
import { parseFaults } from '../../emulator/faults';
import { startEmulatorProcess } from '../support/emulator-process';

let emu: EmulatorHandle;

beforeAll(async () => {
  emu = await startEmulator({ seed: 'demo' });
});
afterAll(() => emu.close());
beforeEach(() => {
  emu.reset();
  emu.configure({ rate: null, faults: '', flags: DEFAULT_FLAGS });
});

interface Raw {
  status: number;
  headers: Headers;
  json: unknown;
}

async function call(
  method: string,
  path: string,
  body?: unknown,
  token = 'demo-token',
): Promise<Raw> {
  const response = await fetch(`${emu.baseUrl}${path}`, {
    method,
    headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
    body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
  });
  const text = await response.text();
  return {
    status: response.status,
    headers: response.headers,
    json: text === '' ? null : JSON.parse(text),
  };
}

const messageOf = (raw: Raw): string => (raw.json as { message: string }).message;

describe('demo workspace', () => {
  test('is deterministic and holds exactly the two designed look-alike pairs', () => {
    expect(JSON.stringify(demoWorkspace())).toBe(JSON.stringify(demoWorkspace()));
    const contacts = emu.workspace.allContacts();
    expect(contacts.length).toBeGreaterThanOrEqual(300);
    const count = (values: (string | null)[]) => {
      const seen = new Map<string, number>();
      for (const v of values) if (v !== null) seen.set(v, (seen.get(v) ?? 0) + 1);
      return [...seen].filter(([, n]) => n > 1).map(([v]) => v);
    };
    expect(count(contacts.map((c) => c.email))).toEqual(['ismail.family@gmail.com']);
    expect(count(contacts.map((c) => c.phone))).toEqual(['+6562220000']);
    expect(new Set(contacts.map((c) => c.countryCode)).size).toBeGreaterThanOrEqual(6);
    expect(emu.workspace.fields.map((f) => f.dataType).sort()).toEqual(
      ['checkbox', 'date', 'email', 'list', 'number', 'text', 'time', 'url'].sort(),
    );
  });
});

describe('auth and routing', () => {
  test('a missing or wrong token is 401 with the platform error body', async () => {
    const raw = await call('GET', '/contact/id:1001', undefined, 'wrong');
    expect(raw.status).toBe(401);
    expect(raw.json).toEqual({ code: 401, message: expect.any(String) });
  });

  test('an unknown path is a JSON 404', async () => {
    const raw = await call('POST', '/contacts/list', {});
    expect(raw.status).toBe(404);
    expect((raw.json as { code: number }).code).toBe(404);
  });
});

describe('contacts', () => {
  test('GET by id, email (any case, encoded or not) and phone (raw "+" or %2B)', async () => {
    const aisha = emu.workspace.allContacts().find((c) => c.email !== null && c.phone !== null)!;
    for (const path of [
      `/contact/id:${aisha.id}`,
      `/contact/email:${aisha.email!.toUpperCase()}`,
      `/contact/${encodeURIComponent(`email:${aisha.email}`)}`,
      `/contact/phone:${aisha.phone}`,
      `/contact/phone:${aisha.phone!.replace('+', '%2B')}`,
    ]) {
      const raw = await call('GET', path);
      expect(raw.status).toBe(200);
      expect((raw.json as { id: number }).id).toBe(aisha.id);
    }
    expect((await call('GET', '/contact/id:999999')).status).toBe(404);
    expect((await call('GET', '/contact/phone:0123')).status).toBe(400);
    expect((await call('GET', '/contact/name:bob')).status).toBe(400);
  });

  test('create: email:/phone: only, firstName required, answer without id, then visible', async () => {
    expect((await call('POST', '/contact/id:5', { firstName: 'X' })).status).toBe(400);
    const missing = await call('POST', '/contact/email:new@example.com', { lastName: 'Only' });
    expect(missing.status).toBe(400);
    expect(messageOf(missing)).toMatch(/firstName is required/);
    const created = await call('POST', '/contact/email:new@example.com', {
      firstName: 'New',
      countryCode: 'my',
    });
    expect(created.json).toEqual({ code: '200', message: 'Contact added successfully!' });
    const got = await call('GET', '/contact/email:new@example.com');
    expect(got.json).toMatchObject({
      firstName: 'New',
      email: 'new@example.com',
      countryCode: 'MY',
      tags: [],
    });
    expect((got.json as { custom_fields: unknown[] }).custom_fields).toHaveLength(8);
  });

  test('create of an existing contact: 409 by default, a silent duplicate when switched', async () => {
    expect(
      (await call('POST', '/contact/email:ismail.family@gmail.com', { firstName: 'A' })).status,
    ).toBe(409);
    emu.configure({ flags: { createExisting: 'duplicate' } });
    const before = emu.workspace.size;
    expect((await call('POST', '/contact/email:new2@example.com', { firstName: 'A' })).status).toBe(
      200,
    );
    expect((await call('POST', '/contact/email:new2@example.com', { firstName: 'B' })).status).toBe(
      200,
    );
    expect(emu.workspace.size).toBe(before + 2);
  });

  test('update: only the keys sent change; 404 for no contact', async () => {
    const target = emu.workspace.allContacts()[0]!;
    const raw = await call('PUT', `/contact/id:${target.id}`, { lastName: 'Changed' });
    expect(raw.json).toEqual({ contactId: target.id });
    const after = (await call('GET', `/contact/id:${target.id}`)).json as typeof target;
    expect(after).toEqual({ ...target, lastName: 'Changed' });
    expect((await call('PUT', '/contact/id:999999', { lastName: 'x' })).status).toBe(404);
  });

  test('empty string clears by default and is refused when switched; null always clears', async () => {
    const target = emu.workspace.allContacts().find((c) => c.lastName !== null)!;
    await call('PUT', `/contact/id:${target.id}`, { lastName: '' });
    expect(emu.workspace.allContacts().find((c) => c.id === target.id)?.lastName).toBeNull();
    emu.configure({ flags: { emptyString: 'reject' } });
    const refused = await call('PUT', `/contact/id:${target.id}`, { language: '' });
    expect(refused.status).toBe(400);
    expect(messageOf(refused)).toMatch(/must not be an empty string/);
    expect((await call('PUT', `/contact/id:${target.id}`, { language: null })).status).toBe(200);
  });

  test('create_or_update creates then updates, with or without the id in the answer', async () => {
    const first = await call('POST', '/contact/create_or_update/phone:+60199990000', {
      firstName: 'Co',
    });
    const id = (first.json as { contactId: number }).contactId;
    expect(id).toBeGreaterThan(0);
    const second = await call('POST', '/contact/create_or_update/phone:+60199990000', {
      lastName: 'Up',
    });
    expect(second.json).toEqual({ contactId: id });
    emu.configure({ flags: { createOrUpdateReturnsId: false } });
    const third = await call('POST', '/contact/create_or_update/phone:+60199990000', {
      lastName: 'Again',
    });
    expect(third.status).toBe(200);
    expect(third.json).not.toHaveProperty('contactId');
  });
});

describe('validation of custom field values', () => {
  const target = () => `/contact/id:${emu.workspace.allContacts()[0]!.id}`;

  test.each([
    ['Order Count', 'twelve', /must be a number/],
    ['Work Email', 'not-an-email', /must be an email address/],
    ['Website', 'no spaces allowed.com x', /must be a URL/],
    ['Plan', 'Gold', /must be one of: Free, Pro, Enterprise/],
    ['Birthday', '1990-02-30', /yyyy-mm-dd/],
    ['Birthday', '30/01/1990', /yyyy-mm-dd/],
    ['Preferred Time', '24:00', /HH:MM/],
    ['Newsletter', 'yes', /true or false/],
    ['Company', 42, /must be text/],
  ])('%s = %j is refused', async (name, value, message) => {
    const raw = await call('PUT', target(), { custom_fields: [{ name, value }] });
    expect(raw.status).toBe(400);
    expect(messageOf(raw)).toMatch(message);
  });

  test.each([
    ['Order Count', 12],
    ['Work Email', 'jane@work.example'],
    ['Website', 'example.com/about'],
    ['Website', 'https://example.com'],
    ['Plan', 'Enterprise'],
    ['Birthday', '2000-02-29'],
    ['Preferred Time', '23:59'],
    ['Newsletter', true],
    ['Newsletter', 'false'],
  ])('%s = %j is accepted', async (name, value) => {
    expect((await call('PUT', target(), { custom_fields: [{ name, value }] })).status).toBe(200);
  });

  test('an unknown field fails the whole request and changes nothing', async () => {
    const before = emu.workspace.allContacts()[0]!;
    const raw = await call('PUT', target(), {
      lastName: 'Never',
      custom_fields: [
        { name: 'Company', value: 'Nope' },
        { name: 'Shoe Size', value: '42' },
      ],
    });
    expect(raw.status).toBe(400);
    expect(messageOf(raw)).toBe('Custom field "Shoe Size" not found in the workspace.');
    expect(emu.workspace.allContacts()[0]).toEqual(before);
  });

  test('fields by display name then slug; slug only when switched', async () => {
    expect(
      (await call('PUT', target(), { custom_fields: [{ name: 'Order Count', value: 1 }] })).status,
    ).toBe(200);
    expect(
      (await call('PUT', target(), { custom_fields: [{ name: 'order_count', value: 2 }] })).status,
    ).toBe(200);
    emu.configure({ flags: { customFieldName: 'slug-only' } });
    expect(
      (await call('PUT', target(), { custom_fields: [{ name: 'order_count', value: 3 }] })).status,
    ).toBe(200);
    const byName = await call('PUT', target(), {
      custom_fields: [{ name: 'Order Count', value: 4 }],
    });
    expect(byName.status).toBe(400);
    expect(messageOf(byName)).toMatch(/not found in the workspace/);
  });

  test.each([
    ['phone', '0123456789'],
    ['email', 'x@'],
    ['language', 'english'],
    ['countryCode', 'MYS'],
    ['profilePic', 'not a url'],
  ])('standard field %s = %j is refused', async (field, value) => {
    expect((await call('PUT', target(), { [field]: value })).status).toBe(400);
  });
});

describe('tags', () => {
  test('1–10 tags of ≤ 255 characters; add and remove', async () => {
    const path = `/contact/id:${emu.workspace.allContacts()[0]!.id}/tag`;
    expect((await call('POST', path, [])).status).toBe(400);
    expect(
      (
        await call(
          'POST',
          path,
          Array.from({ length: 11 }, (_, i) => `t${i}`),
        )
      ).status,
    ).toBe(400);
    expect((await call('POST', path, ['x'.repeat(256)])).status).toBe(400);
    expect((await call('POST', path, ['alpha', 'beta'])).status).toBe(200);
    expect((await call('DELETE', path, ['alpha'])).status).toBe(200);
    const tags = emu.workspace.allContacts()[0]!.tags;
    expect(tags).toContain('beta');
    expect(tags).not.toContain('alpha');
    expect((await call('POST', '/contact/id:999999/tag', ['x'])).status).toBe(404);
  });
});

const cond = (field: string, value: string) => ({
  category: 'contactField',
  field,
  operator: 'isEqualTo',
  value,
});

describe('list', () => {
  test('pages newest first through cursorId until next is empty', async () => {
    const seen: number[] = [];
    let url = '/contact/list?limit=99';
    for (let i = 0; i < 10 && url !== ''; i++) {
      const raw = await call('POST', url, { search: '', timezone: 'UTC', filter: { $and: [] } });
      const page = raw.json as { items: { id: number }[]; pagination: { next: string } };
      seen.push(...page.items.map((c) => c.id));
      url = page.pagination.next === '' ? '' : page.pagination.next.slice(emu.baseUrl.length);
    }
    expect(seen).toHaveLength(emu.workspace.size);
    expect([...seen].sort((a, b) => b - a)).toEqual(seen);
  });

  test('$or of isEqualTo, email ignoring case unless switched; too many conditions is 400', async () => {
    const filter = {
      $or: [cond('email', 'ISMAIL.FAMILY@gmail.com'), cond('phone', '+6562220000')],
    };
    const raw = await call('POST', '/contact/list?limit=10', { filter });
    expect((raw.json as { items: unknown[] }).items).toHaveLength(4);
    emu.configure({ flags: { emailCaseInsensitive: false } });
    const strict = await call('POST', '/contact/list?limit=10', { filter });
    expect((strict.json as { items: unknown[] }).items).toHaveLength(2);
    emu.configure({ flags: { orLimit: 1 } });
    const tooMany = await call('POST', '/contact/list?limit=10', { filter });
    expect(tooMany.status).toBe(400);
    expect(messageOf(tooMany)).toMatch(/Too many conditions/);
  });

  test('limit outside 1–100 is 400', async () => {
    expect((await call('POST', '/contact/list?limit=101', { filter: { $and: [] } })).status).toBe(
      400,
    );
    expect((await call('POST', '/contact/list?limit=0', { filter: { $and: [] } })).status).toBe(
      400,
    );
  });

  test('custom fields list pages by cursor', async () => {
    const first = await call('GET', '/space/custom_field?limit=5');
    const page = first.json as { items: { name: string }[]; pagination: { next: string } };
    expect(page.items).toHaveLength(5);
    expect(page.pagination.next).toMatch(/cursorId=5$/);
    const second = await call('GET', page.pagination.next.slice(emu.baseUrl.length));
    expect((second.json as { items: unknown[]; pagination: { next: string } }).items).toHaveLength(
      3,
    );
  });
});

describe('rate limit and faults', () => {
  test('X-RateLimit-* on every answer, 429 with whole-second Retry-After beyond the limit', async () => {
    emu.configure({ rate: 3 });
    const answers = [];
    for (let i = 0; i < 7; i++) answers.push(await call('GET', '/contact/id:1001'));
    const statuses = answers.map((a) => a.status);
    // Seven quick calls span at most two windows of 3: at least one is refused.
    expect(statuses.filter((s) => s === 429).length).toBeGreaterThanOrEqual(1);
    expect(answers[0]!.headers.get('x-ratelimit-limit')).toBe('3');
    expect(answers[0]!.headers.get('x-ratelimit-remaining')).toBe('2');
    const limited = answers.find((a) => a.status === 429)!;
    expect(limited.headers.get('retry-after')).toMatch(/^[1-9]\d*$/);
    expect(emu.stats().rateLimited).toBe(statuses.filter((s) => s === 429).length);
    // Another endpoint has its own budget.
    expect((await call('GET', '/space/custom_field')).status).toBe(200);
  });

  test('a fixed sequence of faults, then normal answers', async () => {
    emu.configure({ faults: 'seq:429-449-500-503-ok,retry-after:2' });
    const statuses = [];
    for (let i = 0; i < 6; i++) statuses.push((await call('GET', '/contact/id:1001')).status);
    expect(statuses).toEqual([429, 449, 500, 503, 200, 200]);
    expect(emu.stats().injected).toEqual({ '429': 1, '449': 1, '500': 1, '503': 1 });
  });

  test('drop-after applies the write, then closes the connection unanswered', async () => {
    emu.configure({ faults: 'seq:drop-after' });
    await expect(
      call('POST', '/contact/email:dropped@example.com', { firstName: 'D' }),
    ).rejects.toThrow();
    expect(emu.workspace.allContacts().some((c) => c.email === 'dropped@example.com')).toBe(true);
    expect(emu.stats().statuses.dropped).toBe(1);
  });

  test('drop-before closes the connection and applies nothing', async () => {
    emu.configure({ faults: 'seq:drop-before' });
    await expect(
      call('POST', '/contact/email:never@example.com', { firstName: 'N' }),
    ).rejects.toThrow();
    expect(emu.workspace.allContacts().some((c) => c.email === 'never@example.com')).toBe(false);
  });

  test('list-index lag: a new contact is listed only after the lag; GET sees it at once', async () => {
    emu.configure({ faults: 'lag:400' });
    await call('POST', '/contact/email:lagging@example.com', { firstName: 'L' });
    const filter = { $or: [cond('email', 'lagging@example.com')] };
    expect(
      ((await call('POST', '/contact/list?limit=5', { filter })).json as { items: unknown[] })
        .items,
    ).toHaveLength(0);
    expect((await call('GET', '/contact/email:lagging@example.com')).status).toBe(200);
    await new Promise((r) => setTimeout(r, 450));
    expect(
      ((await call('POST', '/contact/list?limit=5', { filter })).json as { items: unknown[] })
        .items,
    ).toHaveLength(1);
  });

  test('random faults follow their probability, reproducibly with a seed', async () => {
    const run = async () => {
      emu.configure({ faults: '500:0.3,seed:9' });
      const statuses = [];
      for (let i = 0; i < 60; i++) statuses.push((await call('GET', '/contact/id:1001')).status);
      return statuses;
    };
    const first = await run();
    expect(await run()).toEqual(first);
    const errors = first.filter((s) => s === 500).length;
    expect(errors).toBeGreaterThan(5);
    expect(errors).toBeLessThan(35);
  });

  test('fault spec syntax errors say what is wrong', () => {
    expect(parseFaults('500:2')).toEqual({
      ok: false,
      message: expect.stringMatching(/probability must be 0–1/),
    });
    expect(parseFaults('seq:429-boom')).toEqual({
      ok: false,
      message: expect.stringMatching(/seq/),
    });
    expect(parseFaults('explode:1')).toEqual({
      ok: false,
      message: expect.stringMatching(/unknown fault "explode"/),
    });
    expect(parseFaults('500:0.6,503:0.6')).toEqual({
      ok: false,
      message: expect.stringMatching(/more than 1/),
    });
    const spec = parseFaults(
      '500:0.05,429:0.02,drop-after:0.01,latency:20,seq:429-500-503,lag:2000',
    );
    expect(spec.ok && spec.spec).toMatchObject({
      latencyMs: [20, 20],
      sequence: [429, 500, 503],
      lagMs: 2000,
    });
  });
});

describe('admin endpoints', () => {
  const admin = async (method: string, path: string, body?: unknown) => {
    const response = await fetch(`${emu.origin}/__admin/${path}`, {
      method,
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return { status: response.status, json: (await response.json()) as unknown };
  };

  test('reset with a workspace, contacts as the API answers them, stats, config', async () => {
    const reset = await admin('POST', 'reset', {
      customFields: [{ id: 1, name: 'Company', slug: 'company', dataType: 'text' }],
      contacts: [
        {
          id: 7,
          firstName: 'Only',
          email: 'only@example.com',
          custom_fields: [{ name: 'Company', value: 'Acme' }],
        },
      ],
    });
    expect(reset.json).toEqual({ ok: true, contacts: 1 });
    const contacts = (await admin('GET', 'contacts')).json as {
      id: number;
      custom_fields: unknown;
    }[];
    expect(contacts).toEqual([
      expect.objectContaining({ id: 7, custom_fields: [{ name: 'Company', value: 'Acme' }] }),
    ]);
    await call('GET', '/contact/id:7');
    await call('GET', '/contact/id:8');
    const stats = (await admin('GET', 'stats')).json as {
      requests: Record<string, number>;
      statuses: Record<string, number>;
    };
    expect(stats.requests['GET /contact/{id}']).toBe(2);
    expect(stats.statuses).toEqual({ '200': 1, '404': 1 });
    const config = await admin('POST', 'config', {
      rate: 7,
      flags: { orLimit: 5 },
      faults: 'latency:1',
    });
    expect(config.json).toMatchObject({
      rate: 7,
      flags: { orLimit: 5 },
      faults: { latencyMs: [1, 1] },
    });
    expect((await admin('POST', 'config', { faults: 'nonsense:1' })).status).toBe(400);
    expect((await admin('POST', 'reset', { contacts: 'nope' })).status).toBe(400);
    expect(((await admin('POST', 'reset')).json as { contacts: number }).contacts).toBe(
      demoWorkspace().contacts.length,
    );
  });
});

describe('CLI as a child process', () => {
  test('prints its base URL, loads --data, applies flags, saves --save on stop', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'emu-'));
    const data = join(dir, 'in.json');
    const saved = join(dir, 'out.json');
    writeFileSync(
      data,
      JSON.stringify({
        customFields: [
          { id: 3, name: 'Plan', slug: 'plan', dataType: 'list', allowedValues: ['Free', 'Pro'] },
        ],
        contacts: [{ id: 40, firstName: 'Filed', phone: '+60123450000' }],
      }),
    );
    const proc = await startEmulatorProcess([
      '--token',
      'secret',
      '--data',
      data,
      '--save',
      saved,
      '--create-existing',
      'duplicate',
      '--custom-field-name',
      'slug',
    ]);
    try {
      expect(proc.baseUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/v2$/);
      const headers = { Authorization: 'Bearer secret' };
      expect((await fetch(`${proc.baseUrl}/contact/id:40`, { headers })).status).toBe(200);
      expect(
        (
          await fetch(`${proc.baseUrl}/contact/id:40`, {
            headers: { Authorization: 'Bearer demo-token' },
          })
        ).status,
      ).toBe(401);
      const dup = await fetch(`${proc.baseUrl}/contact/phone:+60123450000`, {
        method: 'POST',
        headers,
        body: JSON.stringify({
          firstName: 'Twin',
          custom_fields: [{ name: 'plan', value: 'Pro' }],
        }),
      });
      expect(dup.status).toBe(200);
    } finally {
      await proc.stop();
    }
    const out = JSON.parse(readFileSync(saved, 'utf8')) as { contacts: { firstName: string }[] };
    expect(out.contacts.map((c) => c.firstName)).toEqual(['Filed', 'Twin']);
  }, 120_000);

  test('a bad flag exits with a message instead of starting', async () => {
    await expect(startEmulatorProcess(['--faults', 'boom:1'])).rejects.toThrow(
      /unknown fault "boom"/,
    );
  }, 120_000);
});
