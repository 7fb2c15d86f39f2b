/**
 * The Node driver's sheet: a 2-D array of cell values (the CLI reads it from a CSV or XLSX
 * file and writes it back). Its review, its owned columns, and outcomes written into them.
 */
import type { CustomFieldDef } from '../src/api';
import { OWNED_COLUMNS, type OwnedColumnKind } from '../src/core/columns';
import { buildCatalogue } from '../src/core/fields';
import { locateOutcomes } from '../src/core/locate';
import { identifierColumn } from '../src/core/mapping';
import { plainText, type RowOutcome } from '../src/core/outcome';
import { ownedCells, type IdentifierColumn } from '../src/core/run/writes';
import type { Settings } from '../src/core/settings';
import { readTable, type Table } from '../src/core/table';
import { validateTable, type ValidationReport, type Validator } from '../src/core/validate';

export type Sheet = unknown[][];

export interface Review {
  table: Table;
  report: ValidationReport;
}

export function review(
  sheet: Sheet,
  settings: Settings,
  customFields: readonly CustomFieldDef[],
  display: string[][] | null = null,
): { ok: true; review: Review } | { ok: false; messages: readonly string[] } {
  const table = readTable(sheet, { headerRow: settings.headerRow, display });
  if (!table.ok) return { ok: false, messages: table.messages };
  const report = validateTable(settings, table.value, buildCatalogue(customFields));
  if (!report.ok) return { ok: false, messages: report.messages };
  return { ok: true, review: { table: table.value, report: report.value } };
}

const ORDER: readonly OwnedColumnKind[] = ['error', 'status', 'contactId', 'fingerprint'];

/** Owned column indexes by header; adds the missing ones to the right of the data. */
export function ensureOwnedColumns(
  sheet: Sheet,
  headerRow: number,
): Record<OwnedColumnKind, number> {
  const header = (sheet[headerRow - 1] ??= []);
  const found = {} as Record<OwnedColumnKind, number>;
  const width = Math.max(...sheet.map((row) => lastFilled(row) + 1), 0);
  let next = width;
  for (const kind of ORDER) {
    const wanted = OWNED_COLUMNS[kind].toLowerCase();
    const at = header.findIndex(
      (cell) => typeof cell === 'string' && cell.trim().toLowerCase() === wanted,
    );
    if (at >= 0) found[kind] = at;
    else {
      found[kind] = next;
      header[next++] = OWNED_COLUMNS[kind];
    }
  }
  for (const row of sheet) while (row.length < next) row.push('');
  return found;
}

function lastFilled(row: readonly unknown[]): number {
  for (let i = row.length - 1; i >= 0; i--)
    if (row[i] !== '' && row[i] !== null && row[i] !== undefined) return i;
  return -1;
}

/**
 * Writes outcomes into the owned columns of their rows, each checked to still be the row
 * that was sent (rows may have moved since) and found again if not.
 */
export function writeOutcomes(
  sheet: Sheet,
  headerRow: number,
  outcomes: readonly RowOutcome[],
  runId: string,
  validator: Validator,
  idColumn: IdentifierColumn | null = headerIdentifier(sheet, headerRow, validator),
): void {
  const at = ensureOwnedColumns(sheet, headerRow);
  const where = locateOutcomes(
    outcomes,
    validator,
    (n) => sheet[n - 1],
    headerRow + 1,
    sheet.length,
  );
  outcomes.forEach((outcome, i) => {
    const target = where[i];
    const row = target === null || target === undefined ? undefined : sheet[target - 1];
    if (!row) return;
    const cells = ownedCells(outcome, runId, idColumn, []);
    row[at.status] = cells.status;
    row[at.error] = plainText(cells.error);
    if (cells.contactId !== null) row[at.contactId] = cells.contactId;
    row[at.fingerprint] = cells.fingerprint;
  });
}

/** The identifier's column found by its header (callers without the table's columns). */
function headerIdentifier(
  sheet: Sheet,
  headerRow: number,
  validator: Validator,
): IdentifierColumn | null {
  const header = (sheet[headerRow - 1] ?? []).map((cell, index) => ({
    index,
    label: String(cell ?? '').trim(),
  }));
  return identifierColumn(validator.settings, header);
}
