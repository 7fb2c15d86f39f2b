/**
 * Apps Script runs one execution at a time per call, and the add-on's server code is
 * synchronous: here every call into the bundle (a sidebar call, a menu item, a trigger)
 * waits its turn in one queue, so two never interleave on the shared fakes.
 */

export interface ExecutionHooks {
  /** Called just before an execution starts (the page shows "Running …"). */
  started(label: string): void;
  /** Called after it ends, whether it answered or threw. */
  finished(label: string, ms: number, error: unknown): void;
}

export class ExecutionQueue {
  private tail: Promise<unknown> = Promise.resolve();
  private pending = 0;

  constructor(private readonly hooks: ExecutionHooks) {}

  /** Executions queued or running. */
  get length(): number {
    return this.pending;
  }

  /** Runs `fn` after every execution queued before it; resolves or rejects with its outcome. */
  run<T>(label: string, fn: () => T): Promise<T> {
    this.pending++;
    const result = this.tail.then(() => this.execute(label, fn));
    // The chain must survive a failed execution; the caller still sees the rejection.
    this.tail = result.catch(() => undefined);
    return result;
  }

  private async execute<T>(label: string, fn: () => T): Promise<T> {
    this.hooks.started(label);
    // Give the event loop one turn so the "started" notice leaves before the synchronous
    // execution blocks this thread (it may wait on HTTP for seconds).
    await new Promise((resolve) => setImmediate(resolve));
    const start = performance.now();
    let error: unknown = null;
    try {
      return fn();
    } catch (e) {
      error = e;
      throw e;
    } finally {
      this.pending--;
      this.hooks.finished(label, performance.now() - start, error);
    }
  }
}
