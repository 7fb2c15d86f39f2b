/**
 * How Sheets types what a script writes, how it gives values back, and how it displays them.
 *
 * Google treats a string written by setValue(s)/appendRow like text a person typed: "=…" is a
 * formula, "123" and "+60123456789" become numbers, "TRUE" a boolean, "2024-01-05" a date, and
 * a leading apostrophe forces text — unless the cell's number format is plain text ('@').
 * Dates are stored as serial numbers with a date format, so changing a date cell's format to a
 * number format makes getValues return the serial, and the reverse turns a number into a Date.
 */
import { fromSerial, fromWallClock, isDate, toSerial, wallClock, type Zone } from './dates';
import { formatSheetsDate } from './date-patterns';
import {
  DATE_FORMAT,
  DATE_TIME_FORMAT,
  formatAutomaticNumber,
  formatNumberPattern,
  isAutomaticFormat,
  isDateTimeFormat,
  isPlainTextFormat,
} from './number-format';

export type CellValue = string | number | boolean | Date;

export interface WrittenCell {
  value: CellValue;
  formula?: string;
  /** A number format Sheets assigns as a side effect (only when the cell had none). */
  numberFormat?: string;
}

const NUMBER = /^[+-]?(?:\d{1,3}(?:,\d{3})+|\d+)?(?:\.\d+)?(?:[eE][+-]?\d+)?$/;
const PERCENT = /^([+-]?(?:\d+(?:\.(\d+))?|\.\d+))%$/;
const ISO_DATE = /^(\d{4})-(\d{1,2})-(\d{1,2})$/;
const US_DATE = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/;

/** Interprets one written value; `format` is the cell's current number format. */
export function interpretWritten(input: unknown, format: string, zone: Zone): WrittenCell {
  if (input === null || input === undefined) return { value: '' };
  if (isDate(input)) {
    const date = new Date(input.getTime());
    if (Number.isNaN(date.getTime())) return { value: '' };
    if (!isAutomaticFormat(format)) return { value: date };
    return { value: date, numberFormat: isMidnight(date, zone) ? DATE_FORMAT : DATE_TIME_FORMAT };
  }
  if (typeof input === 'number' || typeof input === 'boolean') return { value: input };
  const text = typeof input === 'string' ? input : String(input);
  if (isPlainTextFormat(format)) return { value: text };
  return interpretTyped(text, format, zone);
}

function interpretTyped(text: string, format: string, zone: Zone): WrittenCell {
  if (text.startsWith("'")) return { value: text.slice(1) };
  if (text.length > 1 && text.startsWith('=')) return { value: '', formula: text };
  const trimmed = text.trim();
  if (trimmed === '') return { value: text };
  const automatic = isAutomaticFormat(format);
  if (NUMBER.test(trimmed) && /\d/.test(trimmed))
    return { value: Number(trimmed.replace(/,/g, '')) };
  const percent = PERCENT.exec(trimmed);
  if (percent) {
    const decimals = percent[2]?.length ?? 0;
    const numberFormat = decimals > 0 ? `0.${'0'.repeat(decimals)}%` : '0%';
    return { value: Number(percent[1]) / 100, ...(automatic ? { numberFormat } : {}) };
  }
  if (/^(true|false)$/i.test(trimmed)) return { value: trimmed.toLowerCase() === 'true' };
  const date = parseDate(trimmed, zone);
  if (date) return { value: date.value, ...(automatic ? { numberFormat: date.format } : {}) };
  return { value: text };
}

function parseDate(text: string, zone: Zone): { value: Date; format: string } | null {
  const iso = ISO_DATE.exec(text);
  const us = iso ? null : US_DATE.exec(text);
  const match = iso ?? us;
  if (!match) return null;
  const [year, month, day] = iso
    ? [Number(iso[1]), Number(iso[2]), Number(iso[3])]
    : [Number(match[3]), Number(match[1]), Number(match[2])];
  const probe = new Date(Date.UTC(year, month - 1, day));
  if (probe.getUTCMonth() !== month - 1 || probe.getUTCDate() !== day) return null;
  return {
    value: new Date(fromWallClock(zone, year, month, day)),
    format: iso ? 'yyyy-mm-dd' : DATE_FORMAT,
  };
}

function isMidnight(date: Date, zone: Zone): boolean {
  const w = wallClock(date.getTime(), zone);
  return w.hour === 0 && w.minute === 0 && w.second === 0 && w.millisecond === 0;
}

/** The value getValues returns for a stored value under a number format (always a copy). */
export function readValue(stored: CellValue, format: string, zone: Zone): CellValue {
  if (typeof stored === 'number') {
    return isDateTimeFormat(format) ? new Date(fromSerial(stored, zone)) : stored;
  }
  if (typeof stored === 'object') {
    if (!isAutomaticFormat(format) && !isPlainTextFormat(format) && !isDateTimeFormat(format)) {
      return toSerial(stored.getTime(), zone);
    }
    return new Date(stored.getTime());
  }
  return stored;
}

/** The text Sheets shows for a stored value under a number format (getDisplayValues). */
export function displayValue(stored: CellValue, format: string, zone: Zone): string {
  if (stored === '') return '';
  if (typeof stored === 'string') return stored;
  if (typeof stored === 'boolean') return stored ? 'TRUE' : 'FALSE';
  if (typeof stored === 'object') {
    const instant = stored.getTime();
    if (isDateTimeFormat(format)) return formatSheetsDate(instant, zone, format);
    if (isAutomaticFormat(format) || isPlainTextFormat(format)) {
      return formatSheetsDate(
        instant,
        zone,
        isMidnight(stored, zone) ? DATE_FORMAT : DATE_TIME_FORMAT,
      );
    }
    return formatNumberPattern(toSerial(instant, zone), format);
  }
  if (isDateTimeFormat(format)) return formatSheetsDate(fromSerial(stored, zone), zone, format);
  if (isAutomaticFormat(format) || isPlainTextFormat(format)) return formatAutomaticNumber(stored);
  return formatNumberPattern(stored, format);
}
