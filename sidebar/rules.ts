import { MAX_DATA_ROWS } from '../src/core/limits';
import { identifiersFor, importTagFor, looksUp, mayCreate, mayUpdate } from '../src/core/rules';
import type { ColumnMapping, FieldOption, Identifier, ImportSettings } from '../src/rpc';

/**
 * The wizard's rules that the sidebar can check by itself, so a person sees what is wrong
 * while choosing, before any server call. The server checks them again in saveSettings.
 * What each purpose allows (identifiers, Do Not Overwrite, first names) is core's
 * src/core/rules.ts, imported rather than restated; this file holds the wizard's own checks.
 */

/**
 * The standard field a kind of identifier is read from. The contract does not name it, so
 * it is found by key or type (`phone`, `email`, `id`) among the standard fields.
 */
export function identifierField(kind: Identifier, fields: FieldOption[]): FieldOption | undefined {
  return fields.find((f) => !f.custom && (f.key === kind || f.type === kind));
}

export function fieldLabel(key: string, fields: FieldOption[]): string {
  return fields.find((f) => f.key === key)?.label ?? key;
}

/** Settings as they should be sent: choices that do not apply to the purpose are neutralised. */
export function settingsToSend(settings: ImportSettings): ImportSettings {
  const allowed = identifiersFor(settings.purpose);
  return {
    ...settings,
    identifier:
      settings.identifier && allowed.includes(settings.identifier)
        ? settings.identifier
        : (allowed[0] ?? null),
    doNotOverwrite: mayUpdate(settings.purpose) && settings.doNotOverwrite,
    // An included column with no field yet is not a mapping: send it as skipped.
    mapping: settings.mapping.map((m) => ({ ...m, field: m.field || null })),
  };
}

/** Column choices the person is still making: included, but no field picked. */
export type Included = Record<number, boolean>;

/**
 * Every mapping rule of PRODUCT.md in plain words; empty when the mapping can be saved.
 * `included` marks columns checked for import, which may not have a field yet.
 */
export function mappingProblems(
  settings: ImportSettings,
  fields: FieldOption[],
  included: Included,
): string[] {
  const problems: string[] = [];
  const isIncluded = (m: ColumnMapping) => included[m.column] ?? m.field !== null;
  const chosen = settings.mapping.filter(isIncluded);

  if (chosen.length === 0) problems.push('Select at least one column to import.');

  for (const m of chosen) {
    if (!m.field) problems.push(`Choose a field for “${headerName(m)}”, or uncheck it to skip it.`);
  }

  const byField = new Map<string, string[]>();
  for (const m of chosen) {
    if (!m.field) continue;
    byField.set(m.field, [...(byField.get(m.field) ?? []), headerName(m)]);
  }
  for (const [field, headers] of byField) {
    // Several Phone or Email columns are one choice: the best value per row wins.
    if (headers.length > 1 && !MULTI_COLUMN_FIELDS.has(field)) {
      problems.push(
        `${fieldLabel(field, fields)} is mapped from ${headers.length} columns (${headers.join(', ')}): keep one.`,
      );
    }
  }

  if (settings.identifier && looksUp(settings.purpose)) {
    const field = identifierField(settings.identifier, fields);
    if (field && !byField.has(field.key)) {
      problems.push(`Map a column to ${field.label}: it is the identifier.`);
    }
  }
  return problems;
}

/** Fields several columns may feed (Mobile, Business Phone…): the best value per row wins. */
export const MULTI_COLUMN_FIELDS: ReadonlySet<string> = new Set(['phone', 'email']);

/**
 * "Phone: best of 'Mobile Phone', 'Business Phone'" for each field fed by several included
 * columns, in column order (the first is preferred on a tie). A person changes it by unchecking a
 * column or picking another field for it.
 */
export function bestOfLines(settings: ImportSettings, fields: FieldOption[]): string[] {
  const lines: string[] = [];
  for (const key of MULTI_COLUMN_FIELDS) {
    const headers = settings.mapping
      .filter((m) => m.field === key)
      .sort((a, b) => a.column - b.column)
      .map((m) => `‘${headerName(m)}’`);
    if (headers.length > 1) lines.push(`${fieldLabel(key, fields)}: best of ${headers.join(', ')}`);
  }
  return lines;
}

/** Advice that does not block: rows that create contacts need a First Name. */
export function mappingWarnings(settings: ImportSettings, fields: FieldOption[]): string[] {
  const firstName = fields.find((f) => f.key === 'firstName');
  if (!firstName || !mayCreate(settings.purpose)) return [];
  return settings.mapping.some((m) => m.field === firstName.key)
    ? []
    : [`No column is mapped to ${firstName.label}: rows that create a contact will be errors.`];
}

export function headerName(m: ColumnMapping): string {
  return m.header || `Column ${columnLetter(m.column)}`;
}

/** 0 → A, 25 → Z, 26 → AA: how the sheet names a column. */
export function columnLetter(index: number): string {
  let n = index + 1;
  let letters = '';
  while (n > 0) {
    const rest = (n - 1) % 26;
    letters = String.fromCharCode(65 + rest) + letters;
    n = Math.floor((n - 1) / 26);
  }
  return letters;
}

/** Why the tab cannot be imported as it stands, by the platform's row limits (core's limits.ts). */
export function sourceProblem(dataRows: number, headerRow: number): string | null {
  if (dataRows < 1) return `There are no data rows under the header row (row ${headerRow}).`;
  if (dataRows > MAX_DATA_ROWS) {
    return `This tab has ${dataRows.toLocaleString('en')} data rows; an import takes at most ${MAX_DATA_ROWS.toLocaleString('en')}.`;
  }
  return null;
}

/** A default import tag naming this batch, in the browser's local time: `import 2026-11-22 09:30`. */
export function newImportTag(now = new Date()): string {
  return importTagFor({
    year: now.getFullYear(),
    month: now.getMonth() + 1,
    day: now.getDate(),
    hour: now.getHours(),
    minute: now.getMinutes(),
  });
}
