/**
 * Review of a 200,000-row × 10-column sheet: phones from 20+ countries written every way people
 * write them (with and without +, spaces, dashes, parentheses, number cells), emails, dates as
 * text and as Date cells, a list and a checkbox custom field, 1% duplicate phones and 5% bad rows.
 * Prints rows per second and peak memory; records them under `validate_200k`.
 *
 *   node --import tsx bench/validate.ts
 */
import { getCountryCallingCode, type CountryCode } from 'libphonenumber-js/max';
import examples from 'libphonenumber-js/examples.mobile.json';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { buildCatalogue } from '../src/core/fields';
import { autoMap, mappingFromMatches } from '../src/core/mapping';
import { parseSettings } from '../src/core/settings';
import { readTable } from '../src/core/table';
import { validateTable } from '../src/core/validate';
import { peakRssMb, recordResult } from './results';

const ROWS = 200_000;
const COUNTRIES = 'MY SG ID PH TH VN IN GB US DE FR ES BR MX AU JP KR NG ZA AE SA TR IT NL'.split(
  ' ',
) as CountryCode[];
const TIERS = ['Bronze', 'Silver', 'Gold', 'Platinum'];
const FIRST = ['Aisha', 'Wei', 'Priya', 'José', 'Müller', 'Nguyễn', 'محمد', 'Olu', 'Kenji', 'Anna'];
const LAST = ['Rahman', 'Tan', 'Sharma', 'García', 'Schmidt', 'Văn', 'علي', 'Adeyemi', 'Sato', ''];

/** Deterministic pseudo-random numbers, so every run reviews the same sheet. */
let seed = 42;
function random(): number {
  seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
  return seed / 0x1_0000_0000;
}
const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;

/** A national number of `country`, unique for `n` (< 10,000). */
function nationalNumber(country: CountryCode, n: number): string {
  const example = (examples as Record<string, string>)[country] as string;
  return example.slice(0, -4) + String(n).padStart(4, '0');
}

/** A valid phone written in one of the ways a sheet really holds them. */
function phoneCell(i: number): string | number {
  const country = COUNTRIES[i % COUNTRIES.length] as CountryCode;
  const code = getCountryCallingCode(country);
  const national = nationalNumber(country, Math.floor(i / COUNTRIES.length));
  switch (i % 6) {
    case 0:
      return `+${code}${national}`;
    case 1:
      return `+${code} ${national.slice(0, 3)} ${national.slice(3)}`;
    case 2:
      return `+${code} (${national.slice(0, 2)}) ${national.slice(2, 5)}-${national.slice(5)}`;
    case 3:
      return Number(`${code}${national}`); // the sheet swallowed the +
    case 4:
      return `00${code}-${national}`;
    default: {
      // Written nationally: valid only with the default country, so these are Malaysian (019…).
      const digits = String(Math.floor(i / 6)).padStart(7, '0');
      return `019-${digits.slice(0, 3)} ${digits.slice(3)}`;
    }
  }
}

function dateCell(i: number): string | Date {
  const year = 1960 + (i % 45);
  const month = 1 + (i % 12);
  const day = 1 + (i % 28);
  if (i % 2 === 0) return new Date(Date.UTC(year, month - 1, day) - 8 * 3600 * 1000);
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

function display(value: unknown): string {
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  return String(value);
}

function generate(): { values: unknown[][]; display: string[][] } {
  const header = [
    'First Name',
    'Last Name',
    'Mobile',
    'Email',
    'Country',
    'Tier',
    'Subscribed',
    'Birthday',
    'Tags',
    'Company',
  ];
  const values: unknown[][] = [header];
  for (let i = 0; i < ROWS; i++) {
    const first = pick(FIRST);
    values.push([
      first,
      pick(LAST),
      phoneCell(i),
      `${first.toLowerCase()}.${i}@example${i % 50}.com`,
      COUNTRIES[i % COUNTRIES.length],
      pick(TIERS).toLowerCase(),
      pick([true, false, 'yes', 'no', 'TRUE', 1]),
      dateCell(i),
      i % 3 === 0 ? 'vip, newsletter | vip' : 'customer',
      `Company ${i % 997}`,
    ]);
  }
  // 1% duplicates: copy the phone of an earlier row.
  for (let k = 0; k < ROWS / 100; k++) {
    const target = 1 + Math.floor(random() * ROWS);
    const source = 1 + Math.floor(random() * ROWS);
    (values[target] as unknown[])[2] = (values[source] as unknown[])[2];
  }
  // 5% bad rows, one problem each.
  const bad: ((row: unknown[]) => void)[] = [
    (row) => (row[3] = 'not-an-email'),
    (row) => (row[2] = '12345'),
    (row) => (row[5] = 'Diamond'),
    (row) => (row[7] = '22/11/26'),
    (row) => (row[0] = ''),
  ];
  for (let k = 0; k < ROWS / 20; k++) {
    const target = 1 + Math.floor(random() * ROWS);
    (bad[k % bad.length] as (row: unknown[]) => void)(values[target] as unknown[]);
  }
  return { values, display: values.map((row) => row.map(display)) };
}

const catalogue = buildCatalogue([
  { name: 'Tier', dataType: 'list', allowedValues: TIERS },
  { name: 'Subscribed', dataType: 'checkbox' },
  { name: 'Birthday', dataType: 'date' },
  { name: 'Company', dataType: 'text' },
]);

/** Starts the timed part from a settled heap, so the generator's garbage is not charged to it. */
function collectGarbage(): void {
  setFlagsFromString('--expose-gc');
  (runInNewContext('gc') as () => void)();
}

const sheet = generate();
collectGarbage();
const started = performance.now();
const table = readTable(sheet.values, { headerRow: 1, display: sheet.display });
if (!table.ok) throw new Error(table.messages.join('\n'));
const matches = autoMap(table.value.columns, catalogue, { identifier: 'phone' });
const settings = parseSettings({
  purpose: 'add-update',
  identifier: 'phone',
  defaultCountry: 'MY',
  mapping: mappingFromMatches(matches),
});
if (!settings.ok) throw new Error(settings.messages.join('\n'));
const read = performance.now();
const report = validateTable(settings.value, table.value, catalogue, {
  timeZone: 'Asia/Kuala_Lumpur',
});
if (!report.ok) throw new Error(report.messages.join('\n'));
const finished = performance.now();
const seconds = (finished - started) / 1000;

const { totals } = report.value;
console.log(
  `${totals.rows} rows × ${table.value.columns.length} columns: ${totals.valid} valid, ${totals.errors} with errors, ${totals.warnings} with warnings, ${report.value.suggestions.length} suggested fixes`,
);
console.log(
  `read + map ${((read - started) / 1000).toFixed(2)} s, validate ${((finished - read) / 1000).toFixed(2)} s`,
);
recordResult('validate_200k', {
  seconds: Math.round(seconds * 100) / 100,
  peak_mb: peakRssMb(),
  rows_per_second: Math.round(totals.rows / seconds),
});
