/**
 * The product's rules about purposes and identifiers, as data (PRODUCT.md §1): what each purpose
 * is called, which identifiers it takes, whether Do Not Overwrite applies, and what it does when
 * a row's identifier matches one, no or several contacts.
 *
 * One copy for everyone: `decide` (plan.ts) follows the match table, settings validation
 * (settings.ts) refuses what the table does not allow, and the sidebar imports this file to
 * offer only what is allowed. So it imports nothing: no zod, no libphonenumber, no I/O — the
 * sidebar's bundle takes this file alone.
 */

export const PURPOSES = ['add', 'update', 'add-update', 'add-all'] as const;
export type Purpose = (typeof PURPOSES)[number];

export const IDENTIFIERS = ['phone', 'email', 'id'] as const;
export type Identifier = (typeof IDENTIFIERS)[number];

/** How many contacts a row's identifier matched in the workspace. */
export type MatchCount = 'one' | 'none' | 'several';

/**
 * What a purpose does with a row, by what its identifier matched (PRODUCT.md's purpose table).
 * create: Imported. update: Updated. skip: Skipped. error: the row is an error (several matches
 * are never guessed between).
 */
export interface OnMatch {
  readonly one: 'update' | 'skip';
  readonly none: 'create' | 'skip';
  readonly several: 'error';
}

export interface PurposeRule {
  /** The purpose's name wherever a person reads it: the wizard, messages, the history. */
  readonly label: string;
  /** One sentence under the label in the wizard. */
  readonly hint: string;
  /** The identifiers it may look contacts up by, in the order offered; none: no look-up. */
  readonly identifiers: readonly Identifier[];
  /** Whether it may write to existing contacts, and so whether Do Not Overwrite applies. */
  readonly mayUpdate: boolean;
  /** Whether it may create contacts, and so whether rows need a first name. */
  readonly mayCreate: boolean;
  /** What it does by match count; null: it looks nothing up and creates every valid row. */
  readonly onMatch: OnMatch | null;
}

export const PURPOSE_RULES: Readonly<Record<Purpose, PurposeRule>> = {
  add: {
    label: 'Add new contacts only',
    hint: 'Creates contacts not in the workspace; skips those already there.',
    identifiers: ['phone', 'email'],
    mayUpdate: false,
    mayCreate: true,
    onMatch: { one: 'skip', none: 'create', several: 'error' },
  },
  update: {
    label: 'Update existing contacts only',
    hint: 'Updates contacts already in the workspace; skips the rest.',
    // Contact ID only here: a new contact has no ID to find it by.
    identifiers: ['phone', 'email', 'id'],
    mayUpdate: true,
    mayCreate: false,
    onMatch: { one: 'update', none: 'skip', several: 'error' },
  },
  'add-update': {
    label: 'Add and update contacts',
    hint: 'Updates contacts that exist and creates the others.',
    identifiers: ['phone', 'email'],
    mayUpdate: true,
    mayCreate: true,
    onMatch: { one: 'update', none: 'create', several: 'error' },
  },
  'add-all': {
    label: 'Add all contacts despite duplicates',
    hint: 'Creates every valid row, without looking for existing contacts.',
    identifiers: [],
    mayUpdate: false,
    mayCreate: true,
    onMatch: null,
  },
};

export const PURPOSE_LABELS: Readonly<Record<Purpose, string>> = {
  add: PURPOSE_RULES.add.label,
  update: PURPOSE_RULES.update.label,
  'add-update': PURPOSE_RULES['add-update'].label,
  'add-all': PURPOSE_RULES['add-all'].label,
};

export const IDENTIFIER_LABELS: Readonly<Record<Identifier, string>> = {
  phone: 'Phone',
  email: 'Email',
  id: 'Contact ID',
};

/** The identifiers a purpose takes, in the order the wizard offers them (empty for add-all). */
export function identifiersFor(purpose: Purpose): readonly Identifier[] {
  return PURPOSE_RULES[purpose].identifiers;
}

/** Whether `identifier` may identify contacts for `purpose` (null only where none is taken). */
export function identifierFits(purpose: Purpose, identifier: Identifier | null): boolean {
  const allowed = identifiersFor(purpose);
  return identifier === null ? allowed.length === 0 : allowed.includes(identifier);
}

/** Whether a purpose looks contacts up at all (every purpose but add-all). */
export function looksUp(purpose: Purpose): boolean {
  return PURPOSE_RULES[purpose].onMatch !== null;
}

/** Purposes that may create contacts, so rows need a first name. */
export function mayCreate(purpose: Purpose): boolean {
  return PURPOSE_RULES[purpose].mayCreate;
}

/** Purposes that may update contacts, where "Do not overwrite" means something. */
export function mayUpdate(purpose: Purpose): boolean {
  return PURPOSE_RULES[purpose].mayUpdate;
}

/** The purposes `identifier` fits, in PURPOSES order (Contact ID: update only). */
export function purposesTaking(identifier: Identifier): Purpose[] {
  return PURPOSES.filter((purpose) => identifiersFor(purpose).includes(identifier));
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
 * The automatic tag naming one import batch: `import 2026-11-22 09:30` (PRODUCT.md §1). Takes
 * the calendar parts, or a time the driver already formatted (e.g. Utilities.formatDate(…,
 * 'yyyy-MM-dd HH:mm')).
 */
export function importTagFor(when: ImportTagTime | string): string {
  if (typeof when === 'string') return `import ${when.trim()}`;
  const date = `${String(when.year).padStart(4, '0')}-${pad2(when.month)}-${pad2(when.day)}`;
  return `import ${date} ${pad2(when.hour)}:${pad2(when.minute)}`;
}
