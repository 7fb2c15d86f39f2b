/**
 * Runs the Node import engine against an emulator over real HTTP, for integration tests.
 */
import { startEmulator, type EmulatorOptions } from '../../emulator/server';
import { parseSettings, type Settings, type SettingsInput } from '../../src/core/settings';
import type { Contact } from '../../src/api';
import { fetchCustomFields, sendHttp, type Connection } from '../../local/http';
import { importSheet, type ImportOptions } from '../../local/importer';
import type { Sheet } from '../../local/sheet';

export const TOKEN = 'test-token';

export async function emulator(options: EmulatorOptions = {}) {
  const server = await startEmulator({ tokens: [TOKEN], seed: 'empty', ...options });
  const connection: Connection = {
    baseUrl: server.baseUrl,
    // The emulator shares this process with the test: on a busy machine an answer can wait
    // for the test's own work, so 5 s failed tests for being slow, not wrong.
    send: (request) => sendHttp(request, { token: TOKEN, timeoutMs: 60_000 }),
  };
  const customFields = await fetchCustomFields(connection);
  return {
    server,
    connection,
    customFields,
    async contacts(): Promise<Contact[]> {
      const response = await fetch(`${server.origin}/__admin/contacts`);
      const body = (await response.json()) as Contact[] | { items: Contact[] };
      return Array.isArray(body) ? body : body.items;
    },
    async stats(): Promise<{
      requests: Record<string, number>;
      statuses: Record<string, number>;
      rateLimited: number;
      /** Writes applied: creates, updates, tag changes. */
      writes: number;
    }> {
      const response = await fetch(`${server.origin}/__admin/stats`);
      return (await response.json()) as never;
    },
    async resetStats(): Promise<void> {
      await fetch(`${server.origin}/__admin/stats/reset`, { method: 'POST' });
    },
  };
}

export function settings(input: SettingsInput): Settings {
  const parsed = parseSettings(input);
  if (!parsed.ok) throw new Error(parsed.messages.join(' '));
  return parsed.value;
}

export type Env = Awaited<ReturnType<typeof emulator>>;

export function run(env: Env, sheet: Sheet, s: Settings, extra: Partial<ImportOptions> = {}) {
  return importSheet(sheet, {
    connection: env.connection,
    settings: s,
    customFields: env.customFields,
    mode: 'pending',
    importTag: null,
    ...extra,
  });
}

/** Column values of the sheet by header. */
export function column(sheet: Sheet, header: string): unknown[] {
  const at = (sheet[0] ?? []).indexOf(header);
  return sheet.slice(1).map((row) => row[at]);
}
