/**
 * Number formats: which kind a format is, and how Sheets displays a number under it.
 *
 * A cell that was never formatted reports Google's automatic format "0.###############".
 * Supported explicit patterns: digits with 0 and #, thousands separators, decimals, percent,
 * literal text and a negative section (pos;neg); dates and times via date-patterns.ts; '@' is
 * plain text. Anything fancier displays as the automatic format would.
 */
export const AUTOMATIC_FORMAT = '0.###############';
export const PLAIN_TEXT_FORMAT = '@';
/** What Sheets assigns when a script writes a Date into an unformatted cell. */
export const DATE_FORMAT = 'M/d/yyyy';
export const DATE_TIME_FORMAT = 'M/d/yyyy H:mm:ss';

export function isAutomaticFormat(format: string): boolean {
  return format === '' || format === AUTOMATIC_FORMAT || format.toLowerCase() === 'general';
}

export function isPlainTextFormat(format: string): boolean {
  return format === PLAIN_TEXT_FORMAT;
}

/** Strips quoted literals so letters inside them do not count. */
function unquoted(format: string): string {
  return format.replace(/"[^"]*"/g, '').replace(/\\./g, '');
}

export function isDateTimeFormat(format: string): boolean {
  if (isAutomaticFormat(format) || isPlainTextFormat(format)) return false;
  return (
    /[ydhs]|m/i.test(unquoted(format).replace(/am\/pm|a\/p/gi, '')) &&
    !/[0#]/.test(unquoted(format))
  );
}

/** Display of a number under the automatic format: up to 15 significant digits. */
export function formatAutomaticNumber(n: number): string {
  if (!Number.isFinite(n)) return '#NUM!';
  if (n === 0) return '0';
  const abs = Math.abs(n);
  if (abs >= 1e15 || abs < 1e-6) {
    const [mantissa, exponent] = n.toExponential(5).split('e');
    const trimmed = (mantissa ?? '').replace(/\.?0+$/, '');
    const exp = Number(exponent);
    return `${trimmed}E${exp < 0 ? '-' : '+'}${String(Math.abs(exp)).padStart(2, '0')}`;
  }
  // Shortest round-trip text of the 15-digit value; below 1e15 and above 1e-6 it has no exponent.
  return String(Number(n.toPrecision(15)));
}

/** Formats a number with a pattern such as `#,##0.00`, `0%`, `"$"0.00;("$"0.00)`. */
export function formatNumberPattern(n: number, format: string): string {
  const sections = splitSections(format);
  const negative = n < 0;
  const section =
    negative && sections.length > 1 ? (sections[1] as string) : (sections[0] as string);
  const useSign = negative && sections.length === 1;
  const body = formatSection(Math.abs(n), section);
  return useSign && body !== '' && /[1-9]/.test(body) ? `-${body}` : body;
}

function splitSections(format: string): string[] {
  const sections: string[] = [];
  let current = '';
  let quoted = false;
  for (const ch of format) {
    if (ch === '"') quoted = !quoted;
    if (ch === ';' && !quoted) {
      sections.push(current);
      current = '';
      continue;
    }
    current += ch;
  }
  sections.push(current);
  return sections;
}

function formatSection(abs: number, section: string): string {
  // Separate literal text from the digit pattern.
  const parts: Array<{ literal: boolean; text: string }> = [];
  let i = 0;
  while (i < section.length) {
    const ch = section[i] as string;
    if (ch === '"') {
      const end = section.indexOf('"', i + 1);
      const stop = end < 0 ? section.length : end;
      parts.push({ literal: true, text: section.slice(i + 1, stop) });
      i = stop + 1;
    } else if (ch === '\\') {
      parts.push({ literal: true, text: section[i + 1] ?? '' });
      i += 2;
    } else if (/[0#?.,]/.test(ch)) {
      let j = i;
      while (j < section.length && /[0#?.,]/.test(section[j] as string)) j++;
      parts.push({ literal: false, text: section.slice(i, j) });
      i = j;
    } else if (ch === '[') {
      i = section.indexOf(']', i) + 1 || section.length;
    } else {
      parts.push({ literal: true, text: ch });
      i++;
    }
  }
  const percent = parts.some((p) => p.literal && p.text.includes('%'));
  const value = percent ? abs * 100 : abs;
  const digitIndex = parts.findIndex((p) => !p.literal);
  if (digitIndex < 0) return parts.map((p) => p.text).join('');
  const digits = formatDigits(value, (parts[digitIndex] as { text: string }).text);
  return parts
    .map((p, index) => (index === digitIndex ? digits : p.literal ? p.text : ''))
    .join('');
}

function formatDigits(value: number, pattern: string): string {
  const [intPattern = '', fracPattern = ''] = pattern.split('.');
  const grouping = intPattern.includes(',');
  const minInt = (intPattern.match(/0/g) ?? []).length;
  const minFrac = (fracPattern.match(/0/g) ?? []).length;
  const maxFrac = (fracPattern.match(/[0#?]/g) ?? []).length;
  let [intPart = '0', fracPart = ''] = value.toFixed(maxFrac).split('.');
  while (fracPart.length > minFrac && fracPart.endsWith('0')) fracPart = fracPart.slice(0, -1);
  if (intPart === '0' && minInt === 0) intPart = '';
  intPart = intPart.padStart(minInt, '0');
  if (grouping) intPart = intPart.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return fracPart ? `${intPart}.${fracPart}` : intPart;
}
