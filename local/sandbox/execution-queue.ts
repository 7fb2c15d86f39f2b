/**
 * When the sandbox's executions may run. Apps Script runs every execution at the same time
 * as the others; here three kinds:
 *
 * - `run`: an execution on this thread (onOpen, a menu item, onEdit), synchronous: it runs
 *   alone, after every execution queued before it has ended, and blocks this thread.
 * - `runInWorker`: a google.script.run call in its own worker (concurrent-calls.ts), also
 *   after every execution queued before it, except that `runBeside` calls may run meanwhile.
 * - `runBeside`: a google.script.run call in its own worker that runs beside the worker
 *   calls under way (it waits only for `run` executions): the sidebar's progress poll is
 *   answered while an import slice runs, as in Apps Script.
 *
 * A `run` execution never overlaps a worker's: it would block the thread that serves their
 * calls, and a lock one holds would stall the other. Which calls run beside is the editor's
 * choice (editor.ts BESIDE_SLICES).
 */

export interface ExecutionHooks {
  /** Called just before an execution starts (the page shows "Running …"). */
  started(label: string): void;
  /** Called after it ends, whether it answered or threw. */
  finished(label: string, ms: number, error: unknown): void;
}

export class ExecutionQueue {
  /** Settles when every execution queued so far has ended. */
  private tail: Promise<unknown> = Promise.resolve();
  /** Settles when the last `run` execution queued has ended. */
  private threadTail: Promise<unknown> = Promise.resolve();
  private pending = 0;

  constructor(private readonly hooks: ExecutionHooks) {}

  /** Executions queued or running. */
  get length(): number {
    return this.pending;
  }

  /** Runs `fn` on this thread, alone, after every execution queued before it. */
  run<T>(label: string, fn: () => T): Promise<T> {
    const result = this.after(this.tail, label, fn, true);
    // The chain must survive a failed execution; the caller still sees the rejection.
    this.tail = this.threadTail = result.catch(() => undefined);
    return result;
  }

  /** Runs `fn` (an execution in a worker) after every execution queued before it. */
  runInWorker<T>(label: string, fn: () => Promise<T>): Promise<T> {
    const result = this.after(this.tail, label, fn, false);
    this.tail = result.catch(() => undefined);
    return result;
  }

  /** Runs `fn` (an execution in a worker) after the `run` executions queued before it only. */
  runBeside<T>(label: string, fn: () => Promise<T>): Promise<T> {
    const result = this.after(this.threadTail, label, fn, false);
    const ended = result.catch(() => undefined);
    this.tail = Promise.all([this.tail, ended]);
    return result;
  }

  private after<T>(
    previous: Promise<unknown>,
    label: string,
    fn: () => T | Promise<T>,
    blocks: boolean,
  ): Promise<T> {
    this.pending++;
    return previous.then(() => this.execute(label, fn, blocks));
  }

  private async execute<T>(label: string, fn: () => T | Promise<T>, blocks: boolean): Promise<T> {
    this.hooks.started(label);
    // Give the event loop one turn so the "started" notice leaves before a synchronous
    // execution blocks this thread (it may wait on HTTP for seconds).
    if (blocks) await new Promise((resolve) => setImmediate(resolve));
    const start = performance.now();
    let error: unknown = null;
    try {
      return await fn();
    } catch (e) {
      error = e;
      throw e;
    } finally {
      this.pending--;
      this.hooks.finished(label, performance.now() - start, error);
    }
  }
}
