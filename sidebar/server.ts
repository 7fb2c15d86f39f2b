import type { RpcResult, ServerFunctionName, ServerFunctions } from '../src/rpc';

/**
 * Calls a server function through google.script.run and unwraps its RpcResult.
 * Typed by the shared contract, so a wrong name or argument is a compile error.
 */
export function callServer<K extends ServerFunctionName>(
  name: K,
  ...args: Parameters<ServerFunctions[K]>
): Promise<ReturnType<ServerFunctions[K]>> {
  return new Promise((resolve, reject) => {
    const runner = google.script.run
      .withSuccessHandler((answer) => {
        const result = answer as RpcResult<ReturnType<ServerFunctions[K]>> | null;
        // Google hands the success handler null, with no error, for an answer it cannot carry
        // (one holding a Date: local/host/script-run-payload.js cites the reports).
        if (result === null || typeof result !== 'object') reject(new Error(LOST_ANSWER));
        else if (result.ok) resolve(result.value);
        else reject(new Error(result.error));
      })
      .withFailureHandler((error) => reject(new Error(plainFailure(error))));
    const fn = runner[name];
    if (!fn) throw new Error(`The add-on has no server function named ${name}.`);
    fn(...args);
  });
}

const LOST_ANSWER =
  'The add-on sent an answer the sidebar could not read. Try again; if it happens again, reopen the sidebar.';

/** google.script.run's own failures (network, authorisation) in words a person can act on. */
function plainFailure(error: Error): string {
  const message = error?.message ?? String(error);
  if (/NetworkError|network/i.test(message)) {
    return 'The sidebar lost its connection to Google. Check your connection and try again.';
  }
  if (/authori[sz]ation|PERMISSION_DENIED/i.test(message)) {
    return 'Google could not confirm your permission. If you are signed in to several Google accounts, open the sheet signed in to one only.';
  }
  return message;
}
