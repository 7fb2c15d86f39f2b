/**
 * A Tags cell holds several tags separated by commas, bars or line breaks. Tags are trimmed and
 * de-duplicated ignoring case (the first spelling wins); an empty result means no tags.
 */
import { MAX_TAG_LENGTH } from '../limits';
import { charLength, quote } from '../text';
import { accept, reject, type Outcome } from './outcome';

const SEPARATOR = /[,|\n\r]+/;

const UNTIDY = /^\s|\s$|\s\s|[^\S ]/;

export function splitTags(raw: string): Outcome<string[] | null> {
  // One tidy tag, the common case, needs no splitting.
  if (!SEPARATOR.test(raw) && !UNTIDY.test(raw) && raw !== '' && raw.length <= MAX_TAG_LENGTH) {
    return accept([raw]);
  }
  const seen = new Set<string>();
  const tags: string[] = [];
  for (const part of raw.split(SEPARATOR)) {
    const tag = part.trim().replace(/\s+/g, ' ');
    if (tag === '') continue;
    if (charLength(tag) > MAX_TAG_LENGTH) {
      return reject(
        `the tag ${quote(tag, 30)} is longer than ${MAX_TAG_LENGTH} characters — shorten it`,
      );
    }
    const key = tag.toLowerCase();
    if (seen.has(key)) continue;
    seen.add(key);
    tags.push(tag);
  }
  return accept(tags.length === 0 ? null : tags);
}
