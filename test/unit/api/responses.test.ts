import {
  classify,
  cursorFromNext,
  customFieldValue,
  findCustomField,
  MESSAGES,
  readContact,
  readContactPage,
  readCustomFieldPage,
  readWrite,
  type ApiError,
  type Contact,
  type HttpResult,
} from '../../../src/api';

function answer(status: number, body: unknown, headers: Record<string, string> = {}): HttpResult {
  return { status, headers, body: typeof body === 'string' ? body : JSON.stringify(body) };
}

function errorOf(outcome: { ok: boolean; error?: ApiError }): ApiError {
  if (outcome.ok || outcome.error === undefined) throw new Error('expected an error');
  return outcome.error;
}

const CONTACT = {
  id: 12345,
  firstName: 'Aisha',
  lastName: 'Rahman',
  phone: '+60123456789',
  email: 'aisha@example.com',
  language: 'ms',
  profilePic: null,
  countryCode: 'MY',
  custom_fields: [
    { name: 'Company', value: 'Acme' },
    { name: 'Birthday', value: null },
  ],
  status: 'open',
  tags: ['vip'],
  assignee: null,
  lifecycle: null,
  created_at: 1663274081,
  isBlocked: false,
};

describe('classification: what the importer does next', () => {
  const onContact = { contactPath: true };
  const onList = { contactPath: false };

  test.each([401, 403])('%i stops the job and asks to reconnect', (status) => {
    const c = classify(answer(status, { code: status, message: 'Unauthorized' }), onList);
    expect(errorOf(c)).toEqual({ kind: 'fatal', status, message: MESSAGES.tokenRefused });
    expect(MESSAGES.tokenRefused).toBe('The API token was refused — reconnect with a valid token.');
  });

  test('404 on a non-contact path means the base URL is wrong', () => {
    const error = errorOf(
      classify(answer(404, { code: 404, message: 'Cannot POST /v3/contact/list' }), onList),
    );
    expect(error.kind).toBe('fatal');
    expect(error.message).toMatch(/does not look like a respond\.io API/);
  });

  test('404 with the platform error body on a contact path is "no such contact" for that row', () => {
    const error = errorOf(
      classify(answer(404, { code: 404, message: 'Contact not found' }), onContact),
    );
    expect(error).toEqual({
      kind: 'row',
      reason: 'not-found',
      status: 404,
      message: MESSAGES.notFound,
    });
  });

  test('an HTML answer (a website, a proxy) is never read as the API, whatever its status', () => {
    for (const status of [200, 404, 400]) {
      const error = errorOf(
        classify(answer(status, '<!doctype html><title>Welcome</title>'), onContact),
      );
      expect(error.kind).toBe('fatal');
      expect(error.message).toMatch(/That URL does not look like a respond\.io API/);
    }
  });

  test('redirects and 405 are a wrong URL', () => {
    expect(errorOf(classify(answer(301, ''), onList)).kind).toBe('fatal');
    expect(errorOf(classify(answer(405, { message: 'Method not allowed' }), onContact)).kind).toBe(
      'fatal',
    );
  });

  test('400 is the row error, with the platform message', () => {
    const error = errorOf(
      classify(answer(400, { code: 400, message: 'phone must be in E.164 format' }), onContact),
    );
    expect(error).toEqual({
      kind: 'row',
      reason: 'invalid',
      status: 400,
      message: 'phone must be in E.164 format',
    });
  });

  test('400 for an unknown custom field is a row error of its own reason', () => {
    const error = errorOf(
      classify(
        answer(400, { code: 400, message: 'Custom field "Shoe Size" not found in the workspace.' }),
        onContact,
      ),
    );
    expect(error).toMatchObject({ kind: 'row', reason: 'unknown-field' });
    expect(error.message).toBe('Custom field "Shoe Size" not found in the workspace.');
  });

  test('400 without a message still explains', () => {
    expect(errorOf(classify(answer(400, ''), onContact)).message).toMatch(
      /refused this contact \(HTTP 400\)/,
    );
  });

  test('409 is a conflict for the row', () => {
    expect(
      errorOf(classify(answer(409, { code: 409, message: 'Contact already exists.' }), onContact)),
    ).toMatchObject({
      kind: 'row',
      reason: 'conflict',
      message: 'Contact already exists.',
    });
  });

  test('other 4xx are row errors with the platform message', () => {
    expect(errorOf(classify(answer(422, { message: 'Nope' }), onContact))).toMatchObject({
      kind: 'row',
      reason: 'rejected',
      message: 'Nope',
    });
  });

  test('429 waits for Retry-After (whole or fractional seconds, or an HTTP date)', () => {
    expect(
      errorOf(classify(answer(429, { code: 429 }, { 'retry-after': '2' }), onList)),
    ).toMatchObject({
      kind: 'rate-limited',
      waitMs: 2000,
    });
    expect(errorOf(classify(answer(429, '', { 'Retry-After': '0.5' }), onList))).toMatchObject({
      waitMs: 500,
    });
    const now = Date.UTC(2026, 0, 1, 0, 0, 0);
    const date = new Date(now + 7000).toUTCString();
    expect(
      errorOf(classify(answer(429, '', { 'retry-after': date }), { contactPath: false, now })),
    ).toMatchObject({
      waitMs: 7000,
    });
    expect(errorOf(classify(answer(429, ''), onList))).toMatchObject({ waitMs: 1000 });
  });

  test.each([449, 500, 502, 503, 504, 408])('%i is transient', (status) => {
    expect(
      errorOf(classify(answer(status, { code: status, message: 'busy' }), onContact)).kind,
    ).toBe('transient');
  });

  test('a transient answer keeps its Retry-After', () => {
    expect(errorOf(classify(answer(503, '', { 'retry-after': '10' }), onList))).toMatchObject({
      kind: 'transient',
      retryAfterMs: 10_000,
    });
  });

  test('network failures and timeouts are transient, with different words', () => {
    const failed = errorOf(classify({ status: 0, error: 'ECONNREFUSED' }, onList));
    expect(failed).toMatchObject({ kind: 'transient', status: 0 });
    expect(failed.message).toMatch(/Could not reach the workspace API \(ECONNREFUSED\)/);
    expect(
      errorOf(classify({ status: 0, error: 'aborted', timedOut: true }, onList)).message,
    ).toMatch(/did not answer in time/);
  });
});

describe('readers', () => {
  test('a contact with extra fields passes; a string id is read as a number', () => {
    const outcome = readContact(answer(200, { ...CONTACT, id: '12345', brandNew: { x: 1 } }));
    expect(outcome.ok && outcome.value.id).toBe(12345);
    expect(outcome.ok && outcome.value.brandNew).toEqual({ x: 1 });
  });

  test('a 200 that is not a contact stops the job: the URL points somewhere else', () => {
    expect(errorOf(readContact(answer(200, { hello: 'world' })))).toMatchObject({
      kind: 'fatal',
      message: MESSAGES.unexpectedShape,
    });
  });

  test('create answers without an id: contactId null means "GET it if you need it"', () => {
    expect(readWrite(answer(200, { code: '200', message: 'Contact added successfully!' }))).toEqual(
      {
        ok: true,
        value: { contactId: null },
      },
    );
  });

  test('create_or_update with or without the id', () => {
    expect(readWrite(answer(200, { contactId: 991 }))).toEqual({
      ok: true,
      value: { contactId: 991 },
    });
    expect(readWrite(answer(200, { data: { contactId: '992' } }))).toEqual({
      ok: true,
      value: { contactId: 992 },
    });
    expect(readWrite(answer(200, { code: '200', message: 'Contact saved' }))).toEqual({
      ok: true,
      value: { contactId: null },
    });
    expect(readWrite(answer(200, ''))).toEqual({ ok: true, value: { contactId: null } });
  });

  test('create of an existing contact: a 409 is a conflict for the row', () => {
    expect(
      errorOf(readWrite(answer(409, { code: 409, message: 'Contact already exists.' }))),
    ).toMatchObject({
      kind: 'row',
      reason: 'conflict',
    });
  });

  test('a list page with a next cursor, and the last page', () => {
    const page = readContactPage(
      answer(200, {
        items: [CONTACT],
        pagination: {
          next: 'https://api.respond.io/v2/contact/list?limit=1&cursorId=12345',
          previous: '',
        },
      }),
    );
    expect(page).toEqual({
      ok: true,
      value: { items: [expect.objectContaining({ id: 12345 })], nextCursor: '12345' },
    });
    const last = readContactPage(answer(200, { items: [], pagination: { next: '' } }));
    expect(last).toEqual({ ok: true, value: { items: [], nextCursor: null } });
    const bare = readContactPage(answer(200, { items: [] }));
    expect(bare.ok && bare.value.nextCursor).toBeNull();
  });

  test('a list page with an unreadable contact is not trusted', () => {
    expect(errorOf(readContactPage(answer(200, { items: [{ name: 'x' }] }))).kind).toBe('fatal');
  });

  test('cursorFromNext', () => {
    expect(cursorFromNext('https://x/v2/contact/list?cursorId=9&limit=5')).toBe('9');
    expect(cursorFromNext('https://x/v2/contact/list?limit=5&cursorId=a%2Bb')).toBe('a+b');
    expect(cursorFromNext('https://x/v2/contact/list?limit=5')).toBeNull();
    expect(cursorFromNext(null)).toBeNull();
  });

  test('list options as the official clients read them: an array, {listValues}, or absent', () => {
    const page = readCustomFieldPage(
      answer(200, {
        items: [
          { id: 1, name: 'Plan', dataType: 'list', allowedValues: ['Free', 'Pro'] },
          { id: 2, name: 'Tier', dataType: 'list', allowedValues: { listValues: ['Gold'] } },
          { id: 3, name: 'Size', dataType: 'list' },
          { id: 4, name: 'Mood', dataType: 'list', allowedValues: { listValues: null } },
        ],
        pagination: { next: '' },
      }),
    );
    expect(page.ok).toBe(true);
    if (!page.ok) return;
    expect(page.value.items.map((f) => [f.name, f.allowedValues ?? null])).toEqual([
      ['Plan', ['Free', 'Pro']],
      ['Tier', ['Gold']],
      ['Size', null],
      ['Mood', null],
    ]);
  });

  test('custom fields: every known type; an unknown type is read as text and listed', () => {
    const page = readCustomFieldPage(
      answer(200, {
        items: [
          {
            id: 1,
            name: 'Company',
            slug: 'company',
            description: null,
            dataType: 'text',
            allowedValues: null,
          },
          { id: 5, name: 'Plan', slug: 'plan', dataType: 'list', allowedValues: ['Free', 'Pro'] },
          { id: 9, name: 'Signature', slug: 'signature', dataType: 'richText' },
          { name: 'No Slug', dataType: 'number' },
        ],
        pagination: { next: '' },
      }),
    );
    expect(page.ok).toBe(true);
    if (!page.ok) return;
    expect(page.value.items.map((f) => [f.name, f.dataType, f.declaredType])).toEqual([
      ['Company', 'text', undefined],
      ['Plan', 'list', undefined],
      ['Signature', 'text', 'richText'],
      ['No Slug', 'number', undefined],
    ]);
    expect(page.value.unsupported).toEqual([{ name: 'Signature', dataType: 'richText' }]);
    expect(page.value.nextCursor).toBeNull();
  });

  test('a custom field is found by display name or slug, in definitions and in answers', () => {
    const defs = [{ id: 1, name: 'Order Count', slug: 'order_count', dataType: 'number' as const }];
    expect(findCustomField(defs, ' order count ')?.id).toBe(1);
    expect(findCustomField(defs, 'ORDER_COUNT')?.id).toBe(1);
    const def = defs[0] as (typeof defs)[number];
    const bySlug = { ...CONTACT, custom_fields: [{ name: 'order_count', value: 4 }] } as Contact;
    const byName = { ...CONTACT, custom_fields: [{ name: 'Order Count', value: null }] } as Contact;
    expect(customFieldValue(bySlug, def)).toBe(4);
    expect(customFieldValue(byName, def)).toBeNull();
    expect(customFieldValue({ ...CONTACT, custom_fields: [] } as Contact, def)).toBeUndefined();
  });
});
