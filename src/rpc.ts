/**
 * The contract between the sidebar and the server: every function the sidebar may call
 * through `google.script.run`, with its arguments and answer. Payloads are JSON-safe
 * (no Date, no undefined, no functions) because that is all google.script.run carries.
 *
 * Every server function answers with an RpcResult, so a failure reaches the sidebar as a
 * plain message a person can act on, never as a stack trace.
 */

export type RpcResult<T> = { ok: true; value: T } | { ok: false; error: string };

export interface SheetSummary {
  spreadsheetName: string;
  sheetName: string;
  headerRow: number;
  /** Header cells as displayed, one per column up to the last non-empty header. */
  headers: string[];
  dataRows: number;
  dataColumns: number;
}

/** What each server function takes and gives (before the RpcResult envelope). */
export interface ServerFunctions {
  getSheetSummary(): SheetSummary;
}

export type ServerFunctionName = keyof ServerFunctions;

/** Names the bundle must expose as top-level functions; the bundle test checks each. */
export const SERVER_FUNCTIONS = [
  'getSheetSummary',
] as const satisfies readonly ServerFunctionName[];
