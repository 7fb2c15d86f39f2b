/**
 * The import settings a person chooses in the wizard, saved with the spreadsheet. Parsed with zod
 * at the boundary (they come back from document properties or the sidebar), then checked for
 * combinations the product does not allow, each refused with a message a person understands.
 */
import { z } from 'zod';
import { MAX_TAG_LENGTH } from './limits';
import { fail, ok, type Result } from './result';
import {
  IDENTIFIERS,
  identifierFits,
  identifiersFor,
  mayUpdate,
  PURPOSE_LABELS,
  PURPOSES,
  purposesTaking,
} from './rules';
import { isCountryCode } from './values/country';

// The purpose rules live in rules.ts (zod-free, shared with the sidebar); re-exported here so
// the server's modules keep one import for settings.
export {
  IDENTIFIER_LABELS,
  IDENTIFIERS,
  importTagFor,
  mayCreate,
  mayUpdate,
  PURPOSE_LABELS,
  PURPOSES,
  type ImportTagTime,
} from './rules';

export const Purpose = z.enum(PURPOSES, {
  error: 'Choose a purpose: add new contacts, update existing ones, both, or add all.',
});
export type Purpose = z.infer<typeof Purpose>;

export const Identifier = z.enum(IDENTIFIERS, {
  error: 'Contacts are identified by phone, email or Contact ID.',
});
export type Identifier = z.infer<typeof Identifier>;

/**
 * One column of the mapping, keyed by the column's label (its header as written, or "Column F"
 * for an empty header, "Phone (2)" for a repeated one) so it survives columns being moved.
 * `field` is a field key (see fields.ts) or null when the column is skipped.
 */
export const MappingEntry = z.object(
  {
    header: z.string({ error: 'A mapped column has no header name — map the columns again.' }),
    field: z
      .string({ error: 'A mapped field is unreadable — map the columns again.' })
      .min(1, { error: 'A mapped field is unreadable — map the columns again.' })
      .nullable(),
  },
  { error: 'The saved column mapping is unreadable — map the columns again.' },
);
export type MappingEntry = z.infer<typeof MappingEntry>;

const tagsSchema = z
  .array(z.string({ error: 'Tags must be text.' }), { error: 'Tags must be a list of text.' })
  .transform((tags) => dedupeTags(tags));

const SettingsObject = z.object(
  {
    purpose: Purpose,
    /** null only for add-all, which looks nothing up. */
    identifier: Identifier.nullable().default(null),
    /** Tags added to every contact of the run. */
    tags: tagsSchema.default([]),
    /** Add the automatic import tag (see importTagFor); the person may turn it off. */
    addImportTag: z.boolean({ error: 'The import tag choice must be on or off.' }).default(true),
    mapping: z
      .array(MappingEntry, {
        error: 'The saved column mapping is unreadable — map the columns again.',
      })
      .default([]),
    doNotOverwrite: z.boolean({ error: "'Do not overwrite' must be on or off." }).default(false),
    /**
     * "Import the row without this cell": an unreadable value in an optional column (a birthday
     * without a year) is left out with a warning instead of holding the whole row back.
     */
    skipBadOptionalCells: z
      .boolean({
        error: "'Import rows without their unreadable optional cells' must be on or off.",
      })
      .default(false),
    defaultCountry: z
      .string({ error: 'The default country must be a two-letter country code.' })
      .transform((code) => code.trim().toUpperCase())
      .nullable()
      .default(null)
      .transform((code) => (code === '' ? null : code)),
    headerRow: z
      .number({ error: 'The header row must be a row number: 1, 2, 3…' })
      .int({ error: 'The header row must be a whole row number: 1, 2, 3…' })
      .min(1, { error: 'The header row must be row 1 or below.' })
      .default(1),
  },
  { error: 'The saved settings are unreadable — choose the settings again.' },
);

export const Settings = SettingsObject.superRefine((settings, ctx) => {
  for (const message of combinationProblems(settings)) ctx.addIssue({ code: 'custom', message });
});

export type Settings = z.infer<typeof Settings>;
/** What callers may pass: defaults fill the rest. */
export type SettingsInput = z.input<typeof Settings>;

function dedupeTags(tags: readonly string[]): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const raw of tags) {
    const tag = raw.trim().replace(/\s+/g, ' ');
    const key = tag.toLowerCase();
    if (tag === '' || seen.has(key)) continue;
    seen.add(key);
    out.push(tag);
  }
  return out;
}

function combinationProblems(s: z.infer<typeof SettingsObject>): string[] {
  const problems: string[] = [];
  const purpose = `'${PURPOSE_LABELS[s.purpose]}'`;
  const quoted = (purposes: readonly Purpose[]) =>
    orList(purposes.map((p) => `'${PURPOSE_LABELS[p]}'`));
  if (!identifierFits(s.purpose, s.identifier)) {
    if (s.identifier === 'id') {
      problems.push(
        `Contact ID can only identify contacts when the purpose is ${quoted(purposesTaking('id'))}.`,
      );
    }
    if (s.identifier !== null && identifiersFor(s.purpose).length === 0) {
      problems.push(
        `${purpose} does not look contacts up, so it takes no identifier — clear the identifier.`,
      );
    }
    if (s.identifier === null) {
      problems.push(
        `Choose how contacts are identified for ${purpose}: ${identifierChoices(s.purpose)}.`,
      );
    }
  }
  if (s.doNotOverwrite && !mayUpdate(s.purpose)) {
    problems.push(
      `'Do not overwrite' only applies when contacts are updated (${quoted(PURPOSES.filter(mayUpdate))}) — uncheck it.`,
    );
  }
  if (s.defaultCountry !== null && !isCountryCode(s.defaultCountry)) {
    problems.push(
      `The default country '${s.defaultCountry}' is not a country code — choose a country from the list.`,
    );
  }
  for (const tag of s.tags) {
    if (tag.length > MAX_TAG_LENGTH) {
      problems.push(
        `The tag '${tag.slice(0, 30)}…' is longer than ${MAX_TAG_LENGTH} characters — shorten it.`,
      );
    }
  }
  const headers = new Set<string>();
  for (const entry of s.mapping) {
    if (headers.has(entry.header)) {
      problems.push(
        `The column '${entry.header}' appears twice in the mapping — map the columns again.`,
      );
    }
    headers.add(entry.header);
  }
  return problems;
}

/** How a sentence names an identifier: "by phone or email", but Contact ID keeps its capitals. */
const IDENTIFIER_WORDS: Readonly<Record<Identifier, string>> = {
  phone: 'phone',
  email: 'email',
  id: 'Contact ID',
};

/** "phone or email", "phone, email or Contact ID": a purpose's identifiers in a sentence. */
function identifierChoices(purpose: Purpose): string {
  return orList(identifiersFor(purpose).map((id) => IDENTIFIER_WORDS[id]));
}

/** "a", "a or b", "a, b or c". */
function orList(words: readonly string[]): string {
  if (words.length <= 1) return words.join('');
  return `${words.slice(0, -1).join(', ')} or ${words[words.length - 1]}`;
}

/** The settings, or every message about what is wrong with them (never throws). */
export function parseSettings(input: unknown): Result<Settings> {
  const parsed = Settings.safeParse(input);
  if (parsed.success) return ok(parsed.data);
  const messages = [...new Set(parsed.error.issues.map((issue) => issue.message))];
  return fail(messages);
}

/** The tags every contact of a run gets: the person's tags plus the import tag when kept. */
export function runTags(settings: Settings, importTag: string | null): string[] {
  const tags = settings.addImportTag && importTag ? [...settings.tags, importTag] : settings.tags;
  return dedupeTags(tags);
}
