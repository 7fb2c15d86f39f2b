/**
 * Pacing: send as fast as the workspace allows, without provoking 429s.
 *
 * The platform publishes no limit; it announces one per endpoint in `X-RateLimit-Limit` /
 * `X-RateLimit-Remaining` and answers 429 with `Retry-After` when exceeded. Each endpoint
 * (method + path template, e.g. `PUT /contact/{id}`) keeps a log of its recent sends and
 * lets at most `allowance` of them fall in any `spanMs`:
 *
 * - until an answer has carried the limit, one send per 200 ms (5 a second, the one figure
 *   anybody has published), no burst;
 * - once learned, `limit` sends in any window stretched by the headroom (1 s / 0.9 =
 *   1.11 s): a server counting in fixed or sliding one-second windows then never sees more
 *   than `limit`, even when arrivals jitter by up to a tenth of a second. Unlike a token
 *   bucket (which must keep its burst small, since burst + refill may land in one window),
 *   a whole second's allowance can go at once: Apps Script sends in `fetchAll` waves, and a
 *   wave that could carry only the bucket's 5 requests per endpoint made the import wait on
 *   round trips, not on the limit (4.6 × the ideal time at 50 a second);
 * - `X-RateLimit-Remaining` adds the sends of other clients of the same organisation,
 *   which spend the shared budget;
 * - a 429 blocks the endpoint for `Retry-After` and cuts the allowance by 30 %; each later
 *   success gives back 5 % of the limit.
 *
 * `schedule` reserves a slot and says how long to wait before sending: calling it several
 * times in a row plans a sequence of sends (reservations in the future). The state is a
 * small JSON value (a few entries per endpoint: sends at the same instant share one) so the
 * import job can checkpoint it between executions.
 */
import { classify, DEFAULT_RETRY_AFTER_MS, type ApiError } from './errors';
import { headerOf, isNetworkFailure, type HttpResult } from './http';

export interface PacingOptions {
  /** Requests a second per endpoint before the platform has announced its limit. */
  initialRate: number;
  /** The window `X-RateLimit-Limit` counts over; the platform does not say, 1 s is assumed. */
  windowMs: number;
  /**
   * The window is stretched to `windowMs / headroom`: the margin for clock and network
   * jitter, taken in time so that a full window's allowance can still go at once.
   */
  headroom: number;
  /** The rate never falls below this, however many 429s (requests a second). */
  minRate: number;
}

export const DEFAULT_PACING: PacingOptions = {
  initialRate: 5,
  windowMs: 1000,
  headroom: 0.9,
  minRate: 0.2,
};

export interface EndpointPace {
  /** The limit the platform announced, null until an answer carried one. */
  limit: number | null;
  /** Sends allowed in any `spanMs`. */
  allowance: number;
  spanMs: number;
  /** Recent and planned sends as [time ms, count], oldest first. */
  sent: Array<[number, number]>;
  /** No send before this time (a 429's Retry-After). */
  blockedUntil: number;
}

export interface PacerState {
  version: 2;
  endpoints: Record<string, EndpointPace>;
}

export function emptyPacerState(): PacerState {
  return { version: 2, endpoints: {} };
}

/** Cut on 429, and the share of the limit regained per successful answer. */
const BACKOFF_FACTOR = 0.7;
const RECOVERY_STEP = 0.05;

export class Pacer {
  private readonly state: PacerState;
  private readonly options: PacingOptions;

  /** A state of another shape (a checkpoint from an older version) starts afresh. */
  constructor(state: PacerState = emptyPacerState(), options: Partial<PacingOptions> = {}) {
    this.state = state?.version === 2 ? clone(state) : emptyPacerState();
    this.options = { ...DEFAULT_PACING, ...options };
  }

  /**
   * Reserves one send on `endpoint` and returns how long (ms) to wait before sending it.
   * Call it once per request actually sent (retries included), just before sending.
   */
  schedule(endpoint: string, now: number): number {
    const pace = this.pace(endpoint, now);
    const at = earliest(pace, now);
    log(pace, at, 1);
    return at - now;
  }

  /**
   * How long (ms) until a send on `endpoint` would need no wait, without reserving
   * anything: 0 means `schedule` would answer 0 now. Lets a driver that sends in waves
   * (Apps Script's fetchAll) take only the requests that may go at once. `count`: until that
   * many may go at once (capped at the allowance), to gather a wave.
   */
  wait(endpoint: string, now: number, count = 1): number {
    const pace = this.state.endpoints[endpoint];
    return pace === undefined ? 0 : earliest(pace, now, count) - now;
  }

  /** Learns from an answer (or a failure) to a request sent on `endpoint`. */
  observe(endpoint: string, result: HttpResult, now: number): void {
    if (isNetworkFailure(result)) return;
    const pace = this.pace(endpoint, now);
    const limit = positiveInt(headerOf(result, 'x-ratelimit-limit'));
    const remaining = nonNegativeInt(headerOf(result, 'x-ratelimit-remaining'));
    if (limit !== undefined && limit !== pace.limit) {
      pace.limit = limit;
      pace.allowance = limit;
      pace.spanMs = this.learnedSpan();
    }
    if (remaining !== undefined && pace.limit !== null) {
      // The platform counted more than this client sent: others share the budget. The
      // answer may come long after its request went (a whole fetchAll wave later), so this
      // client's count is taken over the span before its latest send, not before `now`.
      const others =
        pace.limit - remaining - sentSince(pace, latestSendBy(pace, now) - pace.spanMs, now);
      if (others > 0) log(pace, Math.max(now, lastTime(pace)), Math.min(others, pace.limit));
    }

    if (result.status === 429) {
      const outcome = classify(result, { contactPath: false, now });
      const waitMs =
        !outcome.ok && outcome.error.kind === 'rate-limited'
          ? outcome.error.waitMs
          : DEFAULT_RETRY_AFTER_MS;
      pace.blockedUntil = Math.max(pace.blockedUntil, now + waitMs);
      if (pace.allowance > 1)
        pace.allowance = Math.max(1, Math.floor(pace.allowance * BACKOFF_FACTOR));
      else pace.spanMs = Math.min(1000 / this.options.minRate, pace.spanMs / BACKOFF_FACTOR);
    } else if (pace.limit !== null && result.status < 500) {
      const span = this.learnedSpan();
      if (pace.spanMs > span) pace.spanMs = Math.max(span, pace.spanMs * BACKOFF_FACTOR);
      else
        pace.allowance = Math.min(
          pace.limit,
          pace.allowance + Math.ceil(pace.limit * RECOVERY_STEP),
        );
    }
  }

  /** Current pace of an endpoint in requests a second (for estimates of the time left). */
  rate(endpoint: string): number {
    const pace = this.state.endpoints[endpoint];
    if (pace === undefined) return this.options.initialRate;
    return (pace.allowance * 1000) / pace.spanMs;
  }

  /** A copy of the state, to checkpoint; `new Pacer(state)` resumes from it. */
  toJSON(): PacerState {
    return clone(this.state);
  }

  private learnedSpan(): number {
    return this.options.windowMs / this.options.headroom;
  }

  private pace(endpoint: string, now: number): EndpointPace {
    let pace = this.state.endpoints[endpoint];
    if (pace === undefined) {
      pace = {
        limit: null,
        allowance: 1,
        spanMs: 1000 / this.options.initialRate,
        sent: [],
        blockedUntil: now,
      };
      this.state.endpoints[endpoint] = pace;
    }
    // Sends older than a span (before the latest planned one) no longer count.
    const horizon = Math.min(now, lastTime(pace)) - 1000 / this.options.minRate;
    while (pace.sent.length > 0 && (pace.sent[0] as [number, number])[0] <= horizon)
      pace.sent.shift();
    return pace;
  }
}

/** Logs `count` sends at `at` (never before the last logged). */
function log(pace: EndpointPace, at: number, count: number): void {
  const last = pace.sent[pace.sent.length - 1];
  if (last !== undefined && last[0] === at) last[1] += count;
  else pace.sent.push([at, count]);
}

function lastTime(pace: EndpointPace): number {
  return pace.sent[pace.sent.length - 1]?.[0] ?? -Infinity;
}

/** Sends logged after `from`, up to `to`. */
function sentSince(pace: EndpointPace, from: number, to: number): number {
  let count = 0;
  for (const [time, n] of pace.sent) if (time > from && time <= to) count += n;
  return count;
}

/** Sends logged in the span ending at `at`. */
function inSpan(pace: EndpointPace, at: number): number {
  return sentSince(pace, at - pace.spanMs, at);
}

/** The time of the latest send made by `now` (planned ones excluded). */
function latestSendBy(pace: EndpointPace, now: number): number {
  let latest = now;
  for (const [time] of pace.sent) if (time <= now) latest = time;
  return pace.sent.some(([time]) => time <= now) ? latest : now;
}

/**
 * The first time from `now` at which `count` more sends (at most the allowance) keep every
 * span within the allowance. Sends are planned in order, so only the span ending at that
 * time needs checking.
 */
function earliest(pace: EndpointPace, now: number, count = 1): number {
  const last = lastTime(pace);
  let at = Math.max(now, pace.blockedUntil, last > now ? last : now);
  const room = pace.allowance - Math.min(Math.max(1, count), pace.allowance);
  let used = inSpan(pace, at);
  // Drop the oldest sends of the span until the new ones fit: the span must end after them.
  for (const [time, n] of pace.sent) {
    if (used <= room) break;
    if (time <= at - pace.spanMs) continue;
    used -= n;
    at = Math.max(at, time + pace.spanMs);
  }
  // Never a fraction of a millisecond after `now` (a clock that is not whole milliseconds
  // would otherwise always be told to wait).
  return at > now ? Math.ceil(at) : now;
}

function positiveInt(text: string | undefined): number | undefined {
  const n = nonNegativeInt(text);
  return n !== undefined && n > 0 ? n : undefined;
}

function nonNegativeInt(text: string | undefined): number | undefined {
  if (text === undefined || !/^\s*\d+\s*$/.test(text)) return undefined;
  return Number(text);
}

function clone<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}

// ---------------------------------------------------------------------------------------
// Retries

export interface RetryPolicy {
  /** Sends of one request before a transient failure becomes the row's error. */
  maxTries: number;
  /** Sends of one request answered 429 before giving up (the job should then pause). */
  maxRateLimitedTries: number;
  /** First back-off; doubles with each try. */
  baseDelayMs: number;
  /** Longest back-off. */
  maxDelayMs: number;
}

export const DEFAULT_RETRY: RetryPolicy = {
  maxTries: 8,
  maxRateLimitedTries: 10,
  baseDelayMs: 500,
  maxDelayMs: 30_000,
};

export type RetryDecision = { retry: true; waitMs: number } | { retry: false; message: string };

/**
 * After a failed send: try again (after `waitMs`) or give up with a message for the row.
 * `tries` counts the sends of this request so far, the failed one included. For a 429 the
 * wait is the `Retry-After`; the pacer also blocks the endpoint, so `schedule` will agree.
 * Fatal and row errors are never retried.
 */
export function retryDecision(
  error: ApiError,
  tries: number,
  random: () => number,
  policy: RetryPolicy = DEFAULT_RETRY,
): RetryDecision {
  switch (error.kind) {
    case 'fatal':
    case 'row':
      return { retry: false, message: error.message };
    case 'rate-limited':
      return tries < policy.maxRateLimitedTries
        ? { retry: true, waitMs: error.waitMs }
        : { retry: false, message: `${error.message} Still limited after ${tries} tries.` };
    case 'transient': {
      if (tries >= policy.maxTries) {
        return { retry: false, message: `${error.message} Gave up after ${tries} tries.` };
      }
      const waitMs = Math.max(backoffMs(tries, random, policy), error.retryAfterMs ?? 0);
      return { retry: true, waitMs };
    }
  }
}

/**
 * Exponential back-off with jitter: base × 2^(tries−1), capped, then scaled by a random
 * factor in [0.5, 1) so that many rows failing together do not retry in lock-step.
 */
export function backoffMs(
  tries: number,
  random: () => number,
  policy: RetryPolicy = DEFAULT_RETRY,
): number {
  const exponential = policy.baseDelayMs * 2 ** Math.max(0, tries - 1);
  const capped = Math.min(policy.maxDelayMs, exponential);
  return Math.round(capped * (0.5 + 0.5 * clamp01(random())));
}

function clamp01(x: number): number {
  return Number.isFinite(x) ? Math.min(Math.max(x, 0), 1) : 0.5;
}
