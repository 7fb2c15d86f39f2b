/**
 * Imports run as a series of slices, each one Apps Script execution driven by the sidebar:
 * read the tab, pick up the rows still pending for this run, work the job until about
 * 4.5 minutes have passed, write the outcomes, checkpoint. The job record in
 * DocumentProperties lets any editor's sidebar watch, resume or cancel it; the document
 * lock, held for a slice, keeps two slices from ever running at once.
 */
import { ImportJob, newJobState, type JobState } from '../core/job';
import { markerText, type RowOutcome, type RunMode } from '../core/outcome';
import { rowAddress, locateIn } from '../core/locate';
import { rowsToRun } from '../core/run';
import { tableRow } from '../core/table';
import { identifierValueKey, identifierValueOf, identifierReadColumns } from '../core/validate';
import { importTagFor, runTags } from '../core/settings';
import type { JobProgress, LiveProgress } from '../rpc';
import { explainError_ } from './expose';
import { BusyError, fetchAll_, NotAllowedError, QuotaError } from './fetch';
import { readHistory_, writeHistory_ } from './history';
import { DEFAULT_DRAFT, type Draft } from './settings';
import {
  activeSheet_,
  cellsText_,
  extent_,
  findOwned_,
  fixColumns_,
  readColumn_,
  readHeaderRow_,
  readOwned_,
  readValues_,
  selectedRows_,
  sheetById_,
  sheetId_,
  sheetName_,
  spreadsheetZone_,
  usedSize_,
  writeOwned_,
  type OwnedWrites,
  type Sheet,
} from './sheet';
import * as storage from './storage';
import { checkTab_, identifierColumn_, TabProblem, type CheckedTab } from './tab';

/** A runner that has not reported for this long has gone (its sidebar was closed). */
const STALE_MS = 7 * 60 * 1000;
/** Outcomes reach the sheet at least this often, so a closed sidebar loses little. */
const FLUSH_MS = 30_000;
const CANCEL_CHECK_MS = 3_000;
/** How often a slice publishes its figures for the sidebars waiting on it. */
const LIVE_MS = 2_000;
/**
 * Requests in one fetchAll. The pacer lets a whole window's allowance of each endpoint go at
 * once (50 creates and 50 tag calls at a limit of 50 a second), and each wave costs a round
 * trip: waves must hold that much, or the import waits on round trips instead of the limit.
 */
const MAX_WAVE = 150;
/** A job between slices that nobody has driven for this long was left by a closed sidebar. */
const IDLE_MS = 60_000;

/**
 * Google's URL Fetch quota is per person and "resets 24 hours after the first request"
 * (https://developers.google.com/apps-script/guides/services/quotas): not at midnight, not
 * 24 hours after it ran out.
 */
/** After bursts that did not clear, the wave waits this long before it goes again. */
const BURST_PAUSE_MS = 5_000;

const QUOTA_MESSAGE =
  "Google's daily limit on web requests for your account (20,000 a day; 100,000 with Google Workspace) is used up. The import paused; resume it once Google resets the limit, 24 hours after the first request you made in this period, so at most a day from now.";

export function currentUser_(): string {
  return (
    Session.getActiveUser().getEmail() || Session.getEffectiveUser().getEmail() || 'a teammate'
  );
}

/**
 * The lock that allows one check or import per spreadsheet at a time. Google's
 * getDocumentLock() returns `Lock|null`: "If this method is called outside of the context of
 * a containing document (such as from a standalone script or webapp), null is returned."
 * (https://developers.google.com/apps-script/reference/lock/lock-service#getDocumentLock()).
 * Then the script lock stands in. It excludes every execution of the add-on, which includes
 * every execution on this spreadsheet, so two imports of one sheet still cannot interleave:
 * at worst an unrelated spreadsheet waits its turn (slower, never unsafe). A user lock would
 * not exclude a teammate's import of the same sheet; refusing to run would stop imports
 * for no gain in safety.
 */
function documentLock_(): GoogleAppsScript.Lock.Lock {
  const lock = LockService.getDocumentLock() as GoogleAppsScript.Lock.Lock | null;
  return lock ?? LockService.getScriptLock();
}

/**
 * Runs `work` holding the document lock when it can be had within `waitMs`, telling it
 * whether it got it. A slice holds the lock for minutes, so a review or an onEdit beside it
 * goes on without: then it writes only the cells it changes (never joining them with
 * unchanged cells read a moment ago, which the slice may have rewritten since).
 */
export function withShortLock_<T>(work: (held: boolean) => T, waitMs = 500): T {
  const lock = documentLock_();
  const held = lock.tryLock(waitMs);
  try {
    return work(held);
  } finally {
    if (held) lock.releaseLock();
  }
}

function withDocumentLock_<T>(work: () => T): T {
  const lock = documentLock_();
  if (!lock.tryLock(5_000)) {
    const record = storage.readJob();
    throw new Error(
      record && record.state.status === 'processing'
        ? busyMessage_(record.state)
        : 'Another check or import is running on this spreadsheet. Wait a moment and try again.',
    );
  }
  try {
    return work();
  } finally {
    lock.releaseLock();
  }
}

function busyMessage_(state: JobState): string {
  const since = Utilities.formatDate(new Date(state.startedAt), spreadsheetZone_(), 'MMM d, HH:mm');
  return `${state.startedBy} is importing "${state.sheetName}" since ${since}. Wait for it to finish, or follow its progress here.`;
}

/** A job that is processing and was driven recently (a slice runs, or ran a moment ago). */
function isLive_(record: storage.JobRecord, now: number): boolean {
  if (record.state.status !== 'processing') return false;
  return record.runner !== null
    ? now - record.heartbeat < STALE_MS
    : now - record.heartbeat < IDLE_MS;
}

/** Starts an import of the active tab: refused while another import runs or is paused. */
export function startImport(mode: RunMode): JobProgress {
  return withDocumentLock_(() => {
    const now = Date.now();
    const existing = storage.readJob();
    if (existing && isLive_(existing, now)) throw new Error(busyMessage_(existing.state));
    if (
      existing &&
      (existing.state.status === 'paused' || existing.state.status === 'processing')
    ) {
      throw new Error(
        `An import of "${existing.state.sheetName}" started by ${existing.state.startedBy} is paused. Resume or cancel it first.`,
      );
    }
    const token = requireToken_();
    void token;
    const sheet = activeSheet_();
    const draft = storage.readDraft(sheetId_(sheet)) ?? DEFAULT_DRAFT;
    // A TabProblem's message already says, in plain words, what to fix.
    const tab = checkTab_(sheet, draft);
    const jobId = `r${now.toString(36)}`;
    const selected = mode === 'selected' ? selectedDataRows_(sheet, tab) : new Set<number>();
    if (mode === 'selected' && selected.size === 0) {
      throw new Error(
        'Select the rows to import in the sheet first (click row numbers), then start again.',
      );
    }
    const run = rowsToRun(tab.table.rows, tab.report.rows, tab.table.owned, {
      mode,
      runId: jobId,
      selectedRows: selected,
    });
    if (run.work.length + run.invalid.length === 0) {
      throw new Error(
        run.unchanged > 0
          ? `Nothing to send: all ${run.unchanged} rows were imported before and have not changed.`
          : 'Nothing to send: no rows match this choice.',
      );
    }
    const importTag = tab.settings.addImportTag
      ? importTagFor(Utilities.formatDate(new Date(now), spreadsheetZone_(), 'yyyy-MM-dd HH:mm'))
      : null;
    const state = newJobState({
      jobId,
      config: {
        baseUrl: storage.readBaseUrl(),
        purpose: tab.settings.purpose,
        identifier: tab.settings.identifier,
        doNotOverwrite: tab.settings.doNotOverwrite,
        runTags: runTags(tab.settings, importTag),
        tagsColumn: tab.settings.mapping.some((m) => m.field === 'tags'),
      },
      sheetName: sheetName_(sheet),
      startedBy: currentUser_(),
      now,
      rowsTotal: run.work.length + run.invalid.length,
    });
    const record: storage.JobRecord = {
      sheetId: tab.sheetId,
      mode,
      selected: encodeRows_(selected),
      historyRow: null,
      runner: null,
      // Stamped when the job is saved, not when the start began: checking a big sheet takes
      // a minute or more, and a watcher would take a start that old for a closed sidebar.
      heartbeat: Date.now(),
      cancelRequested: false,
      etaSeconds: null,
      state,
    };
    record.historyRow = writeHistory_(state, null, spreadsheetZone_());
    storage.saveJobDraft(draft);
    storage.saveJob(record);
    return progress_(record, Date.now());
  });
}

/**
 * Works one slice of the job and answers with its progress. While another execution runs a
 * slice (a teammate's sidebar), it answers with progress instead, and the sidebar watches.
 */
export function continueImport(jobId: string): JobProgress {
  const lock = documentLock_();
  if (!lock.tryLock(1_000)) {
    const record = storage.readJob();
    if (record && record.state.jobId === jobId) return progress_(record, Date.now(), 'watcher');
    throw new Error(
      'Another check or import is running on this spreadsheet. Wait a moment and try again.',
    );
  }
  try {
    const record = storage.readJob();
    if (!record || record.state.jobId !== jobId) {
      throw new Error(
        'This import is no longer running. Open the sidebar again to see the latest.',
      );
    }
    if (record.state.status !== 'processing' && record.state.status !== 'paused')
      return progress_(record, Date.now());
    if (record.cancelRequested) return finishCancelled_(record);
    record.runner = currentUser_();
    record.heartbeat = Date.now();
    storage.saveJob(record);
    runSlice_(record, storage.readJobDraft() ?? DEFAULT_DRAFT, requireToken_());
    return progress_(record, Date.now());
  } finally {
    lock.releaseLock();
  }
}

/**
 * Cancels the job. A slice running in another execution sees the request within seconds
 * and stops; a paused job is cancelled at once.
 */
export function cancelImport(jobId: string): JobProgress {
  const record = storage.readJob();
  if (!record || record.state.jobId !== jobId) throw new Error('This import is no longer running.');
  const now = Date.now();
  if (record.state.status !== 'processing' && record.state.status !== 'paused')
    return progress_(record, now);
  if (isLive_(record, now) && record.runner !== null) {
    record.cancelRequested = true;
    storage.saveJob(record);
    return {
      ...progress_(record, now),
      message: 'Cancelling: the rows being sent now finish first.',
    };
  }
  return finishCancelled_(record);
}

function finishCancelled_(record: storage.JobRecord): JobProgress {
  const now = Date.now();
  record.state = {
    ...record.state,
    status: 'cancelled',
    message: 'Cancelled: rows not yet sent keep their previous status.',
    updatedAt: now,
  };
  record.runner = null;
  record.historyRow = writeHistory_(record.state, record.historyRow, spreadsheetZone_());
  storage.saveJob(record);
  return progress_(record, now);
}

export function getHistory() {
  return readHistory_();
}

/** The job on this spreadsheet for the sidebar, if one is running, paused or just ended. */
export function currentJob_(): JobProgress | null {
  const record = storage.readJob();
  if (!record) return null;
  const progress = progress_(record, Date.now(), 'watcher');
  return progress.status === 'processing' ? { ...progress, ...liveFigures_(progress) } : progress;
}

/**
 * A slice writes its outcomes to the sheet and its record every 30 seconds, and its
 * figures to the document cache every two: a sidebar waiting for the slice's answer (or a
 * teammate's, watching) sees the rows move meanwhile. No lock: it only reads.
 */
export function getImportProgress(jobId: string): LiveProgress | null {
  const record = storage.readJob();
  if (!record || record.state.jobId !== jobId || record.state.status !== 'processing') return null;
  return liveFigures_(progress_(record, Date.now()));
}

/** The freshest figures of a running job: its record's, or its slice's when further on. */
function liveFigures_(saved: JobProgress): LiveProgress {
  const live = storage.readLive();
  const { jobId, rowsDone, rowsTotal, counts, etaSeconds } =
    live && live.jobId === saved.jobId && live.rowsDone > saved.rowsDone ? live : saved;
  return { jobId, rowsDone, rowsTotal, counts: { ...counts }, etaSeconds };
}

function publishLive_(job: ImportJob, jobId: string): void {
  storage.saveLive({
    jobId,
    rowsDone: job.rowsDone,
    rowsTotal: Math.max(job.rowsTotal, job.rowsDone),
    counts: { ...job.counts },
    etaSeconds: job.etaSeconds(),
    at: Date.now(),
  });
}

// ---------------------------------------------------------------- the slice

function runSlice_(record: storage.JobRecord, draft: Draft, token: string): void {
  const deadline = Date.now() + storage.sliceMs();
  const sheet = sheetById_(record.sheetId);
  if (!sheet) {
    record.state = {
      ...record.state,
      status: 'failed',
      message: 'The tab being imported was deleted.',
    };
    storage.saveJob(record);
    return;
  }
  let tab: CheckedTab;
  try {
    tab = checkTab_(sheet, draft);
  } catch (e) {
    const message = e instanceof TabProblem ? e.message : explainError_(e);
    record.state = { ...record.state, status: 'failed', message };
    record.historyRow = writeHistory_(record.state, record.historyRow, spreadsheetZone_());
    storage.saveJob(record);
    return;
  }
  const run = rowsToRun(tab.table.rows, tab.report.rows, tab.table.owned, {
    mode: record.mode,
    runId: record.state.jobId,
    selectedRows: decodeRows_(record.selected),
  });
  const job = ImportJob.resume(
    record.state,
    run.work,
    { customFields: tab.customFields },
    run.alreadyDone,
  );
  let pending: RowOutcome[] = [...run.invalid];
  job.record(run.invalid);

  let lastFlush = Date.now();
  let lastCancelCheck = Date.now();
  let lastLive = Date.now();
  // What the last flush took: the slice stops sending early enough for its final flush (and
  // its record) to land before Google's limit, however big the sheet.
  let flushMs = 0;
  const flush = () => {
    const began = Date.now();
    writeOutcomes_(tab, pending, record.state.jobId);
    job.recorded();
    pending = [];
    lastFlush = Date.now();
    flushMs = Math.max(flushMs, lastFlush - began);
    record.state = job.checkpoint();
    record.heartbeat = lastFlush;
    record.etaSeconds = job.etaSeconds();
    storage.saveJob(record);
  };

  while (!job.finished) {
    const now = Date.now();
    if (now >= deadline - 2 * flushMs) job.drain();
    if (now - lastCancelCheck >= CANCEL_CHECK_MS) {
      lastCancelCheck = now;
      if (storage.readJob()?.cancelRequested) pending.push(...job.cancel(now));
    }
    const { sends, outcomes, waitMs, persist } = job.next(now, MAX_WAVE, true);
    pending.push(...outcomes);
    if (persist) {
      // The wave holds creates: their journal is saved first, so a slice killed before the
      // answers knows the contacts are its own (the job's journal, not clocks, says so).
      record.state = job.checkpoint();
      storage.saveJob(record);
    }
    if (sends.length > 0) {
      let results;
      try {
        results = fetchAll_(
          sends.map((s) => s.request),
          token,
        );
      } catch (e) {
        // In each case Google refused before sending anything.
        if (e instanceof BusyError) {
          // Bursts that did not clear after backing off: the job hands them out again.
          job.sendLater(
            sends.map((s) => s.id),
            Date.now() + BURST_PAUSE_MS,
          );
          continue;
        }
        if (!(e instanceof QuotaError) && !(e instanceof NotAllowedError)) throw e;
        job.unsent(sends.map((s) => s.id));
        if (e instanceof NotAllowedError) job.stop(e.message, Date.now());
        else job.pause(QUOTA_MESSAGE, Date.now());
        break;
      }
      const at = Date.now();
      sends.forEach((send, i) => pending.push(...job.accept(send.id, results[i] as never, at)));
    } else if (!job.finished) {
      if (waitMs === null)
        throw new Error('The import stopped making progress. Cancel it and start again.');
      Utilities.sleep(Math.max(10, Math.min(waitMs, 1_000, Math.max(10, deadline - Date.now()))));
    }
    // A periodic flush too close to the end is left to the final one.
    if (Date.now() - lastFlush >= FLUSH_MS && Date.now() + 3 * flushMs < deadline) flush();
    if (Date.now() - lastLive >= LIVE_MS) {
      publishLive_(job, record.state.jobId);
      lastLive = Date.now();
    }
  }
  flush();
  record.runner = null;
  if (record.cancelRequested && record.state.status === 'cancelled') record.cancelRequested = false;
  record.historyRow = writeHistory_(record.state, record.historyRow, spreadsheetZone_());
  storage.saveJob(record);
}

/**
 * Writes outcomes into their rows' owned cells. A teammate may have sorted or inserted rows
 * since the slice began, so each outcome goes to the row that now holds its contact. The
 * sheet is not read again in full (4M cells at 200,000 rows): only its header, the owned
 * columns and the identifier column(s). Rows without an identifier (add-all) are told
 * apart by the fingerprint of their values, so their rows are read: the outcomes' own rows
 * first, the whole data only when one of them has moved.
 */
function writeOutcomes_(tab: CheckedTab, outcomes: readonly RowOutcome[], runId: string): void {
  if (outcomes.length === 0) return;
  const sheet = tab.sheet;
  const headerRow = tab.settings.headerRow;
  const firstRow = headerRow + 1;
  const size = usedSize_(sheet);
  const { lastRow, lastColumn } = size;
  if (lastRow < firstRow || lastColumn === 0) return;
  const count = lastRow - headerRow;
  const owned = { ...tab.owned, ...findOwned_(readHeaderRow_(sheet, headerRow, size).values) };
  const current = readOwned_(sheet, owned, firstRow, count);

  const idColumns = identifierReadColumns(tab.validator);
  let idValues: Map<number, unknown[][]> | null = null;
  const keyAt = (row: number): string | null | undefined => {
    if (row < firstRow || row > lastRow) return undefined;
    idValues ??= new Map(idColumns.map((c) => [c, readColumn_(sheet, c, firstRow, count)]));
    const values: unknown[] = [];
    for (const c of idColumns) values[c] = idValues.get(c)?.[row - firstRow]?.[0] ?? '';
    return identifierValueKey(identifierValueOf(tab.validator, tableRow(row, values)));
  };
  const rows = wholeRows_(sheet, outcomes, firstRow, lastRow, lastColumn);
  const fingerprintAt = (row: number): string | undefined => {
    const values = rows(row);
    return values ? rowAddress(tab.validator, row, values).fingerprint : undefined;
  };
  const where = locateIn(outcomes, { keyAt, fingerprintAt }, firstRow, lastRow);

  const results = new Map(tab.report.rows.map((r) => [r.row, r]));
  const identifier = identifierColumn_(tab);
  const writes: OwnedWrites = new Map();
  outcomes.forEach((outcome, i) => {
    const row = where[i];
    if (row === null || row === undefined) return;
    // A look-up that found several contacts is about the identifier: name and mark its cell.
    const aboutIdentifier =
      outcome.status === 'Error' &&
      identifier !== null &&
      /^matches \d+ contacts/.test(outcome.reason ?? '');
    const result = results.get(outcome.row);
    // Cells with a suggested fix stay marked after the import, as a review would mark them.
    const fixes = result ? fixColumns_(result) : [];
    const errors =
      outcome.status !== 'Error'
        ? []
        : aboutIdentifier
          ? [identifier.index]
          : (result?.highlight ?? []);
    const cells: NonNullable<ReturnType<OwnedWrites['get']>> = {
      status: outcome.status,
      error: aboutIdentifier ? `${identifier.label}: ${outcome.reason}` : (outcome.reason ?? ''),
      fingerprint: markerText(outcome.fingerprint, runId),
      cells: cellsText_(errors, fixes),
    };
    if (outcome.contactId !== null) cells.contactId = outcome.contactId;
    else if (outcome.status !== 'Error') cells.contactId = '';
    writes.set(row, cells);
  });
  // The slice holds the document lock: nobody else writes statuses meanwhile.
  writeOwned_(sheet, owned, writes, { current, fill: true });
}

/**
 * Whole rows, read only when asked (outcomes without an identifier): the span of the
 * outcomes' rows first, the whole data when a row outside it is asked for (one moved).
 */
function wholeRows_(
  sheet: Sheet,
  outcomes: readonly RowOutcome[],
  firstRow: number,
  lastRow: number,
  lastColumn: number,
): (row: number) => unknown[] | undefined {
  let top = 0;
  let values: unknown[][] | null = null;
  const read = (from: number, to: number) => {
    top = from;
    values = readValues_(sheet, from, to, lastColumn);
  };
  return (row) => {
    if (row < firstRow || row > lastRow) return undefined;
    if (values === null) {
      const span = extent_(outcomes.map((o) => o.row)) ?? { min: firstRow, max: firstRow };
      read(Math.max(firstRow, span.min), Math.min(lastRow, span.max));
    }
    if (row < top || row >= top + (values as unknown[][]).length) {
      if (top !== firstRow || (values as unknown[][]).length !== lastRow - firstRow + 1)
        read(firstRow, lastRow);
    }
    return (values as unknown[][])[row - top];
  };
}

// ---------------------------------------------------------------- helpers

function requireToken_(): string {
  const token = storage.readToken();
  if (token === null)
    throw new Error('Connect to your workspace first: save an API token in step 0.');
  return token;
}

/** The selected rows under the header. */
function selectedDataRows_(sheet: Sheet, tab: CheckedTab): Set<number> {
  return new Set(selectedRows_(sheet).filter((row) => row > tab.settings.headerRow));
}

/** Row sets as compact ranges ("2-40,57"): a selection of any size fits in a property. */
export function encodeRows_(rows: ReadonlySet<number>): string {
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

export function decodeRows_(text: string): Set<number> {
  const out = new Set<number>();
  for (const part of text.split(',')) {
    const [a, b] = part.split('-').map(Number);
    if (a === undefined || !Number.isFinite(a)) continue;
    for (let row = a; row <= (b !== undefined && Number.isFinite(b) ? b : a); row++) out.add(row);
  }
  return out;
}

/**
 * Progress for the sidebar. `more` tells the sidebar driving the job to call again. A
 * sidebar that only watches (another editor's, or one reopened mid-job) gets `more` only
 * when no slice is running; a job nobody has driven for a minute shows as paused (its
 * sidebar was closed) and any editor may resume it.
 */
function progress_(
  record: storage.JobRecord,
  now: number,
  caller: 'runner' | 'watcher' = 'runner',
): JobProgress {
  const { state } = record;
  const counts = state.counts;
  const rowsDone = counts.imported + counts.updated + counts.skipped + counts.errors;
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
    rowsDone,
    rowsTotal: Math.max(state.rowsTotal, rowsDone),
    counts: { ...counts },
    etaSeconds: record.etaSeconds,
    message: abandoned
      ? 'The import paused when the sidebar running it was closed. Resume it to go on.'
      : state.message,
    more: state.status === 'processing' && !abandoned && (caller === 'runner' || !sliceRunning),
  };
}
