/**
 * `contact-import validate` as a process against the emulator: what it prints (mapping with
 * confidence, totals, each error with its row, column and fix) and its exit codes.
 */
import ExcelJS from 'exceljs';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { emulator, TOKEN, type Env } from '../support/import-harness';
import { spawnSync } from 'node:child_process';
import { BIN, runCli } from '../support/cli-process';
import { writeList } from '../support/contact-lists';

let env: Env;
let dir: string;
beforeAll(async () => {
  env = await emulator({ rate: 1000 });
  dir = mkdtempSync(join(tmpdir(), 'cli-validate-'));
});
afterAll(() => env.server.close());

const LIST = [
  ['Given name', 'Surname', 'Mobile Number', 'E-mail', 'Plan', 'Notes'],
  ['Aisha', 'Rahman', '+60 12-345 6789', 'aisha@example.com', 'Pro', 'met at expo'],
  ['Budi', 'Santoso', '+62 812 3456 7890', 'budi@example', 'Free', ''],
  ['', 'Nobody', '012-999 0000', 'x@example.com', 'Gold', ''],
  ['Chen', 'Wei', '+60 19-999 9993', 'chen@example.com', 'Enterprise', ''],
];

function file(name: string, rows: unknown[][] = LIST): string {
  const path = join(dir, name);
  writeList(path, rows);
  return path;
}

test('without a token: standard fields only, said so; errors listed by row and column; exit 1', async () => {
  const run = await runCli(['validate', file('no-token.csv')]);
  expect(run.code).toBe(1);
  expect(run.stderr).toMatch(/CONTACT_IMPORT_TOKEN is not set.*only standard fields are checked/);
  // The mapping it chose, with how sure it was.
  expect(run.stdout).toMatch(/Given name\s+→ First Name\s+\(synonym match, 95% sure\)/);
  expect(run.stdout).toMatch(/Mobile Number\s+→ Phone\s+\(synonym match, 95% sure\)/);
  expect(run.stdout).toMatch(/Plan\s+→ \(not imported\)/);
  expect(run.stdout).toContain('4 rows checked: 2 ready, 2 with errors');
  expect(run.stdout).toMatch(/row 3, column D 'E-mail': the domain 'example' needs a dot/);
  expect(run.stdout).toMatch(
    /row 4, column A 'Given name': missing — new contacts need a first name/,
  );
  expect(run.stdout).toMatch(/row 4, column C 'Mobile Number': no country code/);
  expect(run.stdout).not.toMatch(/Gold/);
});

test('with a token: custom fields are read and checked; a default country fixes national numbers', async () => {
  const run = await runCli(
    ['validate', file('token.csv'), '--api-url', env.server.baseUrl, '--default-country', 'MY'],
    { token: TOKEN },
  );
  expect(run.code).toBe(1);
  expect(run.stderr).not.toMatch(/not set/);
  expect(run.stdout).toMatch(/Plan\s+→ Plan\s+\(exact match, 100% sure\)/);
  expect(run.stdout).toMatch(
    /row 4, column E 'Plan': 'Gold' is not one of the options \('Free', 'Pro', 'Enterprise'\)/,
  );
  expect(run.stdout).not.toMatch(/no country code — add/);
  expect(run.stdout).toMatch(
    /Rows with warnings:\n {2}row 4, column C 'Mobile Number'.*\+60129990000/,
  );
  expect(run.stdout).toMatch(/An import would send 2 rows: about \d+ API calls/);
});

test('a clean file exits 0; --map overrides one column and --show-errors limits the list', async () => {
  const clean = file('clean.csv', [LIST[0] as string[], LIST[1] as string[], LIST[4] as string[]]);
  const run = await runCli(
    ['validate', clean, '--api-url', env.server.baseUrl, '--map', 'Notes=Company'],
    { token: TOKEN },
  );
  expect(run.stderr).toBe('');
  expect(run.code).toBe(0);
  expect(run.stdout).toMatch(/Notes\s+→ Company\s+\(given with --map\)/);
  expect(run.stdout).toContain('2 rows checked: 2 ready, 0 with errors.');

  const limited = await runCli(['validate', file('limited.csv'), '--show-errors', '1']);
  expect(limited.stdout).toMatch(/Rows with errors \(first 1 of 2\):\n {2}row 3,/);
  expect(limited.stdout).not.toMatch(/row 4, column A/);
});

test('a mapped custom field of a type the importer does not know is noted; an unmapped one is not', async () => {
  // The workspace's field list holds "Interests", dataType "multi_select" (--unknown-field-type).
  const odd = await emulator({ rate: 1000, flags: { unknownFieldType: true } });
  try {
    const rows = [
      ['First Name', 'Mobile', 'Interests'],
      ['Aisha', '+60 12-345 6789', 'cooking, travel'],
    ];
    const note =
      'Custom field "Interests" (column "Interests") has a type this importer does not know ("multi_select"); its values are sent as text, unchecked.';
    const mapped = await runCli(
      ['validate', file('unknown-type.csv', rows), '--api-url', odd.server.baseUrl],
      { token: TOKEN },
    );
    expect(mapped.code).toBe(0);
    expect(mapped.stdout).toMatch(/Interests\s+→ Interests\s+\(exact match/);
    expect(mapped.stdout).toContain(note);

    const skipped = await runCli(
      [
        'validate',
        file('unknown-type-skipped.csv', rows),
        '--api-url',
        odd.server.baseUrl,
        '--map',
        'Interests=skip',
      ],
      { token: TOKEN },
    );
    expect(skipped.code).toBe(0);
    expect(skipped.stdout).toMatch(/Interests\s+→ \(not imported\)/);
    expect(skipped.stdout + skipped.stderr).not.toMatch(/does not know/);
  } finally {
    await odd.server.close();
  }
});

test('XLSX and ;-separated CSV are read like any sheet', async () => {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('Leads');
  sheet.addRow(['First Name', 'Phone', 'Birthday']);
  sheet.addRow(['Aisha', '+60123456789', new Date(Date.UTC(1990, 4, 17))]);
  sheet.addRow(['Budi', '+6281234567890', 'not a date']);
  const xlsx = join(dir, 'leads.xlsx');
  await workbook.xlsx.writeFile(xlsx);
  const run = await runCli(['validate', xlsx, '--api-url', env.server.baseUrl], { token: TOKEN });
  expect(run.code).toBe(1);
  expect(run.stdout).toContain('Columns of Leads');
  expect(run.stdout).toMatch(/row 3, column C 'Birthday': .*not a date — write it as yyyy-mm-dd/);
  expect(run.stdout).not.toMatch(/row 2,/);

  const semicolons = join(dir, 'semi.csv');
  writeFileSync(semicolons, 'First Name;Phone\nAisha;+60123456789\n');
  const semi = await runCli(['validate', semicolons]);
  expect(semi.code).toBe(0);
  expect(semi.stdout).toContain('1 row checked: 1 ready, 0 with errors.');
});

test('a refused token, a bad option and a missing file: exit 2 with one plain sentence', async () => {
  const refused = await runCli(['validate', file('refused.csv'), '--api-url', env.server.baseUrl], {
    token: 'wrong-token',
  });
  expect(refused.code).toBe(2);
  expect(refused.stderr.trim()).toBe(
    'contact-import: The workspace refused the API token in CONTACT_IMPORT_TOKEN — set a valid token and try again.',
  );
  expect(refused.stdout).toBe('');

  const badOption = await runCli(['validate', 'x.csv', '--purpose', 'merge']);
  expect(badOption.code).toBe(2);
  expect(badOption.stderr.trim()).toBe(
    "contact-import: --purpose must be one of add, update, add-update, add-all (not 'merge'). Run contact-import --help for the options.",
  );

  const missing = await runCli(['validate', join(dir, 'nowhere.csv')]);
  expect(missing.code).toBe(2);
  expect(missing.stderr).toMatch(/^contact-import: There is no file .*nowhere\.csv\.\n$/);
  for (const run of [refused, badOption, missing]) expect(run.stderr).not.toMatch(/\n\s+at /);

  const help = await runCli(['--help']);
  expect(help.code).toBe(0);
  expect(help.stdout).toMatch(/^Usage: contact-import <validate\|import>/);
});

test('--version prints the version in package.json', async () => {
  const pkg = JSON.parse(readFileSync(join(__dirname, '..', '..', 'package.json'), 'utf8')) as {
    version: string;
  };
  for (const flag of ['--version', '-v']) {
    const run = await runCli([flag]);
    expect(run.code).toBe(0);
    expect(run.stdout).toBe(`${pkg.version}\n`);
    expect(run.stderr).toBe('');
  }
});

test('a checkout that was never built: the command says to run npm run build', () => {
  // The same bin file in a package folder without dist/.
  const root = mkdtempSync(join(tmpdir(), 'cli-unbuilt-'));
  mkdirSync(join(root, 'bin'));
  copyFileSync(BIN, join(root, 'bin', 'contact-import.js'));
  const run = spawnSync(process.execPath, [join(root, 'bin', 'contact-import.js'), '--help'], {
    encoding: 'utf8',
  });
  expect(run.status).toBe(2);
  expect(run.stdout).toBe('');
  expect(run.stderr).toBe(
    `contact-import: ${join(root, 'dist', 'cli.js')} is missing. Run \`npm run build\` in ${root} first.\n`,
  );
});
