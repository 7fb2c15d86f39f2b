/**
 * Imports run as a series of slices, each one Apps Script execution driven by the sidebar.
 * What a run is, how it starts, resumes, ends and looks to a sidebar is core/run; this file
 * is its I/O: the tab, the job record in DocumentProperties (any editor's sidebar can watch,
 * resume or cancel), the document lock (held for a slice: two slices never run at once),
 * and the run loop driven with fetchAll (drive.ts).
 */
import { rowAddress, locateIn } from '../core/locate';
import type { RowOutcome, RunMode } from '../core/outcome';
import {
  cancelled,
  failed,
  freshest,
  isLive,
  isOver,
  progressView,
  RUN_TEXT,
  startBlocked,
  type RunRecord,
} from '../core/run/lifecycle';
import { runLoop } from '../core/run/loop';
import {
  decodeRows,
  encodeRows,
  newRunId,
  resumeRun,
  startRun,
  type ReviewedSheet,
} from '../core/run/start';
import { identifierColumn } from '../core/mapping';
import { ownedCells } from '../core/run/writes';
import { importTagFor } from '../core/settings';
import { tableRow } from '../core/table';
import { identifierReadColumns, identifierValueKey, identifierValueOf } from '../core/validate';
import type { JobProgress, LiveProgress } from '../rpc';
import { drive_ } from './drive';
import { explainError_ } from './expose';
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
import { checkTab_, TabProblem, type CheckedTab } from './tab';

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

function withDocumentLock_<T>(waitMs: number, busy: () => T, work: () => T): T {
  const lock = documentLock_();
  if (!lock.tryLock(waitMs)) return busy();
  try {
    return work();
  } finally {
    lock.releaseLock();
  }
}

/** "Dec 2, 16:05" in the spreadsheet's time zone. */
function since_(at: number): string {
  return Utilities.formatDate(new Date(at), spreadsheetZone_(), 'MMM d, HH:mm');
}

function busy_(): never {
  const record = storage.readJob();
  throw new Error(
    record && record.state.status === 'processing'
      ? RUN_TEXT.busy(record.state, since_(record.state.startedAt))
      : RUN_TEXT.otherWork,
  );
}

/** Starts an import of the active tab: refused while another import runs or is paused. */
export function startImport(mode: RunMode): JobProgress {
  return withDocumentLock_(5_000, busy_, () => {
    const now = Date.now();
    const blocked = startBlocked(storage.readJob(), now, since_);
    if (blocked !== null) throw new Error(blocked);
    requireToken_();
    const sheet = activeSheet_();
    const draft = storage.readDraft(sheetId_(sheet)) ?? DEFAULT_DRAFT;
    // A TabProblem's message already says, in plain words, what to fix.
    const tab = checkTab_(sheet, draft);
    const selected = mode === 'selected' ? selectedDataRows_(sheet, tab) : new Set<number>();
    if (mode === 'selected' && selected.size === 0) throw new Error(RUN_TEXT.selectFirst);
    const { settings } = tab;
    const { state, rows } = startRun(
      reviewed_(tab),
      { mode, selectedRows: selected },
      {
        settings,
        baseUrl: storage.readBaseUrl(),
        importTag: settings.addImportTag
          ? importTagFor(
              Utilities.formatDate(new Date(now), spreadsheetZone_(), 'yyyy-MM-dd HH:mm'),
            )
          : null,
        sheetName: sheetName_(sheet),
        startedBy: currentUser_(),
        now,
        runId: newRunId(now, Math.random),
      },
    );
    if (rows.work.length + rows.invalid.length === 0)
      throw new Error(RUN_TEXT.nothingToSend(rows.unchanged));
    const record: RunRecord = {
      sheetId: tab.sheetId,
      mode,
      selected: encodeRows(selected),
      historyRow: writeHistory_(state, null, spreadsheetZone_()),
      runner: null,
      // Stamped when the job is saved, not when the start began: checking a big sheet takes
      // a minute or more, and a watcher would take a start that old for a closed sidebar.
      heartbeat: Date.now(),
      cancelRequested: false,
      etaSeconds: null,
      state,
    };
    storage.saveJobDraft(draft);
    storage.saveJob(record);
    return progressView(record, Date.now());
  });
}

/**
 * Works one slice of the job and answers with its progress. While another execution runs a
 * slice (a teammate's sidebar), it answers with progress instead, and the sidebar watches.
 */
export function continueImport(jobId: string): JobProgress {
  const watch = (): JobProgress => {
    const record = storage.readJob();
    if (record && record.state.jobId === jobId) return progressView(record, Date.now(), 'watcher');
    throw new Error(RUN_TEXT.otherWork);
  };
  return withDocumentLock_(1_000, watch, () => {
    const record = storage.readJob();
    if (!record || record.state.jobId !== jobId) throw new Error(RUN_TEXT.reopen);
    if (isOver(record)) return progressView(record, Date.now());
    if (record.cancelRequested) return endCancelled_(record);
    const token = requireToken_();
    const running = { ...record, runner: currentUser_(), heartbeat: Date.now() };
    storage.saveJob(running);
    return progressView(
      runSlice_(running, storage.readJobDraft() ?? DEFAULT_DRAFT, token),
      Date.now(),
    );
  });
}

/**
 * Cancels the job. A slice running in another execution sees the request within seconds
 * and stops; a paused job is cancelled at once.
 */
export function cancelImport(jobId: string): JobProgress {
  const record = storage.readJob();
  if (!record || record.state.jobId !== jobId) throw new Error(RUN_TEXT.noLongerRunning);
  const now = Date.now();
  if (isOver(record)) return progressView(record, now);
  if (isLive(record, now) && record.runner !== null) {
    const asked = { ...record, cancelRequested: true };
    storage.saveJob(asked);
    return { ...progressView(asked, now), message: RUN_TEXT.cancelling };
  }
  return endCancelled_(record);
}

function endCancelled_(record: RunRecord): JobProgress {
  return progressView(save_(cancelled(record, Date.now()), true), Date.now());
}

/** Saves the record; with `history`, its run's row of the Import History tab too. */
function save_(record: RunRecord, history: boolean): RunRecord {
  if (history)
    record.historyRow = writeHistory_(record.state, record.historyRow, spreadsheetZone_());
  storage.saveJob(record);
  return record;
}

export function getHistory() {
  return readHistory_();
}

/** The job on this spreadsheet for the sidebar, if one is running, paused or just ended. */
export function currentJob_(): JobProgress | null {
  const record = storage.readJob();
  if (!record) return null;
  const progress = progressView(record, Date.now(), 'watcher');
  return progress.status === 'processing'
    ? { ...progress, ...freshest(progress, storage.readLive()) }
    : progress;
}

/**
 * A slice writes its outcomes to the sheet and its record every 30 seconds, and its
 * figures to the document cache every two: a sidebar waiting for the slice's answer (or a
 * teammate's, watching) sees the rows move meanwhile. No lock: it only reads.
 */
export function getImportProgress(jobId: string): LiveProgress | null {
  const record = storage.readJob();
  if (!record || record.state.jobId !== jobId || record.state.status !== 'processing') return null;
  return freshest(progressView(record, Date.now()), storage.readLive());
}

// ---------------------------------------------------------------- the slice

/** One slice: the run loop with the sheet, the record and fetchAll. Returns the record. */
function runSlice_(record: RunRecord, draft: Draft, token: string): RunRecord {
  const deadline = Date.now() + storage.sliceMs();
  const sheet = sheetById_(record.sheetId);
  if (!sheet) return save_(failed(record, RUN_TEXT.tabDeleted, Date.now()), false);
  let tab: CheckedTab;
  try {
    tab = checkTab_(sheet, draft);
  } catch (e) {
    const message = e instanceof TabProblem ? e.message : explainError_(e);
    return save_(failed(record, message, Date.now()), true);
  }
  const { job, invalid } = resumeRun(
    record.state,
    reviewed_(tab),
    { mode: record.mode, selectedRows: decodeRows(record.selected) },
    { customFields: tab.customFields },
  );
  const jobId = record.state.jobId;
  const loop = runLoop(job, invalid, {
    now: () => Date.now(),
    deadline,
    maxWave: MAX_WAVE,
    saveEveryMs: FLUSH_MS,
    cancelCheckMs: CANCEL_CHECK_MS,
    publishEveryMs: LIVE_MS,
    saveFirst: false,
  });
  drive_(loop, token, {
    write: (outcomes) => writeOutcomes_(tab, outcomes, jobId),
    save: () => {
      record.state = job.checkpoint();
      record.heartbeat = Date.now();
      record.etaSeconds = job.etaSeconds();
      storage.saveJob(record);
    },
    // The wave holds creates: their journal is saved first, so a slice killed before the
    // answers knows the contacts are its own (the job's journal, not clocks, says so).
    journal: () => {
      record.state = job.checkpoint();
      storage.saveJob(record);
    },
    cancelRequested: () => storage.readJob()?.cancelRequested === true,
    publish: () =>
      storage.saveLive({
        jobId,
        rowsDone: job.rowsDone,
        rowsTotal: Math.max(job.rowsTotal, job.rowsDone),
        counts: { ...job.counts },
        etaSeconds: job.etaSeconds(),
        at: Date.now(),
      }),
  });
  record.runner = null;
  if (record.cancelRequested && record.state.status === 'cancelled') record.cancelRequested = false;
  return save_(record, true);
}

function reviewed_(tab: CheckedTab): ReviewedSheet {
  return { rows: tab.table.rows, results: tab.report.rows, owned: tab.table.owned };
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
  const sheet = tab.sheet;
  const firstRow = tab.settings.headerRow + 1;
  const size = usedSize_(sheet);
  const { lastRow, lastColumn } = size;
  if (lastRow < firstRow || lastColumn === 0) return;
  const count = lastRow - firstRow + 1;
  const owned = {
    ...tab.owned,
    ...findOwned_(readHeaderRow_(sheet, tab.settings.headerRow, size).values),
  };
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
  const identifier = identifierColumn(tab.settings, tab.table.columns);
  const writes: OwnedWrites = new Map();
  outcomes.forEach((outcome, i) => {
    const row = where[i];
    if (row === null || row === undefined) return;
    const result = results.get(outcome.row);
    const owns = ownedCells(outcome, runId, identifier, result?.highlight ?? []);
    writes.set(row, {
      status: owns.status,
      error: owns.error,
      fingerprint: owns.fingerprint,
      // Cells with a suggested fix stay marked after the import, as a review marks them.
      cells: cellsText_(owns.errorColumns, result ? fixColumns_(result) : []),
      ...(owns.contactId === null ? {} : { contactId: owns.contactId }),
    });
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
  let values: unknown[][] = [];
  let read = false;
  const load = (from: number, to: number) => {
    top = from;
    values = readValues_(sheet, from, to, lastColumn);
    read = true;
  };
  return (row) => {
    if (row < firstRow || row > lastRow) return undefined;
    if (!read) {
      const span = extent_(outcomes.map((o) => o.row)) ?? { min: firstRow, max: firstRow };
      load(Math.max(firstRow, span.min), Math.min(lastRow, span.max));
    }
    const whole = top === firstRow && values.length === lastRow - firstRow + 1;
    if ((row < top || row >= top + values.length) && !whole) load(firstRow, lastRow);
    return values[row - top];
  };
}

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
