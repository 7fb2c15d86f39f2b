/**
 * From the command line and the file's header row to the core's Settings: columns are mapped
 * automatically (autoMap), `--map` entries override single columns, the identifier defaults to
 * what is mapped, and parseSettings checks the combination.
 */
import type { CustomFieldDef } from '../../src/api';
import { buildCatalogue, type FieldCatalogue } from '../../src/core/fields';
import {
  autoMap,
  combinedFieldLines,
  detectSource,
  mappingFromMatches,
  type ColumnMatch,
} from '../../src/core/mapping';
import {
  IDENTIFIER_LABELS,
  mayUpdate,
  parseSettings,
  PURPOSE_LABELS,
  type Identifier,
  type Settings,
} from '../../src/core/settings';
import { readTable, type Column } from '../../src/core/table';
import { foldKey } from '../../src/core/text';
import type { CliArgs } from './args';
import { CliError } from './output';

export interface Setup {
  settings: Settings;
  catalogue: FieldCatalogue;
  /** One per data column, as mapped (auto or `--map`). */
  matches: ColumnMatch[];
  /** Labels of the columns mapped by `--map`. */
  given: ReadonlySet<string>;
  /** Things the person should know about the mapping (printed before the run). */
  notes: string[];
}

export interface SheetInput {
  values: readonly (readonly unknown[])[];
  display: readonly (readonly string[])[] | null;
}

/** `customFieldsKnown` is false when no token was given (validate checks standard fields only). */
export function buildSetup(
  args: CliArgs,
  sheet: SheetInput,
  customFields: readonly CustomFieldDef[],
  customFieldsKnown: boolean,
): Setup {
  const table = readTable(sheet.values, { headerRow: args.headerRow, display: sheet.display });
  if (!table.ok) throw new CliError(table.messages.join(' '));
  const catalogue = buildCatalogue(customFields);
  const samples = table.value.columns.map((c) =>
    table.value.rows.slice(0, 50).map((r) => r.values[c.index]),
  );
  const matches = autoMap(table.value.columns, catalogue, {
    identifier: args.identifier,
    samples,
  });
  if (args.maps.length === 0 && matches.every((m) => m.field === null)) {
    throw new CliError(noColumnsMessage(args, sheet, catalogue, table.value.columns));
  }
  const notes: string[] = [];
  const given = applyMaps(args, table.value.columns, catalogue, matches, customFieldsKnown, notes);
  const identifier = args.purpose === 'add-all' ? args.identifier : chooseIdentifier(args, matches);
  const parsed = parseSettings({
    purpose: args.purpose,
    identifier,
    tags: args.tags,
    addImportTag: args.importTag,
    mapping: mappingFromMatches(matches),
    doNotOverwrite: args.doNotOverwrite,
    skipBadOptionalCells: args.skipBadOptionalCells,
    defaultCountry: args.defaultCountry,
    headerRow: args.headerRow,
  });
  if (!parsed.ok) throw new CliError(parsed.messages.map(inCliWords).join(' '));
  return { settings: parsed.value, catalogue, matches, given, notes };
}

/**
 * No column name in the header row is a field's: say so instead of the wizard's "Select at
 * least one column", and when another of the first rows holds names that map, point to it
 * (a title line or an empty row above the header is common in exports).
 */
function noColumnsMessage(
  args: CliArgs,
  sheet: SheetInput,
  catalogue: FieldCatalogue,
  columns: readonly Column[],
): string {
  const last = Math.min(sheet.values.length, 20);
  for (let row = 1; row <= last; row++) {
    if (row === args.headerRow) continue;
    const table = readTable(sheet.values, { headerRow: row, display: sheet.display });
    if (!table.ok) continue;
    const found = autoMap(table.value.columns, catalogue, { identifier: args.identifier });
    const names = found.filter((m) => m.field !== null).map((m) => `'${m.label}'`);
    if (names.length > 0) {
      return `Row ${args.headerRow} holds no column names the import knows, but row ${row} does (${names.slice(0, 3).join(', ')}): add --header-row ${row}.`;
    }
  }
  const shown = columns
    .slice(0, 5)
    .map((c) => `'${c.label.length > 40 ? `${c.label.slice(0, 40)}…` : c.label}'`)
    .join(', ');
  return `No column of the header row (row ${args.headerRow}: ${shown}) is named like a contact field — name the columns (e.g. Phone, Email, First Name), give the right row with --header-row N, or map columns with --map "Header=field".`;
}

/** The settings' messages speak of the wizard's controls; here the controls are options. */
const CLI_WORDS: readonly [string, string][] = [
  ['— uncheck it.', '— leave out --do-not-overwrite.'],
  ['— clear the identifier.', '— leave out --identifier.'],
  ['— choose a country from the list.', '— give --default-country a two-letter code, e.g. MY.'],
];

function inCliWords(message: string): string {
  for (const [wizard, cli] of CLI_WORDS)
    if (message.endsWith(wizard)) return message.replace(wizard, cli);
  return message;
}

/** The identifier given, else phone when a column maps to Phone, else email when one maps to Email. */
function chooseIdentifier(args: CliArgs, matches: readonly ColumnMatch[]): Identifier {
  if (args.identifier !== null) return args.identifier;
  const mapped = new Set(matches.map((m) => m.field));
  return !mapped.has('phone') && mapped.has('email') ? 'email' : 'phone';
}

/**
 * Applies `--map` entries to `matches` in place; returns the labels they mapped. A field taken
 * by `--map` is removed from the column auto-mapping had given it, so each field maps once.
 */
function applyMaps(
  args: CliArgs,
  columns: readonly Column[],
  catalogue: FieldCatalogue,
  matches: ColumnMatch[],
  customFieldsKnown: boolean,
  notes: string[],
): Set<string> {
  const given = new Set<string>();
  for (const entry of args.maps) {
    const column = findColumn(columns, entry.header);
    const at = matches.findIndex((m) => m.column === column.index);
    const field = resolveField(catalogue, entry, customFieldsKnown);
    if (field === UNKNOWN_CUSTOM) {
      notes.push(
        `The column '${column.label}' is mapped to ${entry.field}: custom fields are known only with a token, so it is not checked.`,
      );
    }
    const key = field === UNKNOWN_CUSTOM ? null : field;
    matches[at] = { ...(matches[at] as ColumnMatch), field: key, method: 'exact', confidence: 1 };
    given.add(column.label);
  }
  const takenByGiven = new Set(
    matches.filter((m) => given.has(m.label) && m.field !== null).map((m) => m.field),
  );
  const nameParts = takenByGiven.has('firstName') || takenByGiven.has('lastName');
  matches.forEach((m, i) => {
    if (given.has(m.label) || m.field === null) return;
    // A Name column split in two would clash with a First or Last Name chosen by hand.
    const clash = takenByGiven.has(m.field) || (m.field === 'fullName' && nameParts);
    if (clash) matches[i] = { ...m, field: null, method: 'none', confidence: 0 };
  });
  return given;
}

function findColumn(columns: readonly Column[], header: string): Column {
  const wanted = header.toLowerCase();
  const column =
    columns.find((c) => c.label === header) ??
    columns.find((c) => c.label.toLowerCase() === wanted || c.letter.toLowerCase() === wanted);
  if (column) return column;
  const labels = columns.map((c) => `'${c.label}'`).join(', ');
  throw new CliError(
    `--map '${header}=…': the header row has no column '${header}' — its columns are ${labels}.`,
  );
}

const UNKNOWN_CUSTOM = Symbol('custom field not known without a token');

/** A field key from what a person typed: the key itself, a field's label, or a custom field's name. */
function resolveField(
  catalogue: FieldCatalogue,
  entry: { header: string; field: string },
  customFieldsKnown: boolean,
): string | null | typeof UNKNOWN_CUSTOM {
  const text = entry.field;
  if (text === '' || /^(skip|none)$/i.test(text)) return null;
  if (catalogue.byKey.has(text)) return text;
  const isCustom = /^custom:/i.test(text);
  const folded = foldKey(text.replace(/^custom:/i, ''));
  const found = catalogue.fields.find((f) => {
    if (f.target.kind === 'custom') {
      return foldKey(f.target.name) === folded || foldKey(f.target.slug ?? '') === folded;
    }
    return !isCustom && (foldKey(f.key) === folded || foldKey(f.label) === folded);
  });
  if (found) return found.key;
  if (!customFieldsKnown) return UNKNOWN_CUSTOM;
  const keys = catalogue.fields.map((f) => f.key).join(', ');
  throw new CliError(
    `--map '${entry.header}=${text}': there is no field '${text}' — use one of ${keys}, or skip.`,
  );
}

/** The settings and mapping as a person reads them, before anything is checked or sent. */
export function setupLines(setup: Setup, sheetName: string): string[] {
  const s = setup.settings;
  const identified =
    s.identifier === null ? '' : `, identified by ${IDENTIFIER_LABELS[s.identifier]}`;
  const overwrite = mayUpdate(s.purpose)
    ? `, ${s.doNotOverwrite ? 'only empty fields filled' : 'values overwritten'}`
    : '';
  const country = s.defaultCountry ? `, default country ${s.defaultCountry}` : '';
  const detected = detectSource(
    setup.matches.map((m) => ({ index: m.column, letter: '', header: m.header, label: m.label })),
  );
  return [
    `${PURPOSE_LABELS[s.purpose]}${identified}${overwrite}${country}.`,
    ...(detected
      ? [
          `Looks like ${/^[aeiou]/i.test(detected.name) ? 'an' : 'a'} ${detected.name} export (${detected.matched} of its columns).`,
        ]
      : []),
    `Columns of ${sheetName} (header row ${s.headerRow}):`,
    ...mappingLines(setup),
    ...combinedFieldLines(s.mapping, setup.catalogue),
  ];
}

/** The mapping: one line per column, with how sure the auto-mapping was. */
function mappingLines(setup: Setup): string[] {
  const fieldOf = (m: ColumnMatch) =>
    m.field === null ? '(not imported)' : (setup.catalogue.byKey.get(m.field)?.label ?? m.field);
  const labelWidth = Math.max(...setup.matches.map((m) => m.label.length));
  const fieldWidth = Math.max(...setup.matches.map((m) => fieldOf(m).length));
  return setup.matches.map((m) => {
    const mapped = `  ${m.label.padEnd(labelWidth)}  → ${fieldOf(m).padEnd(fieldWidth)}`;
    if (m.field === null) return mapped.trimEnd();
    const how = setup.given.has(m.label)
      ? 'given with --map'
      : `${m.method} match, ${Math.round(m.confidence * 100)}% sure`;
    return `${mapped}  (${how})`;
  });
}
