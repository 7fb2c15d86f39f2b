/**
 * Links (Profile Picture URL and url custom fields), checked by hand: Apps Script has no URL
 * class. The platform takes links with or without a scheme; a profile picture must be fetched,
 * so one without a scheme gets https:// suggested (and sent).
 */
import { MAX_URL_LENGTH } from '../limits';
import { countText, quote, stripInvisible } from '../text';
import { accept, acceptWithWarning, reject, type Verdict } from './verdict';

const SCHEME = /^([a-z][a-z0-9+.-]*):(?!\d)/i;
const IPV4 = /^(?:(?:25[0-5]|2[0-4]\d|1?\d?\d)\.){3}(?:25[0-5]|2[0-4]\d|1?\d?\d)$/;
const LABEL = /^(?!-)[\p{L}\p{N}-]{1,63}(?<!-)$/u;
const TOP_LEVEL = /^(?:\p{L}{2,63}|xn--[a-z0-9-]{1,59})$/iu;

function isHost(host: string): boolean {
  const lower = host.toLowerCase();
  if (lower === 'localhost' || IPV4.test(lower)) return true;
  const labels = lower.split('.');
  return (
    labels.length >= 2 &&
    labels.every((label) => LABEL.test(label)) &&
    TOP_LEVEL.test(labels[labels.length - 1] as string)
  );
}

export interface UrlOptions {
  /** Profile pictures need a scheme to be fetched: suggest https:// when it is missing. */
  readonly requireScheme: boolean;
}

export function normaliseUrlText(raw: string, options: UrlOptions): Verdict<string> {
  const text = stripInvisible(raw).trim();
  if (text.length > MAX_URL_LENGTH) {
    return reject(`longer than ${countText(MAX_URL_LENGTH)} characters — use a shorter link`);
  }
  if (/\s/.test(text)) return reject('contains spaces — a link has none (copy it again)');
  const scheme = SCHEME.exec(text)?.[1]?.toLowerCase();
  if (scheme !== undefined && scheme !== 'http' && scheme !== 'https') {
    return reject(
      `${quote(`${scheme}:`)} links cannot be used — the link must start with https://`,
    );
  }
  const rest = scheme === undefined ? text : text.slice(scheme.length + 1);
  if (scheme !== undefined && !rest.startsWith('//')) {
    return reject(`${quote(text)} is not a link — write it as https://example.com/…`);
  }
  const authority = (scheme === undefined ? rest : rest.slice(2)).split(/[/?#]/, 1)[0] ?? '';
  if (authority.includes('@')) {
    return reject(`${quote(text)} looks like an email address, not a link`);
  }
  const host = authority.replace(/:\d{1,5}$/, '');
  // Without a scheme only a dotted name reads as a link: "localhost" alone is just a word.
  if (!isHost(host) || (scheme === undefined && !host.includes('.'))) {
    return reject(`${quote(text)} is not a link — write it as https://example.com/…`);
  }
  if (scheme === undefined && options.requireScheme) {
    const withScheme = `https://${text}`;
    return acceptWithWarning(withScheme, `no https:// — read as ${withScheme}`, withScheme);
  }
  return accept(text);
}
