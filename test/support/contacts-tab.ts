/**
 * The Contacts tab of a bundle test as a person touches it: their edit and the onEdit simple
 * trigger Google runs after it, one of the add-on's cells read without counting, and the
 * cells SpreadsheetApp read since the counts were last reset.
 */
import type { Addon } from './addon-harness';

export const CONTACTS = 'Contacts';

/** The tab, as the add-on's own code reaches it. */
export function contactsTab(addon: Addon, name = CONTACTS) {
  return addon.fakes.globals.SpreadsheetApp.getActiveSpreadsheet().getSheetByName(name)!;
}

/**
 * A person types `value` at (row, column), or pastes `value` (one cell a row) down from it;
 * then onEdit runs with the event Google gives it (a paste has no `value`). The counts are
 * reset between the two, so what they hold afterwards is onEdit's alone. Returns how long
 * onEdit took (ms), for a test to report, never to assert.
 */
export function editCells(
  addon: Addon,
  row: number,
  column: number,
  value: string | readonly string[],
  name = CONTACTS,
): number {
  const cells = typeof value === 'string' ? [[value]] : value.map((v) => [v]);
  const range = () => contactsTab(addon, name).getRange(row, column, cells.length, 1);
  addon.fakes.spreadsheet.edit(() => range().setValues(cells));
  addon.fakes.calls.reset();
  const began = Date.now();
  addon.bundle.invoke('onEdit', {
    range: range(),
    value: typeof value === 'string' ? value : undefined,
    authMode: addon.fakes.globals.ScriptApp.AuthMode.LIMITED,
  });
  return Date.now() - began;
}

/**
 * One Error cell, read without counting and without the whole-sheet state (slow to build for
 * a big tab); `width` covers the header up to and past the Error column.
 */
export function errorCell(addon: Addon, row: number, width: number): unknown {
  return addon.fakes.uncounted(() => {
    const tab = contactsTab(addon);
    const header = tab.getRange(1, 1, 1, width).getValues()[0]!;
    return tab.getRange(row, header.indexOf('Error') + 1).getValue();
  });
}

/** Cells SpreadsheetApp read since the last reset (values and display values). */
export function cellsReadSinceReset(addon: Addon): number {
  return (
    addon.fakes.calls.cells('Range.getValues') + addon.fakes.calls.cells('Range.getDisplayValues')
  );
}
