/**
 * Real HTTP from a synchronous UrlFetchApp: each call posts the requests to a worker thread
 * (http-worker.mjs) and blocks on Atomics.wait until the answers come back (synckit). fetchAll's
 * requests run concurrently in the worker. A request slower than `timeoutMs` (default 60 s,
 * Google's limit) fails with Google's "Timeout: <url>".
 *
 * The calling thread is blocked while it waits, so a server answering it must run in another
 * thread or process.
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
}

export function createSyncHttpHandler(options: SyncHttpOptions = {}): BatchFetchHandler {
  const timeoutMs = options.timeoutMs ?? DEFAULT_FETCH_TIMEOUT_MS;
  // synckit keeps one worker per path for the whole process.
  const sendBatch = createSyncFn<SendBatch>(WORKER_PATH);
  const one = (request: FetchRequest): FetchResult =>
    sendBatch([request], timeoutMs)[0] as FetchResult;
  return Object.assign(one, { all: (requests: FetchRequest[]) => sendBatch(requests, timeoutMs) });
}
