/**
 * `contact-import`: validate or import a CSV/XLSX contact list from the command line, with the
 * same core as the add-on. `npm run build` bundles this file into dist/cli.js (esbuild.config.js),
 * which `bin/contact-import.js` runs; see `contact-import --help` (local/cli/args.ts) for the
 * commands and options.
 *
 * Every failure ends with one plain sentence and an exit code, never a stack trace: a person
 * running an import should learn what to do, not where in the code it went wrong.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { withoutSecrets } from '../src/api';
import { parseCommandLine, USAGE } from './cli/args';
import { CliError, EXIT, processIo, type Io } from './cli/output';

export async function main(argv: readonly string[], io: Io = processIo()): Promise<number> {
  try {
    const parsed = parseCommandLine(argv);
    if (parsed.kind === 'help') {
      io.out(USAGE);
      return EXIT.ok;
    }
    if (parsed.kind === 'version') {
      io.out(version());
      return EXIT.ok;
    }
    const { args } = parsed;
    // Loaded here, not at the top: they bring zod, the phone metadata and the XLSX reader,
    // which `--help` and `--version` do not need (esbuild keeps them lazy in dist/cli.js).
    return args.command === 'validate'
      ? await (await import('./cli/validate-command')).validateCommand(args, io)
      : await (await import('./cli/import-command')).importCommand(args, io);
  } catch (e) {
    // Whatever a library put in its message, the token never reaches the terminal.
    const token = io.env.CONTACT_IMPORT_TOKEN ?? null;
    if (e instanceof CliError) {
      io.err(`contact-import: ${withoutSecrets(e.message, token)}`);
      return e.exitCode;
    }
    // Not foreseen: still one sentence, the message alone.
    const message = withoutSecrets(e instanceof Error ? e.message : String(e), token);
    io.err(`contact-import: ${message}`);
    return EXIT.fatal;
  }
}

/** The package's version: package.json is one folder up from local/cli.ts and dist/cli.js. */
function version(): string {
  const text = readFileSync(join(__dirname, '..', 'package.json'), 'utf8');
  return (JSON.parse(text) as { version: string }).version;
}
