import { withoutSecrets } from '../api';
import type { RpcResult, ServerFunctions } from '../rpc';

/**
 * Wraps a server function so it always answers with an RpcResult. Errors become plain
 * messages: Google's own errors are explained in words a person can act on.
 */
export function expose<K extends keyof ServerFunctions>(
  fn: ServerFunctions[K],
): (...args: Parameters<ServerFunctions[K]>) => RpcResult<ReturnType<ServerFunctions[K]>> {
  return (...args) => {
    try {
      // The contract is JSON-safe, so the value crosses google.script.run unchanged.
      const value = (fn as (...a: unknown[]) => ReturnType<ServerFunctions[K]>)(...args);
      return { ok: true, value };
    } catch (e) {
      return { ok: false, error: explainError_(e) };
    }
  };
}

/** Turns a thrown error into one sentence. Known Google failures get their remedy. */
export function explainError_(e: unknown): string {
  // A library's message may quote a request: no Authorization value goes to the sidebar.
  const message = withoutSecrets(e instanceof Error ? e.message : String(e), null);
  if (/authorization is required|PERMISSION_DENIED|not authorized/i.test(message)) {
    return 'Google could not confirm your permission. If you are signed in to several Google accounts, open the sheet in a window signed in to one account only, then try again.';
  }
  // Google's texts: "Service invoked too many times in a short time: <service>. Try
  // Utilities.sleep(1000) between calls." (a burst) and "Service invoked too many times for
  // one day: <service>." (a daily quota, per person, reset 24 hours after the first call:
  // https://developers.google.com/apps-script/guides/services/quotas).
  if (/too many times in a short time/i.test(message)) {
    return 'Google is receiving too many requests from this add-on right now. Wait a few seconds and try again.';
  }
  // Properties hold 500 KB per store (https://developers.google.com/apps-script/guides/services/quotas):
  // "You have exceeded the property storage quota. Please remove some properties and try
  // again." is about stored settings, not a daily limit, and waiting does not clear it.
  if (/property storage quota/i.test(message)) {
    return 'The settings Google stores for this spreadsheet (or for your account) are full: Google keeps at most 500 KB per document and per person, shared with other add-ons and scripts. Remove an add-on you no longer use from this spreadsheet (Extensions → Add-ons → Manage add-ons), or clear its script properties, then try again.';
  }
  // A sheet may hold at most 10 million cells
  // (https://support.google.com/drive/answer/37603): adding the add-on's columns to a very
  // wide or long sheet hits it.
  if (/above the limit of \d+ cells/i.test(message)) {
    return 'This spreadsheet is at Google’s limit of 10 million cells, so the add-on cannot add its columns (Error, Import Status, Contact ID). Delete empty columns and rows (or unused tabs), or copy the contacts to a new spreadsheet, then try again.';
  }
  if (/Service invoked too many times|quota/i.test(message)) {
    return 'Google’s daily limit for this service has been reached for your account. It resets 24 hours after the first request you made in this period, so at most a day from now; try again then.';
  }
  if (/Lock timeout/i.test(message)) {
    return 'Another import or check is running on this spreadsheet. Wait a moment and try again.';
  }
  return message;
}
