/**
 * A person's edit in the sandbox's grid, as Sheets would see it: the value is written through
 * the fakes' Range.setValue (so "2024-01-05" becomes a date, "12" a number, "'012" text, as
 * typed input does), then the add-on's `onEdit` simple trigger gets the event object Google
 * builds for a simple trigger:
 *
 *   { authMode: LIMITED, range, source, user, value?, oldValue? }
 *
 * `range` and `source` are the fakes' own Range and Spreadsheet objects, so the add-on's
 * calls on them are counted like any other; the event object itself is made in the bundle's
 * realm, as Apps Script's is. `value` and `oldValue` follow Google: strings, present only for
 * a single cell, `oldValue` only when the cell had content, `value` absent when it was cleared.
 * Dates travel as their serial number text and booleans as "TRUE"/"FALSE", as Google sends them.
 */
import vm from 'node:vm';
import type { CellValue, GasFakes } from '../gas-fakes';
import { resolveZone, toSerial } from '../gas-fakes/dates';
import type { FakeRange } from '../gas-fakes/range';

export interface PersonEdit {
  sheet: string;
  /** A1 of the edited cell or range (without the sheet name). */
  a1: string;
  /** What the person typed; null clears the range's contents (Delete key). */
  text: string | null;
}

export interface AppliedEdit {
  /** The event object for onEdit, in the bundle's realm. */
  event: Record<string, unknown>;
  single: boolean;
}

/** Writes the edit into the fakes as a person would, and builds the trigger's event. */
export function applyPersonEdit(
  fakes: GasFakes,
  context: vm.Context,
  edit: PersonEdit,
): AppliedEdit {
  const range = fakes.spreadsheet.edit((ss) => {
    const sheet = ss.getSheetByName(edit.sheet);
    if (!sheet) throw new Error(`There is no sheet named ${edit.sheet}.`);
    return sheet.getRange(edit.a1);
  });
  const single = fakes.uncounted(() => range.getNumRows() === 1 && range.getNumColumns() === 1);
  const before = single ? cellValueOf(fakes, range) : null;

  fakes.spreadsheet.edit(() => {
    if (edit.text === null) range.clearContent();
    else range.setValue(edit.text);
  });

  const after = single ? cellValueOf(fakes, range) : null;
  return { event: editEvent(fakes, context, range, single, before, after), single };
}

function editEvent(
  fakes: GasFakes,
  context: vm.Context,
  range: FakeRange,
  single: boolean,
  before: CellValue | null,
  after: CellValue | null,
): Record<string, unknown> {
  const { ScriptApp, Session, SpreadsheetApp } = fakes.globals;
  const zone = resolveZone(fakes.spreadsheet.model.timeZone);
  // Made by the context's Object, so `e.constructor === Object` holds inside the add-on.
  const event = vm.runInContext('({})', context) as Record<string, unknown>;
  Object.assign(event, {
    authMode: ScriptApp.AuthMode.LIMITED,
    range,
    source: fakes.uncounted(() => SpreadsheetApp.getActiveSpreadsheet()),
    user: fakes.uncounted(() => Session.getActiveUser()),
  });
  if (single) {
    const value = eventText(after, zone);
    const oldValue = eventText(before, zone);
    if (value !== undefined) event.value = value;
    if (oldValue !== undefined) event.oldValue = oldValue;
  }
  return event;
}

function cellValueOf(fakes: GasFakes, range: FakeRange): CellValue {
  return fakes.uncounted(() => range.getValue() as CellValue);
}

/** A cell value as Google puts it in e.value / e.oldValue; undefined for an empty cell. */
export function eventText(
  value: CellValue | null,
  zone: ReturnType<typeof resolveZone>,
): string | undefined {
  if (value === null || value === '') return undefined;
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  if (typeof value === 'number') return String(value);
  if (typeof value === 'string') return value;
  return String(toSerial(value.getTime(), zone));
}
