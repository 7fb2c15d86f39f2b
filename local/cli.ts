/**
 * `contact-import`: validate or import a CSV/XLSX contact list from the command line, with the
 * same core as the add-on. `bin/contact-import.js` loads this file through tsx; see
 * `contact-import --help` (local/cli/args.ts) for the commands and options.
 *
 * Every failure ends with one plain sentence and an exit code, never a stack trace: a person
 * running an import should learn what to do, not where in the code it went wrong.
 */
import { withoutSecrets } from '../src/api';
import { parseCommandLine, USAGE } from './cli/args';
import { importCommand } from './cli/import-command';
import { CliError, EXIT, processIo, type Io } from './cli/output';
import { validateCommand } from './cli/validate-command';

export async function main(argv: readonly string[], io: Io = processIo()): Promise<number> {
  try {
    const parsed = parseCommandLine(argv);
    if (parsed.kind === 'help') {
      io.out(USAGE);
      return EXIT.ok;
    }
    const { args } = parsed;
    return args.command === 'validate'
      ? await validateCommand(args, io)
      : await importCommand(args, io);
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
