/**
 * Node's side of the HTTP exchange: performs the client's requests with fetch, adding the
 * bearer token (requests never carry it), and reports a failure to connect as a value.
 */
import { withoutSecrets, type HttpRequest, type HttpResult } from '../src/api';

export interface SendOptions {
  token: string;
  timeoutMs?: number;
}

export async function sendHttp(request: HttpRequest, options: SendOptions): Promise<HttpResult> {
  try {
    const response = await fetch(request.url, {
      method: request.method,
      headers: { ...request.headers, Authorization: `Bearer ${options.token}` },
      body: request.body,
      signal: AbortSignal.timeout(options.timeoutMs ?? 30_000),
    });
    const headers: Record<string, string> = {};
    response.headers.forEach((value, key) => (headers[key.toLowerCase()] = value));
    return { status: response.status, headers, body: await response.text() };
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
  }
}
