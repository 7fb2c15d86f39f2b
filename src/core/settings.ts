/**
 * The import settings a person chooses in the wizard, saved with the spreadsheet. Parsed with zod
 * at the boundary (they come back from document properties or the sidebar), then checked for
 * combinations the product does not allow, each refused with a message a person understands.
 */
import { z } from 'zod';
import { MAX_TAG_LENGTH } from './limits';
import { fail, ok, type Result } from './result';
import { isCountryCode } from './values/country';

export const PURPOSES = ['add', 'update', 'add-update', 'add-all'] as const;

export const Purpose = z.enum(PURPOSES, {
  error: 'Choose a purpose: add new contacts, update existing ones, both, or add all.',
});
export type Purpose = z.infer<typeof Purpose>;

export const PURPOSE_LABELS: Readonly<Record<Purpose, string>> = {
  add: 'Add new contacts only',
  update: 'Update existing contacts only',
  'add-update': 'Add and update contacts',
  'add-all': 'Add all contacts despite duplicates',
};

export const IDENTIFIERS = ['phone', 'email', 'id'] as const;

export const Identifier = z.enum(IDENTIFIERS, {
  error: 'Contacts are identified by phone, email or Contact ID.',
});
export type Identifier = z.infer<typeof Identifier>;

export const IDENTIFIER_LABELS: Readonly<Record<Identifier, string>> = {
  phone: 'Phone',
  email: 'Email',
  id: 'Contact ID',
};

/** Purposes that may create contacts, so rows need a first name. */
export function mayCreate(purpose: Purpose): boolean {
  return purpose !== 'update';
}

/** Purposes that may update contacts, where "Do not overwrite" means something. */
export function mayUpdate(purpose: Purpose): boolean {
  return purpose === 'update' || purpose === 'add-update';
}

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
  if (s.identifier === 'id' && s.purpose !== 'update') {
    problems.push(
      `Contact ID can only identify contacts when the purpose is '${PURPOSE_LABELS.update}'.`,
    );
  }
  if (s.purpose === 'add-all' && s.identifier !== null) {
    problems.push(
      `${purpose} does not look contacts up, so it takes no identifier — clear the identifier.`,
    );
  }
  if (s.purpose !== 'add-all' && s.identifier === null) {
    const choices = s.purpose === 'update' ? 'phone, email or Contact ID' : 'phone or email';
    problems.push(`Choose how contacts are identified for ${purpose}: ${choices}.`);
  }
  if (s.doNotOverwrite && !mayUpdate(s.purpose)) {
    problems.push(
      `'Do not overwrite' only applies when contacts are updated ('${PURPOSE_LABELS.update}' or '${PURPOSE_LABELS['add-update']}') — uncheck it.`,
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

/** The settings, or every message about what is wrong with them (never throws). */
export function parseSettings(input: unknown): Result<Settings> {
  const parsed = Settings.safeParse(input);
  if (parsed.success) return ok(parsed.data);
  const messages = [...new Set(parsed.error.issues.map((issue) => issue.message))];
  return fail(messages);
}

/** Calendar parts of the moment an import starts, in the spreadsheet's time zone. */
export interface ImportTagTime {
  readonly year: number;
  readonly month: number;
  readonly day: number;
  readonly hour: number;
  readonly minute: number;
}

const pad2 = (n: number): string => String(n).padStart(2, '0');

/**
 * The automatic tag naming one import batch: `import 2026-11-22 09:30`. Takes the calendar
 * parts, or a time the driver already formatted (e.g. Utilities.formatDate(…, 'yyyy-MM-dd HH:mm')).
 */
export function importTagFor(when: ImportTagTime | string): string {
  if (typeof when === 'string') return `import ${when.trim()}`;
  const date = `${String(when.year).padStart(4, '0')}-${pad2(when.month)}-${pad2(when.day)}`;
  return `import ${date} ${pad2(when.hour)}:${pad2(when.minute)}`;
}

/** The tags every contact of a run gets: the person's tags plus the import tag when kept. */
export function runTags(settings: Settings, importTag: string | null): string[] {
  const tags = settings.addImportTag && importTag ? [...settings.tags, importTag] : settings.tags;
  return dedupeTags(tags);
}
