/**
 * The API identifier, how the API's path names a contact: `id:123`, `email:jane@example.com`,
 * `phone:+60123456789`.
 *
 * Emails are sent trimmed and lower-cased and phones as bare E.164, because the platform may
 * match either exactly (see CONTACT_API.md, open points): sending one canonical form is what
 * makes repeated imports find the contacts they created.
 */

export type ApiIdentifier =
  | { type: 'id'; value: number }
  | { type: 'email'; value: string }
  | { type: 'phone'; value: string };

/** Create (`POST /contact/{identifier}`) accepts only these two forms. */
export type WritableApiIdentifier = Extract<ApiIdentifier, { type: 'email' | 'phone' }>;

export type ApiIdentifierType = ApiIdentifier['type'];

export function normaliseEmail(email: string): string {
  return email.trim().toLowerCase();
}

/**
 * Strips formatting from a number already written in international form:
 * `+60 12-345 6789` and `0060 12 345 6789` both become `+60123456789`. Numbers without a
 * country code are left as they are: guessing a country is the core's job (it knows the
 * sheet's default country), not the API layer's.
 */
export function normalisePhone(phone: string): string {
  const trimmed = phone.trim();
  const digits = trimmed.replace(/\D/g, '');
  if (trimmed.startsWith('+')) return `+${digits}`;
  if (digits.startsWith('00')) return `+${digits.slice(2)}`;
  return digits;
}

export function byId(id: number): ApiIdentifier {
  return { type: 'id', value: id };
}

export function byEmail(email: string): WritableApiIdentifier {
  return { type: 'email', value: normaliseEmail(email) };
}

export function byPhone(phone: string): WritableApiIdentifier {
  return { type: 'phone', value: normalisePhone(phone) };
}

/**
 * The API identifier for a row's identifier value as the core holds it: the identifier
 * setting (`phone`, `email` or `id`) and the value read from the sheet, a Contact ID as its
 * digits. The one conversion between the two; the job and the preview both use it.
 */
export function toApiIdentifier(identifierValue: {
  readonly kind: ApiIdentifierType;
  readonly value: string;
}): ApiIdentifier {
  if (identifierValue.kind === 'id') return byId(Number(identifierValue.value));
  if (identifierValue.kind === 'email') return byEmail(identifierValue.value);
  return byPhone(identifierValue.value);
}

/** The identifier as the API spells it, unencoded; also a stable key for maps. */
export function apiIdentifierKey(apiIdentifier: ApiIdentifier): string {
  return `${apiIdentifier.type}:${apiIdentifier.value}`;
}

/** The identifier ready for a URL path. */
export function apiIdentifierPath(apiIdentifier: ApiIdentifier): string {
  return encodePathSegment(apiIdentifierKey(apiIdentifier));
}

/**
 * Percent-encodes one path segment (UTF-8). Keeps RFC 3986 unreserved characters and the
 * two the identifiers are made of, `:` and `@`, readable; encodes everything else, notably
 * `+` (some servers and proxies read a raw `+` as a space), `/`, `?`, `#` and `%`.
 */
export function encodePathSegment(text: string): string {
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const ch = text.charAt(i);
    if (/[A-Za-z0-9\-._~:@]/.test(ch)) {
      out += ch;
      continue;
    }
    let codePoint = text.charCodeAt(i);
    if (codePoint >= 0xd800 && codePoint <= 0xdbff && i + 1 < text.length) {
      const low = text.charCodeAt(i + 1);
      if (low >= 0xdc00 && low <= 0xdfff) {
        codePoint = 0x10000 + ((codePoint - 0xd800) << 10) + (low - 0xdc00);
        i++;
      }
    }
    // A lone surrogate has no UTF-8 form: send the replacement character, as encoders do.
    if (codePoint >= 0xd800 && codePoint <= 0xdfff) codePoint = 0xfffd;
    for (const byte of utf8Bytes(codePoint)) out += `%${hex2(byte)}`;
  }
  return out;
}

function utf8Bytes(cp: number): number[] {
  if (cp < 0x80) return [cp];
  if (cp < 0x800) return [0xc0 | (cp >> 6), 0x80 | (cp & 0x3f)];
  if (cp < 0x10000) return [0xe0 | (cp >> 12), 0x80 | ((cp >> 6) & 0x3f), 0x80 | (cp & 0x3f)];
  return [
    0xf0 | (cp >> 18),
    0x80 | ((cp >> 12) & 0x3f),
    0x80 | ((cp >> 6) & 0x3f),
    0x80 | (cp & 0x3f),
  ];
}

function hex2(byte: number): string {
  return (byte < 16 ? '0' : '') + byte.toString(16).toUpperCase();
}
