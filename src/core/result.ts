/**
 * Errors as values: every core entry point that can refuse its input answers with a Result
 * instead of throwing, so the drivers can show the messages as they are.
 */
export type Result<T> =
  | { readonly ok: true; readonly value: T }
  | { readonly ok: false; readonly messages: readonly string[] };

export function ok<T>(value: T): Result<T> {
  return { ok: true, value };
}

export function fail<T = never>(messages: readonly string[]): Result<T> {
  return { ok: false, messages };
}
