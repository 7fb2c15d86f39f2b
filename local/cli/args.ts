/**
 * The command line: `contact-import validate|import <file> [options]`, read into plain values.
 * Only the shape of the options is checked here; what they mean together (purpose, identifier,
 * Do Not Overwrite…) is checked by the core's settings, which word every problem for a person.
 */
import { parseArgs } from 'node:util';
// Only light modules here: `--help` and `--version` load this file alone, and the start
// time of `contact-import --help` is the time to load it (zod, the phone metadata and the
// XLSX reader are loaded with the command that needs them, local/cli.ts).
import { DEFAULT_BASE_URL } from '../../src/api/baseUrl';
// The purposes and identifiers from core's rules, which load nothing (settings.ts loads zod).
import { IDENTIFIERS, PURPOSES, type Identifier, type Purpose } from '../../src/core/rules';
import { CliError } from './output';

export type Command = 'validate' | 'import';
export type Only = 'changed' | 'errors' | 'all';

export interface CliArgs {
  command: Command;
  file: string;
  purpose: Purpose;
  /** As given; null lets the CLI choose from the mapped columns. */
  identifier: Identifier | null;
  /** `--map "Header=field"`, in the order given. */
  maps: { header: string; field: string }[];
  tags: string[];
  importTag: boolean;
  doNotOverwrite: boolean;
  /** `--skip-bad-optional-cells`: import a row without its unreadable optional cells. */
  skipBadOptionalCells: boolean;
  defaultCountry: string | null;
  only: Only;
  headerRow: number;
  apiUrl: string;
  /** null: next to the input (see resultPaths). */
  out: string | null;
  /** validate: how many rows with errors to list. */
  showErrors: number;
  /** Protect the text of a CSV input from running as a formula in the results file. */
  safeCsv: boolean;
}

export type Parsed = { kind: 'help' } | { kind: 'version' } | { kind: 'run'; args: CliArgs };

export const USAGE = `Usage: contact-import <validate|import> <file.csv|file.xlsx> [options]

  validate   check every row and print the problems; nothing is sent
  import     send the clean rows to the workspace and write a results file

Options:
  --purpose add|update|add-update|add-all   what the import does (default add-update)
  --identifier phone|email|id       how contacts are matched (default: phone when a column maps
                                    to Phone, else email; id only with --purpose update)
  --map "Header=field"              map a column to a field, e.g. --map "Mobile=phone"
                                    --map "Tier=custom:Plan" --map "Notes=skip"; repeatable.
                                    Other columns are mapped automatically from their headers.
  --tags a,b                        tags for every contact added or updated
  --no-import-tag                   do not add the automatic "import YYYY-MM-DD HH:MM" tag
  --do-not-overwrite                only fill empty fields; add tags without removing any
  --default-country MY              country of phone numbers written without +country code
  --skip-bad-optional-cells         import a row without its unreadable optional cells (a
                                    birthday without a year) instead of holding it back;
                                    validate says how many rows this would save
  --only changed|errors|all         which rows to send (default changed: new, changed and
                                    failed rows; errors: rows whose last import failed;
                                    all: every row, even unchanged ones)
  --header-row N                    the row holding the column names (default 1)
  --api-url <url>                   workspace API (default ${DEFAULT_BASE_URL})
  --out <results.csv>               results file (default <file>.results.csv; a results file
                                    given as input is updated in place)
  --safe-csv                        in the results file, write text starting with =, +, -, @,
                                    tab or carriage return as text ('=… quoted), for a CSV
                                    input too (see "Formulas" below)
  --show-errors N                   validate: rows with errors to list (default 20)
  -h, --help                        this help
  -v, --version                     the version of contact-import

Environment:
  CONTACT_IMPORT_TOKEN              the workspace API access token (required to import)

An import writes the results file (your columns plus Error, Import Status, Contact ID and
Import Fingerprint) and a checkpoint <results>.job.json as it goes. If it stops (Ctrl-C, a
crash, a lost connection), run the same command again: it resumes the same run. Import the
results file again later to send only new, changed and failed rows.

Formulas: a spreadsheet opening the results file would run text starting with =, +, -, @,
tab or carriage return as a formula. Text cells of an XLSX input are therefore written with
a leading ' and quoted (OWASP's advice for CSV injection), so they open as text; importing
the results file again reads them without the '. A CSV input is kept byte for byte as it
came in (its cells are already what a spreadsheet would see); --safe-csv protects it too.

Exit codes: 0 done; 1 some rows have errors; 2 the import could not run (the message says
why); 3 paused by the workspace's rate limit (run again later); 130 stopped with Ctrl-C.`;

const OPTIONS = {
  purpose: { type: 'string' },
  identifier: { type: 'string' },
  map: { type: 'string', multiple: true },
  tags: { type: 'string', multiple: true },
  'no-import-tag': { type: 'boolean' },
  'do-not-overwrite': { type: 'boolean' },
  'default-country': { type: 'string' },
  'skip-bad-optional-cells': { type: 'boolean' },
  only: { type: 'string' },
  'header-row': { type: 'string' },
  'api-url': { type: 'string' },
  out: { type: 'string' },
  'show-errors': { type: 'string' },
  'safe-csv': { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
  version: { type: 'boolean', short: 'v' },
} as const;

const HINT = 'Run contact-import --help for the options.';

function usageError(message: string): CliError {
  return new CliError(`${message} ${HINT}`);
}

export function parseCommandLine(argv: readonly string[]): Parsed {
  let parsed;
  try {
    parsed = parseArgs({ args: [...argv], options: OPTIONS, allowPositionals: true, strict: true });
  } catch (e) {
    // node:util words these well ("Unknown option '--x'"); only its trailing advice is noise.
    const text = e instanceof Error ? e.message.split('. To specify')[0] : String(e);
    throw usageError(`${text?.replace(/\.$/, '')}.`);
  }
  const v = parsed.values;
  if (v.help) return { kind: 'help' };
  if (v.version) return { kind: 'version' };
  const [command, file, ...extra] = parsed.positionals;
  if (command === undefined) throw usageError('Say what to do: validate or import.');
  if (command !== 'validate' && command !== 'import') {
    throw usageError(`Unknown command '${command}': use validate or import.`);
  }
  if (file === undefined) throw usageError(`Name the file to ${command}.`);
  if (extra.length > 0) throw usageError(`One file at a time: '${extra[0]}' is one too many.`);
  return {
    kind: 'run',
    args: {
      command,
      file,
      purpose: oneOf('purpose', v.purpose, PURPOSES) ?? 'add-update',
      identifier: oneOf('identifier', v.identifier, IDENTIFIERS) ?? null,
      maps: (v.map ?? []).map(mapEntry),
      tags: (v.tags ?? []).flatMap((list) => list.split(',')).filter((t) => t.trim() !== ''),
      importTag: v['no-import-tag'] !== true,
      doNotOverwrite: v['do-not-overwrite'] === true,
      skipBadOptionalCells: v['skip-bad-optional-cells'] === true,
      defaultCountry: v['default-country'] ?? null,
      only: oneOf('only', v.only, ['changed', 'errors', 'all'] as const) ?? 'changed',
      headerRow: wholeNumber('header-row', v['header-row'], 1) ?? 1,
      apiUrl: v['api-url'] ?? DEFAULT_BASE_URL,
      out: v.out ?? null,
      showErrors: wholeNumber('show-errors', v['show-errors'], 0) ?? 20,
      safeCsv: v['safe-csv'] === true,
    },
  };
}

function oneOf<T extends string>(
  name: string,
  value: string | undefined,
  allowed: readonly T[],
): T | undefined {
  if (value === undefined) return undefined;
  if ((allowed as readonly string[]).includes(value)) return value as T;
  throw usageError(`--${name} must be one of ${allowed.join(', ')} (not '${value}').`);
}

function wholeNumber(name: string, value: string | undefined, min: number): number | undefined {
  if (value === undefined) return undefined;
  if (!/^\d+$/.test(value.trim()) || Number(value) < min) {
    throw usageError(`--${name} must be a whole number from ${min} (not '${value}').`);
  }
  return Number(value);
}

/** "Header=field": split at the last "=", since field keys never hold one. */
function mapEntry(text: string): { header: string; field: string } {
  const at = text.lastIndexOf('=');
  if (at <= 0) {
    throw usageError(`--map '${text}' must be "Header=field", for example --map "Mobile=phone".`);
  }
  return { header: text.slice(0, at).trim(), field: text.slice(at + 1).trim() };
}
