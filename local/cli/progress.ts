/**
 * Progress of an import: on a terminal a bar redrawn in place (rows done, rows left, time
 * left); otherwise (a log, CI, a pipe) a plain line every few seconds, so logs stay readable.
 */
import { count, duration, type Io } from './output';

export interface ProgressFigures {
  done: number;
  total: number;
  /** Seconds left at the learned pace; null before anything is known. */
  etaSeconds: number | null;
}

const BAR_WIDTH = 28;
const REDRAW_MS = 100;
/** Between plain lines; CONTACT_IMPORT_PROGRESS_SECONDS changes it (tests, busy logs). */
const DEFAULT_LINE_SECONDS = 5;

export class Progress {
  private last = -Infinity;
  private readonly everyMs: number;

  constructor(
    private readonly io: Io,
    private readonly now: () => number = Date.now,
  ) {
    const seconds = Number(io.env.CONTACT_IMPORT_PROGRESS_SECONDS);
    this.everyMs = io.tty
      ? REDRAW_MS
      : (Number.isFinite(seconds) && seconds > 0 ? seconds : DEFAULT_LINE_SECONDS) * 1000;
  }

  /** Shows the figures when it is time to (cheap to call after every answer). */
  update(figures: () => ProgressFigures, force = false): void {
    const now = this.now();
    if (!force && now - this.last < this.everyMs) return;
    this.last = now;
    const f = figures();
    if (this.io.tty) this.io.status(bar(f));
    else this.io.err(line(f));
  }
}

function bar(f: ProgressFigures): string {
  const share = f.total > 0 ? Math.min(1, f.done / f.total) : 1;
  const filled = Math.round(share * BAR_WIDTH);
  const drawn = `[${'#'.repeat(filled)}${'.'.repeat(BAR_WIDTH - filled)}]`;
  return `${drawn} ${Math.floor(share * 100)}%  ${figures(f)}`;
}

function line(f: ProgressFigures): string {
  return `Progress: ${figures(f)}`;
}

function figures(f: ProgressFigures): string {
  const left = Math.max(0, f.total - f.done);
  const eta = f.etaSeconds === null || left === 0 ? '' : `, about ${duration(f.etaSeconds)} to go`;
  return `${count(f.done)} of ${count(f.total)} rows done, ${count(left)} left${eta}`;
}
