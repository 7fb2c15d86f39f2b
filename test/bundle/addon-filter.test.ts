/**
 * "Show only rows with errors" when the person already has a filter on their data, through
 * the production bundle: the add-on's Error column sits to the right of that filter, where
 * Google refuses criteria (the fakes refuse too). What a person would see is asserted: the
 * filter's range, its criteria, and the rows the filter hides.
 */
import { startAddon, type Addon } from '../support/addon-harness';
import { contactsTab } from '../support/contacts-tab';
import { peopleSheet, setUpTwoBroken } from '../support/people-sheet';

const ROWS = 40;

/** Sheet rows whose Last Name is Family0: the rows the person's own filter hides. */
const FAMILY0 = Array.from({ length: ROWS }, (_, i) => i)
  .filter((i) => i % 5 === 0)
  .map((i) => i + 2);
const LAST = ROWS + 1;

let addon: Addon;
beforeAll(async () => {
  addon = await startAddon({ Contacts: peopleSheet(ROWS, (i) => i % 5) }, ['--seed', 'empty']);
  setUpTwoBroken(addon, (tab) => {
    tab.getRange(7, 4).setValue('p5 at example'); // row 7 (Family0): not an email
    // The person's own filter on their data, A–D, hiding Family0 in column B.
    const app = addon.fakes.globals.SpreadsheetApp;
    tab
      .getRange(1, 1, LAST, 4)
      .createFilter()
      .setColumnFilterCriteria(2, app.newFilterCriteria().setHiddenValues(['Family0']).build());
  });
  const review = addon.call('reviewSheet');
  expect(review.errors).toBe(3);
}, 60_000);
afterAll(() => addon.stop());

const tab = () => contactsTab(addon);
const state = () => addon.fakes.spreadsheet.sheetState('Contacts');
const allDataRows = Array.from({ length: ROWS }, (_, i) => i + 2);
const visibleRows = () => {
  const hidden = new Set(state().hiddenRowsByFilter);
  return allDataRows.filter((row) => !hidden.has(row));
};
const theirCriterion = {
  column: 2,
  criteria: null,
  values: [],
  hiddenValues: ['Family0'],
  visibleValues: [],
};

describe("the person's filter on A–D, the Error column in E", () => {
  test('the review put Error to the right of the filter, which hides Family0', () => {
    expect(state().values[0]![4]).toBe('Error');
    expect(state().filter).toEqual({ range: `A1:D${LAST}`, criteria: [theirCriterion] });
    expect(state().hiddenRowsByFilter).toEqual(FAMILY0);
  });

  test('turning the error filter on widens their filter to E, keeping their criterion', () => {
    // Before: setColumnFilterCriteria(5, …) on the A–D filter, which Google refuses.
    expect(addon.call('setErrorFilter', true)).toEqual({ on: true, message: null });
    expect(state().filter).toEqual({
      range: `A1:E${LAST}`,
      criteria: [
        theirCriterion,
        {
          column: 5,
          criteria: 'CELL_NOT_EMPTY',
          values: [],
          hiddenValues: [],
          visibleValues: [],
        },
      ],
    });
    // Rows with errors, except row 7, which their Family0 criterion still hides.
    expect(visibleRows()).toEqual([4, 6]);
  });

  test('turning it off gives back their filter: range A–D and their criterion', () => {
    expect(addon.call('setErrorFilter', false)).toEqual({ on: false, message: null });
    expect(state().filter).toEqual({ range: `A1:D${LAST}`, criteria: [theirCriterion] });
    expect(state().hiddenRowsByFilter).toEqual(FAMILY0);
  });

  test('on and off again: the same, nothing lost in the round trips', () => {
    addon.call('setErrorFilter', true);
    expect(visibleRows()).toEqual([4, 6]);
    addon.call('setErrorFilter', false);
    expect(state().filter).toEqual({ range: `A1:D${LAST}`, criteria: [theirCriterion] });
    expect(state().hiddenRowsByFilter).toEqual(FAMILY0);
  });
});

describe('a filter the error filter cannot use', () => {
  test('a filter that does not start at the header row: a plain message, their filter untouched', () => {
    addon.fakes.spreadsheet.edit(() => {
      const app = addon.fakes.globals.SpreadsheetApp;
      tab().getFilter()!.remove();
      tab()
        .getRange(5, 1, 20, 4)
        .createFilter()
        .setColumnFilterCriteria(2, app.newFilterCriteria().setHiddenValues(['Family0']).build());
    });
    const before = state().filter;
    const answer = addon.raw('setErrorFilter', true);
    expect(answer).toEqual({
      ok: true,
      value: {
        on: false,
        message: expect.stringMatching(
          /^Your filter starts on row 5, but this list's header is row 1/,
        ),
      },
    });
    expect(state().filter).toEqual(before);
    // Turning it off (the sidebar's checkbox went back) leaves their filter alone too.
    expect(addon.call('setErrorFilter', false)).toEqual({ on: false, message: null });
    expect(state().filter).toEqual(before);
  });

  test('a filter to the right of the Error column: a plain message, their filter untouched', () => {
    addon.fakes.spreadsheet.edit(() => {
      const app = addon.fakes.globals.SpreadsheetApp;
      tab().getFilter()!.remove();
      tab()
        .getRange(1, 6, LAST, 2)
        .createFilter()
        .setColumnFilterCriteria(6, app.newFilterCriteria().whenCellEmpty().build());
    });
    const before = state().filter;
    expect(addon.call('setErrorFilter', true)).toEqual({
      on: false,
      message: expect.stringMatching(
        /^Your filter covers columns F to G, to the right of the Error column \(E\)/,
      ),
    });
    expect(state().filter).toEqual(before);
  });
});

describe('the filter changed behind the add-on', () => {
  test('their filter removed while the error filter was on: turning it off adds none', () => {
    addon.fakes.spreadsheet.edit(() => {
      tab().getFilter()?.remove();
      tab().getRange(1, 1, LAST, 4).createFilter();
    });
    addon.call('setErrorFilter', true);
    expect(state().filter?.range).toBe(`A1:E${LAST}`);
    addon.fakes.spreadsheet.edit(() => tab().getFilter()!.remove());
    expect(addon.call('setErrorFilter', false)).toEqual({ on: false, message: null });
    expect(state().filter).toBeNull();
    // Nothing left over: the next time, there is no filter, so the add-on makes its own…
    addon.call('setErrorFilter', true);
    expect(visibleRows()).toEqual([4, 6, 7]);
    // …and removes it again.
    addon.call('setErrorFilter', false);
    expect(state().filter).toBeNull();
    expect(state().hiddenRowsByFilter).toEqual([]);
  });

  test('a filter the add-on made, recorded by an older version ("own"), is removed when off', () => {
    addon.call('setErrorFilter', true);
    const sheetId = tab().getSheetId();
    addon.fakes.uncounted(() =>
      addon.fakes.globals.PropertiesService.getDocumentProperties().setProperty(
        `contactImport.filter.${sheetId}`,
        'own',
      ),
    );
    addon.call('setErrorFilter', false);
    expect(state().filter).toBeNull();
  });
});
