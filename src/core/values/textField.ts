/**
 * Names and free text. Names collapse runs of spaces and line breaks (a pasted name often
 * carries them); free text keeps its line breaks. Length limits count characters as a person
 * does, so an emoji is one.
 */
import { MAX_NAME_LENGTH } from '../limits';
import { charLength, countText } from '../text';
import { accept, reject, type Verdict } from './verdict';

function tooLong(length: number, max: number): string {
  return `${countText(length)} characters — the limit is ${countText(max)}; shorten it`;
}

/** Leading, trailing, doubled or non-space whitespace: the name needs tidying. */
const UNTIDY = /^\s|\s$|\s\s|[^\S ]/;

export function normaliseName(raw: string): Verdict<string | null> {
  const name = UNTIDY.test(raw) ? raw.replace(/\s+/g, ' ').trim() : raw;
  if (name === '') return accept(null);
  // Characters never outnumber UTF-16 units, so short names skip the count.
  const length = name.length <= MAX_NAME_LENGTH ? 0 : charLength(name);
  return length > MAX_NAME_LENGTH ? reject(tooLong(length, MAX_NAME_LENGTH)) : accept(name);
}

export function normaliseFreeText(raw: string, max: number): Verdict<string | null> {
  const text = raw.trim();
  if (text === '') return accept(null);
  const length = charLength(text);
  return length > max ? reject(tooLong(length, max)) : accept(text);
}

export interface SplitName {
  readonly firstName: string;
  readonly lastName: string | null;
}

/**
 * "Aisha Rahman" → Aisha / Rahman; "Rahman, Aisha" → Aisha / Rahman; "Ahmad bin Abdullah" →
 * Ahmad / bin Abdullah. The first word is the first name: splitting after it keeps patronymics
 * and multi-word family names whole, and a single word is a first name only.
 */
export function splitFullName(raw: string): Verdict<SplitName | null> {
  const name = raw.replace(/\s+/g, ' ').trim();
  if (name === '') return accept(null);
  const comma = name.indexOf(',');
  let first: string;
  let last: string;
  if (comma >= 0 && name.indexOf(',', comma + 1) < 0) {
    last = name.slice(0, comma).trim();
    first = name.slice(comma + 1).trim();
  } else {
    const space = name.indexOf(' ');
    first = space < 0 ? name : name.slice(0, space);
    last = space < 0 ? '' : name.slice(space + 1);
  }
  if (first === '') [first, last] = [last, ''];
  if (first === '') return accept(null);
  const longest = Math.max(charLength(first), charLength(last));
  if (longest > MAX_NAME_LENGTH) return reject(tooLong(longest, MAX_NAME_LENGTH));
  return accept({ firstName: first, lastName: last === '' ? null : last });
}
