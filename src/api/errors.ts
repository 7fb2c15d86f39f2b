/**
 * What an answer means for the importer, as a value: go on, fail the row, retry later, wait
 * for the rate limit, or stop the whole job. Messages are written for the person running the
 * import: they say what happened and what to do.
 */
import { headerOf, isNetworkFailure, type HttpResponse, type HttpResult } from './http';

/** Why a single row failed; the job goes on with the next row. */
export type RowReason =
  /** 400: a value the platform refused. */
  | 'invalid'
  /** 400: a custom field the workspace does not have (the whole request failed). */
  | 'unknown-field'
  /** 404 on a contact path: no contact has this identifier. */
  | 'not-found'
  /** 409: the contact already exists (create). */
  | 'conflict'
  /** Any other 4xx. */
  | 'rejected';

export type ApiError =
  /** Stop the job: nothing else will work until the person changes the settings. */
  | { kind: 'fatal'; status: number; message: string }
  /** This row (or look-up) failed; go on with the others. */
  | { kind: 'row'; reason: RowReason; status: number; message: string }
  /** Try the same request again after a back-off (5xx, 449, 408, network failure). */
  | { kind: 'transient'; status: number; message: string; retryAfterMs?: number }
  /** 429: wait `waitMs`, then send the same request again. */
  | { kind: 'rate-limited'; status: 429; message: string; waitMs: number };

export type Classified =
  { ok: true; status: number; json: unknown } | { ok: false; error: ApiError };

export interface ClassifyContext {
  /**
   * The path names one contact (`/contact/{identifier}…`): a 404 with the platform's JSON
   * error body then means "no such contact". Anywhere else a 404 means the base URL is wrong.
   */
  contactPath: boolean;
  /** Clock (ms) for a `Retry-After` given as an HTTP date. */
  now?: number;
}

export const MESSAGES = {
  tokenRefused: 'The API token was refused — reconnect with a valid token.',
  notAnApi:
    'That URL does not look like a respond.io API — check the API base URL (for example https://api.respond.io/v2).',
  notFound: 'No contact has this identifier in the workspace.',
  conflict: 'A contact with this identifier already exists in the workspace.',
  unexpectedShape:
    'The workspace answered in a shape this add-on does not understand — check the API base URL.',
  unreadableMidRun:
    'The workspace API answered earlier calls of this import, then sent an answer that could not be read (a web page or a cut-off answer) — it may be having trouble, or a proxy or firewall may be in between. Try again later; if it keeps happening, check your network or proxy.',
} as const;

/**
 * A job-stopping message given after earlier calls of the same run were answered: "not the
 * API" then cannot be right (the URL worked), the answer itself was unreadable.
 */
export function midRunMessage(message: string): string {
  return message === MESSAGES.notAnApi || message === MESSAGES.unexpectedShape
    ? MESSAGES.unreadableMidRun
    : message;
}

/** Used when a 429 carries no usable `Retry-After`. */
export const DEFAULT_RETRY_AFTER_MS = 1000;

export function classify(result: HttpResult, context: ClassifyContext): Classified {
  if (isNetworkFailure(result)) {
    const message = result.timedOut
      ? 'The workspace API did not answer in time.'
      : `Could not reach the workspace API (${result.error}).`;
    return failure({ kind: 'transient', status: 0, message });
  }
  const { status } = result;
  const json = parseJson(result.body);

  if (status >= 200 && status < 300) {
    if (json === NOT_JSON) return failure(notAnApi(status));
    return { ok: true, status, json };
  }
  if (status === 401 || status === 403) {
    return failure({ kind: 'fatal', status, message: MESSAGES.tokenRefused });
  }
  if (status === 429) {
    const waitMs = retryAfterMs(result, context.now) ?? DEFAULT_RETRY_AFTER_MS;
    const message = `The workspace's rate limit was reached (asked to wait ${formatSeconds(waitMs)}).`;
    return failure({ kind: 'rate-limited', status: 429, message, waitMs });
  }
  if (status === 449 || status === 408 || status >= 500) {
    const retryAfter = retryAfterMs(result, context.now);
    const detail = platformMessage(json);
    const message =
      status === 449
        ? `The workspace queued this request${detail ? ` (${detail})` : ''}.`
        : `The workspace had a temporary problem (HTTP ${status}${detail ? `: ${detail}` : ''}).`;
    return failure(
      retryAfter === undefined
        ? { kind: 'transient', status, message }
        : { kind: 'transient', status, message, retryAfterMs: retryAfter },
    );
  }
  if (status >= 300 && status < 400) {
    // Never followed (both drivers): a redirected POST becomes a GET elsewhere, and a write
    // would look confirmed when nothing was written.
    const location = headerOf(result, 'location');
    return failure({
      kind: 'fatal',
      status,
      message: `The workspace API answered with a redirect (HTTP ${status}) to ${location ?? 'no Location'} — nothing was written. Check the API URL${location ? `; if ${location} is the right address, use it` : ''}.`,
    });
  }
  // Below: 4xx. A wrong host answers these with an HTML page; the platform with JSON.
  if (json === NOT_JSON || status === 405) {
    return failure(notAnApi(status));
  }
  if (status === 404) {
    return context.contactPath
      ? failure({ kind: 'row', reason: 'not-found', status, message: MESSAGES.notFound })
      : failure(notAnApi(status));
  }
  const detail = platformMessage(json);
  if (status === 409) {
    return failure({
      kind: 'row',
      reason: 'conflict',
      status,
      message: detail ?? MESSAGES.conflict,
    });
  }
  if (status === 400) {
    const reason =
      detail !== undefined && /not found in the workspace/i.test(detail)
        ? 'unknown-field'
        : 'invalid';
    const message = detail ?? 'The workspace refused this contact (HTTP 400) without saying why.';
    return failure({ kind: 'row', reason, status, message });
  }
  if (status >= 400 && status < 500) {
    const message = detail ?? `The workspace refused this request (HTTP ${status}).`;
    return failure({ kind: 'row', reason: 'rejected', status, message });
  }
  return failure({
    kind: 'fatal',
    status,
    message: `Unexpected answer from the workspace API (HTTP ${status}).`,
  });
}

/**
 * `Retry-After` in ms: whole or fractional seconds (the platform sends whole seconds), or
 * an HTTP date when `now` is known. Undefined when absent or unreadable.
 */
export function retryAfterMs(response: HttpResponse, now?: number): number | undefined {
  const raw = headerOf(response, 'retry-after')?.trim();
  if (raw === undefined || raw === '') return undefined;
  if (/^\d+(\.\d+)?$/.test(raw)) return Math.round(Number(raw) * 1000);
  if (now === undefined) return undefined;
  const at = Date.parse(raw);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}

/** The `message` of the platform's error body `{"code":…,"message":"…"}`, when present. */
export function platformMessage(json: unknown): string | undefined {
  if (typeof json !== 'object' || json === null) return undefined;
  const message = (json as { message?: unknown }).message;
  return typeof message === 'string' && message.trim() !== '' ? message.trim() : undefined;
}

const NOT_JSON = Symbol('not JSON');

/** Empty body is `null` (some writes answer nothing); anything unparsable is NOT_JSON. */
function parseJson(body: string): unknown {
  if (body.trim() === '') return null;
  try {
    return JSON.parse(body) as unknown;
  } catch {
    return NOT_JSON;
  }
}

function notAnApi(status: number): ApiError {
  return { kind: 'fatal', status, message: MESSAGES.notAnApi };
}

function failure(error: ApiError): Classified {
  return { ok: false, error };
}

function formatSeconds(ms: number): string {
  const seconds = Math.round(ms / 100) / 10;
  return seconds === 1 ? '1 second' : `${seconds} seconds`;
}
