/**
 * Starting and resuming a run. Both drivers read their sheet and review it, then hand the
 * review here: the job's configuration, the rows to send, the rows that fail before any
 * call, the run ID and the call estimate are decided once, for the add-on and the CLI.
 */
import { ImportJob, newJobState, type JobConfig, type JobOptions, type JobState } from '../job';
import type { RowOutcome, RunMode } from '../outcome';
import { estimateCalls, type CallEstimate } from '../plan';
import { runTags, type Settings } from '../settings';
import type { OwnedColumns, TableRow } from '../table';
import type { RowResult } from '../validate';
import { rowsToRun, type RunRows } from './rows';

/** What a driver read: the review's rows and results (parallel) and the owned columns. */
export interface ReviewedSheet {
  rows: readonly TableRow[];
  results: readonly RowResult[];
  owned: OwnedColumns;
}

export interface Selection {
  mode: RunMode;
  /** Sheet rows the person chose, for mode `selected`. */
  selectedRows?: ReadonlySet<number>;
}

/** A Tags column is mapped: its tags go with each row (and replace the contact's). */
export function tagsColumnMapped(settings: Pick<Settings, 'mapping'>): boolean {
  return settings.mapping.some((m) => m.field === 'tags');
}

export function jobConfig(
  settings: Settings,
  baseUrl: string,
  importTag: string | null,
): JobConfig {
  return {
    baseUrl,
    purpose: settings.purpose,
    identifier: settings.identifier,
    doNotOverwrite: settings.doNotOverwrite,
    runTags: runTags(settings, importTag),
    tagsColumn: tagsColumnMapped(settings),
  };
}

/**
 * The calls `rows` rows need, at `ratePerSecond` per endpoint. Before a run the import tag is
 * not made yet: `addImportTag` counts as one tag. Every caller counts tags the same way:
 * the run's tags, the import tag and a mapped Tags column.
 */
export function estimateRun(
  rows: number,
  settings: Pick<Settings, 'purpose' | 'tags' | 'addImportTag' | 'mapping'>,
  ratePerSecond: number,
): CallEstimate {
  const tags =
    settings.tags.length + (settings.addImportTag ? 1 : 0) + (tagsColumnMapped(settings) ? 1 : 0);
  return estimateCalls(rows, settings.purpose, tags, ratePerSecond);
}

/**
 * Run IDs name a run in the fingerprint cells: short, unique enough, no clock format. The
 * random tail tells apart two runs started in the same millisecond.
 */
export function newRunId(now: number, random: () => number): string {
  return `r${now.toString(36)}${Math.floor(random() * 36 ** 3).toString(36)}`;
}

export interface NewRun {
  settings: Settings;
  baseUrl: string;
  importTag: string | null;
  sheetName: string;
  startedBy: string;
  now: number;
  runId: string;
}

/** A new run: its first checkpoint and the rows it will handle. */
export function startRun(
  sheet: ReviewedSheet,
  selection: Selection,
  run: NewRun,
): { state: JobState; rows: RunRows } {
  const rows = pickRows(sheet, selection, run.runId);
  const state = newJobState({
    jobId: run.runId,
    config: jobConfig(run.settings, run.baseUrl, run.importTag),
    sheetName: run.sheetName,
    startedBy: run.startedBy,
    now: run.now,
    rowsTotal: rows.work.length + rows.invalid.length,
  });
  return { state, rows };
}

/**
 * A run picked up for one slice (or a CLI run resumed): the rows the sheet says are still
 * pending go to the job; rows that fail validation are settled as errors now, and counted.
 */
export function resumeRun(
  state: JobState,
  sheet: ReviewedSheet,
  selection: Selection,
  options: JobOptions,
): { job: ImportJob; invalid: RowOutcome[]; rows: RunRows } {
  const rows = pickRows(sheet, selection, state.jobId);
  const job = ImportJob.resume(state, rows.work, options, rows.alreadyDone);
  job.record(rows.invalid);
  return { job, invalid: rows.invalid, rows };
}

function pickRows(sheet: ReviewedSheet, selection: Selection, runId: string): RunRows {
  return rowsToRun(sheet.rows, sheet.results, sheet.owned, {
    mode: selection.mode,
    runId,
    selectedRows: selection.selectedRows,
  });
}
