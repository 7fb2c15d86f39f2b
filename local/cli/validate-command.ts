/**
 * `contact-import validate <file>`: the add-on's review over a file. Every row is checked and
 * nothing is sent; the rows with errors are listed with their row, column and what to do.
 * With a token the workspace's custom fields are read (one call) and checked too.
 */
import type { CustomFieldDef } from '../../src/api';
import { unknownTypeNotes } from '../../src/core/field-notes';
import { rowsToRun } from '../../src/core/run/rows';
import { estimateRun } from '../../src/core/run/start';
import type { Settings } from '../../src/core/settings';
import { columnLetter } from '../../src/core/table';
import type { RowResult, ValidationReport } from '../../src/core/validate';
import { review } from '../sheet';
import type { CliArgs } from './args';
import { CliError, count, EXIT, plural, type Io } from './output';
import { buildSetup, setupLines } from './setup';
import { loadSheet } from './store';
import { connect, readCustomFields, tokenFrom, TOKEN_VARIABLE } from './workspace';

export async function validateCommand(args: CliArgs, io: Io): Promise<number> {
  const data = await loadSheet(args.file);
  const token = tokenFrom(io.env);
  let customFields: CustomFieldDef[] = [];
  if (token !== null) customFields = await readCustomFields(connect(args.apiUrl, token));
  else {
    io.err(
      `${TOKEN_VARIABLE} is not set, so the workspace's custom fields are unknown: only standard fields are checked.`,
    );
  }
  const setup = buildSetup(args, data, customFields, token !== null);
  for (const line of setupLines(setup, data.name)) io.out(line);
  for (const note of setup.notes) io.err(note);

  const checked = review(data.values, setup.settings, customFields, data.display);
  if (!checked.ok) throw new CliError(checked.messages.join(' '));
  const { table, report } = checked.review;
  printTotals(io, report);
  for (const note of report.notes) {
    io.out(
      note.replace(
        "turn on 'Import rows without their unreadable optional cells'",
        'add --skip-bad-optional-cells',
      ),
    );
  }
  for (const note of unknownTypeNotes(setup.settings.mapping, customFields, 'importer')) {
    io.out(note);
  }
  const run = rowsToRun(table.rows, report.rows, table.owned, {
    mode: args.only === 'errors' ? 'errors' : 'pending',
    runId: 'validate',
  });
  printPlan(io, setup.settings, args.only === 'all' ? report.totals.valid : run.work.length, run);
  printIssues(io, report.rows, 'errors', args.showErrors);
  printIssues(io, report.rows, 'warnings', args.showErrors);
  return report.totals.errors > 0 ? EXIT.rowErrors : EXIT.ok;
}

function printTotals(io: Io, report: ValidationReport): void {
  const t = report.totals;
  const parts = [
    `${count(t.valid)} ready`,
    `${count(t.errors)} with errors`,
    ...(t.warnings > 0 ? [`${count(t.warnings)} with warnings`] : []),
    ...(t.empty > 0 ? [`${plural(t.empty, 'empty row')} ignored`] : []),
  ];
  io.out(`${plural(t.rows, 'row')} checked: ${parts.join(', ')}.`);
}

/** What an import with these settings would send, and roughly how many calls that takes. */
function printPlan(io: Io, settings: Settings, toSend: number, run: { unchanged: number }): void {
  const calls = estimateRun(toSend, settings, 5).calls;
  const unchanged =
    run.unchanged > 0
      ? ` (${count(run.unchanged)} unchanged since their last import stay as they are)`
      : '';
  io.out(
    `An import would send ${plural(toSend, 'row')}${unchanged}: about ${plural(calls, 'API call')}.`,
  );
}

/** Rows with errors (or warnings), each problem on a line naming its row, column and fix. */
function printIssues(
  io: Io,
  rows: readonly RowResult[],
  kind: 'errors' | 'warnings',
  limit: number,
): void {
  const flagged = rows.filter((r) => r[kind].length > 0);
  if (flagged.length === 0 || limit === 0) return;
  const shown = flagged.slice(0, limit);
  const of = flagged.length > shown.length ? ` (first ${shown.length} of ${flagged.length})` : '';
  io.out(kind === 'errors' ? `Rows with errors${of}:` : `Rows with warnings${of}:`);
  for (const row of shown) {
    for (const issue of row[kind]) {
      const fix =
        issue.suggested !== null && !issue.message.endsWith(issue.suggested)
          ? ` Suggested: ${issue.suggested}`
          : '';
      io.out(
        `  row ${row.row}, column ${columnLetter(issue.column)} '${issue.header}': ${issue.message}${fix}`,
      );
    }
  }
}
