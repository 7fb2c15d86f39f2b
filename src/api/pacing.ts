/**
 * Pacing: send as fast as the workspace allows, without provoking 429s.
 *
 * The platform publishes no limit; it announces one per endpoint in `X-RateLimit-Limit` /
 * `X-RateLimit-Remaining` and answers 429 with `Retry-After` when exceeded. Each endpoint
 * (method + path template, e.g. `PUT /contact/{id}`) gets a token bucket:
 *
 * - until an answer has carried the limit, it runs at a conservative `initialRate`
 *   (5 a second, the one figure anybody has published) with no burst;
 * - once learned, it refills at `limit × headroom` per window and holds at most
 *   `limit × (1 − headroom)` tokens, so that any one window sees at most `limit` requests
 *   (burst + refill ≤ limit) even when the server counts in fixed windows;
 * - `X-RateLimit-Remaining` lowers the bucket when other clients of the same organisation
 *   are spending the shared budget;
 * - a 429 empties the bucket, blocks the endpoint for `Retry-After`, and lowers the rate
 *   multiplicatively; each later success raises it back toward the learned ceiling.
 *
 * `schedule` reserves a slot and says how long to wait before sending: calling it several
 * times in a row plans a sequence of sends (the tokens go negative, as reservations). The
 * state is a small JSON value so the import job can checkpoint it between executions.
 */
import { classify, DEFAULT_RETRY_AFTER_MS, type ApiError } from './errors';
import { headerOf, isNetworkFailure, type HttpResult } from './http';

export interface PacingOptions {
  /** Requests a second per endpoint before the platform has announced its limit. */
  initialRate: number;
  /** The window `X-RateLimit-Limit` counts over; the platform does not say, 1 s is assumed. */
  windowMs: number;
  /** Fraction of the announced limit to use; the rest is margin for clock and network jitter. */
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
  /** Current refill rate, requests a second. */
  rate: number;
  /** Bucket capacity. */
  burst: number;
  /** Tokens at time `at`; negative when sends are already planned ahead. */
  tokens: number;
  /** Time (ms) `tokens` refers to; in the future while the endpoint is blocked by a 429. */
  at: number;
}

export interface PacerState {
  version: 1;
  endpoints: Record<string, EndpointPace>;
}

export function emptyPacerState(): PacerState {
  return { version: 1, endpoints: {} };
}

/** Decrease on 429, and the share of the ceiling regained per successful answer. */
const BACKOFF_FACTOR = 0.7;
const RECOVERY_STEP = 0.05;

export class Pacer {
  private readonly state: PacerState;
  private readonly options: PacingOptions;

  constructor(state: PacerState = emptyPacerState(), options: Partial<PacingOptions> = {}) {
    this.state = clone(state);
    this.options = { ...DEFAULT_PACING, ...options };
  }

  /**
   * Reserves one send on `endpoint` and returns how long (ms) to wait before sending it.
   * Call it once per request actually sent (retries included), just before sending.
   */
  schedule(endpoint: string, now: number): number {
    const pace = this.pace(endpoint, now);
    refill(pace, now);
    pace.tokens -= 1;
    const blocked = Math.max(0, pace.at - now);
    const queued = pace.tokens < 0 ? (-pace.tokens * 1000) / pace.rate : 0;
    return Math.ceil(blocked + queued);
  }

  /**
   * How long (ms) until a send on `endpoint` would need no wait, without reserving
   * anything: 0 means `schedule` would answer 0 now. Lets a driver that sends in waves
   * (Apps Script's fetchAll) take only the requests that may go at once.
   */
  wait(endpoint: string, now: number): number {
    const existing = this.state.endpoints[endpoint];
    if (existing === undefined) return 0;
    const pace = { ...existing };
    refill(pace, now);
    const blocked = Math.max(0, pace.at - now);
    const short = pace.tokens >= 1 ? 0 : ((1 - pace.tokens) * 1000) / pace.rate;
    return Math.ceil(blocked + short);
  }

  /** Learns from an answer (or a failure) to a request sent on `endpoint`. */
  observe(endpoint: string, result: HttpResult, now: number): void {
    if (isNetworkFailure(result)) return;
    const pace = this.pace(endpoint, now);
    refill(pace, now);
    const limit = positiveInt(headerOf(result, 'x-ratelimit-limit'));
    const remaining = nonNegativeInt(headerOf(result, 'x-ratelimit-remaining'));
    if (limit !== undefined && limit !== pace.limit) {
      pace.limit = limit;
      pace.rate = this.ceiling(limit);
      pace.burst = Math.max(1, Math.floor(limit * (1 - this.options.headroom)));
      pace.tokens = Math.min(pace.tokens, pace.burst);
    }
    if (remaining !== undefined) pace.tokens = Math.min(pace.tokens, remaining);

    if (result.status === 429) {
      const outcome = classify(result, { contactPath: false, now });
      const waitMs =
        !outcome.ok && outcome.error.kind === 'rate-limited'
          ? outcome.error.waitMs
          : DEFAULT_RETRY_AFTER_MS;
      pace.tokens = Math.min(pace.tokens, 0);
      pace.at = Math.max(pace.at, now + waitMs);
      pace.rate = Math.max(this.options.minRate, pace.rate * BACKOFF_FACTOR);
    } else if (pace.limit !== null && result.status < 500) {
      const ceiling = this.ceiling(pace.limit);
      pace.rate = Math.min(ceiling, pace.rate + ceiling * RECOVERY_STEP);
    }
  }

  /** Current pace of an endpoint in requests a second (for estimates of the time left). */
  rate(endpoint: string): number {
    return this.state.endpoints[endpoint]?.rate ?? this.options.initialRate;
  }

  /** A copy of the state, to checkpoint; `new Pacer(state)` resumes from it. */
  toJSON(): PacerState {
    return clone(this.state);
  }

  private ceiling(limit: number): number {
    return (limit * this.options.headroom * 1000) / this.options.windowMs;
  }

  private pace(endpoint: string, now: number): EndpointPace {
    let pace = this.state.endpoints[endpoint];
    if (pace === undefined) {
      pace = { limit: null, rate: this.options.initialRate, burst: 1, tokens: 1, at: now };
      this.state.endpoints[endpoint] = pace;
    }
    return pace;
  }
}

function refill(pace: EndpointPace, now: number): void {
  if (now <= pace.at) return; // blocked (or a clock that went back): nothing accrues
  pace.tokens = Math.min(pace.burst, pace.tokens + ((now - pace.at) * pace.rate) / 1000);
  pace.at = now;
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
