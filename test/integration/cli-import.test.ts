/**
 * `contact-import import` as a process against the emulator: the results file, the summary,
 * exit codes, re-runs that send only what changed, Ctrl-C and resuming with the same command.
 */
import ExcelJS from 'exceljs';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { contactList, workspaceWith, writeList } from '../support/contact-lists';
import { csvColumn, csvRows, runCli, startCli } from '../support/cli-process';
import { emulator, TOKEN, type Env } from '../support/import-harness';

let env: Env;
let dir: string;
beforeAll(async () => {
  env = await emulator({ rate: 1000 });
  dir = mkdtempSync(join(tmpdir(), 'cli-import-'));
});
afterAll(() => env.server.close());

const post = (path: string, body: unknown) =>
  fetch(`${env.server.origin}${path}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  });

async function reset(existing: number, rate: number | null = 1000) {
  await post('/__admin/reset', workspaceWith(existing));
  await configure({ rate });
}

async function configure(config: { rate: number | null }) {
  await post('/__admin/config', config);
}

const api = () => ['--api-url', env.server.baseUrl];
const markerRun = (marker: string) => marker.split('@')[1];

test('writes the results file, prints the summary, exits 1 when rows have errors', async () => {
  await reset(10);
  const input = join(dir, 'list.csv');
  writeList(input, contactList(20, { errorEvery: 8 }));
  const run = await runCli(['import', input, ...api(), '--tags', 'vip,spring'], { token: TOKEN });

  expect(run.code).toBe(1);
  expect(run.stdout).toContain('Imported 7 · Updated 10 · Skipped 0 · Errors 3');
  expect(run.stdout).toMatch(/API calls: \d+ in \d+\.\d s/);
  expect(run.stdout).toMatch(/row 3: Email: the domain 'nowhere' needs a dot/);
  const out = `${input}.results.csv`;
  expect(run.stdout).toContain(`Results: ${out}`);
  expect(existsSync(`${out}.job.json`)).toBe(false);
  expect(existsSync(`${out}.lock`)).toBe(false);

  const rows = csvRows(out);
  expect(rows[0]).toEqual([
    ...(contactList(1)[0] as string[]),
    'Error',
    'Import Status',
    'Contact ID',
    'Import Fingerprint',
  ]);
  // The person's own cells are exactly as they were.
  expect(rows.map((r) => r.slice(0, 6))).toEqual(contactList(20, { errorEvery: 8 }));
  const contacts = await env.contacts();
  const statuses = csvColumn(rows, 'Import Status');
  csvColumn(rows, 'Contact ID').forEach((id, i) => {
    const phone = (rows[i + 1]?.[2] ?? '').replace(/ /g, '');
    if (statuses[i] === 'Error') expect(id).toBe('');
    else expect(contacts.find((c) => String(c.id) === id)?.phone).toBe(phone);
  });
  const tagged = contacts.filter((c) => c.tags?.includes('spring'));
  expect(tagged).toHaveLength(17);
  for (const c of tagged) expect(c.tags).toContainEqual(expect.stringMatching(/^import \d{4}-/));
  expect(new Set(csvColumn(rows, 'Import Fingerprint').map(markerRun)).size).toBe(1);
}, 120_000);

test('a re-run of the results file after editing 3 rows sends exactly those 3', async () => {
  await reset(10);
  const input = join(dir, 'rerun.csv');
  writeList(input, contactList(20));
  const first = await runCli(['import', input, ...api(), '--no-import-tag'], { token: TOKEN });
  expect(first.code).toBe(0);
  const out = `${input}.results.csv`;
  const rows = csvRows(out);
  for (const i of [2, 7, 15]) (rows[i] as string[])[1] = `Edited ${i}`;
  writeList(out, rows);

  await env.resetStats();
  const again = await runCli(['import', out, ...api(), '--no-import-tag'], { token: TOKEN });
  expect(again.code).toBe(0);
  const stats = await env.stats();
  expect(stats.writes).toBe(3);
  expect(stats.requests).toEqual({
    'GET /space/custom_field': 1,
    'POST /contact/list': 1,
    'PUT /contact/{id}': 3,
  });
  expect(again.stdout).toContain('Not sent (unchanged since their last import): 17');
  // The results file is updated in place, not copied to rerun.csv.results.csv.results.csv.
  expect(existsSync(`${out}.results.csv`)).toBe(false);
  const after = csvRows(out);
  expect(after.map((r) => r[1])).toEqual(rows.map((r) => r[1]));
  const contacts = await env.contacts();
  for (const i of [2, 7, 15]) {
    const phone = (rows[i]?.[2] ?? '').replace(/ /g, '');
    expect(contacts.find((c) => c.phone === phone)?.lastName).toBe(`Edited ${i}`);
  }

  // --only all sends every row again, changed or not; nothing needs writing.
  await env.resetStats();
  const all = await runCli(['import', out, ...api(), '--no-import-tag', '--only', 'all'], {
    token: TOKEN,
  });
  expect(all.stdout).toContain('Imported 0 · Updated 20');
  expect((await env.stats()).writes).toBe(0);
}, 120_000);

/** A loopback port nothing listens on: connections to it are refused at once. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

test('bad token, unreachable host and bad settings: non-zero exit, one plain sentence', async () => {
  const port = await closedPort();
  const input = join(dir, 'fatal.csv');
  writeList(input, contactList(3));
  const cases: [string[], Record<string, string> | undefined, RegExp][] = [
    [
      ['import', input, ...api()],
      { token: 'revoked' },
      /^contact-import: The workspace refused the API token in CONTACT_IMPORT_TOKEN — set a valid token and try again\.\n$/,
    ],
    [
      ['import', input, '--api-url', `http://127.0.0.1:${port}/v2`],
      { token: TOKEN },
      new RegExp(
        `^contact-import: Could not reach the workspace API at http://127\\.0\\.0\\.1:${port}/v2 \\(fetch failed: connect ECONNREFUSED[^\\n]*\\)\\.\\n$`,
      ),
    ],
    [
      ['import', input, ...api(), '--purpose', 'add', '--do-not-overwrite'],
      { token: TOKEN },
      /^contact-import: 'Do not overwrite' only applies when contacts are updated .* — leave out --do-not-overwrite\.\n$/,
    ],
    [
      ['import', input, ...api()],
      undefined,
      /^contact-import: Set CONTACT_IMPORT_TOKEN to your workspace API access token to import\.\n$/,
    ],
  ];
  for (const [args, auth, message] of cases) {
    const run = await runCli(args, auth);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(message);
    expect(run.stderr).not.toMatch(/\n\s+at /);
    expect(run.stderr).not.toContain(TOKEN);
  }
  expect(existsSync(`${input}.results.csv`)).toBe(false);
}, 120_000);

test('Ctrl-C stops gracefully; the same command resumes the same run with the same import tag', async () => {
  // 1 request a second per endpoint: 40 rows take well over 20 s, so the first import is
  // surely still running when the second one starts, however slow the machine. (At 10 a
  // second a busy machine let the first finish before the second took the lock.)
  await reset(20, 1);
  const input = join(dir, 'slow.csv');
  writeList(input, contactList(40));
  const args = ['import', input, ...api(), '--tags', 'q4'];
  const options = { token: TOKEN, env: { CONTACT_IMPORT_PROGRESS_SECONDS: '0.5' } };
  const first = startCli(args, options);
  await first.waitFor(/Progress: [1-9]\d* of 40 rows done/);

  // One import at a time per results file.
  const second = await runCli(args, options);
  expect(second.code).toBe(2);
  expect(second.stderr).toMatch(
    /is already importing into .*slow\.csv\.results\.csv \(process \d+, since .*\) — wait for it/,
  );

  first.child.kill('SIGINT');
  const stopped = await first.done;
  expect(stopped.code).toBe(130);
  expect(stopped.stderr).toMatch(/Progress: \d+ of 40 rows done, \d+ left, about/);
  expect(stopped.stderr).toMatch(/Stopped with Ctrl-C\. Run the same command again to go on\.\n$/);
  const out = `${input}.results.csv`;
  const partial = csvColumn(csvRows(out), 'Import Status').filter((s) => s !== '');
  expect(partial.length).toBeGreaterThan(0);
  expect(partial.length).toBeLessThan(40);
  const { jobId } = JSON.parse(readFileSync(`${out}.job.json`, 'utf8')) as { jobId: string };

  await configure({ rate: 1000 });
  const resumed = await runCli(args, options);
  expect(resumed.code).toBe(0);
  expect(resumed.stderr).toContain(`Resuming run ${jobId}`);
  expect(resumed.stdout).toContain('Imported 20 · Updated 20 · Skipped 0 · Errors 0');
  expect(existsSync(`${out}.job.json`)).toBe(false);
  const rows = csvRows(out);
  expect(new Set(csvColumn(rows, 'Import Fingerprint').map(markerRun))).toEqual(new Set([jobId]));
  const contacts = await env.contacts();
  expect(contacts).toHaveLength(40);
  const importTags = new Set(
    contacts.flatMap((c) => c.tags ?? []).filter((t) => t.startsWith('import ')),
  );
  expect(importTags.size).toBe(1);
  for (const c of contacts) expect(c.tags).toEqual(expect.arrayContaining(['q4', ...importTags]));
}, 120_000);

test('an XLSX list: the results CSV keeps its dates, and importing it again sends nothing', async () => {
  await reset(0);
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('Leads');
  sheet.addRow(['First Name', 'Phone', 'Birthday', 'Preferred Time']);
  sheet.addRow(['Aisha', '+60123456789', new Date(Date.UTC(1990, 4, 17)), '09:30']);
  sheet.addRow(['Budi', '+6281234567890', new Date(Date.UTC(1985, 0, 2)), '18:05']);
  const input = join(dir, 'leads.xlsx');
  await workbook.xlsx.writeFile(input);
  const run = await runCli(['import', input, ...api(), '--no-import-tag'], { token: TOKEN });
  expect(run.code).toBe(0);
  expect(run.stdout).toContain('Imported 2 · Updated 0');
  const out = `${input}.results.csv`;
  const rows = csvRows(out);
  expect(csvColumn(rows, 'Birthday')).toEqual(['1990-05-17', '1985-01-02']);
  const aisha = (await env.contacts()).find((c) => c.phone === '+60123456789');
  expect(aisha?.custom_fields).toContainEqual({ name: 'Birthday', value: '1990-05-17' });

  await env.resetStats();
  const again = await runCli(['import', out, ...api(), '--no-import-tag'], { token: TOKEN });
  expect(again.code).toBe(0);
  expect(again.stdout).toContain('Not sent (unchanged since their last import): 2');
  expect((await env.stats()).requests).toEqual({ 'GET /space/custom_field': 1 });
}, 120_000);
