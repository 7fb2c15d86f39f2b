/**
 * Number custom fields. A number cell is taken as it is; text is read when it is a number written
 * with thousands separators ("1,234.50", "1 234", "1.234.567"). A decimal comma ("12,5") is read
 * with a warning, since the same text means something else in other locales.
 */
import { quote } from '../text';
import { accept, acceptWithWarning, reject, type Verdict } from './verdict';

const PLAIN = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:e[+-]?\d+)?$/i;
const COMMA_THOUSANDS = /^[+-]?\d{1,3}(?:,\d{3})+(?:\.\d+)?$/;
const DOT_THOUSANDS = /^[+-]?\d{1,3}(?:\.\d{3}){2,}$/;
const DOT_THOUSANDS_DECIMAL_COMMA = /^[+-]?\d{1,3}(?:\.\d{3})+,\d+$/;
const DECIMAL_COMMA = /^[+-]?\d+,\d+$/;
const SPACE_THOUSANDS = /^[+-]?\d{1,3}(?:[\s\u00a0\u202f\u2009']\d{3})+(?:[.,]\d+)?$/;
const CURRENCY =
  /^(?:[$€£¥₹₩₱฿]|rm|usd|myr|sgd|eur|gbp|idr|php|thb|inr)\s*|\s*(?:[$€£¥₹₩₱฿]|rm|usd|myr|sgd|eur|gbp|idr|php|thb|inr)$/gi;

function finite(value: number, text: string): Verdict<number> {
  return Number.isFinite(value)
    ? accept(value)
    : reject(`${quote(text)} is too large to be a number`);
}

/** The number a text means, with a warning when a decimal comma was read; null if none. */
function readNumber(text: string): Verdict<number> | null {
  const compact = SPACE_THOUSANDS.test(text) ? text.replace(/[\s\u00a0\u202f\u2009']/g, '') : text;
  if (PLAIN.test(compact)) return finite(Number(compact), text);
  if (COMMA_THOUSANDS.test(compact)) return finite(Number(compact.replace(/,/g, '')), text);
  if (DOT_THOUSANDS.test(compact)) return finite(Number(compact.replace(/\./g, '')), text);
  if (DOT_THOUSANDS_DECIMAL_COMMA.test(compact) || DECIMAL_COMMA.test(compact)) {
    const value = Number(compact.replace(/\./g, '').replace(',', '.'));
    if (!Number.isFinite(value)) return reject(`${quote(text)} is too large to be a number`);
    return acceptWithWarning(
      value,
      `${quote(text)} read as ${value} (comma as decimal point) — write it as ${value}`,
      String(value),
    );
  }
  return null;
}

export function normaliseNumberText(raw: string): Verdict<number> {
  const text = raw.trim();
  const read = text.length <= 40 ? readNumber(text) : null;
  if (read) return read;
  const bare = text.length <= 40 ? text.replace(CURRENCY, '').trim() : '';
  const withoutCurrency = bare && bare !== text ? readNumber(bare) : null;
  if (withoutCurrency?.ok) {
    return reject(
      `${quote(text)} has a currency — write only the number, e.g. ${withoutCurrency.value}`,
      String(withoutCurrency.value),
    );
  }
  return reject(`${quote(text)} is not a number — write digits only, e.g. 1234.5`);
}

export function normaliseNumberCell(value: number): Verdict<number> {
  return Number.isFinite(value) ? accept(value) : reject('the cell does not hold a usable number');
}
