/**
 * In-memory fakes of the Apps Script services the add-on uses, for loading dist/Code.js in a
 * bare vm context (tests) and for the local sandbox.
 *
 *   const fakes = createGasFakes({ sheets: { Contacts: rows }, files: { sidebar: html } });
 *   const context = fakes.createContext();       // globals = only the fakes
 *   vm.runInContext(code, context);
 *   fakes.run(() => context.onOpen({ authMode: fakes.globals.ScriptApp.AuthMode.FULL }));
 *   expect(fakes.calls.count('Range.getValues')).toBe(1);
 */
import vm from 'node:vm';
import { CacheStores, FakeCacheService } from './cache';
import { CallLog } from './calls';
import { Clock, type ClockMode } from './clock';
import { followClock } from './clock-date';
import { CostTracker, costModel as buildCostModel, type CostModel } from './cost';
import type { FakeContext, Users } from './context';
import { nodeRealm } from './errors';
import { FakeHtmlService } from './html';
import { restrictIntlTimeZones } from './intl';
import { FakeLockService, LockRegistry } from './lock';
import { FakeLogger, LogLines } from './logger';
import { FULL_EXECUTION, type Execution, type Manifest } from './manifest';
import { FakePropertiesService, PROPERTIES_DAILY_LIMIT, PropertyStores } from './properties';
import { FakeScriptApp } from './script-app';
import { FakeSession } from './session';
import type { SheetsContext } from './sheets-context';
import { FakeSpreadsheetApp } from './spreadsheet';
import { SpreadsheetHandle } from './spreadsheet-handle';
import { SpreadsheetModel } from './spreadsheet-model';
import { UiModel } from './ui';
import {
  FakeUrlFetchApp,
  URL_FETCH_DAILY_LIMIT,
  UrlFetchState,
  type BurstLimit,
  type FetchFaults,
  type FetchHandler,
} from './url-fetch';
import { FakeUtilities } from './utilities';

export type { ServiceName } from './calls';
export type { CallLog } from './calls';
export type { Clock, ClockMode } from './clock';
export type { CostModel, CostTracker, ExecutionCost } from './cost';
export { APPS_SCRIPT_COSTS, EXCEEDED_MESSAGE, costModel } from './cost';
export type { CellValue } from './cell-values';
export type { ChangeEvent, ChangeListener } from './spreadsheet-model';
export type { SheetState } from './state';
export type { SpreadsheetHandle, SeedOptions } from './spreadsheet-handle';
export type { UiModel, MenuState, MenuEntry, ShownHtml } from './ui';
export type {
  FetchHandler,
  BatchFetchHandler,
  FetchRequest,
  FetchResult,
  UrlFetchState,
  BurstLimit,
  FetchFaults,
} from './url-fetch';
export type { LockRegistry, LockScope } from './lock';
export type { PropertyStores } from './properties';
export type { CacheStores } from './cache';
export { networkError } from './url-fetch';
export { GasError } from './errors';
export { readManifest } from './manifest';
export type { Manifest, Execution, AuthModeName, ExecutionKind } from './manifest';

export interface GasFakesOptions {
  /** The person running the code (Session, user properties, quotas). Default owner@example.com. */
  user?: string;
  /** The spreadsheet's time zone. Default America/New_York (not UTC, so zone bugs show). */
  timeZone?: string;
  /** Spreadsheet locale (en_US). */
  locale?: string;
  spreadsheet?: { id?: string; name?: string; timeZone?: string };
  /** Initial sheets, in order; the first is active. Default: one empty "Sheet1". */
  sheets?: Record<string, unknown[][]>;
  /** The project's HTML files by name (with or without .html), for HtmlService. */
  files?: Record<string, string>;
  /** The UrlFetch handler (can be set later with onFetch). */
  fetch?: FetchHandler;
  /**
   * Whose quotas apply (https://developers.google.com/apps-script/guides/services/quotas):
   * 'consumer' (default: 20,000 URL fetches and 50,000 Properties reads/writes a day) or
   * 'workspace' (100,000 and 500,000).
   */
  account?: 'consumer' | 'workspace';
  /** Requests allowed a day before "Service invoked too many times for one day: urlfetch.". */
  urlFetchDailyLimit?: number;
  /** Properties reads and writes allowed a day, per person. */
  propertiesDailyLimit?: number;
  /** More fetch/fetchAll calls than this in a short time are refused as a burst. Default: none. */
  urlFetchBurst?: BurstLimit;
  /** fetchAll calls that fail on the network after sending some of their requests. */
  urlFetchFaults?: FetchFaults;
  /** 'fake' (default): time moves only when something advances it. 'real': wall clock, real sleeps. */
  clock?: ClockMode;
  /** Start of the fake clock. */
  now?: number | Date;
  /** Caption of the add-on menu (createAddonMenu). */
  addonName?: string;
  /**
   * The appsscript.json to enforce (scopes, URL allowlist). Tests of the bundle pass the
   * shipped one; without it nothing is restricted, as with Google's automatic scopes.
   */
  manifest?: Manifest;
  /**
   * 'null': LockService.getDocumentLock() answers null, as Google's does outside a
   * containing document's context (lock.ts cites the reference). Default 'available'.
   */
  documentLock?: 'available' | 'null';
  /**
   * The Apps Script cost model (cost.ts): each service call costs time on the clock, the
   * context's Date follows the clock, and each execution gets Google's deadline (6 min, 30 s
   * for simple triggers). `true` is the default calibration with CPU time off; an object
   * overrides parts of it (benchmarks pass `{ cpu: 'measured' }`). Default: off.
   */
  costModel?: boolean | Partial<CostModel>;
}

/** The objects to put in the vm context, exactly the services Apps Script provides. */
export interface GasGlobals {
  SpreadsheetApp: FakeSpreadsheetApp;
  UrlFetchApp: FakeUrlFetchApp;
  PropertiesService: FakePropertiesService;
  LockService: FakeLockService;
  HtmlService: FakeHtmlService;
  Session: FakeSession;
  Utilities: FakeUtilities;
  CacheService: FakeCacheService;
  ScriptApp: FakeScriptApp;
  Logger: FakeLogger;
}

export interface GasFakes {
  readonly globals: GasGlobals;
  readonly calls: CallLog;
  readonly clock: Clock;
  /** The cost model: its calibration and every execution's cost; null when off. */
  readonly cost: CostTracker | null;
  /** The spreadsheet: seed it, read its state, listen to changes, edit it as a teammate. */
  readonly spreadsheet: SpreadsheetHandle;
  /** The add-on menu and the sidebars shown. */
  readonly ui: UiModel;
  /** Logger.log lines. */
  readonly logs: string[];
  /** Requests sent, quota used, the daily limit, the handler. */
  readonly urlFetch: UrlFetchState;
  readonly properties: PropertyStores;
  readonly caches: CacheStores;
  readonly locks: LockRegistry;
  /** Sets (or clears, with null) the UrlFetch handler. */
  onFetch(handler: FetchHandler | null): void;
  /**
   * Switches the person running the code. `hideEmail` models Google withholding the address
   * (Session.getActiveUser().getEmail() === ''), while stores stay per person.
   */
  setActiveUser(email: string, options?: { hideEmail?: boolean }): void;
  readonly activeUser: string;
  /**
   * A vm context whose globals are only the fakes (plus `extra` and JavaScript's built-ins; the
   * console V8 adds is removed); errors are thrown in its realm.
   */
  createContext(extra?: Record<string, unknown>): vm.Context;
  /** Makes the fakes throw errors built by this context's Error (createContext does it). */
  bindRealm(context: vm.Context): void;
  /**
   * Runs one "execution" (FULL authorization, a google.script.run call, unless `execution`
   * says otherwise): afterwards, locks it still holds are released, as Google does.
   */
  run<T>(fn: () => T, execution?: Execution): T;
  /** The execution running now. */
  readonly execution: Execution;
  /**
   * Runs `fn` as part of `execution` without ending it (no lock is released): for a runtime
   * that interleaves several executions' calls (executions/runtime.ts).
   */
  within<T>(execution: Execution, fn: () => T): T;
  /** Runs set-up code through the public API without counting its calls. */
  uncounted<T>(fn: () => T): T;
}

const DEFAULT_USER = 'owner@example.com';
const DEFAULT_ZONE = 'America/New_York';

export function createGasFakes(options: GasFakesOptions = {}): GasFakes {
  const calls = new CallLog();
  const start = options.now === undefined ? Date.now() : new Date(options.now).getTime();
  const clock = new Clock(options.clock ?? 'fake', start);
  const user = options.user ?? DEFAULT_USER;
  const users: Users = { active: user, effective: user };
  const timeZone = options.timeZone ?? DEFAULT_ZONE;
  const locale = options.locale ?? 'en_US';
  const cost = options.costModel
    ? new CostTracker(buildCostModel(options.costModel === true ? {} : options.costModel), clock)
    : null;
  const ctx: FakeContext = {
    calls,
    clock,
    realm: nodeRealm,
    users,
    manifest: options.manifest ?? null,
    execution: FULL_EXECUTION,
    cost,
  };

  const book = new SpreadsheetModel(
    options.spreadsheet?.id ?? '1FakeSpreadsheetIdForTheContactImportAddOn00',
    options.spreadsheet?.name ?? 'Contacts',
    options.spreadsheet?.timeZone ?? timeZone,
    locale,
  );
  const ui = new UiModel(options.addonName ?? 'Contact Import');
  const sheetsCtx: SheetsContext = Object.assign(Object.create(ctx) as FakeContext, {
    book,
    ui,
  });

  const spreadsheet = new SpreadsheetHandle(sheetsCtx);
  const initial = options.sheets ?? { Sheet1: [] };
  for (const [name, rows] of Object.entries(initial))
    spreadsheet.seedSheet(name, rows, { activate: false });
  const first = book.sheets[0];
  if (first) book.activate(first);

  const account = options.account ?? 'consumer';
  const urlFetch = new UrlFetchState(
    clock,
    users,
    options.urlFetchDailyLimit ?? URL_FETCH_DAILY_LIMIT[account],
  );
  urlFetch.handler = options.fetch ?? null;
  urlFetch.burst = options.urlFetchBurst ?? null;
  urlFetch.setFaults(options.urlFetchFaults ?? null);
  const properties = new PropertyStores(
    clock,
    users,
    options.propertiesDailyLimit ?? PROPERTIES_DAILY_LIMIT[account],
  );
  const caches = new CacheStores();
  const locks = new LockRegistry(ctx);
  const logLines = new LogLines();
  const files = new Map(Object.entries(options.files ?? {}));

  const globals: GasGlobals = {
    SpreadsheetApp: new FakeSpreadsheetApp(sheetsCtx),
    UrlFetchApp: new FakeUrlFetchApp(ctx, urlFetch),
    PropertiesService: new FakePropertiesService(ctx, properties),
    LockService: new FakeLockService(ctx, locks, {
      ...(options.documentLock ? { documentLock: options.documentLock } : {}),
    }),
    HtmlService: new FakeHtmlService(ctx, files),
    Session: new FakeSession(ctx),
    Utilities: new FakeUtilities(ctx),
    CacheService: new FakeCacheService(ctx, caches),
    ScriptApp: new FakeScriptApp(ctx),
    Logger: new FakeLogger(ctx, logLines),
  };

  const bindRealm = (context: vm.Context): void => {
    ctx.realm = { Error: vm.runInContext('Error', context) as ErrorConstructor };
  };

  return {
    globals,
    calls,
    clock,
    cost,
    spreadsheet,
    ui,
    logs: logLines.lines,
    urlFetch,
    properties,
    caches,
    locks,
    onFetch(handler) {
      urlFetch.handler = handler;
    },
    setActiveUser(email, opts = {}) {
      users.effective = email;
      users.active = opts.hideEmail ? '' : email;
    },
    get activeUser() {
      return users.effective;
    },
    createContext(extra = {}) {
      const context = vm.createContext({ ...globals, ...extra });
      // V8 gives every context a silent console; remove it so server code that logs with
      // console fails loudly here (the add-on logs with Logger).
      vm.runInContext('delete globalThis.console', context);
      // Intl time zones are not documented for Apps Script: only UTC is offered (intl.ts).
      restrictIntlTimeZones(context);
      // With the cost model on, the code sees the simulated time its calls cost.
      if (cost) followClock(context, clock);
      bindRealm(context);
      return context;
    },
    bindRealm,
    run(fn, execution = FULL_EXECUTION) {
      const outer = ctx.execution;
      ctx.execution = execution;
      try {
        return cost ? cost.run(execution.kind, fn) : fn();
      } finally {
        ctx.execution = outer;
        locks.endExecution();
      }
    },
    get execution() {
      return ctx.execution;
    },
    within(execution, fn) {
      const outer = ctx.execution;
      ctx.execution = execution;
      try {
        return fn();
      } finally {
        ctx.execution = outer;
      }
    },
    uncounted: (fn) => calls.uncounted(fn),
  };
}
