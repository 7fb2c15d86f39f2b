/**
 * The Node driver's import: the same core the add-on runs (review → rows to run → job),
 * with the sheet as a 2-D array and answers from real HTTP. The CLI and the tests use it;
 * the results (Error, Import Status, Contact ID, Import Fingerprint) go back into the array.
 */
import {
  listCustomFields,
  parseBaseUrl,
  readCustomFieldPage,
  type CustomFieldDef,
  type HttpRequest,
  type HttpResult,
} from '../src/api';
import { OWNED_COLUMNS, type OwnedColumnKind } from '../src/core/columns';
import { buildCatalogue } from '../src/core/fields';
import { ImportJob, newJobState, type JobConfig, type JobState } from '../src/core/job';
import { markerText, plainText, type RowOutcome, type RunMode } from '../src/core/outcome';
import { rowsToRun, type RunRows } from '../src/core/run';
import { runTags, type Settings } from '../src/core/settings';
import { readTable, type Table } from '../src/core/table';
import { locateOutcomes } from '../src/core/locate';
import {
  prepareValidation,
  validateTable,
  type ValidationReport,
  type Validator,
} from '../src/core/validate';
import { runJob } from './job-runner';

export type Sheet = unknown[][];

export interface Connection {
  baseUrl: string;
  send: (request: HttpRequest) => Promise<HttpResult>;
}

/** Reads every custom field of the workspace (paged). Throws a plain message on failure. */
export async function fetchCustomFields(connection: Connection): Promise<CustomFieldDef[]> {
  const base = parseBaseUrl(connection.baseUrl);
  if (!base.ok) throw new Error(base.message);
  const out: CustomFieldDef[] = [];
  let cursorId: string | null = null;
  for (let page = 0; page < 100; page++) {
    const result = await connection.send(listCustomFields(base.baseUrl, { cursorId }));
    const read = readCustomFieldPage(result);
    if (!read.ok) throw new Error(read.error.message);
    out.push(...read.value.items);
    cursorId = read.value.nextCursor;
    if (cursorId === null) break;
  }
  return out;
}

export interface Review {
  table: Table;
  report: ValidationReport;
}

export function review(
  sheet: Sheet,
  settings: Settings,
  customFields: readonly CustomFieldDef[],
  display: string[][] | null = null,
): { ok: true; review: Review } | { ok: false; messages: readonly string[] } {
  const table = readTable(sheet, { headerRow: settings.headerRow, display });
  if (!table.ok) return { ok: false, messages: table.messages };
  const report = validateTable(settings, table.value, buildCatalogue(customFields));
  if (!report.ok) return { ok: false, messages: report.messages };
  return { ok: true, review: { table: table.value, report: report.value } };
}

export interface ImportOptions {
  connection: Connection;
  settings: Settings;
  customFields: readonly CustomFieldDef[];
  mode: RunMode;
  importTag: string | null;
  /** Resume this job instead of starting one. */
  state?: JobState | null;
  jobId?: string;
  startedBy?: string;
  sheetName?: string;
  selectedRows?: ReadonlySet<number>;
  /** Called whenever outcomes were written into the sheet, with the job's checkpoint. */
  onCheckpoint?: (state: JobState) => void;
  /**
   * Called before creates are sent, with the checkpoint whose journal lists them: save it
   * before returning. Without it, onCheckpoint is called instead.
   */
  onJournal?: (state: JobState) => void;
  onProgress?: (job: ImportJob) => void;
  cancelled?: () => boolean;
  /** Stop starting rows at this time (ms); the state then resumes the rest. */
  deadline?: number;
}

export interface ImportResult {
  state: JobState;
  outcomes: RowOutcome[];
  run: RunRows;
}

/**
 * Imports the sheet, writing outcomes into its owned columns (added to the right when
 * absent). Resumable: pass the returned state back with the same sheet.
 */
export async function importSheet(sheet: Sheet, options: ImportOptions): Promise<ImportResult> {
  const base = parseBaseUrl(options.connection.baseUrl);
  if (!base.ok) throw new Error(base.message);
  ensureOwnedColumns(sheet, options.settings.headerRow);
  const checked = review(sheet, options.settings, options.customFields);
  if (!checked.ok) throw new Error(checked.messages.join(' '));
  const { table, report } = checked.review;

  const jobId = options.state?.jobId ?? options.jobId ?? newRunId();
  const run = rowsToRun(table.rows, report.rows, table.owned, {
    mode: options.mode,
    runId: jobId,
    selectedRows: options.selectedRows,
  });
  const config: JobConfig = {
    baseUrl: base.baseUrl,
    purpose: options.settings.purpose,
    identifier: options.settings.identifier,
    doNotOverwrite: options.settings.doNotOverwrite,
    runTags: runTags(options.settings, options.importTag),
    tagsColumn: options.settings.mapping.some((m) => m.field === 'tags'),
  };
  const state =
    options.state ??
    newJobState({
      jobId,
      config,
      sheetName: options.sheetName ?? 'Sheet1',
      startedBy: options.startedBy ?? 'cli',
      now: Date.now(),
      rowsTotal: run.work.length + run.invalid.length,
    });
  const job = ImportJob.resume(
    state,
    run.work,
    { customFields: options.customFields },
    run.alreadyDone,
  );
  const outcomes: RowOutcome[] = [];
  const validator = prepareValidation(
    options.settings,
    table,
    buildCatalogue(options.customFields),
  );
  if (!validator.ok) throw new Error(validator.messages.join(' '));
  const write = (batch: RowOutcome[]) => {
    writeOutcomes(sheet, options.settings.headerRow, batch, jobId, validator.value);
    outcomes.push(...batch);
  };
  if (run.invalid.length > 0) {
    job.record(run.invalid);
    write(run.invalid);
  }
  options.onCheckpoint?.(job.checkpoint());

  await runJob(job, {
    send: options.connection.send,
    onOutcomes: write,
    persist: () => (options.onJournal ?? options.onCheckpoint)?.(job.checkpoint()),
    onProgress: () => options.onProgress?.(job),
    deadline: options.deadline,
    cancelled: options.cancelled,
  });
  const final = job.checkpoint();
  options.onCheckpoint?.(final);
  return { state: final, outcomes, run };
}

/** Run ids name a run in the fingerprint cells: short, unique enough, no clock format. */
export function newRunId(): string {
  return `r${Date.now().toString(36)}${Math.floor(Math.random() * 36 ** 3).toString(36)}`;
}

const ORDER: readonly OwnedColumnKind[] = ['error', 'status', 'contactId', 'fingerprint'];

/** Owned column indexes by header; adds the missing ones to the right of the data. */
export function ensureOwnedColumns(
  sheet: Sheet,
  headerRow: number,
): Record<OwnedColumnKind, number> {
  const header = (sheet[headerRow - 1] ??= []);
  const found = {} as Record<OwnedColumnKind, number>;
  const width = Math.max(...sheet.map((row) => lastFilled(row) + 1), 0);
  let next = width;
  for (const kind of ORDER) {
    const wanted = OWNED_COLUMNS[kind].toLowerCase();
    const at = header.findIndex(
      (cell) => typeof cell === 'string' && cell.trim().toLowerCase() === wanted,
    );
    if (at >= 0) found[kind] = at;
    else {
      found[kind] = next;
      header[next++] = OWNED_COLUMNS[kind];
    }
  }
  for (const row of sheet) while (row.length < next) row.push('');
  return found;
}

function lastFilled(row: readonly unknown[]): number {
  for (let i = row.length - 1; i >= 0; i--)
    if (row[i] !== '' && row[i] !== null && row[i] !== undefined) return i;
  return -1;
}

/**
 * Writes outcomes into the owned columns of their rows, each checked to still be the row
 * that was sent (rows may have moved since) and found again if not.
 */
export function writeOutcomes(
  sheet: Sheet,
  headerRow: number,
  outcomes: readonly RowOutcome[],
  runId: string,
  validator: Validator,
): void {
  const at = ensureOwnedColumns(sheet, headerRow);
  const where = locateOutcomes(
    outcomes,
    validator,
    (n) => sheet[n - 1],
    headerRow + 1,
    sheet.length,
  );
  outcomes.forEach((outcome, i) => {
    const target = where[i];
    const row = target === null || target === undefined ? undefined : sheet[target - 1];
    if (!row) return;
    row[at.status] = outcome.status;
    row[at.error] = outcome.reason === null ? '' : plainText(outcome.reason);
    row[at.contactId] =
      outcome.contactId ?? (outcome.status === 'Error' ? (row[at.contactId] ?? '') : '');
    row[at.fingerprint] = markerText(outcome.fingerprint, runId);
  });
}
