/**
 * google.script.run calls as Apps Script runs them: each its own execution, at the same time
 * as the others. While an import slice (continueImport) runs for minutes, the sidebar's
 * progress polls (getImportProgress) are answered beside it, as Google answers them.
 *
 * It reuses the fakes' overlapping executions (local/gas-fakes/executions/runtime.ts): each
 * call runs dist/Code.js in a worker thread, and its service calls are served on this thread,
 * one at a time, on the ONE shared fakes instance (the same sheet, properties, cache and
 * locks: the document lock still keeps two slices apart). Here the clock is real and calls
 * arrive over HTTP, so instead of `finish`/`drain` (which block this thread until an
 * execution ends) the pump serves one call per event-loop turn: between two service calls
 * this thread answers requests, and a new call joins the executions under way. A served call
 * may still block this thread (a synchronous fetch waits on the emulator); the slice's other
 * calls and the polls go between them.
 */
import { setImmediate as nextTurn, setTimeout as sleep } from 'node:timers/promises';
import type { GasFakes } from '../gas-fakes';
import { ConcurrentRuntime, type ExecutionHandle } from '../gas-fakes/executions/runtime';
import { copyAnswer, copyArguments } from '../host/script-run-payload';

/** The longest the pump sleeps at once while every execution waits (a lock, a sleep). */
const MAX_IDLE_MS = 50;

interface Waiter {
  execution: ExecutionHandle;
  resolve(value: unknown): void;
  reject(error: Error): void;
}

export class ConcurrentCalls {
  private readonly rt: ConcurrentRuntime;
  private readonly waiters: Waiter[] = [];
  private pumping = false;

  constructor(fakes: GasFakes, codePath: string) {
    // The seed only picks among calls ready at once; arrivals and real time decide the rest.
    this.rt = new ConcurrentRuntime({ fakes, codePath, seed: Date.now() % 2 ** 31 });
  }

  /** One google.script.run call: arguments and answer copied by Google's rules. */
  call(name: string, args: unknown[]): Promise<unknown> {
    const execution = this.rt.start(name, copyArguments(args) as unknown[], {
      execution: { authMode: 'FULL', kind: 'script-run' },
    });
    const answer = new Promise<unknown>((resolve, reject) =>
      this.waiters.push({ execution, resolve, reject }),
    );
    void this.pump();
    return answer;
  }

  /** Stops the workers; calls still running are abandoned. */
  close(): Promise<void> {
    return this.rt.close();
  }

  private async pump(): Promise<void> {
    if (this.pumping) return;
    this.pumping = true;
    try {
      for (;;) {
        let wait: number;
        try {
          wait = this.rt.stepRealTime();
        } catch (e) {
          // A worker stuck or a handle lost: every call under way fails, none hangs.
          const error = e instanceof Error ? e : new Error(String(e));
          for (const w of this.waiters.splice(0)) w.reject(error);
          return;
        }
        this.answerFinished();
        if (wait < 0) {
          // Closed with calls under way: they fail rather than hang.
          const stopped = new Error('The sandbox stopped before this call ended.');
          for (const w of this.waiters.splice(0)) w.reject(stopped);
          return;
        }
        // Let this thread answer requests (a poll starts here) before the next call.
        await (wait === 0 ? nextTurn() : sleep(Math.min(wait, MAX_IDLE_MS)));
      }
    } finally {
      this.pumping = false;
    }
  }

  private answerFinished(): void {
    for (let i = this.waiters.length - 1; i >= 0; i--) {
      const w = this.waiters[i] as Waiter;
      if (!w.execution.done) continue;
      this.waiters.splice(i, 1);
      const { error, result } = w.execution;
      if (error) w.reject(Object.assign(new Error(error.message), { name: error.name }));
      else w.resolve(copyAnswer(result));
    }
  }
}
