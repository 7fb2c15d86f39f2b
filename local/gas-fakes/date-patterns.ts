/**
 * Date formatting with two pattern languages:
 * - Java SimpleDateFormat, which Utilities.formatDate uses (yyyy-MM-dd HH:mm:ss z ...);
 * - Sheets number formats for dates (yyyy-mm-dd, M/d/yyyy H:mm:ss, am/pm ...), used for
 *   display values.
 */
import { GasError } from './errors';
import { offsetMinutes, wallClock, type WallClock, type Zone } from './dates';

const MONTHS = [
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
const DAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

const pad = (n: number, width: number): string => String(Math.abs(n)).padStart(width, '0');

function dayOfYear(w: WallClock): number {
  return (Date.UTC(w.year, w.month - 1, w.day) - Date.UTC(w.year, 0, 1)) / 86_400_000 + 1;
}

/** Week of year as java.util.Calendar counts it in the US locale (weeks start on Sunday). */
function weekOfYear(w: WallClock): number {
  const jan1 = new Date(Date.UTC(w.year, 0, 1)).getUTCDay();
  return Math.floor((dayOfYear(w) - 1 + jan1) / 7) + 1;
}

function offsetText(minutes: number, style: 'Z' | 'X' | 'XX' | 'XXX'): string {
  if (minutes === 0 && style !== 'Z') return 'Z';
  const sign = minutes < 0 ? '-' : '+';
  const h = pad(Math.floor(Math.abs(minutes) / 60), 2);
  const m = pad(Math.abs(minutes) % 60, 2);
  if (style === 'X') return `${sign}${h}`;
  if (style === 'XXX') return `${sign}${h}:${m}`;
  return `${sign}${h}${m}`;
}

/** Java prints zones without an abbreviation as GMT+08:00; Intl says GMT+8. */
function zoneName(instant: number, zone: Zone, long: boolean): string {
  const minutes = offsetMinutes(instant, zone);
  const gmt = minutes === 0 ? 'GMT' : `GMT${offsetText(minutes, 'XXX')}`;
  if (zone.kind === 'fixed') return gmt;
  const name = new Intl.DateTimeFormat('en-US', {
    timeZone: zone.id,
    timeZoneName: long ? 'long' : 'short',
  })
    .formatToParts(instant)
    .find((p) => p.type === 'timeZoneName')?.value;
  // Intl writes GMT+8 where the zone has no abbreviation; Java writes GMT+08:00.
  if (!name || /^GMT[+-]/.test(name)) return gmt;
  return name;
}

/** Splits a pattern into runs of one letter and literal text ('...' quotes, '' is a quote). */
function tokenize(
  pattern: string,
  isLetter: (ch: string) => boolean,
): Array<{ letter?: string; text: string }> {
  const tokens: Array<{ letter?: string; text: string }> = [];
  let i = 0;
  while (i < pattern.length) {
    const ch = pattern[i] as string;
    if (ch === "'") {
      if (pattern[i + 1] === "'") {
        tokens.push({ text: "'" });
        i += 2;
        continue;
      }
      const end = pattern.indexOf("'", i + 1);
      const stop = end < 0 ? pattern.length : end;
      tokens.push({ text: pattern.slice(i + 1, stop) });
      i = stop + 1;
      continue;
    }
    if (isLetter(ch)) {
      let j = i;
      while (pattern[j] === ch) j++;
      tokens.push({ letter: ch, text: pattern.slice(i, j) });
      i = j;
      continue;
    }
    tokens.push({ text: ch });
    i++;
  }
  return tokens;
}

/** Utilities.formatDate: formats an instant with a Java SimpleDateFormat pattern in a zone. */
export function formatJavaDate(instant: number, zone: Zone, pattern: string): string {
  const w = wallClock(instant, zone);
  return tokenize(pattern, (ch) => /[A-Za-z]/.test(ch))
    .map((token) =>
      token.letter ? javaField(token.letter, token.text.length, w, instant, zone) : token.text,
    )
    .join('');
}

function javaField(
  letter: string,
  count: number,
  w: WallClock,
  instant: number,
  zone: Zone,
): string {
  const hour12 = w.hour % 12 === 0 ? 12 : w.hour % 12;
  switch (letter) {
    case 'G':
      return w.year > 0 ? 'AD' : 'BC';
    case 'y':
    case 'Y':
      return count === 2 ? pad(w.year % 100, 2) : pad(w.year, count);
    case 'M':
    case 'L': {
      const month = MONTHS[w.month - 1] ?? '';
      if (count >= 4) return month;
      if (count === 3) return month.slice(0, 3);
      return pad(w.month, count);
    }
    case 'd':
      return pad(w.day, count);
    case 'D':
      return pad(dayOfYear(w), count);
    case 'w':
      return pad(weekOfYear(w), count);
    case 'W':
      return pad(
        Math.floor((w.day - 1 + new Date(Date.UTC(w.year, w.month - 1, 1)).getUTCDay()) / 7) + 1,
        count,
      );
    case 'F':
      return pad(Math.floor((w.day - 1) / 7) + 1, count);
    case 'E': {
      const day = DAYS[w.weekday] ?? '';
      return count >= 4 ? day : day.slice(0, 3);
    }
    case 'u':
      return pad(w.weekday === 0 ? 7 : w.weekday, count);
    case 'a':
      return w.hour < 12 ? 'AM' : 'PM';
    case 'H':
      return pad(w.hour, count);
    case 'k':
      return pad(w.hour === 0 ? 24 : w.hour, count);
    case 'K':
      return pad(w.hour % 12, count);
    case 'h':
      return pad(hour12, count);
    case 'm':
      return pad(w.minute, count);
    case 's':
      return pad(w.second, count);
    case 'S':
      return pad(w.millisecond, count);
    case 'z':
      return zoneName(instant, zone, count >= 4);
    case 'Z':
      return offsetText(offsetMinutes(instant, zone), 'Z');
    case 'X':
      return offsetText(
        offsetMinutes(instant, zone),
        count === 1 ? 'X' : count === 2 ? 'XX' : 'XXX',
      );
    default:
      throw new GasError(`Illegal pattern character '${letter}'`);
  }
}

/**
 * Formats an instant with a Sheets date/time number format. Letters are case-insensitive
 * (except AM/PM markers); `m` means minutes after an hour or before seconds, else month.
 */
export function formatSheetsDate(instant: number, zone: Zone, pattern: string): string {
  const w = wallClock(instant, zone);
  const tokens = sheetsDateTokens(pattern);
  const twelveHour = tokens.some((t) => t.kind === 'ampm');
  return tokens
    .map((t, index) => {
      if (t.kind === 'text') return t.text;
      if (t.kind === 'ampm') return ampm(t.text, w.hour);
      return sheetsField(t.text, w, twelveHour, isMinute(tokens, index));
    })
    .join('');
}

type SheetsToken = { kind: 'field' | 'text' | 'ampm'; text: string };

function sheetsDateTokens(pattern: string): SheetsToken[] {
  const tokens: SheetsToken[] = [];
  let i = 0;
  while (i < pattern.length) {
    const rest = pattern.slice(i);
    const marker = /^(am\/pm|a\/p)/i.exec(rest);
    if (marker) {
      tokens.push({ kind: 'ampm', text: marker[0] });
      i += marker[0].length;
      continue;
    }
    const ch = pattern[i] as string;
    if (ch === '"') {
      const end = pattern.indexOf('"', i + 1);
      const stop = end < 0 ? pattern.length : end;
      tokens.push({ kind: 'text', text: pattern.slice(i + 1, stop) });
      i = stop + 1;
      continue;
    }
    if (ch === '\\') {
      tokens.push({ kind: 'text', text: pattern[i + 1] ?? '' });
      i += 2;
      continue;
    }
    if (/[ymdhs]/i.test(ch)) {
      let j = i;
      while (j < pattern.length && (pattern[j] as string).toLowerCase() === ch.toLowerCase()) j++;
      tokens.push({ kind: 'field', text: pattern.slice(i, j).toLowerCase() });
      i = j;
      continue;
    }
    if (ch === '[' || ch === ']') {
      i++;
      continue;
    }
    tokens.push({ kind: 'text', text: ch });
    i++;
  }
  return tokens;
}

function isMinute(tokens: SheetsToken[], index: number): boolean {
  const token = tokens[index];
  if (!token || token.text[0] !== 'm' || token.text.length > 2) return false;
  for (let i = index - 1; i >= 0; i--) {
    const t = tokens[i] as SheetsToken;
    if (t.kind === 'field') {
      if (t.text[0] === 'h') return true;
      break;
    }
  }
  for (let i = index + 1; i < tokens.length; i++) {
    const t = tokens[i] as SheetsToken;
    if (t.kind === 'field') return t.text[0] === 's';
  }
  return false;
}

function ampm(marker: string, hour: number): string {
  const am = hour < 12;
  if (/^a\/p$/i.test(marker)) return am ? 'a' : 'p';
  return am ? 'AM' : 'PM';
}

function sheetsField(field: string, w: WallClock, twelveHour: boolean, minute: boolean): string {
  const n = field.length;
  switch (field[0]) {
    case 'y':
      return n <= 2 ? pad(w.year % 100, 2) : String(w.year);
    case 'm': {
      if (minute) return pad(w.minute, n);
      const month = MONTHS[w.month - 1] ?? '';
      if (n >= 5) return month[0] ?? '';
      if (n === 4) return month;
      if (n === 3) return month.slice(0, 3);
      return pad(w.month, n);
    }
    case 'd': {
      const day = DAYS[w.weekday] ?? '';
      if (n >= 4) return day;
      if (n === 3) return day.slice(0, 3);
      return pad(w.day, n);
    }
    case 'h': {
      const hour = twelveHour ? (w.hour % 12 === 0 ? 12 : w.hour % 12) : w.hour;
      return pad(hour, n);
    }
    case 's':
      return pad(w.second, n);
    default:
      return field;
  }
}
