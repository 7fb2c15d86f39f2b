/**
 * A scripted exchange with the import job: each test says which request the job must make
 * next and what the workspace answers, on a number clock advanced by the job's own `waitMs`.
 * No HTTP and no emulator: the answers are written out in the test, shaped like the
 * emulator's (emulator/server.ts), so a test reads as the story of one row.
 */
import type { HttpResult } from '../../../src/api';
import {
  ImportJob,
  newJobState,
  type JobConfig,
  type JobState,
  type Send,
  type WorkRow,
} from '../../../src/core/job';
import type { RowOutcome } from '../../../src/core/outcome';

export const BASE = 'https://api.example.test/v2';
export const T0 = Date.UTC(2026, 10, 23, 10, 0, 0);

// ------------------------------------------------------------------ answers

export function answer(
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): HttpResult {
  return {
    status,
    headers: { 'content-type': 'application/json; charset=utf-8', ...headers },
    body: JSON.stringify(body),
  };
}

/** A plain create's 200: no contact id (emulator/server.ts `ADDED`). */
export const added = (): HttpResult =>
  answer(200, { code: '200', message: 'Contact added successfully!' });
/** An update's 200 (and a tag call's on platforms that name the contact). */
export const savedAs = (id: number): HttpResult => answer(200, { contactId: id });
/** A tag call's 200 on platforms that do not name the contact. */
export const tagsSaved = (): HttpResult =>
  answer(200, { code: '200', message: 'Tags updated successfully!' });
export const notFound = (): HttpResult => answer(404, { code: 404, message: 'Contact not found.' });
export const conflict = (): HttpResult =>
  answer(409, { code: 409, message: 'Contact already exists.' });
export const unavailable = (): HttpResult =>
  answer(503, { code: 503, message: 'Service unavailable' });
export const tooMany = (seconds: number): HttpResult =>
  answer(
    429,
    { code: 429, message: 'Too many requests, please try again later.' },
    { 'retry-after': String(seconds) },
  );
export const unauthorized = (): HttpResult =>
  answer(401, { code: 401, message: 'Unauthorized: invalid or missing API token' });
/** The request left, no answer came back (a dropped connection). */
export const lost = (): HttpResult => ({
  status: 0,
  error: 'the connection closed without an answer',
});

/** A contact as `GET /contact/{id}` and the list answer it (emulator's `toJson`). */
export function contact(
  id: number,
  fields: Record<string, unknown> & { tags?: string[] },
): Record<string, unknown> {
  return {
    id,
    firstName: null,
    lastName: null,
    phone: null,
    email: null,
    language: null,
    profilePic: null,
    countryCode: null,
    custom_fields: [],
    status: 'open',
    tags: [],
    assignee: null,
    lifecycle: null,
    created_at: 1_700_000_000,
    isBlocked: false,
    ...fields,
  };
}

export const found = (c: Record<string, unknown>): HttpResult => answer(200, c);
/** One page of `POST /contact/list`, the last. */
export const page = (...contacts: Record<string, unknown>[]): HttpResult =>
  answer(200, { items: contacts, pagination: { next: '', previous: '' } });

// ------------------------------------------------------------------ rows and jobs

export function phoneRow(
  row: number,
  phone: string,
  fields: WorkRow['fields'] = {},
  tags?: string[] | null,
): WorkRow {
  return {
    row,
    identifierValue: { kind: 'phone', value: phone },
    fields: { phone, ...fields },
    ...(tags !== undefined ? { tags } : {}),
    fingerprint: `fp${row}`,
  };
}

/** An add-all row: no identifier, created by its phone (else email). */
export function addAllRow(row: number, fields: WorkRow['fields'], tags?: string[]): WorkRow {
  return {
    row,
    identifierValue: null,
    fields,
    ...(tags !== undefined ? { tags } : {}),
    fingerprint: `fp${row}`,
  };
}

export function config(overrides: Partial<JobConfig>): JobConfig {
  return {
    baseUrl: BASE,
    purpose: 'add-update',
    identifier: overrides.purpose === 'add-all' ? null : 'phone',
    doNotOverwrite: false,
    runTags: ['spring'],
    tagsColumn: false,
    ...overrides,
  };
}

export function firstState(cfg: JobConfig, rowsTotal: number): JobState {
  return newJobState({
    jobId: 'run-1',
    config: cfg,
    sheetName: 'Contacts',
    startedBy: 'ann@example.com',
    now: T0,
    rowsTotal,
  });
}

/** What a person sees in the sheet for a row. */
export type Seen = Pick<RowOutcome, 'row' | 'status' | 'reason' | 'contactId'>;

/** The story of a job: the requests it makes, each answered by the test. */
export class Script {
  now = T0;
  readonly outcomes: RowOutcome[] = [];
  /** Every request handed out, as "METHOD /path" (decoded, no query). */
  readonly calls: string[] = [];
  /** When each of `calls` was handed out (the simulated clock). */
  readonly times: number[] = [];
  /** Times `next` asked for the checkpoint to be saved before its sends. */
  persists = 0;
  /** The checkpoint as the driver last saved it when the job asked to (`persist`). */
  saved: JobState | null = null;
  private readonly queue: Send[] = [];

  constructor(readonly job: ImportJob) {}

  static start(cfg: Partial<JobConfig>, rows: WorkRow[]): Script {
    const c = config(cfg);
    return new Script(ImportJob.resume(firstState(c, rows.length), rows, { random: () => 0.5 }));
  }

  static resume(state: JobState, rows: WorkRow[]): Script {
    const script = new Script(ImportJob.resume(state, rows, { random: () => 0.5 }));
    script.now = Math.max(T0, state.updatedAt) + 60_000;
    return script;
  }

  /** The next request the job makes, advancing the clock as the job asks; not answered. */
  take(): Send & { call: string; body: unknown } {
    for (let guard = 0; this.queue.length === 0; guard++) {
      if (guard > 10_000) throw new Error('the job kept waiting');
      const { sends, outcomes, waitMs, persist } = this.job.next(this.now);
      this.outcomes.push(...outcomes);
      if (persist) {
        this.persists++;
        this.saved = this.job.checkpoint();
      }
      for (const send of sends) {
        this.calls.push(describe(send));
        this.times.push(this.now);
      }
      this.queue.push(...sends);
      if (sends.length > 0) break;
      if (waitMs === null)
        throw new Error(
          `the job made no request (status ${this.job.status}); it made:\n  ${this.calls.join('\n  ')}`,
        );
      this.now += waitMs;
    }
    const send = this.queue.shift() as Send;
    const body =
      send.request.body === undefined ? undefined : (JSON.parse(send.request.body) as unknown);
    return { ...send, call: describe(send), body };
  }

  /** The request the job makes next must be `call`; it gets `result`. Returns its body. */
  answer(call: string, result: HttpResult): unknown {
    const send = this.take();
    expect(send.call).toBe(call);
    this.reply(send, result);
    return send.body;
  }

  /** The next `times` requests are all `call`, each answered `result`. */
  answerTimes(times: number, call: string, result: HttpResult): void {
    for (let i = 0; i < times; i++) this.answer(call, result);
  }

  /** Answers a request taken earlier. */
  reply(send: Send, result: HttpResult): void {
    this.outcomes.push(...this.job.accept(send.id, result, this.now));
  }

  /** The job makes no other request and its slice is over. */
  end(): void {
    for (let guard = 0; !this.job.finished; guard++) {
      if (guard > 10_000) throw new Error('the job never finished');
      const { sends, outcomes, waitMs } = this.job.next(this.now);
      this.outcomes.push(...outcomes);
      if (sends.length > 0 || this.queue.length > 0)
        throw new Error(
          `unexpected request: ${[...this.queue, ...sends].map(describe).join(', ')}`,
        );
      if (waitMs === null) break;
      this.now += waitMs;
    }
    expect(this.job.finished).toBe(true);
  }

  /** The outcomes as the sheet shows them, in the order they were settled. */
  sheet(): Seen[] {
    return this.outcomes.map(({ row, status, reason, contactId }) => ({
      row,
      status,
      reason,
      contactId,
    }));
  }
}

function describe(send: Send): string {
  const path = send.request.url.slice(BASE.length).split('?')[0] as string;
  return `${send.request.method} ${decodeURIComponent(path)}`;
}
