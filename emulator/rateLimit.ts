/**
 * Per-organisation, per-endpoint rate limit in fixed one-second windows — the harsher of the
 * usual schemes for a client, since a burst at the end of one window and the start of the
 * next is not smoothed. Refused requests do not count. `Retry-After` is in whole seconds
 * (rounded up) because that is what the platform sends.
 */
export interface RateVerdict {
  allowed: boolean;
  limit: number;
  remaining: number;
  retryAfterSeconds: number;
}

export class RateLimiter {
  private windows = new Map<string, { start: number; count: number }>();

  constructor(private readonly perSecond: number) {}

  take(endpoint: string, now: number): RateVerdict {
    const start = Math.floor(now / 1000) * 1000;
    let window = this.windows.get(endpoint);
    if (window === undefined || window.start !== start) {
      window = { start, count: 0 };
      this.windows.set(endpoint, window);
    }
    const limit = this.perSecond;
    if (window.count >= limit) {
      const retryAfterSeconds = Math.max(1, Math.ceil((start + 1000 - now) / 1000));
      return { allowed: false, limit, remaining: 0, retryAfterSeconds };
    }
    window.count++;
    return { allowed: true, limit, remaining: limit - window.count, retryAfterSeconds: 0 };
  }
}
