/**
 * `contact-import import <file>`: the add-on's engine (local/importer.ts) over a CSV or XLSX
 * file, the results file standing in for the sheet's own columns.
 *
 * What the command finds beside the input decides what it does:
 * - the checkpoint of an unfinished run (processing, or paused by Ctrl-C or the rate limit):
 *   that run is resumed from the results file — same run id, same import tag, and the rows it
 *   finished are not sent again;
 * - the checkpoint of a run that failed (e.g. the token was revoked mid-way): a new run from
 *   the results file, so only rows not yet imported and failed rows go;
 * - otherwise (none, or a completed one): a new run from the input file.
 */
import { existsSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import type { JobState } from '../../src/core/job';
import { rowsDone, type RowOutcome, type RunMode } from '../../src/core/outcome';
import { estimateRest } from '../../src/core/plan';
import { tagsColumnMapped } from '../../src/core/run/start';
import { importTagFor, runTags, type Settings } from '../../src/core/settings';
import { importSheet, type ImportResult } from '../importer';
import type { Sheet } from '../sheet';
import type { CliArgs, Only } from './args';
import { CliError, count, duration, EXIT, plural, type Io } from './output';
import { ImportSession, STOPPED_MESSAGE } from './session';
import { buildSetup, setupLines } from './setup';
import {
  loadSheet,
  readCheckpoint,
  removeCheckpoint,
  runFiles,
  takeLock,
  userName,
  type RunFiles,
} from './store';
import { connect, readCustomFields, requireToken, type CountedConnection } from './workspace';

/** Rows with errors listed after an import; the rest are in the results file. */
const ERRORS_LISTED = 10;

export async function importCommand(args: CliArgs, io: Io): Promise<number> {
  const connection = connect(args.apiUrl, requireToken(io.env));
  const files = runFiles(args.file, args.out, args.safeCsv);
  if (!existsSync(dirname(resolve(files.out)))) {
    throw new CliError(`The folder of --out ${files.out} does not exist — create it first.`);
  }
  const release = takeLock(files.lock, Date.now());
  try {
    return await importLocked(args, io, connection, files, release);
  } finally {
    release();
  }
}

async function importLocked(
  args: CliArgs,
  io: Io,
  connection: CountedConnection,
  runFilesGiven: RunFiles,
  release: () => void,
): Promise<number> {
  let files = runFilesGiven;
  const start = whereToStart(args, files);
  const data = await loadSheet(start.source);
  // Protected once, protected on every later write of the same results.
  if (data.wasProtected) files = { ...files, protectText: true };
  const customFields = await readCustomFields(connection);
  const setup = buildSetup(args, data, customFields, true);
  for (const line of setupLines(setup, data.name)) io.out(line);
  for (const note of setup.notes) io.err(note);
  if (start.resume)
    checkSameRun(start.resume, setup.settings, connection.baseUrl, files.checkpoint);
  io.err(start.message);

  const sheet: Sheet = data.values;
  const started = Date.now();
  const session = new ImportSession(io, sheet, files, (job) => {
    if (job) summarise(io, job.checkpoint(), null, connection, started, files, args.only);
    io.err(`${STOPPED_MESSAGE} Run the same command again to go on.`);
    release();
    process.exit(EXIT.interrupted);
  });
  let announced = false;
  let result: ImportResult;
  try {
    result = await importSheet(sheet, {
      connection,
      settings: setup.settings,
      customFields,
      ...selection(args.only, args.headerRow, sheet.length),
      importTag: start.resume ? null : importTag(setup.settings),
      state: start.resume,
      sheetName: data.name,
      startedBy: userName(),
      onCheckpoint: (state) => {
        session.checkpoint(state);
        if (!announced) announce(io, state);
        announced = true;
      },
      onJournal: (state) => session.journal(state),
      onProgress: (job) => session.progress(job),
    });
  } catch (e) {
    session.saveNow();
    throw e;
  } finally {
    session.close();
  }
  return finish(io, result, session.stopRequested, connection, started, files, args.only);
}

interface Start {
  /** The file the rows are read from. */
  source: string;
  /** The unfinished run to resume, or null for a new run. */
  resume: JobState | null;
  /** What the person is told about it. */
  message: string;
}

/** Resume, go on from the results in a new run, or start afresh: see the top of this file. */
function whereToStart(args: CliArgs, files: RunFiles): Start {
  const found = readCheckpoint(files.checkpoint);
  const previous = found?.status === 'completed' ? null : found;
  if (previous === null) {
    const replaced = files.out !== args.file && existsSync(files.out);
    return {
      source: args.file,
      resume: null,
      message: replaced
        ? `${files.out} holds an earlier run and is replaced. (To send only new and changed rows, import that file instead.)`
        : `Results go to ${files.out}.`,
    };
  }
  // Without its results file a run still resumes from the input: rows it created are
  // recognised by their creation time, so they are not created twice.
  const source = existsSync(files.out) ? files.out : args.file;
  if (previous.status === 'processing' || previous.status === 'paused') {
    const when = new Date(previous.startedAt).toLocaleString();
    return {
      source,
      resume: previous,
      message: `Resuming run ${previous.jobId}, started ${when} by ${previous.startedBy}.`,
    };
  }
  return {
    source,
    resume: null,
    message: `The last run stopped (${previous.message ?? previous.status}); a new run goes on from ${source}.`,
  };
}

/** Which rows `--only` sends: `all` is every data row, selected (rows done by this run excepted). */
function selection(
  only: Only,
  headerRow: number,
  lastRow: number,
): { mode: RunMode; selectedRows?: ReadonlySet<number> } {
  if (only === 'errors') return { mode: 'errors' };
  if (only === 'changed') return { mode: 'pending' };
  const rows = new Set<number>();
  for (let row = headerRow + 1; row <= lastRow; row++) rows.add(row);
  return { mode: 'selected', selectedRows: rows };
}

/** `import 2026-11-22 09:30`, in this machine's time zone. */
function importTag(settings: Settings): string | null {
  if (!settings.addImportTag) return null;
  const d = new Date();
  return importTagFor({
    year: d.getFullYear(),
    month: d.getMonth() + 1,
    day: d.getDate(),
    hour: d.getHours(),
    minute: d.getMinutes(),
  });
}

/**
 * A resumed run keeps the settings it started with (they are in its checkpoint); a command
 * with other settings is refused rather than silently mixing two imports in one run.
 */
function checkSameRun(state: JobState, settings: Settings, baseUrl: string, path: string): void {
  const saved = state.config;
  // The import tag was made when the run started: take it from the run, not from the clock.
  const tag = settings.addImportTag ? (saved.runTags[saved.runTags.length - 1] ?? null) : null;
  const differences: string[] = [];
  const compare = (what: string, then: unknown, now: unknown) => {
    if (JSON.stringify(then) !== JSON.stringify(now))
      differences.push(`${what} ${JSON.stringify(then)}, not ${JSON.stringify(now)}`);
  };
  compare('purpose', saved.purpose, settings.purpose);
  compare('identifier', saved.identifier, settings.identifier);
  compare('do-not-overwrite', saved.doNotOverwrite, settings.doNotOverwrite);
  compare('tags', saved.runTags, runTags(settings, tag));
  compare('Tags column mapped', saved.tagsColumn, tagsColumnMapped(settings));
  compare('API', saved.baseUrl, baseUrl);
  if (differences.length === 0) return;
  throw new CliError(
    `${path} holds an unfinished run with other settings (${differences.join('; ')}) — run the command with that run's settings to finish it, or delete ${path} to start a new run.`,
  );
}

function announce(io: Io, state: JobState): void {
  const done = rowsDone(state.counts);
  const calls = estimateRest(state, 5).calls;
  const tagged =
    state.config.runTags.length > 0 ? ` Tags: ${state.config.runTags.join(', ')}.` : '';
  io.err(
    `Run ${state.jobId}: ${plural(state.rowsTotal, 'row')}, ${count(done)} done so far; about ${plural(calls, 'API call')} to go.${tagged}`,
  );
}

function finish(
  io: Io,
  result: ImportResult,
  stopped: boolean,
  connection: CountedConnection,
  started: number,
  files: RunFiles,
  only: Only,
): number {
  const { state } = result;
  summarise(io, state, result, connection, started, files, only);
  switch (state.status) {
    case 'completed':
      removeCheckpoint(files.checkpoint);
      return state.counts.errors > 0 ? EXIT.rowErrors : EXIT.ok;
    case 'paused':
      io.err(
        stopped
          ? `${STOPPED_MESSAGE} Run the same command again to go on.`
          : `${state.message ?? 'The import paused.'} Run the same command again to go on.`,
      );
      return stopped ? EXIT.interrupted : EXIT.paused;
    default:
      throw new CliError(
        `The import stopped: ${state.message ?? state.status} Run the same command again once that is fixed: it goes on from ${files.out}.`,
      );
  }
}

function summarise(
  io: Io,
  state: JobState,
  result: ImportResult | null,
  connection: CountedConnection,
  started: number,
  files: RunFiles,
  only: Only,
): void {
  const c = state.counts;
  io.out(
    `Imported ${count(c.imported)} · Updated ${count(c.updated)} · Skipped ${count(c.skipped)} · Errors ${count(c.errors)}`,
  );
  if (result && result.run.unchanged > 0) {
    io.out(`Not sent (unchanged since their last import): ${count(result.run.unchanged)}`);
  }
  if (result && result.run.leftOut > 0) {
    io.out(`Not sent (left out by --only ${only}): ${count(result.run.leftOut)}`);
  }
  const seconds = (Date.now() - started) / 1000;
  const long = seconds >= 60 ? ` (${duration(seconds)})` : '';
  io.out(`API calls: ${count(connection.calls())} in ${seconds.toFixed(1)} s${long}`);
  if (result) listErrors(io, result.outcomes);
  io.out(`Results: ${files.out}`);
}

function listErrors(io: Io, outcomes: readonly RowOutcome[]): void {
  const errors = outcomes.filter((o) => o.status === 'Error').sort((a, b) => a.row - b.row);
  if (errors.length === 0) return;
  const more = errors.length > ERRORS_LISTED ? ` (first ${ERRORS_LISTED} of ${errors.length})` : '';
  io.out(`Rows with errors${more}; fix them and import the results file again:`);
  for (const o of errors.slice(0, ERRORS_LISTED)) io.out(`  row ${o.row}: ${o.reason ?? 'failed'}`);
}
