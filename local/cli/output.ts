/**
 * What the CLI talks to: its output streams, the environment, and the one kind of failure it
 * reports as a plain sentence with an exit code (never a stack trace).
 */
import { forTerminal } from './terminal';

export interface Io {
  /** Results and summaries (stdout). */
  out(line: string): void;
  /** Progress and messages about the run (stderr). */
  err(line: string): void;
  /** Redraws the progress line in place; only called when `tty` is true. */
  status(line: string): void;
  /** stderr is a terminal: draw a progress bar instead of periodic lines. */
  tty: boolean;
  env: NodeJS.ProcessEnv;
}

export const EXIT = {
  ok: 0,
  /** Rows with errors (validate or import): the run itself worked. */
  rowErrors: 1,
  /** Bad usage, bad settings, unreadable file, token refused, host unreachable. */
  fatal: 2,
  /** The workspace kept refusing for its rate limit: run the same command again later. */
  paused: 3,
  /** Stopped with Ctrl-C: run the same command again to go on. */
  interrupted: 130,
} as const;

/** A failure the person can act on: one sentence, and the exit code to end with. */
export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode: number = EXIT.fatal,
  ) {
    super(message);
    this.name = 'CliError';
  }
}

/**
 * The process's streams. Every line passes through forTerminal: lines quote headers, cells and
 * API answers, and none of them may drive the terminal (only the bar's own \r and clear do).
 */
export function processIo(): Io {
  let drawn = false;
  return {
    out: (line) => {
      if (drawn) process.stderr.write('\n');
      drawn = false;
      process.stdout.write(`${forTerminal(line)}\n`);
    },
    err: (line) => {
      if (drawn) process.stderr.write('\n');
      drawn = false;
      process.stderr.write(`${forTerminal(line)}\n`);
    },
    status: (line) => {
      // \r + "clear to end of line": the bar redraws itself on one line.
      process.stderr.write(`\r${forTerminal(line)}\x1b[K`);
      drawn = true;
    },
    tty: process.stderr.isTTY === true,
    env: process.env,
  };
}

/** 12345 → "12,345" */
export function count(n: number): string {
  return String(Math.round(n)).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/** 75 → "1 min 15 s"; 4000 → "1 h 6 min". */
export function duration(seconds: number): string {
  const s = Math.max(0, Math.round(seconds));
  if (s < 60) return `${s} s`;
  if (s < 3600) return `${Math.floor(s / 60)} min ${s % 60} s`;
  return `${Math.floor(s / 3600)} h ${Math.floor((s % 3600) / 60)} min`;
}

/** "1 row", "2 rows" */
export function plural(n: number, word: string): string {
  return `${count(n)} ${word}${n === 1 ? '' : 's'}`;
}
