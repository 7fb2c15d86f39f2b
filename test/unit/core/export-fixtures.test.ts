/**
 * Every catalogued export's fixture (test/fixtures/exports/), read as the CLI reads it and mapped
 * on automatic mapping alone: the share of columns mapped as labelled and of rows judged as
 * labelled. The figures are printed; the test fails when a fixture needs a hand mapping, a column
 * is mapped wrong or a row is judged wrong.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Papa from 'papaparse';
import { parseCommandLine } from '../../../local/cli/args';
import { buildSetup } from '../../../local/cli/setup';
import { review } from '../../../local/sheet';
import { EXPORTS } from '../../../src/core/exports';

const DIR = join(__dirname, '../../fixtures/exports');

interface Expected {
  columns: Record<string, string | null>;
  rows: ('ok' | 'error' | 'skip')[];
}

function judge(id: string) {
  const text = readFileSync(join(DIR, `${id}.csv`), 'utf8');
  const values = Papa.parse<string[]>(text, { skipEmptyLines: true }).data;
  const expected = JSON.parse(readFileSync(join(DIR, `${id}.expected.json`), 'utf8')) as Expected;
  const parsed = parseCommandLine(['validate', `${id}.csv`]);
  const args = 'args' in parsed ? parsed.args : parsed;
  if (!('file' in args)) throw new Error('unexpected arguments');
  const setup = buildSetup(args as never, { values, display: null }, [], false);
  const checked = review(values, setup.settings, [], null);
  if (!checked.ok) throw new Error(`${id}: ${checked.messages.join(' ')}`);
  const wanted = Object.entries(expected.columns).filter(([, f]) => f !== null);
  const mappedRight = wanted.filter(([h, f]) =>
    setup.matches.some((m) => m.header === h && m.field === f),
  ).length;
  const wrong = setup.matches.filter(
    (m) => m.field !== null && expected.columns[m.header] !== m.field,
  );
  const report = checked.review.report;
  const judged = report.rows.map((r) =>
    r.skipped !== undefined ? 'skip' : r.errors.length > 0 ? 'error' : 'ok',
  );
  const rowsRight = judged.filter((j, i) => j === expected.rows[i]).length;
  return {
    id,
    wanted: wanted.length,
    mappedRight,
    wrong,
    rowsRight,
    rows: expected.rows.length,
    judged,
    expected: expected.rows,
    report,
  };
}

const results = EXPORTS.map((e) => judge(e.id));

afterAll(() => {
  const cols = results.reduce((a, r) => a + r.wanted, 0);
  const right = results.reduce((a, r) => a + r.mappedRight, 0);
  const rows = results.reduce((a, r) => a + r.rows, 0);
  const rowsRight = results.reduce((a, r) => a + r.rowsRight, 0);
  console.log(
    `export fixtures: ${results.length} files; columns auto-mapped ${right}/${cols} (${((100 * right) / cols).toFixed(1)} %); rows judged right ${rowsRight}/${rows} (${((100 * rowsRight) / rows).toFixed(1)} %)`,
  );
});

test.each(results.map((r) => [r.id, r]))('%s imports on automatic mapping alone', (_id, r) => {
  expect(r.wrong.map((m) => `${m.header}→${m.field}`)).toEqual([]);
  expect(r.mappedRight).toBe(r.wanted);
  expect(r.judged).toEqual(r.expected);
});

test('a Google export: system labels left out with a note, the mobile chosen over the landline', () => {
  const r = results.find((x) => x.id === 'google') as (typeof results)[number];
  expect(r.report.notes.join(' ')).toMatch(/Google's own labels \('\* myContacts'\) are not tags/);
  const ben = r.report.rows[1];
  expect(ben?.payload?.identifierValue?.value).toBe('+447911123456');
  expect(ben?.payload?.tags).toEqual(['VIP', 'Newsletter']);
  expect(ben?.warnings.map((w) => w.message).join(' ')).toMatch(/taken from value 2 of the cell/);
  expect(r.report.rows[4]?.payload?.tags).toEqual(['Friends']);
});

test('Salesforce footers are skipped with a note, not errors', () => {
  const r = results.find((x) => x.id === 'salesforce') as (typeof results)[number];
  expect(r.report.totals.skipped).toBe(3);
  expect(r.report.notes.join(' ')).toMatch(/3 footer or summary rows skipped/);
});

test('a calling-code column is joined to the number; an email with a space is a warning with the fix', () => {
  const r = results.find((x) => x.id === 'interakt') as (typeof results)[number];
  expect(r.report.rows[4]?.payload?.identifierValue?.value).toBe('+919876543210');
  const ethan = r.report.rows[2];
  expect(ethan?.errors).toEqual([]);
  expect(ethan?.warnings[0]?.suggested).toBe('ethanwalker@example.com');
  expect(ethan?.payload?.fields.email).toBeUndefined();
});

test('a per-row ISO country reads the local number and is sent as countryCode', () => {
  const r = results.find((x) => x.id === 'shopify') as (typeof results)[number];
  const priya = r.report.rows[4];
  expect(priya?.payload?.identifierValue?.value).toBe('+919876543210');
  expect(priya?.payload?.fields.countryCode).toBe('IN');
});
