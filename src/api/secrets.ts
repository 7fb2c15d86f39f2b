/**
 * The API token must never travel on in a message. Transport and library errors sometimes
 * quote the request they failed on — Node's fetch (undici) echoes an invalid header value
 * whole, `Bearer …` included, and Google quotes the request in some UrlFetchApp errors — so
 * every message built from such an error passes through `withoutSecrets` before it is
 * printed, logged, written to a sheet or file, or returned to the sidebar.
 */

/** Longer tokens are refused up front: Properties keep at most 9 KB a value, and servers refuse big headers (HTTP 431). */
export const MAX_TOKEN_BYTES = 4 * 1024;

/**
 * Why a token cannot be used, in words a person can act on, or null when it can. A token is
 * printable ASCII-ish text on one line: a newline or control character (a paste gone wrong)
 * would break the Authorization header, and HTTP libraries then quote the header in errors.
 */
export function tokenProblem(token: string): string | null {
  if (/[\r\n]/.test(token)) {
    return 'The API token holds a line break — paste the token again as one line.';
  }
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f-\u009f]/.test(token)) {
    return 'The API token holds an invisible control character — copy the token again from the workspace settings and paste it as plain text.';
  }
  if (utf8Bytes(token) > MAX_TOKEN_BYTES) {
    return `The API token is ${Math.ceil(utf8Bytes(token) / 1024)} KB long; a workspace API token is far shorter (at most 4 KB) — copy only the token from the workspace settings.`;
  }
  return null;
}

function utf8Bytes(text: string): number {
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x80) bytes += 1;
    else if (code < 0x800) bytes += 2;
    else if (code >= 0xd800 && code < 0xdc00) {
      bytes += 4;
      i++;
    } else bytes += 3;
  }
  return bytes;
}

/**
 * The message with the token (and each of its lines, for a token holding line breaks) and any
 * Authorization or Bearer value replaced by "…".
 */
export function withoutSecrets(message: string, token: string | null): string {
  let text = message;
  if (token) {
    const pieces = [token, ...token.split(/[\r\n]+/)]
      .map((piece) => piece.trim())
      .filter((piece) => piece.length >= 4)
      .sort((a, b) => b.length - a.length);
    for (const piece of pieces) text = text.split(piece).join('…');
  }
  return text
    .replace(/(authorization["']?\s*[:=]\s*["']?)[^"',}\r\n]+/gi, '$1…')
    .replace(/Bearer\s+[^\s"',}]+/gi, 'Bearer …');
}
