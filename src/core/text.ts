/**
 * Small text helpers shared by mapping and value checks.
 */

const COMBINING_MARKS = /[\u0300-\u036f]/g;
const NOT_LETTER_OR_DIGIT = /[^\p{L}\p{N}]+/gu;

/**
 * A comparison key that ignores case, accents, spaces and punctuation:
 * "E-mail", "e mail" and "EMAIL" all fold to "email"; "México" to "mexico".
 */
export function foldKey(text: string): string {
  return text
    .normalize('NFD')
    .replace(COMBINING_MARKS, '')
    .toLowerCase()
    .replace(NOT_LETTER_OR_DIGIT, '');
}

/** Characters that are invisible in a cell but break parsing: zero-width, BOM and bidi marks. */
const INVISIBLE = /[\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff]/g;

export function stripInvisible(text: string): string {
  return text.replace(INVISIBLE, '');
}

/** Length in characters as a person counts them (an emoji is one, not two UTF-16 units). */
export function charLength(text: string): number {
  // Only strings with surrogate pairs differ; skip the slow count for the common case.
  let pairs = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff) pairs++;
  }
  return text.length - pairs;
}

/** One line of at most `max` characters, cut with an ellipsis. */
export function clip(text: string, max: number): string {
  const oneLine = text.replace(/\s+/g, ' ');
  return oneLine.length > max ? `${oneLine.slice(0, max - 1)}…` : oneLine;
}

/** Shortens a value for quoting in a message, so a 50,000-character cell stays readable. */
export function quote(text: string, max = 40): string {
  return `'${clip(text, max)}'`;
}

/** "a, b and c" */
export function listText(items: readonly string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

/** Formats a count with thousands separators without relying on Intl being present. */
export function countText(n: number): string {
  return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/**
 * Splits `text` into pieces of at most `maxBytes` UTF-8 bytes each, never inside a
 * character; joined again they give `text` back. An empty text is one empty piece.
 */
export function splitUtf8(text: string, maxBytes: number): string[] {
  const pieces: string[] = [];
  let start = 0;
  let at = 0;
  let bytes = 0;
  for (const char of text) {
    const size = utf8Bytes(char.codePointAt(0) as number);
    if (bytes + size > maxBytes && at > start) {
      pieces.push(text.slice(start, at));
      start = at;
      bytes = 0;
    }
    bytes += size;
    at += char.length;
  }
  pieces.push(text.slice(start));
  return pieces;
}

function utf8Bytes(codePoint: number): number {
  return codePoint < 0x80 ? 1 : codePoint < 0x800 ? 2 : codePoint < 0x10000 ? 3 : 4;
}
