/**
 * The sandbox's HTTP routes. One page (the grid and the sidebar side by side) and what it
 * asks for:
 *
 *   GET  /                      the page (local/sandbox/page/index.html)
 *   GET  /page/<file>           its scripts and styles
 *   GET  /api/state             tabs, the active sheet's layout, sidebar, menus, notices
 *   GET  /api/cells?sheet=&from=&to=   a block of rows as displayed
 *   GET  /api/events            server-sent events: `change`, `busy`
 *   POST /api/select            {sheet, a1?}: the person selects (or switches tab)
 *   POST /api/edit              {sheet, a1, text|null}: the person types (or clears)
 *   POST /api/menu              {functionName}: a menu item
 *   POST /api/sidebar/close     the sidebar's close button
 *   POST /api/save              writes the --save file now
 *   GET  /download.csv?sheet=   the sheet as CSV (default: the active one)
 *   GET  /sidebar               what the add-on showed, with the google.script.run stand-in
 *   POST /rpc/<name>            {args}: google.script.run → the bundle
 */
import { readFile } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { join } from 'node:path';
import type { GasFakes } from '../gas-fakes';
import { withScriptRun } from '../host/serve-sidebar';
import type { ChangeFeed } from './change-feed';
import { messageOf, type SheetsEditor } from './editor';
import { HttpError, readJson, send, sendJson, stringField } from './http-io';
import { sheetCsv } from './sheet-export';
import { cellBlock, sheetLayout } from './sheet-view';

const PAGE_DIR = join(__dirname, 'page');
const PAGE_FILES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.svg': 'image/svg+xml',
};
/** The most rows one /api/cells answer carries. */
const MAX_BLOCK_ROWS = 1000;

/** What the page shows about the contact API the add-on talks to. */
export interface ConnectionNote {
  apiUrl: string;
  source: 'emulator' | 'external';
  /** The token the local emulator accepts (shown: it is a demo token); null for an external API. */
  emulatorToken: string | null;
  /** Where the emulator really listens (`apiUrl`'s origin resolves there); null for an external API. */
  servedBy: string | null;
  /** Last four characters of the token saved for the sandbox user, if one was. */
  savedTokenLast4: string | null;
}

export interface RouteContext {
  fakes: GasFakes;
  editor: SheetsEditor;
  feed: ChangeFeed;
  connection: ConnectionNote;
  /** The person's last selection per tab: switching back to a tab restores it, as in Sheets. */
  selections: Map<string, string>;
  /** The --save file, if any. */
  saveFile: string | null;
  save(): Promise<string>;
}

type Handler = (
  ctx: RouteContext,
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
) => Promise<void> | void;

const ROUTES: Record<string, Handler> = {
  'GET /': (_ctx, _req, res) => servePageFile(res, 'index.html'),
  'GET /api/state': (ctx, _req, res) => sendJson(res, 200, pageState(ctx)),
  'GET /api/cells': serveCells,
  'GET /api/events': (ctx, _req, res) => ctx.feed.attach(res),
  'POST /api/select': select,
  'POST /api/edit': edit,
  'POST /api/menu': menu,
  'POST /api/sidebar/close': (ctx, _req, res) => {
    ctx.editor.closeSidebar();
    sendJson(res, 200, { ok: true });
  },
  'POST /api/save': async (ctx, _req, res) => sendJson(res, 200, { file: await ctx.save() }),
  'GET /download.csv': download,
  'GET /sidebar': serveSidebar,
};

export async function route(
  ctx: RouteContext,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<void> {
  const url = new URL(req.url ?? '/', 'http://127.0.0.1');
  try {
    const handler = ROUTES[`${req.method} ${url.pathname}`];
    if (handler) return await handler(ctx, req, res, url);
    const file = /^\/page\/([\w.-]+)$/.exec(url.pathname)?.[1];
    if (req.method === 'GET' && file) return await servePageFile(res, file);
    const rpc = /^\/rpc\/([A-Za-z_$][\w$]*)$/.exec(url.pathname)?.[1];
    if (req.method === 'POST' && rpc) return await serverCall(ctx, req, res, rpc);
    throw new HttpError(404, 'Not found');
  } catch (e) {
    const status = e instanceof HttpError ? e.status : 500;
    sendJson(res, status, { error: messageOf(e) });
  }
}

function pageState(ctx: RouteContext): unknown {
  const { fakes, editor, feed } = ctx;
  const active = fakes.spreadsheet.sheet().name;
  return {
    spreadsheet: { name: fakes.spreadsheet.model.name, timeZone: fakes.spreadsheet.model.timeZone },
    user: fakes.activeUser,
    tabs: fakes.spreadsheet.sheetNames(),
    active,
    sheet: sheetLayout(fakes, active, feed.sheetVersion(active)),
    sidebar: editor.sidebar,
    menus: editor.menus,
    busy: editor.busy,
    notices: editor.notices,
    connection: ctx.connection,
    saveFile: ctx.saveFile,
    version: feed.currentVersion,
  };
}

function serveCells(ctx: RouteContext, _req: IncomingMessage, res: ServerResponse, url: URL): void {
  const sheet = sheetParam(ctx, url);
  const from = Number(url.searchParams.get('from') ?? '1');
  const to = Number(url.searchParams.get('to') ?? from + 99);
  if (!Number.isInteger(from) || !Number.isInteger(to) || from < 1 || to < from) {
    throw new HttpError(400, '"from" and "to" must be row numbers, from ≤ to.');
  }
  const last = Math.min(to, from + MAX_BLOCK_ROWS - 1);
  sendJson(res, 200, cellBlock(ctx.fakes, sheet, from, last, ctx.feed.sheetVersion(sheet)));
}

async function select(ctx: RouteContext, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const body = await readJson(req);
  const sheet = existingSheet(ctx, stringField(body, 'sheet'));
  const a1 = typeof body.a1 === 'string' ? body.a1 : (ctx.selections.get(sheet) ?? 'A1');
  try {
    ctx.editor.select(sheet, a1);
  } catch (e) {
    throw new HttpError(400, messageOf(e));
  }
  ctx.selections.set(sheet, a1);
  sendJson(res, 200, { ok: true });
}

async function edit(ctx: RouteContext, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const body = await readJson(req);
  const sheet = existingSheet(ctx, stringField(body, 'sheet'));
  const a1 = stringField(body, 'a1');
  const text = body.text === null ? null : stringField(body, 'text');
  try {
    // Answers once the value is in the sheet; onEdit follows as its own execution.
    ctx.editor.personEdit({ sheet, a1, text });
  } catch (e) {
    // The sheet refused the value (e.g. text over 50,000 characters): say so, as Sheets does.
    throw new HttpError(400, messageOf(e));
  }
  sendJson(res, 200, { ok: true });
}

async function menu(ctx: RouteContext, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const body = await readJson(req);
  await ctx.editor.runMenuItem(stringField(body, 'functionName'));
  sendJson(res, 200, { ok: true });
}

function download(ctx: RouteContext, _req: IncomingMessage, res: ServerResponse, url: URL): void {
  const sheet = sheetParam(ctx, url);
  const filename = `${sheet.replace(/[^\w .-]/g, '_')}.csv`;
  send(res, 200, 'text/csv; charset=utf-8', sheetCsv(ctx.fakes, sheet), {
    'Content-Disposition': `attachment; filename="${filename}"`,
  });
}

/** The HTML the add-on last passed to showSidebar, with the google.script.run stand-in. */
function serveSidebar(ctx: RouteContext, _req: IncomingMessage, res: ServerResponse): void {
  const shown = ctx.fakes.ui.sidebar;
  if (!shown) throw new HttpError(404, 'The add-on has not shown a sidebar.');
  send(res, 200, 'text/html; charset=utf-8', withScriptRun(shown.content));
}

/** POST /rpc/<name> {"args": [...]} → {"value": answer} or {"error": message}. */
async function serverCall(
  ctx: RouteContext,
  req: IncomingMessage,
  res: ServerResponse,
  name: string,
): Promise<void> {
  const body = await readJson(req);
  const args = Array.isArray(body.args) ? (body.args as unknown[]) : [];
  const value = await ctx.editor.callFromSidebar(name, args);
  // undefined is not JSON: a function that answers nothing answers null, as Google does.
  sendJson(res, 200, { value: value ?? null });
}

async function servePageFile(res: ServerResponse, file: string): Promise<void> {
  const type = PAGE_FILES[file.slice(file.lastIndexOf('.'))];
  if (!type) throw new HttpError(404, 'Not found');
  let body: Buffer;
  try {
    // Read on each request: editing the page needs only a reload, not a restart.
    body = await readFile(join(PAGE_DIR, file));
  } catch {
    throw new HttpError(404, 'Not found');
  }
  send(res, 200, type, body);
}

function sheetParam(ctx: RouteContext, url: URL): string {
  const name = url.searchParams.get('sheet');
  return name === null ? ctx.fakes.spreadsheet.sheet().name : existingSheet(ctx, name);
}

function existingSheet(ctx: RouteContext, name: string): string {
  const found = ctx.fakes.spreadsheet
    .sheetNames()
    .find((n) => n.toLowerCase() === name.toLowerCase());
  if (!found) throw new HttpError(404, `There is no sheet named ${name}.`);
  return found;
}
