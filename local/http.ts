/**
 * Node's side of the HTTP exchange: performs the client's requests with fetch, adding the
 * bearer token (requests never carry it), and reports a failure to connect as a value.
 *
 * Only answers the workspace itself gave count:
 * - Redirects are never followed (`redirect: 'manual'`), as the add-on's UrlFetchApp call
 *   sets `followRedirects: false`: fetch would turn a redirected POST into a GET on another
 *   host and a write would look confirmed when nothing was written. The 3xx answer is
 *   handed to the client, which stops the job naming the Location.
 * - Answers are read up to MAX_ANSWER_BYTES: a real answer (a page of 100 contacts is about
 *   100 KB) fits many times over; a larger one is refused without being held in memory.
 */
import {
  listCustomFields,
  parseBaseUrl,
  readCustomFieldPage,
  withoutSecrets,
  type CustomFieldDef,
  type HttpRequest,
  type HttpResult,
} from '../src/api';

export interface SendOptions {
  token: string;
  timeoutMs?: number;
  /** Largest answer body read, in bytes (default MAX_ANSWER_BYTES). */
  maxAnswerBytes?: number;
}

export const MAX_ANSWER_BYTES = 4 * 1024 * 1024;

export async function sendHttp(request: HttpRequest, options: SendOptions): Promise<HttpResult> {
  const controller = new AbortController();
  const timer = setTimeout(
    () => controller.abort(new DOMException('timed out', 'TimeoutError')),
    options.timeoutMs ?? 30_000,
  );
  try {
    const response = await fetch(request.url, {
      method: request.method,
      headers: { ...request.headers, Authorization: `Bearer ${options.token}` },
      body: request.body,
      redirect: 'manual',
      signal: controller.signal,
    });
    const headers: Record<string, string> = {};
    response.headers.forEach((value, key) => (headers[key.toLowerCase()] = value));
    const limit = options.maxAnswerBytes ?? MAX_ANSWER_BYTES;
    const body = await readCapped(response, limit);
    if (body === null) {
      controller.abort();
      return {
        status: 0,
        error: `the answer was larger than ${formatBytes(limit)} and was refused unread (HTTP ${response.status})`,
      };
    }
    return { status: response.status, headers, body };
  } catch (e) {
    const name = (e as { name?: unknown } | null)?.name;
    const timedOut = name === 'TimeoutError' || name === 'AbortError';
    const cause = e instanceof Error && e.cause instanceof Error ? `: ${e.cause.message}` : '';
    // undici quotes an invalid header value whole in its message: never let the token out.
    const error = withoutSecrets(
      `${e instanceof Error ? e.message : String(e)}${cause}`,
      options.token,
    );
    return { status: 0, error, timedOut };
  } finally {
    clearTimeout(timer);
  }
}

/** The body as text, or null when it is longer than `limit` bytes (reading stops there). */
async function readCapped(response: Response, limit: number): Promise<string | null> {
  const declared = Number(response.headers.get('content-length') ?? NaN);
  if (Number.isFinite(declared) && declared > limit) {
    await response.body?.cancel().catch(() => undefined);
    return null;
  }
  if (response.body === null) return '';
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel().catch(() => undefined);
      return null;
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString('utf8');
}

function formatBytes(bytes: number): string {
  return `${Math.round(bytes / (1024 * 1024))} MB`;
}

/** A workspace to talk to: its API's base URL and a way to send it requests. */
export interface Connection {
  baseUrl: string;
  send: (request: HttpRequest) => Promise<HttpResult>;
}

/** Reads every custom field of the workspace (paged). Throws a plain message on failure. */
export async function fetchCustomFields(connection: Connection): Promise<CustomFieldDef[]> {
  const base = parseBaseUrl(connection.baseUrl);
  if (!base.ok) throw new Error(base.message);
  const out: CustomFieldDef[] = [];
  let cursorId: string | null = null;
  for (let page = 0; page < 100; page++) {
    const result = await connection.send(listCustomFields(base.baseUrl, { cursorId }));
    const read = readCustomFieldPage(result);
    if (!read.ok) throw new Error(read.error.message);
    out.push(...read.value.items);
    cursorId = read.value.nextCursor;
    if (cursorId === null) break;
  }
  return out;
}
