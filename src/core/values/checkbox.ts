/**
 * Checkbox custom fields take true or false. Sheets checkboxes arrive as booleans; the words
 * people type for yes and no are read silently.
 */
import { quote } from '../text';
import { accept, reject, type Verdict } from './verdict';

const TRUE_WORDS = new Set(['true', 'yes', 'y', '1', 'checked', 'on', 'x', '✓', '✔']);
const FALSE_WORDS = new Set(['false', 'no', 'n', '0', 'unchecked', 'off']);

export function normaliseCheckboxText(raw: string): Verdict<boolean> {
  const word = raw.trim().toLowerCase();
  if (TRUE_WORDS.has(word)) return accept(true);
  if (FALSE_WORDS.has(word)) return accept(false);
  return reject(
    `${quote(raw.trim())} is not a checkbox value — use TRUE or FALSE (yes/no, y/n, 1/0 also work)`,
  );
}

export function normaliseCheckboxNumber(value: number): Verdict<boolean> {
  if (value === 1) return accept(true);
  if (value === 0) return accept(false);
  return reject(`${value} is not a checkbox value — use TRUE or FALSE (1/0 also work)`);
}
