/**
 * Language values: ISO 639-1 two-letter codes. A code in any case is taken silently; a locale
 * ("en-US", "pt_BR") or a language name ("Malay", "Español") is taken with a warning that
 * suggests the code.
 */
import { foldKey, quote } from '../text';
import { LANGUAGE_ALIASES, LANGUAGE_NAMES } from './languageCodes';
import { accept, acceptWithWarning, reject, type Verdict } from './verdict';

const CODE_BY_FOLDED_NAME: ReadonlyMap<string, string> = new Map([
  ...[...LANGUAGE_NAMES].map(([code, name]) => [foldKey(name), code] as const),
  ...LANGUAGE_ALIASES.map(([name, code]) => [foldKey(name), code] as const),
]);

const LOCALE = /^([a-z]{2})[-_][a-z0-9]{2,8}(?:[-_][a-z0-9]{1,8})*$/i;

export function normaliseLanguage(text: string): Verdict<string> {
  const trimmed = text.trim();
  const lower = trimmed.toLowerCase();
  if (lower.length === 2 && LANGUAGE_NAMES.has(lower)) return accept(lower);
  const locale = LOCALE.exec(trimmed);
  const primary = locale?.[1]?.toLowerCase();
  if (primary !== undefined && LANGUAGE_NAMES.has(primary)) {
    return acceptWithWarning(
      primary,
      `${quote(trimmed)} read as ${primary} (${LANGUAGE_NAMES.get(primary)}) — languages are written as two-letter codes`,
      primary,
    );
  }
  const named = trimmed.length <= 60 ? CODE_BY_FOLDED_NAME.get(foldKey(trimmed)) : undefined;
  if (named !== undefined) {
    return acceptWithWarning(
      named,
      `${quote(trimmed)} read as ${named} (${LANGUAGE_NAMES.get(named)}) — languages are written as two-letter codes`,
      named,
    );
  }
  return reject(
    `${quote(trimmed)} is not a language code — use two letters (ISO 639-1), e.g. en, ms, zh`,
  );
}
