/**
 * The Apps Script surface the fakes implement, and why: nothing else is implemented.
 *
 * - `ADDON_CALLS`: every Apps Script method the add-on's source (src/gas) calls, as the
 *   TypeScript compiler finds it (test/support/apps-script-surface.ts). Each is also in
 *   scopes.ts with the scopes its reference page lists.
 * - `HARNESS_CALLS`: methods only the sandbox, the fakes' own handle or the tests call, to
 *   act as a person would (type, clear, sort, filter) or to read what the add-on stored; each
 *   names a file that calls it. They are in scopes.ts too, so Google's rules hold for them.
 *
 * test/unit/gas-fakes/surface.test.ts holds the three together: when src/ starts calling a
 * method, it must be added here, to scopes.ts and to the fake; when nobody calls a method any
 * more, it leaves the fakes.
 */

/** `Class.method` for every Apps Script method src/gas calls, sorted. */
export const ADDON_CALLS: readonly string[] = [
  'BooleanCondition.getCriteriaValues',
  'Cache.get',
  'Cache.put',
  'CacheService.getDocumentCache',
  'ConditionalFormatRule.getBooleanCondition',
  'ConditionalFormatRuleBuilder.build',
  'ConditionalFormatRuleBuilder.setBackground',
  'ConditionalFormatRuleBuilder.setFontColor',
  'ConditionalFormatRuleBuilder.setRanges',
  'ConditionalFormatRuleBuilder.whenFormulaSatisfied',
  'Filter.getColumnFilterCriteria',
  'Filter.getRange',
  'Filter.remove',
  'Filter.removeColumnFilterCriteria',
  'Filter.setColumnFilterCriteria',
  'FilterCriteria.copy',
  'FilterCriteriaBuilder.build',
  'FilterCriteriaBuilder.whenCellNotEmpty',
  'HTTPResponse.getContentText',
  'HTTPResponse.getHeaders',
  'HTTPResponse.getResponseCode',
  'HtmlOutput.setTitle',
  'HtmlService.createHtmlOutputFromFile',
  'Lock.releaseLock',
  'Lock.tryLock',
  'LockService.getDocumentLock',
  'LockService.getScriptLock',
  'Logger.log',
  'Menu.addItem',
  'Menu.addToUi',
  'Properties.deleteProperty',
  'Properties.getProperty',
  'Properties.setProperties',
  'Properties.setProperty',
  'PropertiesService.getDocumentProperties',
  'PropertiesService.getScriptProperties',
  'PropertiesService.getUserProperties',
  'Range.activate',
  'Range.createFilter',
  'Range.getColumn',
  'Range.getDisplayValues',
  'Range.getLastColumn',
  'Range.getLastRow',
  'Range.getNumColumns',
  'Range.getNumRows',
  'Range.getRow',
  'Range.getSheet',
  'Range.getValues',
  'Range.setBackground',
  'Range.setFontWeight',
  'Range.setValues',
  'RangeList.getRanges',
  'Session.getActiveUser',
  'Session.getEffectiveUser',
  'Sheet.getActiveRangeList',
  'Sheet.getConditionalFormatRules',
  'Sheet.getDataRange',
  'Sheet.getFilter',
  'Sheet.getLastColumn',
  'Sheet.getLastRow',
  'Sheet.getMaxColumns',
  'Sheet.getMaxRows',
  'Sheet.getName',
  'Sheet.getRange',
  'Sheet.getSheetId',
  'Sheet.hideColumns',
  'Sheet.insertColumnsAfter',
  'Sheet.setColumnWidth',
  'Sheet.setColumnWidths',
  'Sheet.setConditionalFormatRules',
  'Sheet.setFrozenRows',
  'Spreadsheet.getActiveSheet',
  'Spreadsheet.getName',
  'Spreadsheet.getSheetByName',
  'Spreadsheet.getSheets',
  'Spreadsheet.getSpreadsheetLocale',
  'Spreadsheet.getSpreadsheetTimeZone',
  'Spreadsheet.insertSheet',
  'Spreadsheet.setActiveSheet',
  'SpreadsheetApp.getActiveSpreadsheet',
  'SpreadsheetApp.getUi',
  'SpreadsheetApp.newConditionalFormatRule',
  'SpreadsheetApp.newFilterCriteria',
  'Ui.createAddonMenu',
  'Ui.showSidebar',
  'UrlFetchApp.fetchAll',
  'User.getEmail',
  'Utilities.formatDate',
  'Utilities.sleep',
];

/** Methods the add-on does not call that the sandbox, the fakes or tests do: who, and why. */
export const HARNESS_CALLS: Readonly<
  Record<string, { readonly file: string; readonly why: string }>
> = {
  'FilterCriteriaBuilder.setHiddenValues': {
    file: 'test/bundle/addon-filter.test.ts',
    why: 'a person filters out a value',
  },
  'FilterCriteriaBuilder.whenCellEmpty': {
    file: 'test/bundle/addon-filter.test.ts',
    why: 'a person filters to empty cells',
  },
  'Lock.waitLock': {
    file: 'test/bundle/executions-runtime.test.ts',
    why: 'the runtime test waits on a lock across executions',
  },
  'Properties.getProperties': {
    file: 'test/bundle/addon-behaviour.test.ts',
    why: 'the test counts the stored pieces',
  },
  'Range.clearContent': {
    file: 'local/sandbox/edit-event.ts',
    why: 'a person clears cells in the sandbox grid',
  },
  'Range.getA1Notation': {
    file: 'test/bundle/executions-runtime.test.ts',
    why: 'an event range crosses to a worker as a handle',
  },
  'Range.getValue': { file: 'local/sandbox/edit-event.ts', why: 'the old value of an edited cell' },
  'Range.setNote': {
    file: 'local/sandbox/source-sheet.ts',
    why: 'the sample sheet notes its columns',
  },
  'Range.setValue': { file: 'local/sandbox/edit-event.ts', why: 'a person types into a cell' },
  'RangeList.activate': {
    file: 'local/gas-fakes/spreadsheet-handle.ts',
    why: "the handle's select of several ranges",
  },
  'Sheet.deleteColumns': {
    file: 'test/bundle/addon-behaviour.test.ts',
    why: 'a person deletes columns',
  },
  'Sheet.getRangeList': {
    file: 'local/gas-fakes/spreadsheet-handle.ts',
    why: "the handle's select of several ranges",
  },
  'Sheet.sort': { file: 'test/bundle/addon-behaviour.test.ts', why: 'a person sorts the sheet' },
  'SpreadsheetApp.getActive': { file: 'bench/addon.ts', why: 'the benchmark seeds its sheet' },
  'SpreadsheetApp.getActiveSheet': {
    file: 'test/bundle/addon-behaviour.test.ts',
    why: 'a person deletes columns',
  },
  'UrlFetchApp.fetch': {
    file: 'test/bundle/executions-runtime.test.ts',
    why: "the runtime test's fetch",
  },
};
