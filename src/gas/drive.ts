/**
 * The add-on's side of the run loop (core/run/loop.ts): each wave of requests goes out in
 * one fetchAll, waits are Utilities.sleep, and the rest (writing outcomes, saving, asking
 * whether someone cancelled) is the caller's. An import slice and a review's preview run
 * the same loop through here.
 */
import type { HttpRequest } from '../api';
import { RUN_TEXT } from '../core/run/lifecycle';
import type { Effect, Reply, SendReply } from '../core/run/loop';
import type { RowOutcome } from '../core/outcome';
import { BusyError, fetchAll_, NotAllowedError, QuotaError } from './fetch';

/** After bursts that did not clear, the wave waits this long before it goes again. */
const BURST_PAUSE_MS = 5_000;

export interface SliceIo {
  write?(outcomes: RowOutcome[]): void;
  save?(): void;
  journal?(): void;
  cancelRequested?(): boolean;
  publish?(): void;
}

export function drive_(loop: Generator<Effect, void, Reply>, token: string, io: SliceIo): void {
  for (let step = loop.next(); !step.done; step = loop.next(perform_(step.value, token, io)));
}

function perform_(effect: Effect, token: string, io: SliceIo): Reply {
  switch (effect.kind) {
    case 'send':
      return sendWave_(effect.requests, token);
    case 'wait':
      Utilities.sleep(effect.ms);
      return undefined;
    case 'write':
      io.write?.(effect.outcomes);
      return undefined;
    case 'save':
      io.save?.();
      return undefined;
    case 'journal':
      io.journal?.();
      return undefined;
    case 'cancel-requested':
      return io.cancelRequested?.() ?? false;
    case 'publish':
      io.publish?.();
      return undefined;
  }
}

/** One wave by fetchAll; Google's refusals (nothing was sent) as the loop's replies. */
function sendWave_(requests: readonly HttpRequest[], token: string): SendReply {
  try {
    return { kind: 'answers', results: fetchAll_(requests, token) };
  } catch (e) {
    if (e instanceof BusyError) return { kind: 'later', ms: BURST_PAUSE_MS };
    if (e instanceof QuotaError) return { kind: 'pause', message: RUN_TEXT.quota };
    if (e instanceof NotAllowedError) return { kind: 'fail', message: e.message };
    throw e;
  }
}
