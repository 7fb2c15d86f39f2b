/**
 * The onEdit simple trigger: when a person edits a data cell of a reviewed tab, the rows
 * are checked again with the saved settings and every Error / highlight that changed is
 * rewritten — the edited row's, and those of rows it stopped (or started) duplicating. It
 * runs in LIMITED mode within 30 seconds: no network, only this document.
 */
import { writeOwned_, type OwnedWrites } from './sheet';
import { reviewCells_ } from './review';
import * as storage from './storage';
import { checkTab_ } from './tab';

export function onEdit(e: GoogleAppsScript.Events.SheetsOnEdit): void {
  try {
    recheckEdit_(e.range);
  } catch (error) {
    // A simple trigger has nobody to answer; the next review reports any problem.
    Logger.log(`Contact import: could not re-check the edit: ${String(error)}`);
  }
}

function recheckEdit_(range: GoogleAppsScript.Spreadsheet.Range): void {
  const sheet = range.getSheet();
  const sheetId = sheet.getSheetId();
  const draft = storage.readDraft(sheetId);
  if (!draft || range.getLastRow() <= draft.headerRow) return;
  storage.markEdited(sheetId, Date.now());

  const tab = checkTab_(sheet, draft, { createColumns: false });
  const first = range.getColumn() - 1;
  const last = range.getLastColumn() - 1;
  const ownedColumns = new Set(Object.values(tab.owned));
  let touchesData = false;
  for (let c = first; c <= last; c++) if (!ownedColumns.has(c)) touchesData = true;
  if (!touchesData) return;

  const wanted = reviewCells_(tab, storage.readReview(sheetId)?.workspaceErrors ?? {});
  const changed: OwnedWrites = new Map();
  for (const [row, cells] of wanted) {
    const now = tab.grid.values[row - 1] ?? [];
    if (
      String(now[tab.owned.error] ?? '') !== cells.error ||
      String(now[tab.owned.cells] ?? '') !== cells.cells
    ) {
      changed.set(row, cells);
    }
  }
  writeOwned_(sheet, tab.grid, tab.owned, changed);
}
