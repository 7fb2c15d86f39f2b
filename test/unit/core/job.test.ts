/**
 * The import job on its own: a synchronous in-memory answerer stands in for the platform,
 * so each rule is checked without a network.
 */
import type { ApiRequest, HttpResult } from '../../../src/api';
import { ImportJob, newJobState, type JobConfig, type WorkRow } from '../../../src/core/job';
import type { RowOutcome } from '../../../src/core/outcome';

const BASE = 'https://api.example.test/v2';
const config: JobConfig = {
  baseUrl: BASE,
  purpose: 'add-update',
  identifier: 'phone',
  doNotOverwrite: false,
  runTags: ['spring'],
  tagsColumn: false,
};

function rows(n: number): WorkRow[] {
  return Array.from({ length: n }, (_, i) => ({
    row: i + 2,
    identifierValue: { kind: 'phone' as const, value: `+6012${1_000_000 + i}` },
    fields: { firstName: `P${i}`, phone: `+6012${1_000_000 + i}` },
    fingerprint: `f${i}`,
  }));
}

const json = (status: number, body: unknown, headers: Record<string, string> = {}): HttpResult => ({
  status,
  headers: {
    'content-type': 'application/json',
    'x-ratelimit-limit': '1000',
    'x-ratelimit-remaining': '999',
    ...headers,
  },
  body: JSON.stringify(body),
});

/** Contacts the fake workspace holds, by id (the phone's digits): shared, deterministic. */
const stored = new Map<number, Record<string, unknown>>();
const idOf = (phone: string) => Number(phone.replace(/\D/g, '').slice(-7));

/**
 * Answers like an empty workspace that accepts everything: create_or_update stores what it
 * was sent (the contact's id is its phone's last digits) and a GET reads it back.
 */
function emptyWorkspace(request: ApiRequest): HttpResult {
  if (request.endpoint === 'POST /contact/list')
    return json(200, { items: [], pagination: { next: '' } });
  const target = decodeURIComponent(request.url.split('/contact/')[1] ?? '').split('/')[0] ?? '';
  if (
    request.endpoint === 'POST /contact/{id}' ||
    request.endpoint === 'POST /contact/create_or_update/{id}'
  ) {
    const phone = decodeURIComponent(request.url.split('/').pop() ?? '').replace('phone:', '');
    const id = idOf(phone);
    stored.set(id, { id, ...(JSON.parse(request.body ?? '{}') as object), tags: [] });
    return json(200, { contactId: id });
  }
  if (request.endpoint === 'GET /contact/{id}') {
    const id = target.startsWith('phone:') ? idOf(target) : Number(target.replace('id:', ''));
    const contact = stored.get(id);
    return contact ? json(200, contact) : json(404, { code: 404, message: 'Not found' });
  }
  return json(200, { contactId: 42 });
}

function drive(
  job: ImportJob,
  answer: (r: ApiRequest) => HttpResult,
  limit = 100_000,
): RowOutcome[] {
  const out: RowOutcome[] = [];
  let now = 1_000_000;
  for (let i = 0; i < limit && !job.finished; i++) {
    const { sends, outcomes, waitMs } = job.next(now);
    out.push(...outcomes);
    for (const send of sends) out.push(...job.accept(send.id, answer(send.request), now));
    now += sends.length > 0 ? 1 : (waitMs ?? 1);
  }
  return out;
}

const start = (n: number) =>
  ImportJob.resume(
    newJobState({
      jobId: 'r1',
      config,
      sheetName: 'Contacts',
      startedBy: 'a@x',
      now: 1_000_000,
      rowsTotal: n,
    }),
    rows(n),
  );

test('every row ends Imported, with the id, and the run completes', () => {
  const job = start(120);
  const outcomes = drive(job, emptyWorkspace);
  expect(outcomes).toHaveLength(120);
  expect(
    outcomes.every(
      (o) => o.status === 'Imported' && o.contactId === idOf(`+6012${1_000_000 + o.row - 2}`),
    ),
  ).toBe(true);
  expect(job.status).toBe('completed');
  expect(job.counts).toEqual({ imported: 120, updated: 0, skipped: 0, errors: 0 });
});

test('the checkpoint stays small whatever the number of rows', () => {
  for (const n of [10, 10_000, 100_000]) {
    const job = start(n);
    job.next(1_000_000);
    expect(JSON.stringify(job.checkpoint()).length).toBeLessThan(2_000);
  }
});

test('a refused token stops the job with a message to reconnect; no row is marked', () => {
  const job = start(30);
  const outcomes = drive(job, () => json(401, { code: 401, message: 'Unauthorized' }));
  expect(outcomes).toEqual([]);
  expect(job.status).toBe('failed');
  expect(job.checkpoint().message).toMatch(/token was refused/);
});

test('cancel stops sending at once and settles what was already written', () => {
  const job = start(50);
  const first = job.next(1_000_000);
  // Answer the look-up, then cancel before any write goes out.
  const afterLookup = first.sends.flatMap((s) =>
    job.accept(s.id, emptyWorkspace(s.request), 1_000_001),
  );
  const cancelled = job.cancel(1_000_002);
  expect(afterLookup).toEqual([]);
  expect(cancelled).toEqual([]);
  expect(job.next(1_000_003).sends).toEqual([]);
  expect(job.status).toBe('cancelled');
  expect(job.finished).toBe(true);
});

test('requests Apps Script could not send (daily quota) are given back, and the job pauses', () => {
  const job = start(5);
  const { sends } = job.next(1_000_000);
  job.unsent(sends.map((s) => s.id));
  job.pause('quota', 1_000_000);
  expect(job.status).toBe('paused');
  expect(job.finished).toBe(true);
  expect(job.checkpoint().status).toBe('paused');
});

test('requests Google refused before sending (a burst) go again later, not counted as tries', () => {
  const job = start(5);
  const first = job.next(1_000_000);
  expect(first.sends.length).toBeGreaterThan(0);
  job.sendLater(
    first.sends.map((s) => s.id),
    1_005_000,
  );
  const early = job.next(1_000_001);
  expect(early.sends).toEqual([]);
  expect(early.waitMs).toBeGreaterThan(0);
  const again = job.next(1_005_000);
  expect(again.sends.map((s) => s.request)).toEqual(first.sends.map((s) => s.request));
  expect(job.status).toBe('processing');
  const outcomes = again.sends.flatMap((s) =>
    job.accept(s.id, emptyWorkspace(s.request), 1_005_001),
  );
  outcomes.push(...drive(job, emptyWorkspace));
  expect(outcomes.map((o) => o.status)).toEqual(Array(5).fill('Imported'));
});

test('stop fails the job with the message and sends nothing more', () => {
  const job = start(5);
  const { sends } = job.next(1_000_000);
  job.unsent(sends.map((s) => s.id));
  job.stop('Add "https://x.example/" to urlFetchWhitelist', 1_000_000);
  expect(job.status).toBe('failed');
  expect(job.checkpoint().message).toContain('urlFetchWhitelist');
  expect(job.next(1_000_001).sends).toEqual([]);
});

test('transient failures are retried with back-off until they succeed', () => {
  const job = start(10);
  let failures = 0;
  const outcomes = drive(job, (request) => {
    if (request.endpoint !== 'POST /contact/list' && failures < 6) {
      failures++;
      return { status: 503, headers: {}, body: '{"code":503,"message":"busy"}' };
    }
    return emptyWorkspace(request);
  });
  expect(failures).toBe(6);
  expect(outcomes.map((o) => o.status)).toEqual(Array(10).fill('Imported'));
});

test('a row whose identifier matches several contacts is an error naming them', () => {
  const job = ImportJob.resume(
    newJobState({
      jobId: 'r1',
      config,
      sheetName: 'S',
      startedBy: 'a',
      now: 1_000_000,
      rowsTotal: 1,
    }),
    rows(1),
  );
  const outcomes = drive(job, (request) =>
    request.endpoint === 'POST /contact/list'
      ? json(200, {
          items: [
            { id: 7, phone: '+60121000000' },
            { id: 8, phone: '+60121000000' },
          ],
          pagination: { next: '' },
        })
      : emptyWorkspace(request),
  );
  expect(outcomes).toEqual([
    expect.objectContaining({
      status: 'Error',
      reason: expect.stringMatching(/matches 2 contacts.*7, 8/),
    }),
  ]);
});

describe('the journal of creates in flight', () => {
  /**
   * Runs until every row's create was handed out, then "dies": the creates land (each was
   * saved first, as `persist` asks) but no answer to them is read.
   */
  function dieWithCreatesInFlight(n: number) {
    const job = start(n);
    let now = 1_000_000;
    let creates = 0;
    let saved = job.checkpoint();
    for (let i = 0; i < 100_000; i++) {
      const { sends, persist, waitMs } = job.next(now);
      const made = sends.filter((s) => s.request.endpoint === 'POST /contact/{id}');
      if (made.length > 0) {
        expect(persist).toBe(true);
        saved = job.checkpoint();
        for (const c of made) emptyWorkspace(c.request);
        creates += made.length;
      }
      for (const s of sends)
        if (!made.includes(s)) job.accept(s.id, emptyWorkspace(s.request), now);
      if (sends.length === 0 && waitMs === null) break;
      now += sends.length > 0 ? 1 : (waitMs ?? 1);
    }
    return { saved, creates };
  }

  test('a resumed run reports the contacts its unanswered creates made as Imported', () => {
    stored.clear();
    const { saved, creates } = dieWithCreatesInFlight(50);
    expect(saved.journal).toHaveLength(creates);
    // The next slice finds those contacts (its look-up sees them).
    const found = (request: ApiRequest): HttpResult => {
      if (request.endpoint !== 'POST /contact/list') return emptyWorkspace(request);
      return json(200, { items: [...stored.values()], pagination: { next: '' } });
    };
    const outcomes = drive(ImportJob.resume(saved, rows(50)), found);
    expect(outcomes.map((o) => o.status)).toEqual(Array(50).fill('Imported'));
  });

  test('without the journal the same contacts are Updated: no clock makes them the run’s', () => {
    stored.clear();
    const { saved } = dieWithCreatesInFlight(50);
    const found = (request: ApiRequest): HttpResult => {
      if (request.endpoint !== 'POST /contact/list') return emptyWorkspace(request);
      const items = [...stored.values()].map((c) => ({ ...c, created_at: 1_000 }));
      return json(200, { items, pagination: { next: '' } });
    };
    const outcomes = drive(ImportJob.resume({ ...saved, journal: [] }, rows(50)), found);
    expect(outcomes.map((o) => o.status)).toEqual(Array(50).fill('Updated'));
  });

  test('holds only the creates in flight, 14 characters each', () => {
    stored.clear();
    const { saved, creates } = dieWithCreatesInFlight(100_000);
    // The rows under way at once (at most 200): the journal of 200 stays under 6 KB.
    expect(creates).toBe(50);
    expect(saved.journal).toHaveLength(creates);
    expect(saved.journal?.every((key) => key.length === 14)).toBe(true);
    expect(JSON.stringify(saved).length).toBeLessThan(2_000 + 17 * creates);
    // The next slice settles them, and they leave the journal.
    const next = ImportJob.resume(saved, rows(50));
    expect(drive(next, emptyWorkspace)).toHaveLength(50);
    next.recorded(); // the driver saved their outcomes
    expect(next.checkpoint().journal).toEqual([]);
  });
});
