/**
 * Import of 10,000 rows through the CLI against the emulator at `--rate 50` (requests a second
 * per endpoint), half of them contacts the workspace already has (missing the last name and
 * plan the sheet fills in), purpose add-update, Do Not Overwrite on. Run twice: without tags
 * (`--no-import-tag`), and with two run tags. Records `import_10k_untagged` and
 * `import_10k_tagged`: API calls, calls per row, seconds, the ideal seconds (the busiest
 * endpoint's calls ÷ the rate, since endpoints are limited separately) and 429 answers.
 *
 *   node --import tsx bench/import.ts
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Papa from 'papaparse';
import { DEMO_FIELDS } from '../emulator/seed';
import type { EmulatorStats } from '../emulator/server';
import type { WorkspaceData } from '../emulator/workspace';
import { main } from '../local/cli';
import { processIo } from '../local/cli/output';
import { startEmulatorProcess, type EmulatorProcess } from '../test/support/emulator-process';
import { recordResult } from './results';

const ROWS = 10_000;
const RATE = 50;
const TOKEN = 'bench-token';

const phoneOf = (i: number) => `+4420${String(70_000_000 + i)}`;
const emailOf = (i: number) => `person${i}@example.com`;

/** Rows 0, 2, 4… are in the workspace already, without a last name or a plan. */
function workspace(): WorkspaceData {
  const contacts = [];
  for (let i = 0; i < ROWS; i += 2) {
    contacts.push({
      id: 100_000 + i,
      firstName: `Person${i}`,
      lastName: null,
      phone: phoneOf(i),
      email: emailOf(i),
      tags: [],
      created_at: 1_600_000_000,
    });
  }
  return { customFields: DEMO_FIELDS.map((f) => ({ ...f })), contacts };
}

function contactList(path: string): void {
  const rows: string[][] = [['First Name', 'Last Name', 'Phone', 'Email', 'Plan']];
  for (let i = 0; i < ROWS; i++) {
    rows.push([`Person${i}`, `Last${i}`, phoneOf(i), emailOf(i), i % 3 === 0 ? 'Pro' : 'Free']);
  }
  writeFileSync(path, Papa.unparse(rows, { newline: '\n' }) + '\n');
}

async function admin(emulator: EmulatorProcess, path: string, body?: unknown): Promise<unknown> {
  const response = await fetch(`${emulator.origin}${path}`, {
    method: body === undefined ? 'GET' : 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return response.json();
}

async function measure(
  emulator: EmulatorProcess,
  dir: string,
  key: string,
  tagArgs: string[],
): Promise<void> {
  await admin(emulator, '/__admin/reset', workspace());
  const file = join(dir, `${key}.csv`);
  contactList(file);
  rmSync(`${file}.results.csv`, { force: true });
  const io = { ...processIo(), env: { ...process.env, CONTACT_IMPORT_TOKEN: TOKEN } };
  const args = ['import', file, '--api-url', emulator.baseUrl, '--do-not-overwrite', ...tagArgs];
  const started = performance.now();
  const code = await main(args, io);
  const seconds = (performance.now() - started) / 1000;
  if (code !== 0) throw new Error(`${key}: the import ended with exit code ${code}`);

  const stats = (await admin(emulator, '/__admin/stats')) as EmulatorStats;
  const calls = Object.values(stats.requests).reduce((a, b) => a + b, 0);
  const busiest = Object.entries(stats.requests).sort((a, b) => b[1] - a[1])[0] ?? ['', 0];
  console.log(`${key}: requests by endpoint ${JSON.stringify(stats.requests)}`);
  recordResult(key, {
    api_calls: calls,
    calls_per_row: Math.round((calls / ROWS) * 1000) / 1000,
    seconds: Math.round(seconds * 10) / 10,
    ideal_seconds: Math.round((busiest[1] / RATE) * 10) / 10,
    busiest_endpoint: busiest[0],
    responses_429: stats.statuses['429'] ?? 0,
  });
}

async function run(): Promise<void> {
  const emulator = await startEmulatorProcess([
    '--rate',
    String(RATE),
    '--seed',
    'empty',
    '--token',
    TOKEN,
  ]);
  const dir = mkdtempSync(join(tmpdir(), 'bench-import-'));
  try {
    await measure(emulator, dir, 'import_10k_untagged', ['--no-import-tag']);
    await measure(emulator, dir, 'import_10k_tagged', ['--no-import-tag', '--tags', 'bench,q4']);
  } finally {
    await emulator.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

run().catch((e: unknown) => {
  console.error(e instanceof Error ? e.message : String(e));
  process.exitCode = 1;
});
