/**
 * One import while it runs: writes the results file and the checkpoint whenever the run
 * loop saves (at the start, at least every second, and at the end), shows progress, and
 * turns Ctrl-C into a graceful stop.
 *
 * Ctrl-C pauses the job rather than cancelling it: no new request goes out, the answers to
 * requests already sent are recorded, and the run stays resumable with the same command.
 * (A cancelled job would end the run and settle rows written but not yet tagged as "tags
 * missing"; a paused one finishes them when it resumes.) A second Ctrl-C, or answers that take
 * too long, stops at once: what was saved last is then exactly what a crash would leave, which
 * a resume handles too.
 */
import type { ImportJob, JobState } from '../../src/core/job';
import type { Sheet } from '../sheet';
import type { Io } from './output';
import { Progress, type ProgressFigures } from './progress';
import { writeCheckpoint, writeResults, type RunFiles } from './store';

/** How long a stop waits for answers to requests already sent. */
const STOP_GRACE_MS = 10_000;
export const STOPPED_MESSAGE = 'Stopped with Ctrl-C.';

export class ImportSession {
  /** Ctrl-C was pressed (the job is paused, or will be at the first answer). */
  stopRequested = false;
  private job: ImportJob | null = null;
  private stopTimer: NodeJS.Timeout | null = null;
  private readonly view: Progress;
  private readonly onSignal = () => this.interrupt();

  /** `stopNow` ends the process after an immediate stop (the session has saved by then). */
  constructor(
    private readonly io: Io,
    private readonly sheet: Sheet,
    private readonly files: RunFiles,
    private readonly stopNow: (job: ImportJob | null) => void,
  ) {
    this.view = new Progress(io);
    process.on('SIGINT', this.onSignal);
    process.on('SIGTERM', this.onSignal);
  }

  /** For importSheet's onCheckpoint: the state before any request, and the final one. */
  checkpoint(state: JobState): void {
    this.write(state);
  }

  /**
   * For importSheet's onJournal: creates are about to go. Only the checkpoint is written (the
   * results file claims no rows more than before); its journal lists the creates in flight.
   */
  journal(state: JobState): void {
    writeCheckpoint(this.files.checkpoint, state);
  }

  /** For importSheet's onProgress, called after every wave (the run loop saves by itself). */
  progress(job: ImportJob): void {
    this.job = job;
    if (this.stopRequested) job.pause(STOPPED_MESSAGE, Date.now());
    this.view.update(() => figuresOf(job));
  }

  /** Shows the progress now (at the start and the end). */
  showProgress(figures: ProgressFigures): void {
    this.view.update(() => figures, true);
  }

  /** Saves what is known now; before the first answer the files on disk are already current. */
  saveNow(): void {
    if (this.job) this.write(this.job.checkpoint());
  }

  close(): void {
    process.off('SIGINT', this.onSignal);
    process.off('SIGTERM', this.onSignal);
    if (this.stopTimer) clearTimeout(this.stopTimer);
  }

  private write(state: JobState): void {
    writeResults(this.files.out, this.sheet, this.files.protectText);
    writeCheckpoint(this.files.checkpoint, state);
  }

  private interrupt(): void {
    if (this.stopRequested) return this.abandon();
    this.stopRequested = true;
    this.io.err(
      'Stopping: waiting for the answers to requests already sent (Ctrl-C again stops at once)…',
    );
    const job = this.job;
    job?.pause(STOPPED_MESSAGE, Date.now());
    // With nothing in flight the runner may be asleep until its next send: no need to wait.
    this.stopTimer = setTimeout(() => this.abandon(), job?.finished ? 0 : STOP_GRACE_MS);
  }

  private abandon(): void {
    this.close();
    this.saveNow();
    this.stopNow(this.job);
  }
}

export function figuresOf(job: ImportJob): ProgressFigures {
  return { done: job.rowsDone, total: job.checkpoint().rowsTotal, etaSeconds: job.etaSeconds() };
}
