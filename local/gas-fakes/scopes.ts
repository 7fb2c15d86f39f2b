/**
 * What Google asks of each Apps Script method the fakes implement: the OAuth scopes listed in
 * the "Authorization" section of its reference page (any one of them suffices), and whether
 * it may run in the restricted authorization modes.
 *
 * With `oauthScopes` in the manifest a script holds exactly those scopes, and a call that
 * needs another throws "You do not have permission to call X.y. Required permissions: …"
 * (https://developers.google.com/apps-script/concepts/scopes#setting_explicit_scopes).
 *
 * Authorization modes (https://developers.google.com/workspace/add-ons/concepts/editor-auth-lifecycle#authorization_modes,
 * https://developers.google.com/apps-script/guides/triggers#restrictions):
 * - NONE: an add-on's onOpen before the person authorised it in this document. Only menus
 *   can be built; no document, Properties, Cache, Lock or UrlFetch.
 * - LIMITED: simple triggers (onOpen, onEdit) in a document that uses the add-on. The bound
 *   document and script-scoped services work; "they cannot access services that require
 *   authorization" (UrlFetch, triggers, dialogs), and the person's email reads ''.
 *
 * Every method the fakes implement is listed (test/unit/gas-fakes/surface.test.ts): the ones the
 * add-on calls (surface.ts ADDON_CALLS) and the few the sandbox and tests call (HARNESS_CALLS),
 * so a test acting as a person meets Google's rules too. When a manifest is enforced, calling a
 * method the table lacks fails the test run (see `authorize`).
 */
import { GasError } from './errors';

export const SCOPE = {
  sheetsCurrent: 'https://www.googleapis.com/auth/spreadsheets.currentonly',
  sheets: 'https://www.googleapis.com/auth/spreadsheets',
  ui: 'https://www.googleapis.com/auth/script.container.ui',
  external: 'https://www.googleapis.com/auth/script.external_request',
  email: 'https://www.googleapis.com/auth/userinfo.email',
  scriptapp: 'https://www.googleapis.com/auth/script.scriptapp',
} as const;

export interface MethodRule {
  /** Any one of these scopes lets the call through; [] needs none. */
  readonly scopes: readonly string[];
  /** Allowed in AuthMode.NONE (menus only). */
  readonly none?: true;
  /** Refused in AuthMode.LIMITED although its scopes are held. */
  readonly notLimited?: true;
}

const REF = 'https://developers.google.com/apps-script/reference';
const SHEETS = [SCOPE.sheetsCurrent, SCOPE.sheets] as const;
const sheetsRule: MethodRule = { scopes: SHEETS };
const free: MethodRule = { scopes: [] };
const menu: MethodRule = { scopes: [], none: true };

/** One class's methods, all under the same rule, with the reference page it comes from. */
function methods(
  className: string,
  source: string,
  rule: MethodRule,
  names: readonly string[],
): Array<[string, MethodRule & { source: string }]> {
  return names.map((name) => [`${className}.${name}`, { ...rule, source }]);
}

export const METHOD_RULES: ReadonlyMap<string, MethodRule & { source: string }> = new Map([
  // Spreadsheet service: every read or write of the document needs one of the two
  // spreadsheet scopes; builders and getUi touch no data and list none.
  ...methods('SpreadsheetApp', `${REF}/spreadsheet/spreadsheet-app`, sheetsRule, [
    'getActive',
    'getActiveSheet',
    'getActiveSpreadsheet',
  ]),
  ...methods('SpreadsheetApp', `${REF}/spreadsheet/spreadsheet-app`, free, [
    'newConditionalFormatRule',
    'newFilterCriteria',
  ]),
  ...methods('SpreadsheetApp', `${REF}/spreadsheet/spreadsheet-app#getUi()`, menu, ['getUi']),
  ...methods('Spreadsheet', `${REF}/spreadsheet/spreadsheet`, sheetsRule, [
    'getActiveSheet',
    'getName',
    'getSheetByName',
    'getSheets',
    'getSpreadsheetTimeZone',
    'getSpreadsheetLocale',
    'insertSheet',
    'setActiveSheet',
  ]),
  ...methods('Sheet', `${REF}/spreadsheet/sheet`, sheetsRule, [
    'deleteColumns',
    'getActiveRangeList',
    'getConditionalFormatRules',
    'getRangeList',
    'getDataRange',
    'getFilter',
    'getLastColumn',
    'getLastRow',
    'getMaxColumns',
    'getMaxRows',
    'getName',
    'getRange',
    'getSheetId',
    'hideColumns',
    'insertColumnsAfter',
    'setColumnWidth',
    'setColumnWidths',
    'setConditionalFormatRules',
    'setFrozenRows',
    'sort',
  ]),
  ...methods('Range', `${REF}/spreadsheet/range`, sheetsRule, [
    'activate',
    'clearContent',
    'createFilter',
    'getColumn',
    'getDisplayValues',
    'getLastColumn',
    'getLastRow',
    'getNumColumns',
    'getNumRows',
    'getRow',
    'getSheet',
    'getValue',
    'getValues',
    'getA1Notation',
    'setNote',
    'setBackground',
    'setFontWeight',
    'setValue',
    'setValues',
  ]),
  ...methods('RangeList', `${REF}/spreadsheet/range-list`, sheetsRule, ['activate', 'getRanges']),
  ...methods('Filter', `${REF}/spreadsheet/filter`, sheetsRule, [
    'getColumnFilterCriteria',
    'getRange',
    'remove',
    'removeColumnFilterCriteria',
    'setColumnFilterCriteria',
  ]),
  // Rules and criteria are values the script builds or was handed; their pages list no scope.
  ...methods('FilterCriteriaBuilder', `${REF}/spreadsheet/filter-criteria-builder`, free, [
    'build',
    'whenCellNotEmpty',
    'whenCellEmpty',
    'setHiddenValues',
  ]),
  ...methods('FilterCriteria', `${REF}/spreadsheet/filter-criteria`, free, ['copy']),
  ...methods(
    'ConditionalFormatRuleBuilder',
    `${REF}/spreadsheet/conditional-format-rule-builder`,
    free,
    ['build', 'setBackground', 'setFontColor', 'setRanges', 'whenFormulaSatisfied'],
  ),
  ...methods('ConditionalFormatRule', `${REF}/spreadsheet/conditional-format-rule`, free, [
    'getBooleanCondition',
  ]),
  ...methods('BooleanCondition', `${REF}/spreadsheet/boolean-condition`, free, [
    'getCriteriaValues',
  ]),
  // Ui (base service): menus need nothing and work before authorisation; sidebars,
  // dialogs and alerts need script.container.ui and are not for simple triggers.
  ...methods('Ui', `${REF}/base/ui`, menu, ['createAddonMenu']),
  ...methods('Ui', `${REF}/base/ui#showSidebar(Object)`, { scopes: [SCOPE.ui], notLimited: true }, [
    'showSidebar',
  ]),
  ...methods('Menu', `${REF}/base/menu`, menu, ['addItem', 'addToUi']),
  // UrlFetchApp: script.external_request; simple triggers may not use it.
  ...methods(
    'UrlFetchApp',
    `${REF}/url-fetch/url-fetch-app#fetchAll(Object)`,
    { scopes: [SCOPE.external], notLimited: true },
    ['fetch', 'fetchAll'],
  ),
  ...methods('HTTPResponse', `${REF}/url-fetch/http-response`, free, [
    'getContentText',
    'getHeaders',
    'getResponseCode',
  ]),
  // Session: the person's identity needs userinfo.email (their email reads '' outside FULL).
  ...methods('Session', `${REF}/base/session#getActiveUser()`, { scopes: [SCOPE.email] }, [
    'getActiveUser',
    'getEffectiveUser',
  ]),
  ...methods('User', `${REF}/base/user#getEmail()`, { scopes: [SCOPE.email] }, ['getEmail']),
  // Script-scoped services list no scope; they need an authorised execution (not NONE).
  ...methods('PropertiesService', `${REF}/properties/properties-service`, free, [
    'getDocumentProperties',
    'getScriptProperties',
    'getUserProperties',
  ]),
  ...methods('Properties', `${REF}/properties/properties`, free, [
    'deleteProperty',
    'getProperties',
    'getProperty',
    'setProperties',
    'setProperty',
  ]),
  ...methods('CacheService', `${REF}/cache/cache-service`, free, ['getDocumentCache']),
  ...methods('Cache', `${REF}/cache/cache`, free, ['get', 'put']),
  ...methods('LockService', `${REF}/lock/lock-service`, free, ['getDocumentLock', 'getScriptLock']),
  ...methods('Lock', `${REF}/lock/lock`, free, ['releaseLock', 'tryLock', 'waitLock']),
  ...methods('HtmlService', `${REF}/html/html-service`, free, ['createHtmlOutputFromFile']),
  ...methods('HtmlOutput', `${REF}/html/html-output`, free, ['setTitle']),
  ...methods('Utilities', `${REF}/utilities/utilities`, free, ['formatDate', 'sleep']),
  ...methods('Logger', `${REF}/base/logger`, menu, ['log']),
]);

/** Google's refusal for a scope the manifest does not grant. */
export function permissionMessage(key: string, required: readonly string[]): string {
  const list = required.length === 1 ? required[0] : `(${required.join(' || ')})`;
  return `You do not have permission to call ${key}. Required permissions: ${list}`;
}

/** Methods called under an enforced manifest that the table does not list. */
export const unlistedCalls = new Set<string>();

/** The part of a fake's context the check reads. */
export interface AuthorizationContext {
  readonly manifest: { readonly oauthScopes?: readonly string[] | undefined } | null;
  readonly execution: { readonly authMode: 'NONE' | 'LIMITED' | 'FULL' };
}

/**
 * Throws what Google throws when `key` (Class.method) may not run in this execution: a scope
 * the manifest lacks, or a service the authorization mode withholds. Google documents no
 * separate wording for the mode refusals; it reports them as missing permissions too.
 */
export function authorize(ctx: AuthorizationContext, key: string): void {
  const rule = METHOD_RULES.get(key);
  if (!rule) {
    if (ctx.manifest === null) return;
    unlistedCalls.add(key);
    throw new Error(
      `Apps Script fakes: ${key} is not in local/gas-fakes/scopes.ts. Add it with the scopes its reference page lists.`,
    );
  }
  const { authMode } = ctx.execution;
  if (authMode === 'NONE' && !rule.none)
    throw new GasError(
      permissionMessage(key, rule.scopes.length > 0 ? rule.scopes : [NOT_AUTHORIZED]),
    );
  if (authMode === 'LIMITED' && rule.notLimited)
    throw new GasError(permissionMessage(key, rule.scopes));
  const granted = ctx.manifest?.oauthScopes;
  if (granted && rule.scopes.length > 0 && !rule.scopes.some((s) => granted.includes(s)))
    throw new GasError(permissionMessage(key, rule.scopes));
}

/** Stands for "the person's authorisation" where a method lists no scope (AuthMode.NONE). */
const NOT_AUTHORIZED = 'authorization of this add-on in this document (AuthMode.NONE)';
