/**
 * Notes about the workspace's custom fields that a review shows beside its counts. Shared by
 * the add-on's review (src/gas/review.ts) and the CLI's `validate`.
 */
import type { CustomFieldDef } from '../api/schemas';
import { customFieldKey } from './fields';
import { clip } from './text';
import type { MappingEntry } from './settings';

/** Characters of a name or type in a note: the workspace's words, kept to a line. */
const NOTE_PART_CHARS = 60;

/**
 * One note per mapped column whose custom field has a type no client knows (the reader in
 * src/api/responses.ts takes it as text and keeps the workspace's word in `declaredType`).
 *
 * Only mapped fields: the note tells a person that the values of a column they chose go
 * unchecked, as text, so they can look at a few contacts afterwards. A workspace field that
 * no column maps to is not touched by the import; a line about it would be noise, and a
 * workspace with many such fields would bury the notes that matter.
 */
export function unknownTypeNotes(
  mapping: readonly MappingEntry[],
  customFields: readonly CustomFieldDef[],
  product: 'add-on' | 'importer',
): string[] {
  const notes: string[] = [];
  for (const entry of mapping) {
    if (entry.field === null) continue;
    // The first field of a name, as the catalogue keeps it (buildCatalogue skips repeats).
    const def = customFields.find((f) => customFieldKey(f.name) === entry.field);
    if (def?.declaredType === undefined) continue;
    const [name, header, type] = [def.name, entry.header, def.declaredType].map((t) =>
      clip(t, NOTE_PART_CHARS),
    );
    notes.push(
      `Custom field "${name}" (column "${header}") has a type this ${product} does not know ("${type}"); its values are sent as text, unchecked.`,
    );
  }
  return notes;
}
