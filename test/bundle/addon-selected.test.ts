/**
 * "Import selected rows": the person selects rows in the sheet (several ranges with Ctrl, as
 * Sheet.getActiveRangeList reports them) and only those rows are sent and get a status.
 */
import { column, importAll, setUp, startAddon, type Addon } from '../support/addon-harness';

const phoneOf = (i: number) => `+6016${3_000_000 + i}`;

let addon: Addon;
beforeAll(async () => {
  const sheet: unknown[][] = [['First Name', 'Mobile']];
  for (let i = 0; i < 10; i++) sheet.push([`P${i}`, phoneOf(i)]);
  addon = await startAddon({ Contacts: sheet }, ['--seed', 'empty', '--rate', '1000']);
}, 60_000);
afterAll(() => addon.stop());

test('with nothing selected under the header, the person is told to select rows first', async () => {
  setUp(addon, { purpose: 'add-update', identifier: 'phone', importTag: null });
  // A freshly opened sheet: the cursor sits on A1, the header.
  const answer = addon.raw('startImport', 'selected');
  expect(answer).toMatchObject({ ok: false });
  expect(answer && !answer.ok && answer.error).toMatch(
    /^Select the rows to import in the sheet first/,
  );
  expect(column(addon, 'Import Status').filter((s) => s !== '' && s !== undefined)).toEqual([]);
  expect(await addon.contacts()).toEqual([]);
}, 60_000);

test('rows 3–4 and 7 selected (two ranges): exactly those three are imported', async () => {
  setUp(addon, { purpose: 'add-update', identifier: 'phone', importTag: null });
  addon.fakes.spreadsheet.select('Contacts', '3:4', '7:7');
  const { progress } = importAll(addon, 'selected');
  expect(progress).toMatchObject({ status: 'completed', counts: { imported: 3, errors: 0 } });

  // Sheet rows 3, 4 and 7 are data rows 1, 2 and 5 (P1, P2, P5).
  const statuses = column(addon, 'Import Status');
  expect(statuses.map((s, i) => (s ? i : -1)).filter((i) => i >= 0)).toEqual([1, 2, 5]);
  expect(statuses.filter(Boolean)).toEqual(['Imported', 'Imported', 'Imported']);
  const phones = (await addon.contacts()).map((c) => c.phone).sort();
  expect(phones).toEqual([phoneOf(1), phoneOf(2), phoneOf(5)]);
}, 60_000);
