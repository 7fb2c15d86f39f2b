/**
 * Phone numbers, normalised to E.164 with libphonenumber-js.
 *
 * Metadata choice: `libphonenumber-js/max` (~145 KB of metadata) rather than `min` (~80 KB).
 * `min` validates by length only, so a mistyped number of the right length (a wrong mobile
 * prefix, a landline digit where a mobile starts) would pass review and fail only at the
 * workspace, or worse, become a contact that can never be messaged. Every such row costs the
 * person an API call from a daily quota and a confusing error after the import. The extra ~65 KB
 * is parsed once per Apps Script execution (a few milliseconds), well inside the 6-minute budget
 * and far below the script size limit; the per-number cost in the benchmark is about the same.
 * `mobile` was rejected because it would refuse landlines, which SMS and voice channels can use.
 * The trade-off, as the library's author warns, is that precise rules go stale: keep the package
 * updated so newly assigned ranges are accepted.
 */
import {
  getCountries,
  getCountryCallingCode,
  isSupportedCountry,
  parsePhoneNumberFromString,
  validatePhoneNumberLength,
  type CountryCode,
  type PhoneNumber,
} from 'libphonenumber-js/max';
import { MAX_PHONE_TEXT_LENGTH } from '../limits';
import { countText, quote, stripInvisible } from '../text';
import { isScientific, lossyNumberMessage } from './cell';
import { countryName } from './country';
import { accept, acceptWithWarning, reject, type Verdict } from './verdict';

export interface PhoneOptions {
  /** The default country from the settings, used for numbers written without a country code. */
  readonly defaultCountry: string | null;
  /** The row's own Country Code, used only to word the fix when there is no default country. */
  readonly hintCountry?: string | null;
  /** The cell held a number: a leading + was dropped by the sheet, so say so. */
  readonly fromNumberCell?: boolean;
  /** The row's own country (a mapped Country Code column): beats the default country. */
  readonly rowCountry?: string | null;
  /** The row's calling code (a calling-code column, e.g. "91"): joined to a number without +. */
  readonly callingCode?: string | null;
  /** The export writes international numbers without the + (WhatsApp tools: 919876543210). */
  readonly digitsAreInternational?: boolean;
}

const CALLING_CODES: ReadonlySet<string> = new Set(
  getCountries().map((c) => String(getCountryCallingCode(c))),
);

/** The digits of a calling code ("91", "+971", "00 60"), or null when the text is not one. */
export function callingCodeDigits(text: string): string | null {
  const digits = /^\s*(?:\+|00)?\s*(\d{1,4})\s*$/.exec(text)?.[1];
  return digits !== undefined && CALLING_CODES.has(digits) ? digits : null;
}

/** Whether a valid E.164 number is a mobile (or may be one): a landline cannot get WhatsApp. */
export function mobileRank(e164: string): number {
  const type = parsePhoneNumberFromString(e164)?.getType();
  if (type === 'MOBILE') return 2;
  if (type === 'FIXED_LINE_OR_MOBILE' || type === undefined) return 1;
  return 0;
}

/** Digits of a valid E.164 number's national (significant) number: 4 to 15. */
export function nationalNumberLength(e164: string): number {
  return parsePhoneNumberFromString(e164)?.nationalNumber.length ?? 0;
}

function supported(code: string | null | undefined): CountryCode | null {
  return code && isSupportedCountry(code) ? code : null;
}

export function callingCodeOf(country: string): string | null {
  const code = supported(country);
  return code === null ? null : `+${getCountryCallingCode(code)}`;
}

function whereText(number: PhoneNumber | undefined, fallbackCountry: CountryCode | null): string {
  const country = number?.country ?? fallbackCountry ?? null;
  if (country) return `${countryName(country)} (+${getCountryCallingCode(country)})`;
  if (number) return `country code +${number.countryCallingCode}`;
  return 'its country';
}

/** Why a number that did not validate failed, in words, with the fix. */
function invalidReason(text: string, country: CountryCode | null): string {
  const parsed = parsePhoneNumberFromString(text, country ?? undefined);
  const where = whereText(parsed, country);
  switch (validatePhoneNumberLength(text, country ?? undefined)) {
    case 'INVALID_COUNTRY':
      return 'the country code after + does not exist — check the number';
    case 'NOT_A_NUMBER':
      return `${quote(text)} is not a phone number — leave the cell empty if there is none`;
    case 'TOO_SHORT':
      return `too short for ${where} — check the digits`;
    case 'TOO_LONG':
      return `too long for ${where} — check the digits`;
    case 'INVALID_LENGTH':
      return `wrong number of digits for ${where} — check the digits`;
    default:
      return `not a valid number for ${where} — check the digits`;
  }
}

function validNumber(text: string, country?: CountryCode): PhoneNumber | null {
  const parsed = parsePhoneNumberFromString(text, country);
  return parsed && parsed.isValid() ? parsed : null;
}

/** Accepts a valid number, warning when an extension had to be dropped. */
function acceptNumber(number: PhoneNumber, warning: string | null): Verdict<string> {
  const e164 = number.number;
  if (!number.ext) return warning === null ? accept(e164) : acceptWithWarning(e164, warning, e164);
  const ext = `extension ${number.ext} dropped (contacts have no extension)`;
  return acceptWithWarning(e164, warning === null ? ext : `${warning}; ${ext}`, e164);
}

const SEPARATORS = /[/;,|\n]|\bor\b|&/i;
const PUNCTUATION = /[\s\-().\u00a0\u2010-\u2015\u2212]/g;

function holdsSeveralNumbers(text: string): boolean {
  if (!SEPARATORS.test(text)) return false;
  const parts = text.split(new RegExp(SEPARATORS.source, 'gi'));
  return parts.filter((part) => (part.match(/\d/g)?.length ?? 0) >= 7).length >= 2;
}

/** The common case: ASCII digits with the usual punctuation, nothing to clean up first. */
const SIMPLE = /^\s*\+?[\d\s\-().]{4,40}$/;

/** The number without punctuation, or an error when the text cannot be one number. */
function compactNumber(raw: string): Verdict<string> {
  if (SIMPLE.test(raw)) return accept(raw.replace(PUNCTUATION, ''));
  const text = stripInvisible(raw).trim();
  if (isScientific(text)) return reject(lossyNumberMessage(text));
  if (text.length > MAX_PHONE_TEXT_LENGTH) {
    return reject(
      `${countText(text.length)} characters is too long for a phone number — keep only the number`,
    );
  }
  if (holdsSeveralNumbers(text)) {
    return reject('holds more than one number — keep one (put others in a custom field)');
  }
  if (!/\p{Nd}/u.test(text)) {
    return reject(`${quote(text)} is not a phone number — leave the cell empty if there is none`);
  }
  return accept(text.replace(PUNCTUATION, '').replace(/^＋/, '+'));
}

export function normalisePhoneText(raw: string, options: PhoneOptions): Verdict<string> {
  const compacted = compactNumber(raw);
  if (!compacted.ok) return compacted;
  let compact = compacted.value;
  const rowCountry = supported(options.rowCountry);
  const defaultCountry = rowCountry ?? supported(options.defaultCountry);

  // A calling code from its own column: "91" + "98765 43210" (a national 0 prefix is dropped).
  const code = options.callingCode ? callingCodeDigits(options.callingCode) : null;
  if (code !== null && !compact.startsWith('+') && !compact.startsWith('00')) {
    const national =
      compact.startsWith(code) && validNumber(`+${compact}`) ? compact.slice(code.length) : compact;
    const joined = validNumber(`+${code}${national.replace(/^0+/, '')}`);
    if (joined) return acceptNumber(joined, null);
    return reject(invalidReason(`+${code}${national.replace(/^0+/, '')}`, null));
  }
  if (options.digitsAreInternational && /^\d{8,15}$/.test(compact) && !compact.startsWith('0')) {
    const international = validNumber(`+${compact}`);
    if (international) return acceptNumber(international, null);
  }
  if (compact.startsWith('＋')) compact = `+${compact.slice(1)}`;

  if (compact.startsWith('+')) {
    const number = validNumber(compact);
    return number ? acceptNumber(number, null) : reject(invalidReason(compact, null));
  }

  // "0060…": the 00 exit code people dial instead of +.
  if (compact.startsWith('00')) {
    const dialled = validNumber(`+${compact.slice(2)}`);
    if (dialled) return acceptNumber(dialled, `00 read as +: ${dialled.number}`);
  }

  if (defaultCountry) {
    const national = validNumber(compact, defaultCountry);
    if (national) {
      // The row's own country says where the number is: nothing to warn about.
      if (rowCountry) return acceptNumber(national, null);
      const where = whereText(undefined, defaultCountry);
      return acceptNumber(national, `no country code — read as ${where}: ${national.number}`);
    }
  }

  // Written internationally without the +, e.g. "60…" in a number cell that swallowed it.
  const withPlus = validNumber(`+${compact}`);
  if (withPlus && (defaultCountry || options.fromNumberCell)) {
    const why = options.fromNumberCell
      ? `the + was lost because the cell holds a number — read as ${withPlus.number}; format the column as plain text`
      : `no + — read as ${withPlus.number}, ${whereText(withPlus, null)}`;
    return acceptNumber(withPlus, why);
  }

  if (defaultCountry) return reject(invalidReason(compact, defaultCountry));

  const hint = supported(options.hintCountry);
  const hinted = hint ? validNumber(compact, hint) : null;
  if (hint && hinted) {
    return reject(
      `no country code — add ${callingCodeOf(hint)} or set a default country`,
      hinted.number,
    );
  }
  if (withPlus) {
    return reject(
      `no country code — did you mean ${withPlus.number}? Add the + or set a default country`,
      withPlus.number,
    );
  }
  return reject('no country code — add + and the country code, or set a default country');
}
