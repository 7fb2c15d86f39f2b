/**
 * The production bundle with the Apps Script fakes, talking over real HTTP to an emulator
 * in a child process (the bundle blocks its thread on synchronous fetches).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  createGasFakes,
  readManifest,
  type GasFakes,
  type GasFakesOptions,
} from '../../local/gas-fakes';
import { createSyncHttpHandler } from '../../local/gas-fakes/http-sync';
import { DIST, loadGasBundle, readBundle, type GasBundle } from '../../local/gas-runtime';
import type { RpcResult, ServerFunctionName, ServerFunctions } from '../../src/rpc';
import { startEmulatorProcess, type EmulatorProcess } from './emulator-process';

export const TOKEN = 'bundle-test-token-7f3a';
/**
 * The URL the add-on is configured with: the production one. The fake network resolves its
 * origin to the emulator (like a hosts file), so the shipped allowlist is exercised for real.
 */
export const PUBLIC_BASE_URL = 'https://api.respond.io/v2';

/** The hosts mapping that sends the production API's origin to the emulator. */
export function emulatorHosts(emulator: EmulatorProcess): Record<string, string> {
  return { 'https://api.respond.io': emulator.origin };
}
export const OWNER = 'owner@example.com';

export interface Addon {
  fakes: GasFakes;
  bundle: GasBundle;
  emulator: EmulatorProcess;
  /** The API base URL setUp saves (the production URL, served by the emulator). */
  baseUrl: string;
  /** Every RPC answer, as the sidebar would receive it. */
  answers: unknown[];
  call<K extends ServerFunctionName>(
    name: K,
    ...args: Parameters<ServerFunctions[K]>
  ): ReturnType<ServerFunctions[K]>;
  /** The raw RpcResult (for failures). */
  raw<K extends ServerFunctionName>(
    name: K,
    ...args: Parameters<ServerFunctions[K]>
  ): RpcResult<ReturnType<ServerFunctions[K]>>;
  contacts(): Promise<
    {
      id: number;
      phone?: string | null;
      email?: string | null;
      firstName?: string | null;
      lastName?: string | null;
      tags?: string[] | null;
    }[]
  >;
  stats(): Promise<{ requests: Record<string, number>; statuses: Record<string, number> }>;
  stop(): Promise<void>;
}

export async function startAddon(
  sheets: Record<string, unknown[][]>,
  emulatorArgs: string[] = [],
  options: Pick<
    GasFakesOptions,
    | 'account'
    | 'urlFetchDailyLimit'
    | 'urlFetchBurst'
    | 'urlFetchFaults'
    | 'propertiesDailyLimit'
    | 'manifest'
    | 'timeZone'
    | 'locale'
    | 'documentLock'
    | 'clock'
    | 'costModel'
    | 'now'
  > & {
    /** How long the add-on's import slices run (ms): short ones make an import take several. */
    sliceMs?: number;
  } = {},
): Promise<Addon> {
  const { sliceMs, ...fakesOptions } = options;
  const emulator = await startEmulatorProcess(['--token', TOKEN, ...emulatorArgs]);
  const fakes = createGasFakes({
    sheets,
    user: OWNER,
    clock: 'real',
    files: { sidebar: readFileSync(join(DIST, 'sidebar.html'), 'utf8') },
    // The shipped manifest, unchanged: its scopes and allowlist are enforced.
    manifest: readManifest(join(DIST, 'appsscript.json')),
    ...fakesOptions,
  });
  if (sliceMs !== undefined)
    fakes.uncounted(() =>
      fakes.globals.PropertiesService.getScriptProperties().setProperty(
        'contactImport.sliceMs',
        String(sliceMs),
      ),
    );
  fakes.onFetch(createSyncHttpHandler({ timeoutMs: 10_000, hosts: emulatorHosts(emulator) }));
  const bundle = loadGasBundle(readBundle(), fakes);
  const answers: unknown[] = [];
  const raw = (name: string, ...args: unknown[]) => {
    const answer = bundle.run(name, ...args);
    answers.push(answer);
    return answer as RpcResult<never>;
  };
  return {
    fakes,
    bundle,
    emulator,
    baseUrl: PUBLIC_BASE_URL,
    answers,
    raw: raw as Addon['raw'],
    call: ((name: string, ...args: unknown[]) => {
      const answer = raw(name, ...args);
      if (answer === null) {
        // What Google hands the success handler for an answer holding a Date.
        throw new Error(
          `${name}: the sidebar would receive null (the answer cannot cross google.script.run)`,
        );
      }
      if (!answer.ok) throw new Error(`${name}: ${answer.error}`);
      return answer.value;
    }) as Addon['call'],
    contacts: async () =>
      (await (await fetch(`${emulator.origin}/__admin/contacts`)).json()) as never,
    stats: async () => (await (await fetch(`${emulator.origin}/__admin/stats`)).json()) as never,
    stop: () => emulator.stop(),
  };
}

/** Connects, saves settings for the active tab (the automatic mapping plus `changes`). */
export function setUp(
  addon: Addon,
  changes: Partial<Parameters<ServerFunctions['saveSettings']>[0]>,
) {
  addon.call('saveConnection', { baseUrl: addon.baseUrl, token: TOKEN });
  const test = addon.call('testConnection');
  if (!test.ok) throw new Error(test.message);
  const state = addon.call('getWizardState');
  const check = addon.call('saveSettings', { ...state.settings, ...changes });
  if (!check.ok) throw new Error(check.problems.join(' '));
  return check.settings;
}

/** Runs an import to its end as the sidebar does, counting SpreadsheetApp calls per slice. */
export function importAll(
  addon: Addon,
  mode: 'pending' | 'errors' | 'selected' = 'pending',
  between?: (slice: number) => void,
) {
  let progress = addon.call('startImport', mode);
  const callsPerSlice: number[] = [];
  let slice = 0;
  while (progress.more) {
    if (slice > 500) throw new Error(`The import did not end: ${JSON.stringify(progress)}`);
    addon.fakes.calls.reset();
    progress = addon.call('continueImport', progress.jobId);
    callsPerSlice.push(addon.fakes.calls.total('SpreadsheetApp'));
    between?.(++slice);
  }
  return { progress, callsPerSlice };
}

/** A column of the sheet by header (data rows only). */
export function column(addon: Addon, header: string, sheet = 'Contacts'): unknown[] {
  const values = addon.fakes.spreadsheet.sheetState(sheet).values;
  const at = (values[0] ?? []).indexOf(header);
  return values.slice(1).map((row) => row[at]);
}

/**
 * An add-on started for one test (with startAddon's options, when given before `use`) and
 * stopped however the test ends.
 */
export async function withAddon<T>(
  sheets: Record<string, unknown[][]>,
  emulatorArgs: string[],
  ...rest:
    | [use: (addon: Addon) => Promise<T> | T]
    | [options: Parameters<typeof startAddon>[2], use: (addon: Addon) => Promise<T> | T]
): Promise<T> {
  const [options, use] = rest.length === 1 ? [{}, rest[0]] : rest;
  const addon = await startAddon(sheets, emulatorArgs, options);
  try {
    return await use(addon);
  } finally {
    await addon.stop();
  }
}
