/**
 * List custom fields take one of the field's options, spelled as the option is. Case and extra
 * spaces are ignored; a near miss gets a "did you mean" suggestion but stays an error, since
 * only the person knows which option was meant.
 */
import { closest } from '../similarity';
import { foldKey, quote } from '../text';
import { accept, reject, type Verdict } from './verdict';

export type ListMatcher = (text: string) => Verdict<string>;

const listKey = (text: string): string => text.trim().replace(/\s+/g, ' ').toLowerCase();

function optionsText(options: readonly string[]): string {
  const shown = options.slice(0, 8).map((o) => quote(o, 30));
  return options.length > 8 ? `${shown.join(', ')} …` : shown.join(', ');
}

export function listMatcher(options: readonly string[] | null | undefined): ListMatcher {
  const list = (options ?? []).filter((o) => o.trim() !== '');
  if (list.length === 0) return (text) => accept(text.trim());
  const byKey = new Map<string, string>();
  for (const option of list) if (!byKey.has(listKey(option))) byKey.set(listKey(option), option);
  const folded = list.map((o) => foldKey(o));
  return (text) => {
    const option = byKey.get(listKey(text));
    if (option !== undefined) return accept(option);
    const near = text.length <= 100 ? closest(foldKey(text), folded, 0.7) : null;
    const suggestion = near ? list[folded.indexOf(near.candidate)] : undefined;
    const hint = suggestion === undefined ? '' : ` — did you mean ${quote(suggestion)}?`;
    return reject(
      `${quote(text.trim())} is not one of the options (${optionsText(list)})${hint}`,
      suggestion,
    );
  };
}
