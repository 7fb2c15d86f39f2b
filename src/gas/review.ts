/**
 * Review: check every row in place (Error column, highlighted cells), report what an import
 * would do, apply suggested fixes, and help a person walk the rows that need fixing.
 */
import { unknownTypeNotes } from '../core/field-notes';
import { clip } from '../core/text';
import { preview_, type WorkspaceFailure } from './preview';
import { dailyQuotaWarning } from './quota';
import { parseMarker, parseStatus } from '../core/outcome';
import { rowFingerprint, rowsToRun } from '../core/run/rows';
import { estimateRun } from '../core/run/start';
import { identifierColumn } from '../core/mapping';
import { identifierValueKey, type RowResult } from '../core/validate';
import type { ReviewSummary } from '../rpc';
import { setErrorFilter_ } from './filter';
import {
  applyHighlights_,
  cellsText_,
  fixColumns_,
  activeSheet_,
  findOwned_,
  readColumn_,
  readHeaderRow_,
  selectRow_,
  sheetId_,
  usedSize_,
  writeColumn_,
  writeOwned_,
  type Owned,
  type OwnedWrites,
} from './sheet';
import { withShortLock_ } from './locks';
import { repeatedIdentifiers } from '../core/duplicates';
import * as storage from './storage';
import { checkTab_, TabProblem, type CheckedTab } from './tab';

/** Suggested fixes the sidebar lists before a person applies them all. */
const SUGGESTION_SAMPLE = 8;
/** Characters of a cell value in that list: one line of the sidebar. */
const SAMPLE_CHARS = 48;

/** The pace an estimate assumes before the workspace has told its limit (requests a second). */
const ASSUMED_RATE = 5;
export const REVIEW_TTL_MS = 60 * 60 * 1000;

export function reviewSheet(): ReviewSummary {
  const sheet = activeSheet_();
  let tab: CheckedTab;
  try {
    tab = checkTab_(sheet);
  } catch (e) {
    if (e instanceof TabProblem) return blockedSummary_(e.problems);
    throw e;
  }
  const { summary, failures } = summarise_(tab);
  const workspaceErrors = Object.fromEntries(failures.map((f) => [f.key, f.reason]));
  writeReviewCells_(tab, reviewCells_(tab, workspaceErrors));
  applyHighlights_(tab.sheet, tab.settings.headerRow, tab.owned, tab.table.width);
  storage.saveReview(
    tab.sheetId,
    Date.now(),
    summary,
    workspaceErrors,
    storage.encodeClusters(duplicateClusters_(tab)),
  );
  return summary;
}

/**
 * Writes the review's Error and Error Cells text. The workspace look-ups took seconds, and a
 * slice may have written outcomes meanwhile: rows whose status or fingerprint changed since
 * the tab was read are left as the slice wrote them.
 */
function writeReviewCells_(tab: CheckedTab, writes: OwnedWrites): void {
  const { owned, grid } = tab;
  const seen = (row: number) => {
    const values = grid.values[row - 1];
    return values ? ([values[owned.status], values[owned.fingerprint]] as const) : undefined;
  };
  withShortLock_((held) => writeOwned_(tab.sheet, owned, writes, { seen, fill: held }));
}

/** Rows sharing an identifier within the sheet, cluster by cluster (for onEdit). */
function duplicateClusters_(tab: CheckedTab): number[][] {
  const { settings, report } = tab;
  if (settings.identifier === null || settings.purpose === 'add-all') return [];
  const rows = report.rows;
  return repeatedIdentifiers(rows.map((r) => r.identifierValue?.value ?? null)).map((positions) =>
    positions.map((p) => (rows[p] as RowResult).row),
  );
}

/** What a row's Error and Error Cells should show, from its check and its owned cells. */
export interface CellsContext {
  owned: Owned;
  identifier: { index: number; label: string } | null;
  workspaceErrors: Readonly<Record<string, string>>;
}

/**
 * The Error and Error Cells text of one checked row. A row the workspace refuses (its
 * identifier matches several contacts, as the review found) names the identifier column; a
 * clean row keeps the reason an import gave it (Skipped or Error) while it is unchanged
 * since; otherwise its old message goes. `values` is the row as read, owned cells included.
 */
export function rowCells_(
  result: RowResult,
  values: readonly unknown[],
  context: CellsContext,
): { error: string; cells: string } {
  const { identifier, workspaceErrors } = context;
  const key = identifierValueKey(result.identifierValue);
  const refused = result.errorText === '' && key !== null ? workspaceErrors[key] : undefined;
  if (refused !== undefined) {
    return {
      error: identifier ? `${identifier.label}: ${refused}` : refused,
      cells: cellsText_(identifier ? [identifier.index] : [], fixColumns_(result)),
    };
  }
  return {
    error: errorCell_(result, values, context.owned),
    cells: cellsText_(result.highlight, fixColumns_(result)),
  };
}

/** The Error and Error Cells text every data row should show after a review. */
export function reviewCells_(
  tab: CheckedTab,
  workspaceErrors: Readonly<Record<string, string>>,
): OwnedWrites {
  const writes: OwnedWrites = new Map();
  const context: CellsContext = {
    owned: tab.owned,
    identifier: identifierColumn(tab.settings, tab.table.columns),
    workspaceErrors,
  };
  for (const result of tab.report.rows) {
    writes.set(result.row, rowCells_(result, tab.grid.values[result.row - 1] ?? [], context));
  }
  for (const row of tab.report.emptyRows) writes.set(row, { error: '', cells: '' });
  return writes;
}

function errorCell_(result: RowResult, values: readonly unknown[], owned: Owned): string {
  if (result.errorText !== '') return result.errorText;
  const status = parseStatus(values[owned.status]);
  const marker = parseMarker(values[owned.fingerprint]);
  const keep =
    (status === 'Skipped' || status === 'Error') && marker?.fingerprint === rowFingerprint(result);
  return keep ? String(values[owned.error] ?? '') : '';
}

/**
 * The review's figures. Rows whose identifier matches several workspace contacts are
 * errors too (the import would refuse them), so every row is accounted for.
 */
function summarise_(tab: CheckedTab): {
  summary: ReviewSummary;
  failures: WorkspaceFailure[];
} {
  const { report, settings } = tab;
  const run = rowsToRun(tab.table.rows, report.rows, tab.table.owned, {
    mode: 'pending',
    runId: 'review',
  });
  const estimate = estimateRun(run.work.length, settings, ASSUMED_RATE);
  const preview = preview_(settings.purpose, run.work);
  const failures = preview?.failures ?? [];
  const failed = new Set(failures.map((f) => f.row));
  const firstError = report.rows.find((r) => r.errors.length > 0 || failed.has(r.row));
  const summary: ReviewSummary = {
    reviewedAt: new Date().toISOString(),
    rows: report.totals.rows,
    emptyRows: report.totals.empty,
    valid: report.totals.valid,
    errors: report.totals.errors + failures.length,
    warnings: report.totals.warnings,
    savable: report.totals.savable,
    skipped: report.totals.skipped,
    notes: [...report.notes, ...unknownTypeNotes(settings.mapping, tab.customFields, 'add-on')],
    willAdd: preview ? preview.willAdd : null,
    willUpdate: preview ? preview.willUpdate : null,
    willSkip: preview ? preview.willSkip : null,
    unchanged: run.unchanged,
    suggestions: report.suggestions.length,
    suggestionSample: report.suggestions.slice(0, SUGGESTION_SAMPLE).map((s) => ({
      row: s.row,
      column: s.header,
      current: clip(s.current, SAMPLE_CHARS),
      suggested: clip(s.suggested, SAMPLE_CHARS),
    })),
    firstErrorRow: firstError ? firstError.row : null,
    estimate: { apiCalls: estimate.calls, seconds: estimate.seconds },
    quotaWarning: dailyQuotaWarning(estimate.calls),
    blocking: [],
  };
  return { summary, failures };
}

function blockedSummary_(problems: string[]): ReviewSummary {
  return {
    reviewedAt: new Date().toISOString(),
    rows: 0,
    emptyRows: 0,
    valid: 0,
    errors: 0,
    warnings: 0,
    savable: 0,
    skipped: 0,
    notes: [],
    willAdd: null,
    willUpdate: null,
    willSkip: null,
    unchanged: 0,
    suggestions: 0,
    suggestionSample: [],
    firstErrorRow: null,
    estimate: { apiCalls: 0, seconds: 0 },
    quotaWarning: null,
    blocking: problems,
  };
}

/**
 * Writes every suggested value into its cell, then reviews again. Suggested cells next to
 * each other in a column go in one call; a person's other cells are never rewritten.
 */
export function applySuggestedFixes(): ReviewSummary {
  const sheet = activeSheet_();
  let tab: CheckedTab;
  try {
    tab = checkTab_(sheet);
  } catch (e) {
    if (e instanceof TabProblem) return blockedSummary_(e.problems);
    throw e;
  }
  const byColumn = new Map<number, Map<number, string>>();
  for (const s of tab.report.suggestions) {
    const column = byColumn.get(s.column) ?? new Map<number, string>();
    // A leading apostrophe keeps "+60…" text (Sheets would read it as a number, or "=…" as
    // a formula). A date field's yyyy-mm-dd goes in bare: Sheets makes it a date cell shown
    // as written, like the person's other dates.
    column.set(s.row, s.isDate ? s.suggested : `'${s.suggested}`);
    byColumn.set(s.column, column);
  }
  for (const [column, cells] of byColumn) {
    for (const run of contiguousRuns_([...cells.keys()].sort((a, b) => a - b))) {
      const block = run.map((row) => [cells.get(row) as string]);
      writeColumn_(sheet, column, run[0] as number, block);
    }
  }
  return reviewSheet();
}

function contiguousRuns_(rows: number[]): number[][] {
  const runs: number[][] = [];
  for (const row of rows) {
    const last = runs[runs.length - 1];
    if (last && last[last.length - 1] === row - 1) last.push(row);
    else runs.push([row]);
  }
  return runs;
}

/** Selects the next row with an error after `afterRow` (wrapping to the top). */
export function goToNextError(afterRow: number | null): { row: number | null } {
  const sheet = activeSheet_();
  const draft = storage.readDraft(sheetId_(sheet));
  const headerRow = draft?.headerRow ?? 1;
  const size = usedSize_(sheet);
  const { lastRow, lastColumn } = size;
  if (lastRow <= headerRow || lastColumn === 0) return { row: null };
  const errorColumn = findOwned_(readHeaderRow_(sheet, headerRow, size).values).error;
  if (errorColumn === undefined) return { row: null };
  const cells = readColumn_(sheet, errorColumn, headerRow + 1, lastRow - headerRow);
  const rows = cells.flatMap((cell, i) =>
    String(cell[0] ?? '').trim() !== '' ? [headerRow + 1 + i] : [],
  );
  if (rows.length === 0) return { row: null };
  const row = rows.find((r) => afterRow === null || r > afterRow) ?? (rows[0] as number);
  selectRow_(sheet, row, lastColumn);
  return { row };
}

/**
 * "Show only rows with errors": a filter condition on the Error column, on or off. When the
 * person's own filter can't take it, the answer is off with a message saying why.
 */
export function setErrorFilter(on: boolean): { on: boolean; message: string | null } {
  const sheet = activeSheet_();
  const sheetId = sheetId_(sheet);
  const headerRow = storage.readDraft(sheetId)?.headerRow ?? 1;
  const size = usedSize_(sheet);
  const owned = findOwned_(readHeaderRow_(sheet, headerRow, size).values);
  if (owned.error === undefined) {
    if (on) throw new Error('Review the sheet first: there is no Error column yet.');
    return { on: false, message: null };
  }
  const result = setErrorFilter_(
    sheet,
    headerRow,
    owned.error,
    size.lastRow,
    on,
    storage.readErrorFilter(sheetId),
  );
  storage.saveErrorFilter(sheetId, result.record);
  return { on: result.on, message: result.message };
}
