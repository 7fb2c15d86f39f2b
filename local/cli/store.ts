/**
 * The CLI's files: the input it reads, and what an import keeps on disk: the results file (the input's columns plus the add-on's own
 * four, the durable record of every row, like the sheet's columns), the job checkpoint beside
 * it, and a lock so two imports never write the same results at once.
 *
 * Both files are replaced atomically (written to a temporary file, then renamed), so a process
 * killed at any moment leaves the previous complete version, never half a file. The results
 * are always written before the checkpoint: a checkpoint never claims more than the results
 * file records (the sheet, not the checkpoint, is the truth about rows).
 */
import { existsSync, linkSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { userInfo } from 'node:os';
import { basename } from 'node:path';
import type { JobState } from '../../src/core/job';
import { readSheetFile, writeCsv, type CellValue, type SheetData } from '../files';
import { CliError } from './output';
import { protectCell, unprotectResults } from './formula-safe';
import { notTextProblem, notWorkbookProblem } from './sniff';

/** The input file as the sheet it stands for; trailing empty lines (a final newline) dropped. */
export interface LoadedSheet extends SheetData {
  /** A results file whose text cells this CLI had protected from running as formulas. */
  wasProtected: boolean;
}

export async function loadSheet(path: string): Promise<LoadedSheet> {
  if (!existsSync(path)) throw new CliError(`There is no file ${path}.`);
  const problem = /\.xlsx$/i.test(path) ? notWorkbookProblem(path) : notTextProblem(path);
  if (problem !== null) throw new CliError(problem);
  let data: SheetData;
  try {
    data = await readSheetFile(path);
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    throw new CliError(
      message.includes(basename(path)) ? message : `Could not read ${path}: ${message}`,
    );
  }
  // A results file read back: the person's cells as they were before the CLI quoted them.
  const wasProtected = /\.xlsx$/i.test(path) ? false : unprotectResults(data.values);
  if (wasProtected) data.display = data.values.map((row) => row.map((cell) => String(cell)));
  let end = data.values.length;
  while (end > 0 && (data.values[end - 1] ?? []).every((cell) => cell === '')) end--;
  data.values.length = end;
  data.display.length = Math.min(data.display.length, end);
  return { ...data, wasProtected };
}

export interface RunFiles {
  /** The results file. */
  out: string;
  /** Write text starting with a formula character as text (XLSX input, or --safe-csv). */
  protectText: boolean;
  /** The job checkpoint: the core's JobState as JSON. */
  checkpoint: string;
  lock: string;
}

/**
 * Where a run keeps its files. A results file given as input is updated in place, so
 * re-running it again and again keeps one file rather than `x.results.csv.results.csv`.
 */
export function runFiles(input: string, out: string | null, safeCsv = false): RunFiles {
  const target = out ?? (/\.results\.csv$/i.test(input) ? input : `${input}.results.csv`);
  const protectText = safeCsv || /\.xlsx$/i.test(input);
  return { out: target, protectText, checkpoint: `${target}.job.json`, lock: `${target}.lock` };
}

function replaceFile(path: string, write: (temporary: string) => void): void {
  const temporary = `${path}.tmp`;
  write(temporary);
  renameSync(temporary, path);
}

/**
 * `protectText`: text starting with a formula character is written as text (see
 * formula-safe.ts); otherwise every cell is written as it came in.
 */
export function writeResults(
  path: string,
  sheet: readonly (readonly unknown[])[],
  protectText = false,
): void {
  const cell = protectText ? (value: unknown) => protectCell(csvCell(value)) : csvCell;
  replaceFile(path, (temporary) =>
    writeCsv(
      temporary,
      sheet.map((row) => row.map(cell)),
      protectText ? isProtected : undefined,
    ),
  );
}

const isProtected = (value: unknown) => typeof value === 'string' && /^'[=+\-@\t\r]/.test(value);

/**
 * Cells as CSV text that reads back as the same value: a spreadsheet date becomes yyyy-mm-dd
 * (or HH:MM for a time of day), not an ISO timestamp the date and time checks would refuse.
 */
function csvCell(value: unknown): CellValue {
  if (value === null || value === undefined) return '';
  if (!(value instanceof Date)) return value as CellValue;
  if (Number.isNaN(value.getTime())) return '';
  const iso = value.toISOString();
  const date = iso.slice(0, 10);
  const time = iso.slice(11, 19);
  if (time === '00:00:00') return date;
  // Spreadsheets store a time of day as a date on their epoch, 1899-12-30.
  if (date === '1899-12-30') return time.endsWith(':00') ? time.slice(0, 5) : time;
  return `${date} ${time}`;
}

export function writeCheckpoint(path: string, state: JobState): void {
  replaceFile(path, (temporary) => writeFileSync(temporary, JSON.stringify(state)));
}

/** The checkpoint of an unfinished run, or null when there is none. */
export function readCheckpoint(path: string): JobState | null {
  if (!existsSync(path)) return null;
  let state: unknown;
  try {
    state = JSON.parse(readFileSync(path, 'utf8'));
  } catch {
    state = null;
  }
  if (!isJobState(state)) {
    throw new CliError(
      `The checkpoint ${path} is unreadable — delete it to start a new run (the results file keeps what was done).`,
    );
  }
  return state;
}

function isJobState(value: unknown): value is JobState {
  if (typeof value !== 'object' || value === null) return false;
  const s = value as Partial<JobState>;
  return (
    s.version === 1 &&
    typeof s.jobId === 'string' &&
    typeof s.status === 'string' &&
    typeof s.startedAt === 'number' &&
    typeof s.config === 'object' &&
    s.config !== null &&
    Array.isArray(s.config.runTags)
  );
}

export function removeCheckpoint(path: string): void {
  rmSync(path, { force: true });
}

interface LockHolder {
  pid: number;
  user: string;
  since: number;
  /** Tells this holder's lock from a later one of the same process. */
  nonce?: string;
}

/**
 * Takes the lock of a results file, or says who holds it. Returns the function that
 * releases it.
 *
 * The lock file appears with its owner already in it: the owner is written to a private
 * file first, which is then hard-linked to the lock's name — `link` fails if the name
 * exists, atomically, so there is never a lock file without an owner for another process
 * to misread as abandoned. A lock whose process no longer exists (killed) is taken over
 * under a second exclusive file (`<lock>.takeover`), after checking, while holding it,
 * that the lock is still the abandoned one: two processes can never both remove a lock
 * and both take it.
 */
export function takeLock(path: string, now: number): () => void {
  const me: LockHolder = { pid: process.pid, user: userName(), since: now, nonce: nonce() };
  const text = JSON.stringify(me);
  for (let attempt = 0; attempt < 20; attempt++) {
    if (linkNew(path, text)) return () => releaseLock(path, text);
    const seen = readText(path);
    if (seen === null) continue; // released meanwhile: try again
    const holder = parseHolder(seen);
    if (holder && holder.pid !== process.pid && isAlive(holder.pid)) {
      const since = new Date(holder.since).toLocaleString();
      throw new CliError(
        `${holder.user} is already importing into ${path.replace(/\.lock$/, '')} (process ${holder.pid}, since ${since}) — wait for it to finish, or stop it first.`,
      );
    }
    takeOver(path, seen, text);
  }
  throw new CliError(`Could not take the lock ${path} — delete it if no import is running.`);
}

/** Creates `path` holding `text`, or returns false if it exists. Atomic. */
function linkNew(path: string, text: string): boolean {
  const draft = `${path}.${process.pid}.${nonce()}`;
  writeFileSync(draft, text, { flag: 'wx' });
  try {
    linkSync(draft, path);
    return true;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
    return false;
  } finally {
    rmSync(draft, { force: true });
  }
}

/** Removes an abandoned lock whose text was `stale`, if it is still that one. */
function takeOver(path: string, stale: string, me: string): void {
  const guard = `${path}.takeover`;
  if (!linkNew(guard, me)) {
    // Someone else is taking over; if that process died doing so, clear its guard.
    const other = readText(guard);
    const holder = other === null ? null : parseHolder(other);
    if (other !== null && (holder === null || !isAlive(holder.pid))) {
      takeOverGuard(guard, other);
    }
    return;
  }
  try {
    if (readText(path) === stale) rmSync(path, { force: true });
  } finally {
    rmSync(guard, { force: true });
  }
}

/** A takeover guard left by a dead process: removed only if it is still that one. */
function takeOverGuard(guard: string, stale: string): void {
  const aside = `${guard}.${process.pid}.${nonce()}`;
  try {
    renameSync(guard, aside);
  } catch {
    return;
  }
  // Renamed someone else's live guard by mistake (it changed since read): put it back.
  if (readText(aside) !== stale) {
    try {
      linkSync(aside, guard);
    } catch {
      // A newer guard exists: the one set aside is no longer needed.
    }
  }
  rmSync(aside, { force: true });
}

/** Releases the lock only if it is still ours (never someone else's after a takeover). */
function releaseLock(path: string, text: string): void {
  if (readText(path) === text) rmSync(path, { force: true });
}

function readText(path: string): string | null {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return null;
  }
}

function parseHolder(text: string): LockHolder | null {
  try {
    const holder = JSON.parse(text) as Partial<LockHolder>;
    return typeof holder.pid === 'number'
      ? { pid: holder.pid, user: String(holder.user ?? 'someone'), since: Number(holder.since) }
      : null;
  } catch {
    return null;
  }
}

function nonce(): string {
  return Math.random().toString(36).slice(2, 10);
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    // EPERM: it exists but belongs to another user.
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export function userName(): string {
  try {
    return userInfo().username || 'cli';
  } catch {
    return 'cli';
  }
}
