/**
 * Serves the built sidebar outside Google: GET /sidebar is dist/sidebar.html with a
 * google.script.run stand-in (script-run.js) injected before the app's script, and
 * POST /rpc/<name> hands {"args": [...]} to `handle`. Used by the local sandbox (which
 * shows /sidebar in a 300 px iframe) and by the browser tests.
 */
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';

export const SIDEBAR_HTML = join(__dirname, '..', '..', 'dist', 'sidebar.html');
const SCRIPT_RUN = join(__dirname, 'script-run.js');
/** Google's payload rules, shared with the Node side (gas-runtime.ts); script-run.js uses them. */
const PAYLOAD = join(__dirname, 'script-run-payload.js');
/** Far above any real call's arguments; stops a runaway client, not a person. */
const MAX_BODY_BYTES = 5 * 1024 * 1024;

export interface SidebarServerOptions {
  /** 0 or absent: any free port. */
  port?: number;
  /** The sidebar page; absent: dist/sidebar.html, read on every request so a rebuild shows on reload. */
  html?: string;
  /** Runs a server function. Its answer goes back as the call's value (for the add-on: an RpcResult). */
  handle: (name: string, args: unknown[]) => unknown | Promise<unknown>;
}

export interface SidebarServer {
  /** http://127.0.0.1:<port>/sidebar */
  url: string;
  close(): Promise<void>;
}

export function serveSidebar(options: SidebarServerOptions): Promise<SidebarServer> {
  const server = createServer((req, res) => {
    route(req, res, options).catch((e: unknown) => {
      send(res, 500, 'application/json', JSON.stringify({ error: messageOf(e) }));
    });
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      resolve({
        url: `http://127.0.0.1:${port}/sidebar`,
        close: () =>
          new Promise<void>((done) => {
            server.close(() => done());
            // Keep-alive connections from a browser would otherwise hold close() open.
            server.closeAllConnections();
          }),
      });
    });
  });
}

async function route(
  req: IncomingMessage,
  res: ServerResponse,
  options: SidebarServerOptions,
): Promise<void> {
  const path = (req.url ?? '/').split('?')[0] ?? '/';
  if (req.method === 'GET' && (path === '/sidebar' || path === '/')) {
    const html = options.html ?? readFileSync(SIDEBAR_HTML, 'utf8');
    return send(res, 200, 'text/html; charset=utf-8', withScriptRun(html));
  }
  const rpc = /^\/rpc\/([A-Za-z_$][\w$]*)$/.exec(path);
  if (req.method === 'POST' && rpc) {
    const name = rpc[1] ?? '';
    let body: { args?: unknown };
    try {
      body = JSON.parse((await readBody(req)) || '{}') as { args?: unknown };
    } catch {
      return send(res, 400, 'application/json', JSON.stringify({ error: 'Bad JSON body.' }));
    }
    const args = Array.isArray(body.args) ? body.args : [];
    try {
      const value = await options.handle(name, args);
      // undefined is not JSON: a function that answers nothing answers null, as Google does.
      return send(res, 200, 'application/json', JSON.stringify({ value: value ?? null }));
    } catch (e) {
      return send(res, 500, 'application/json', JSON.stringify({ error: messageOf(e) }));
    }
  }
  send(res, 404, 'text/plain; charset=utf-8', 'Not found');
}

/** Puts the stand-in before the first script, so `google` exists when the app starts. */
export function withScriptRun(html: string): string {
  const tag = `<script>\n${readFileSync(PAYLOAD, 'utf8')}\n${readFileSync(SCRIPT_RUN, 'utf8')}\n</script>\n`;
  const at = html.search(/<script[\s>]/i);
  if (at >= 0) return html.slice(0, at) + tag + html.slice(at);
  const body = html.search(/<\/body>/i);
  return body >= 0 ? html.slice(0, body) + tag + html.slice(body) : html + tag;
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        reject(new Error('Request body too large.'));
        req.destroy();
      } else chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function send(res: ServerResponse, status: number, type: string, body: string): void {
  if (res.headersSent) return;
  res.writeHead(status, { 'Content-Type': type, 'Cache-Control': 'no-store' });
  res.end(body);
}

function messageOf(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}
