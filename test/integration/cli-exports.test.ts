/**
 * `contact-import validate` as a process on real export shapes (test/fixtures/exports/): each is
 * mapped on automatic mapping alone, says which export it looks like, and judges the rows as the
 * hand-written labels (`<id>.expected.json`) say. No token: only standard fields, no network.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { runCli } from '../support/cli-process';

const DIR = join(__dirname, '../fixtures/exports');
const SPAWN_TIMEOUT = 120_000;

function expected(id: string): { rows: string[] } {
  return JSON.parse(readFileSync(join(DIR, `${id}.expected.json`), 'utf8')) as { rows: string[] };
}

/** "5 rows checked: 4 ready, 1 with errors" from the labels: footers are not rows. */
function totalsLine(id: string): string {
  const rows = expected(id).rows.filter((r) => r !== 'skip');
  const ready = rows.filter((r) => r === 'ok').length;
  return `${rows.length} rows checked: ${ready} ready, ${rows.length - ready} with errors`;
}

test(
  'a Google Contacts CSV: recognised, phones and emails best of their slots, labels dropped with a note',
  async () => {
    const run = await runCli(['validate', join(DIR, 'google.csv')]);
    expect(run.stdout).toContain('Looks like a Google Contacts export');
    expect(run.stdout).toMatch(/Phone 1 - Value\s+→ Phone/);
    expect(run.stdout).toMatch(/E-mail 1 - Value\s+→ Email/);
    expect(run.stdout).toContain(
      "Phone: best of 'Phone 1 - Value', 'Phone 2 - Value', 'Phone 3 - Value', 'Phone 4 - Value'",
    );
    expect(run.stdout).toContain(totalsLine('google'));
    expect(run.stdout).toMatch(/Google's own labels \('\* myContacts'\) are not tags/);
    expect(run.stdout).toMatch(/row 3, column S 'Phone 1 - Value': taken from value 2 of the cell/);
    expect(run.code).toBe(1); // Dewi's 12345 is no number
  },
  SPAWN_TIMEOUT,
);

test(
  'a Salesforce report as XLSX: footers skipped with a note, the mobile chosen over the office phone',
  async () => {
    const run = await runCli(['validate', join(DIR, 'salesforce.xlsx')]);
    expect(run.stdout).toContain('Looks like a Salesforce report export');
    expect(run.stdout).toContain("Phone: best of 'Phone', 'Mobile'");
    expect(run.stdout).toContain('3 footer or summary rows skipped (row 7, row 8, row 9).');
    expect(run.stdout).toContain(totalsLine('salesforce'));
    expect(run.stdout).not.toMatch(/^\s+row [789], column/m);
    expect(run.stdout).toMatch(/row 2, column G 'Mobile': taken from the column 'Mobile'/);
  },
  SPAWN_TIMEOUT,
);

test(
  "a Wati export: its Country Code column holds calling codes and is joined to the row's number",
  async () => {
    const run = await runCli(['validate', join(DIR, 'wati.csv')]);
    expect(run.stdout).toMatch(/Country Code\s+→ Calling code \(joined to Phone\)/);
    expect(run.stdout).toContain(totalsLine('wati'));
    expect(run.stdout).toMatch(/row 5, column B 'Phone': too short for Indonesia \(\+62\)/);
  },
  SPAWN_TIMEOUT,
);

test(
  'a German Outlook XLSX: localised headers mapped; --skip-bad-optional-cells is accepted',
  async () => {
    const run = await runCli([
      'validate',
      join(DIR, 'outlook-de.xlsx'),
      '--skip-bad-optional-cells',
    ]);
    expect(run.stderr).not.toMatch(/Unknown option/);
    expect(run.stdout).toContain('Looks like an Outlook (Deutsch) export');
    expect(run.stdout).toMatch(/Vorname\s+→ First Name/);
    expect(run.stdout).toMatch(/Mobiltelefon\s+→ Phone/);
    expect(run.stdout).toContain(totalsLine('outlook-de'));
  },
  SPAWN_TIMEOUT,
);
