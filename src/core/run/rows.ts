/**
 * From a review to the work of a run: which rows to send (new, changed, failed — or only
 * errors, or a selection), which rows fail before sending (validation errors), and which
 * are left alone. Both drivers (Apps Script and the CLI) call this with the sheet they read.
 */
import { fingerprint } from '../fingerprint';
import type { WorkRow } from '../job';
import {
  countOutcome,
  emptyCounts,
  parseStatus,
  selectRow,
  type Counts,
  type RowOutcome,
  type RunMode,
} from '../outcome';
import type { OwnedColumns, TableRow } from '../table';
import { identifierValueKey, type RowResult } from '../validate';

export interface RunRows {
  /** Valid rows to send, in sheet order. */
  work: WorkRow[];
  /** Rows with validation errors: their outcome is Error without any call. */
  invalid: RowOutcome[];
  /** Rows imported before and unchanged since. */
  unchanged: number;
  /** Rows this run already handled (a resumed run). */
  doneThisRun: number;
  /** Their statuses as the sheet records them: a resumed job's counts come from here. */
  alreadyDone: Counts;
  /** Rows the mode leaves out (not an error, not selected). */
  leftOut: number;
}

export interface RunSelection {
  mode: RunMode;
  runId: string;
  /** Sheet rows chosen by the person, for mode `selected`. */
  selectedRows?: ReadonlySet<number>;
}

/** The fingerprint of what a row sends: its fields and its own tags (run tags excluded). */
export function rowFingerprint(result: RowResult): string {
  const payload = result.payload;
  return payload === null
    ? fingerprint({ error: result.errorText })
    : fingerprint({ fields: payload.fields, tags: payload.tags ?? null });
}

/**
 * `rows` and `results` are parallel (the review's rows, in sheet order). The owned columns
 * say what earlier runs recorded for each row.
 */
export function rowsToRun(
  rows: readonly TableRow[],
  results: readonly RowResult[],
  owned: OwnedColumns,
  selection: RunSelection,
): RunRows {
  const out: RunRows = {
    work: [],
    invalid: [],
    unchanged: 0,
    doneThisRun: 0,
    alreadyDone: emptyCounts(),
    leftOut: 0,
  };
  results.forEach((result, i) => {
    // Report footers are not contacts: never sent, never an error.
    if (result.skipped !== undefined) return;
    const row = rows[i] as TableRow;
    const print = rowFingerprint(result);
    const prior = {
      status: owned.status ? row.values[owned.status.index] : '',
      marker: owned.fingerprint ? row.values[owned.fingerprint.index] : '',
    };
    const selected = selection.selectedRows?.has(result.row) ?? false;
    const choice = selectRow(selection.mode, prior, print, selection.runId, selected);
    if (!choice.send) {
      if (choice.why === 'unchanged') out.unchanged++;
      else if (choice.why === 'done-this-run') {
        out.doneThisRun++;
        countOutcome(out.alreadyDone, parseStatus(prior.status) ?? 'Error');
      } else out.leftOut++;
      return;
    }
    if (result.payload === null) {
      out.invalid.push({
        row: result.row,
        key: identifierValueKey(result.identifierValue),
        fingerprint: print,
        status: 'Error',
        reason: result.errorText,
        code: 'invalid',
        contactId: null,
      });
      return;
    }
    out.work.push({
      row: result.row,
      identifierValue: result.payload.identifierValue,
      fields: result.payload.fields,
      tags: result.payload.tags ?? null,
      fingerprint: print,
      settled: parseStatus(prior.status) !== null && parseStatus(prior.status) !== 'Error',
    });
  });
  return out;
}
