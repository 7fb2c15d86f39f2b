/**
 * Review: checks every row against the mapping and settings, normalises the values, finds
 * duplicate identifiers, and says per row what the Error column should show and which cells to
 * highlight. Nothing here throws for a bad cell: every problem is a message in the result.
 */
import type { ContactFields, CustomFieldValue } from '../api/schemas';
import {
  duplicateMessage,
  hasOtherRows,
  repeatedIdentifiers,
  type IdentifierIndex,
} from './duplicates';
import { detectExport, headerRole, phoneTypeRank, roleType, type DetectedExport } from './exports';
import { CONTACT_ID_KEY, findField, type FieldCatalogue, type FieldDef } from './fields';
import { checkMapping, identifierFieldKey, resolveMapping, type ResolvedMapping } from './mapping';
import { makeReader, type CellReader, type FieldValue, type RowHints } from './readers';
import { fail, ok, type Result } from './result';
import { mayCreate, type Identifier, type Settings } from './settings';
import { isEmptyRow, type Column, type Table, type TableHeader, type TableRow } from './table';
import { cellText, formulaError, formulaErrorMessage, isBlank } from './values/cell';
import {
  dateOrderEvidence,
  localeDateOrder,
  makeZone,
  type DateOrder,
  type Zone,
  type ZoneOptions,
} from './values/datetime';
import type { Verdict } from './values/verdict';
import { mobileRank } from './values/phone';
import { systemLabels } from './values/tags';
import { cleanControl } from './values/control';
import type { SplitName } from './values/textField';

export type { IdentifierIndex } from './duplicates';

/** What the core needs to know about the spreadsheet itself: its time zone and locale. */
export interface ValidationContext extends ZoneOptions {
  /** Spreadsheet.getSpreadsheetLocale(), e.g. "en_GB": settles d/m against m/d dates. */
  readonly locale?: string | null;
}

/**
 * A row's identifier value: which identifier (`kind`, the setting) and the normalised value
 * the row is looked up by (E.164 phone, lower-case email, id digits). Not the API identifier
 * (src/api's `ApiIdentifier`, made from this by `toApiIdentifier`).
 */
export interface IdentifierValue {
  readonly kind: Identifier;
  readonly value: string;
}

/**
 * One string per identifier value ("phone:+60123456789"): how outcomes, checkpoints and the review
 * record name a row's contact; null for a row without one.
 */
export function identifierValueKey(identifierValue: IdentifierValue): string;
export function identifierValueKey(identifierValue: IdentifierValue | null): string | null;
export function identifierValueKey(identifierValue: IdentifierValue | null): string | null {
  return identifierValue ? `${identifierValue.kind}:${identifierValue.value}` : null;
}

export interface ContactPayload {
  readonly identifierValue: IdentifierValue | null;
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
  /** The row's identifier value when it could be read, even if other cells have errors. */
  readonly identifierValue: IdentifierValue | null;
  /** The Error column text: "Phone: no country code — …; Email: missing @" ('' when clean). */
  readonly errorText: string;
  /** The warnings in the same form, for a note or the sidebar ('' when none). */
  readonly warningText: string;
  /** 0-based sheet columns with an error, to highlight. */
  readonly highlight: readonly number[];
  /** Set on a report footer or totals row: why it is skipped (never sent, never an error). */
  readonly skipped?: string;
  /** The row's errors are all unreadable optional cells: "import without them" would save it. */
  readonly savable?: boolean;
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
  /** Footer and summary rows skipped (not counted in `rows`). */
  readonly skipped: number;
  /** Rows with errors that "import the row without this cell" would import. */
  readonly savable: number;
}

export interface ValidationReport {
  readonly rows: readonly RowResult[];
  readonly emptyRows: readonly number[];
  readonly totals: ValidationTotals;
  /** Every suggested fix, for "apply all suggested fixes". */
  readonly suggestions: readonly Suggestion[];
  /** Things the review did that the person should know (footers skipped, labels dropped). */
  readonly notes: readonly string[];
  /** The export the sheet seems to come from, by its headers. */
  readonly detected: DetectedExport | null;
}

export interface ColumnPlan {
  readonly column: Column;
  readonly field: FieldDef;
  readonly read: CellReader;
  /** Marks the column whose value is the row's identifier. */
  readonly isIdentifier: boolean;
  /** Marks the column that must hold a first name when rows may create contacts. */
  readonly needsFirstName: boolean;
  /** Further columns mapped to the same field (Phone, Email): the best value per row wins. */
  readonly alternatives: readonly Column[];
  /** Per column of the plan: the type its header gives, and a column naming it per row. */
  readonly types: ReadonlyMap<number, { type: string | null; typeColumn: number | null }>;
}

/** Everything prepared once per review and reused for every row (also by onEdit re-checks). */
export interface Validator {
  readonly settings: Settings;
  readonly header: TableHeader;
  readonly mapping: ResolvedMapping;
  readonly plans: readonly ColumnPlan[];
  readonly zone: Zone;
  readonly detected: DetectedExport | null;
  /** Date order per column, settled from the column's own values (see validateRows). */
  readonly dateOrders: Map<number, DateOrder>;
  readonly localeOrder: DateOrder | null;
}

const NONE: readonly never[] = Object.freeze([]);

/** Fields several columns may feed (Outlook's Mobile, Business and Home Phone): best per row. */
const MULTI_FIELDS: ReadonlySet<string> = new Set(['phone', 'email']);

/** The warning that says which column (or which " ::: " value) a Phone or Email came from. */
const SOURCE_NOTE = 'taken from ';

/** Google joins several values of one field in a cell with " ::: ". */
const MULTI_VALUE = /\s:::\s/;

/** The type a column's header gives its numbers, and Google's per-row type column beside it. */
function columnType(
  header: TableHeader,
  column: Column,
  detected: DetectedExport | null,
): { type: string | null; typeColumn: number | null } {
  const slot = /^(Phone|E-mail) (\d+) - Value$/i.exec(column.header);
  const sibling = slot
    ? header.columns.find((c) =>
        new RegExp(`^${slot[1]} ${slot[2]} - (Type|Label)$`, 'i').test(c.header),
      )
    : undefined;
  return {
    type:
      roleType(headerRole(column.header, detected)) ??
      (/mobile|cell|handy/i.test(column.header) ? 'mobile' : null),
    typeColumn: sibling?.index ?? null,
  };
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
  const detected = detectExport(header.columns.map((c) => c.header));
  const dateOrders = new Map<number, DateOrder>();
  const localeOrder = localeDateOrder(context.locale);
  const readerContext = {
    zone: zone.value,
    defaultCountry: settings.defaultCountry,
    digitsAreInternational: detected?.phonesWithoutPlus === true,
    dateOrder: (column: number) => dateOrders.get(column) ?? localeOrder,
  };
  const idKey = settings.identifier === null ? null : identifierFieldKey(settings.identifier);
  const needsFirstName = mayCreate(settings.purpose);
  const plans: ColumnPlan[] = [];
  const byField = new Map<string, ColumnPlan>();
  for (const { column, field } of mapping.mapped) {
    const first = MULTI_FIELDS.has(field.key) ? byField.get(field.key) : undefined;
    if (first) {
      (first.alternatives as Column[]).push(column);
      (first.types as Map<number, unknown>).set(column.index, columnType(header, column, detected));
      continue;
    }
    const plan: ColumnPlan = {
      column,
      field,
      read: makeReader(field, { ...readerContext, column: column.index }),
      isIdentifier: field.key === idKey,
      needsFirstName: needsFirstName && (field.key === 'firstName' || field.key === 'fullName'),
      alternatives: [],
      types: new Map([[column.index, columnType(header, column, detected)]]),
    };
    byField.set(field.key, plan);
    plans.push(plan);
  }
  const contactIdField = findField(catalogue, CONTACT_ID_KEY);
  if (mapping.ownedContactId && contactIdField) {
    plans.push({
      column: mapping.ownedContactId,
      field: contactIdField,
      read: makeReader(contactIdField, readerContext),
      isIdentifier: true,
      needsFirstName: false,
      alternatives: [],
      types: new Map(),
    });
  }
  // The Country Code and calling code are read first so the phone can use the row's country.
  const first = (p: ColumnPlan) =>
    Number(p.field.valueType === 'country' || p.field.valueType === 'callingCode');
  plans.sort((a, b) => first(b) - first(a) || a.column.index - b.column.index);
  return ok({
    settings,
    header,
    mapping,
    plans,
    zone: zone.value,
    detected,
    dateOrders,
    localeOrder,
  });
}

/** Collects one row's findings; turned into a RowResult at the end. */
interface RowDraft {
  errors: CellIssue[] | null;
  warnings: CellIssue[] | null;
  fields: ContactFields;
  custom: { name: string; value: CustomFieldValue }[] | null;
  tags: string[] | null | undefined;
  identifierValue: IdentifierValue | null;
  /** Errors only in optional cells so far (an import without those cells would save the row). */
  optionalOnly: boolean;
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
    draft.identifierValue = { kind, value };
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
  if (MULTI_FIELDS.has(plan.field.key)) {
    const several =
      plan.alternatives.length > 0 ||
      (typeof row.values[plan.column.index] === 'string' &&
        MULTI_VALUE.test(row.values[plan.column.index] as string));
    if (several) {
      checkChoice(validator, plan, row, draft, hints);
      return;
    }
  }
  const index = plan.column.index;
  const raw = row.values[index];
  const kind = validator.settings.identifier;
  if (isBlank(raw)) {
    apply(draft, plan, null, kind);
    if (plan.isIdentifier && kind !== null) {
      addError(draft, issue(plan, MISSING_IDENTIFIER[kind], undefined));
      draft.optionalOnly = false;
    } else if (plan.needsFirstName) {
      addError(draft, issue(plan, 'missing — new contacts need a first name', undefined));
      draft.optionalOnly = false;
    }
    return;
  }
  const display = row.display?.[index];
  const formula = formulaError(raw, display);
  if (formula !== null) {
    failCell(validator, plan, draft, { error: formulaErrorMessage(formula) }, plan.column);
    return;
  }
  // Control characters never reach the workspace; bidi overrides are pointed out.
  const cleaned = typeof raw === 'string' ? cleanControl(raw) : null;
  if (cleaned?.warning) {
    (draft.warnings ??= []).push(issue(plan, cleaned.warning.message, cleaned.warning.suggested));
  }
  const verdict = plan.read(cleaned ? cleaned.text : raw, display, hints);
  if (!verdict.ok) {
    failCell(validator, plan, draft, verdict, plan.column);
    return;
  }
  if (verdict.warning) {
    (draft.warnings ??= []).push(issue(plan, verdict.warning.message, verdict.warning.suggested));
  }
  const value = verdict.value;
  if (plan.field.valueType === 'country') hints.country = value as string | null;
  if (plan.field.valueType === 'callingCode') hints.callingCode = value as string | null;
  apply(draft, plan, value, kind);
  if (plan.needsFirstName) {
    const first = plan.field.key === 'fullName' ? draft.fields.firstName : value;
    if (first === null) {
      addError(draft, issue(plan, 'missing — new contacts need a first name', undefined));
      draft.optionalOnly = false;
    }
  }
}

/** Whether a column may be left out of a row (neither its identifier nor its first name). */
function isOptional(plan: ColumnPlan): boolean {
  return !plan.isIdentifier && !plan.needsFirstName;
}

function issueAt(column: Column, message: string, suggested: string | undefined): CellIssue {
  return { column: column.index, header: column.label, message, suggested: suggested ?? null };
}

/**
 * A cell that cannot be read. In an optional column a soft problem (a likely fix the person must
 * confirm) and, when chosen for the run, any problem leaves the cell out with a warning;
 * otherwise it is an error.
 */
function failCell(
  validator: Validator,
  plan: ColumnPlan,
  draft: RowDraft,
  verdict: { error: string; suggested?: string; soft?: boolean },
  column: Column,
) {
  if (isOptional(plan) && (verdict.soft || validator.settings.skipBadOptionalCells)) {
    const message = `${verdict.error} — left out of this import`;
    (draft.warnings ??= []).push(issueAt(column, message, verdict.suggested));
    return;
  }
  if (!isOptional(plan)) draft.optionalOnly = false;
  addError(draft, issueAt(column, verdict.error, verdict.suggested));
}

interface Choice {
  readonly column: Column;
  readonly text: unknown;
  readonly type: string | null;
  /** Position among the row's values, left to right (the first is preferred on a tie). */
  readonly order: number;
}

/** Every value of a Phone or Email in the row: each mapped column, each " ::: " part. */
function choicesOf(plan: ColumnPlan, row: TableRow): Choice[] {
  const out: Choice[] = [];
  for (const column of [plan.column, ...plan.alternatives]) {
    const raw = row.values[column.index];
    if (isBlank(raw)) continue;
    const typing = plan.types.get(column.index);
    const typed = typing?.typeColumn != null ? cellString(row.values[typing.typeColumn]) : '';
    const types = typed.split(MULTI_VALUE).map((t) => t.trim());
    const parts = typeof raw === 'string' ? raw.split(MULTI_VALUE) : [raw];
    parts.forEach((part, i) => {
      if (isBlank(part)) return;
      const type = types[i] || types[0] || typing?.type || null;
      out.push({
        column,
        text: typeof part === 'string' ? part.trim() : part,
        type,
        order: out.length,
      });
    });
  }
  return out;
}

function cellString(value: unknown): string {
  return typeof value === 'string' ? value : '';
}

/**
 * Several values for one Phone or Email: the best per row is taken. A valid value beats an
 * invalid one; for phones a mobile beats a landline (libphonenumber's type), then a column typed
 * Mobile beats Work or Home; otherwise the first. Which column it came from is said when it was
 * not the first.
 */
function checkChoice(
  validator: Validator,
  plan: ColumnPlan,
  row: TableRow,
  draft: RowDraft,
  hints: RowHints,
) {
  const kind = validator.settings.identifier;
  const choices = choicesOf(plan, row);
  if (choices.length === 0) {
    apply(draft, plan, null, kind);
    if (plan.isIdentifier && kind !== null) {
      addError(draft, issue(plan, MISSING_IDENTIFIER[kind], undefined));
      draft.optionalOnly = false;
    }
    return;
  }
  const isPhone = plan.field.valueType === 'phone';
  let best: { choice: Choice; verdict: Verdict<FieldValue | null>; score: number } | null = null;
  for (const choice of choices) {
    const verdict = plan.read(choice.text, undefined, hints);
    const score = verdict.ok
      ? 1000 +
        (isPhone && typeof verdict.value === 'string' ? mobileRank(verdict.value) * 100 : 0) +
        phoneTypeRank(choice.type) * 10
      : 0;
    if (best === null || score > best.score) best = { choice, verdict, score };
  }
  const chosen = best as { choice: Choice; verdict: Verdict<FieldValue | null> };
  const verdict = chosen.verdict;
  if (!verdict.ok) {
    failCell(validator, plan, draft, verdict, choices[0]?.column ?? plan.column);
    return;
  }
  const from = chosen.choice;
  if (verdict.warning) {
    const entry = issueAt(from.column, verdict.warning.message, verdict.warning.suggested);
    (draft.warnings ??= []).push(entry);
  }
  if (from.order > 0) {
    const inCell = from.column.index === choices[0]?.column.index;
    const where = inCell
      ? `value ${from.order + 1} of the cell`
      : `the column '${from.column.label}'`;
    const why = isPhone ? ' (the best number: valid, mobile first)' : ' (the first valid one)';
    (draft.warnings ??= []).push(issueAt(from.column, `${SOURCE_NOTE}${where}${why}`, undefined));
  }
  apply(draft, plan, verdict.value, kind);
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

/**
 * The Error column's text. Which column a row's number came from (when not the first) is added
 * to it only when the row has errors: the Error column is what the error filter keeps
 * (`whenCellNotEmpty`) and what is painted red, so text there on a clean row would show that row
 * as failed. On an erring row it tells the person which number will be sent once it is fixed;
 * for clean rows the review notes count them and the CLI lists the warnings.
 */
function errorColumnText(errors: readonly CellIssue[], warnings: readonly CellIssue[]): string {
  if (errors.length === 0) return '';
  const sources = warnings.filter((w) => w.message.startsWith(SOURCE_NOTE));
  return issuesText(sources.length === 0 ? errors : byColumn([...errors, ...sources]));
}

function finish(row: number, draft: RowDraft): RowResult {
  const savable = draft.errors !== null && draft.optionalOnly;
  const errors = byColumn(draft.errors);
  const warnings = byColumn(draft.warnings);
  let payload: ContactPayload | null = null;
  if (errors.length === 0) {
    const fields = draft.fields;
    if (draft.custom) fields.custom_fields = draft.custom;
    payload =
      draft.tags === undefined
        ? { identifierValue: draft.identifierValue, fields }
        : { identifierValue: draft.identifierValue, fields, tags: draft.tags };
  }
  return {
    row,
    empty: false,
    errors,
    warnings,
    payload,
    identifierValue: draft.identifierValue,
    errorText: errorColumnText(errors, warnings),
    warningText: issuesText(warnings),
    highlight:
      errors.length === 0 ? NONE : [...new Set(errors.map((e) => e.column))].sort((a, b) => a - b),
    ...(savable ? { savable: true } : {}),
  };
}

function emptyResult(row: number): RowResult {
  return {
    row,
    empty: true,
    errors: NONE,
    warnings: NONE,
    payload: null,
    identifierValue: null,
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
  const { savable: _savable, ...rest } = result;
  return {
    ...rest,
    errors,
    payload: null,
    errorText: errorColumnText(errors, result.warnings),
    highlight: [...new Set(errors.map((e) => e.column))].sort((a, b) => a - b),
  };
}

/**
 * Report footers and summary rows that exports append below the data: Salesforce's "Grand
 * Totals (12 records)", "Confidential Information - Do Not Distribute", "Copyright (c) 2000-2025
 * salesforce.com, inc.", "Generated By: …"; totals rows of other reports.
 */
const FOOTER =
  /^(?:grand totals?\b|totals?\b\s*[:(]?|sub-?totals?\b|confidential information\b|generated (?:by|on)\b|copyright\b|\(c\)\s|©|\d+\s+records?\b|count\s*:)/i;
/** A footer holds a line of text, perhaps a figure or two, never a contact. */
const FOOTER_MAX_CELLS = 3;

function footerReason(row: TableRow, header: TableHeader): string | null {
  let first: string | null = null;
  let filled = 0;
  for (const column of header.columns) {
    const value = row.values[column.index];
    if (isBlank(value)) continue;
    filled++;
    if (first === null) first = typeof value === 'string' ? value.trim() : '';
    if (filled > FOOTER_MAX_CELLS) return null;
  }
  if (first === null || !FOOTER.test(first)) return null;
  return `'${first.length > 40 ? `${first.slice(0, 40)}…` : first}' is a report footer, not a contact — skipped`;
}

function skippedResult(row: number, reason: string): RowResult {
  return { ...emptyResult(row), empty: false, skipped: reason };
}

/** A row's findings before its first cell is read. */
function blankDraft(): { draft: RowDraft; hints: RowHints } {
  return {
    draft: {
      errors: null,
      warnings: null,
      fields: {},
      custom: null,
      tags: undefined,
      identifierValue: null,
      optionalOnly: true,
    },
    hints: { country: null, callingCode: null },
  };
}

function checkRow(validator: Validator, row: TableRow): RowResult {
  const footer = footerReason(row, validator.header);
  if (footer !== null) return skippedResult(row.row, footer);
  const { draft, hints } = blankDraft();
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
  if (result.skipped !== undefined) return result;
  const kind = validator.settings.identifier;
  const plan = identifierPlan(validator);
  if (
    !index ||
    !result.identifierValue ||
    kind === null ||
    !plan ||
    validator.settings.purpose === 'add-all'
  ) {
    return result;
  }
  const value = result.identifierValue.value;
  if (!hasOtherRows(index, value, row.row)) return result;
  return withDuplicate(result, plan, kind, index.get(value) ?? []);
}

/**
 * The columns a row's identifier value is read from: the identifier's own (every column of a
 * "best of" choice), and the Country Code or calling-code column a phone takes its country
 * from. Drivers read just these to
 * find rows again or index duplicates without reading the whole sheet.
 */
export function identifierReadColumns(validator: Validator): number[] {
  const columns = validator.plans
    .filter(readsIdentifier)
    .flatMap((p) => [p.column.index, ...p.alternatives.map((c) => c.index)]);
  return [...new Set(columns)].sort((a, b) => a - b);
}

/** The columns the identifier itself is read from (not the country columns it may use). */
export function identifierValueColumns(validator: Validator): number[] {
  const plan = validator.plans.find((p) => p.isIdentifier);
  return plan ? [plan.column.index, ...plan.alternatives.map((c) => c.index)] : [];
}

/**
 * The row's identifier value, reading only the identifierReadColumns (the other cells may be absent):
 * the same as validateRow(...).identifierValue for the full row.
 */
export function identifierValueOf(validator: Validator, row: TableRow): IdentifierValue | null {
  if (validator.settings.identifier === null) return null;
  const { draft, hints } = blankDraft();
  for (const plan of validator.plans)
    if (readsIdentifier(plan)) checkCell(validator, plan, row, draft, hints);
  return draft.identifierValue;
}

/** The identifier's plan (with its alternative columns), and the per-row country it reads. */
function readsIdentifier(plan: ColumnPlan): boolean {
  return (
    plan.isIdentifier ||
    plan.field.valueType === 'country' ||
    plan.field.valueType === 'callingCode'
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

/**
 * Settles each date column's day/month order from its own values: one 25/03/1992 proves the
 * column day-first. A column with evidence both ways is left to each cell (ambiguous ones are
 * errors); a column without evidence follows the spreadsheet's locale.
 */
function settleDateOrders(validator: Validator, rows: readonly TableRow[]) {
  for (const plan of validator.plans) {
    if (plan.field.valueType !== 'custom-date') continue;
    let found: DateOrder | null = null;
    let conflict = false;
    for (const row of rows) {
      const raw = row.values[plan.column.index];
      if (typeof raw !== 'string') continue;
      const evidence = dateOrderEvidence(raw);
      if (evidence === null) continue;
      if (found !== null && found !== evidence) conflict = true;
      found = evidence;
    }
    if (found !== null && !conflict) validator.dateOrders.set(plan.column.index, found);
  }
}

function reviewNotes(
  validator: Validator,
  rows: readonly TableRow[],
  results: readonly RowResult[],
  counts: { savable: number; moved: number },
): string[] {
  const notes: string[] = [];
  const footers = results.filter((r) => r.skipped !== undefined);
  if (footers.length > 0) {
    const list = footers.map((r) => `row ${r.row}`).join(', ');
    notes.push(
      `${footers.length} footer or summary row${footers.length === 1 ? '' : 's'} skipped (${list}).`,
    );
  }
  const tagsPlan = validator.plans.find((p) => p.field.valueType === 'tags');
  if (tagsPlan) {
    const labels = new Set<string>();
    let count = 0;
    for (const row of rows) {
      const raw = row.values[tagsPlan.column.index];
      if (typeof raw !== 'string' || !raw.includes('*')) continue;
      const found = systemLabels(raw);
      if (found.length > 0) count++;
      for (const label of found) labels.add(label);
    }
    if (count > 0) {
      notes.push(
        `Google's own labels (${[...labels].map((l) => `'${l}'`).join(', ')}) are not tags: left out on ${count} row${count === 1 ? '' : 's'}.`,
      );
    }
  }
  if (counts.moved > 0) {
    notes.push(
      `${counts.moved} row${counts.moved === 1 ? '' : 's'} took the Phone or Email from another column than the first (the best value per row).`,
    );
  }
  if (counts.savable > 0 && !validator.settings.skipBadOptionalCells) {
    notes.push(
      `${counts.savable} row${counts.savable === 1 ? '' : 's'} with errors only in optional cells would import without those cells — turn on 'Import rows without their unreadable optional cells'.`,
    );
  }
  return notes;
}

/** Validates rows already read into a table with a prepared validator. */
export function validateRows(
  validator: Validator,
  table: Pick<Table, 'rows' | 'emptyRows'>,
): ValidationReport {
  settleDateOrders(validator, table.rows);
  const results = table.rows.map((row) => checkRow(validator, row));
  const kind = validator.settings.identifier;
  const plan = identifierPlan(validator);
  if (kind !== null && plan && validator.settings.purpose !== 'add-all') {
    // Index by position in `results`, not sheet row, so each cluster member is found at once.
    const clusters = repeatedIdentifiers(results.map((r) => r.identifierValue?.value ?? null));
    for (const members of clusters) {
      const rowsOf = members.map((i) => (results[i] as RowResult).row);
      for (const i of members) {
        results[i] = withDuplicate(results[i] as RowResult, plan, kind, rowsOf);
      }
    }
  }
  let valid = 0;
  let withWarnings = 0;
  let skipped = 0;
  let savable = 0;
  let moved = 0;
  for (const r of results) {
    if (r.skipped !== undefined) {
      skipped++;
      continue;
    }
    if (r.errors.length === 0) valid++;
    if (r.warnings.length > 0) withWarnings++;
    if (r.savable) savable++;
    if (r.warnings.some((w) => w.message.startsWith(SOURCE_NOTE))) moved++;
  }
  const checked = results.length - skipped;
  return {
    rows: results,
    emptyRows: table.emptyRows,
    totals: {
      rows: checked,
      valid,
      errors: checked - valid,
      warnings: withWarnings,
      empty: table.emptyRows.length,
      skipped,
      savable,
    },
    notes: reviewNotes(validator, table.rows, results, { savable, moved }),
    detected: validator.detected,
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
