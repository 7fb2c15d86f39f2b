/**
 * Contact IDs: the platform's positive integer ids, written as digits. Leading zeros are dropped
 * so "00123" and 123 are the same contact; "id:123" and "#123" are read with a warning.
 */
import { MAX_CONTACT_ID_DIGITS } from '../limits';
import { quote } from '../text';
import { accept, acceptWithWarning, reject, type Verdict } from './verdict';

const DIGITS = /^\d+$/;
const PREFIXED = /^(?:id\s*[:#]?|#)\s*(\d+)$/i;

function fromDigits(digits: string): Verdict<string> {
  const id = digits.replace(/^0+/, '');
  if (id === '') return reject('0 is not a contact ID — IDs start at 1');
  if (id.length > MAX_CONTACT_ID_DIGITS) {
    return reject(`more than ${MAX_CONTACT_ID_DIGITS} digits — not a contact ID`);
  }
  return accept(id);
}

export function normaliseContactIdText(raw: string): Verdict<string> {
  const text = raw.trim();
  if (DIGITS.test(text)) return fromDigits(text);
  const prefixed = PREFIXED.exec(text)?.[1];
  if (prefixed !== undefined) {
    const read = fromDigits(prefixed);
    if (!read.ok) return read;
    return acceptWithWarning(read.value, `${quote(text)} read as ${read.value}`, read.value);
  }
  return reject(`${quote(text)} is not a contact ID — IDs are whole numbers like 12345`);
}
