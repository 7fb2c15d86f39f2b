/**
 * The import job: a sans-I/O state machine that turns validated rows into API calls and API
 * answers into row outcomes. It sends nothing itself and never waits:
 *
 *   const job = ImportJob.resume(state, rows, catalogue);
 *   while (!job.finished) {
 *     const { sends, waitMs } = job.next(now());     // requests that may go now
 *     …send them (in parallel), sleep waitMs when there are none…
 *     job.accept(id, result, now());                 // → outcomes that became final
 *   }
 *   save(job.checkpoint());                          // small JSON: resume anywhere
 *
 * Rows go through look-up (batched, none for add-all) → decision (the purpose table) →
 * write → tags, each step paced per endpoint by the Pacer so different endpoints proceed
 * side by side. Per-row truth lives in the sheet's outcome columns, so the state holds no
 * rows: a resumed slice is fed the rows still pending and picks them up again. Contacts an
 * interrupted slice may have created are known from facts, never from clocks: the journal
 * in the checkpoint lists the rows whose create was handed out and not yet answered, and
 * `next` asks the driver to save the checkpoint before such a create goes (`persist`).
 */
import {
  addTags,
  byEmail,
  byId,
  byPhone,
  createContact,
  createOrUpdateContact,
  customFieldKey,
  DEFAULT_RETRY,
  findCustomField,
  emptyPacerState,
  ENDPOINTS,
  getContact,
  Lookup,
  Pacer,
  readContact,
  readWrite,
  removeTags,
  retryDecision,
  toApiIdentifier,
  updateContact,
  type ApiError,
  type ApiRequest,
  type Contact,
  type ContactFields,
  type CustomFieldDef,
  type HttpResult,
  type ApiIdentifier,
  type LookupResult,
  type PacerState,
  type WritableApiIdentifier,
  midRunMessage,
} from '../api';
import {
  countOutcome,
  emptyCounts,
  rowsDone,
  type Counts,
  type RowOutcome,
  type RowStatus,
} from './outcome';
import {
  decide,
  estimateRest,
  isFreshFrom,
  tagChanges,
  updateFields,
  wantedTags,
  type Decision,
} from './plan';
import { fnv1a32 } from './fingerprint';
import { REASON, type Reason } from './reasons';
import { RUN_TEXT } from './run/lifecycle';
import type { Identifier, Purpose } from './settings';
import { identifierValueKey, type IdentifierValue } from './validate';

/** One valid row to import, as the driver read it this slice. */
export interface WorkRow {
  /** 1-based sheet row. */
  row: number;
  /** Normalised identifier value (E.164, lower-case email, id digits); null only for add-all. */
  identifierValue: IdentifierValue | null;
  fields: ContactFields;
  /** Tags from a mapped Tags column (null/undefined when none). */
  tags?: string[] | null;
  fingerprint: string;
  /**
   * An earlier run recorded this row as Imported, Updated or Skipped: a contact found for
   * it was not created by this run, however recently.
   */
  settled?: boolean;
}

export interface JobConfig {
  baseUrl: string;
  purpose: Purpose;
  identifier: Identifier | null;
  doNotOverwrite: boolean;
  /** Run tags and the import tag, for every contact added or updated. */
  runTags: string[];
  /** A Tags column is mapped: with Do Not Overwrite off its tags replace the contact's. */
  tagsColumn: boolean;
}

export type JobStatus = 'processing' | 'paused' | 'completed' | 'cancelled' | 'failed';

/** Everything a job needs to go on in another execution. Small: no rows, no contacts. */
export interface JobState {
  version: 1;
  jobId: string;
  config: JobConfig;
  sheetName: string;
  startedBy: string;
  /** ms since epoch. */
  startedAt: number;
  updatedAt: number;
  status: JobStatus;
  /** Why it paused, failed or was cancelled, in plain words. */
  message: string | null;
  rowsTotal: number;
  counts: Counts;
  pacer: PacerState;
  /** What look-ups learned about the platform's list filter. */
  lookup: { perCall: number; getOnly: boolean };
  /**
   * Creates handed out whose answer was not read yet, or whose row's outcome the driver has
   * not saved yet (`recorded`), as short hashes of the rows' identifiers (journalKey): at
   * most the rows under way. A row found in the workspace whose hash is here was created
   * by this run. Absent in
   * checkpoints written before the journal existed (read as empty).
   */
  journal?: string[];
  /**
   * False between a slice's start and its last checkpoint: a slice resumed from a state that
   * is not clean follows one that died mid-work. The journal, not this flag, decides which
   * creates landed; it is kept for checkpoints written before the journal.
   */
  clean: boolean;
}

export interface NewJob {
  jobId: string;
  config: JobConfig;
  sheetName: string;
  startedBy: string;
  now: number;
  /** Rows this run will handle (valid to send plus invalid to mark). */
  rowsTotal: number;
}

export function newJobState(job: NewJob): JobState {
  return {
    version: 1,
    jobId: job.jobId,
    config: job.config,
    sheetName: job.sheetName,
    startedBy: job.startedBy,
    startedAt: job.now,
    updatedAt: job.now,
    status: 'processing',
    message: null,
    rowsTotal: job.rowsTotal,
    counts: emptyCounts(),
    pacer: emptyPacerState(),
    lookup: { perCall: 50, getOnly: false },
    journal: [],
    clean: true,
  };
}

export interface Send {
  id: string;
  request: ApiRequest;
}

export interface NextSends {
  sends: Send[];
  /** Rows settled without a call (e.g. add-all rows with neither phone nor email). */
  outcomes: RowOutcome[];
  /** When nothing may go now: ms until something may (null: waiting on answers, or idle). */
  waitMs: number | null;
  /**
   * These sends include creates new to the journal: save `checkpoint()` before sending
   * them, so a run killed before their answers arrive knows the contacts are its own.
   */
  persist: boolean;
}

export interface JobOptions {
  /** Workspace custom fields, to compare values for Do Not Overwrite and tell names from slugs. */
  customFields?: readonly CustomFieldDef[];
  /** Rows being worked on at once (look-ups run ahead of writes). */
  maxActiveRows?: number;
  /** Random source for back-off jitter. */
  random?: () => number;
}

type Retry =
  | { kind: 'answered' }
  | { kind: 'retried' }
  | { kind: 'gave-up'; message: string }
  | { kind: 'stopped' };

type Step =
  | { kind: 'lookup'; batch: number; tag: string }
  /** `tries`: sends of the create it stands in for, carried to the create it may resend. */
  | { kind: 'check'; tries?: number }
  | { kind: 'write'; create: boolean }
  /** The id a create did not answer with; `tags`: the row's tags are not sent yet. */
  | { kind: 'learn-id'; tags: boolean }
  /** A create refused (409) because the contact appeared since the look-up. */
  | { kind: 'appeared'; other: boolean }
  /** A step ran out of tries: one GET decides whether the row is done after all. */
  | { kind: 'recover'; failed: 'create' | 'update' | 'tags'; message: string }
  | { kind: 'tags' };

interface Op {
  id: string;
  step: Step;
  /** The row this op works for (-1 for look-ups, which serve a batch). */
  task: number;
  request: ApiRequest;
  tries: number;
  notBefore: number;
}

interface RowTask {
  index: number;
  work: WorkRow;
  key: string | null;
  /** Where writes go: the contact's id once known, else the row's identifier. */
  target: ApiIdentifier | null;
  contactId: number | null;
  status: RowStatus | null;
  /** Ops of this row still to be answered. */
  open: number;
  /** A create whose answer was lost may have happened: check before sending it again. */
  createMaybeApplied: boolean;
  /** The contact now holds the row's values (tags may still be pending). */
  written: boolean;
  /** Work dropped because the job stopped (cancel): said in the outcome. */
  cut: boolean;
  /**
   * Work not queued because the job is paused (an answer arrived after the pause): the row
   * has no outcome yet and the resume finishes it (the journal makes its contact this run's
   * own). Settled now, it would read "import cancelled before its tags were applied" and
   * the resume would skip it: a contact without its tags for good (a CLI run stopped with
   * Ctrl-C did this, test/integration/cli-import.test.ts, about 1 run in 20 under load).
   */
  deferred: boolean;
  failure: Reason | null;
  /** Why the row ends as it does when it is not an error (e.g. Skipped: appeared mid-run). */
  note: Reason | null;
  /** The row's hash in the journal (set while a create of it may be unanswered). */
  journal: string | null;
  /**
   * Steps that ran out of tries and were followed by a look-up: one look-up per step, so
   * a row whose update and tags both ran out (each landed, its answers lost) is checked
   * for both, not called an Error on the second.
   */
  recovered: Array<'create' | 'update' | 'tags'>;
}

interface Batch {
  lookup: Lookup;
  tasks: number[];
  /** A request of this look-up ran out of tries once and was given another round. */
  again?: boolean;
}

/**
 * Rows under way at most: a row spends about three fetchAll waves (look-up, create, tags)
 * in flight, so at 45 creates a second some 150 rows must be under way to keep up.
 */
const DEFAULT_ACTIVE_ROWS = 300;
/** One look-up batch: fewer rows under way would waste list calls. */
const MIN_ACTIVE_ROWS = 50;
/**
 * The look-up that decides whether a row whose step ran out of tries is done after all: it
 * writes nothing, so it may try twice as long. When it too runs out, the row is an Error
 * whose work may have landed unseen (a fault storm left one such row per few thousand).
 */
const RECOVER_RETRY = { ...DEFAULT_RETRY, maxTries: 16 };
/** Longest a wave is held for another endpoint's allowance (about one rate window). */
const GATHER_MS = 1_200;
const ACTIVE_SECONDS = 8;

export class ImportJob {
  private readonly state: JobState;
  private readonly pacer: Pacer;
  private readonly customFields: readonly CustomFieldDef[];
  private readonly maxActive: number;
  private readonly random: () => number;
  private readonly tasks: RowTask[] = [];
  private readonly pending: Op[] = [];
  private readonly inflight = new Map<string, Op>();
  private readonly batches = new Map<number, Batch>();
  private fed = 0;
  private active = 0;
  private nextOp = 1;
  private nextBatch = 1;
  private draining = false;
  /** Some answer of this execution was read: later "not the API" means an unreadable answer. */
  private answeredOk = false;
  /** Journal hashes of rows whose create may have landed unanswered (see JobState.journal). */
  private readonly journal: Set<string>;
  /** Journal hashes of rows settled since the driver last said outcomes were saved. */
  private readonly settledJournal = new Set<string>();

  private constructor(
    state: JobState,
    private readonly rows: readonly WorkRow[],
    options: JobOptions,
  ) {
    this.state = JSON.parse(JSON.stringify(state)) as JobState;
    this.pacer = new Pacer(this.state.pacer);
    this.customFields = options.customFields ?? [];
    this.maxActive = options.maxActiveRows ?? DEFAULT_ACTIVE_ROWS;
    this.random = options.random ?? Math.random;
    // Only rows still pending can be in flight: the rest were settled in the sheet.
    const pendingKeys = new Set(rows.map((row) => journalKey(rowKey(row))));
    this.journal = new Set((state.journal ?? []).filter((key) => pendingKeys.has(key)));
    this.state.clean = false;
  }

  /**
   * Picks a job up for one slice with the rows still pending (in sheet order). A paused job
   * goes on; a finished one stays finished. `done` are the counts of the rows the sheet
   * records as handled by this run: the sheet, not the last checkpoint, is the truth.
   */
  static resume(
    state: JobState,
    rows: readonly WorkRow[],
    options: JobOptions = {},
    done?: Counts,
  ): ImportJob {
    const job = new ImportJob(state, rows, options);
    if (done) {
      job.state.counts = { ...done };
      job.state.rowsTotal = Math.max(job.state.rowsTotal, job.rowsDone + rows.length);
    }
    if (job.state.status === 'paused') {
      job.state.status = 'processing';
      job.state.message = null;
    }
    // Nothing left to send (every row is done, e.g. the last slice drained after feeding
    // them all): the run is complete now. Drivers loop `while (!job.finished)`, which is
    // already true, so `next` would never get the chance to complete it.
    if (rows.length === 0) job.completeIfDone(job.state.updatedAt);
    return job;
  }

  get status(): JobStatus {
    return this.state.status;
  }

  get counts(): Readonly<Counts> {
    return this.state.counts;
  }

  get rowsDone(): number {
    return rowsDone(this.state.counts);
  }

  get rowsTotal(): number {
    return this.state.rowsTotal;
  }

  /** Nothing more will happen in this slice: finished, stopped, or drained and idle. */
  get finished(): boolean {
    if (this.inflight.size > 0) return false;
    if (this.state.status !== 'processing') return true;
    return this.active === 0 && (this.draining || this.fed >= this.rows.length);
  }

  /** Counts outcomes the driver settled itself (rows invalid before sending). */
  record(outcomes: readonly RowOutcome[]): void {
    for (const outcome of outcomes) countOutcome(this.state.counts, outcome.status);
    this.state.rowsTotal = Math.max(this.state.rowsTotal, this.rowsDone + this.rows.length);
  }

  /**
   * Requests to send now, and how long to wait when there are none. `gather` (a driver
   * that sends in waves, each costing a round trip): when some endpoint's allowance frees
   * up within GATHER_MS, wait for it so one wave carries every endpoint's share, instead of
   * sending creates and tags in alternate half-full waves.
   */
  next(now: number, max = Infinity, gather = false): NextSends {
    if (this.state.status !== 'processing')
      return { sends: [], outcomes: [], waitMs: null, persist: false };
    const outcomes: RowOutcome[] = [];
    this.admitRows(outcomes);
    const hold = gather ? this.gatherWait(now, max) : 0;
    if (hold > 0) return { sends: [], outcomes, waitMs: hold, persist: false };
    const sends: Send[] = [];
    let persist = false;
    let wait = Infinity;
    for (let i = 0; i < this.pending.length && sends.length < max;) {
      const op = this.pending[i] as Op;
      const until = Math.max(op.notBefore - now, this.pacer.wait(op.request.endpoint, now));
      if (until > 0) {
        wait = Math.min(wait, until);
        i++;
        continue;
      }
      this.pacer.schedule(op.request.endpoint, now);
      this.pending.splice(i, 1);
      op.tries++;
      if (op.step.kind === 'write' && op.step.create) persist = this.journalise(op) || persist;
      this.inflight.set(op.id, op);
      sends.push({ id: op.id, request: op.request });
    }
    this.completeIfDone(now);
    return {
      sends,
      outcomes,
      waitMs: sends.length > 0 || wait === Infinity ? null : wait,
      persist,
    };
  }

  /**
   * How long to hold the next wave so that every endpoint with requests due can send all of
   * them (up to its allowance) at once; 0 to send now (the wave is full, or the wait would
   * be long: a back-off or a Retry-After is not worth holding the others for).
   */
  private gatherWait(now: number, max: number): number {
    const due = new Map<string, number>();
    for (const op of this.pending)
      if (op.notBefore <= now)
        due.set(op.request.endpoint, (due.get(op.request.endpoint) ?? 0) + 1);
    let ready = 0;
    let hold = 0;
    for (const [endpoint, count] of due) {
      if (this.pacer.wait(endpoint, now) === 0) ready += count;
      hold = Math.max(hold, this.pacer.wait(endpoint, now, count));
    }
    return ready >= max || hold > GATHER_MS ? 0 : hold;
  }

  /** The answer to a send; returns the row outcomes that became final. */
  accept(id: string, result: HttpResult, now: number): RowOutcome[] {
    const op = this.inflight.get(id);
    if (!op) return [];
    this.inflight.delete(id);
    this.pacer.observe(op.request.endpoint, result, now);
    this.state.updatedAt = now;
    if (result.status >= 200 && result.status < 300 && !this.answeredOk) {
      this.answeredOk = readWrite(result, now).ok;
    }
    const out: RowOutcome[] = [];
    if (op.step.kind === 'lookup') this.acceptLookup(op, op.step, result, now, out);
    else this.acceptRowOp(op, result, now, out);
    this.completeIfDone(now);
    return out;
  }

  /**
   * Stop starting rows (the slice's time is nearly up): rows under way finish, then
   * `finished` turns true and the checkpoint resumes with the rest.
   */
  drain(): void {
    this.draining = true;
  }

  /**
   * Stop sending at once. Answers to requests already sent are still recorded, and rows
   * already written are settled now (their tags, if not yet applied, are said to be missing).
   */
  cancel(now: number): RowOutcome[] {
    if (this.state.status !== 'processing' && this.state.status !== 'paused') return [];
    this.finish('cancelled', RUN_TEXT.cancelled, now);
    const dropped = this.pending.splice(0);
    const touched = new Set<RowTask>();
    for (const op of dropped) {
      if (op.task < 0) continue;
      const task = this.tasks[op.task] as RowTask;
      task.open--;
      task.cut = true;
      touched.add(task);
    }
    const out: RowOutcome[] = [];
    for (const task of touched) if (task.open === 0 && task.written) this.complete(task, out);
    return out;
  }

  /**
   * Pause (daily quota, a rate limit that will not clear, a closed sidebar). Answers to
   * requests already sent are still accepted; nothing new is sent. Rows left unfinished
   * have no outcome yet, so the next slice is fed them again.
   */
  pause(message: string, now: number): void {
    if (this.state.status === 'processing') this.finish('paused', message, now);
  }

  /**
   * Stop for good (e.g. Google refused the workspace's URL): the job fails with `message`.
   * Rows left unfinished have no outcome yet, so a later run sends them.
   */
  stop(message: string, now: number): void {
    if (this.state.status === 'processing') this.finish('failed', message, now);
  }

  /**
   * Requests handed out by `next` that the driver could not send (e.g. Apps Script refused
   * the fetch for quota): no answer will come for them.
   */
  unsent(ids: readonly string[]): void {
    for (const id of ids) {
      const op = this.inflight.get(id);
      if (!op) continue;
      this.inflight.delete(id);
      if (op.task < 0) continue;
      const task = this.tasks[op.task] as RowTask;
      task.open--;
      // A create never sent made no contact: unless an earlier try of it may have landed,
      // the row leaves the journal, or a contact someone else makes before the next slice
      // would be taken for this run's own (and written to, even under add-only).
      if (op.step.kind === 'write' && op.step.create && !task.createMaybeApplied && task.journal) {
        this.journal.delete(task.journal);
        task.journal = null;
      }
    }
  }

  /**
   * Requests handed out by `next` that the driver was refused before sending (Google's
   * "too many times in a short time"): handed out again from `notBefore`, as if never sent.
   */
  sendLater(ids: readonly string[], notBefore: number): void {
    for (const id of ids) {
      const op = this.inflight.get(id);
      if (!op) continue;
      this.inflight.delete(id);
      op.tries--;
      op.notBefore = notBefore;
      this.pending.push(op);
    }
  }

  /**
   * The driver saved every outcome handed out so far (with the sheet or results file): their
   * rows leave the journal, which then holds only rows still under way. Call it after the
   * outcomes are written and before taking the checkpoint saved beside them.
   */
  recorded(): void {
    this.settledJournal.clear();
  }

  /** The state to save. `clean` marks the last checkpoint of a slice that drained. */
  checkpoint(): JobState {
    const state: JobState = JSON.parse(JSON.stringify(this.state)) as JobState;
    state.pacer = this.pacer.toJSON();
    state.journal = [...new Set([...this.journal, ...this.settledJournal])];
    state.clean = this.finished;
    return state;
  }

  /** Seconds left at the learned pace (null before any answer). */
  etaSeconds(): number | null {
    return estimateRest(this.state, this.writeRate()).seconds;
  }

  // ------------------------------------------------------------------ rows in

  private admitRows(out: RowOutcome[]): void {
    if (this.draining) return;
    const limit = this.activeLimit();
    // Rows that need a look-up are admitted a full batch at a time. Admitted one by one as
    // others finish, each would get a list call of its own: one look-up per row, and the
    // list endpoint's rate limit, not the writes', would set the pace of the whole import.
    const batch = Math.min(this.state.lookup.perCall, this.rows.length - this.fed, limit);
    if (this.state.config.purpose !== 'add-all' && limit - this.active < batch) return;
    const fresh: number[] = [];
    while (this.active < limit && this.fed < this.rows.length) {
      const work = this.rows[this.fed++] as WorkRow;
      const task = this.newTask(work);
      this.active++;
      if (this.state.config.purpose === 'add-all') this.startAddAll(task, out);
      else fresh.push(task.index);
    }
    if (fresh.length > 0) this.startLookups(fresh);
  }

  /**
   * Rows under way at once: enough to keep every endpoint busy, but no more than about
   * ACTIVE_SECONDS of work at the current pace, so a slice that drains at its deadline
   * finishes within seconds even against a slow workspace.
   */
  private activeLimit(): number {
    const paced = Math.ceil(this.writeRate() * ACTIVE_SECONDS);
    return Math.max(MIN_ACTIVE_ROWS, Math.min(this.maxActive, paced));
  }

  /**
   * The pace of the run's writes: plain creates (POST) for new contacts, PUT for existing
   * ones (create_or_update only for an id, which cannot create). An endpoint not used yet
   * reports the cautious initial rate, so the faster of the two is the one the run has learned.
   */
  private writeRate(): number {
    const update = this.pacer.rate(ENDPOINTS.updateContact);
    if (this.state.config.purpose === 'update') return update;
    return Math.max(this.pacer.rate(ENDPOINTS.createContact), update);
  }

  private newTask(work: WorkRow): RowTask {
    // add-all looks nothing up but still creates by phone (else email), as the API requires.
    const apiIdentifier = work.identifierValue
      ? toApiIdentifier(work.identifierValue)
      : work.fields.phone
        ? byPhone(work.fields.phone)
        : work.fields.email
          ? byEmail(work.fields.email)
          : null;
    const task: RowTask = {
      index: this.tasks.length,
      work,
      key: identifierValueKey(work.identifierValue),
      target: apiIdentifier,
      contactId: null,
      status: null,
      open: 0,
      createMaybeApplied: false,
      written: false,
      cut: false,
      deferred: false,
      failure: null,
      note: null,
      journal: null,
      recovered: [],
    };
    const hash = journalKey(rowKey(work));
    if (this.journal.has(hash)) {
      // The last slice sent a create for this row and never read the answer.
      task.journal = hash;
      task.createMaybeApplied = true;
    }
    this.tasks.push(task);
    return task;
  }

  private startLookups(taskIndexes: number[]): void {
    const { perCall, getOnly } = this.state.lookup;
    for (let i = 0; i < taskIndexes.length; i += perCall) {
      const slice = taskIndexes.slice(i, i + perCall);
      const identifiers = slice.map((t) => (this.tasks[t] as RowTask).target as ApiIdentifier);
      const lookup = new Lookup(this.state.config.baseUrl, identifiers, { perCall, getOnly });
      const batch = this.nextBatch++;
      this.batches.set(batch, { lookup, tasks: slice });
      this.queueLookupRequests(batch);
    }
  }

  private queueLookupRequests(batch: number): void {
    const entry = this.batches.get(batch) as Batch;
    for (const { tag, request } of entry.lookup.next()) {
      this.queue(-1, { kind: 'lookup', batch, tag }, request, 0);
    }
  }

  private startAddAll(task: RowTask, out: RowOutcome[]): void {
    if (task.target === null || task.target.type === 'id') {
      this.settle(task, 'Error', REASON.noChannel(), out);
      return;
    }
    if (task.createMaybeApplied) {
      // The last slice sent its create and never read the answer: ask before sending again.
      this.queue(
        task.index,
        { kind: 'check' },
        getContact(this.state.config.baseUrl, task.target),
        0,
      );
      return;
    }
    this.queueCreate(task);
  }

  // ------------------------------------------------------------------ answers

  private acceptLookup(
    op: Op,
    step: Extract<Step, { kind: 'lookup' }>,
    result: HttpResult,
    now: number,
    out: RowOutcome[],
  ): void {
    const entry = this.batches.get(step.batch);
    if (!entry) return;
    const retry = this.retryOrFail(op, result, now);
    if (retry.kind === 'retried' || retry.kind === 'stopped') return;
    if (retry.kind === 'gave-up' && !entry.again) {
      // Giving up would make every row of the batch an Error, existing contacts included
      // (fault storm: 50 rows at once). Like a write, it gets one more round first.
      entry.again = true;
      op.tries = 0;
      this.pending.push(op);
      return;
    }
    if (retry.kind === 'gave-up') entry.lookup.giveUp(step.tag, retry.message);
    else entry.lookup.accept(step.tag, result, now);
    // A cancelled job finishes what was written but starts no writes.
    if (this.state.status !== 'processing') return;

    if (entry.lookup.fatal) {
      this.finish('failed', entry.lookup.fatal.message, now);
      return;
    }
    this.state.lookup = { perCall: entry.lookup.perCall, getOnly: entry.lookup.getOnly };
    this.queueLookupRequests(step.batch);
    if (!entry.lookup.done) return;
    this.batches.delete(step.batch);
    for (const t of entry.tasks) {
      const task = this.tasks[t] as RowTask;
      const found: LookupResult = entry.lookup.resultFor(task.target as ApiIdentifier) ?? {
        kind: 'error',
        message: 'the workspace gave no answer for it',
      };
      this.act(task, decide(this.state.config.purpose, found, task.createMaybeApplied), out);
    }
  }

  private act(task: RowTask, decision: Decision, out: RowOutcome[]): void {
    switch (decision.action) {
      case 'error':
        this.settle(task, 'Error', decision.reason, out);
        return;
      case 'skip':
        task.contactId = decision.contactId;
        this.settle(task, 'Skipped', decision.reason, out);
        return;
      case 'create':
        this.queueCreate(task);
        return;
      case 'update': {
        const { contact } = decision;
        const { config } = this.state;
        task.contactId = contact.id;
        task.target = byId(contact.id);
        task.status = decision.reportAs;
        const fields = updateFields(
          task.work.fields,
          contact,
          config.doNotOverwrite,
          this.customFields,
        );
        task.written = fields === null;
        if (fields)
          this.queue(
            task.index,
            { kind: 'write', create: false },
            updateContact(config.baseUrl, task.target, this.wire(fields)),
            0,
          );
        const tags = tagChanges(wantedTags(task.work.tags, config.runTags), contact.tags ?? [], {
          replace: config.tagsColumn && !config.doNotOverwrite,
        });
        this.queueTags(task, tags.add, tags.remove);
        if (task.open === 0) this.settle(task, decision.reportAs, null, out);
        return;
      }
    }
  }

  private queueCreate(task: RowTask, tries = 0): void {
    const { config } = this.state;
    const target = task.target as WritableApiIdentifier;
    task.status = 'Imported';
    // The plain create, never create_or_update: its 200 confirms that this run created the
    // contact, and its 409 says the contact exists (appeared since the look-up), where
    // create_or_update answers alike whether it created or merged. An id cannot create:
    // create_or_update then updates the contact or answers 404.
    const fields = this.wire(task.work.fields);
    const request = this.plainCreate(task)
      ? createContact(config.baseUrl, target, fields)
      : createOrUpdateContact(config.baseUrl, target, fields);
    this.queue(task.index, { kind: 'write', create: true }, request, 0, tries);
  }

  /** The plain create (never a merge): whenever the identifier can create. */
  private plainCreate(task: RowTask): boolean {
    return task.target?.type !== 'id';
  }

  /** Records a create about to go in the journal; true when the journal grew. */
  private journalise(op: Op): boolean {
    const task = this.tasks[op.task] as RowTask;
    if (task.journal !== null) return false;
    task.journal = journalKey(rowKey(task.work));
    this.journal.add(task.journal);
    return true;
  }

  private acceptRowOp(op: Op, result: HttpResult, now: number, out: RowOutcome[]): void {
    const task = this.tasks[op.task] as RowTask;
    task.open--;
    const creating = op.step.kind === 'write' && op.step.create;
    // No answer to a create: it may have landed.
    if (creating && result.status === 0) task.createMaybeApplied = true;
    const retry = this.retryOrFail(op, result, now);
    if (retry.kind === 'retried') {
      if (creating && this.plainCreate(task)) this.recheckBeforeCreate(task, op);
      return;
    }
    // This very answer stopped the job (a rate limit that will not clear, a fatal answer):
    // its step did not happen. Like the steps still pending, the row is left without an
    // outcome for the next slice — not settled as Imported without its tags or its ID.
    if (retry.kind === 'stopped') return;
    if (retry.kind === 'gave-up') this.recover(task, op, retry.message);
    else if (retry.kind === 'answered') this.onAnswer(task, op, result, now);
    if (task.open > 0) return;
    // Written, but no answer named the contact (tags that answered without an id): one GET.
    if (this.needsId(task)) this.learnId(task, false);
    if (task.open > 0) return;
    // Stopped (paused or failed) before it was written: the row is sent again next time.
    if (this.state.status === 'processing' || (task.written && !task.deferred))
      this.complete(task, out);
  }

  /**
   * A write or tag call ran out of tries. Before calling the row an Error, look the contact
   * up once: the write may have landed with its answer lost, or the tags be there already.
   * The GETs that follow a create of ours (learn-id, check) count as the create's: their
   * tries running out says nothing about the contact, which may well exist (fault storm:
   * a confirmed create whose learn-id GET met 8 faults in a row was left in Error).
   */
  private recover(task: RowTask, op: Op, message: string): void {
    const kind = op.step.kind;
    // The look-up itself ran out of tries: the row is an Error for what its step met.
    if (op.step.kind === 'recover') {
      this.fail(task, REASON.requestFailed(op.step.message));
      return;
    }
    const failed =
      kind === 'write'
        ? op.step.kind === 'write' && op.step.create
          ? 'create'
          : 'update'
        : kind === 'learn-id' || kind === 'check'
          ? 'create'
          : kind;
    if (
      (failed !== 'create' && failed !== 'update' && failed !== 'tags') ||
      task.recovered.includes(failed)
    ) {
      this.fail(task, REASON.requestFailed(message));
      return;
    }
    task.recovered.push(failed);
    const target = task.target as ApiIdentifier;
    this.queue(
      task.index,
      { kind: 'recover', failed, message },
      getContact(this.state.config.baseUrl, target),
      0,
    );
  }

  private onAnswer(task: RowTask, op: Op, result: HttpResult, now: number): void {
    const { config } = this.state;
    switch (op.step.kind) {
      case 'check': {
        const found = readContact(result, now);
        if (found.ok) {
          // The journal says this run sent the create: finish the row as this run's.
          this.adopt(task, found.value.id);
          task.status = 'Imported';
          task.written = true;
          this.queueTags(task, wantedTags(task.work.tags, config.runTags), []);
        } else if (found.error.kind === 'row' && found.error.reason === 'not-found') {
          // Not there yet says nothing of later: the unanswered create may still be on the
          // wire (a killed slice's, or one whose connection dropped) and land after this
          // GET, and then the new create's 409 is our own contact, not someone else's (it
          // was an Error with no tags: job-resume-sim, add-all). createMaybeApplied stays.
          // The resent create goes on counting tries: a create answered 503 every time
          // gives up (then one GET) instead of check-and-resend for ever.
          this.queueCreate(task, op.step.tries);
        } else {
          this.fail(task, REASON.requestFailed(found.error.message));
        }
        return;
      }
      case 'write': {
        const written = readWrite(result, now);
        if (!written.ok) {
          const error = written.error;
          const conflict = error.kind === 'row' && error.reason === 'conflict';
          const appears = task.createMaybeApplied || config.purpose !== 'add-all';
          if (op.step.create && conflict && appears) {
            // Our own earlier try landed before its answer was lost (the journal's fact);
            // otherwise the contact appeared since the look-up: someone else's.
            const step: Step = task.createMaybeApplied
              ? { kind: 'learn-id', tags: true }
              : { kind: 'appeared', other: false };
            this.queue(
              task.index,
              step,
              getContact(config.baseUrl, task.target as ApiIdentifier),
              0,
            );
            return;
          }
          this.fail(task, REASON.requestFailed(error.message));
          return;
        }
        task.written = true;
        if (written.value.contactId !== null) this.adopt(task, written.value.contactId);
        if (!op.step.create) return;
        // The plain create answers without the contact's id. Its tags go to the row's
        // identifier, which now names this contact (the create's 200 says none had it), and
        // their answer carries the id: no GET just to learn it. Untagged rows learn it below.
        const tags = wantedTags(task.work.tags, config.runTags);
        if (tags.length > 0) this.queueTags(task, tags, []);
        else if (task.contactId === null) this.learnId(task, false);
        return;
      }
      case 'learn-id': {
        const found = readContact(result, now);
        if (!found.ok) {
          this.fail(task, REASON.idUnread(found.error.message));
          return;
        }
        task.written = true;
        this.adopt(task, found.value.id);
        if (op.step.tags) this.queueTags(task, wantedTags(task.work.tags, config.runTags), []);
        return;
      }
      case 'appeared': {
        const found = readContact(result, now);
        if (found.ok) {
          this.reconcile(task, found.value, false);
          return;
        }
        const other = otherIdentifier(task);
        if (!op.step.other && other !== null && found.error.kind === 'row') {
          // The platform matched the body's other identifier (the docs: it matches on phone
          // or email): that contact is the one that exists.
          this.queue(
            task.index,
            { kind: 'appeared', other: true },
            getContact(config.baseUrl, other),
            0,
          );
          return;
        }
        this.fail(task, REASON.contactUnread(found.error.message));
        return;
      }
      case 'recover': {
        const found = readContact(result, now);
        if (!found.ok) {
          this.fail(task, REASON.requestFailed(op.step.message));
          return;
        }
        this.reconcile(task, found.value, op.step.failed === 'create');
        return;
      }
      case 'tags': {
        const tagged = readWrite(result, now);
        if (!tagged.ok) this.fail(task, REASON.tagsFailed(tagged.error.message));
        else if (task.contactId === null && tagged.value.contactId !== null)
          this.adopt(task, tagged.value.contactId);
        return;
      }
      case 'lookup':
        return;
    }
  }

  private needsId(task: RowTask): boolean {
    return (
      this.state.status === 'processing' &&
      task.written &&
      task.contactId === null &&
      task.failure === null &&
      task.status === 'Imported'
    );
  }

  /** A GET by the row's identifier, for the id a create did not answer with. */
  private learnId(task: RowTask, tags: boolean): void {
    const target = task.target as ApiIdentifier;
    const request = getContact(this.state.config.baseUrl, target);
    this.queue(task.index, { kind: 'learn-id', tags }, request, 0);
  }

  private adopt(task: RowTask, id: number): void {
    task.contactId = id;
    task.target = byId(id);
  }

  /**
   * The contact as the workspace holds it after a create_or_update (or a write that ran out
   * of tries): make sure the row's values and tags are there, and say what happened.
   * `created`: the row's write was a create. A contact holding exactly what we sent is this
   * run's (Imported); one carrying anything else existed before — the look-up missed it —
   * so it is Updated (Skipped under add-only, which never merged: its create is plain),
   * and the fields that did not land (a platform that will not overwrite a name through
   * create_or_update) follow in a PUT.
   */
  private reconcile(task: RowTask, contact: Contact, created: boolean): void {
    const { config } = this.state;
    this.adopt(task, contact.id);
    const fresh = created && isFreshFrom(contact, task.work.fields, this.customFields);
    // A create of ours was neither confirmed nor possibly lost, and the contact is not what
    // it would have made: someone else's contact.
    const appeared =
      !task.written && task.status === 'Imported' && !fresh && !task.createMaybeApplied;
    if (appeared && config.purpose === 'add-all') {
      this.fail(task, REASON.existsNotOurs(contact.id));
      return;
    }
    if (appeared && config.purpose === 'add') {
      task.status = 'Skipped';
      task.note = REASON.appeared(contact.id);
      task.written = true;
      return;
    }
    if (appeared && config.purpose === 'add-update') task.status = 'Updated';
    const missing = fresh
      ? null
      : updateFields(
          task.work.fields,
          contact,
          config.doNotOverwrite && !created,
          this.customFields,
        );
    task.written = missing === null;
    if (missing)
      this.queue(
        task.index,
        { kind: 'write', create: false },
        updateContact(config.baseUrl, task.target as ApiIdentifier, this.wire(missing)),
        0,
      );
    const tags = tagChanges(wantedTags(task.work.tags, config.runTags), contact.tags ?? [], {
      replace: config.tagsColumn && !config.doNotOverwrite && !fresh,
    });
    this.queueTags(task, tags.add, tags.remove);
  }

  /** A plain create whose answer was lost: ask whether it landed before resending. */
  private recheckBeforeCreate(task: RowTask, op: Op): void {
    task.createMaybeApplied = true;
    const index = this.pending.indexOf(op);
    if (index < 0) return;
    const check: Op = {
      ...op,
      id: `op-${this.nextOp++}`,
      step: { kind: 'check', tries: op.tries },
      request: getContact(this.state.config.baseUrl, task.target as ApiIdentifier),
      tries: 0,
    };
    this.pending.splice(index, 1, check);
  }

  /**
   * Retries a failed send when its error allows; stops the job on a fatal error or a rate
   * limit that will not clear. `answered`: the step reads the result itself.
   */
  private retryOrFail(op: Op, result: HttpResult, now: number): Retry {
    const error = transportError(result, op, now);
    if (error === null || error.kind === 'row') return { kind: 'answered' };
    if (error.kind === 'fatal') {
      this.finish('failed', error.message, now);
      return { kind: 'stopped' };
    }
    const policy = op.step.kind === 'recover' ? RECOVER_RETRY : DEFAULT_RETRY;
    const decision = retryDecision(error, op.tries, this.random, policy);
    if (decision.retry) {
      op.notBefore = now + decision.waitMs;
      this.pending.push(op);
      if (op.task >= 0) (this.tasks[op.task] as RowTask).open++;
      return { kind: 'retried' };
    }
    if (error.kind === 'rate-limited') {
      this.pause(
        'The workspace keeps answering "too many requests". The import paused; resume it in a few minutes.',
        now,
      );
      return { kind: 'stopped' };
    }
    return { kind: 'gave-up', message: decision.message };
  }

  // ------------------------------------------------------------------ bookkeeping

  /**
   * Custom fields named as the platform surely accepts them: by slug when the workspace
   * gave one (some platforms take only slugs), else by display name.
   */
  private wire(fields: ContactFields): ContactFields {
    if (!fields.custom_fields || this.customFields.length === 0) return fields;
    const custom_fields = fields.custom_fields.map((entry) => {
      const def = findCustomField(this.customFields, entry.name);
      return def ? { name: customFieldKey(def), value: entry.value } : entry;
    });
    return { ...fields, custom_fields };
  }

  private queueTags(task: RowTask, add: readonly string[], remove: readonly string[]): void {
    const { baseUrl } = this.state.config;
    const target = task.target as ApiIdentifier;
    for (const request of removeTags(baseUrl, target, remove))
      this.queue(task.index, { kind: 'tags' }, request, 0);
    for (const request of addTags(baseUrl, target, add))
      this.queue(task.index, { kind: 'tags' }, request, 0);
  }

  private queue(task: number, step: Step, request: ApiRequest, notBefore: number, tries = 0): void {
    if (this.state.status !== 'processing') {
      const row = task >= 0 ? (this.tasks[task] as RowTask) : null;
      if (row && this.state.status === 'paused') row.deferred = true;
      else if (row) row.cut = true;
      return;
    }
    if (task >= 0) (this.tasks[task] as RowTask).open++;
    this.pending.push({ id: `op-${this.nextOp++}`, step, task, request, tries, notBefore });
  }

  private fail(task: RowTask, reason: Reason): void {
    task.failure ??= reason;
  }

  private complete(task: RowTask, out: RowOutcome[]): void {
    if (task.failure !== null) this.settle(task, 'Error', task.failure, out);
    else if (task.cut) this.settle(task, task.status ?? 'Imported', REASON.tagsCut(), out);
    else this.settle(task, task.status ?? 'Imported', task.note, out);
  }

  private settle(task: RowTask, status: RowStatus, reason: Reason | null, out: RowOutcome[]): void {
    this.active--;
    // The row's outcome is not saved yet: it stays in the journal until `recorded()`.
    if (task.journal !== null) {
      this.journal.delete(task.journal);
      this.settledJournal.add(task.journal);
    }
    countOutcome(this.state.counts, status);
    out.push({
      row: task.work.row,
      key: task.key,
      fingerprint: task.work.fingerprint,
      status,
      reason: reason?.text ?? null,
      code: reason?.code ?? null,
      contactId: task.contactId,
    });
  }

  /** Every row fed was settled and nothing is left to send: the run is complete. */
  private completeIfDone(now: number): void {
    const idle = this.inflight.size === 0 && this.pending.length === 0 && this.active === 0;
    if (
      this.state.status === 'processing' &&
      idle &&
      !this.draining &&
      this.fed >= this.rows.length
    ) {
      this.finish('completed', null, now);
    }
  }

  private finish(status: JobStatus, message: string | null, now: number): void {
    this.state.status = status;
    // After answers that were read, "not the API" would mislead: the answer was unreadable.
    this.state.message =
      status === 'failed' && message !== null && (this.answeredOk || this.rowsDone > 0)
        ? midRunMessage(message)
        : message;
    this.state.updatedAt = now;
  }
}

/** The error to act on for an answer, or null when the step should read the answer itself. */
function transportError(result: HttpResult, op: Op, now: number): ApiError | null {
  // Every step reads its own answer; here only whether it is an answer at all matters, and
  // readWrite classifies any JSON answer the same way the step's own reader would.
  const outcome = readWrite(result, now);
  return outcome.ok ? null : outcome.error;
}

/** The row's email when it is identified by phone, or its phone when by email. */
function otherIdentifier(task: RowTask): ApiIdentifier | null {
  const { fields } = task.work;
  if (task.work.identifierValue?.kind === 'phone' && fields.email) return byEmail(fields.email);
  if (task.work.identifierValue?.kind === 'email' && fields.phone) return byPhone(fields.phone);
  return null;
}

/** What identifies a row's contact in the journal: its identifier, else what add-all creates by. */
function rowKey(work: WorkRow): string {
  if (work.identifierValue) return identifierValueKey(work.identifierValue);
  if (work.fields.phone) return `phone:${work.fields.phone}`;
  return `email:${work.fields.email ?? ''}`;
}

/**
 * A journal entry: two FNV-1a hashes (64 bits, 14 base-36 characters) of the key, so the
 * journal of 200 rows in flight stays a few kilobytes whatever the identifiers' length. A
 * collision would need two rows under way with equal hashes: about 1 in 10^14 per pair.
 */
export function journalKey(key: string): string {
  const a = parseInt(fnv1a32(key), 16).toString(36);
  const b = parseInt(fnv1a32(`${key}\u0001`), 16).toString(36);
  return `${a.padStart(7, '0')}${b.padStart(7, '0')}`;
}
