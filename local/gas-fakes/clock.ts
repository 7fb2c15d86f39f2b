/**
 * Time as the fakes see it.
 *
 * In 'fake' mode time stands still unless something advances it (Utilities.sleep, a lock wait,
 * a fetch with latency, or the test), so tests of time budgets and expirations are exact. In
 * 'real' mode (the sandbox) `now()` is the wall clock and sleeping blocks the thread.
 */
export type ClockMode = 'fake' | 'real';

export class Clock {
  private fakeNow: number;
  /** Every sleep requested through the clock, in milliseconds, in order. */
  readonly sleeps: number[] = [];

  constructor(
    readonly mode: ClockMode = 'fake',
    start: number = Date.now(),
  ) {
    this.fakeNow = start;
  }

  now(): number {
    return this.mode === 'real' ? Date.now() : this.fakeNow;
  }

  /** Moves fake time forward; in real mode time cannot be moved. */
  advance(ms: number): void {
    if (this.mode === 'real') throw new Error('Clock.advance: the clock is in real mode');
    if (ms > 0) this.fakeNow += ms;
  }

  set(ms: number): void {
    if (this.mode === 'real') throw new Error('Clock.set: the clock is in real mode');
    this.fakeNow = ms;
  }

  /** Lets `ms` pass: advances fake time, or blocks the thread in real mode. */
  sleep(ms: number): void {
    const duration = Math.max(0, ms);
    this.sleeps.push(duration);
    if (this.mode === 'fake') this.fakeNow += duration;
    else if (duration > 0) blockFor(duration);
  }
}

/** Blocks the calling thread without spinning (Atomics.wait is allowed on Node's main thread). */
export function blockFor(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}
