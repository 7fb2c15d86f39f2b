import {
  addTags,
  byEmail,
  byId,
  byPhone,
  contactBody,
  createContact,
  createOrUpdateContact,
  customFieldKey,
  ENDPOINTS,
  fieldEquals,
  getContact,
  listContacts,
  listCustomFields,
  removeTags,
  tagBatches,
  updateContact,
  type ApiRequest,
  type CustomFieldDef,
} from '../../../src/api';

const BASE = 'https://api.respond.io/v2';

function body(request: ApiRequest): unknown {
  return request.body === undefined ? undefined : JSON.parse(request.body);
}

describe('request builders', () => {
  test('get contact', () => {
    expect(getContact(BASE, byPhone('+60 12 345 6789'))).toEqual({
      endpoint: 'GET /contact/{id}',
      method: 'GET',
      url: 'https://api.respond.io/v2/contact/phone:%2B60123456789',
      headers: { Accept: 'application/json' },
    });
  });

  test('no builder ever puts a token in a request', () => {
    const requests = [
      getContact(BASE, byId(1)),
      createContact(BASE, byEmail('a@b.co'), { firstName: 'A' }),
      updateContact(BASE, byId(1), { lastName: 'B' }),
      createOrUpdateContact(BASE, byEmail('a@b.co'), { firstName: 'A' }),
      listContacts(BASE, { filter: { $and: [] } }),
      ...addTags(BASE, byId(1), ['x']),
      ...removeTags(BASE, byId(1), ['x']),
      listCustomFields(BASE),
    ];
    for (const request of requests) {
      expect(Object.keys(request.headers).map((k) => k.toLowerCase())).not.toContain(
        'authorization',
      );
      expect(JSON.stringify(request)).not.toMatch(/bearer/i);
    }
    expect(new Set(requests.map((r) => r.endpoint))).toEqual(new Set(Object.values(ENDPOINTS)));
  });

  test('create posts to the identifier with a JSON body', () => {
    const request = createContact(BASE, byEmail('Aisha@Example.com'), {
      firstName: 'Aisha',
      lastName: 'Rahman',
      email: ' Aisha@Example.com ',
      phone: '+60 12-345 6789',
      custom_fields: [{ name: 'company', value: 'Acme' }],
    });
    expect(request.method).toBe('POST');
    expect(request.url).toBe(`${BASE}/contact/email:aisha@example.com`);
    expect(request.headers['Content-Type']).toBe('application/json');
    expect(body(request)).toEqual({
      firstName: 'Aisha',
      lastName: 'Rahman',
      email: 'aisha@example.com',
      phone: '+60123456789',
      custom_fields: [{ name: 'company', value: 'Acme' }],
    });
  });

  test('update sends only the keys given; null and "" both clear (as null)', () => {
    const request = updateContact(BASE, byId(77), {
      lastName: '',
      language: null,
      custom_fields: [
        { name: 'plan', value: '' },
        { name: 'order_count', value: 0 },
        { name: 'newsletter', value: false },
      ],
    });
    expect(request.method).toBe('PUT');
    expect(request.url).toBe(`${BASE}/contact/id:77`);
    expect(body(request)).toEqual({
      lastName: null,
      language: null,
      custom_fields: [
        { name: 'plan', value: null },
        { name: 'order_count', value: 0 },
        { name: 'newsletter', value: false },
      ],
    });
  });

  test('create_or_update path', () => {
    const request = createOrUpdateContact(BASE, byPhone('+14155550100'), { firstName: 'Emily' });
    expect(request.url).toBe(`${BASE}/contact/create_or_update/phone:%2B14155550100`);
    expect(request.endpoint).toBe('POST /contact/create_or_update/{id}');
  });

  test('list: filter body, page size clamped to 99, cursor in the query', () => {
    const request = listContacts(BASE, {
      filter: { $or: [fieldEquals('email', 'a@b.co'), fieldEquals('phone', '+60123456789')] },
      limit: 500,
      cursorId: '12345',
    });
    expect(request.method).toBe('POST');
    expect(request.url).toBe(`${BASE}/contact/list?limit=99&cursorId=12345`);
    expect(body(request)).toEqual({
      search: '',
      timezone: 'UTC',
      filter: {
        $or: [
          { category: 'contactField', field: 'email', operator: 'isEqualTo', value: 'a@b.co' },
          {
            category: 'contactField',
            field: 'phone',
            operator: 'isEqualTo',
            value: '+60123456789',
          },
        ],
      },
    });
    expect(listContacts(BASE, { filter: { $and: [] }, limit: 0 }).url).toBe(
      `${BASE}/contact/list?limit=1`,
    );
  });

  test('custom fields page', () => {
    expect(listCustomFields(BASE, { limit: 20, cursorId: '8' }).url).toBe(
      `${BASE}/space/custom_field?limit=20&cursorId=8`,
    );
    expect(listCustomFields(BASE).url).toBe(`${BASE}/space/custom_field?limit=99`);
  });
});

describe('tags', () => {
  test('23 tags become three calls of at most 10, trimmed and de-duplicated', () => {
    const tags = Array.from({ length: 23 }, (_, i) => ` tag${i} `).concat(['tag0', '', '  ']);
    const requests = addTags(BASE, byEmail('a@b.co'), tags);
    expect(requests.map((r) => (body(r) as string[]).length)).toEqual([10, 10, 3]);
    expect((body(requests[0] as ApiRequest) as string[])[0]).toBe('tag0');
    expect(
      requests.every((r) => r.method === 'POST' && r.url === `${BASE}/contact/email:a@b.co/tag`),
    ).toBe(true);
  });

  test('remove uses DELETE with the same batching; no tags, no calls', () => {
    const requests = removeTags(
      BASE,
      byId(5),
      Array.from({ length: 11 }, (_, i) => `t${i}`),
    );
    expect(requests.map((r) => r.method)).toEqual(['DELETE', 'DELETE']);
    expect(addTags(BASE, byId(5), [])).toEqual([]);
    expect(tagBatches([' ', ''])).toEqual([]);
  });
});

describe('custom field names', () => {
  const company: CustomFieldDef = {
    id: 1,
    name: 'Company',
    slug: 'company_name',
    dataType: 'text',
  };
  const legacy: CustomFieldDef = { name: 'Legacy Code', slug: null, dataType: 'text' };

  test('the slug is sent when known (accepted by name-or-slug and slug-only platforms), else the name', () => {
    expect([company, legacy].map(customFieldKey)).toEqual(['company_name', 'Legacy Code']);
  });

  test('contactBody leaves out undefined keys entirely', () => {
    expect(JSON.parse(contactBody({ firstName: 'A', lastName: undefined }))).toEqual({
      firstName: 'A',
    });
  });
});
