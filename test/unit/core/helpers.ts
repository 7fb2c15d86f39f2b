/**
 * Shared builders for the core tests: a workspace catalogue, settings with defaults, and a
 * one-call review of a small sheet.
 */
import { buildCatalogue } from '../../../src/core/fields';
import { autoMap, mappingFromMatches } from '../../../src/core/mapping';
import { parseSettings, type Settings, type SettingsInput } from '../../../src/core/settings';
import { readTable, type Table } from '../../../src/core/table';
import {
  validateTable,
  type RowResult,
  type ValidationContext,
  type ValidationReport,
} from '../../../src/core/validate';

export const catalogue = buildCatalogue([
  { id: 1, name: 'Company', slug: 'company', dataType: 'text' },
  {
    id: 2,
    name: 'Tier',
    slug: 'tier',
    dataType: 'list',
    allowedValues: ['Bronze', 'Silver', 'Gold'],
  },
  { id: 3, name: 'Birthday', slug: 'birthday', dataType: 'date' },
  { id: 4, name: 'Call Time', slug: 'call_time', dataType: 'time' },
  { id: 5, name: 'Subscribed', slug: 'subscribed', dataType: 'checkbox' },
  { id: 6, name: 'Orders', slug: 'orders', dataType: 'number' },
  { id: 7, name: 'Website', slug: 'website', dataType: 'url' },
  { id: 8, name: 'Work Email', slug: 'work_email', dataType: 'email' },
]);

export function settingsOf(input: Partial<SettingsInput> = {}): Settings {
  const parsed = parseSettings({ purpose: 'add-update', identifier: 'phone', ...input });
  if (!parsed.ok) throw new Error(parsed.messages.join('\n'));
  return parsed.value;
}

export function tableOf(values: unknown[][], display?: string[][]): Table {
  const table = readTable(values, { display: display ?? null });
  if (!table.ok) throw new Error(table.messages.join('\n'));
  return table.value;
}

/**
 * Reviews `values` (header first) with an auto-made mapping unless one is given.
 */
export function review(
  values: unknown[][],
  input: Partial<SettingsInput> = {},
  options: { display?: string[][]; context?: ValidationContext } = {},
): ValidationReport {
  const table = tableOf(values, options.display);
  const identifier = input.identifier === undefined ? 'phone' : input.identifier;
  const mapping =
    input.mapping ?? mappingFromMatches(autoMap(table.columns, catalogue, { identifier }));
  const settings = settingsOf({ ...input, mapping });
  const report = validateTable(settings, table, catalogue, options.context);
  if (!report.ok) throw new Error(report.messages.join('\n'));
  return report.value;
}

/** Reviews a sheet with one data row and returns that row's result. */
export function reviewRow(
  header: unknown[],
  row: unknown[],
  input: Partial<SettingsInput> = {},
  options: { display?: string[][]; context?: ValidationContext } = {},
): RowResult {
  const result = review([header, row], input, options).rows[0];
  if (!result) throw new Error('no row');
  return result;
}
