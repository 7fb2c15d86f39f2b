/**
 * The person's connection to their workspace: base URL and token (write-only from the
 * sidebar), the connection test, and the workspace's custom fields.
 */
import {
  classify,
  listCustomFields,
  parseBaseUrl,
  readCustomFieldPage,
  tokenProblem,
  type CustomFieldDef,
  type HttpResult,
} from '../api';
import type { ConnectionInfo, ConnectionInput, ConnectionTest } from '../rpc';
import { fetchAll_, NotAllowedError } from './fetch';
import * as storage from './storage';

export function connectionInfo_(): ConnectionInfo {
  const token = storage.readToken();
  return {
    baseUrl: storage.readBaseUrl(),
    hasToken: token !== null,
    tokenLast4: token ? token.slice(-4) : null,
  };
}

export function saveConnection(input: ConnectionInput): ConnectionInfo {
  const base = parseBaseUrl(input.baseUrl);
  if (!base.ok) throw new Error(base.message);
  const token = input.token?.trim();
  // Refused before anything is saved: Properties keep 9 KB a value ("Argument too large"),
  // and a multi-line token would break every request's Authorization header.
  const problem = token ? tokenProblem(token) : null;
  if (problem !== null) throw new Error(problem);
  storage.saveBaseUrl(base.baseUrl);
  if (token) storage.saveToken(token);
  return connectionInfo_();
}

export function disconnect(): ConnectionInfo {
  storage.deleteToken();
  return connectionInfo_();
}

/** One cheap authenticated call (one custom field), and what it means in plain words. */
export function testConnection(): ConnectionTest {
  const token = storage.readToken();
  if (token === null) return { ok: false, message: 'Save an API token first.' };
  const base = parseBaseUrl(storage.readBaseUrl());
  if (!base.ok) return { ok: false, message: base.message };
  const fields = readAllCustomFields_(base.baseUrl, token);
  if (!fields.ok) return { ok: false, message: fields.message };
  storage.saveCustomFields(fields.value);
  const n = fields.value.length;
  return { ok: true, message: `Connected: ${n} custom field${n === 1 ? '' : 's'} found.` };
}

/**
 * The workspace's custom fields: read fresh when connected (and kept with the document for
 * onEdit), or the copy kept last time when the workspace cannot be reached.
 */
export function customFields_(): CustomFieldDef[] {
  const token = storage.readToken();
  const base = parseBaseUrl(storage.readBaseUrl());
  if (token === null || !base.ok) return storage.readCustomFields();
  const fields = readAllCustomFields_(base.baseUrl, token);
  if (!fields.ok) return storage.readCustomFields();
  storage.saveCustomFields(fields.value);
  return fields.value;
}

type Read<T> = { ok: true; value: T } | { ok: false; message: string };

function readAllCustomFields_(baseUrl: string, token: string): Read<CustomFieldDef[]> {
  const out: CustomFieldDef[] = [];
  let cursorId: string | null = null;
  for (let page = 0; page < 20; page++) {
    let result: HttpResult;
    try {
      [result] = fetchAll_([listCustomFields(baseUrl, { cursorId })], token) as [HttpResult];
    } catch (e) {
      // A host outside the manifest's allowlist: say which prefix to add, then redeploy.
      if (e instanceof NotAllowedError) return { ok: false, message: e.message };
      throw e;
    }
    const checked = classify(result, { contactPath: false });
    if (!checked.ok) return { ok: false, message: checked.error.message };
    const read = readCustomFieldPage(result);
    if (!read.ok) return { ok: false, message: read.error.message };
    out.push(...read.value.items);
    cursorId = read.value.nextCursor;
    if (cursorId === null) break;
  }
  return { ok: true, value: out };
}
