/**
 * The CLI's side of the workspace: the connection (base URL from `--api-url`, token from the
 * environment, never from a flag and never printed), a count of the calls it makes, and the
 * first call of every command, reading the custom fields, which also proves the token works.
 */
import {
  MESSAGES,
  parseBaseUrl,
  tokenProblem,
  withoutSecrets,
  type CustomFieldDef,
  type HttpRequest,
} from '../../src/api';
import { sendHttp } from '../http';
import { fetchCustomFields, type Connection } from '../http';
import { CliError } from './output';

export const TOKEN_VARIABLE = 'CONTACT_IMPORT_TOKEN';

export interface CountedConnection extends Connection {
  /** Requests sent so far by this process. */
  calls(): number;
}

/** The token from the environment; one that cannot work (see tokenProblem) is refused here, before any call. */
export function tokenFrom(env: NodeJS.ProcessEnv): string | null {
  const token = env[TOKEN_VARIABLE]?.trim();
  if (!token) return null;
  const problem = tokenProblem(token);
  if (problem !== null) throw new CliError(`${TOKEN_VARIABLE}: ${problem}`);
  return token;
}

export function requireToken(env: NodeJS.ProcessEnv): string {
  const token = tokenFrom(env);
  if (token === null) {
    throw new CliError(`Set ${TOKEN_VARIABLE} to your workspace API access token to import.`);
  }
  return token;
}

export function connect(apiUrl: string, token: string): CountedConnection {
  const base = parseBaseUrl(apiUrl);
  if (!base.ok) throw new CliError(`--api-url: ${base.message}`);
  let calls = 0;
  return {
    baseUrl: base.baseUrl,
    send: (request: HttpRequest) => {
      calls++;
      return sendHttp(request, { token });
    },
    calls: () => calls,
  };
}

/** Statuses worth one more try before the first call is declared a failure. */
const PASSING = new Set([429, 449, 500, 502, 503, 504]);
const FIRST_CALL_TRIES = 3;

/**
 * Reads the workspace's custom fields. A refused token, a host that does not answer or a URL
 * that is not the API ends the command with one sentence saying so.
 */
export async function readCustomFields(connection: CountedConnection): Promise<CustomFieldDef[]> {
  const patient: Connection = {
    baseUrl: connection.baseUrl,
    send: async (request) => {
      for (let attempt = 1; ; attempt++) {
        const result = await connection.send(request);
        if (!PASSING.has(result.status) || attempt >= FIRST_CALL_TRIES) return result;
        await new Promise((resolve) => setTimeout(resolve, 1000 * attempt));
      }
    },
  };
  try {
    return await fetchCustomFields(patient);
  } catch (e) {
    const message = withoutSecrets(e instanceof Error ? e.message : String(e), null);
    if (message === MESSAGES.tokenRefused) {
      throw new CliError(
        `The workspace refused the API token in ${TOKEN_VARIABLE} — set a valid token and try again.`,
      );
    }
    throw new CliError(message.replace(/the workspace API/i, `$& at ${connection.baseUrl}`));
  }
}
