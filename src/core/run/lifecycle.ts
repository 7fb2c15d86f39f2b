/**
 * A run's life as the add-on keeps it: the stored record (the job's checkpoint plus who
 * drives it), its transitions (cancelled, failed), what a sidebar is shown of it
 * (`progressView`), and every text a person reads about a run's state, in one place.
 *
 * A run is processing, paused, completed, cancelled or failed (the job's own states). It
 * is *abandoned* when it is processing but nobody has driven it for a minute (the sidebar
 * running it was closed): not a state of its own, a view of the record at a time, so a
 * watcher shows it as paused and any editor may resume it.
 */
import { z } from 'zod';
import type { JobProgress } from '../../rpc';
import type { ImportJob, JobState } from '../job';
import { rowsDone, type RunMode } from '../outcome';
import { IDENTIFIERS, PURPOSES } from '../rules';

/** A runner that has not reported for this long has gone (its sidebar was closed). */
export const STALE_MS = 7 * 60 * 1000;
/** A job between slices that nobody has driven for this long was left by a closed sidebar. */
export const IDLE_MS = 60_000;

export const RUN_TEXT = {
  cancelled: 'Cancelled: rows not yet sent keep their previous status.',
  cancelling: 'Cancelling: the rows being sent now finish first.',
  abandoned: 'The import paused when the sidebar running it was closed. Resume it to go on.',
  tabDeleted: 'The tab being imported was deleted.',
  stalled: 'The import stopped making progress. Cancel it and start again.',
  noLongerRunning: 'This import is no longer running.',
  reopen: 'This import is no longer running. Open the sidebar again to see the latest.',
  otherWork: 'Another check or import is running on this spreadsheet. Wait a moment and try again.',
  selectFirst:
    'Select the rows to import in the sheet first (click row numbers), then start again.',
  /**
   * Google's URL Fetch quota is per person and "resets 24 hours after the first request"
   * (https://developers.google.com/apps-script/guides/services/quotas): not at midnight, not
   * 24 hours after it ran out.
   */
  quota:
    "Google's daily limit on web requests for your account (20,000 a day; 100,000 with Google Workspace) is used up. The import paused; resume it once Google resets the limit, 24 hours after the first request you made in this period, so at most a day from now.",
  nothingToSend: (unchanged: number) =>
    unchanged > 0
      ? `Nothing to send: all ${unchanged} rows were imported before and have not changed.`
      : 'Nothing to send: no rows match this choice.',
  busy: (state: Pick<JobState, 'startedBy' | 'sheetName'>, since: string) =>
    `${state.startedBy} is importing "${state.sheetName}" since ${since}. Wait for it to finish, or follow its progress here.`,
  pausedRun: (state: Pick<JobState, 'startedBy' | 'sheetName'>) =>
    `An import of "${state.sheetName}" started by ${state.startedBy} is paused. Resume or cancel it first.`,
} as const;

const Counts = z.object({
  imported: z.number(),
  updated: z.number(),
  skipped: z.number(),
  errors: z.number(),
});

/** The job's checkpoint as stored: every field checked, so a damaged record is refused whole. */
const StoredJobState = z.object({
  version: z.literal(1),
  jobId: z.string().min(1),
  config: z.object({
    baseUrl: z.string(),
    purpose: z.enum(PURPOSES),
    identifier: z.enum(IDENTIFIERS).nullable(),
    doNotOverwrite: z.boolean(),
    runTags: z.array(z.string()),
    tagsColumn: z.boolean(),
  }),
  sheetName: z.string(),
  startedBy: z.string(),
  startedAt: z.number(),
  updatedAt: z.number(),
  status: z.enum(['processing', 'paused', 'completed', 'cancelled', 'failed']),
  message: z.string().nullable(),
  rowsTotal: z.number(),
  counts: Counts,
  // The pacer reads a state of another version as "start afresh" (pacing.ts).
  pacer: z.object({ version: z.number(), endpoints: z.record(z.string(), z.unknown()) }),
  lookup: z.object({ perCall: z.number(), getOnly: z.boolean() }),
  journal: z.array(z.string()).optional(),
  clean: z.boolean(),
});

export const RunRecord = z.object({
  sheetId: z.number(),
  mode: z.enum(['pending', 'errors', 'selected']),
  /** Rows chosen for mode `selected`, as compact ranges: "2-40,57". */
  selected: z.string(),
  historyRow: z.number().nullable(),
  /** Who runs the current slice, and when it last reported: a vanished runner goes stale. */
  runner: z.string().nullable(),
  heartbeat: z.number(),
  etaSeconds: z.number().nullable(),
  state: StoredJobState.transform((state) => state as JobState),
});
export type RunRecord = z.infer<typeof RunRecord>;

export const LiveFigures = z.object({
  jobId: z.string(),
  rowsDone: z.number(),
  rowsTotal: z.number(),
  counts: Counts,
  etaSeconds: z.number().nullable(),
  at: z.number(),
});
export type LiveFigures = z.infer<typeof LiveFigures>;

/** A job that is processing and was driven recently (a slice runs, or ran a moment ago). */
export function isLive(record: RunRecord, now: number): boolean {
  if (record.state.status !== 'processing') return false;
  return now - record.heartbeat < (record.runner !== null ? STALE_MS : IDLE_MS);
}

/** Why a new run may not start beside `existing`; null when it may. */
export function startBlocked(
  existing: RunRecord | null,
  now: number,
  since: (at: number) => string,
): string | null {
  if (!existing) return null;
  if (isLive(existing, now)) return RUN_TEXT.busy(existing.state, since(existing.state.startedAt));
  const { status } = existing.state;
  return status === 'paused' || status === 'processing' ? RUN_TEXT.pausedRun(existing.state) : null;
}

/** The run is over: completed, cancelled or failed. */
export function isOver(record: RunRecord): boolean {
  return record.state.status !== 'processing' && record.state.status !== 'paused';
}

/** A run cancelled with nothing running (a slice that is running cancels its own job). */
export function cancelled(record: RunRecord, now: number): RunRecord {
  return {
    ...record,
    runner: null,
    state: { ...record.state, status: 'cancelled', message: RUN_TEXT.cancelled, updatedAt: now },
  };
}

export function failed(record: RunRecord, message: string, now: number): RunRecord {
  return { ...record, state: { ...record.state, status: 'failed', message, updatedAt: now } };
}

/**
 * What a sidebar shows. `more` tells the sidebar driving the job to call again. A sidebar
 * that only watches (another editor's, or one reopened mid-job) gets `more` only when no
 * slice is running; a job nobody has driven for a minute shows as paused (abandoned) to a
 * watcher, and any editor may resume it.
 */
export function progressView(
  record: RunRecord,
  now: number,
  caller: 'runner' | 'watcher' = 'runner',
): JobProgress {
  const { state } = record;
  const counts = state.counts;
  const done = rowsDone(counts);
  const sliceRunning = record.runner !== null && now - record.heartbeat < STALE_MS;
  const abandoned =
    state.status === 'processing' &&
    !sliceRunning &&
    now - record.heartbeat >= IDLE_MS &&
    caller === 'watcher';
  return {
    jobId: state.jobId,
    status: abandoned ? 'paused' : state.status,
    sheetName: state.sheetName,
    startedBy: state.startedBy,
    startedAt: new Date(state.startedAt).toISOString(),
    rowsDone: done,
    rowsTotal: Math.max(state.rowsTotal, done),
    counts: { ...counts },
    etaSeconds: record.etaSeconds,
    message: abandoned ? RUN_TEXT.abandoned : state.message,
    more: state.status === 'processing' && !abandoned && (caller === 'runner' || !sliceRunning),
  };
}

/** The freshest figures of a running job: its record's, or its slice's when further on. */
export function freshest(saved: JobProgress, live: LiveFigures | null) {
  const { jobId, rowsDone, rowsTotal, counts, etaSeconds } =
    live && live.jobId === saved.jobId && live.rowsDone > saved.rowsDone ? live : saved;
  return { jobId, rowsDone, rowsTotal, counts: { ...counts }, etaSeconds };
}

/** A new run's record: no slice runs it yet. */
export function newRecord(run: {
  sheetId: number;
  mode: RunMode;
  selectedRows: ReadonlySet<number>;
  state: JobState;
  historyRow: number | null;
  now: number;
}): RunRecord {
  return {
    sheetId: run.sheetId,
    mode: run.mode,
    selected: encodeRows(run.selectedRows),
    historyRow: run.historyRow,
    runner: null,
    heartbeat: run.now,
    etaSeconds: null,
    state: run.state,
  };
}

type JobFigures = Pick<
  ImportJob,
  'rowsDone' | 'rowsTotal' | 'counts' | 'etaSeconds' | 'checkpoint'
>;

/** The record with the job's checkpoint; a slice's save also stamps its heartbeat and pace. */
export function withCheckpoint(
  record: RunRecord,
  job: JobFigures,
  heartbeat: number | null,
): RunRecord {
  const state = job.checkpoint();
  return heartbeat === null
    ? { ...record, state }
    : { ...record, state, heartbeat, etaSeconds: job.etaSeconds() };
}

/** A slice ended: nobody runs the job now. */
export function sliceEnded(record: RunRecord): RunRecord {
  return { ...record, runner: null };
}

/** What a slice publishes every few seconds for the sidebars waiting on it. */
export function liveFigures(job: JobFigures, jobId: string, now: number): LiveFigures {
  return {
    jobId,
    rowsDone: job.rowsDone,
    rowsTotal: Math.max(job.rowsTotal, job.rowsDone),
    counts: { ...job.counts },
    etaSeconds: job.etaSeconds(),
    at: now,
  };
}

/** Row sets as compact ranges ("2-40,57"): a selection of any size fits in a property. */
export function encodeRows(rows: ReadonlySet<number>): string {
  const sorted = [...rows].sort((a, b) => a - b);
  const parts: string[] = [];
  for (let i = 0; i < sorted.length;) {
    let j = i;
    while (j + 1 < sorted.length && sorted[j + 1] === (sorted[j] as number) + 1) j++;
    parts.push(i === j ? String(sorted[i]) : `${sorted[i]}-${sorted[j]}`);
    i = j + 1;
  }
  return parts.join(',');
}

export function decodeRows(text: string): Set<number> {
  const out = new Set<number>();
  for (const part of text.split(',')) {
    const [a, b] = part.split('-').map(Number);
    if (a === undefined || !Number.isFinite(a)) continue;
    for (let row = a; row <= (b !== undefined && Number.isFinite(b) ? b : a); row++) out.add(row);
  }
  return out;
}
