/**
 * Time-zone arithmetic on top of Intl, and Sheets' date serial numbers.
 *
 * Sheets stores a date-time as the number of days since 1899-12-30 in the spreadsheet's time
 * zone (wall-clock), so converting between a Date and a serial needs the zone's offset.
 */

export interface WallClock {
  year: number;
  month: number; // 1-12
  day: number;
  hour: number;
  minute: number;
  second: number;
  millisecond: number;
  weekday: number; // 0 = Sunday
}

/** A zone Java's TimeZone.getTimeZone understands: an IANA id, or GMT±h[:mm]. */
export type Zone =
  { kind: 'iana'; id: string } | { kind: 'fixed'; offsetMinutes: number; id: string };

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(id: string): Intl.DateTimeFormat {
  let f = formatters.get(id);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone: id,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
      weekday: 'short',
      era: 'short',
    });
    formatters.set(id, f);
  }
  return f;
}

const zoneCache = new Map<string, Zone>();

/** Resolves a zone id the way Java does: unknown ids fall back to GMT. */
export function resolveZone(id: string): Zone {
  const cached = zoneCache.get(id);
  if (cached) return cached;
  let zone: Zone;
  const fixed = /^(?:GMT|UTC)([+-])(\d{1,2})(?::?(\d{2}))?$/i.exec(id);
  if (fixed) {
    const minutes = Number(fixed[2]) * 60 + Number(fixed[3] ?? 0);
    zone = { kind: 'fixed', offsetMinutes: fixed[1] === '-' ? -minutes : minutes, id };
  } else {
    try {
      formatterFor(id).format(0);
      zone = { kind: 'iana', id };
    } catch {
      zone = { kind: 'fixed', offsetMinutes: 0, id: 'GMT' };
    }
  }
  zoneCache.set(id, zone);
  return zone;
}

const WEEKDAYS: Record<string, number> = { Sun: 0, Mon: 1, Tue: 2, Wed: 3, Thu: 4, Fri: 5, Sat: 6 };

/** The wall-clock reading of an instant in a zone. */
export function wallClock(instant: number, zone: Zone): WallClock {
  if (zone.kind === 'fixed') {
    const d = new Date(instant + zone.offsetMinutes * 60_000);
    return {
      year: d.getUTCFullYear(),
      month: d.getUTCMonth() + 1,
      day: d.getUTCDate(),
      hour: d.getUTCHours(),
      minute: d.getUTCMinutes(),
      second: d.getUTCSeconds(),
      millisecond: d.getUTCMilliseconds(),
      weekday: d.getUTCDay(),
    };
  }
  const parts: Record<string, string> = {};
  for (const part of formatterFor(zone.id).formatToParts(instant)) parts[part.type] = part.value;
  const yearOfEra = Number(parts.year);
  return {
    year: parts.era === 'BC' ? 1 - yearOfEra : yearOfEra,
    month: Number(parts.month),
    day: Number(parts.day),
    hour: Number(parts.hour),
    minute: Number(parts.minute),
    second: Number(parts.second),
    millisecond: ((instant % 1000) + 1000) % 1000,
    weekday: WEEKDAYS[parts.weekday ?? 'Sun'] ?? 0,
  };
}

/** Minutes the zone is ahead of UTC at an instant. */
export function offsetMinutes(instant: number, zone: Zone): number {
  if (zone.kind === 'fixed') return zone.offsetMinutes;
  const w = wallClock(instant, zone);
  const asUtc = Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second, w.millisecond);
  return Math.round((asUtc - instant) / 60_000);
}

/** The instant at which the zone's clocks read the given wall-clock time. */
export function fromWallClock(
  zone: Zone,
  year: number,
  month: number,
  day: number,
  hour = 0,
  minute = 0,
  second = 0,
  millisecond = 0,
): number {
  const asUtc = Date.UTC(year, month - 1, day, hour, minute, second, millisecond);
  // Two passes settle the offset except inside a DST gap, which is good enough here.
  let guess = asUtc - offsetMinutes(asUtc, zone) * 60_000;
  guess = asUtc - offsetMinutes(guess, zone) * 60_000;
  return guess;
}

const SERIAL_EPOCH = Date.UTC(1899, 11, 30);
const DAY_MS = 86_400_000;

/** Sheets' serial number for an instant, read on the zone's wall clock. */
export function toSerial(instant: number, zone: Zone): number {
  const w = wallClock(instant, zone);
  const asUtc = Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second, w.millisecond);
  return (asUtc - SERIAL_EPOCH) / DAY_MS;
}

/** The instant a serial number names in the zone. */
export function fromSerial(serial: number, zone: Zone): number {
  const asUtc = SERIAL_EPOCH + Math.round(serial * DAY_MS);
  const d = new Date(asUtc);
  return fromWallClock(
    zone,
    d.getUTCFullYear(),
    d.getUTCMonth() + 1,
    d.getUTCDate(),
    d.getUTCHours(),
    d.getUTCMinutes(),
    d.getUTCSeconds(),
    d.getUTCMilliseconds(),
  );
}

/** True when a value is a Date from any realm (the bundle's Dates come from the vm context). */
export function isDate(value: unknown): value is Date {
  return Object.prototype.toString.call(value) === '[object Date]';
}
