/**
 * The Apps Script side of the HTTP exchange: a wave of requests goes out in one
 * UrlFetchApp.fetchAll (they run in parallel on Google's side), with the person's token
 * added here and nowhere else. HTTP errors come back as values (muteHttpExceptions).
 *
 * Google's refusals, told apart by their text:
 * - "Service invoked too many times for one day: urlfetch." — the daily quota (20,000 a day,
 *   100,000 with Workspace; https://developers.google.com/apps-script/guides/services/quotas):
 *   QuotaError, the job pauses.
 * - "Service invoked too many times in a short time: urlfetch. Try Utilities.sleep(1000)
 *   between calls." — a burst, not the quota: retried here with back-off; BusyError if it
 *   does not clear.
 * - "Request to <url> failed because the URL has not been whitelisted in the script
 *   manifest." — the URL is not under appsscript.json's urlFetchWhitelist
 *   (https://developers.google.com/apps-script/manifest/allowlist-url): NotAllowedError,
 *   fatal, nothing was sent.
 * - Anything else thrown by fetchAll is a network failure of the whole batch ("Timeout: …",
 *   "Address unavailable: …"): some requests may have reached the server, so none is sent
 *   again here; each comes back as a lost answer (status 0) and the job decides (a create
 *   whose answer was lost is looked up before it is sent again).
 */
import { withoutSecrets, type HttpRequest, type HttpResult } from '../api';

/** Google refused to fetch: the daily URL Fetch quota is spent. The job pauses. */
export class QuotaError extends Error {}

/** Google kept refusing calls made in a short time even after backing off. Nothing was sent. */
export class BusyError extends Error {}

/** The URL is not in the manifest's allowlist: nothing can be sent there until redeployed. */
export class NotAllowedError extends Error {}

const DAILY_QUOTA = /too many times for one day|Bandwidth quota exceeded/i;
const BURST = /too many times in a short time/i;
const NOT_ALLOWED = /not been whitelisted|not allowed by .*whitelist|allowlist/i;

/** Waits before each retry of a burst refusal (Google suggests a second between calls). */
const BURST_BACKOFF_MS = [1_000, 2_000, 4_000, 8_000];

export function fetchAll_(requests: readonly HttpRequest[], token: string): HttpResult[] {
  if (requests.length === 0) return [];
  const params = requests.map((request) => toParams_(request, token));
  for (let attempt = 0; ; attempt++) {
    let responses: GoogleAppsScript.URL_Fetch.HTTPResponse[];
    try {
      responses = UrlFetchApp.fetchAll(params);
    } catch (e) {
      const message = withoutSecrets(e instanceof Error ? e.message : String(e), token);
      if (DAILY_QUOTA.test(message)) throw new QuotaError(message);
      if (NOT_ALLOWED.test(message)) throw new NotAllowedError(notAllowedMessage_(message, params));
      if (BURST.test(message)) {
        const wait = BURST_BACKOFF_MS[attempt];
        if (wait === undefined) throw new BusyError(message);
        Utilities.sleep(wait);
        continue;
      }
      // One request could not connect or timed out, and fetchAll failed whole: the others
      // may or may not have reached the server. Never re-send blindly: report every answer
      // as lost and let the job resolve each one.
      const timedOut = /timeout|timed out/i.test(message);
      return params.map(() => ({ status: 0, error: message, timedOut }));
    }
    return responses.map(toResult_);
  }
}

/** What to add to the manifest, in words the person deploying the add-on can act on. */
function notAllowedMessage_(
  message: string,
  params: readonly GoogleAppsScript.URL_Fetch.URLFetchRequest[],
): string {
  const url = /Request to (\S+) failed/.exec(message)?.[1] ?? params[0]?.url ?? '';
  const origin = /^[a-z][a-z0-9+.-]*:\/\/[^/?#]+/i.exec(url)?.[0] ?? url;
  const prefix = `${origin.replace(/^http:/i, 'https:')}/`;
  return `Google blocked the request: this add-on may only contact the addresses listed in its manifest. Add "${prefix}" to "urlFetchWhitelist" in appsscript.json, then deploy the add-on again (or ask whoever deployed it).`;
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
