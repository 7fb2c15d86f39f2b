/**
 * One contact tab read and checked: the grid, the add-on's columns, the settings, the
 * review. Review, apply-fixes, import slices and onEdit all start here.
 */
import type { CustomFieldDef } from '../api';
import type { FieldCatalogue } from '../core/fields';
import type { Settings } from '../core/settings';
import { identifierColumn } from '../core/mapping';
import { readTable, type Table } from '../core/table';
import {
  prepareValidation,
  validateRows,
  type ValidationReport,
  type Validator,
} from '../core/validate';
import { catalogueFor, coreSettings, DEFAULT_DRAFT, type Draft } from './settings';
import {
  ensureOwned_,
  findOwned_,
  readGrid_,
  sheetId_,
  spreadsheetLocale_,
  spreadsheetZone_,
  type Grid,
  type Owned,
  type Sheet,
} from './sheet';
import * as storage from './storage';
import { zoneOffsets_ } from './zone';

export interface CheckedTab {
  sheet: Sheet;
  sheetId: number;
  grid: Grid;
  owned: Owned;
  table: Table;
  settings: Settings;
  catalogue: FieldCatalogue;
  customFields: CustomFieldDef[];
  validator: Validator;
  report: ValidationReport;
}

/** Why a tab cannot be checked: no rows, too many, no settings… (plain words). */
export class TabProblem extends Error {
  constructor(readonly problems: string[]) {
    super(problems.join(' '));
  }
}

/**
 * Reads the tab (three calls), creates the add-on's columns if needed, and checks every row
 * with the saved settings (or `draft`).
 */
export function checkTab_(
  sheet: Sheet,
  draft?: Draft,
  options: { createColumns?: boolean } = {},
): CheckedTab {
  const sheetId = sheetId_(sheet);
  const settingsDraft = draft ?? storage.readDraft(sheetId) ?? DEFAULT_DRAFT;
  const customFields = storage.readCustomFields();
  const catalogue = catalogueFor(customFields);
  const grid = readGrid_(sheet);
  if (options.createColumns === false) {
    const found = findOwned_(grid.values[settingsDraft.headerRow - 1] ?? []);
    if (found.error === undefined) throw new TabProblem(['The sheet has not been reviewed yet.']);
  }
  const owned = ensureOwned_(sheet, grid, settingsDraft.headerRow);
  const table = readTable(grid.values, {
    headerRow: settingsDraft.headerRow,
    display: grid.display,
  });
  if (!table.ok) throw new TabProblem([...table.messages]);
  const { settings, problems } = coreSettings(settingsDraft, table.value, catalogue);
  if (!settings || problems.length > 0) throw new TabProblem(problems);
  // Offsets from Utilities.formatDate, not Intl (zone.ts says why).
  const validator = prepareValidation(settings, table.value, catalogue, {
    utcOffsetMinutes: zoneOffsets_(spreadsheetZone_()),
    // "en_GB" settles 03/04/1992 as day-first when the column's own values do not.
    locale: spreadsheetLocale_(),
  });
  if (!validator.ok) throw new TabProblem([...validator.messages]);
  const report = validateRows(validator.value, table.value);
  return {
    sheet,
    sheetId,
    grid,
    owned,
    table: table.value,
    settings,
    catalogue,
    customFields,
    validator: validator.value,
    report,
  };
}

/** The column the identifier is read from, for naming it in messages. */
export function identifierColumn_(tab: CheckedTab): { index: number; label: string } | null {
  return identifierColumn(tab.settings, tab.table.columns);
}
