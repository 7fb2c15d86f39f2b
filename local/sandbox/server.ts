/**
 * The local sandbox: the whole product on one machine, no Google account. The production
 * bundle (dist/Code.js) runs against the Apps Script fakes (menus and triggers on this
 * thread, each sidebar call in its own worker: concurrent-calls.ts); its UrlFetchApp
 * makes real, synchronous HTTP calls to the contact-API emulator, which runs in a child
 * process because this thread blocks while it waits. One page shows a spreadsheet-like grid
 * of the fakes' sheet next to the real sidebar.
 *
 *   const sandbox = await startSandbox({ port: 0 });
 *   // sandbox.url, sandbox.fakes (the sheet, calls, UI), sandbox.bundle, …
 *   await sandbox.stop();
 */
import { existsSync, readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { createGasFakes, readManifest, type GasFakes } from '../gas-fakes';
import { createSyncHttpHandler } from '../gas-fakes/http-sync';
import { DIST, loadGasBundle, readBundle, type GasBundle } from '../gas-runtime';
import { ChangeFeed } from './change-feed';
import { ConcurrentCalls } from './concurrent-calls';
import { SheetsEditor, messageOf } from './editor';
import { startEmulatorProcess, type EmulatorProcess } from './emulator-process';
import { route, type ConnectionNote, type RouteContext } from './routes';
import { saveSpreadsheet } from './sheet-export';
import { loadSourceSheet, type SourceOptions } from './source-sheet';

export const DEFAULT_PORT = 8080;
/** The production API's origin, which the sandbox resolves to its emulator. */
export const PUBLIC_API_ORIGIN = 'https://api.respond.io';

/** The token the sandbox's emulator accepts (a demo token, shown on the page). */
export const EMULATOR_TOKEN = 'demo-token';
export const SANDBOX_USER = 'you@example.com';
/** The add-on's name as the Extensions menu shows it. */
const ADDON_NAME = 'Contact import';
/**
 * The script property the add-on reads its import slice length from (src/gas/storage.ts).
 * The sidebar's progress polls are answered during a slice (concurrent-calls.ts), but menus,
 * edits and onEdit wait for it to end: short slices keep those quick.
 */
const SLICE_MS_PROPERTY = 'contactImport.sliceMs';
export const DEFAULT_SLICE_MS = 2000;

export interface SandboxOptions extends SourceOptions {
  /** Port on 127.0.0.1 (default 8080; 0 picks a free one). */
  port?: number;
  /** A contact API to use instead of starting the emulator. */
  apiUrl?: string;
  /** The token for `apiUrl` (main.ts reads CONTACT_IMPORT_TOKEN); saved for the sandbox user. */
  token?: string;
  /** Extra emulator flags, e.g. ['--rate', '5'] (see emulator/README.md). */
  emulatorArgs?: string[];
  /** Where POST /api/save and stop() write the sheet (.csv: the contact tab; .xlsx: every tab). */
  saveFile?: string;
  /** Open the sidebar at start, as if the person chose the menu item (default true). */
  openSidebar?: boolean;
  user?: string;
  /** Spreadsheet time zone (default: this machine's). */
  timeZone?: string;
  /** Folder with Code.js and sidebar.html (default dist/). */
  dist?: string;
  log?: (line: string) => void;
  /** Log every execution with its duration. */
  verbose?: boolean;
  /** Length of one import slice (default 2 s; Apps Script's is about 4.5 minutes). */
  sliceMs?: number;
}

export interface Sandbox {
  /** http://127.0.0.1:<port>/ */
  url: string;
  fakes: GasFakes;
  bundle: GasBundle;
  editor: SheetsEditor;
  /** The contact API the add-on is pointed at. */
  apiUrl: string;
  /** The emulator's origin (admin endpoints), or null with an external API. */
  emulatorOrigin: string | null;
  /** The contact sheet's tab name. */
  sheetName: string;
  /** Saves (when a save file was given), stops serving and stops the emulator. */
  stop(): Promise<void>;
}

export async function startSandbox(options: SandboxOptions = {}): Promise<Sandbox> {
  const log = options.log ?? ((line: string) => console.log(line));
  const dist = options.dist ?? DIST;
  const code = readBuilt(dist, 'Code.js', () => readBundle(dist));
  const sidebarHtml = readBuilt(dist, 'sidebar.html', () =>
    readFileSync(join(dist, 'sidebar.html'), 'utf8'),
  );

  // The emulator starts while the sheet and the bundle load.
  const emulatorStarting =
    options.apiUrl === undefined
      ? startEmulatorProcess(['--token', EMULATOR_TOKEN, ...(options.emulatorArgs ?? [])])
      : null;
  let emulator: EmulatorProcess | null = null;
  let server: Server | null = null;
  let calls: ConcurrentCalls | null = null;
  try {
    const fakes = createGasFakes({
      sheets: {},
      files: { sidebar: sidebarHtml },
      user: options.user ?? SANDBOX_USER,
      timeZone: options.timeZone ?? Intl.DateTimeFormat().resolvedOptions().timeZone,
      // Real time: Utilities.sleep waits, and the review's "stale after an hour" is an hour.
      clock: 'real',
      addonName: ADDON_NAME,
      // The shipped manifest, unchanged: its scopes and allowlist are enforced.
      manifest: readManifest(join(DIST, 'appsscript.json')),
    });
    fakes.uncounted(() =>
      fakes.globals.PropertiesService.getScriptProperties().setProperty(
        SLICE_MS_PROPERTY,
        String(options.sliceMs ?? DEFAULT_SLICE_MS),
      ),
    );
    const sheetName = await loadSourceSheet(fakes, options);
    const bundle = loadGasBundle(code, fakes);
    const feed = new ChangeFeed(fakes);
    // Sidebar calls run as Apps Script runs them: each its own execution, beside the others.
    calls = new ConcurrentCalls(fakes, join(dist, 'Code.js'));
    const editor = new SheetsEditor(fakes, bundle, feed, { log, verbose: options.verbose }, calls);

    emulator = emulatorStarting ? await emulatorStarting : null;
    // Like a hosts file: the add-on is configured with the production URL, which the shipped
    // manifest allows, and the fake network sends it to the local emulator.
    fakes.onFetch(
      createSyncHttpHandler(emulator ? { hosts: { [PUBLIC_API_ORIGIN]: emulator.origin } } : {}),
    );
    const apiUrl = emulator ? `${PUBLIC_API_ORIGIN}/v2` : (options.apiUrl as string);
    const token = emulator ? EMULATOR_TOKEN : (options.token ?? null);
    await editor.openSpreadsheet();
    const saved = token ? await saveConnection(editor, apiUrl, token, log) : false;
    if (options.openSidebar ?? true) await editor.runMenuItem('showSidebar');

    const connection: ConnectionNote = {
      apiUrl,
      source: emulator ? 'emulator' : 'external',
      emulatorToken: emulator ? EMULATOR_TOKEN : null,
      servedBy: emulator?.origin ?? null,
      savedTokenLast4: saved && token ? token.slice(-4) : null,
    };
    const saveFile = options.saveFile ?? null;
    const save = async (): Promise<string> => {
      if (saveFile === null) throw new Error('Start the sandbox with --save <file> to save.');
      await saveSpreadsheet(fakes, saveFile, sheetName);
      return saveFile;
    };
    const ctx: RouteContext = {
      fakes,
      editor,
      feed,
      connection,
      selections: new Map(),
      saveFile,
      save,
    };
    server = await listen(ctx, options.port ?? DEFAULT_PORT);
    const { port } = server.address() as AddressInfo;

    let stopping: Promise<void> | null = null;
    const running = { server, emulator, calls };
    const stop = (): Promise<void> =>
      (stopping ??= (async () => {
        if (saveFile !== null)
          await save().catch((e: unknown) => log(`Not saved: ${messageOf(e)}`));
        feed.close();
        await closeServer(running.server);
        // The calls under way stop before the emulator they may be waiting on.
        await running.calls.close();
        await running.emulator?.stop();
      })());
    return {
      url: `http://127.0.0.1:${port}/`,
      fakes,
      bundle,
      editor,
      apiUrl,
      emulatorOrigin: emulator?.origin ?? null,
      sheetName,
      stop,
    };
  } catch (e) {
    // Whatever started must not outlive a failed start.
    if (server) await closeServer(server);
    await calls?.close();
    await (emulator ?? (await emulatorStarting?.catch(() => null)))?.stop();
    throw e;
  }
}

function readBuilt<T>(dist: string, file: string, read: () => T): T {
  if (!existsSync(join(dist, file))) {
    throw new Error(`${join(dist, file)} is missing: run \`npm run build\` first.`);
  }
  return read();
}

/**
 * Saves the connection for the sandbox user through the add-on's own saveConnection, so
 * Connect shows it saved and Test connection works at once. Until the server side has
 * saveConnection, the person pastes the token (the page says which).
 */
async function saveConnection(
  editor: SheetsEditor,
  baseUrl: string,
  token: string,
  log: (line: string) => void,
): Promise<boolean> {
  if (!editor.has('saveConnection')) {
    log('[sandbox] Code.js has no saveConnection yet: paste the token in Connect.');
    return false;
  }
  try {
    const answer = (await editor.callFromSidebar('saveConnection', [{ baseUrl, token }])) as {
      ok?: boolean;
      error?: string;
    } | null;
    if (answer?.ok) return true;
    log(`[sandbox] The token was not saved: ${answer?.error ?? 'no answer'}`);
  } catch (e) {
    log(`[sandbox] The token was not saved: ${messageOf(e)}`);
  }
  return false;
}

function listen(ctx: RouteContext, port: number): Promise<Server> {
  const server = createServer((req, res) => void route(ctx, req, res));
  return new Promise((resolve, reject) => {
    server.once('error', (e: NodeJS.ErrnoException) => {
      reject(
        e.code === 'EADDRINUSE'
          ? new Error(
              `Port ${port} is in use: choose another with --port <n> (0 picks a free one).`,
            )
          : e,
      );
    });
    server.listen(port, '127.0.0.1', () => resolve(server));
  });
}

function closeServer(server: Server): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve());
    // Keep-alive connections and the page's event stream would otherwise hold close() open.
    server.closeAllConnections();
  });
}
