/**
 * Runs the CLI as a real process (`node bin/contact-import.js …`, which runs the built
 * dist/cli.js), as a person would, for integration tests. The token is passed in the
 * environment only, as in real use. `npm test` builds first; run alone, these tests rebuild
 * dist/cli.js when it is missing or older than the sources (esbuild, well under a second).
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { readCsv } from '../../local/files';

const ROOT = join(__dirname, '..', '..');
export const BIN = join(ROOT, 'bin', 'contact-import.js');
const BUILT = join(ROOT, 'dist', 'cli.js');

buildCliIfStale();

function buildCliIfStale(): void {
  const built = existsSync(BUILT) ? statSync(BUILT).mtimeMs : 0;
  const sources = [...files(join(ROOT, 'local')), ...files(join(ROOT, 'src'))];
  if (sources.every((f) => statSync(f).mtimeMs <= built)) return;
  execFileSync(process.execPath, [join(ROOT, 'esbuild.config.js')], { cwd: ROOT, stdio: 'ignore' });
}

function files(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? files(join(dir, e.name)) : [join(dir, e.name)],
  );
}

export interface CliRun {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

export interface CliOptions {
  /** CONTACT_IMPORT_TOKEN; omitted: no token in the environment. */
  token?: string;
  cwd?: string;
  env?: Record<string, string>;
}

export interface RunningCli {
  child: ChildProcess;
  done: Promise<CliRun>;
  /** Resolves when stderr or stdout has matched `pattern` (rejects if the process ends first). */
  waitFor(pattern: RegExp): Promise<void>;
  output(): { stdout: string; stderr: string };
}

export function startCli(args: readonly string[], options: CliOptions = {}): RunningCli {
  const env: NodeJS.ProcessEnv = { ...process.env, ...options.env };
  delete env.CONTACT_IMPORT_TOKEN;
  if (options.token !== undefined) env.CONTACT_IMPORT_TOKEN = options.token;
  const child = spawn(process.execPath, [BIN, ...args], {
    cwd: options.cwd ?? ROOT,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  const watchers: { pattern: RegExp; resolve: () => void }[] = [];
  const check = () => {
    for (const w of watchers.splice(0)) {
      if (w.pattern.test(stdout) || w.pattern.test(stderr)) w.resolve();
      else watchers.push(w);
    }
  };
  child.stdout?.on('data', (chunk: Buffer) => {
    stdout += chunk.toString();
    check();
  });
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
    check();
  });
  const done = new Promise<CliRun>((resolve) => {
    child.once('close', (code, signal) => resolve({ code, signal, stdout, stderr }));
  });
  return {
    child,
    done,
    output: () => ({ stdout, stderr }),
    waitFor: (pattern) =>
      new Promise<void>((resolve, reject) => {
        watchers.push({ pattern, resolve });
        check();
        void done.then(() =>
          reject(new Error(`The CLI ended before printing ${pattern}:\n${stdout}\n${stderr}`)),
        );
      }),
  };
}

export function runCli(args: readonly string[], options: CliOptions = {}): Promise<CliRun> {
  return startCli(args, options).done;
}

/** A CSV file as rows of text (the results file, say), header first. */
export function csvRows(path: string): string[][] {
  return readCsv(path).values.filter((row) => row.some((cell) => cell !== '')) as string[][];
}

/** One column of a CSV read with csvRows, by header, without the header. */
export function csvColumn(rows: readonly string[][], header: string): string[] {
  const at = (rows[0] ?? []).indexOf(header);
  if (at < 0) throw new Error(`No column ${header} in ${JSON.stringify(rows[0])}`);
  return rows.slice(1).map((row) => row[at] ?? '');
}
