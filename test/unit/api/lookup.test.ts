import {
  byEmail,
  byId,
  byPhone,
  apiIdentifierKey,
  Lookup,
  type ApiRequest,
  type HttpResult,
  type LookupResult,
} from '../../../src/api';

const BASE = 'https://api.respond.io/v2';

interface FakeContact {
  id: number;
  firstName: string;
  email: string | null;
  phone: string | null;
}

const CONTACTS: FakeContact[] = [
  { id: 1, firstName: 'Aisha', email: 'Aisha@Example.com', phone: '+60123456789' },
  { id: 2, firstName: 'Ahmad', email: 'family@example.com', phone: '+60111111111' },
  { id: 3, firstName: 'Siti', email: 'family@example.com', phone: '+60122222222' },
  // Stored with formatting: still the same E.164 number.
  { id: 4, firstName: 'Rachel', email: null, phone: '+65 6222 0000' },
  { id: 5, firstName: 'Marcus', email: 'marcus@example.com', phone: '+6562220000' },
];

function json(status: number, body: unknown): HttpResult {
  return { status, headers: {}, body: JSON.stringify(body) };
}

/**
 * Answers list and get requests over CONTACTS like a lenient platform: caseless email, and
 * phones compared without their spaces (so it returns contact 4, stored with formatting).
 */
function fakeServer(options: { orLimit?: number; listBroken?: boolean } = {}) {
  const calls: ApiRequest[] = [];
  const answer = (request: ApiRequest): HttpResult => {
    calls.push(request);
    if (request.endpoint === 'GET /contact/{id}') {
      const key = decodeURIComponent(request.url.slice(`${BASE}/contact/`.length));
      const [type, value] = [key.slice(0, key.indexOf(':')), key.slice(key.indexOf(':') + 1)];
      const found = CONTACTS.find((c) =>
        type === 'id'
          ? String(c.id) === value
          : type === 'email'
            ? c.email?.toLowerCase() === value
            : c.phone === value,
      );
      return found
        ? json(200, { ...found, custom_fields: [] })
        : json(404, { code: 404, message: 'Contact not found' });
    }
    const body = JSON.parse(request.body ?? '{}') as {
      filter: { $or: { field: string; value: string }[] };
    };
    const conditions = body.filter.$or;
    if (options.listBroken || conditions.length > (options.orLimit ?? 50)) {
      return json(400, { code: 400, message: 'Too many conditions' });
    }
    const limit = Number(/limit=(\d+)/.exec(request.url)?.[1]);
    const cursor = /cursorId=(\d+)/.exec(request.url)?.[1];
    const matching = CONTACTS.filter((c) =>
      conditions.some((cond) =>
        cond.field === 'email'
          ? c.email?.toLowerCase() === cond.value.toLowerCase()
          : c.phone?.replace(/\s/g, '') === cond.value,
      ),
    )
      .sort((a, b) => b.id - a.id)
      .filter((c) => cursor === undefined || c.id < Number(cursor));
    const items = matching.slice(0, limit);
    const last = items[items.length - 1];
    const next =
      matching.length > limit && last
        ? `${BASE}/contact/list?limit=${limit}&cursorId=${last.id}`
        : '';
    return json(200, {
      items: items.map((c) => ({ ...c, custom_fields: [] })),
      pagination: { next, previous: '' },
    });
  };
  return { calls, answer };
}

/** Runs a look-up to the end against `server`, answering each batch in order. */
function run(
  lookup: Lookup,
  answer: (request: ApiRequest) => HttpResult,
): Map<string, LookupResult> {
  for (let round = 0; !lookup.done; round++) {
    if (round > 100) throw new Error('look-up does not end');
    const batch = lookup.next();
    expect(batch.length).toBeGreaterThan(0);
    for (const { tag, request } of batch) lookup.accept(tag, answer(request), 0);
  }
  return lookup.results();
}

describe('Lookup', () => {
  test('one list call finds many identifiers; emails ignore case, phones compare as E.164', () => {
    const server = fakeServer();
    const lookup = new Lookup(BASE, [
      byEmail('AISHA@example.com'),
      byEmail('family@example.com'),
      byPhone('+65 6222 0000'),
      byEmail('nobody@example.com'),
    ]);
    const results = run(lookup, server.answer);
    expect(server.calls).toHaveLength(1);
    expect(server.calls[0]?.endpoint).toBe('POST /contact/list');
    expect(results.get('email:aisha@example.com')).toEqual({
      kind: 'one',
      contact: expect.objectContaining({ id: 1 }),
    });
    expect(results.get('email:family@example.com')).toEqual({ kind: 'many', ids: [2, 3] });
    // Contact 4 is stored as "+65 6222 0000": our own matching must still attribute it.
    expect(results.get('phone:+6562220000')).toEqual({ kind: 'many', ids: [4, 5] });
    expect(results.get('email:nobody@example.com')).toEqual({ kind: 'none' });
  });

  test('identifiers are batched by perCall (default and maximum 50) and duplicates asked once', () => {
    const emails = Array.from({ length: 120 }, (_, i) => byEmail(`person${i}@example.com`));
    const lookup = new Lookup(BASE, [...emails, byEmail('PERSON0@example.com')]);
    const sizes = lookup
      .next()
      .map(({ request }) => JSON.parse(request.body ?? '').filter.$or.length);
    expect(sizes).toEqual([50, 50, 20]);
    const small = new Lookup(BASE, emails, { perCall: 500 }).next();
    expect(small).toHaveLength(3);
    expect(new Lookup(BASE, emails, { perCall: 7 }).next()).toHaveLength(18);
  });

  test('contact ids are looked up with GET, one each', () => {
    const server = fakeServer();
    const results = run(
      new Lookup(BASE, [byId(3), byId(99), byEmail('marcus@example.com')]),
      server.answer,
    );
    expect(server.calls.map((c) => c.endpoint).sort()).toEqual([
      'GET /contact/{id}',
      'GET /contact/{id}',
      'POST /contact/list',
    ]);
    expect(results.get('id:3')).toEqual({
      kind: 'one',
      contact: expect.objectContaining({ firstName: 'Siti' }),
    });
    expect(results.get('id:99')).toEqual({ kind: 'none' });
  });

  test('a full page is followed by the next one, and matches across pages add up', () => {
    const server = fakeServer();
    const lookup = new Lookup(
      BASE,
      [byEmail('family@example.com'), byEmail('aisha@example.com'), byPhone('+6562220000')],
      { pageSize: 2 },
    );
    const results = run(lookup, server.answer);
    expect(server.calls.map((c) => c.url)).toEqual([
      `${BASE}/contact/list?limit=2`,
      `${BASE}/contact/list?limit=2&cursorId=4`,
      `${BASE}/contact/list?limit=2&cursorId=2`,
    ]);
    expect(results.get('email:family@example.com')).toEqual({ kind: 'many', ids: [2, 3] });
    expect(results.get('email:aisha@example.com')?.kind).toBe('one');
  });

  test('a refused batch is split until the platform accepts it, and later batches are smaller', () => {
    const server = fakeServer({ orLimit: 10 });
    const emails = Array.from({ length: 60 }, (_, i) => byEmail(`p${i}@example.com`));
    const results = run(new Lookup(BASE, [...emails, byEmail('aisha@example.com')]), server.answer);
    expect(results.get('email:aisha@example.com')?.kind).toBe('one');
    expect([...results.values()].filter((r) => r.kind === 'none')).toHaveLength(60);
    expect(server.calls.every((c) => c.endpoint === 'POST /contact/list')).toBe(true);
    // 61 identifiers at ≤ 10 a call cannot take fewer than 7 accepted calls; halving wastes a few.
    const accepted = server.calls.filter((c) => JSON.parse(c.body ?? '').filter.$or.length <= 10);
    expect(accepted.length).toBeGreaterThanOrEqual(7);
    expect(server.calls.length).toBeLessThan(20);
  });

  test('the batch size learned from a refusal is exposed for the next look-up', () => {
    const server = fakeServer({ orLimit: 10 });
    const lookup = new Lookup(
      BASE,
      Array.from({ length: 40 }, (_, i) => byEmail(`p${i}@example.com`)),
    );
    run(lookup, server.answer);
    expect(lookup.perCall).toBeLessThanOrEqual(10);
    expect(lookup.getOnly).toBe(false);
  });

  test('when the list filter is refused even for one identifier, every identifier falls back to GET', () => {
    const server = fakeServer({ listBroken: true });
    const lookup = new Lookup(BASE, [
      byEmail('aisha@example.com'),
      byEmail('nobody@example.com'),
      byPhone('+60111111111'),
    ]);
    const results = run(lookup, server.answer);
    expect(results.get('email:aisha@example.com')?.kind).toBe('one');
    expect(results.get('email:nobody@example.com')).toEqual({ kind: 'none' });
    expect(results.get('phone:+60111111111')).toEqual({
      kind: 'one',
      contact: expect.objectContaining({ id: 2 }),
    });
    const gets = server.calls.filter((c) => c.endpoint === 'GET /contact/{id}');
    expect(gets).toHaveLength(3);
    // What was learned carries over to the next look-up of the job: no list call wasted.
    expect(lookup.getOnly).toBe(true);
    const next = new Lookup(BASE, [byEmail('marcus@example.com')], { getOnly: true });
    expect(next.next().map((r) => r.request.endpoint)).toEqual(['GET /contact/{id}']);
  });

  test('a fatal answer ends the look-up with the error and no more requests', () => {
    const lookup = new Lookup(BASE, [byEmail('a@example.com'), byId(1)]);
    const batch = lookup.next();
    lookup.accept(batch[0]!.tag, json(401, { code: 401, message: 'Unauthorized' }));
    expect(lookup.done).toBe(true);
    expect(lookup.fatal?.message).toBe('The API token was refused — reconnect with a valid token.');
    expect(lookup.next()).toEqual([]);
  });

  test('a 404 on the list path is a wrong base URL, not "no contacts"', () => {
    const lookup = new Lookup(BASE, [byEmail('a@example.com')]);
    lookup.accept(lookup.next()[0]!.tag, {
      status: 404,
      headers: {},
      body: '<html>Not Found</html>',
    });
    expect(lookup.fatal?.message).toMatch(/does not look like a respond\.io API/);
  });

  test('giving up on a request leaves its identifiers with an error, the rest goes on', () => {
    const server = fakeServer();
    const lookup = new Lookup(BASE, [byEmail('aisha@example.com'), byId(2)]);
    const batch = lookup.next();
    const list = batch.find((b) => b.request.endpoint === 'POST /contact/list')!;
    const get = batch.find((b) => b.request.endpoint === 'GET /contact/{id}')!;
    lookup.giveUp(
      list.tag,
      'The workspace had a temporary problem (HTTP 503). Gave up after 5 tries.',
    );
    lookup.accept(get.tag, server.answer(get.request));
    expect(lookup.done).toBe(true);
    expect(lookup.resultFor(byEmail('Aisha@example.com'))).toEqual({
      kind: 'error',
      message: 'The workspace had a temporary problem (HTTP 503). Gave up after 5 tries.',
    });
    expect(lookup.resultFor(byId(2))?.kind).toBe('one');
  });

  test('requests are handed out once; `max` limits a batch', () => {
    const emails = Array.from({ length: 150 }, (_, i) => byEmail(`p${i}@example.com`));
    const lookup = new Lookup(BASE, emails);
    expect(lookup.next(2)).toHaveLength(2);
    expect(lookup.next()).toHaveLength(1);
    expect(lookup.next()).toHaveLength(0);
    expect(lookup.done).toBe(false);
  });

  test('the state is JSON and a resumed look-up finishes the job', () => {
    const server = fakeServer();
    const lookup = new Lookup(
      BASE,
      [byEmail('family@example.com'), byId(5), byPhone('+60123456789')],
      { pageSize: 1 },
    );
    const first = lookup.next();
    for (const { tag, request } of first) lookup.accept(tag, server.answer(request));
    const resumed = Lookup.fromJSON(JSON.parse(JSON.stringify(lookup.toJSON())));
    const results = run(resumed, server.answer);
    expect(results.get('email:family@example.com')).toEqual({ kind: 'many', ids: [2, 3] });
    expect(results.get(apiIdentifierKey(byId(5)))?.kind).toBe('one');
    expect(results.get('phone:+60123456789')?.kind).toBe('one');
  });
});
