/**
 * Country Code values: ISO 3166-1 alpha-2. A code in any case is taken silently; a country name,
 * alias or alpha-3 code is taken with a warning that suggests the code.
 */
import { foldKey, quote } from '../text';
import { COUNTRY_ALIASES, COUNTRY_NAMES } from './countryCodes';
import { accept, acceptWithWarning, reject, type Verdict } from './verdict';

const CODE_BY_FOLDED_NAME: ReadonlyMap<string, string> = new Map([
  ...[...COUNTRY_NAMES].map(([code, name]) => [foldKey(name), code] as const),
  ...COUNTRY_ALIASES.map(([name, code]) => [foldKey(name), code] as const),
]);

export function isCountryCode(code: string): boolean {
  return COUNTRY_NAMES.has(code);
}

export function countryName(code: string): string {
  return COUNTRY_NAMES.get(code) ?? code;
}

/** Upper-cased code if `text` is one (in any case), else null. */
export function countryCodeOf(text: string): string | null {
  const trimmed = text.trim();
  if (trimmed.length !== 2) return null;
  const upper = trimmed.toUpperCase();
  return COUNTRY_NAMES.has(upper) ? upper : null;
}

export function normaliseCountry(text: string): Verdict<string> {
  const code = countryCodeOf(text);
  if (code !== null) return accept(code);
  const named = text.length <= 80 ? CODE_BY_FOLDED_NAME.get(foldKey(text)) : undefined;
  if (named !== undefined) {
    return acceptWithWarning(
      named,
      `${quote(text.trim())} read as ${named} (${countryName(named)}) — countries are written as two-letter codes`,
      named,
    );
  }
  return reject(
    `${quote(text.trim())} is not a country code — use two letters (ISO 3166-1), e.g. MY for Malaysia`,
  );
}
