/**
 * Real HTTP from a synchronous UrlFetchApp: each call posts the requests to a worker thread
 * (http-worker.mjs) and blocks on Atomics.wait until the answers come back (synckit). fetchAll's
 * requests run concurrently in the worker. A request slower than `timeoutMs` (default 60 s,
 * Google's limit) fails with Google's "Timeout: <url>".
 *
 * The calling thread is blocked while it waits, so a server answering it must run in another
 * thread or process.
 *
 * `hosts` works like a hosts file: a request to a mapped origin (e.g. the production
 * `https://api.respond.io`) goes to another origin (the local emulator's
 * `http://127.0.0.1:PORT`), while UrlFetchApp, its allowlist and its error messages see the
 * URL the code asked for.
 */
import path from 'node:path';
import { createSyncFn } from 'synckit';
import type { BatchFetchHandler, FetchRequest, FetchResult } from './url-fetch';

export const DEFAULT_FETCH_TIMEOUT_MS = 60_000;

const WORKER_PATH = path.join(__dirname, 'http-worker.mjs');

type SendBatch = (requests: FetchRequest[], timeoutMs: number) => Promise<FetchResult[]>;

export interface SyncHttpOptions {
  /** Per-request time limit in milliseconds (default 60 000). */
  timeoutMs?: number;
  /** Origin → origin the request really goes to, e.g. { 'https://api.respond.io': 'http://127.0.0.1:8787' }. */
  hosts?: Record<string, string>;
}

export function createSyncHttpHandler(options: SyncHttpOptions = {}): BatchFetchHandler {
  const timeoutMs = options.timeoutMs ?? DEFAULT_FETCH_TIMEOUT_MS;
  // synckit keeps one worker per path for the whole process.
  const sendBatch = createSyncFn<SendBatch>(WORKER_PATH);
  const hosts = Object.entries(options.hosts ?? {}).map(([from, to]) => ({
    from: from.replace(/\/+$/, '').toLowerCase(),
    to: to.replace(/\/+$/, ''),
  }));
  const all = (requests: FetchRequest[]): FetchResult[] => {
    const routed = requests.map((request) => {
      const host = hosts.find(({ from }) => originOf(request.url) === from);
      return host ? { request, host } : { request, host: null };
    });
    const results = sendBatch(
      routed.map(({ request, host }) =>
        host ? { ...request, url: host.to + request.url.slice(host.from.length) } : request,
      ),
      timeoutMs,
    );
    // Failures name the URL the code asked for, as Google's would.
    return results.map((result, i) => {
      const { request, host } = routed[i] as (typeof routed)[number];
      if (!host || !('error' in result)) return result;
      const sent = host.to + request.url.slice(host.from.length);
      return { ...result, error: result.error.split(sent).join(request.url) };
    });
  };
  const one = (request: FetchRequest): FetchResult => all([request])[0] as FetchResult;
  return Object.assign(one, { all });
}

function originOf(url: string): string {
  const match = /^(https?:\/\/[^/?#]+)/i.exec(url);
  return match ? (match[1] as string).toLowerCase() : '';
}
