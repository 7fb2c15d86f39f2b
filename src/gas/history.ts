/**
 * The Import History tab: one row per run, written when the run starts and updated as it
 * goes. Found by name, created when absent; a run's row is found by its Run ID.
 */
import type { JobState } from '../core/job';
import { PURPOSE_LABELS } from '../core/settings';
import type { HistoryEntry, Purpose } from '../rpc';

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

function historySheet_(create: boolean): GoogleAppsScript.Spreadsheet.Sheet | null {
  const book = SpreadsheetApp.getActiveSpreadsheet();
  const found = book.getSheetByName(HISTORY_SHEET);
  if (found || !create) return found;
  // insertSheet activates the new tab; the person stays on the tab they were importing.
  const active = book.getActiveSheet();
  const sheet = book.insertSheet(HISTORY_SHEET, book.getSheets().length);
  book.setActiveSheet(active);
  sheet
    .getRange(1, 1, 1, HEADER.length)
    .setValues([HEADER])
    .setFontWeight('bold')
    .setBackground('#f3f3f3');
  sheet.setFrozenRows(1);
  for (const [first, count, width] of WIDTHS) sheet.setColumnWidths(first, count, width);
  return sheet;
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
  const sheet = historySheet_(true) as GoogleAppsScript.Spreadsheet.Sheet;
  const lastRow = sheet.getLastRow();
  let row: number | null = null;
  if (lastRow > 1) {
    const ids = sheet.getRange(2, RUN_COLUMN, lastRow - 1, 1).getValues();
    if (knownRow !== null && ids[knownRow - 2]?.[0] === state.jobId) row = knownRow;
    else {
      const at = ids.findIndex((cell) => cell[0] === state.jobId);
      if (at >= 0) row = at + 2;
    }
  }
  row ??= lastRow + 1;
  sheet.getRange(row, 1, 1, HEADER.length).setValues([line_(state, timeZone)]);
  return row;
}

/** The latest runs, newest first. */
export function readHistory_(limit = 50): HistoryEntry[] {
  const sheet = historySheet_(false);
  if (!sheet || sheet.getLastRow() < 2) return [];
  const rows = sheet.getRange(2, 1, sheet.getLastRow() - 1, HEADER.length).getDisplayValues();
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
