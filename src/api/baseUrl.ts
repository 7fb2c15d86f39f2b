/**
 * The workspace API base URL is configuration: respond.io is `https://api.respond.io/v2`, a
 * white-label copy serves the same paths on its own host (and sometimes another version
 * segment). Parsed by hand because the URL API does not exist on Apps Script.
 */

export const DEFAULT_BASE_URL = 'https://api.respond.io/v2';

export type BaseUrlResult = { ok: true; baseUrl: string } | { ok: false; message: string };

/** Hosts where plain http is acceptable: the person's own machine (emulator, tests). */
const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

const EXAMPLE = `for example ${DEFAULT_BASE_URL}`;

/**
 * Validates and normalises a base URL: scheme and host lower-cased, trailing slashes removed.
 * Only `https://` is accepted, except `http://` for localhost / 127.0.0.1 / [::1].
 */
export function parseBaseUrl(input: string): BaseUrlResult {
  const text = input.trim();
  if (text === '') return fail(`Enter the workspace API base URL, ${EXAMPLE}.`);
  if (/\s/.test(text)) return fail('The API base URL must not contain spaces.');

  const match = /^([a-zA-Z][a-zA-Z0-9+.-]*):\/\/([^/?#]*)([^?#]*)([?#].*)?$/.exec(text);
  if (!match) return fail(`The API base URL must start with https://, ${EXAMPLE}.`);
  const scheme = (match[1] ?? '').toLowerCase();
  const authority = match[2] ?? '';
  const path = match[3] ?? '';
  if (match[4] !== undefined) {
    return fail(`The API base URL must not contain "?" or "#": give only the address, ${EXAMPLE}.`);
  }
  if (scheme !== 'https' && scheme !== 'http') {
    return fail(`The API base URL must start with https://, ${EXAMPLE}.`);
  }
  if (authority.includes('@')) {
    return fail('The API base URL must not contain a user name or password.');
  }

  const hostPort = /^(\[[0-9a-fA-F:.]+\]|[^:]+)(?::(\d*))?$/.exec(authority);
  const host = (hostPort?.[1] ?? '').toLowerCase();
  const port = hostPort?.[2];
  if (!hostPort || !isHostName(host)) {
    return fail(`"${authority}" is not a valid host name in the API base URL.`);
  }
  if (port !== undefined && !isPort(port)) {
    return fail(`"${port}" is not a valid port in the API base URL.`);
  }
  if (scheme === 'http' && !LOOPBACK_HOSTS.has(host)) {
    return fail(
      'The API base URL must use https:// (plain http:// is allowed only for localhost).',
    );
  }

  const cleanPath = path.replace(/\/+$/, '');
  const portPart = port !== undefined && port !== '' ? `:${port}` : '';
  return { ok: true, baseUrl: `${scheme}://${host}${portPart}${cleanPath}` };
}

function fail(message: string): BaseUrlResult {
  return { ok: false, message };
}

function isHostName(host: string): boolean {
  if (host.startsWith('[')) return host.endsWith(']') && host.length > 2;
  if (host.length === 0 || host.length > 253) return false;
  return host.split('.').every((label) => /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/.test(label));
}

function isPort(port: string): boolean {
  if (port === '') return true; // "host:" is legal and means the default port
  const n = Number(port);
  return Number.isInteger(n) && n >= 1 && n <= 65535;
}
