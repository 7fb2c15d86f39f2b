/**
 * UrlFetchApp. Requests are normalised as Apps Script would send them and handed to a
 * pluggable synchronous handler (a test's function, or real HTTP via http-sync.ts). Errors are
 * Google's: HTTP errors throw unless muteHttpExceptions, network failures always throw, and
 * Google's refusals come first (see RULES below).
 *
 * | rule | Google's text | source |
 * | --- | --- | --- |
 * | a manifest with `urlFetchWhitelist` fetches only URLs under one of its prefixes; prefixes are `https://` only, so a manifest being enforced never lets plain http through (the harsher reading) | `Request to <url> failed because the URL has not been whitelisted in the script manifest.` | https://developers.google.com/apps-script/manifest/allowlist-url ; the message as reported in https://github.com/grahamearley/FirestoreGoogleAppsScript/issues/135 |
 * | URL Fetch calls: 20,000 / day (consumer), 100,000 / day (Workspace), per person, reset 24 hours after the first request; each request of a fetchAll counts | `Service invoked too many times for one day: urlfetch.` | https://developers.google.com/apps-script/guides/services/quotas ; message: https://github.com/Blacksmoke16/GESI/issues/108 |
 * | too many calls in a short time (Google publishes no figure: `urlFetchBurst` sets one; each fetch or fetchAll call counts once, refused calls do not count) | `Service invoked too many times in a short time: urlfetch. Try Utilities.sleep(1000) between calls.` | https://github.com/Blacksmoke16/GESI/issues/99 , https://github.com/RemcoE33/apps-script-codebase/issues/1 |
 * | fetchAll fails whole when one request cannot connect or times out, though others may already have reached the server (`urlFetchFaults`) | `Timeout: <url>`, `Address unavailable: <url>` | https://developers.google.com/apps-script/reference/url-fetch/url-fetch-app#fetchAll(Object) |
 */
import { seededRandom } from '../../emulator/prng';
import { instrument } from './calls';
import type { Clock } from './clock';
import { Fake, type FakeContext, type Users } from './context';
import { fetchDelay } from './cost';
import { GasError } from './errors';

export type HttpMethod = 'get' | 'delete' | 'patch' | 'post' | 'put';

/** A request as the handler receives it. */
export interface FetchRequest {
  url: string;
  method: HttpMethod;
  headers: Record<string, string>;
  /** The body as text, when there is one (form-encoded when the payload was an object). */
  payload?: string;
  /** The body as bytes, when the payload was a byte array or a Blob. */
  payloadBytes?: Uint8Array;
  contentType?: string;
  followRedirects: boolean;
  validateHttpsCertificates: boolean;
  muteHttpExceptions: boolean;
}

/** What a handler answers: a response, or a network failure given as Google's message. */
export type FetchResult =
  | {
      status: number;
      headers?: Record<string, string | string[]>;
      body?: string | Uint8Array;
      /** Time the request takes; advances the fake clock (fetchAll: the slowest request). */
      latencyMs?: number;
    }
  | { error: string; latencyMs?: number };

export type FetchHandler = (request: FetchRequest) => FetchResult;

/** A handler that can also answer a batch at once (concurrently), used by fetchAll. */
export interface BatchFetchHandler extends FetchHandler {
  all(requests: FetchRequest[]): FetchResult[];
}

/** Google's network error messages, for handlers that simulate failures. */
export const networkError = {
  unavailable: (url: string): FetchResult => ({ error: `Address unavailable: ${url}` }),
  dns: (url: string): FetchResult => ({ error: `DNS error: ${url}` }),
  timeout: (url: string): FetchResult => ({ error: `Timeout: ${url}` }),
};

const QUOTA_MESSAGE = 'Service invoked too many times for one day: urlfetch.';
const BURST_MESSAGE =
  'Service invoked too many times in a short time: urlfetch. Try Utilities.sleep(1000) between calls.';
const notAllowed = (url: string): string =>
  `Request to ${url} failed because the URL has not been whitelisted in the script manifest.`;

/** URL Fetch calls a day, per person (quotas page). */
export const URL_FETCH_DAILY_LIMIT = { consumer: 20_000, workspace: 100_000 } as const;

/** More than `calls` fetch/fetchAll calls within `perMs` are refused as a burst. */
export interface BurstLimit {
  calls: number;
  perMs: number;
}

/**
 * Network failures of a whole fetchAll: each call fails with probability `batchFailureRate`
 * (seeded, so a run is reproducible), after a random subset of its requests was sent.
 */
export interface FetchFaults {
  batchFailureRate: number;
  seed?: number;
}
const MAX_URL_LENGTH = 2082;
const TRUNCATE_AT = 100;

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * What the tests see and steer: the handler, every request sent, and the daily quota. As at
 * Google, the quota is per person and resets 24 hours after that person's first request.
 */
export class UrlFetchState {
  handler: FetchHandler | null = null;
  readonly requests: FetchRequest[] = [];
  /** Calls refused as a burst so far. */
  bursts = 0;
  /** fetchAll calls failed on the network (injected) so far. */
  batchFailures = 0;
  /** The burst limit, or null for none. */
  burst: BurstLimit | null = null;
  private faults: FetchFaults | null = null;
  private random: () => number = seededRandom(1);
  private scriptedFailures = 0;
  private recentCalls: number[] = [];
  private readonly usage = new Map<string, { used: number; since: number }>();

  constructor(
    private readonly clock: Clock,
    private readonly users: Users,
    public dailyLimit: number = URL_FETCH_DAILY_LIMIT.consumer,
  ) {}

  /** Sets (or clears) the injected network failures of fetchAll. */
  setFaults(faults: FetchFaults | null): void {
    this.faults = faults;
    this.random = seededRandom(faults?.seed ?? 1);
  }

  /** The next `n` fetchAll calls fail on the network (after sending a random subset). */
  failNextBatches(n: number): void {
    this.scriptedFailures += n;
  }

  /** Whether this fetchAll fails; consumes one scripted failure or one random draw. */
  batchFails(): boolean {
    if (this.scriptedFailures > 0) {
      this.scriptedFailures--;
      return true;
    }
    return this.faults !== null && this.random() < this.faults.batchFailureRate;
  }

  /** A reproducible draw in [0, 1) for the failure's details. */
  draw(): number {
    return this.random();
  }

  /** Counts one call against the burst limit, or throws Google's burst error. */
  invoke(): void {
    if (this.burst === null) return;
    const now = this.clock.now();
    this.recentCalls = this.recentCalls.filter((at) => now - at < (this.burst as BurstLimit).perMs);
    if (this.recentCalls.length >= this.burst.calls) {
      this.bursts++;
      throw new GasError(BURST_MESSAGE);
    }
    this.recentCalls.push(now);
  }

  /** Requests the running person has made in the current quota day. */
  get used(): number {
    return this.window().used;
  }

  set used(count: number) {
    this.window().used = count;
  }

  /** Forgets all usage (a new day for everyone). */
  resetQuota(): void {
    this.usage.clear();
  }

  /** Counts `n` requests against the quota, or throws Google's quota error. */
  spend(n: number): void {
    const window = this.window();
    if (window.used + n > this.dailyLimit) {
      window.used = Math.max(window.used, this.dailyLimit);
      throw new GasError(QUOTA_MESSAGE);
    }
    window.used += n;
  }

  private window(): { used: number; since: number } {
    const now = this.clock.now();
    let window = this.usage.get(this.users.effective);
    if (!window || now - window.since >= DAY_MS) {
      window = { used: 0, since: now };
      this.usage.set(this.users.effective, window);
    }
    return window;
  }
}

export class FakeUrlFetchApp extends Fake {
  constructor(
    ctx: FakeContext,
    private readonly state: UrlFetchState,
  ) {
    super(ctx);
  }

  fetch(url: string, params?: Record<string, unknown>): FakeHTTPResponse {
    const request = buildRequest(url, params ?? {});
    checkAllowed(this.ctx, [request]);
    this.state.invoke();
    this.state.spend(1);
    const handler = requireHandler(this.state);
    this.state.requests.push(request);
    const result = handler(request);
    fetchDelay(this.ctx.cost, this.ctx.clock, [result.latencyMs ?? 0]);
    return toResponse(this.ctx, request, result);
  }

  fetchAll(requests: Array<string | Record<string, unknown>>): FakeHTTPResponse[] {
    if (!Array.isArray(requests))
      throw new GasError(
        "The parameters don't match the method signature for UrlFetchApp.fetchAll.",
      );
    const built = requests.map((r) => {
      if (typeof r === 'string') return buildRequest(r, {});
      const { url, ...params } = r ?? {};
      return buildRequest(url as string, params);
    });
    checkAllowed(this.ctx, built);
    this.state.invoke();
    this.state.spend(built.length);
    const handler = requireHandler(this.state);
    const send = (batch: FetchRequest[]): FetchResult[] => {
      this.state.requests.push(...batch);
      return 'all' in handler
        ? (handler as BatchFetchHandler).all(batch)
        : batch.map((r) => handler(r));
    };
    if (built.length > 0 && this.state.batchFails()) {
      // Some requests went out before the failure; their answers are lost with the rest.
      const sent = built.filter(() => this.state.draw() < 0.5);
      const unsent = built.filter((r) => !sent.includes(r));
      const results = sent.length > 0 ? send(sent) : [];
      fetchDelay(
        this.ctx.cost,
        this.ctx.clock,
        results.map((r) => r.latencyMs ?? 0),
      );
      this.state.batchFailures++;
      const culprit = (unsent[0] ?? sent[sent.length - 1]) as FetchRequest;
      const failure = this.state.draw() < 0.5 ? networkError.timeout : networkError.unavailable;
      throw new GasError((failure(culprit.url) as { error: string }).error);
    }
    const results = send(built);
    fetchDelay(
      this.ctx.cost,
      this.ctx.clock,
      results.map((r) => r.latencyMs ?? 0),
    );
    return results.map((result, i) => toResponse(this.ctx, built[i] as FetchRequest, result));
  }
}

instrument(FakeUrlFetchApp, 'UrlFetchApp', 'UrlFetchApp');

/**
 * The manifest's allowlist: a URL must start with one of the `urlFetchWhitelist` prefixes (a
 * leading `*.` matches any subdomain). Prefixes must be https, so with a manifest enforced
 * plain http is refused too. https://developers.google.com/apps-script/manifest/allowlist-url
 */
function checkAllowed(ctx: FakeContext, requests: readonly FetchRequest[]): void {
  const manifest = ctx.manifest;
  if (manifest === null) return;
  const prefixes = manifest.urlFetchWhitelist;
  for (const { url } of requests) {
    const https = /^https:\/\//i.test(url);
    if (!https || (prefixes !== undefined && !prefixes.some((p) => matchesPrefix(url, p))))
      throw new GasError(notAllowed(url));
  }
}

function matchesPrefix(url: string, prefix: string): boolean {
  const wild = /^https:\/\/\*\.(.*)$/i.exec(prefix);
  if (!wild) return url.toLowerCase().startsWith(prefix.toLowerCase());
  const rest = (wild[1] as string).toLowerCase();
  const match = /^https:\/\/([^/?#]+)(.*)$/i.exec(url);
  if (!match) return false;
  const host = (match[1] as string).toLowerCase();
  const hostAndPath = host + (match[2] as string);
  // *.example.com/ matches sub.example.com/…: a label, a dot, then the rest of the prefix.
  const dot = host.indexOf('.');
  return dot > 0 && hostAndPath.slice(dot + 1).startsWith(rest);
}

function requireHandler(state: UrlFetchState): FetchHandler {
  if (!state.handler)
    throw new Error('UrlFetchApp fake: no fetch handler set (use fakes.onFetch(handler))');
  return state.handler;
}

function buildRequest(url: unknown, params: Record<string, unknown>): FetchRequest {
  if (typeof url !== 'string' || !/^https?:\/\/[^/?#\s]+/i.test(url))
    throw new GasError(`Invalid argument: ${String(url)}`);
  if (url.length > MAX_URL_LENGTH) throw new GasError('Limit Exceeded: URLFetch URL Length.');
  const method = String(params.method ?? 'get').toLowerCase();
  if (!['get', 'delete', 'patch', 'post', 'put'].includes(method))
    throw new GasError(`Invalid argument: method`);
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(
    (params.headers as Record<string, unknown> | undefined) ?? {},
  )) {
    headers[name] = String(value);
  }
  const request: FetchRequest = {
    url,
    method: method as HttpMethod,
    headers,
    followRedirects: params.followRedirects !== false,
    validateHttpsCertificates: params.validateHttpsCertificates !== false,
    muteHttpExceptions: params.muteHttpExceptions === true,
  };
  const { payload } = params;
  let contentType = params.contentType === undefined ? undefined : String(params.contentType);
  if (payload !== undefined && payload !== null) {
    if (typeof payload === 'string') {
      request.payload = payload;
    } else if (Array.isArray(payload)) {
      request.payloadBytes = Uint8Array.from(payload as number[], (b) => Number(b) & 0xff);
    } else if (typeof payload === 'object') {
      // An object payload is sent as an HTML form.
      request.payload = Object.entries(payload as Record<string, unknown>)
        .map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(String(v))}`)
        .join('&');
    } else {
      request.payload = String(payload);
    }
    contentType ??= 'application/x-www-form-urlencoded';
  }
  if (contentType !== undefined) request.contentType = contentType;
  return request;
}

function originOf(url: string): string {
  const match = /^(https?:\/\/[^/?#]+)/i.exec(url);
  return match ? (match[1] as string) : url;
}

function toResponse(
  ctx: FakeContext,
  request: FetchRequest,
  result: FetchResult,
): FakeHTTPResponse {
  if ('error' in result) throw new GasError(result.error);
  const body =
    typeof result.body === 'string'
      ? new Uint8Array(Buffer.from(result.body, 'utf8'))
      : (result.body ?? new Uint8Array());
  const response = new FakeHTTPResponse(ctx, result.status, result.headers ?? {}, body);
  if (result.status >= 400 && !request.muteHttpExceptions) {
    const text = Buffer.from(body).toString('utf8');
    const truncated = text.length > TRUNCATE_AT ? `${text.slice(0, TRUNCATE_AT)}...` : text;
    throw new GasError(
      `Request failed for ${originOf(request.url)} returned code ${result.status}. Truncated server response: ${truncated} (use muteHttpExceptions option to examine full response)`,
    );
  }
  return response;
}

export class FakeHTTPResponse extends Fake {
  constructor(
    ctx: FakeContext,
    private readonly status: number,
    private readonly headers: Record<string, string | string[]>,
    private readonly body: Uint8Array,
  ) {
    super(ctx);
  }

  getResponseCode(): number {
    return this.status;
  }

  getContentText(charset?: string): string {
    const encoding =
      charset && /^(us-)?ascii$/i.test(charset)
        ? 'ascii'
        : charset && /^(iso-8859-1|latin1)$/i.test(charset)
          ? 'latin1'
          : 'utf8';
    return Buffer.from(this.body).toString(encoding);
  }

  /** One value per header name (the first, when a header repeats). */
  getHeaders(): Record<string, string> {
    const out: Record<string, string> = {};
    for (const [name, value] of Object.entries(this.headers)) {
      out[name] = Array.isArray(value) ? String(value[0] ?? '') : value;
    }
    return out;
  }
}

instrument(FakeHTTPResponse, 'HTTPResponse', 'UrlFetchApp');
