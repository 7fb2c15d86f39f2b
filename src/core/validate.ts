/**
 * Review: checks every row against the mapping and settings, normalises the values, finds
 * duplicate identifiers, and says per row what the Error column should show and which cells to
 * highlight. Nothing here throws for a bad cell: every problem is a message in the result.
 */
import type { ContactFields, CustomFieldValue } from '../api/schemas';
import {
  duplicateMessage,
  hasOtherRows,
  indexIdentifiers,
  repeatedIdentifiers,
  type IdentifierIndex,
} from './duplicates';
import { CONTACT_ID_KEY, findField, type FieldCatalogue, type FieldDef } from './fields';
import { checkMapping, resolveMapping, type ResolvedMapping } from './mapping';
import { makeReader, type CellReader, type FieldValue, type RowHints } from './readers';
import { fail, ok, type Result } from './result';
import { mayCreate, type Identifier, type Settings } from './settings';
import {
  isEmptyRow,
  readTable,
  type Column,
  type Table,
  type TableHeader,
  type TableRow,
} from './table';
import { cellText, formulaError, formulaErrorMessage, isBlank } from './values/cell';
import { makeZone, type Zone, type ZoneOptions } from './values/datetime';
import type { SplitName } from './values/textField';

export type { IdentifierIndex } from './duplicates';

/** What the core needs to know about the spreadsheet itself: its time zone. */
export type ValidationContext = ZoneOptions;

/** The normalised identifier a row is looked up by: E.164 phone, lower-case email, id digits. */
export interface Identity {
  readonly kind: Identifier;
  readonly value: string;
}

/**
 * One string per identity ("phone:+60123456789"): how outcomes, checkpoints and the review
 * record name a row's contact; null for a row without one.
 */
export function identityKey(identity: Identity): string;
export function identityKey(identity: Identity | null): string | null;
export function identityKey(identity: Identity | null): string | null {
  return identity ? `${identity.kind}:${identity.value}` : null;
}

export interface ContactPayload {
  readonly identifier: Identity | null;
  /** Only mapped fields are present; an empty mapped cell is null. */
  readonly fields: ContactFields;
  /** Present when a Tags column is mapped: its tags, or null for an empty cell. */
  readonly tags?: string[] | null;
}

export interface CellIssue {
  /** 0-based sheet column index. */
  readonly column: number;
  /** The column as the person wrote its header (or "Column F" / "Phone (2)"). */
  readonly header: string;
  readonly message: string;
  /** Text that would fix the cell, when there is one. */
  readonly suggested: string | null;
}

export interface Suggestion {
  /** 1-based sheet row. */
  readonly row: number;
  /** 0-based sheet column. */
  readonly column: number;
  readonly header: string;
  /** The cell as it reads now. */
  readonly current: string;
  readonly suggested: string;
  readonly severity: 'error' | 'warning';
  /** A date field's yyyy-mm-dd: written as a real date cell, not as text. */
  readonly isDate: boolean;
}

export interface RowResult {
  /** 1-based sheet row. */
  readonly row: number;
  /** True only from validateRow on a row with no data (the full review lists empty rows apart). */
  readonly empty: boolean;
  readonly errors: readonly CellIssue[];
  readonly warnings: readonly CellIssue[];
  /** What to send; null when the row has errors (or is empty). */
  readonly payload: ContactPayload | null;
  /** The row's identifier when it could be read, even if other cells have errors. */
  readonly identifier: Identity | null;
  /** The Error column text: "Phone: no country code — …; Email: missing @" ('' when clean). */
  readonly errorText: string;
  /** The warnings in the same form, for a note or the sidebar ('' when none). */
  readonly warningText: string;
  /** 0-based sheet columns with an error, to highlight. */
  readonly highlight: readonly number[];
}

export interface ValidationTotals {
  /** Non-empty data rows checked. */
  readonly rows: number;
  /** Rows without errors (they may have warnings). */
  readonly valid: number;
  /** Rows with at least one error. */
  readonly errors: number;
  /** Rows with at least one warning. */
  readonly warnings: number;
  /** Empty rows inside the data. */
  readonly empty: number;
}

export interface ValidationReport {
  readonly rows: readonly RowResult[];
  readonly emptyRows: readonly number[];
  readonly totals: ValidationTotals;
  /** Every suggested fix, for "apply all suggested fixes". */
  readonly suggestions: readonly Suggestion[];
}

export interface ColumnPlan {
  readonly column: Column;
  readonly field: FieldDef;
  readonly read: CellReader;
  /** Marks the column whose value is the row's identifier. */
  readonly isIdentifier: boolean;
  /** Marks the column that must hold a first name when rows may create contacts. */
  readonly needsFirstName: boolean;
}

/** Everything prepared once per review and reused for every row (also by onEdit re-checks). */
export interface Validator {
  readonly settings: Settings;
  readonly header: TableHeader;
  readonly mapping: ResolvedMapping;
  readonly plans: readonly ColumnPlan[];
  readonly zone: Zone;
}

const NONE: readonly never[] = Object.freeze([]);

function identifierFieldKey(identifier: Identifier): string {
  return identifier === 'id' ? CONTACT_ID_KEY : identifier;
}

/**
 * Prepares a review: checks the mapping and the time zone, and builds one reader per column.
 * Refuses with messages when the mapping cannot be used.
 */
export function prepareValidation(
  settings: Settings,
  header: TableHeader,
  catalogue: FieldCatalogue,
  context: ValidationContext = {},
): Result<Validator> {
  const problems = checkMapping(settings, header, catalogue);
  if (problems.length > 0) return fail(problems);
  const zone = makeZone(context);
  if (!zone.ok) return zone;
  const mapping = resolveMapping(settings.mapping, header, catalogue, settings.identifier);
  const readerContext = { zone: zone.value, defaultCountry: settings.defaultCountry };
  const idKey = settings.identifier === null ? null : identifierFieldKey(settings.identifier);
  const needsFirstName = mayCreate(settings.purpose);
  const plans: ColumnPlan[] = mapping.mapped.map(({ column, field }) => ({
    column,
    field,
    read: makeReader(field, readerContext),
    isIdentifier: field.key === idKey,
    needsFirstName: needsFirstName && (field.key === 'firstName' || field.key === 'fullName'),
  }));
  const contactIdField = findField(catalogue, CONTACT_ID_KEY);
  if (mapping.ownedContactId && contactIdField) {
    plans.push({
      column: mapping.ownedContactId,
      field: contactIdField,
      read: makeReader(contactIdField, readerContext),
      isIdentifier: true,
      needsFirstName: false,
    });
  }
  // The Country Code is read first so a phone without a country code can name the row's country.
  plans.sort(
    (a, b) =>
      Number(b.field.valueType === 'country') - Number(a.field.valueType === 'country') ||
      a.column.index - b.column.index,
  );
  return ok({ settings, header, mapping, plans, zone: zone.value });
}

/** Collects one row's findings; turned into a RowResult at the end. */
interface RowDraft {
  errors: CellIssue[] | null;
  warnings: CellIssue[] | null;
  fields: ContactFields;
  custom: { name: string; value: CustomFieldValue }[] | null;
  tags: string[] | null | undefined;
  identity: Identity | null;
}

function issue(plan: ColumnPlan, message: string, suggested: string | undefined): CellIssue {
  return {
    column: plan.column.index,
    header: plan.column.label,
    message,
    suggested: suggested ?? null,
  };
}

function addError(draft: RowDraft, entry: CellIssue): void {
  (draft.errors ??= []).push(entry);
}

function apply(
  draft: RowDraft,
  plan: ColumnPlan,
  value: FieldValue | null,
  kind: Identifier | null,
) {
  const target = plan.field.target;
  switch (target.kind) {
    case 'standard':
      draft.fields[target.name] = value as string | null;
      break;
    case 'custom':
      (draft.custom ??= []).push({ name: target.name, value: value as CustomFieldValue });
      break;
    case 'tags':
      draft.tags = value as string[] | null;
      break;
    case 'fullName': {
      const split = value as SplitName | null;
      draft.fields.firstName = split?.firstName ?? null;
      draft.fields.lastName = split?.lastName ?? null;
      break;
    }
    case 'contactId':
      break;
  }
  if (plan.isIdentifier && kind !== null && typeof value === 'string') {
    draft.identity = { kind, value };
  }
}

const MISSING_IDENTIFIER: Readonly<Record<Identifier, string>> = {
  phone: 'missing — contacts are identified by phone',
  email: 'missing — contacts are identified by email',
  id: 'missing — contacts are identified by Contact ID',
};

function checkCell(
  validator: Validator,
  plan: ColumnPlan,
  row: TableRow,
  draft: RowDraft,
  hints: RowHints,
) {
  const index = plan.column.index;
  const raw = row.values[index];
  const kind = validator.settings.identifier;
  if (isBlank(raw)) {
    apply(draft, plan, null, kind);
    if (plan.isIdentifier && kind !== null) {
      addError(draft, issue(plan, MISSING_IDENTIFIER[kind], undefined));
    } else if (plan.needsFirstName) {
      addError(draft, issue(plan, 'missing — new contacts need a first name', undefined));
    }
    return;
  }
  const display = row.display?.[index];
  const formula = formulaError(raw, display);
  if (formula !== null) {
    addError(draft, issue(plan, formulaErrorMessage(formula), undefined));
    return;
  }
  const outcome = plan.read(raw, display, hints);
  if (!outcome.ok) {
    addError(draft, issue(plan, outcome.error, outcome.suggested));
    return;
  }
  if (outcome.warning) {
    (draft.warnings ??= []).push(issue(plan, outcome.warning.message, outcome.warning.suggested));
  }
  const value = outcome.value;
  if (plan.field.valueType === 'country') hints.country = value as string | null;
  apply(draft, plan, value, kind);
  if (plan.needsFirstName) {
    const first = plan.field.key === 'fullName' ? draft.fields.firstName : value;
    if (first === null)
      addError(draft, issue(plan, 'missing — new contacts need a first name', undefined));
  }
}

/** Issues in sheet column order, as a person reads the row (Array.sort is stable). */
function byColumn(issues: CellIssue[] | null): readonly CellIssue[] {
  if (issues === null) return NONE;
  return issues.length > 1 ? issues.sort((a, b) => a.column - b.column) : issues;
}

function issuesText(issues: readonly CellIssue[]): string {
  if (issues.length === 0) return '';
  return issues.map((i) => `${i.header}: ${i.message}`).join('; ');
}

function finish(row: number, draft: RowDraft): RowResult {
  const errors = byColumn(draft.errors);
  const warnings = byColumn(draft.warnings);
  let payload: ContactPayload | null = null;
  if (errors.length === 0) {
    const fields = draft.fields;
    if (draft.custom) fields.custom_fields = draft.custom;
    payload =
      draft.tags === undefined
        ? { identifier: draft.identity, fields }
        : { identifier: draft.identity, fields, tags: draft.tags };
  }
  return {
    row,
    empty: false,
    errors,
    warnings,
    payload,
    identifier: draft.identity,
    errorText: issuesText(errors),
    warningText: issuesText(warnings),
    highlight:
      errors.length === 0 ? NONE : [...new Set(errors.map((e) => e.column))].sort((a, b) => a - b),
  };
}

function emptyResult(row: number): RowResult {
  return {
    row,
    empty: true,
    errors: NONE,
    warnings: NONE,
    payload: null,
    identifier: null,
    errorText: '',
    warningText: '',
    highlight: NONE,
  };
}

function identifierPlan(validator: Validator): ColumnPlan | undefined {
  return validator.plans.find((p) => p.isIdentifier);
}

/** Adds the duplicate error to a finished row. */
function withDuplicate(
  result: RowResult,
  plan: ColumnPlan,
  kind: Identifier,
  clusterRows: readonly number[],
): RowResult {
  const message = duplicateMessage(kind, clusterRows, result.row);
  const errors = byColumn([...result.errors, issue(plan, message, undefined)]);
  return {
    ...result,
    errors,
    payload: null,
    errorText: issuesText(errors),
    highlight: [...new Set(errors.map((e) => e.column))].sort((a, b) => a - b),
  };
}

function checkRow(validator: Validator, row: TableRow): RowResult {
  const draft: RowDraft = {
    errors: null,
    warnings: null,
    fields: {},
    custom: null,
    tags: undefined,
    identity: null,
  };
  const hints: RowHints = { country: null };
  for (const plan of validator.plans) checkCell(validator, plan, row, draft, hints);
  return finish(row.row, draft);
}

/**
 * Checks one row, e.g. from an onEdit trigger. Pass the identifier index of the last review to
 * find duplicates of this row's identifier in the rest of the sheet.
 */
export function validateRow(
  validator: Validator,
  row: TableRow,
  index?: IdentifierIndex,
): RowResult {
  if (isEmptyRow(row.values, validator.header.columns)) return emptyResult(row.row);
  const result = checkRow(validator, row);
  const kind = validator.settings.identifier;
  const plan = identifierPlan(validator);
  if (
    !index ||
    !result.identifier ||
    kind === null ||
    !plan ||
    validator.settings.purpose === 'add-all'
  ) {
    return result;
  }
  const value = result.identifier.value;
  if (!hasOtherRows(index, value, row.row)) return result;
  return withDuplicate(result, plan, kind, index.get(value) ?? []);
}

/**
 * The columns a row's identifier is read from: the identifier's own, and a Country Code
 * column a phone without a country code takes its country from. Drivers read just these to
 * find rows again or index duplicates without reading the whole sheet.
 */
export function identityColumns(validator: Validator): number[] {
  const columns = validator.plans
    .filter((p) => p.isIdentifier || p.field.valueType === 'country')
    .map((p) => p.column.index);
  return [...new Set(columns)].sort((a, b) => a - b);
}

/**
 * The row's identifier, reading only the identityColumns (the other cells may be absent):
 * the same as validateRow(...).identifier for the full row.
 */
export function identityOf(validator: Validator, row: TableRow): Identity | null {
  if (validator.settings.identifier === null) return null;
  const draft: RowDraft = {
    errors: null,
    warnings: null,
    fields: {},
    custom: null,
    tags: undefined,
    identity: null,
  };
  const hints: RowHints = { country: null };
  for (const plan of validator.plans) {
    if (plan.isIdentifier || plan.field.valueType === 'country')
      checkCell(validator, plan, row, draft, hints);
  }
  return draft.identity;
}

/**
 * One-shot check of a single row (an onEdit trigger has one execution for one edit): prepares and
 * validates in one call. Prefer prepareValidation + validateRow when checking many rows.
 */
export function validateOneRow(
  settings: Settings,
  header: TableHeader,
  catalogue: FieldCatalogue,
  row: TableRow,
  options: { readonly context?: ValidationContext; readonly index?: IdentifierIndex } = {},
): Result<RowResult> {
  const validator = prepareValidation(settings, header, catalogue, options.context);
  if (!validator.ok) return validator;
  return ok(validateRow(validator.value, row, options.index));
}

/** Normalised identifier → sheet rows, from a review's rows (for validateRow). */
export function buildIdentifierIndex(rows: readonly RowResult[]): IdentifierIndex {
  return indexIdentifiers(
    rows.map((r) => r.identifier?.value ?? null),
    (position) => (rows[position] as RowResult).row,
  );
}

function currentText(validator: Validator, row: TableRow, column: number): string {
  const display = row.display?.[column];
  if (display !== undefined) return display;
  const text = cellText(row.values[column], undefined, validator.zone);
  return text.ok ? text.value : String(row.values[column] ?? '');
}

const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/;

function suggestionsOf(
  validator: Validator,
  rows: readonly TableRow[],
  results: readonly RowResult[],
): Suggestion[] {
  const out: Suggestion[] = [];
  const dateColumns = new Set(
    validator.plans.filter((p) => p.field.valueType === 'custom-date').map((p) => p.column.index),
  );
  results.forEach((result, i) => {
    const row = rows[i] as TableRow;
    for (const [issues, severity] of [
      [result.errors, 'error'],
      [result.warnings, 'warning'],
    ] as const) {
      for (const entry of issues) {
        if (entry.suggested === null) continue;
        out.push({
          row: result.row,
          column: entry.column,
          header: entry.header,
          current: currentText(validator, row, entry.column),
          suggested: entry.suggested,
          severity,
          isDate: dateColumns.has(entry.column) && ISO_DAY.test(entry.suggested),
        });
      }
    }
  });
  return out;
}

/** Validates rows already read into a table with a prepared validator. */
export function validateRows(
  validator: Validator,
  table: Pick<Table, 'rows' | 'emptyRows'>,
): ValidationReport {
  const results = table.rows.map((row) => checkRow(validator, row));
  const kind = validator.settings.identifier;
  const plan = identifierPlan(validator);
  if (kind !== null && plan && validator.settings.purpose !== 'add-all') {
    // Index by position in `results`, not sheet row, so each cluster member is found at once.
    const clusters = repeatedIdentifiers(results.map((r) => r.identifier?.value ?? null));
    for (const members of clusters) {
      const rowsOf = members.map((i) => (results[i] as RowResult).row);
      for (const i of members) {
        results[i] = withDuplicate(results[i] as RowResult, plan, kind, rowsOf);
      }
    }
  }
  let valid = 0;
  let withWarnings = 0;
  for (const r of results) {
    if (r.errors.length === 0) valid++;
    if (r.warnings.length > 0) withWarnings++;
  }
  return {
    rows: results,
    emptyRows: table.emptyRows,
    totals: {
      rows: results.length,
      valid,
      errors: results.length - valid,
      warnings: withWarnings,
      empty: table.emptyRows.length,
    },
    suggestions: suggestionsOf(validator, table.rows, results),
  };
}

/** The whole review: prepare, check every row, flag duplicates. */
export function validateTable(
  settings: Settings,
  table: Table,
  catalogue: FieldCatalogue,
  context: ValidationContext = {},
): Result<ValidationReport> {
  const validator = prepareValidation(settings, table, catalogue, context);
  if (!validator.ok) return validator;
  return ok(validateRows(validator.value, table));
}

/** Convenience for drivers: read the sheet values and review them in one call. */
export function reviewSheet(
  settings: Settings,
  values: readonly (readonly unknown[])[],
  display: readonly (readonly string[])[] | null,
  catalogue: FieldCatalogue,
  context: ValidationContext = {},
): Result<ValidationReport> {
  const table = readTable(values, { headerRow: settings.headerRow, display });
  if (!table.ok) return table;
  return validateTable(settings, table.value, catalogue, context);
}
