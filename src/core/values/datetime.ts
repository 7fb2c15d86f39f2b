/**
 * Dates (`yyyy-mm-dd`) and times (`HH:MM`, 24 h) as the platform takes them.
 *
 * Date cells arrive as Date objects: an instant. Their calendar date is the one in the
 * spreadsheet's time zone, which the driver passes in (an IANA name or an offset function),
 * so this stays pure. Text is parsed by hand: `yyyy-mm-dd` silently, other common spellings
 * with a warning and a suggestion, and day/month orders that cannot be told apart are errors.
 */
import { fail, ok, type Result } from '../result';
import { quote } from '../text';
import { accept, acceptWithWarning, reject, type Verdict } from './verdict';

export interface DateParts {
  readonly year: number;
  readonly month: number;
  readonly day: number;
  readonly hour: number;
  readonly minute: number;
}

/** Calendar parts of an instant, in the spreadsheet's time zone. */
export type Zone = (epochMs: number) => DateParts;

export interface ZoneOptions {
  /** IANA name, e.g. "Asia/Kuala_Lumpur" (Spreadsheet.getSpreadsheetTimeZone()). */
  readonly timeZone?: string | null;
  /** Alternatively the zone's offset from UTC in minutes at an instant (wins over timeZone). */
  readonly utcOffsetMinutes?: ((epochMs: number) => number) | null;
}

function utcParts(ms: number): DateParts {
  const d = new Date(ms);
  return {
    year: d.getUTCFullYear(),
    month: d.getUTCMonth() + 1,
    day: d.getUTCDate(),
    hour: d.getUTCHours(),
    minute: d.getUTCMinutes(),
  };
}

/** Offsets only change at zone transitions; one look-up per quarter hour is plenty. */
const OFFSET_BUCKET_MS = 15 * 60 * 1000;

function intlZone(timeZone: string): Result<Zone> {
  let format: Intl.DateTimeFormat;
  try {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
  } catch {
    return fail([
      `The spreadsheet's time zone '${timeZone}' is unknown — set it in File › Settings.`,
    ]);
  }
  const offsets = new Map<number, number>();
  const offsetAt = (ms: number): number => {
    const bucket = Math.floor(ms / OFFSET_BUCKET_MS);
    const known = offsets.get(bucket);
    if (known !== undefined) return known;
    const at = bucket * OFFSET_BUCKET_MS;
    const field: Record<string, number> = {};
    for (const part of format.formatToParts(at)) field[part.type] = Number(part.value);
    const wall = Date.UTC(
      field.year ?? 1970,
      (field.month ?? 1) - 1,
      field.day ?? 1,
      field.hour ?? 0,
      field.minute ?? 0,
      field.second ?? 0,
    );
    const offset = wall - at;
    if (offsets.size > 10_000) offsets.clear();
    offsets.set(bucket, offset);
    return offset;
  };
  return ok((ms) => utcParts(ms + offsetAt(ms)));
}

export function makeZone(options: ZoneOptions = {}): Result<Zone> {
  const offsetMinutes = options.utcOffsetMinutes;
  if (offsetMinutes) return ok((ms) => utcParts(ms + offsetMinutes(ms) * 60_000));
  const name = options.timeZone?.trim();
  if (!name || name === 'UTC' || name === 'Etc/UTC') return ok(utcParts);
  if (typeof Intl === 'undefined') {
    return fail([`Time zone '${name}' cannot be applied here — pass an offset function instead.`]);
  }
  return intlZone(name);
}

const pad2 = (n: number): string => (n < 10 ? `0${n}` : String(n));

export function formatDate(year: number, month: number, day: number): string {
  return `${String(year).padStart(4, '0')}-${pad2(month)}-${pad2(day)}`;
}

export function formatTime(hour: number, minute: number): string {
  return `${pad2(hour)}:${pad2(minute)}`;
}

function isLeap(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeap(year) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

export function isRealDate(year: number, month: number, day: number): boolean {
  return (
    year >= 1000 &&
    year <= 9999 &&
    month >= 1 &&
    month <= 12 &&
    day >= 1 &&
    day <= daysInMonth(year, month)
  );
}

const MONTHS = [
  'january',
  'february',
  'march',
  'april',
  'may',
  'june',
  'july',
  'august',
  'september',
  'october',
  'november',
  'december',
];

function monthNumber(word: string): number | null {
  const w = word.toLowerCase().replace(/\.$/, '');
  if (w.length < 3) return null;
  const index = MONTHS.findIndex((m) => m.startsWith(w) || (w === 'sept' && m === 'september'));
  return index < 0 ? null : index + 1;
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
/** yyyy-m-d, yyyy/mm/dd, yyyy.mm.dd, optionally followed by a time (ISO timestamps too). */
const YEAR_FIRST =
  /^(\d{4})([-/.])(\d{1,2})\2(\d{1,2})(?:(?:T|\s+)\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/i;
const COMPACT = /^(\d{4})(\d{2})(\d{2})$/;
/** d/m/yyyy or m/d/yyyy, with / . or - between. */
const NUMERIC_DMY = /^(\d{1,2})([-/.])(\d{1,2})\2(\d{2}|\d{4})$/;
const DAY_MONTH_NAME = /^(\d{1,2})(?:st|nd|rd|th)?[\s-]+([a-z]+\.?)[\s,-]+(\d{2}|\d{4})$/i;
const MONTH_NAME_DAY = /^([a-z]+\.?)\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{2}|\d{4})$/i;

function dateWarning(text: string, year: number, month: number, day: number): Verdict<string> {
  if (!isRealDate(year, month, day)) {
    return reject(`${quote(text)} is not a real date — write it as yyyy-mm-dd`);
  }
  const iso = formatDate(year, month, day);
  return acceptWithWarning(
    iso,
    `${quote(text)} read as ${iso} — dates are written yyyy-mm-dd`,
    iso,
  );
}

const TWO_DIGIT_YEAR = (text: string): Verdict<string> =>
  reject(`${quote(text)} has a two-digit year — write the date as yyyy-mm-dd`);

/** Which comes first in d/m/yyyy-style dates, when something settles it. */
export type DateOrder = 'day-first' | 'month-first';

/** A day and a month without a year, as Mailchimp writes birthdays (03/14). */
const NO_YEAR = /^(\d{1,2})[/.-](\d{1,2})$/;

/** What a numeric date proves about its column's order: 25/03/1992 is day-first. */
export function dateOrderEvidence(raw: string): DateOrder | null {
  const m = NUMERIC_DMY.exec(raw.trim());
  if (!m) return null;
  const [a, b] = [Number(m[1]), Number(m[3])];
  if (a > 12 && b <= 12) return 'day-first';
  if (b > 12 && a <= 12) return 'month-first';
  return null;
}

/** The order the spreadsheet's locale writes dates in (en_US month-first, most others day-first). */
export function localeDateOrder(locale: string | null | undefined): DateOrder | null {
  if (!locale) return null;
  const [lang, region] = locale.replace('-', '_').split('_');
  if (!lang) return null;
  if (['US', 'PH', 'FM', 'PW', 'MH'].includes((region ?? '').toUpperCase())) return 'month-first';
  if (lang === 'en' && !region) return null;
  return 'day-first';
}

export function normaliseDateText(raw: string, order: DateOrder | null = null): Verdict<string> {
  const text = raw.trim();
  const partial = NO_YEAR.exec(text);
  if (partial) {
    return reject(`${quote(text)} has no year — a date needs day, month and year (yyyy-mm-dd)`);
  }
  const iso = ISO_DATE.exec(text);
  if (iso) {
    const [y, m, d] = [Number(iso[1]), Number(iso[2]), Number(iso[3])];
    return isRealDate(y, m, d)
      ? accept(text)
      : reject(`${quote(text)} is not a real date — check the month and day (yyyy-mm-dd)`);
  }
  const yearFirst = YEAR_FIRST.exec(text) ?? COMPACT.exec(text);
  if (yearFirst) {
    const isCompact = yearFirst.length === 4;
    const [y, m, d] = isCompact
      ? [Number(yearFirst[1]), Number(yearFirst[2]), Number(yearFirst[3])]
      : [Number(yearFirst[1]), Number(yearFirst[3]), Number(yearFirst[4])];
    return dateWarning(text, y, m, d);
  }
  const numeric = NUMERIC_DMY.exec(text);
  if (numeric) {
    const [a, b, yearText] = [Number(numeric[1]), Number(numeric[3]), numeric[4] as string];
    if (yearText.length === 2) return TWO_DIGIT_YEAR(text);
    const year = Number(yearText);
    if (a > 12 && b <= 12) return dateWarning(text, year, b, a);
    if (b > 12 && a <= 12) return dateWarning(text, year, a, b);
    if (a === b) return dateWarning(text, year, a, b);
    if (a > 12 && b > 12)
      return reject(`${quote(text)} is not a real date — write it as yyyy-mm-dd`);
    if (order === 'day-first') return dateWarning(text, year, b, a);
    if (order === 'month-first') return dateWarning(text, year, a, b);
    const dayFirst = formatDate(year, b, a);
    const monthFirst = formatDate(year, a, b);
    return reject(
      `${quote(text)} is ambiguous (${dayFirst} or ${monthFirst}?) — write it as yyyy-mm-dd`,
    );
  }
  const dayMonth = DAY_MONTH_NAME.exec(text);
  const monthDay = dayMonth ? null : MONTH_NAME_DAY.exec(text);
  if (dayMonth || monthDay) {
    const [dayText, monthText, yearText] = dayMonth
      ? [dayMonth[1], dayMonth[2], dayMonth[3]]
      : [monthDay?.[2], monthDay?.[1], monthDay?.[3]];
    const month = monthNumber(monthText ?? '');
    if (month !== null) {
      if ((yearText ?? '').length === 2) return TWO_DIGIT_YEAR(text);
      return dateWarning(text, Number(yearText), month, Number(dayText));
    }
  }
  return reject(`${quote(text)} is not a date — write it as yyyy-mm-dd, e.g. 2026-11-22`);
}

/** Sheets stores a time-only cell as that time on 30 December 1899. */
function isTimeOnlyDate(parts: DateParts): boolean {
  return parts.year === 1899 && parts.month === 12 && parts.day === 30;
}

export function normaliseDateCell(epochMs: number, zone: Zone): Verdict<string> {
  if (!Number.isFinite(epochMs)) return reject('the date cell is invalid — re-enter the date');
  const parts = zone(epochMs);
  if (isTimeOnlyDate(parts)) return reject('holds a time, not a date — enter a date as yyyy-mm-dd');
  if (!isRealDate(parts.year, parts.month, parts.day)) {
    return reject(`the year ${parts.year} is out of range — check the date`);
  }
  return accept(formatDate(parts.year, parts.month, parts.day));
}

const TIME = /^(\d{1,2})[:h.](\d{2})(?::(\d{2})(?:\.\d+)?)?\s*(am|pm|a\.m\.|p\.m\.|a|p)?$/i;

export function normaliseTimeText(raw: string): Verdict<string> {
  const text = raw.trim();
  const match = TIME.exec(text);
  if (!match) return reject(`${quote(text)} is not a time — write it as HH:MM (24 h), e.g. 09:30`);
  let hour = Number(match[1]);
  const minute = Number(match[2]);
  const meridiem = match[4]?.toLowerCase().replace(/\./g, '');
  if (minute > 59 || (meridiem !== undefined ? hour < 1 || hour > 12 : hour > 23)) {
    return reject(`${quote(text)} is not a real time — write it as HH:MM (24 h), e.g. 21:30`);
  }
  if (meridiem !== undefined) {
    const pm = meridiem.startsWith('p');
    hour = (hour % 12) + (pm ? 12 : 0);
  }
  const hhmm = formatTime(hour, minute);
  if (hhmm === text) return accept(hhmm);
  return acceptWithWarning(
    hhmm,
    `${quote(text)} read as ${hhmm} — times are written HH:MM (24 h)`,
    hhmm,
  );
}

export function normaliseTimeCell(epochMs: number, zone: Zone): Verdict<string> {
  if (!Number.isFinite(epochMs)) return reject('the time cell is invalid — re-enter the time');
  const parts = zone(epochMs);
  return accept(formatTime(parts.hour, parts.minute));
}
