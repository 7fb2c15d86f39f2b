/**
 * Errors the fakes throw on behalf of Google.
 *
 * Apps Script surfaces service failures as `Error` objects whose `name` is "Exception", so
 * `String(e)` reads "Exception: <message>". Inside the vm context the bundle may test
 * `e instanceof Error`, which is only true for errors made by the context's own `Error`
 * constructor; the call wrapper (calls.ts) therefore rebuilds every GasError in the realm the
 * fakes were bound to (see `Realm`).
 */
export class GasError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'Exception';
  }
}

/** Throws Google's wording for a service failure. */
export function fail(message: string): never {
  throw new GasError(message);
}

/** Constructors of the realm that receives the fakes' results (a vm context, or Node itself). */
export interface Realm {
  Error: ErrorConstructor;
}

export const nodeRealm: Realm = { Error };

/** Rebuilds a GasError in the given realm; anything else (a bug in a fake) passes through. */
export function toRealmError(error: unknown, realm: Realm): unknown {
  if (!(error instanceof GasError) || realm.Error === Error) return error;
  const rebuilt = new realm.Error(error.message);
  rebuilt.name = 'Exception';
  return rebuilt;
}
