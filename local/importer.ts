/**
 * The Node driver's import: core/run's loop with the sheet as a 2-D array and answers from
 * real HTTP. The CLI and the tests use it; the results (Error, Import Status, Contact ID,
 * Import Fingerprint) go back into the array.
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
import type { ImportJob, JobState } from '../src/core/job';
import { locateOutcomes } from '../src/core/locate';
import { plainText, type RowOutcome, type RunMode } from '../src/core/outcome';
import { runLoop, type Effect, type Reply } from '../src/core/run/loop';
import type { RunRows } from '../src/core/run/rows';
import { newRunId, resumeRun, startRun } from '../src/core/run/start';
import { identifierColumn } from '../src/core/mapping';
import { ownedCells, type IdentifierColumn } from '../src/core/run/writes';
import type { Settings } from '../src/core/settings';
import { readTable, type Table } from '../src/core/table';
import {
  prepareValidation,
  validateTable,
  type ValidationReport,
  type Validator,
} from '../src/core/validate';

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

/** Requests sent at once: as in the add-on, a wave carries every endpoint's allowance. */
const MAX_WAVE = 150;
/** The results file and checkpoint are saved at least this often while answers arrive. */
const SAVE_EVERY_MS = 1_000;

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Imports the sheet, writing outcomes into its owned columns (added to the right when
 * absent). Resumable: pass the returned state back with the same sheet.
 */
export async function importSheet(sheet: Sheet, options: ImportOptions): Promise<ImportResult> {
  const { settings, connection } = options;
  const base = parseBaseUrl(connection.baseUrl);
  if (!base.ok) throw new Error(base.message);
  ensureOwnedColumns(sheet, settings.headerRow);
  const checked = review(sheet, settings, options.customFields);
  if (!checked.ok) throw new Error(checked.messages.join(' '));
  const { table, report } = checked.review;
  const reviewed = { rows: table.rows, results: report.rows, owned: table.owned };
  const selection = { mode: options.mode, selectedRows: options.selectedRows };

  const now = Date.now();
  const state =
    options.state ??
    startRun(reviewed, selection, {
      settings,
      baseUrl: base.baseUrl,
      importTag: options.importTag,
      sheetName: options.sheetName ?? 'Sheet1',
      startedBy: options.startedBy ?? 'cli',
      now,
      runId: options.jobId ?? newRunId(now, Math.random),
    }).state;
  const { job, invalid, rows } = resumeRun(state, reviewed, selection, {
    customFields: options.customFields,
  });
  const validator = prepareValidation(settings, table, buildCatalogue(options.customFields));
  if (!validator.ok) throw new Error(validator.messages.join(' '));
  const identifier = identifierColumn(settings, table.columns);

  const outcomes: RowOutcome[] = [];
  const perform = async (effect: Effect): Promise<Reply> => {
    switch (effect.kind) {
      case 'send':
        return {
          kind: 'answers',
          results: await Promise.all(effect.requests.map((r) => connection.send(r))),
        };
      case 'wait':
        await sleep(effect.ms);
        return undefined;
      case 'write':
        writeOutcomes(
          sheet,
          settings.headerRow,
          effect.outcomes,
          state.jobId,
          validator.value,
          identifier,
        );
        outcomes.push(...effect.outcomes);
        return undefined;
      case 'save':
        options.onCheckpoint?.(job.checkpoint());
        return undefined;
      case 'journal':
        (options.onJournal ?? options.onCheckpoint)?.(job.checkpoint());
        return undefined;
      case 'cancel-requested':
        return options.cancelled?.() === true;
      case 'publish':
        options.onProgress?.(job);
        return undefined;
    }
  };
  const loop = runLoop(job, invalid, {
    now: () => Date.now(),
    deadline: options.deadline ?? null,
    maxWave: MAX_WAVE,
    saveEveryMs: SAVE_EVERY_MS,
    cancelCheckMs: options.cancelled ? 0 : null,
    publishEveryMs: 0,
    saveFirst: true,
  });
  let reply: Reply;
  for (let step = loop.next(); !step.done; step = loop.next(reply))
    reply = await perform(step.value);
  return { state: job.checkpoint(), outcomes, run: rows };
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
  identifier: IdentifierColumn | null = headerIdentifier(sheet, headerRow, validator),
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
    const cells = ownedCells(outcome, runId, identifier, []);
    row[at.status] = cells.status;
    row[at.error] = plainText(cells.error);
    if (cells.contactId !== null) row[at.contactId] = cells.contactId;
    row[at.fingerprint] = cells.fingerprint;
  });
}

/** The identifier's column found by its header (callers without the table's columns). */
function headerIdentifier(
  sheet: Sheet,
  headerRow: number,
  validator: Validator,
): IdentifierColumn | null {
  const header = (sheet[headerRow - 1] ?? []).map((cell, index) => ({
    index,
    label: String(cell ?? '').trim(),
  }));
  return identifierColumn(validator.settings, header);
}
