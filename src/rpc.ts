/**
 * The contract between the sidebar and the server: every function the sidebar may call
 * through `google.script.run`, with its arguments and answer. Payloads are JSON-safe
 * (no Date, no undefined, no functions) because that is all google.script.run carries:
 * times travel as ISO strings, absent values as null.
 *
 * Every server function answers with an RpcResult, so a failure reaches the sidebar as a
 * plain message a person can act on, never as a stack trace.
 */

import type { Identifier, Purpose } from './core/rules';

export type RpcResult<T> = { ok: true; value: T } | { ok: false; error: string };

// ---------------------------------------------------------------- connection

export interface ConnectionInfo {
  /** The person's API base URL (per person, not per document). */
  baseUrl: string;
  hasToken: boolean;
  /** Last four characters of the saved token, for recognition; the token itself never leaves the server. */
  tokenLast4: string | null;
}

export interface ConnectionInput {
  baseUrl: string;
  /** A new token; null keeps the saved one. Write-only: it is never sent back. */
  token: string | null;
}

export interface ConnectionTest {
  ok: boolean;
  /** One sentence: "Connected: 8 custom fields found." or what went wrong and what to do. */
  message: string;
}

// ---------------------------------------------------------------- source and settings

// One list of purposes and identifiers: core's rules (src/core/rules.ts), which the sidebar shares.
export type { Purpose };
export type { Identifier };

export interface SheetSummary {
  spreadsheetName: string;
  sheetName: string;
  headerRow: number;
  /** Header cells as displayed, one per column up to the last non-empty header. */
  headers: string[];
  dataRows: number;
  dataColumns: number;
  /** The export the headers look like ("Google Contacts", "HubSpot"), or null. */
  detectedExport: string | null;
}

/** A field a column can be mapped to. */
export interface FieldOption {
  /** Stable key stored in saved mappings, e.g. `firstName`, `custom:Company`. */
  key: string;
  label: string;
  /** `text`, `number`, `email`, `url`, `list`, `date`, `time`, `checkbox`, `phone`, `tags`, `name` … */
  type: string;
  custom: boolean;
  /** Options of a list field. */
  options: string[] | null;
}

export interface ColumnMapping {
  /** 0-based column index in the sheet. */
  column: number;
  header: string;
  /** Field key, or null when the column is skipped. */
  field: string | null;
  /** How the suggestion was made; `manual` once the person changed it. */
  match: 'exact' | 'synonym' | 'fuzzy' | 'none' | 'manual';
  /** 0..1, how sure the automatic match is. */
  confidence: number;
}

export interface ImportSettings {
  headerRow: number;
  purpose: Purpose;
  /** null only for `add-all`. */
  identifier: Identifier | null;
  /** Tags for every contact added or updated. */
  tags: string[];
  /** The automatic tag naming this batch, e.g. `import 2026-11-22 09:30`; null when removed. */
  importTag: string | null;
  doNotOverwrite: boolean;
  /**
   * "Import the row without this cell": an unreadable optional cell (a birthday without a year)
   * is left out with a warning instead of holding the row back. Off by default, chosen per run.
   */
  skipBadOptionalCells: boolean;
  /** ISO 3166-1 alpha-2 applied to phone numbers without a country code, or null. */
  defaultCountry: string | null;
  mapping: ColumnMapping[];
}

/** What the sidebar needs to (re)open on this sheet. */
export interface WizardState {
  connection: ConnectionInfo;
  sheet: SheetSummary;
  /** Saved settings for this tab (the next teammate finds them ready), else suggestions. */
  settings: ImportSettings;
  /** True when `settings` came from a save on this tab rather than from defaults. */
  saved: boolean;
  /** Standard fields plus the workspace's custom fields (empty list when not connected). */
  fields: FieldOption[];
  /** A job on this spreadsheet that is running or paused, to resume or watch. */
  job: JobProgress | null;
  /** The last review of this tab, if still fresh. */
  review: ReviewSummary | null;
  /**
   * Why the Error column may be out of date since the last review: an edit too big for
   * onEdit to re-check as it was typed (null or absent when it is up to date).
   */
  reviewNote?: string | null;
}

export interface SettingsCheck {
  ok: boolean;
  /** Rule violations in plain words ("Map a column to Phone: it is the identifier."). */
  problems: string[];
  settings: ImportSettings;
}

// ---------------------------------------------------------------- review

/** One cell a suggested fix would rewrite; values shortened for the sidebar. */
export interface SuggestedFix {
  row: number;
  /** The column's header as the person wrote it. */
  column: string;
  current: string;
  suggested: string;
}

export interface ReviewSummary {
  /** ISO time of the review; a review goes stale after an hour or when the sheet changes. */
  reviewedAt: string;
  rows: number;
  emptyRows: number;
  /** Rows that would be sent (no error). */
  valid: number;
  errors: number;
  /** Rows with warnings (they are still imported). */
  warnings: number;
  /** Rows with errors only in optional cells: "import the row without this cell" would save them. */
  savable: number;
  /** Report footers and summary rows, skipped (not counted in `rows`). */
  skipped: number;
  /** What the review did that the person should know: footers skipped, Google labels dropped. */
  notes: string[];
  /** Split of `valid` rows from look-ups: null when not looked up (not connected, or add-all). */
  willAdd: number | null;
  willUpdate: number | null;
  willSkip: number | null;
  /** Rows already imported and unchanged, which a re-run will not send. */
  unchanged: number;
  /** Suggested fixes ready to apply. */
  suggestions: number;
  /** The first few of them, so a person sees what applying them would write. */
  suggestionSample: SuggestedFix[];
  /** First sheet row with an error, for "Go to next error". */
  firstErrorRow: number | null;
  estimate: { apiCalls: number; seconds: number };
  /**
   * Said before the import starts when `estimate.apiCalls` is more than a day of Google's
   * URL Fetch quota allows (src/gas/quota.ts): the import will pause and resume a day later.
   * It does not block the import. null when it fits (absent in reviews stored before it).
   */
  quotaWarning: string | null;
  /** Sheet-level problems that stop the review (no rows, too many rows, no header). */
  blocking: string[];
}

// ---------------------------------------------------------------- import

export type RunMode = 'pending' | 'errors' | 'selected';

export type JobStatus = 'processing' | 'paused' | 'completed' | 'cancelled' | 'failed';

export interface JobProgress {
  jobId: string;
  status: JobStatus;
  sheetName: string;
  startedBy: string;
  startedAt: string;
  rowsDone: number;
  rowsTotal: number;
  counts: { imported: number; updated: number; skipped: number; errors: number };
  /** Seconds left at the current pace; null until there is a pace. */
  etaSeconds: number | null;
  /** Why the job is paused or failed, in plain words; null while it runs. */
  message: string | null;
  /** True when the caller should call continueImport again (more work, not paused). */
  more: boolean;
}

/** How far a slice has got while it runs (another execution reads it mid-slice). */
export interface LiveProgress {
  jobId: string;
  rowsDone: number;
  rowsTotal: number;
  counts: JobProgress['counts'];
  etaSeconds: number | null;
}

export interface HistoryEntry {
  date: string;
  sheet: string;
  user: string;
  purpose: Purpose;
  created: number;
  updated: number;
  skipped: number;
  errors: number;
  tags: string[];
  status: 'Processing' | 'Completed' | 'Cancelled' | 'Failed' | 'Paused';
}

// ---------------------------------------------------------------- the functions

/** What each server function takes and gives (before the RpcResult envelope). */
export interface ServerFunctions {
  getSheetSummary(): SheetSummary;
  getWizardState(): WizardState;

  saveConnection(input: ConnectionInput): ConnectionInfo;
  testConnection(): ConnectionTest;
  disconnect(): ConnectionInfo;

  /** Validates and saves settings for the active tab; problems come back as data. */
  saveSettings(settings: ImportSettings): SettingsCheck;

  /** Checks every row, writes the Error column and highlights; sends nothing. */
  reviewSheet(): ReviewSummary;
  /** Writes every suggested value into its cell, then reviews again. */
  applySuggestedFixes(): ReviewSummary;
  /** Selects the next row with an error after `afterRow` (wrapping); null when none. */
  goToNextError(afterRow: number | null): { row: number | null };
  /**
   * Shows only rows with errors (on) or removes that filter (off), keeping the person's own
   * filter. `message` says, in plain words, why it could not be done (then `on` is false).
   */
  setErrorFilter(on: boolean): { on: boolean; message: string | null };

  /** Starts an import of the active tab; refused (with who and since when) if one runs. */
  startImport(mode: RunMode): JobProgress;
  /** Works one slice (about 4.5 minutes at most) and answers with progress. */
  continueImport(jobId: string): JobProgress;
  /**
   * The figures of a slice still running, every couple of seconds, for the sidebar that
   * waits on continueImport (and for teammates watching); null when the job is not running.
   */
  getImportProgress(jobId: string): LiveProgress | null;
  cancelImport(jobId: string): JobProgress;
  getHistory(): HistoryEntry[];
}

export type ServerFunctionName = keyof ServerFunctions;

/** Names the bundle must expose as top-level functions; the bundle test checks each. */
export const SERVER_FUNCTIONS = [
  'getSheetSummary',
  'getWizardState',
  'saveConnection',
  'testConnection',
  'disconnect',
  'saveSettings',
  'reviewSheet',
  'applySuggestedFixes',
  'goToNextError',
  'setErrorFilter',
  'startImport',
  'continueImport',
  'getImportProgress',
  'cancelImport',
  'getHistory',
] as const satisfies readonly ServerFunctionName[];

/** Compile-time check that SERVER_FUNCTIONS lists every function of the contract. */
type Missing = Exclude<ServerFunctionName, (typeof SERVER_FUNCTIONS)[number]>;
export const _everyServerFunctionListed: [Missing] extends [never] ? true : Missing = true;
