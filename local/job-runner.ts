/**
 * Drives an ImportJob from Node: each request goes out the moment the job allows it (no
 * waves), answers are fed back as they arrive, and outcomes are handed to the caller.
 */
import type { HttpRequest, HttpResult } from '../src/api';
import type { ImportJob } from '../src/core/job';
import type { RowOutcome } from '../src/core/outcome';

export interface RunOptions {
  send: (request: HttpRequest) => Promise<HttpResult>;
  onOutcomes?: (outcomes: RowOutcome[]) => void;
  /**
   * Called before sends that add creates to the job's journal: save `job.checkpoint()` now,
   * synchronously, so a run killed before their answers knows the contacts are its own.
   */
  persist?: () => void;
  /** Called after every answer (for progress); cheap. */
  onProgress?: () => void;
  /** Stop starting rows at this time (ms); rows under way finish. */
  deadline?: number;
  /** Checked between sends: true cancels the job. */
  cancelled?: () => boolean;
  now?: () => number;
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export async function runJob(job: ImportJob, options: RunOptions): Promise<void> {
  const now = options.now ?? Date.now;
  const inflight = new Set<Promise<void>>();
  const emit = (outcomes: RowOutcome[]) => {
    if (outcomes.length > 0) options.onOutcomes?.(outcomes);
  };
  while (!job.finished) {
    if (options.cancelled?.() && job.status === 'processing') emit(job.cancel(now()));
    if (options.deadline !== undefined && now() >= options.deadline) job.drain();
    const { sends, outcomes, waitMs, persist } = job.next(now());
    emit(outcomes);
    if (persist) options.persist?.();
    for (const { id, request } of sends) {
      const done = options
        .send(request)
        .then((result) => {
          emit(job.accept(id, result, now()));
          options.onProgress?.();
        })
        .finally(() => inflight.delete(done));
      inflight.add(done);
    }
    if (sends.length > 0 || job.finished) continue;
    if (inflight.size === 0 && waitMs === null) {
      throw new Error('The import job stalled: nothing to send and nothing awaited.');
    }
    const waits: Promise<unknown>[] = [...inflight];
    if (waitMs !== null) waits.push(sleep(waitMs));
    await Promise.race(waits);
  }
  await Promise.all(inflight);
}
