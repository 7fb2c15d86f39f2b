import { spawn, type ChildProcess } from 'node:child_process';
import { createGasFakes } from '../../../local/gas-fakes';
import { createSyncHttpHandler } from '../../../local/gas-fakes/http-sync';

// The server must live in another process: the test's thread is blocked while it waits.
const SERVER = `
const http = require('node:http');
let inFlight = 0;
const server = http.createServer((req, res) => {
  const url = new URL(req.url, 'http://localhost');
  let body = '';
  req.on('data', (chunk) => (body += chunk));
  req.on('end', () => {
    const send = (status, text, headers = {}) => {
      res.writeHead(status, { 'content-type': 'text/plain', ...headers });
      res.end(text);
    };
    if (url.pathname === '/ok') return send(200, 'hello', { 'x-request-id': 'abc' });
    if (url.pathname === '/unauthorized') return send(401, 'bad token');
    if (url.pathname === '/echo') {
      return send(200, JSON.stringify({ method: req.method, type: req.headers['content-type'], auth: req.headers.authorization, body }));
    }
    if (url.pathname === '/slow') {
      // Answers with how many requests were in flight when it finished: proof of concurrency.
      inFlight++;
      return setTimeout(() => {
        send(200, 'slow ' + url.searchParams.get('ms') + ' with ' + inFlight + ' in flight');
        inFlight--;
      }, Number(url.searchParams.get('ms')));
    }
    if (url.pathname === '/redirect') return send(302, '', { location: '/ok' });
    send(404, 'nothing here');
  });
});
server.listen(0, '127.0.0.1', () => console.log(server.address().port));
`;

let server: ChildProcess;
let base = '';

beforeAll(async () => {
  server = spawn(process.execPath, ['-e', SERVER], { stdio: ['ignore', 'pipe', 'inherit'] });
  base = await new Promise<string>((resolve, reject) => {
    server.once('error', reject);
    server.stdout?.once('data', (chunk: Buffer) =>
      resolve(`http://127.0.0.1:${chunk.toString().trim()}`),
    );
  });
});

afterAll(() => {
  server.kill();
});

function setup(timeoutMs?: number) {
  const fakes = createGasFakes();
  fakes.onFetch(createSyncHttpHandler(timeoutMs === undefined ? {} : { timeoutMs }));
  return fakes.globals.UrlFetchApp;
}

describe('real HTTP from synchronous UrlFetchApp', () => {
  test('fetch returns status, headers and body', () => {
    const response = setup().fetch(`${base}/ok`);
    expect(response.getResponseCode()).toBe(200);
    expect(response.getContentText()).toBe('hello');
    expect(response.getHeaders()['x-request-id']).toBe('abc');
  });

  test('method, headers, content type and payload reach the server', () => {
    const response = setup().fetch(`${base}/echo`, {
      method: 'post',
      contentType: 'application/json',
      headers: { Authorization: 'Bearer secret' },
      payload: JSON.stringify({ firstName: 'Ann' }),
    });
    expect(JSON.parse(response.getContentText())).toEqual({
      method: 'POST',
      type: 'application/json',
      auth: 'Bearer secret',
      body: '{"firstName":"Ann"}',
    });
  });

  test('HTTP errors throw like Google unless muted', () => {
    const UrlFetchApp = setup();
    expect(() => UrlFetchApp.fetch(`${base}/unauthorized`)).toThrow(
      `Request failed for ${base} returned code 401. Truncated server response: bad token (use muteHttpExceptions option to examine full response)`,
    );
    expect(
      UrlFetchApp.fetch(`${base}/unauthorized`, { muteHttpExceptions: true }).getResponseCode(),
    ).toBe(401);
  });

  test('redirects are followed unless followRedirects is false', () => {
    const UrlFetchApp = setup();
    expect(UrlFetchApp.fetch(`${base}/redirect`).getContentText()).toBe('hello');
    expect(
      UrlFetchApp.fetch(`${base}/redirect`, { followRedirects: false }).getResponseCode(),
    ).toBe(302);
  });

  test('fetchAll runs its requests concurrently', () => {
    const UrlFetchApp = setup();
    const texts = UrlFetchApp.fetchAll([
      `${base}/slow?ms=400`,
      `${base}/slow?ms=400`,
      `${base}/slow?ms=400`,
    ]).map((r) => r.getContentText());
    // The first to finish saw all three waiting; one after another, each would see only itself.
    expect(texts[0]).toBe('slow 400 with 3 in flight');
    expect(texts.every((text) => text.startsWith('slow 400 with '))).toBe(true);
  });

  test("a request slower than the time limit fails with Google's timeout", () => {
    const UrlFetchApp = setup(200);
    expect(() => UrlFetchApp.fetch(`${base}/slow?ms=3000`)).toThrow(
      `Timeout: ${base}/slow?ms=3000`,
    );
  });

  test('network failures: refused connection and unknown host', () => {
    const UrlFetchApp = setup();
    expect(() => UrlFetchApp.fetch('http://127.0.0.1:1/')).toThrow(
      'Address unavailable: http://127.0.0.1:1/',
    );
    expect(() =>
      UrlFetchApp.fetch('http://no-such-host.invalid/', { muteHttpExceptions: true }),
    ).toThrow('DNS error: http://no-such-host.invalid/');
  });
});

describe('hosts: a production origin resolved to a local server, like a hosts file', () => {
  const PUBLIC = 'https://api.example.test';
  function withHosts(timeoutMs?: number) {
    const fakes = createGasFakes({ manifest: { urlFetchWhitelist: [`${PUBLIC}/`] } });
    fakes.onFetch(
      createSyncHttpHandler({ hosts: { [PUBLIC]: base }, ...(timeoutMs ? { timeoutMs } : {}) }),
    );
    return fakes;
  }

  test('the add-on fetches the public URL, the allowlist sees it, the local server answers', () => {
    const fakes = withHosts();
    const response = fakes.globals.UrlFetchApp.fetchAll([`${PUBLIC}/ok`])[0]!;
    expect(response.getContentText()).toBe('hello');
    expect(fakes.urlFetch.requests[0]?.url).toBe(`${PUBLIC}/ok`);
    const [a, b] = fakes.globals.UrlFetchApp.fetchAll([`${PUBLIC}/ok`, `${PUBLIC}/ok`]);
    expect([a?.getResponseCode(), b?.getResponseCode()]).toEqual([200, 200]);
  });

  test('failures name the URL the add-on asked for', () => {
    const fakes = withHosts(200);
    expect(() => fakes.globals.UrlFetchApp.fetchAll([`${PUBLIC}/slow?ms=3000`])[0]!).toThrow(
      `Timeout: ${PUBLIC}/slow?ms=3000`,
    );
  });

  test('other hosts are not resolved', () => {
    const fakes = createGasFakes();
    fakes.onFetch(createSyncHttpHandler({ hosts: { [PUBLIC]: base } }));
    expect(() => fakes.globals.UrlFetchApp.fetchAll(['http://127.0.0.1:1/'])[0]!).toThrow(
      'Address unavailable: http://127.0.0.1:1/',
    );
  });
});
