/**
 * The Apps Script side of the HTTP exchange: a wave of requests goes out in one
 * UrlFetchApp.fetchAll (they run in parallel on Google's side), with the person's token
 * added here and nowhere else. HTTP errors come back as values (muteHttpExceptions).
 */
import type { HttpRequest, HttpResult } from '../api';

/** Google refused to fetch: the daily URL Fetch quota is spent. The job pauses. */
export class QuotaError extends Error {}

const QUOTA = /Service invoked too many times|Bandwidth quota exceeded|too many/i;

export function fetchAll_(requests: readonly HttpRequest[], token: string): HttpResult[] {
  if (requests.length === 0) return [];
  const params = requests.map((request) => toParams_(request, token));
  let responses: GoogleAppsScript.URL_Fetch.HTTPResponse[];
  try {
    responses = UrlFetchApp.fetchAll(params);
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    if (QUOTA.test(message)) throw new QuotaError(message);
    // fetchAll fails whole when one request cannot connect; send singly to tell them apart.
    return params.map((one) => fetchOne_(one));
  }
  return responses.map(toResult_);
}

function fetchOne_(params: GoogleAppsScript.URL_Fetch.URLFetchRequest): HttpResult {
  try {
    return toResult_(UrlFetchApp.fetch(params.url, params));
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    if (QUOTA.test(message)) throw new QuotaError(message);
    return {
      status: 0,
      error: withoutToken_(message),
      timedOut: /timeout|timed out/i.test(message),
    };
  }
}

function toParams_(
  request: HttpRequest,
  token: string,
): GoogleAppsScript.URL_Fetch.URLFetchRequest {
  const headers: Record<string, string> = { Authorization: `Bearer ${token}` };
  let contentType: string | undefined;
  for (const [name, value] of Object.entries(request.headers)) {
    // UrlFetchApp takes the body's type as `contentType`, not as a header.
    if (name.toLowerCase() === 'content-type') contentType = value;
    else headers[name] = value;
  }
  const params: GoogleAppsScript.URL_Fetch.URLFetchRequest = {
    url: request.url,
    method: request.method.toLowerCase() as GoogleAppsScript.URL_Fetch.HttpMethod,
    headers,
    muteHttpExceptions: true,
    followRedirects: false,
  };
  if (request.body !== undefined) {
    params.payload = request.body;
    params.contentType = contentType ?? 'application/json';
  }
  return params;
}

function toResult_(response: GoogleAppsScript.URL_Fetch.HTTPResponse): HttpResult {
  const headers: Record<string, string> = {};
  const raw = response.getHeaders() as Record<string, unknown>;
  for (const name of Object.keys(raw)) headers[name.toLowerCase()] = String(raw[name]);
  return { status: response.getResponseCode(), headers, body: response.getContentText() };
}

/** Google quotes the request in some errors; make sure a token never travels on. */
function withoutToken_(message: string): string {
  return message.replace(/Bearer\s+\S+/gi, 'Bearer …');
}
