/**
 * Imports run as a series of slices, each one Apps Script execution driven by the sidebar.
 * What a run is, how it starts, resumes, ends and looks to a sidebar is core/run; this file
 * is its I/O: the tab, the job record in DocumentProperties (any editor's sidebar can watch,
 * resume or cancel), the document lock (held for a slice: two slices never run at once),
 * and the run loop driven with fetchAll (drive.ts).
 */
import type { RunMode } from '../core/outcome';
import {
  cancelled,
  decodeRows,
  failed,
  freshest,
  isLive,
  isOver,
  liveFigures,
  newRecord,
  progressView,
  RUN_TEXT,
  sliceEnded,
  startBlocked,
  withCheckpoint,
  type RunRecord,
} from '../core/run/lifecycle';
import { runLoop } from '../core/run/loop';
import { newRunId, resumeRun, startRun, type ReviewedSheet } from '../core/run/start';
import { importTagFor } from '../core/settings';
import type { JobProgress, LiveProgress } from '../rpc';
import { drive_ } from './drive';
import { withDocumentLock_ } from './locks';
import { writeOutcomes_ } from './outcomes';
import { explainError_ } from './expose';
import { readHistory_, writeHistory_ } from './history';
import { DEFAULT_DRAFT, type Draft } from './settings';
import {
  activeSheet_,
  selectedRows_,
  sheetById_,
  sheetId_,
  sheetName_,
  spreadsheetZone_,
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
    const record = newRecord({
      sheetId: tab.sheetId,
      mode,
      selectedRows: selected,
      state,
      historyRow: writeHistory_(state, null, spreadsheetZone_()),
      // Stamped when the job is saved, not when the start began: checking a big sheet takes
      // a minute or more, and a watcher would take a start that old for a closed sidebar.
      now: Date.now(),
    });
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
    if (storage.cancelRequested(jobId)) return endCancelled_(record);
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
    storage.requestCancel(jobId);
    return { ...progressView(record, now), message: RUN_TEXT.cancelling };
  }
  return endCancelled_(record);
}

function endCancelled_(record: RunRecord): JobProgress {
  storage.clearCancel();
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
  let saved = record;
  drive_(loop, token, {
    write: (outcomes) => writeOutcomes_(tab, outcomes, jobId),
    save: () => storage.saveJob((saved = withCheckpoint(saved, job, Date.now()))),
    // The wave holds creates: their journal is saved first, so a slice killed before the
    // answers knows the contacts are its own (the job's journal, not clocks, says so).
    journal: () => storage.saveJob((saved = withCheckpoint(saved, job, null))),
    cancelRequested: () => storage.cancelRequested(jobId),
    publish: () => storage.saveLive(liveFigures(job, jobId, Date.now())),
  });
  if (saved.state.status === 'cancelled') storage.clearCancel();
  return save_(sliceEnded(saved), true);
}

function reviewed_(tab: CheckedTab): ReviewedSheet {
  return { rows: tab.table.rows, results: tab.report.rows, owned: tab.table.owned };
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
