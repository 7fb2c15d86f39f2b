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
    identifier: { kind: 'phone' as const, value: `+6012${1_000_000 + i}` },
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

/** Answers like an empty workspace that accepts everything. */
function emptyWorkspace(request: ApiRequest): HttpResult {
  if (request.endpoint === 'POST /contact/list')
    return json(200, { items: [], pagination: { next: '' } });
  if (request.endpoint === 'POST /contact/create_or_update/{id}')
    return json(200, { contactId: 42 });
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
  expect(outcomes.every((o) => o.status === 'Imported' && o.contactId === 42)).toBe(true);
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
