/**
 * One reader per mapped column: turns a non-blank raw cell (any type getValues() gives) into the
 * normalised value for its field, or says what is wrong. Readers whose answer depends only on
 * the cell text cache it per distinct text, since contact lists repeat the same countries,
 * options and dates over and over.
 *
 * Phones are the hot path but are not cached: in a contact list nearly every number is distinct
 * (duplicates are errors), so a cache only adds a map entry per row. On the 200,000-row benchmark
 * a cache took ~35 MB more and was no faster (slower in most interleaved runs); the phone module
 * keeps its own fast path for tidy numbers instead.
 */
import type { CustomFieldValue } from '../api/schemas';
import type { FieldDef } from './fields';
import { MAX_TEXT_LENGTH } from './limits';
import { cellText, describeCell, isDateValue, numberCellText } from './values/cell';
import { normaliseCheckboxNumber, normaliseCheckboxText } from './values/checkbox';
import { normaliseContactIdText } from './values/contactId';
import { normaliseCountry } from './values/country';
import {
  normaliseDateCell,
  normaliseDateText,
  normaliseTimeCell,
  normaliseTimeText,
  type DateOrder,
  type Zone,
} from './values/datetime';
import { normaliseEmailText } from './values/email';
import { normaliseLanguage } from './values/language';
import { listMatcher } from './values/list';
import { normaliseNumberCell, normaliseNumberText } from './values/number';
import { reject, type Verdict } from './values/verdict';
import { callingCodeDigits, normalisePhoneText } from './values/phone';
import { splitTags } from './values/tags';
import {
  normaliseFreeText,
  normaliseName,
  splitFullName,
  type SplitName,
} from './values/textField';
import { normaliseUrlText } from './values/url';

export type FieldValue = CustomFieldValue | string[] | SplitName;

function readCallingCode(text: string): Verdict<string> {
  const digits = callingCodeDigits(text);
  return digits === null
    ? reject(`${text.trim()} is not a calling code — write digits such as 91 or +971`)
    : { ok: true, value: digits };
}

/** What a reader may know about the rest of the row (read before it). */
export interface RowHints {
  /** The row's Country Code, when its column is mapped and the value is valid. */
  country: string | null;
  /** The row's calling code, when a calling-code column is mapped and the value is one. */
  callingCode?: string | null;
}

export type CellReader = (
  raw: unknown,
  display: string | undefined,
  hints: RowHints,
) => Verdict<FieldValue | null>;

export interface ReaderContext {
  readonly zone: Zone;
  readonly defaultCountry: string | null;
  /** The sheet's export writes international numbers without + (see exports/catalogue.ts). */
  readonly digitsAreInternational?: boolean;
  /** Day-first or month-first, when the column or the spreadsheet's locale settles it. */
  readonly dateOrder?: (column: number) => DateOrder | null;
  readonly column?: number;
}

/** Cached answers per reader; cleared when full so memory stays bounded on huge sheets. */
const CACHE_LIMIT = 250_000;
/** Longer texts are rarely repeated and would only hold memory as keys. */
const CACHE_KEY_LIMIT = 200;

function cached<T>(read: (text: string) => Verdict<T>): (text: string) => Verdict<T> {
  const cache = new Map<string, Verdict<T>>();
  return (text) => {
    if (text.length > CACHE_KEY_LIMIT) return read(text);
    let verdict = cache.get(text);
    if (verdict === undefined) {
      verdict = read(text);
      if (cache.size >= CACHE_LIMIT) cache.clear();
      cache.set(text, verdict);
    }
    return verdict;
  };
}

/** A reader for fields that take any cell as text and check the text. */
function viaText<T extends FieldValue | null>(
  zone: Zone,
  check: (text: string) => Verdict<T>,
): CellReader {
  return (raw, display) => {
    if (typeof raw === 'string') return check(raw);
    const text = cellText(raw, display, zone);
    return text.ok ? check(text.value) : text;
  };
}

function phoneReader({ zone, defaultCountry, digitsAreInternational }: ReaderContext): CellReader {
  let hints: RowHints = { country: null };
  const read = (text: string, fromNumberCell: boolean, hint: string | null): Verdict<string> =>
    normalisePhoneText(text, {
      defaultCountry,
      hintCountry: hint,
      rowCountry: hint,
      callingCode: hints.callingCode ?? null,
      digitsAreInternational: digitsAreInternational === true,
      fromNumberCell,
    });
  return (raw, display, rowHints) => {
    hints = rowHints;
    if (typeof raw === 'string') return read(raw, false, hints.country);
    if (typeof raw === 'number') {
      if (!Number.isInteger(raw)) {
        return reject(`${describeCell(raw, display, zone)} is not a phone number`);
      }
      const text = numberCellText(raw, display);
      if (!text.ok) return text;
      return read(text.value, !text.value.trim().startsWith('+'), hints.country);
    }
    if (isDateValue(raw)) {
      return reject(
        'the sheet turned this into a date — format the column as plain text and re-enter the number',
      );
    }
    return reject(`${describeCell(raw, display, zone)} is not a phone number`);
  };
}

function emailReader(zone: Zone): CellReader {
  return (raw, display) =>
    typeof raw === 'string'
      ? normaliseEmailText(raw)
      : reject(`${describeCell(raw, display, zone)} is not an email address`);
}

function contactIdReader(zone: Zone): CellReader {
  return (raw, display) => {
    if (typeof raw === 'string') return normaliseContactIdText(raw);
    if (typeof raw === 'number') {
      const text = numberCellText(raw, display);
      return text.ok ? normaliseContactIdText(text.value) : text;
    }
    return reject(`${describeCell(raw, display, zone)} is not a contact ID`);
  };
}

function numberReader(zone: Zone): CellReader {
  const fromText = cached(normaliseNumberText);
  return (raw, display) => {
    if (typeof raw === 'number') return normaliseNumberCell(raw);
    if (typeof raw === 'string') return fromText(raw);
    if (isDateValue(raw)) {
      return reject(`${describeCell(raw, display, zone)} is a date, not a number`);
    }
    return reject(`${describeCell(raw, display, zone)} is not a number — write digits only`);
  };
}

function dateReader(zone: Zone, order: () => DateOrder | null): CellReader {
  const byOrder = new Map<string, (text: string) => Verdict<string>>();
  const fromText = (text: string): Verdict<string> => {
    const o = order() ?? 'none';
    let read = byOrder.get(o);
    if (!read) {
      read = cached((t) => normaliseDateText(t, o === 'none' ? null : o));
      byOrder.set(o, read);
    }
    return read(text);
  };
  return (raw, display) => {
    if (isDateValue(raw)) return normaliseDateCell(raw.getTime(), zone);
    if (typeof raw === 'string') return fromText(raw);
    if (typeof raw === 'number') {
      return reject(
        `${describeCell(raw, display, zone)} is a number, not a date — write the date as yyyy-mm-dd`,
      );
    }
    return reject(`${describeCell(raw, display, zone)} is not a date — write it as yyyy-mm-dd`);
  };
}

function timeReader(zone: Zone): CellReader {
  const fromText = cached(normaliseTimeText);
  return (raw, display) => {
    if (isDateValue(raw)) {
      // A time cell is shown as the person typed it; its Date sits in 1899, where time zones
      // had odd historical offsets, so the display text is the better witness.
      const shown = display?.trim() ? fromText(display) : null;
      return shown?.ok ? { ok: true, value: shown.value } : normaliseTimeCell(raw.getTime(), zone);
    }
    if (typeof raw === 'string') return fromText(raw);
    return reject(`${describeCell(raw, display, zone)} is not a time — write it as HH:MM (24 h)`);
  };
}

function checkboxReader(zone: Zone): CellReader {
  const fromText = cached(normaliseCheckboxText);
  return (raw, display) => {
    if (typeof raw === 'boolean') return { ok: true, value: raw };
    if (typeof raw === 'number') return normaliseCheckboxNumber(raw);
    if (typeof raw === 'string') return fromText(raw);
    return reject(
      `${describeCell(raw, display, zone)} is not a checkbox value — use TRUE or FALSE`,
    );
  };
}

export function makeReader(field: FieldDef, context: ReaderContext): CellReader {
  const { zone } = context;
  switch (field.valueType) {
    case 'name':
      return viaText(zone, normaliseName);
    case 'fullName':
      return viaText(zone, splitFullName);
    case 'phone':
      return phoneReader(context);
    case 'email':
    case 'custom-email':
      return emailReader(zone);
    case 'language':
      return viaText(zone, cached(normaliseLanguage));
    case 'country':
      return viaText(zone, cached(normaliseCountry));
    case 'profilePic':
      return viaText(zone, (text) => normaliseUrlText(text, { requireScheme: true }));
    case 'custom-url':
      return viaText(zone, (text) => normaliseUrlText(text, { requireScheme: false }));
    case 'tags':
      return viaText(zone, splitTags);
    case 'contactId':
      return contactIdReader(zone);
    case 'callingCode':
      return viaText(zone, cached(readCallingCode));
    case 'custom-text':
      return viaText(zone, (text) => normaliseFreeText(text, MAX_TEXT_LENGTH));
    case 'custom-list':
      return viaText(zone, cached(listMatcher(field.options)));
    case 'custom-number':
      return numberReader(zone);
    case 'custom-date':
      return dateReader(zone, () => context.dateOrder?.(context.column ?? -1) ?? null);
    case 'custom-time':
      return timeReader(zone);
    case 'custom-checkbox':
      return checkboxReader(zone);
  }
}
