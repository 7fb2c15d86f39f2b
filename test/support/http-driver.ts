/**
 * A small test driver: performs the client's `HttpRequest`s with Node's fetch, adding the
 * bearer token (the client never puts it in a request), and a paced, retrying executor built
 * the way the import job will use the client: schedule → wait → send → observe → classify →
 * retry or deliver.
 */
import {
  classify,
  Pacer,
  retryDecision,
  type ApiError,
  type ApiRequest,
  type HttpResult,
  type RetryPolicy,
} from '../../src/api';

export { sendHttp as send, type SendOptions } from '../../local/http';
import { sendHttp as send } from '../../local/http';

export interface Executor {
  token: string;
  pacer: Pacer;
  random: () => number;
  policy?: RetryPolicy;
  timeoutMs?: number;
  /** Every send's answer, retries included (for counting 429s and the like). */
  onAnswer?: (request: ApiRequest, result: HttpResult) => void;
  /** Time source and waiting; a test passes a virtual clock to see the waits without spending them. */
  clock?: Clock;
}

export interface Clock {
  now(): number;
  sleep(ms: number): Promise<void>;
}

export interface Executed {
  /** The last answer. */
  result: HttpResult;
  /** Sends made, retries included. */
  tries: number;
  /** Set when retries ran out (or the error is not retryable): the row's message. */
  gaveUp?: { error: ApiError; message: string };
}

const realClock: Clock = {
  now: () => Date.now(),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
};

/** A clock whose sleeps return at once and move time on; `waits` lists every wait asked for. */
export function virtualClock(start = Date.now()): Clock & { waits: number[] } {
  let now = start;
  const waits: number[] = [];
  return {
    waits,
    now: () => now,
    sleep: async (ms) => {
      if (ms > 0) waits.push(ms);
      now += Math.max(0, ms);
    },
  };
}

/** Sends one request with pacing and retries, as the import job does. */
export async function execute(request: ApiRequest, ex: Executor): Promise<Executed> {
  const clock = ex.clock ?? realClock;
  for (let tries = 1; ; tries++) {
    await clock.sleep(ex.pacer.schedule(request.endpoint, clock.now()));
    const result = await send(request, { token: ex.token, timeoutMs: ex.timeoutMs });
    ex.pacer.observe(request.endpoint, result, clock.now());
    ex.onAnswer?.(request, result);
    const classified = classify(result, {
      contactPath: request.endpoint.includes('{id}'),
      now: clock.now(),
    });
    if (classified.ok) return { result, tries };
    const { error } = classified;
    if (error.kind !== 'transient' && error.kind !== 'rate-limited') return { result, tries };
    const decision = retryDecision(error, tries, ex.random, ex.policy);
    if (!decision.retry) return { result, tries, gaveUp: { error, message: decision.message } };
    // A 429 already blocked the endpoint in the pacer, whose schedule() gives the wait.
    if (error.kind === 'transient') await clock.sleep(decision.waitMs);
  }
}

/** Runs `requests` through `lanes` concurrent workers sharing one pacer; results in order. */
export async function executeAll(
  requests: ApiRequest[],
  ex: Executor,
  lanes = 4,
): Promise<Executed[]> {
  const results: Executed[] = new Array(requests.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < requests.length) {
      const index = next++;
      results[index] = await execute(requests[index] as ApiRequest, ex);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, lanes) }, worker));
  return results;
}

/**
 * Drives a `Lookup` to the end: sends what it hands out (paced, with retries), gives back the
 * final answers, and repeats until done. Returns how many requests were handed out.
 */
export async function runLookup(
  lookup: {
    next(max?: number): { tag: string; request: ApiRequest }[];
    accept(tag: string, result: HttpResult, now?: number): void;
    giveUp(tag: string, message: string): void;
    readonly done: boolean;
  },
  ex: Executor,
): Promise<{ requests: ApiRequest[] }> {
  const sent: ApiRequest[] = [];
  while (!lookup.done) {
    const batch = lookup.next();
    if (batch.length === 0) throw new Error('Lookup handed out nothing but is not done');
    sent.push(...batch.map((b) => b.request));
    const results = await executeAll(
      batch.map((b) => b.request),
      ex,
    );
    batch.forEach((b, i) => {
      const executed = results[i] as Executed;
      if (
        executed.gaveUp &&
        executed.gaveUp.error.kind !== 'row' &&
        executed.gaveUp.error.kind !== 'fatal'
      ) {
        lookup.giveUp(b.tag, executed.gaveUp.message);
      } else {
        lookup.accept(b.tag, executed.result, Date.now());
      }
    });
  }
  return { requests: sent };
}
