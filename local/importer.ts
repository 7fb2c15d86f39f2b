/**
 * The Node driver's import: core/run's loop with the sheet as a 2-D array and answers from
 * real HTTP. The CLI and the tests use it; the results (Error, Import Status, Contact ID,
 * Import Fingerprint) go back into the array.
 */
import { parseBaseUrl, type CustomFieldDef } from '../src/api';
import { buildCatalogue } from '../src/core/fields';
import type { ImportJob, JobState } from '../src/core/job';
import { identifierColumn } from '../src/core/mapping';
import type { RowOutcome, RunMode } from '../src/core/outcome';
import { runLoop, type Effect, type Reply } from '../src/core/run/loop';
import type { RunRows } from '../src/core/run/rows';
import { newRunId, resumeRun, startRun } from '../src/core/run/start';
import type { Settings } from '../src/core/settings';
import { prepareValidation } from '../src/core/validate';
import type { Connection } from './http';
import { ensureOwnedColumns, review, writeOutcomes, type Sheet } from './sheet';

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
  /** Called after every wave of requests (and every wait), for progress. */
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
  const idColumn = identifierColumn(settings, table.columns);

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
          idColumn,
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
