import {
  backoffMs,
  DEFAULT_RETRY,
  Pacer,
  retryDecision,
  type ApiError,
  type HttpResult,
  type PacerState,
} from '../../../src/api';

const EP = 'PUT /contact/{id}';

function ok(limit?: number, remaining?: number): HttpResult {
  const headers: Record<string, string> = {};
  if (limit !== undefined) headers['x-ratelimit-limit'] = String(limit);
  if (remaining !== undefined) headers['x-ratelimit-remaining'] = String(remaining);
  return { status: 200, headers, body: '{"contactId":1}' };
}

function tooMany(retryAfter: string | undefined, limit = 50): HttpResult {
  const headers: Record<string, string> = {
    'x-ratelimit-limit': String(limit),
    'x-ratelimit-remaining': '0',
  };
  if (retryAfter !== undefined) headers['retry-after'] = retryAfter;
  return { status: 429, headers, body: '{"code":429,"message":"Too many requests"}' };
}

/** A server limiting each endpoint to `limit` requests per fixed one-second window. */
function fixedWindowServer(limit: number) {
  const windows = new Map<string, { start: number; count: number }>();
  return (endpoint: string, now: number): HttpResult => {
    const start = Math.floor(now / 1000) * 1000;
    let w = windows.get(endpoint);
    if (!w || w.start !== start) windows.set(endpoint, (w = { start, count: 0 }));
    if (w.count >= limit) return tooMany(String(Math.ceil((start + 1000 - now) / 1000)), limit);
    w.count++;
    return ok(limit, limit - w.count);
  };
}

/**
 * Sends `n` requests, `lanes` at a time, each answered `latency` ms after it was sent,
 * through the pacer, retrying 429s; fake time. Returns the finishing time and 429 count.
 */
function simulate(
  n: number,
  limit: number,
  opts: { lanes?: number; latency?: number; start?: number } = {},
) {
  const pacer = new Pacer();
  const server = fixedWindowServer(limit);
  const lanes = opts.lanes ?? 1;
  const latency = opts.latency ?? 3;
  const laneFree = Array.from({ length: lanes }, () => opts.start ?? 0);
  let done = 0;
  let rejected = 0;
  while (done < n) {
    // The lane that is free first sends next (like concurrent workers sharing the pacer).
    const lane = laneFree.indexOf(Math.min(...laneFree));
    const now = laneFree[lane] as number;
    const sendAt = now + pacer.schedule(EP, now);
    const result = server(EP, sendAt + latency / 2);
    pacer.observe(EP, result, sendAt + latency);
    laneFree[lane] = sendAt + latency;
    if (result.status === 429) rejected++;
    else done++;
  }
  return { ms: Math.max(...laneFree) - (opts.start ?? 0), rejected };
}

describe('Pacer', () => {
  test('before any answer, one endpoint runs at a conservative 5 a second', () => {
    const pacer = new Pacer();
    expect([0, 1, 2, 3].map(() => pacer.schedule(EP, 0))).toEqual([0, 200, 400, 600]);
  });

  test('endpoints are paced independently', () => {
    const pacer = new Pacer();
    expect(pacer.schedule('PUT /contact/{id}', 0)).toBe(0);
    expect(pacer.schedule('POST /contact/list', 0)).toBe(0);
    expect(pacer.schedule('PUT /contact/{id}', 0)).toBe(200);
  });

  test("learns the limit from X-RateLimit-Limit: a whole window's allowance may go at once", () => {
    const pacer = new Pacer();
    pacer.schedule(EP, 0);
    pacer.observe(EP, ok(50, 49), 5);
    expect(pacer.rate(EP)).toBe(45);
    const waits = Array.from({ length: 90 }, () => pacer.schedule(EP, 5));
    // Everything planned fits in the limit: no one-second span holds more than 50 sends…
    const times = [0, ...waits.map((w) => 5 + w)];
    for (const t of times)
      expect(times.filter((u) => u >= t && u < t + 1000).length).toBeLessThanOrEqual(50);
    // …yet the 49 that fit with the first one go now, and the rest a stretched window later.
    expect(waits.filter((w) => w === 0)).toHaveLength(49);
    expect(waits[89]).toBeGreaterThanOrEqual(1100);
    expect(waits[89]).toBeLessThan(1200);
  });

  test('a driver that sends in waves (fetchAll) keeps close to the limit on every endpoint', () => {
    // Each wave takes a round trip of 150 ms plus 10 ms a request, as the Apps Script cost
    // model charges; two endpoints (creates and tags) share it. Before, a wave could carry
    // only the token bucket's burst of 5 a endpoint: about 20 a second each.
    const pacer = new Pacer();
    const server = fixedWindowServer(50);
    const endpoints = ['POST /contact/{id}', 'POST /contact/{id}/tag'];
    const sent = new Map(endpoints.map((e) => [e, 0]));
    let now = 1_234;
    let rejected = 0;
    while (now < 61_234) {
      const wave = endpoints.flatMap((e) => {
        const out: string[] = [];
        while (out.length < 100 && pacer.wait(e, now) === 0) {
          pacer.schedule(e, now);
          out.push(e);
        }
        return out;
      });
      if (wave.length === 0) {
        now += Math.min(...endpoints.map((e) => pacer.wait(e, now)));
        continue;
      }
      const answers = wave.map((e, i) => server(e, now + 70 + i * 0.2));
      now += 150 + 10 * wave.length;
      answers.forEach((answer, i) => {
        pacer.observe(wave[i] as string, answer, now);
        if (answer.status === 429) rejected++;
        else sent.set(wave[i] as string, (sent.get(wave[i] as string) ?? 0) + 1);
      });
    }
    expect(rejected).toBe(0);
    for (const e of endpoints) expect(sent.get(e)).toBeGreaterThan(60 * 40);
  });

  test.each([
    [50, 1],
    [50, 4],
    [5, 1],
    [5, 3],
    [200, 8],
  ])(
    'against a fixed-window server at %i/s with %i lanes: no 429 and close to the ideal time',
    (limit, lanes) => {
      const n = limit * 20;
      const { ms, rejected } = simulate(n, limit, { lanes, start: 123 });
      expect(rejected).toBe(0);
      const ideal = (n / limit) * 1000;
      expect(ms).toBeGreaterThan(ideal * 0.9);
      expect(ms).toBeLessThan(ideal * 1.2);
    },
  );

  test('X-RateLimit-Remaining lowers the bucket when others share the budget', () => {
    const pacer = new Pacer();
    pacer.schedule(EP, 0);
    pacer.observe(EP, ok(50, 49), 1);
    // Idle long enough for the bucket to be full (5 tokens): sends would go at once…
    expect(pacer.schedule(EP, 10_000)).toBe(0);
    // …but the platform says only 0 are left in this window, so the next must wait.
    pacer.observe(EP, ok(50, 0), 10_001);
    expect(pacer.schedule(EP, 10_001)).toBeGreaterThan(0);
  });

  test('a 429 blocks the endpoint for Retry-After and slows down; successes recover the rate', () => {
    const pacer = new Pacer();
    pacer.schedule(EP, 0);
    pacer.observe(EP, ok(50, 49), 1);
    pacer.schedule(EP, 100);
    pacer.observe(EP, tooMany('3'), 110);
    expect(pacer.schedule(EP, 120)).toBeGreaterThanOrEqual(2990);
    expect(pacer.rate(EP)).toBeCloseTo(45 * 0.7);
    for (let i = 0; i < 20; i++) pacer.observe(EP, ok(50, 40), 4000 + i);
    expect(pacer.rate(EP)).toBe(45);
  });

  test('a 429 without Retry-After blocks for one second', () => {
    const pacer = new Pacer();
    pacer.schedule(EP, 0);
    pacer.observe(EP, tooMany(undefined), 10);
    expect(pacer.schedule(EP, 10)).toBeGreaterThanOrEqual(1000);
  });

  test('unlearned endpoints halve… down to a floor, never to zero', () => {
    const pacer = new Pacer();
    for (let i = 0; i < 50; i++) pacer.observe(EP, { status: 429, headers: {}, body: '' }, i);
    expect(pacer.rate(EP)).toBe(0.2);
  });

  test('network failures teach nothing', () => {
    const pacer = new Pacer();
    pacer.observe(EP, { status: 0, error: 'ECONNRESET' }, 0);
    expect(pacer.toJSON().endpoints[EP]).toBeUndefined();
  });

  test('state is small JSON and resumes exactly where it stopped', () => {
    const pacer = new Pacer();
    pacer.schedule(EP, 0);
    pacer.observe(EP, ok(50, 49), 1);
    for (let i = 0; i < 30; i++) pacer.schedule(EP, 2);
    const saved: PacerState = JSON.parse(JSON.stringify(pacer.toJSON()));
    expect(JSON.stringify(saved).length).toBeLessThan(200);
    const resumed = new Pacer(saved);
    expect(resumed.schedule(EP, 500)).toBe(pacer.schedule(EP, 500));
    // The original is not aliased by the copy.
    expect(resumed.toJSON()).toEqual(pacer.toJSON());
  });
});

describe('retries', () => {
  const transient: ApiError = {
    kind: 'transient',
    status: 503,
    message: 'The workspace had a temporary problem (HTTP 503).',
  };

  test('exponential back-off with jitter in [½, 1) of the step, capped', () => {
    expect(backoffMs(1, () => 0)).toBe(250);
    expect(backoffMs(1, () => 0.999999)).toBe(500);
    expect(backoffMs(3, () => 0)).toBe(1000);
    expect(backoffMs(3, () => 0.5)).toBe(1500);
    expect(backoffMs(20, () => 0.999999)).toBe(DEFAULT_RETRY.maxDelayMs);
  });

  test('transient errors retry up to maxTries, then the row gets a message', () => {
    const tries = Array.from({ length: DEFAULT_RETRY.maxTries }, (_, i) => i + 1);
    const decisions = tries.map((n) => retryDecision(transient, n, () => 0.5));
    expect(decisions.slice(0, -1).every((d) => d.retry)).toBe(true);
    expect(decisions.at(-1)).toEqual({
      retry: false,
      message: `The workspace had a temporary problem (HTTP 503). Gave up after ${DEFAULT_RETRY.maxTries} tries.`,
    });
  });

  test('a transient Retry-After is honoured when longer than the back-off', () => {
    expect(retryDecision({ ...transient, retryAfterMs: 10_000 }, 1, () => 0)).toEqual({
      retry: true,
      waitMs: 10_000,
    });
  });

  test('429 waits exactly what the platform asked, with its own (larger) try budget', () => {
    const limited: ApiError = {
      kind: 'rate-limited',
      status: 429,
      message: 'limited',
      waitMs: 2000,
    };
    expect(retryDecision(limited, 6, Math.random)).toEqual({ retry: true, waitMs: 2000 });
    expect(retryDecision(limited, 10, Math.random).retry).toBe(false);
  });

  test('fatal and row errors are never retried', () => {
    expect(retryDecision({ kind: 'fatal', status: 401, message: 'x' }, 1, Math.random).retry).toBe(
      false,
    );
    expect(
      retryDecision(
        { kind: 'row', reason: 'invalid', status: 400, message: 'bad phone' },
        1,
        Math.random,
      ),
    ).toEqual({
      retry: false,
      message: 'bad phone',
    });
  });
});

describe('Pacer on a clock with fractions of a millisecond', () => {
  test('an endpoint with room says 0, not a fraction, so a wave driver sends', () => {
    const pacer = new Pacer();
    pacer.schedule(EP, 1000.25);
    pacer.observe(EP, ok(50, 49), 1000.5);
    expect(pacer.wait(EP, 1500.75)).toBe(0);
    expect(pacer.wait(EP, 1500.75, 10)).toBe(0);
  });
});
