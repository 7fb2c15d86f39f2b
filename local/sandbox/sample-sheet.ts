/**
 * The sandbox's sample contact sheet: a list as marketers really keep them, mistakes
 * included, so every check of the review has something to find. Deterministic (seeded
 * PRNG): the same row count gives the same sheet, byte for byte.
 *
 * What is in it, for a 200-row sheet (other sizes scale):
 * - 20 rows naming demo-workspace contacts (phone written differently, or email in another
 *   case) with a changed company or plan, so "update" has work to do;
 * - 2 rows whose identifier matches several demo contacts (a shared inbox, an office line);
 * - local numbers without a country code, numbers that lost their "+" (typed as numbers),
 *   malformed emails, missing first names, duplicate phones inside the sheet (written two
 *   ways), plan values outside the list, newsletter answers that are not checkbox values;
 * - birthdays as real date cells and as text in six formats, two impossible dates;
 * - a blank row in the middle, stray spaces, a person's own notes and highlight colours.
 */
import { demoWorkspace } from '../../emulator/seed';
import { intBetween, pick, seededRandom, type Random } from '../../emulator/prng';

export type RawCell = string | number | boolean;

/** A cell a person typed into Sheets: written through setValue, so "1990-03-05" becomes a date. */
export interface TypedCell {
  row: number;
  column: number;
  text: string;
}

export interface CellNote {
  row: number;
  column: number;
  note: string;
}

export interface RowHighlight {
  row: number;
  background: string;
}

export interface SampleSheet {
  name: string;
  /** Stored as given (text stays text); row 1 is the header. */
  rows: RawCell[][];
  /** Cells to type after seeding (real date cells); their place in `rows` holds ''. */
  typed: TypedCell[];
  notes: CellNote[];
  highlights: RowHighlight[];
}

export const SAMPLE_SHEET_NAME = 'Contacts';
export const SAMPLE_HEADERS = [
  'First Name',
  'Last Name',
  'Mobile',
  'Email',
  'Company',
  'Plan',
  'Birthday',
  'Newsletter',
  'Orders',
  'Remarks',
] as const;

const COL = Object.fromEntries(SAMPLE_HEADERS.map((h, i) => [h, i])) as Record<
  (typeof SAMPLE_HEADERS)[number],
  number
>;

interface Country {
  code: string;
  dial: string;
  /** The trunk prefix people write before a national number ('' when there is none). */
  trunk: string;
  national: (r: Random) => string;
  /** Groups of the national number as people write them, e.g. [2, 3, 4] → "12-345 6789". */
  groups: number[];
  /** How people write the national number when groups alone do not say it (US: "(415) 555-0134"). */
  written?: (national: string) => string;
  first: string[];
  last: string[];
  domains: string[];
}

const digitsOf = (r: Random, n: number): string =>
  Array.from({ length: n }, () => String(Math.floor(r() * 10))).join('');

const COUNTRIES: Country[] = [
  {
    code: 'MY',
    dial: '60',
    trunk: '0',
    national: (r) => `1${pick(r, ['2', '3', '7', '9'])}${digitsOf(r, 7)}`,
    groups: [2, 3, 4],
    first: ['Nur Aina', 'Irfan', 'Syafiqah', 'Danial', 'Hui Ying', 'Ganesh', 'Aiman', 'Zarina'],
    last: ['Othman', 'Kamal', 'Ng', 'Subramaniam', 'Ho', 'Zainal', 'Lau', 'Idris'],
    domains: ['gmail.com', 'yahoo.com.my'],
  },
  {
    code: 'ID',
    dial: '62',
    trunk: '0',
    national: (r) => `8${pick(r, ['11', '12', '13', '57'])}${digitsOf(r, 7)}`,
    groups: [3, 4, 3],
    first: ['Wulan', 'Fajar', 'Ayu', 'Bayu', 'Citra', 'Dimas', 'Rina'],
    last: ['Kusuma', 'Nugroho', 'Halim', 'Setiawan', 'Purnama', 'Siregar'],
    domains: ['gmail.com', 'yahoo.co.id'],
  },
  {
    code: 'SG',
    dial: '65',
    trunk: '',
    national: (r) => `${pick(r, ['8', '9'])}${digitsOf(r, 7)}`,
    groups: [4, 4],
    first: ['Clarence', 'Wen Xin', 'Hafizah', 'Bryan', 'Li Ting', 'Ravi'],
    last: ['Tay', 'Ong', 'Rahim', 'Sim', 'Yeo', 'Menon'],
    domains: ['gmail.com', 'singnet.com.sg'],
  },
  {
    code: 'PH',
    dial: '63',
    trunk: '0',
    national: (r) => `9${pick(r, ['17', '18', '27', '66'])}${digitsOf(r, 7)}`,
    groups: [3, 3, 4],
    first: ['Carlo', 'Bea', 'Migs', 'Joy', 'Rico', 'Trisha'],
    last: ['Dela Cruz', 'Aquino', 'Ramos', 'Castillo', 'Navarro', 'Torres'],
    domains: ['gmail.com', 'yahoo.com'],
  },
  {
    code: 'US',
    dial: '1',
    trunk: '',
    national: (r) =>
      `${pick(r, ['212', '415', '312', '617'])}${intBetween(r, 2, 9)}${digitsOf(r, 6)}`,
    groups: [3, 3, 4],
    written: (n) => `(${n.slice(0, 3)}) ${n.slice(3, 6)}-${n.slice(6)}`,
    first: ['Hannah', 'Tyler', 'Megan', 'Josh', 'Lauren', 'Kevin'],
    last: ['Anderson', 'Clark', 'Lewis', 'Young', 'Hall', 'Allen'],
    domains: ['gmail.com', 'outlook.com'],
  },
  {
    code: 'GB',
    dial: '44',
    trunk: '0',
    national: (r) => `7${pick(r, ['4', '5', '7', '9'])}${digitsOf(r, 8)}`,
    groups: [4, 6],
    first: ['Freya', 'Alfie', 'Imogen', 'Callum', 'Niamh', 'Rhys'],
    last: ['Hughes', 'Patel', 'Morgan', 'Khan', 'Price', 'Bennett'],
    domains: ['gmail.com', 'btinternet.com'],
  },
];

const COMPANIES = ['Acme', 'Globex', 'Initech', 'Umbrella', 'Hooli', 'Stark Industries'];
const PLANS = ['Free', 'Pro', 'Enterprise'];
/** Plan values a person might type that are not among the list's options. */
const PLAN_TYPOS = ['Premium', 'pro ', 'Ent.', 'Basic'];
const REMARKS = ['met at expo', 'call back in May', 'prefers WhatsApp', 'referral', 'old list'];
const HIGHLIGHT = '#fff2cc';
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const MONTH_NAMES = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

type RowKind =
  | 'clean'
  | 'match'
  | 'ambiguous'
  | 'local-phone'
  | 'number-phone'
  | 'bad-email'
  | 'no-first-name'
  | 'duplicate-phone'
  | 'plan-typo';

/** How many rows of each mistake, for `count` rows (about the shares of a 200-row sheet). */
function kindCounts(count: number, demoMatches: number): Array<[RowKind, number]> {
  const share = (perHundred: number): number => Math.round((count * perHundred) / 100);
  return [
    ['match', Math.min(share(10), demoMatches)],
    ['ambiguous', count >= 50 ? 2 : 0],
    ['local-phone', share(6)],
    ['number-phone', share(2)],
    ['bad-email', share(4)],
    ['no-first-name', share(3)],
    // Pairs: each pair is two rows with one phone.
    ['duplicate-phone', 2 * Math.round(share(3) / 2)],
    ['plan-typo', share(2)],
  ];
}

/** The sample sheet with `count` data rows (default 200). */
export function sampleSheet(count = 200): SampleSheet {
  const random = seededRandom(2026);
  const demo = demoWorkspace().contacts.filter((c) => c.phone && c.email);
  const kinds = shuffledKinds(random, count, demo.length);
  const builder = new SheetBuilder(random, demo);
  // One blank row in the middle, as lists that were pasted together often have.
  const blankAt = count >= 20 ? Math.floor(count * 0.55) : -1;
  kinds.forEach((kind, i) => {
    if (i === blankAt) builder.blankRow();
    builder.addRow(kind);
  });
  return builder.result();
}

function shuffledKinds(random: Random, count: number, demoMatches: number): RowKind[] {
  const kinds: RowKind[] = [];
  for (const [kind, n] of kindCounts(count, demoMatches)) {
    for (let i = 0; i < n && kinds.length < count; i++) kinds.push(kind);
  }
  while (kinds.length < count) kinds.push('clean');
  return shuffled(random, kinds);
}

/** Fisher–Yates on a copy. */
function shuffled<T>(random: Random, items: readonly T[]): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j] as T, out[i] as T];
  }
  return out;
}

type DemoContact = ReturnType<typeof demoWorkspace>['contacts'][number];

interface Person {
  country: Country;
  first: string;
  last: string;
  national: string;
  email: string;
}

class SheetBuilder {
  private readonly rows: RawCell[][] = [[...SAMPLE_HEADERS]];
  private readonly typed: TypedCell[] = [];
  private readonly notes: CellNote[] = [];
  private readonly highlights: RowHighlight[] = [];
  private readonly usedPhones: Set<string>;
  private readonly usedEmails: Set<string>;
  private readonly demo: DemoContact[];
  private nextDemo = 0;
  private ambiguousDone = 0;
  /** The first row of a duplicate pair waits here for its twin. */
  private pendingTwin: Person | null = null;

  constructor(
    private readonly random: Random,
    demo: DemoContact[],
  ) {
    this.usedPhones = new Set(demo.map((c) => c.phone ?? ''));
    this.usedEmails = new Set(demo.map((c) => (c.email ?? '').toLowerCase()));
    // Matches spread over the workspace rather than its first contacts, each used once.
    this.demo = shuffled(random, demo);
  }

  blankRow(): void {
    this.rows.push(SAMPLE_HEADERS.map(() => ''));
  }

  addRow(kind: RowKind): void {
    const row = this.baseRow(kind);
    this.rows.push(row);
    const sheetRow = this.rows.length;
    this.addBirthday(row, sheetRow);
    this.decorate(sheetRow, kind);
  }

  result(): SampleSheet {
    return {
      name: SAMPLE_SHEET_NAME,
      rows: this.rows,
      typed: this.typed,
      notes: this.notes,
      highlights: this.highlights,
    };
  }

  private baseRow(kind: RowKind): RawCell[] {
    if (kind === 'match') return this.matchRow();
    if (kind === 'ambiguous') return this.ambiguousRow();
    const person = this.person();
    let phone = this.phoneCell(person, kind);
    if (kind === 'duplicate-phone') {
      const first = this.pendingTwin;
      this.pendingTwin = first ? null : person;
      // The twin writes the first row's number compactly: equal only once normalised.
      if (first) phone = `+${first.country.dial}${first.national}`;
    }

    const r = this.random;
    const row: RawCell[] = SAMPLE_HEADERS.map(() => '');
    row[COL['First Name']] = kind === 'no-first-name' ? '' : person.first;
    row[COL['Last Name']] = person.last;
    row[COL.Mobile] = phone;
    row[COL.Email] = kind === 'bad-email' ? badEmail(r, person.email) : this.emailCell(person);
    if (r() < 0.6) row[COL.Company] = pick(r, COMPANIES);
    row[COL.Plan] = kind === 'plan-typo' ? pick(r, PLAN_TYPOS) : r() < 0.7 ? pick(r, PLANS) : '';
    row[COL.Newsletter] = newsletterCell(r);
    if (r() < 0.5) row[COL.Orders] = intBetween(r, 0, 30);
    if (r() < 0.15) row[COL.Remarks] = pick(r, REMARKS);
    return row;
  }

  /** A demo contact written the way a person would, with something changed to update. */
  private matchRow(): RawCell[] {
    const r = this.random;
    const contact = this.demo[this.nextDemo++];
    if (!contact) throw new Error('The demo workspace has no contacts to match.');
    const country = COUNTRIES.find((c) => contact.phone?.startsWith(`+${c.dial}`));
    const row: RawCell[] = SAMPLE_HEADERS.map(() => '');
    row[COL['First Name']] = contact.firstName ?? '';
    row[COL['Last Name']] = contact.lastName ?? '';
    const phone = contact.phone ?? '';
    row[COL.Mobile] = country
      ? formatInternational(country, phone.slice(1 + country.dial.length), r)
      : phone;
    const email = contact.email ?? '';
    row[COL.Email] = r() < 0.3 ? capitalised(email) : email;
    row[COL.Company] = pick(r, COMPANIES);
    row[COL.Plan] = pick(r, PLANS);
    row[COL.Newsletter] = r() < 0.5;
    row[COL.Remarks] = 'existing customer';
    return row;
  }

  /** An identifier the workspace holds twice: the look-up must not pick one at random. */
  private ambiguousRow(): RawCell[] {
    const row: RawCell[] = SAMPLE_HEADERS.map(() => '');
    const first = this.ambiguousDone++ === 0;
    row[COL['First Name']] = first ? 'Nora' : 'Office';
    row[COL['Last Name']] = first ? 'Ismail' : 'Globex SG';
    row[COL.Mobile] = first ? '+60 12-300 0333' : '+65 6222 0000';
    row[COL.Email] = first ? 'ismail.family@gmail.com' : 'front.desk@globex.example';
    row[COL.Company] = first ? '' : 'Globex';
    row[COL.Remarks] = first ? 'family inbox' : 'shared office line';
    return row;
  }

  private person(): Person {
    const r = this.random;
    const country = pick(r, COUNTRIES);
    const first = pick(r, country.first);
    const last = pick(r, country.last);
    let national: string;
    do national = country.national(r);
    while (this.usedPhones.has(`+${country.dial}${national}`));
    this.usedPhones.add(`+${country.dial}${national}`);
    const local = `${first}.${last}`.toLowerCase().replace(/[^a-z.]/g, '');
    const domain = pick(r, country.domains);
    let email = `${local}@${domain}`;
    for (let n = 2; this.usedEmails.has(email); n++) email = `${local}${n}@${domain}`;
    this.usedEmails.add(email);
    return { country, first, last, national, email };
  }

  private phoneCell(person: Person, kind: RowKind): RawCell {
    const { country, national } = person;
    if (kind === 'local-phone') return `${country.trunk}${nationalText(country, national)}`;
    // Typed without quotes into Sheets, "+60123456789" is stored as the number 60123456789.
    if (kind === 'number-phone') return Number(`${country.dial}${national}`);
    return formatInternational(country, national, this.random);
  }

  private emailCell(person: Person): string {
    const r = this.random;
    const roll = r();
    if (roll < 0.08) return `  ${person.email} `;
    if (roll < 0.16) return capitalised(person.email);
    return person.email;
  }

  private addBirthday(row: RawCell[], sheetRow: number): void {
    const r = this.random;
    if (r() >= 0.55) return;
    const y = intBetween(r, 1962, 2004);
    const m = intBetween(r, 1, 12);
    const d = intBetween(r, 1, 28);
    const pad = (n: number): string => String(n).padStart(2, '0');
    const roll = r();
    if (roll < 0.4) {
      // A real date cell: the person typed it and Sheets recognised it.
      this.typed.push({
        row: sheetRow,
        column: COL.Birthday + 1,
        text: `${y}-${pad(m)}-${pad(d)}`,
      });
      return;
    }
    const formats = [
      `${y}-${pad(m)}-${pad(d)}`,
      `${pad(d)}/${pad(m)}/${y}`,
      `${d} ${MONTHS[m - 1]} ${y}`,
      `${MONTH_NAMES[m - 1]} ${d}, ${y}`,
      `${y}/${pad(m)}/${pad(d)}`,
      `${d}.${m}.${y}`,
    ];
    row[COL.Birthday] = roll > 0.985 ? pick(r, ['31/02/1991', '1990-13-01']) : pick(r, formats);
  }

  /** The person's own notes and colours, which the add-on must never lose. */
  private decorate(sheetRow: number, kind: RowKind): void {
    const r = this.random;
    if (kind === 'match' && r() < 0.3)
      this.highlights.push({ row: sheetRow, background: HIGHLIGHT });
    if (r() < 0.03) {
      this.notes.push({
        row: sheetRow,
        column: COL.Mobile + 1,
        note: pick(r, [
          'Asked to be called after 6pm',
          'Number from business card',
          'Check with Sam',
        ]),
      });
    }
  }
}

function formatInternational(country: Country, national: string, r: Random): string {
  const roll = r();
  if (roll < 0.25) return `+${country.dial}${national}`;
  if (roll < 0.35) return `(+${country.dial}) ${nationalText(country, national)}`;
  if (roll < 0.45)
    return `+${country.dial}-${grouped(national, country.groups).replace(/ /g, '-')}`;
  return `+${country.dial} ${nationalText(country, national)}`;
}

function nationalText(country: Country, national: string): string {
  return country.written ? country.written(national) : grouped(national, country.groups);
}

/** "123456789" with groups [2, 3, 4] → "12-345 6789": a dash after the first group, then spaces. */
function grouped(national: string, groups: number[]): string {
  const parts: string[] = [];
  let at = 0;
  for (const size of groups) {
    if (at >= national.length) break;
    parts.push(national.slice(at, at + size));
    at += size;
  }
  if (at < national.length) parts[parts.length - 1] += national.slice(at);
  const [head, ...rest] = parts;
  return rest.length > 0 && parts.length > 2 ? `${head}-${rest.join(' ')}` : parts.join(' ');
}

function badEmail(r: Random, email: string): string {
  const [local = '', domain = ''] = email.split('@');
  return pick(r, [
    `${local}@`,
    `${local} at ${domain}`,
    `${local}@@${domain}`,
    `${local}@${domain.split('.')[0]}`,
    `${local}@${domain.replace('.', ',')}`,
  ]);
}

function newsletterCell(r: Random): RawCell {
  const roll = r();
  if (roll < 0.35) return true;
  if (roll < 0.6) return false;
  if (roll < 0.7) return pick(r, ['yes', 'no', 'Y', 'x']);
  return '';
}

function capitalised(email: string): string {
  const [local = '', domain = ''] = email.split('@');
  const title = local
    .split('.')
    .map((part) => part.charAt(0).toUpperCase() + part.slice(1))
    .join('.');
  return `${title}@${domain.charAt(0).toUpperCase()}${domain.slice(1)}`;
}
