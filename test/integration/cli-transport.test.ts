/**
 * The CLI's HTTP transport counts only answers the workspace itself gave (issue 13): a
 * redirect is never followed (fetch would turn the POSTs into GETs on another host and the
 * rows would look Imported with nothing written), and an answer larger than any real one
 * is refused without being held in memory.
 */
import { spawn } from 'node:child_process';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import type { HttpRequest } from '../../src/api';
import type { Sheet } from '../../local/sheet';
import { sendHttp } from '../../local/http';
import { column, run, settings, TOKEN, type Env } from '../support/import-harness';

const ROOT = join(__dirname, '..', '..');

function listen(server: Server): Promise<string> {
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () =>
      resolve(`http://127.0.0.1:${(server.address() as AddressInfo).port}`),
    ),
  );
}

test('a redirecting server: nothing counts as written, and the job stops naming the Location', async () => {
  const elsewhere: string[] = [];
  const other = createServer((req, res) => {
    elsewhere.push(`${req.method} ${req.url}`);
    res.writeHead(200, { 'Content-Type': 'application/json' });
    res.end(
      req.url?.includes('/contact/list')
        ? '{"items":[],"pagination":{"next":""}}'
        : '{"contactId":1,"id":1,"code":"200","message":"Contact added successfully!"}',
    );
  });
  const otherOrigin = await listen(other);
  const redirecting = createServer((req, res) => {
    res.writeHead(302, { Location: `${otherOrigin}${req.url ?? '/'}` });
    res.end();
  });
  const origin = await listen(redirecting);
  try {
    const env = {
      connection: {
        baseUrl: `${origin}/v2`,
        send: (request: HttpRequest) => sendHttp(request, { token: TOKEN, timeoutMs: 5_000 }),
      },
      customFields: [],
    } as unknown as Env;
    const sheet: Sheet = [
      ['First Name', 'Phone'],
      ['Aisha', '+60123456789'],
      ['Budi', '+60198765432'],
    ];
    const mapping = [
      { header: 'First Name', field: 'firstName' },
      { header: 'Phone', field: 'phone' },
    ];
    for (const purpose of ['add-update', 'add-all'] as const) {
      const s = sheet.map((row) => [...row]);
      const identifier = purpose === 'add-all' ? null : 'phone';
      const result = await run(env, s, settings({ purpose, identifier, mapping }));
      expect(result.state.status).toBe('failed');
      expect(result.state.message).toContain('redirect (HTTP 302)');
      expect(result.state.message).toContain(otherOrigin);
      expect(column(s, 'Import Status')).not.toContain('Imported');
      expect(
        column(s, 'Contact ID').filter((id) => id !== '' && id !== null && id !== undefined),
      ).toEqual([]);
    }
    expect(elsewhere).toEqual([]);
  } finally {
    redirecting.close();
    other.close();
  }
});

/** A child process that sends one request with the CLI's transport and reports its peak memory. */
const CHILD = `
require('tsx/cjs');
const { sendHttp } = require(${JSON.stringify(join(ROOT, 'local', 'http.ts'))});
let peak = 0;
const sample = () => { peak = Math.max(peak, process.memoryUsage().rss); };
const timer = setInterval(sample, 5);
sendHttp({ method: 'POST', url: process.argv[1], headers: {}, body: '{}' }, { token: 't', timeoutMs: 120000 })
  .then((result) => {
    sample();
    clearInterval(timer);
    process.stdout.write(JSON.stringify({ peak, status: result.status, error: result.error ?? null }));
    process.exit(0);
  });
`;

test.each([
  ['with a Content-Length', true],
  ['streamed without a length', false],
])(
  'a 300 MB answer (%s) is refused, the CLI staying under 100 MB of memory',
  async (_name, withLength) => {
    const SIZE = 300 * 1024 * 1024;
    const chunk = Buffer.alloc(1024 * 1024, 'a');
    let sent = 0;
    const huge = createServer((_req, res) => {
      res.writeHead(200, {
        'Content-Type': 'application/json',
        ...(withLength ? { 'Content-Length': String(SIZE) } : {}),
      });
      const pump = () => {
        while (sent < SIZE) {
          sent += chunk.length;
          if (!res.write(chunk)) return void res.once('drain', pump);
        }
        res.end();
      };
      res.on('close', () => undefined);
      res.once('error', () => undefined);
      pump();
    });
    const origin = await listen(huge);
    try {
      const child = spawn(process.execPath, ['-e', CHILD, `${origin}/v2/contact/list`], {
        cwd: ROOT,
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let out = '';
      let err = '';
      child.stdout.on('data', (d: Buffer) => (out += d.toString()));
      child.stderr.on('data', (d: Buffer) => (err += d.toString()));
      await new Promise((resolve) => child.once('close', resolve));
      const report = JSON.parse(out || `{"error":${JSON.stringify(err)}}`) as {
        peak: number;
        status: number;
        error: string | null;
      };
      expect(report.status).toBe(0);
      expect(report.error).toMatch(/larger than 4 MB and was refused/);
      expect(report.peak).toBeLessThan(100 * 1024 * 1024);
      console.log(
        `peak RSS ${(report.peak / 1024 / 1024).toFixed(1)} MB, body sent ${(sent / 1024 / 1024).toFixed(0)} MB`,
      );
    } finally {
      huge.closeAllConnections();
      huge.close();
    }
  },
  120_000,
);
