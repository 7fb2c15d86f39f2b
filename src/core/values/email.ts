/**
 * Email addresses: trimmed and lower-cased (the platform may match case-sensitively, so we send
 * one spelling). The syntax check is deliberately practical rather than full RFC 5322: it accepts
 * what mail providers issue and names the exact problem otherwise.
 */
import { MAX_EMAIL_LENGTH } from '../limits';
import { quote, stripInvisible } from '../text';
import { accept, acceptWithWarning, reject, rejectSoftly, type Verdict } from './verdict';

/** Letters beyond ASCII are allowed: internationalised addresses (RFC 6531) exist. */
const LOCAL_PART = /^[\p{L}\p{M}\p{N}!#$%&'*+/=?^_`{|}~.-]+$/u;
const DOMAIN_LABEL = /^(?!-)[\p{L}\p{N}-]{1,63}(?<!-)$/u;
const TOP_LEVEL = /^(?:\p{L}{2,63}|xn--[a-z0-9-]{1,59})$/u;

/** Misspellings of the biggest providers: a valid address, but almost certainly a typo. */
const DOMAIN_TYPOS: ReadonlyMap<string, string> = new Map([
  ['gmial.com', 'gmail.com'],
  ['gmai.com', 'gmail.com'],
  ['gamil.com', 'gmail.com'],
  ['gmal.com', 'gmail.com'],
  ['gmail.co', 'gmail.com'],
  ['gmail.con', 'gmail.com'],
  ['gmail.cm', 'gmail.com'],
  ['hotmial.com', 'hotmail.com'],
  ['hotmail.con', 'hotmail.com'],
  ['hotmai.com', 'hotmail.com'],
  ['yaho.com', 'yahoo.com'],
  ['yahoo.con', 'yahoo.com'],
  ['outlok.com', 'outlook.com'],
  ['outlook.con', 'outlook.com'],
]);

/** Why `address` (lower-cased, no spaces) is not an address, or null when it is one. */
function syntaxProblem(address: string): string | null {
  const at = address.indexOf('@');
  if (at < 0) return 'missing @';
  if (address.indexOf('@', at + 1) >= 0) return 'more than one @ — keep one address';
  const local = address.slice(0, at);
  const domain = address.slice(at + 1);
  if (local === '') return 'nothing before the @';
  if (domain === '') return 'nothing after the @ — add the domain, e.g. example.com';
  if (local.length > 64) return 'the part before the @ is longer than 64 characters';
  if (!LOCAL_PART.test(local)) {
    return 'the part before the @ has characters an address cannot have';
  }
  if (local.startsWith('.') || local.endsWith('.') || local.includes('..')) {
    return 'a dot cannot start or end the part before the @, or follow another dot';
  }
  const labels = domain.split('.');
  if (labels.length < 2) return `the domain ${quote(domain)} needs a dot, e.g. ${domain}.com`;
  if (!labels.every((label) => DOMAIN_LABEL.test(label))) {
    return `the domain ${quote(domain)} is not valid — check it after the @`;
  }
  if (!TOP_LEVEL.test(labels[labels.length - 1] as string)) {
    return `the domain ${quote(domain)} does not end in a real ending like .com`;
  }
  return null;
}

const SEVERAL = /[;,\s]+/;
/** "Jane Doe <jane@example.com>" as mail programs copy it. */
const NAMED = /^[^<>]*<([^<>\s]+)>\s*$/;

/**
 * Plain ASCII addresses, the vast majority, are settled by one expression: dot-separated atoms
 * before the @, hyphen-inner labels and a letter ending after it.
 */
const COMMON =
  /^[a-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\.[a-z0-9!#$%&'*+/=?^_`{|}~-]+)*@(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/;

export function normaliseEmailText(raw: string): Verdict<string> {
  if (raw.length <= MAX_EMAIL_LENGTH) {
    const lower = raw.trim().toLowerCase();
    const at = lower.indexOf('@');
    if (at > 0 && at <= 64 && COMMON.test(lower) && !DOMAIN_TYPOS.has(lower.slice(at + 1))) {
      return accept(lower);
    }
  }
  const text = stripInvisible(raw).trim();
  if (text.length > MAX_EMAIL_LENGTH * 2) {
    return reject(`${text.length} characters is too long for an email address`);
  }
  const lower = text.toLowerCase();
  const problem = syntaxProblem(lower);
  if (problem === null) {
    if (lower.length > MAX_EMAIL_LENGTH) {
      return reject(`longer than ${MAX_EMAIL_LENGTH} characters — not a usable address`);
    }
    const domain = lower.slice(lower.indexOf('@') + 1);
    const fixed = DOMAIN_TYPOS.get(domain);
    if (fixed !== undefined) {
      const suggestion = `${lower.slice(0, lower.indexOf('@') + 1)}${fixed}`;
      return acceptWithWarning(
        lower,
        `${quote(domain)} looks like a typo for ${fixed}`,
        suggestion,
      );
    }
    return accept(lower);
  }
  const parts = lower.split(SEVERAL).filter((part) => part.includes('@'));
  if (parts.length > 1) return reject('holds more than one address — keep one');
  // Repairs that leave one clear address: a display name, "mailto:", inner spaces, a trailing
  // dot, a comma typed for a dot in the domain.
  const named = NAMED.exec(lower)?.[1];
  const repaired = (named ?? lower)
    .replace(/^mailto:/, '')
    .replace(/\s+/g, '')
    .replace(/[.,;:]+$/, '')
    .replace(/@([^@]*)$/, (_, domain: string) => `@${domain.replace(/,/g, '.')}`);
  // A space inside the address ("ethan walker@…") may stand for a dot, an underscore or nothing:
  // only the person knows, so the fix is suggested, never applied silently.
  const inner = /\S\s+\S/.test(named ?? lower.replace(/^mailto:/, ''));
  if (inner && repaired !== lower && syntaxProblem(repaired) === null) {
    return rejectSoftly(
      `${quote(text)} has a space inside — did you mean ${repaired}? Fix the cell to import the address`,
      repaired,
    );
  }
  if (repaired !== lower && syntaxProblem(repaired) === null) {
    return acceptWithWarning(repaired, `${quote(text)} read as ${repaired}`, repaired);
  }
  if (/\s/.test(lower) && problem !== 'missing @') {
    return reject('contains spaces — an address has none');
  }
  return reject(problem);
}
