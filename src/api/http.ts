/**
 * The HTTP exchange as plain data. The client builds `HttpRequest`s and reads `HttpResult`s;
 * a driver (Apps Script `UrlFetchApp.fetchAll`, or Node `fetch`) performs them.
 *
 * The bearer token is NOT part of a request: the driver adds
 * `Authorization: Bearer <token>` when it sends. So a request object can be logged,
 * checkpointed or shown in a test failure without leaking the person's token.
 */

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'DELETE';

export interface HttpRequest {
  method: HttpMethod;
  /** Absolute URL, path already percent-encoded. */
  url: string;
  headers: Record<string, string>;
  /** JSON text, when the call has a body. */
  body?: string;
}

/** An answer from the server, whatever its status. */
export interface HttpResponse {
  status: number;
  /** Header names in lower case (drivers must lower-case them). */
  headers: Record<string, string>;
  body: string;
}

/**
 * No answer at all: DNS failure, refused or dropped connection, timeout. `status` is 0 so a
 * driver can build it without importing anything; `timedOut` lets messages be more precise.
 */
export interface NetworkFailure {
  status: 0;
  error: string;
  timedOut?: boolean;
}

export type HttpResult = HttpResponse | NetworkFailure;

export function isNetworkFailure(result: HttpResult): result is NetworkFailure {
  return result.status === 0;
}

/** A header of an answer, by case-insensitive name (drivers should lower-case, but be safe). */
export function headerOf(response: HttpResponse, name: string): string | undefined {
  const lower = name.toLowerCase();
  const direct = response.headers[lower];
  if (direct !== undefined) return direct;
  for (const key of Object.keys(response.headers)) {
    if (key.toLowerCase() === lower) return response.headers[key];
  }
  return undefined;
}
