/**
 * Settings as the sidebar edits them (src/rpc.ts ImportSettings), as they are saved per
 * sheet tab (a compact draft, saved even while it has problems so nothing a person chose is
 * lost), and as the core checks them (core Settings).
 */
import { z } from 'zod';
import type { CustomFieldDef } from '../api';
import { buildCatalogue, type FieldCatalogue, type FieldDef } from '../core/fields';
import { autoMap, checkMapping } from '../core/mapping';
import { parseSettings, type Settings } from '../core/settings';
import type { TableHeader } from '../core/table';
import type { ColumnMapping, FieldOption, ImportSettings } from '../rpc';

export const Draft = z.object({
  headerRow: z.number().int().min(1).catch(1),
  purpose: z.enum(['add', 'update', 'add-update', 'add-all']).catch('add-update'),
  identifier: z.enum(['phone', 'email', 'id']).nullable().catch('phone'),
  tags: z.array(z.string()).catch([]),
  addImportTag: z.boolean().catch(true),
  doNotOverwrite: z.boolean().catch(false),
  skipBadOptionalCells: z.boolean().catch(false),
  defaultCountry: z.string().nullable().catch(null),
  /** Keyed by column label, so the mapping survives columns being moved. */
  mapping: z
    .array(
      z.object({
        header: z.string(),
        field: z.string().nullable(),
        match: z.string().optional(),
        confidence: z.number().optional(),
      }),
    )
    .catch([]),
});
export type Draft = z.infer<typeof Draft>;

export const DEFAULT_DRAFT: Draft = Draft.parse({});

/** What the sidebar sends, as the draft to keep. */
export function draftFrom(settings: ImportSettings): Draft {
  return Draft.parse({
    headerRow: settings.headerRow,
    purpose: settings.purpose,
    identifier: settings.purpose === 'add-all' ? null : settings.identifier,
    tags: settings.tags,
    addImportTag: settings.importTag !== null,
    doNotOverwrite: settings.doNotOverwrite,
    skipBadOptionalCells: settings.skipBadOptionalCells,
    defaultCountry: settings.defaultCountry,
    mapping: settings.mapping.map((m) => ({
      header: m.header,
      field: m.field,
      match: m.match,
      confidence: m.confidence,
    })),
  });
}

/**
 * The draft as the sidebar shows it: one line per data column. A draft without a mapping
 * (new tab, or a new header row) gets the automatic suggestions.
 */
export function toImportSettings(
  draft: Draft,
  header: TableHeader,
  catalogue: FieldCatalogue,
  importTag: string,
  samples?: readonly (readonly unknown[])[],
): ImportSettings {
  return {
    headerRow: draft.headerRow,
    purpose: draft.purpose,
    identifier: draft.identifier,
    tags: draft.tags,
    importTag: draft.addImportTag ? importTag : null,
    doNotOverwrite: draft.doNotOverwrite,
    skipBadOptionalCells: draft.skipBadOptionalCells,
    defaultCountry: draft.defaultCountry,
    mapping: mappingLines(draft, header, catalogue, samples),
  };
}

function mappingLines(
  draft: Draft,
  header: TableHeader,
  catalogue: FieldCatalogue,
  samples?: readonly (readonly unknown[])[],
): ColumnMapping[] {
  if (draft.mapping.length === 0) {
    const options = { identifier: draft.identifier, ...(samples ? { samples } : {}) };
    return autoMap(header.columns, catalogue, options).map((m) => ({
      column: m.column,
      header: m.label,
      field: m.field,
      match: m.method,
      confidence: round2(m.confidence),
    }));
  }
  const saved = new Map(draft.mapping.map((m) => [m.header, m]));
  return header.columns.map((column) => {
    const entry = saved.get(column.label);
    const match = entry?.match;
    return {
      column: column.index,
      header: column.label,
      field: entry?.field ?? null,
      match:
        match === 'exact' || match === 'synonym' || match === 'fuzzy' || match === 'manual'
          ? match
          : 'none',
      confidence: entry?.confidence ?? 0,
    };
  });
}

const round2 = (n: number) => Math.round(n * 100) / 100;

/** The core settings, or what is wrong with them in plain words. */
export function coreSettings(
  draft: Draft,
  header: TableHeader | null,
  catalogue: FieldCatalogue,
): { settings: Settings | null; problems: string[] } {
  const parsed = parseSettings({
    purpose: draft.purpose,
    identifier: draft.purpose === 'add-all' ? null : draft.identifier,
    tags: draft.tags,
    addImportTag: draft.addImportTag,
    mapping: draft.mapping.map((m) => ({ header: m.header, field: m.field })),
    doNotOverwrite: draft.doNotOverwrite,
    skipBadOptionalCells: draft.skipBadOptionalCells,
    defaultCountry: draft.defaultCountry,
    headerRow: draft.headerRow,
  });
  if (!parsed.ok) return { settings: null, problems: [...parsed.messages] };
  const problems = header ? checkMapping(parsed.value, header, catalogue) : [];
  return { settings: parsed.value, problems };
}

export function catalogueFor(customFields: readonly CustomFieldDef[]): FieldCatalogue {
  return buildCatalogue(customFields);
}

/** The catalogue as the sidebar's field picker lists it. */
export function fieldOptions(catalogue: FieldCatalogue): FieldOption[] {
  return catalogue.fields.map((field) => ({
    key: field.key,
    label: field.label,
    type: uiType(field),
    custom: field.target.kind === 'custom',
    options: field.options ? [...field.options] : null,
  }));
}

function uiType(field: FieldDef): string {
  switch (field.valueType) {
    case 'profilePic':
      return 'url';
    case 'contactId':
      return 'id';
    case 'fullName':
      return 'name';
    default:
      return field.valueType.startsWith('custom-')
        ? field.valueType.slice('custom-'.length)
        : field.valueType;
  }
}
