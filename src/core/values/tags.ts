/**
 * A Tags cell holds several tags separated by commas, bars or line breaks. Tags are trimmed and
 * de-duplicated ignoring case (the first spelling wins); an empty result means no tags.
 */
import { MAX_TAG_LENGTH } from '../limits';
import { charLength, quote } from '../text';
import { accept, reject, type Verdict } from './verdict';

/** Commas, bars, line breaks, and Google's " ::: " between labels. */
const SEPARATOR = /[,|\n\r]+|\s:::\s/;

/**
 * Google Contacts' own groups ("* myContacts", "* starred") are exported beside the person's
 * labels; they say nothing about the contact, so they are never made into tags.
 */
const SYSTEM_LABEL = /^\*\s/;

/** A tag written in quotes, as Mailchimp exports TAGS: "VIP","Newsletter". */
function unquote(tag: string): string {
  const m = /^["“”'](.*)["“”']$/.exec(tag);
  return m ? (m[1] as string).trim() : tag;
}

/** Google's system labels in a Tags cell, to tell the person they were left out. */
export function systemLabels(raw: string): string[] {
  return raw
    .split(SEPARATOR)
    .map((part) => part.trim())
    .filter((part) => SYSTEM_LABEL.test(part));
}

const UNTIDY = /^\s|\s$|\s\s|[^\S ]/;

export function splitTags(raw: string): Verdict<string[] | null> {
  // One tidy tag, the common case, needs no splitting.
  if (
    !SEPARATOR.test(raw) &&
    !UNTIDY.test(raw) &&
    !/^["“”'*]/.test(raw) &&
    raw !== '' &&
    raw.length <= MAX_TAG_LENGTH
  ) {
    return accept([raw]);
  }
  const seen = new Set<string>();
  const tags: string[] = [];
  for (const part of raw.split(SEPARATOR)) {
    const trimmed = part.trim();
    if (SYSTEM_LABEL.test(trimmed)) continue;
    const tag = unquote(trimmed).replace(/\s+/g, ' ');
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
