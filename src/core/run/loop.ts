/**
 * The one loop that runs a job, as a generator of effects: the loop decides, the driver
 * does the I/O. It says when to send a wave of requests, when to wait, when to write
 * outcomes and save the checkpoint, when to ask whether someone cancelled; the driver
 * performs each effect and resumes the loop with the answer. The add-on performs them with
 * `fetchAll`, `Utilities.sleep` and the sheet; the CLI with HTTP, timers and files. The
 * loop is synchronous, so the add-on runs it as it is, and the CLI awaits each effect.
 *
 * ```ts
 * const loop = runLoop(job, invalid, options);
 * for (let step = loop.next(); !step.done; step = loop.next(perform(step.value)));
 * ```
 */
import type { ApiRequest, HttpResult } from '../../api';
import type { NextSends } from '../job';
import type { RowOutcome } from '../outcome';
import { RUN_TEXT } from './lifecycle';

/** What the loop drives: an ImportJob, or a review's preview of one. */
export interface Stepper {
  readonly finished: boolean;
  next(now: number, max: number, gather: boolean): NextSends;
  accept(id: string, result: HttpResult, now: number): RowOutcome[];
  /** Refused before sending, to go again from `notBefore`. */
  sendLater(ids: readonly string[], notBefore: number): void;
  /** Refused before sending, for good: no answer will come. */
  unsent(ids: readonly string[]): void;
  pause(message: string, now: number): void;
  stop(message: string, now: number): void;
  /** Stop starting rows (the time is nearly up). */
  drain?(): void;
  cancel?(now: number): RowOutcome[];
  /** Every outcome handed out so far is saved. */
  recorded?(): void;
}

export interface LoopOptions {
  now: () => number;
  /**
   * When the time is up (ms; null: never). The loop stops starting rows early enough for its
   * saves to fit; rows under way still finish, so the driver leaves room for a few waves.
   */
  deadline: number | null;
  /** Requests in one wave. */
  maxWave: number;
  /** Outcomes are written, and the checkpoint saved, at least this often. */
  saveEveryMs: number;
  /** How often to ask the driver whether someone cancelled; null: never. */
  cancelCheckMs: number | null;
  /** How often the driver is told to publish its figures. */
  publishEveryMs: number;
  /** Write the outcomes given at the start (rows invalid before sending) and save at once. */
  saveFirst: boolean;
}

export type Effect =
  /** Save the checkpoint now, before the next wave: it journals creates about to go. */
  | { kind: 'journal' }
  /** Send these at once; answer with a `SendReply`. */
  | { kind: 'send'; requests: ApiRequest[] }
  | { kind: 'wait'; ms: number }
  /** Write these outcomes into their rows. */
  | { kind: 'write'; outcomes: RowOutcome[] }
  /** Save the checkpoint: every outcome so far is written. */
  | { kind: 'save' }
  /** Answer true when someone asked to cancel. */
  | { kind: 'cancel-requested' }
  /** Show the figures as they are now. */
  | { kind: 'publish' };

/** How a wave went. Anything but `answers` means nothing was sent. */
export type SendReply =
  /** One answer per request, in order. */
  | { kind: 'answers'; results: readonly HttpResult[] }
  /** Refused for now (bursts that did not clear): try again in `ms`. */
  | { kind: 'later'; ms: number }
  /** Refused until later (a daily quota): the run pauses with `message`. */
  | { kind: 'pause'; message: string }
  /** Refused for good (an address Google will not call): the run fails with `message`. */
  | { kind: 'fail'; message: string };

export type Reply = SendReply | boolean | undefined;

/** Waits are cut to this, so cancels, saves and the deadline are seen in time. */
const MAX_WAIT_MS = 1_000;
const MIN_WAIT_MS = 10;

export function* runLoop(
  job: Stepper,
  initial: readonly RowOutcome[],
  o: LoopOptions,
): Generator<Effect, void, Reply> {
  let pending: RowOutcome[] = [...initial];
  // The longest save so far: the loop stops starting rows early enough for its last save
  // to land before the deadline, however long saving takes (a big sheet's writes).
  let saveMs = 0;
  let lastSave = o.now();
  let lastCancelCheck = lastSave;
  let lastPublish = lastSave;
  const timeLeft = () => (o.deadline === null ? Infinity : o.deadline - o.now());

  function* save(): Generator<Effect, void, Reply> {
    const began = o.now();
    if (pending.length > 0) yield { kind: 'write', outcomes: pending };
    pending = [];
    job.recorded?.();
    yield { kind: 'save' };
    lastSave = o.now();
    saveMs = Math.max(saveMs, lastSave - began);
  }

  if (o.saveFirst) yield* save();
  while (!job.finished) {
    const now = o.now();
    if (timeLeft() <= 2 * saveMs) job.drain?.();
    if (o.cancelCheckMs !== null && now - lastCancelCheck >= o.cancelCheckMs) {
      lastCancelCheck = now;
      if ((yield { kind: 'cancel-requested' }) === true) pending.push(...(job.cancel?.(now) ?? []));
    }
    const next = job.next(now, o.maxWave, true);
    pending.push(...next.outcomes);
    if (next.persist) yield { kind: 'journal' };
    if (next.sends.length > 0) {
      const ids = next.sends.map((s) => s.id);
      const reply = (yield {
        kind: 'send',
        requests: next.sends.map((s) => s.request),
      }) as SendReply;
      if (reply.kind === 'later') {
        job.sendLater(ids, o.now() + reply.ms);
        continue;
      }
      if (reply.kind !== 'answers') {
        job.unsent(ids);
        if (reply.kind === 'fail') job.stop(reply.message, o.now());
        else job.pause(reply.message, o.now());
        break;
      }
      const at = o.now();
      next.sends.forEach((send, i) => {
        const result = reply.results[i];
        if (result) pending.push(...job.accept(send.id, result, at));
      });
    } else if (!job.finished) {
      if (next.waitMs === null) throw new Error(RUN_TEXT.stalled);
      const room = Math.max(MIN_WAIT_MS, timeLeft());
      yield { kind: 'wait', ms: Math.max(MIN_WAIT_MS, Math.min(next.waitMs, MAX_WAIT_MS, room)) };
    }
    // A periodic save too close to the end is left to the last one.
    if (o.now() - lastSave >= o.saveEveryMs && timeLeft() > 3 * saveMs) yield* save();
    if (o.now() - lastPublish >= o.publishEveryMs) {
      yield { kind: 'publish' };
      lastPublish = o.now();
    }
  }
  yield* save();
}
