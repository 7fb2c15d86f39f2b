import { createGasFakes, networkError, type FetchRequest } from '../../../local/gas-fakes';

function setup(options: Parameters<typeof createGasFakes>[0] = {}) {
  const fakes = createGasFakes(options);
  const seen: FetchRequest[] = [];
  fakes.onFetch((request) => {
    seen.push(request);
    if (request.url.endsWith('/me'))
      return { status: 200, headers: { 'Content-Type': 'application/json' }, body: '{"id":1}' };
    if (request.url.endsWith('/denied')) return { status: 401, body: '{"message":"Unauthorized"}' };
    if (request.url.endsWith('/long')) return { status: 500, body: 'x'.repeat(300) };
    if (request.url.includes('offline')) return networkError.unavailable(request.url);
    if (request.url.includes('slow')) return { status: 200, body: 'late', latencyMs: 2_500 };
    return { status: 404, body: 'not found' };
  });
  return { fakes, seen, UrlFetchApp: fakes.globals.UrlFetchApp };
}

describe('UrlFetchApp.fetch', () => {
  test('normalises the request and returns a response', () => {
    const { UrlFetchApp, seen } = setup();
    const response = UrlFetchApp.fetch('https://api.example.com/v2/me', {
      method: 'POST',
      headers: { Authorization: 'Bearer t' },
      payload: JSON.stringify({ a: 1 }),
      contentType: 'application/json',
      muteHttpExceptions: true,
    });
    expect(response.getResponseCode()).toBe(200);
    expect(JSON.parse(response.getContentText())).toEqual({ id: 1 });
    expect(response.getHeaders()).toEqual({ 'Content-Type': 'application/json' });
    expect(seen[0]).toEqual({
      url: 'https://api.example.com/v2/me',
      method: 'post',
      headers: { Authorization: 'Bearer t' },
      payload: '{"a":1}',
      contentType: 'application/json',
      followRedirects: true,
      validateHttpsCertificates: true,
      muteHttpExceptions: true,
    });
  });

  test('object payloads are sent as a form', () => {
    const { UrlFetchApp, seen } = setup();
    UrlFetchApp.fetch('https://api.example.com/me', {
      method: 'post',
      payload: { name: 'Ann B', tag: 'a&b' },
    });
    expect(seen[0]?.payload).toBe('name=Ann%20B&tag=a%26b');
    expect(seen[0]?.contentType).toBe('application/x-www-form-urlencoded');
  });

  test('HTTP errors throw unless muted, naming the host and a truncated body', () => {
    const { UrlFetchApp } = setup();
    expect(() => UrlFetchApp.fetch('https://api.example.com/v2/denied')).toThrow(
      'Request failed for https://api.example.com returned code 401. Truncated server response: {"message":"Unauthorized"} (use muteHttpExceptions option to examine full response)',
    );
    expect(() => UrlFetchApp.fetch('https://api.example.com/long')).toThrow(
      `returned code 500. Truncated server response: ${'x'.repeat(100)}... (use muteHttpExceptions`,
    );
    const muted = UrlFetchApp.fetch('https://api.example.com/v2/denied', {
      muteHttpExceptions: true,
    });
    expect(muted.getResponseCode()).toBe(401);
  });

  test('network failures always throw', () => {
    const { UrlFetchApp } = setup();
    expect(() =>
      UrlFetchApp.fetch('https://offline.example.com/x', { muteHttpExceptions: true }),
    ).toThrow('Address unavailable: https://offline.example.com/x');
  });

  test('bad URLs are invalid arguments', () => {
    const { UrlFetchApp } = setup();
    expect(() => UrlFetchApp.fetch('api.example.com/me')).toThrow(
      'Invalid argument: api.example.com/me',
    );
  });

  test('latency advances the fake clock', () => {
    const { UrlFetchApp, fakes } = setup();
    const before = fakes.clock.now();
    UrlFetchApp.fetch('https://slow.example.com/');
    expect(fakes.clock.now() - before).toBe(2_500);
  });

  test('without a handler the harness is told, not the add-on', () => {
    const fakes = createGasFakes();
    expect(() => fakes.globals.UrlFetchApp.fetch('https://x.example.com/')).toThrow(
      'no fetch handler set',
    );
  });
});

describe('UrlFetchApp.fetchAll', () => {
  test('answers in order and throws on the first unmuted error', () => {
    const { UrlFetchApp, fakes } = setup();
    const responses = UrlFetchApp.fetchAll([
      'https://api.example.com/me',
      { url: 'https://api.example.com/denied', muteHttpExceptions: true },
      { url: 'https://slow.example.com/', method: 'get' },
    ]);
    expect(responses.map((r) => r.getResponseCode())).toEqual([200, 401, 200]);
    expect(fakes.urlFetch.requests).toHaveLength(3);
    expect(() =>
      UrlFetchApp.fetchAll(['https://api.example.com/me', 'https://api.example.com/denied']),
    ).toThrow('returned code 401');
  });

  test('a batch handler receives the whole batch at once', () => {
    const fakes = createGasFakes();
    const batches: number[] = [];
    const handler = Object.assign(() => ({ status: 200, body: 'one' }), {
      all: (requests: FetchRequest[]) => {
        batches.push(requests.length);
        return requests.map(() => ({ status: 204 }));
      },
    });
    fakes.onFetch(handler);
    const codes = fakes.globals.UrlFetchApp.fetchAll([
      'https://a.example.com/',
      'https://b.example.com/',
    ]).map((r) => r.getResponseCode());
    expect(codes).toEqual([204, 204]);
    expect(batches).toEqual([2]);
  });
});

describe('daily quota', () => {
  test("runs out with Google's message, per request, fetchAll included", () => {
    const { UrlFetchApp, fakes } = setup({ urlFetchDailyLimit: 3 });
    UrlFetchApp.fetch('https://api.example.com/me');
    UrlFetchApp.fetchAll(['https://api.example.com/me', 'https://api.example.com/me']);
    expect(fakes.urlFetch.used).toBe(3);
    expect(() => UrlFetchApp.fetch('https://api.example.com/me')).toThrow(
      'Service invoked too many times for one day: urlfetch.',
    );
    fakes.urlFetch.used = 1;
    expect(() =>
      UrlFetchApp.fetchAll([
        'https://api.example.com/me',
        'https://api.example.com/me',
        'https://api.example.com/me',
      ]),
    ).toThrow('Service invoked too many times for one day: urlfetch.');
    expect(fakes.urlFetch.requests).toHaveLength(3);
  });
});

describe('quota days', () => {
  test('the quota is per person and comes back 24 hours after the first request', () => {
    const { UrlFetchApp, fakes } = setup({ urlFetchDailyLimit: 1, user: 'ann@example.com' });
    UrlFetchApp.fetch('https://api.example.com/me');
    fakes.clock.advance(60 * 60 * 1000);
    expect(() => UrlFetchApp.fetch('https://api.example.com/me')).toThrow(
      'Service invoked too many times',
    );

    fakes.setActiveUser('bob@example.com');
    expect(UrlFetchApp.fetch('https://api.example.com/me').getResponseCode()).toBe(200);

    fakes.setActiveUser('ann@example.com');
    fakes.clock.advance(23 * 60 * 60 * 1000);
    expect(UrlFetchApp.fetch('https://api.example.com/me').getResponseCode()).toBe(200);
  });
});
