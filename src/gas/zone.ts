/**
 * The spreadsheet's time zone as core reads dates with it: offsets from Utilities.formatDate.
 *
 * Google documents no Intl time-zone support for Apps Script's V8 (the V8 runtime guide,
 * https://developers.google.com/apps-script/guides/v8-runtime, promises ECMAScript syntax,
 * not ICU zone data), so the add-on does not rely on it. Utilities.formatDate(date, timeZone,
 * format) is Google's documented way to see an instant in a zone
 * (https://developers.google.com/apps-script/reference/utilities/utilities#formatDate(Date,String,String)).
 * The wall clock it prints, less the instant, is the offset, to the second (historic local mean
 * time, e.g. Kolkata's +05:53:20 on Sheets' 30 Dec 1899 time-only cells, has seconds that
 * the 'Z' pattern would drop). Core caches the offsets per week and bisects around
 * transitions (cachedOffsets), so a long date column costs few calls.
 */
import { cachedOffsets, type OffsetLookup } from '../core/values/zone-offsets';

const WALL = /^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2}):(\d{2})$/;

/** The zone's offset from UTC in minutes at an instant, by one Utilities.formatDate call. */
function formatDateOffset_(timeZone: string): OffsetLookup {
  return (epochMs) => {
    const at = Math.floor(epochMs / 1000) * 1000;
    const wall = WALL.exec(Utilities.formatDate(new Date(at), timeZone, 'yyyy-MM-dd HH:mm:ss'));
    if (!wall) return 0; // years outside 0000–9999: core rejects such dates anyway
    const [, y, mo, d, h, mi, s] = wall.map(Number) as number[];
    const utc = Date.UTC(y!, mo! - 1, d!, h!, mi!, s!);
    // Date.UTC reads years 0–99 as 1900–1999.
    const wallMs = y! < 100 ? new Date(utc).setUTCFullYear(y!) : utc;
    return (wallMs - at) / 60_000;
  };
}

/** Offsets for core's ValidationContext.utcOffsetMinutes: cached, computed on first use. */
export function zoneOffsets_(timeZone: string): OffsetLookup {
  return cachedOffsets(formatDateOffset_(timeZone));
}
