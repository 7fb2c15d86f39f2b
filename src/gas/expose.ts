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
  const message = e instanceof Error ? e.message : String(e);
  if (/authorization is required|PERMISSION_DENIED|not authorized/i.test(message)) {
    return 'Google could not confirm your permission. If you are signed in to several Google accounts, open the sheet in a window signed in to one account only, then try again.';
  }
  if (/Service invoked too many times|quota/i.test(message)) {
    return 'Google’s daily limit for this service has been reached. The import pauses and can resume tomorrow.';
  }
  if (/Lock timeout/i.test(message)) {
    return 'Another import or check is running on this spreadsheet. Wait a moment and try again.';
  }
  return message;
}
