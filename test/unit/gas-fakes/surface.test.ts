/**
 * The fakes grow only with use. The Apps Script methods the add-on calls are read from src/
 * with the TypeScript compiler and held to the checked-in list (local/gas-fakes/surface.ts);
 * the scopes table and the fakes hold exactly that list and the harness's few.
 */
import fs from 'node:fs';
import path from 'node:path';
import '../../../local/gas-fakes';
import { exposedApi } from '../../../local/gas-fakes/calls';
import { METHOD_RULES } from '../../../local/gas-fakes/scopes';
import { ADDON_CALLS, HARNESS_CALLS } from '../../../local/gas-fakes/surface';
import { appsScriptCalls } from '../../support/apps-script-surface';

const ROOT = path.join(__dirname, '../../..');
const LIST = 'local/gas-fakes/surface.ts';

// Building the program of src/gas takes seconds, more on a busy machine.
jest.setTimeout(120_000);

let used: Map<string, string[]>;
beforeAll(() => {
  used = appsScriptCalls(path.join(ROOT, 'src/gas/tsconfig.json'));
});

test('the compiler finds the calls the add-on is known to make', () => {
  // Guards the analysis itself: these calls are the add-on's core.
  expect(used.get('Range.getValues')).toEqual(
    expect.arrayContaining([expect.stringMatching(/^sheet\.ts:\d+$/)]),
  );
  expect(used.has('UrlFetchApp.fetchAll')).toBe(true);
  expect(used.has('SpreadsheetApp.getActiveSpreadsheet')).toBe(true);
});

test(`every Apps Script method src/ calls is in ${LIST}`, () => {
  const missing = [...used.keys()]
    .filter((key) => !ADDON_CALLS.includes(key))
    .map((key) => `${key} (${used.get(key)?.join(', ')})`);
  expect({
    missing,
    todo: `src/ calls these Apps Script methods: add each to ADDON_CALLS in ${LIST}, to METHOD_RULES in local/gas-fakes/scopes.ts with the scopes its reference page lists, and implement it in the fake (with the refusals Google makes, citing the page).`,
  }).toEqual(expect.objectContaining({ missing: [] }));
});

test(`${LIST} lists no method src/ no longer calls`, () => {
  const stale = ADDON_CALLS.filter((key) => !used.has(key));
  expect({
    stale,
    todo: `src/ no longer calls these: remove them from ADDON_CALLS in ${LIST} and from local/gas-fakes/scopes.ts, and from the fake unless HARNESS_CALLS names a caller.`,
  }).toEqual(expect.objectContaining({ stale: [] }));
  expect([...ADDON_CALLS]).toEqual([...ADDON_CALLS].sort());
});

test('the scopes table lists exactly the methods the fakes implement', () => {
  const table = [...METHOD_RULES.keys()].sort();
  const wanted = [...ADDON_CALLS, ...Object.keys(HARNESS_CALLS)];
  expect({
    unlisted: wanted.filter((key) => !METHOD_RULES.has(key)),
    unused: table.filter((key) => !wanted.includes(key)),
    todo: `Add each unlisted method to local/gas-fakes/scopes.ts with the scopes its reference page lists (so the fakes refuse what Google refuses); remove a method ${LIST} no longer names.`,
  }).toEqual(expect.objectContaining({ unlisted: [], unused: [] }));
});

test('the fakes implement exactly the methods the add-on, the sandbox and the tests call', () => {
  const exposed = exposedApi();
  const wanted = [...ADDON_CALLS, ...Object.keys(HARNESS_CALLS)].sort();
  expect({
    notImplemented: wanted.filter((key) => !exposed.includes(key)),
    unused: exposed.filter((key) => !wanted.includes(key)),
    todo: `An unused method: delete it from the fake (and the code only it uses). A method not implemented: add it to the fake, or drop it from ${LIST}.`,
  }).toEqual(expect.objectContaining({ notImplemented: [], unused: [] }));
});

test('each method only the harness calls is still called where the list says', () => {
  const gone = Object.entries(HARNESS_CALLS)
    .filter(([key, { file }]) => {
      const method = key.slice(key.indexOf('.') + 1);
      return !fs.readFileSync(path.join(ROOT, file), 'utf8').includes(`.${method}(`);
    })
    .map(([key, { file }]) => `${key} (${file})`);
  expect({
    gone,
    todo: `Nobody calls these where HARNESS_CALLS in ${LIST} says: name the file that does, or delete the entry and the method from the fake.`,
  }).toEqual(expect.objectContaining({ gone: [] }));
});
