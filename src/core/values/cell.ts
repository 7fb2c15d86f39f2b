/**
 * What a raw cell holds, as `Range.getValues()` gives it (string, number, boolean, Date, '')
 * with the matching `getDisplayValues()` text when the driver has it.
 */
import { quote } from '../text';
import { formatDate, formatTime, type Zone } from './datetime';
import { accept, reject, type Verdict } from './verdict';

/**
 * A Date from any realm. The core runs in another realm than the sheet values in tests (a Node
 * `vm` context) and possibly on Apps Script, where `instanceof Date` would be false.
 */
export function isDateValue(value: unknown): value is Date {
  return Object.prototype.toString.call(value) === '[object Date]';
}

export function isBlank(value: unknown): boolean {
  if (value === '' || value === null || value === undefined) return true;
  if (typeof value !== 'string') return false;
  // Called for every cell, twice: decide from the first character when it is plainly visible.
  const first = value.charCodeAt(0);
  if (first > 32 && first !== 160 && first < 0x1680) return false;
  return value.trim() === '';
}

/** The error values Sheets shows for a failed formula; getValues() gives them as text. */
export const FORMULA_ERRORS: ReadonlySet<string> = new Set([
  '#N/A',
  '#REF!',
  '#VALUE!',
  '#DIV/0!',
  '#NAME?',
  '#ERROR!',
  '#NUM!',
  '#NULL!',
]);

function errorCode(text: string): string | null {
  // Cheap first look: error values start with "#", perhaps after a space.
  if (text.length > 12 || !text.includes('#')) return null;
  const upper = text.trim().toUpperCase();
  return FORMULA_ERRORS.has(upper) ? upper : null;
}

/** The formula error a cell shows, or null. */
export function formulaError(value: unknown, display?: string): string | null {
  if (typeof value === 'string') {
    const code = errorCode(value);
    if (code !== null) return code;
  }
  return display === undefined ? null : errorCode(display);
}

export function formulaErrorMessage(code: string): string {
  return `the cell shows the formula error ${code} — fix the formula or type the value`;
}

/** "6.01235E+10", "1,23E+11": how Sheets shows a long number in a narrow or General cell. */
const SCIENTIFIC = /^[+-]?(\d)(?:[.,](\d+))?e[+-]?\d+$/i;

export function isScientific(text: string): boolean {
  return SCIENTIFIC.test(text.trim());
}

export function lossyNumberMessage(shown: string): string {
  return `the sheet turned this number into ${shown} and lost digits — format the column as plain text and re-enter it`;
}

/**
 * The digits of a number cell, as exactly as the sheet still knows them. The display text wins
 * when it is plain (it keeps leading zeros a number format adds); when it is in scientific
 * notation the raw number is used only if it holds more digits than the display shows,
 * otherwise the digits are gone.
 */
export function numberCellText(raw: number, display?: string): Verdict<string> {
  const shown = display?.trim();
  if (shown && !SCIENTIFIC.test(shown)) return accept(shown);
  const plain = Number.isSafeInteger(raw) ? String(raw) : null;
  if (shown) {
    const mantissa = SCIENTIFIC.exec(shown);
    const shownDigits = 1 + (mantissa?.[2]?.length ?? 0);
    const rawDigits = plain === null ? 0 : plain.replace(/^-/, '').replace(/0+$/, '').length;
    if (plain !== null && rawDigits > shownDigits) return accept(plain);
    return reject(lossyNumberMessage(shown));
  }
  if (plain !== null) return accept(plain);
  const text = String(raw);
  if (!Number.isFinite(raw) || /e/i.test(text)) return reject(lossyNumberMessage(text));
  return accept(text);
}

/** A Date cell written as text: the date, plus the time when it is not midnight. */
export function dateCellText(raw: Date, zone: Zone): string {
  const parts = zone(raw.getTime());
  const date = formatDate(parts.year, parts.month, parts.day);
  return parts.hour === 0 && parts.minute === 0
    ? date
    : `${date} ${formatTime(parts.hour, parts.minute)}`;
}

/**
 * Any non-blank cell as text for a text-like field. Numbers, booleans and dates are converted
 * the way the sheet shows them; only a number that lost its digits is an error.
 */
export function cellText(raw: unknown, display: string | undefined, zone: Zone): Verdict<string> {
  if (typeof raw === 'string') return accept(raw);
  if (typeof raw === 'number') return numberCellText(raw, display);
  if (typeof raw === 'boolean') return accept(display?.trim() || (raw ? 'TRUE' : 'FALSE'));
  if (isDateValue(raw)) {
    if (display?.trim()) return accept(display.trim());
    if (!Number.isFinite(raw.getTime())) return reject('the date cell is invalid — re-enter it');
    return accept(dateCellText(raw, zone));
  }
  if (display !== undefined) return accept(display);
  return reject(`${quote(String(raw))} cannot be read — re-enter the value`);
}

/** How a non-text value is named in messages: "the date 2026-11-22", "TRUE". */
export function describeCell(raw: unknown, display: string | undefined, zone: Zone): string {
  if (isDateValue(raw)) {
    return Number.isFinite(raw.getTime())
      ? `the date ${dateCellText(raw, zone)}`
      : 'an invalid date';
  }
  if (typeof raw === 'boolean') return raw ? 'TRUE' : 'FALSE';
  const text = display?.trim() || String(raw);
  return quote(text);
}
