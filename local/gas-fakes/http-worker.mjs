// Worker thread for http-sync.ts: performs real HTTP with Node's fetch while the calling
// thread waits (synckit + Atomics.wait). Plain JavaScript so the worker needs no TypeScript
// loader. A batch runs concurrently, like UrlFetchApp.fetchAll. Failures come back as
// Google's UrlFetch messages ("Timeout: …", "DNS error: …", "Address unavailable: …").
/* global fetch, AbortController */
import { clearTimeout, setTimeout } from 'node:timers';
import { runAsWorker } from 'synckit';

const DNS_CODES = new Set(['ENOTFOUND', 'EAI_AGAIN', 'EAI_NONAME', 'EAI_FAIL']);

function errorCode(error) {
  let current = error;
  for (let depth = 0; current && depth < 5; depth++) {
    if (typeof current.code === 'string') return current.code;
    current = current.cause;
  }
  return undefined;
}

function describeFailure(error, url, timedOut) {
  if (timedOut) return `Timeout: ${url}`;
  if (DNS_CODES.has(errorCode(error))) return `DNS error: ${url}`;
  return `Address unavailable: ${url}`;
}

function collectHeaders(headers) {
  const out = {};
  for (const [name, value] of headers) {
    if (name === 'set-cookie') continue;
    out[name] = value;
  }
  const cookies = headers.getSetCookie ? headers.getSetCookie() : [];
  if (cookies.length > 0) out['set-cookie'] = cookies.length === 1 ? cookies[0] : cookies;
  return out;
}

async function send(request, timeoutMs) {
  const controller = new AbortController();
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    controller.abort();
  }, timeoutMs);
  try {
    const headers = { ...request.headers };
    const named = Object.keys(headers).some((name) => name.toLowerCase() === 'content-type');
    if (request.contentType && !named) headers['Content-Type'] = request.contentType;
    const method = request.method.toUpperCase();
    const body = method === 'GET' ? undefined : (request.payloadBytes ?? request.payload);
    const response = await fetch(request.url, {
      method,
      headers,
      body,
      redirect: request.followRedirects ? 'follow' : 'manual',
      signal: controller.signal,
    });
    const bytes = new Uint8Array(await response.arrayBuffer());
    return { status: response.status, headers: collectHeaders(response.headers), body: bytes };
  } catch (error) {
    return { error: describeFailure(error, request.url, timedOut) };
  } finally {
    clearTimeout(timer);
  }
}

runAsWorker(async (requests, timeoutMs) =>
  Promise.all(requests.map((request) => send(request, timeoutMs))),
);
