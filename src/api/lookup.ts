/**
 * Batched look-up: which workspace contacts do these identifiers name?
 *
 * One `POST /contact/list` finds up to `perCall` identifiers at once (an `$or` of
 * `isEqualTo` conditions), instead of one `GET` per row: the URL Fetch quota and the rate
 * limit are the real ceilings on an import. Pages are followed while a page comes back full.
 * Matching is done again on our side — phones as E.164, emails ignoring case — so that an
 * identifier matching several contacts is seen as ambiguous (`many`).
 *
 * When the platform answers a list call with 400 (e.g. fewer `$or` conditions allowed than
 * we sent), the batch is split in two and each half retried, and later batches are no larger
 * than what was refused; a single-identifier list refused too means the list filter is
 * unusable, and from then on each identifier is looked up with `GET /contact/{identifier}`.
 * A `GET` sees only the first of several contacts, so it cannot report `many`.
 *
 * The list index lags behind writes: a contact created a few seconds ago (by this job or
 * anyone) may not be listed yet, and then comes back `none`. Callers must therefore
 *  - remember the contacts this job created and not trust a `none` for those identifiers;
 *  - read a 409 on create as "it exists after all" (re-check with `GET`, which is current);
 *  - after a write whose answer was lost (network failure once the request left), check
 *    with `GET /contact/{identifier}`, never with a list look-up.
 *
 * Sans-I/O: `next()` hands out requests, `accept()` takes their final answers (after the
 * caller's own retries of 429 / transient failures, see `retryDecision`), and once `done`,
 * `results()` maps each identifier key (`apiIdentifierKey`) to its result.
 */
import type { ApiError } from './errors';
import type { HttpResult } from './http';
import {
  byEmail,
  byPhone,
  apiIdentifierKey,
  normaliseEmail,
  normalisePhone,
  type ApiIdentifier,
} from './identifier';
import { clampPageSize, fieldEquals, getContact, listContacts, type ApiRequest } from './requests';
import { readContact, readContactPage } from './responses';
import type { Contact } from './schemas';

export type LookupResult =
  | { kind: 'none' }
  | { kind: 'one'; contact: Contact }
  | { kind: 'many'; ids: number[] }
  /** This identifier could not be looked up (e.g. the platform kept failing); retry later. */
  | { kind: 'error'; message: string };

/** Identifiers per list call. The `$or` limit is not published; 50 is the emulator's. */
export const DEFAULT_PER_CALL = 50;
export const MAX_PER_CALL = 50;

export interface LookupOptions {
  /** Identifiers per list call, 1–50 (default 50). */
  perCall?: number;
  /** Page size of a list call, 1–99 (default 99). */
  pageSize?: number;
  /** Skip the list filter and GET each identifier (a previous look-up found it unusable). */
  getOnly?: boolean;
}

export interface LookupRequest {
  /** Pass back to `accept` with the answer. */
  tag: string;
  request: ApiRequest;
}

type Task =
  | {
      kind: 'list';
      tag: string;
      keys: string[];
      cursor: string | null;
      sent: boolean;
      /** Matching contacts found so far, by identifier key. */
      found: Record<string, Contact[]>;
    }
  | { kind: 'get'; tag: string; key: string; sent: boolean };

/** The whole state, JSON-serialisable (a look-up may span a checkpoint). */
export interface LookupState {
  version: 1;
  baseUrl: string;
  perCall: number;
  pageSize: number;
  identifiers: Record<string, ApiIdentifier>;
  /** Keys not yet given to a task, in input order. */
  queue: string[];
  tasks: Task[];
  results: Record<string, LookupResult>;
  /** The list filter was refused even for one identifier: use GET from now on. */
  listUnusable: boolean;
  fatal: ApiError | null;
  nextTask: number;
}

export class Lookup {
  private readonly s: LookupState;

  constructor(baseUrl: string, identifiers: readonly ApiIdentifier[], options: LookupOptions = {}) {
    const canonical: Record<string, ApiIdentifier> = {};
    const queue: string[] = [];
    for (const apiIdentifier of identifiers) {
      const normal = canonicalise(apiIdentifier);
      const key = apiIdentifierKey(normal);
      if (canonical[key] !== undefined) continue;
      canonical[key] = normal;
      queue.push(key);
    }
    this.s = {
      version: 1,
      baseUrl,
      perCall: Math.min(MAX_PER_CALL, Math.max(1, Math.floor(options.perCall ?? DEFAULT_PER_CALL))),
      pageSize: clampPageSize(options.pageSize),
      identifiers: canonical,
      queue,
      tasks: [],
      results: {},
      listUnusable: options.getOnly === true,
      fatal: null,
      nextTask: 1,
    };
  }

  /** Resumes a look-up from `toJSON()`. */
  static fromJSON(state: LookupState): Lookup {
    const lookup = new Lookup(state.baseUrl, []);
    Object.assign(lookup.s, clone(state));
    return lookup;
  }

  toJSON(): LookupState {
    return clone(this.s);
  }

  /**
   * Requests to send now, each handed out once (at most `max`). Empty when every request
   * handed out still awaits its answer, or when done.
   */
  next(max = Infinity): LookupRequest[] {
    if (this.s.fatal !== null) return [];
    this.planTasks();
    const out: LookupRequest[] = [];
    for (const task of this.s.tasks) {
      if (out.length >= max) break;
      if (task.sent) continue;
      task.sent = true;
      out.push({ tag: task.tag, request: this.requestFor(task) });
    }
    return out;
  }

  /** The final answer to the request handed out under `tag`. */
  accept(tag: string, result: HttpResult, now?: number): void {
    const task = this.s.tasks.find((t) => t.tag === tag && t.sent);
    if (task === undefined || this.s.fatal !== null) return;
    if (task.kind === 'get') this.acceptGet(task, result, now);
    else this.acceptList(task, result, now);
  }

  /** The caller gave up on this request (e.g. retries exhausted): its identifiers get `message`. */
  giveUp(tag: string, message: string): void {
    const task = this.s.tasks.find((t) => t.tag === tag && t.sent);
    if (task === undefined) return;
    const keys = task.kind === 'get' ? [task.key] : task.keys;
    for (const key of keys) this.s.results[key] = { kind: 'error', message };
    this.removeTask(task);
  }

  /** True when every identifier has a result, or the look-up hit a fatal error. */
  get done(): boolean {
    return this.s.fatal !== null || (this.s.queue.length === 0 && this.s.tasks.length === 0);
  }

  /**
   * Identifiers per list call as learned so far (lowered when the platform refused a batch):
   * pass it as `perCall` to the next look-up of the same job.
   */
  get perCall(): number {
    return this.s.perCall;
  }

  /** True once the platform refused even a one-identifier list: pass as `getOnly` next time. */
  get getOnly(): boolean {
    return this.s.listUnusable;
  }

  /** A job-stopping error (token refused, not the API…), else null. */
  get fatal(): ApiError | null {
    return this.s.fatal;
  }

  /** Results so far, by `apiIdentifierKey` of the normalised identifier. */
  results(): Map<string, LookupResult> {
    return new Map(Object.entries(this.s.results));
  }

  /** The result for one identifier (normalised like the input), if known yet. */
  resultFor(apiIdentifier: ApiIdentifier): LookupResult | undefined {
    return this.s.results[apiIdentifierKey(canonicalise(apiIdentifier))];
  }

  /** Turns queued identifiers into tasks: one GET per id, list batches for the rest. */
  private planTasks(): void {
    const batchable: string[] = [];
    for (const key of this.s.queue) {
      const apiIdentifier = this.s.identifiers[key] as ApiIdentifier;
      // Ids are not a documented list filter; one GET each is exact and as cheap.
      if (apiIdentifier.type === 'id' || this.s.listUnusable) {
        this.s.tasks.push({ kind: 'get', tag: this.newTag('get'), key, sent: false });
      } else {
        batchable.push(key);
      }
    }
    this.s.queue = [];
    for (let i = 0; i < batchable.length; i += this.s.perCall) {
      this.s.tasks.push(this.listTask(batchable.slice(i, i + this.s.perCall)));
    }
  }

  private listTask(keys: string[]): Task {
    return { kind: 'list', tag: this.newTag('list'), keys, cursor: null, sent: false, found: {} };
  }

  private newTag(prefix: string): string {
    return `${prefix}-${this.s.nextTask++}`;
  }

  private requestFor(task: Task): ApiRequest {
    if (task.kind === 'get') {
      return getContact(this.s.baseUrl, this.s.identifiers[task.key] as ApiIdentifier);
    }
    const conditions = task.keys.map((key) => {
      const apiIdentifier = this.s.identifiers[key] as ApiIdentifier;
      return fieldEquals(apiIdentifier.type, String(apiIdentifier.value));
    });
    return listContacts(this.s.baseUrl, {
      filter: { $or: conditions },
      limit: this.s.pageSize,
      cursorId: task.cursor,
    });
  }

  private acceptGet(task: Extract<Task, { kind: 'get' }>, result: HttpResult, now?: number): void {
    const outcome = readContact(result, now);
    if (outcome.ok) {
      this.s.results[task.key] = { kind: 'one', contact: outcome.value };
    } else if (outcome.error.kind === 'row' && outcome.error.reason === 'not-found') {
      this.s.results[task.key] = { kind: 'none' };
    } else if (outcome.error.kind === 'fatal') {
      this.s.fatal = outcome.error;
    } else {
      this.s.results[task.key] = { kind: 'error', message: outcome.error.message };
    }
    this.removeTask(task);
  }

  private acceptList(
    task: Extract<Task, { kind: 'list' }>,
    result: HttpResult,
    now?: number,
  ): void {
    const outcome = readContactPage(result, now);
    if (!outcome.ok) {
      const { error } = outcome;
      if (error.kind === 'fatal') {
        this.s.fatal = error;
      } else if (error.kind === 'row') {
        this.splitRefused(task);
      } else {
        for (const key of task.keys)
          this.s.results[key] = { kind: 'error', message: error.message };
        this.removeTask(task);
      }
      return;
    }
    const page = outcome.value;
    this.collectMatches(task, page.items);
    if (page.nextCursor !== null && page.items.length >= this.s.pageSize) {
      task.cursor = page.nextCursor;
      task.sent = false;
      return;
    }
    for (const key of task.keys) this.s.results[key] = resultOf(task.found[key] ?? []);
    this.removeTask(task);
  }

  /**
   * A refused list call: halve the batch, and every batch not yet sent, and retry; refused
   * for a single identifier, the list filter is unusable and all that is left goes to GETs.
   */
  private splitRefused(task: Extract<Task, { kind: 'list' }>): void {
    this.removeTask(task);
    if (task.keys.length <= 1 || this.s.listUnusable) {
      this.s.listUnusable = true;
      const unsent = this.s.tasks.filter(isFreshList);
      this.s.tasks = this.s.tasks.filter((t) => !isFreshList(t));
      this.s.queue.unshift(...task.keys, ...unsent.flatMap((t) => t.keys));
      return;
    }
    this.s.perCall = Math.min(this.s.perCall, Math.ceil(task.keys.length / 2));
    const tooBig = (t: Task): boolean => isFreshList(t) && t.keys.length > this.s.perCall;
    const rebatch = [task, ...this.s.tasks.filter(isFreshList).filter(tooBig)];
    this.s.tasks = this.s.tasks.filter((t) => !tooBig(t));
    for (const old of rebatch) {
      for (let i = 0; i < old.keys.length; i += this.s.perCall) {
        this.s.tasks.push(this.listTask(old.keys.slice(i, i + this.s.perCall)));
      }
    }
  }

  private collectMatches(task: Extract<Task, { kind: 'list' }>, contacts: Contact[]): void {
    const byValue = new Map<string, string>();
    for (const key of task.keys) {
      const apiIdentifier = this.s.identifiers[key] as ApiIdentifier;
      byValue.set(`${apiIdentifier.type}:${String(apiIdentifier.value)}`, key);
    }
    for (const contact of contacts) {
      const candidates = [
        contact.email ? `email:${normaliseEmail(contact.email)}` : null,
        contact.phone ? `phone:${normalisePhone(contact.phone)}` : null,
      ];
      for (const candidate of candidates) {
        const key = candidate === null ? undefined : byValue.get(candidate);
        if (key === undefined) continue;
        const found = (task.found[key] ??= []);
        if (!found.some((c) => c.id === contact.id)) found.push(contact);
      }
    }
  }

  private removeTask(task: Task): void {
    this.s.tasks = this.s.tasks.filter((t) => t.tag !== task.tag);
  }
}

/** A list task not handed out yet and still on its first page. */
function isFreshList(task: Task): task is Extract<Task, { kind: 'list' }> {
  return task.kind === 'list' && !task.sent && task.cursor === null;
}

function resultOf(found: Contact[]): LookupResult {
  if (found.length === 0) return { kind: 'none' };
  if (found.length === 1) return { kind: 'one', contact: found[0] as Contact };
  return { kind: 'many', ids: found.map((c) => c.id).sort((a, b) => a - b) };
}

function canonicalise(apiIdentifier: ApiIdentifier): ApiIdentifier {
  if (apiIdentifier.type === 'email') return byEmail(apiIdentifier.value);
  if (apiIdentifier.type === 'phone') return byPhone(apiIdentifier.value);
  return apiIdentifier;
}

function clone<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}
