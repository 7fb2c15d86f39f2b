/**
 * The Import History tab: one row per run, written when the run starts and updated as it
 * goes. Found by name, created when absent; a run's row is found by its Run ID.
 */
import type { JobState } from '../core/job';
import { PURPOSE_LABELS } from '../core/settings';
import type { HistoryEntry, Purpose } from '../rpc';
import {
  createRecordTab_,
  findTab_,
  readRecordColumn_,
  readRecords_,
  writeRecord_,
} from './history-tab';
import type { Sheet } from './sheet';

export const HISTORY_SHEET = 'Import History';
const HEADER = [
  'Date',
  'Sheet',
  'User',
  'Purpose',
  'New',
  'Updated',
  'Skipped',
  'Errors',
  'Tags added',
  'Status',
  'Run ID',
];
const RUN_COLUMN = HEADER.length; // 1-based
/** Column widths in pixels as [first column, how many, width], so nothing reads clipped. */
const WIDTHS: readonly [number, number, number][] = [
  [1, 1, 130], // Date
  [2, 1, 140], // Sheet
  [3, 1, 200], // User
  [4, 1, 180], // Purpose
  [5, 4, 72], // New, Updated, Skipped, Errors
  [9, 1, 160], // Tags added
  [10, 1, 100], // Status
  [11, 1, 150], // Run ID
];

type Status = HistoryEntry['status'];

export function historyStatus(state: JobState): Status {
  switch (state.status) {
    case 'processing':
      return 'Processing';
    case 'paused':
      return 'Paused';
    case 'completed':
      return 'Completed';
    case 'cancelled':
      return 'Cancelled';
    case 'failed':
      return 'Failed';
  }
}

function historySheet_(create: boolean): Sheet | null {
  const found = findTab_(HISTORY_SHEET);
  if (found || !create) return found;
  return createRecordTab_(HISTORY_SHEET, HEADER, WIDTHS);
}

function line_(state: JobState, timeZone: string): (string | number)[] {
  const c = state.counts;
  return [
    Utilities.formatDate(new Date(state.startedAt), timeZone, 'yyyy-MM-dd HH:mm'),
    `'${state.sheetName}`,
    `'${state.startedBy}`,
    PURPOSE_LABELS[state.config.purpose],
    c.imported,
    c.updated,
    c.skipped,
    c.errors,
    `'${state.config.runTags.join(', ')}`,
    historyStatus(state),
    state.jobId,
  ];
}

/**
 * Writes the run's row: at `knownRow` if it still holds this run, else wherever its Run ID
 * is, else a new row at the bottom. Answers the row it wrote.
 */
export function writeHistory_(state: JobState, knownRow: number | null, timeZone: string): number {
  const sheet = historySheet_(true) as Sheet;
  const { lastRow, values: ids } = readRecordColumn_(sheet, RUN_COLUMN);
  let row: number | null = null;
  if (knownRow !== null && ids[knownRow - 2] === state.jobId) row = knownRow;
  else {
    const at = ids.findIndex((id) => id === state.jobId);
    if (at >= 0) row = at + 2;
  }
  row ??= lastRow + 1;
  writeRecord_(sheet, row, line_(state, timeZone));
  return row;
}

/** The latest runs, newest first. */
export function readHistory_(limit = 50): HistoryEntry[] {
  const sheet = historySheet_(false);
  const rows = sheet ? readRecords_(sheet, HEADER.length) : [];
  const purposes = Object.entries(PURPOSE_LABELS) as [Purpose, string][];
  return rows
    .filter((r) => r[0] !== '')
    .slice(-limit)
    .reverse()
    .map((r) => ({
      date: r[0] ?? '',
      sheet: r[1] ?? '',
      user: r[2] ?? '',
      purpose: purposes.find(([, label]) => label === r[3])?.[0] ?? 'add-update',
      created: Number(r[4]) || 0,
      updated: Number(r[5]) || 0,
      skipped: Number(r[6]) || 0,
      errors: Number(r[7]) || 0,
      tags: (r[8] ?? '')
        .split(',')
        .map((t) => t.trim())
        .filter(Boolean),
      status: toStatus_(r[9] ?? ''),
    }));
}

function toStatus_(text: string): Status {
  const known: Status[] = ['Processing', 'Completed', 'Cancelled', 'Failed', 'Paused'];
  return known.find((s) => s === text) ?? 'Processing';
}
