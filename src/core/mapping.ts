/**
 * Maps columns to contact fields: automatically from headers (exact name, then synonyms, then
 * near spellings with a confidence score), and checks a person's mapping against the rules of
 * PRODUCT.md before anything is validated.
 */
import {
  CONTACT_ID_KEY,
  FULL_NAME_KEY,
  findField,
  type FieldCatalogue,
  type FieldDef,
} from './fields';
import {
  IDENTIFIER_LABELS,
  mayCreate,
  PURPOSE_LABELS,
  type Identifier,
  type MappingEntry,
  type Settings,
} from './settings';
import { detectExport, headerRole, roleField, type DetectedExport } from './exports';
import { similarity } from './similarity';
import { callingCodeDigits } from './values/phone';
import type { Column, TableHeader } from './table';
import { foldKey, listText } from './text';

export type MatchMethod = 'exact' | 'synonym' | 'fuzzy' | 'none';

export interface ColumnMatch {
  /** 0-based sheet column index. */
  readonly column: number;
  readonly header: string;
  readonly label: string;
  /** Field key, or null when the column is left unmapped. */
  readonly field: string | null;
  readonly method: MatchMethod;
  /** 0..1: 1 for an exact name, 0.95 for a synonym, the similarity (scaled) for a near spelling. */
  readonly confidence: number;
}

export interface AutoMapOptions {
  /** Contact ID is offered only when contacts are identified by it. */
  readonly identifier?: Identifier | null;
  /** Lowest similarity (0..1) a near spelling needs to be mapped; default 0.8. */
  readonly threshold?: number;
  /** A few values per column (same order as the columns): a Country Code column of 91, 971 is a calling code. */
  readonly samples?: readonly (readonly unknown[])[];
}

/** Fields several columns may feed; the best value per row wins (see validate.ts). */
export const MULTI_COLUMN_FIELDS: ReadonlySet<string> = new Set(['phone', 'email']);
/** Known export headers rank just above generic synonyms. */
const CATALOGUE_CONFIDENCE = 0.97;

/** Most non-blank samples are calling codes (digits of a known code, with or without +). */
function holdsCallingCodes(samples: readonly unknown[] | undefined): boolean {
  const texts = (samples ?? [])
    .map((v) => (typeof v === 'number' ? String(v) : typeof v === 'string' ? v.trim() : ''))
    .filter((t) => t !== '');
  if (texts.length === 0) return false;
  const codes = texts.filter((t) => callingCodeDigits(t) !== null).length;
  return codes / texts.length >= 0.8;
}

/** The export the columns' headers most likely came from. */
export function detectSource(columns: readonly Column[]): DetectedExport | null {
  return detectExport(columns.map((c) => c.header));
}

const SYNONYM_CONFIDENCE = 0.95;
/** Near spellings rank below synonyms even when they are very close. */
const FUZZY_SCALE = 0.9;
const DEFAULT_THRESHOLD = 0.8;
/** Shorter keys are too easily confused ("tel" and "tag") to be matched approximately. */
const MIN_FUZZY_LENGTH = 4;
const MAX_FUZZY_LENGTH = 60;

interface Candidate {
  readonly field: string;
  readonly method: MatchMethod;
  readonly confidence: number;
}

function bestCandidate(
  folded: string,
  fields: readonly FieldDef[],
  threshold: number,
): Candidate | null {
  if (folded === '') return null;
  // Standard fields come first in the catalogue, so they win exact ties with custom fields.
  for (const f of fields) {
    if (foldKey(f.label) === folded || foldKey(f.key) === folded) {
      return { field: f.key, method: 'exact', confidence: 1 };
    }
  }
  for (const f of fields) {
    if (f.synonyms.includes(folded)) {
      return { field: f.key, method: 'synonym', confidence: SYNONYM_CONFIDENCE };
    }
  }
  if (folded.length < MIN_FUZZY_LENGTH || folded.length > MAX_FUZZY_LENGTH) return null;
  let best: Candidate | null = null;
  for (const f of fields) {
    const names = [foldKey(f.label), ...f.synonyms].filter((n) => n.length >= MIN_FUZZY_LENGTH);
    for (const name of names) {
      const score = similarity(folded, name);
      if (score >= threshold && (best === null || score * FUZZY_SCALE > best.confidence)) {
        best = {
          field: f.key,
          method: 'fuzzy',
          confidence: Math.round(score * FUZZY_SCALE * 100) / 100,
        };
      }
    }
  }
  return best;
}

/**
 * Suggests a field for every column. Each field is used at most once: the most confident column
 * wins (the leftmost on a tie) and the others are left unmapped. A Name column is split only when
 * no column maps to First or Last Name; beside a Last Name column alone it is the First Name.
 */
export function autoMap(
  columns: readonly Column[],
  catalogue: FieldCatalogue,
  options: AutoMapOptions = {},
): ColumnMatch[] {
  const threshold = options.threshold ?? DEFAULT_THRESHOLD;
  const fields = catalogue.fields.filter(
    (f) => f.key !== CONTACT_ID_KEY || options.identifier === 'id',
  );
  const detected = detectSource(columns);
  const known = new Set(fields.map((f) => f.key));
  const candidates = columns.map((c, i): Candidate | null => {
    const role = headerRole(c.header, detected);
    let field = role === null ? undefined : roleField(role);
    // Same header, different contents: "Country Code" holds ISO codes in one export and
    // calling codes (91, +971) in WhatsApp tools, so the values decide.
    if (
      (field === 'countryCode' || field === 'callingCode' || field === undefined) &&
      holdsCallingCodes(options.samples?.[i]) &&
      /code|cc|dial|isd/i.test(c.header)
    ) {
      field = 'callingCode';
    } else if (
      field === 'callingCode' &&
      options.samples?.[i] &&
      !holdsCallingCodes(options.samples[i])
    ) {
      field = 'countryCode';
    }
    const generic = bestCandidate(foldKey(c.header), fields, threshold);
    // A known column that is no contact field (Shopify's "Orders") still maps to a workspace
    // field of exactly that name, never to a synonym or near spelling.
    if (field === null) return generic?.method === 'exact' ? generic : null;
    // An exact field name stays exact; otherwise the catalogue's knowledge of the header wins
    // over synonyms and near spellings ("Home Phone" is a phone, not a fuzzy "Home").
    if (field !== undefined && known.has(field) && generic?.field !== field) {
      return { field, method: 'synonym', confidence: CATALOGUE_CONFIDENCE };
    }
    if (field !== undefined && known.has(field) && generic?.method === 'fuzzy') {
      return { field, method: 'synonym', confidence: CATALOGUE_CONFIDENCE };
    }
    return generic;
  });
  const order = candidates
    .map((candidate, i) => ({ candidate, i }))
    .filter((x): x is { candidate: Candidate; i: number } => x.candidate !== null)
    .sort((a, b) => b.candidate.confidence - a.candidate.confidence || a.i - b.i);
  const taken = new Set<string>();
  const winners = new Map<number, Candidate>();
  for (const { candidate, i } of order) {
    // Several phone or email columns (Mobile, Business, Home) are all kept: best per row.
    const several = MULTI_COLUMN_FIELDS.has(candidate.field) && candidate.method !== 'fuzzy';
    if (taken.has(candidate.field) && !several) continue;
    taken.add(candidate.field);
    winners.set(i, candidate);
  }
  // Beside a Last Name column, "Name" is the first name ("Name" + "Surname"); beside a First
  // Name column it is redundant.
  for (const [i, candidate] of winners) {
    if (candidate.field !== FULL_NAME_KEY) continue;
    if (taken.has('lastName') && !taken.has('firstName')) {
      winners.set(i, { ...candidate, field: 'firstName' });
    } else if (taken.has('firstName') || taken.has('lastName')) {
      winners.delete(i);
    }
  }
  return columns.map((c, i) => {
    const won = winners.get(i);
    return {
      column: c.index,
      header: c.header,
      label: c.label,
      field: won?.field ?? null,
      method: won?.method ?? 'none',
      confidence: won?.confidence ?? 0,
    };
  });
}

/** The mapping to save from auto-mapping results (or from the sidebar's edited copy of them). */
export function mappingFromMatches(matches: readonly ColumnMatch[]): MappingEntry[] {
  return matches.map((m) => ({ header: m.label, field: m.field }));
}

export interface MappedColumn {
  readonly column: Column;
  readonly field: FieldDef;
}

export interface ResolvedMapping {
  /** Mapped data columns, left to right. */
  readonly mapped: readonly MappedColumn[];
  /** The owned Contact ID column, when it is the identifier source (identifier id, no column mapped). */
  readonly ownedContactId: Column | null;
  /** Mapping entries naming a column the sheet no longer has. */
  readonly missingColumns: readonly MappingEntry[];
  /** Mapping entries naming a field the workspace no longer has. */
  readonly unknownFields: readonly MappingEntry[];
  /** Mapping entries that map one of the add-on's own columns (never data) to a field. */
  readonly ownedColumns: readonly MappingEntry[];
}

/** Applies a saved mapping to the sheet's columns, matched by column label. */
export function resolveMapping(
  mapping: readonly MappingEntry[],
  header: TableHeader,
  catalogue: FieldCatalogue,
  identifier: Identifier | null = null,
): ResolvedMapping {
  const byLabel = new Map(header.columns.map((c) => [c.label, c]));
  const ownedLabels = new Set(Object.values(header.owned).map((c) => c?.label.toLowerCase()));
  const mapped: MappedColumn[] = [];
  const missingColumns: MappingEntry[] = [];
  const unknownFields: MappingEntry[] = [];
  const ownedColumns: MappingEntry[] = [];
  for (const entry of mapping) {
    if (entry.field === null) continue;
    const column = byLabel.get(entry.header);
    const field = findField(catalogue, entry.field);
    if (column === undefined && ownedLabels.has(entry.header.toLowerCase())) {
      // The add-on's Contact ID column mapped to Contact ID is the read-only identifier source.
      if (entry.field !== CONTACT_ID_KEY) ownedColumns.push(entry);
    } else if (column === undefined) missingColumns.push(entry);
    else if (field === undefined) unknownFields.push(entry);
    else mapped.push({ column, field });
  }
  mapped.sort((a, b) => a.column.index - b.column.index);
  const idMapped = mapped.some((m) => m.field.key === CONTACT_ID_KEY);
  const ownedContactId = identifier === 'id' && !idMapped ? (header.owned.contactId ?? null) : null;
  return { mapped, ownedContactId, missingColumns, unknownFields, ownedColumns };
}

const IDENTIFIER_FIELD: Readonly<Record<Identifier, string>> = {
  phone: 'phone',
  email: 'email',
  id: CONTACT_ID_KEY,
};

/** The field an identifier is mapped to: `phone`, `email`, or Contact ID's key. */
export function identifierFieldKey(identifier: Identifier): string {
  return IDENTIFIER_FIELD[identifier];
}

/**
 * The column the identifier's field is mapped from (the first, for a "best of" choice), for
 * naming it in messages; null without an identifier or when that column is not in the sheet.
 */
export function identifierColumn(
  settings: Pick<Settings, 'identifier' | 'mapping'>,
  columns: readonly Pick<Column, 'index' | 'label'>[],
): { index: number; label: string } | null {
  if (settings.identifier === null) return null;
  const key = identifierFieldKey(settings.identifier);
  const entry = settings.mapping.find((m) => m.field === key);
  const column = entry ? columns.find((c) => c.label === entry.header) : undefined;
  return column ? { index: column.index, label: column.label } : null;
}

const quoted = (text: string): string => `'${text}'`;

/**
 * Everything wrong with the mapping, as messages a person can act on; empty when it can be used.
 */
export function checkMapping(
  settings: Settings,
  header: TableHeader,
  catalogue: FieldCatalogue,
): string[] {
  const { mapped, ownedContactId, missingColumns, unknownFields, ownedColumns } = resolveMapping(
    settings.mapping,
    header,
    catalogue,
    settings.identifier,
  );
  const problems: string[] = [];
  for (const entry of missingColumns) {
    const field = findField(catalogue, entry.field ?? '')?.label ?? entry.field;
    problems.push(
      `The column ${quoted(entry.header)} (mapped to ${field}) is no longer in the sheet — map the columns again.`,
    );
  }
  for (const entry of ownedColumns) {
    problems.push(
      `The column ${quoted(entry.header)} belongs to the add-on (it writes there) and cannot be imported — skip it.`,
    );
  }
  for (const entry of unknownFields) {
    const name = (entry.field ?? '').replace(/^custom:/, '');
    problems.push(
      `The column ${quoted(entry.header)} is mapped to the field ${quoted(name)}, which the workspace no longer has — map it to another field or skip it.`,
    );
  }
  if (mapped.length === 0 && missingColumns.length === 0 && ownedColumns.length === 0) {
    problems.push('Select at least one column to import.');
  }

  const byField = new Map<string, MappedColumn[]>();
  for (const m of mapped) byField.set(m.field.key, [...(byField.get(m.field.key) ?? []), m]);
  for (const [key, columns] of byField) {
    if (columns.length < 2 || MULTI_COLUMN_FIELDS.has(key)) continue;
    const labels = columns.map((m) => quoted(m.column.label));
    problems.push(
      `${columns[0]?.field.label} is mapped from more than one column (${listText(labels)}) — keep one.`,
    );
  }
  const fullName = byField.get(FULL_NAME_KEY)?.[0];
  const namePart = byField.get('firstName')?.[0] ?? byField.get('lastName')?.[0];
  if (fullName && namePart) {
    problems.push(
      `The column ${quoted(fullName.column.label)} is split into First and Last Name, but ${quoted(namePart.column.label)} is mapped to ${namePart.field.label} too — skip one of them.`,
    );
  }

  const contactId = byField.get(CONTACT_ID_KEY)?.[0];
  if (contactId && settings.identifier !== 'id') {
    problems.push(
      `The column ${quoted(contactId.column.label)} is mapped to Contact ID, which is only used to find contacts when they are identified by Contact ID — skip the column.`,
    );
  }

  const identifier = settings.identifier;
  if (identifier !== null) {
    const source =
      byField.has(IDENTIFIER_FIELD[identifier]) || (identifier === 'id' && ownedContactId);
    if (!source) {
      const field = IDENTIFIER_LABELS[identifier];
      const likely = candidateColumns(header, identifier);
      const hint =
        likely.length > 0 ? ` The likeliest: ${listText(likely.map((c) => quoted(c.label)))}.` : '';
      problems.push(
        `Contacts are identified by ${field}, so a column must be mapped to ${field}.${hint}`,
      );
    }
  }

  if (mayCreate(settings.purpose) && !byField.has('firstName') && !byField.has(FULL_NAME_KEY)) {
    problems.push(
      `New contacts need a first name: map a column to First Name (or a Name column to be split) for '${PURPOSE_LABELS[settings.purpose]}'.`,
    );
  }
  return problems;
}

const LIKELY: Readonly<Record<Identifier, RegExp>> = {
  phone:
    /phone|mobile|cell|tel|whatsapp|handy|móvil|movil|celular|cellulare|seluler|mobiel|sms|fon|number|no\b/i,
  email: /e-?mail|mail|correo|courriel|posta/i,
  id: /\bid\b/i,
};

/** Columns whose header suggests they hold the identifier, best first (at most three). */
export function candidateColumns(header: TableHeader, identifier: Identifier): Column[] {
  const detected = detectSource(header.columns);
  const wanted = IDENTIFIER_FIELD[identifier];
  const byRole = header.columns.filter((c) => {
    const role = headerRole(c.header, detected);
    return role !== null && roleField(role) === wanted;
  });
  const byWord = header.columns.filter(
    (c) => !byRole.includes(c) && LIKELY[identifier].test(c.header),
  );
  return [...byRole, ...byWord].slice(0, 3);
}

/** "Phone: best of 'Mobile Phone', 'Business Phone'" for each field fed by several columns. */
export function combinedFieldLines(
  mapping: readonly MappingEntry[],
  catalogue: FieldCatalogue,
): string[] {
  const lines: string[] = [];
  for (const key of MULTI_COLUMN_FIELDS) {
    const headers = mapping.filter((m) => m.field === key).map((m) => quoted(m.header));
    if (headers.length < 2) continue;
    lines.push(`${findField(catalogue, key)?.label ?? key}: best of ${headers.join(', ')}`);
  }
  return lines;
}
