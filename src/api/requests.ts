/**
 * Request builders: plain `ApiRequest` values, one per HTTP call, never containing the token
 * (the driver adds `Authorization: Bearer …` when it sends; see http.ts).
 *
 * Every builder takes a base URL already checked by `parseBaseUrl`.
 */
import type { HttpRequest } from './http';
import {
  encodePathSegment,
  apiIdentifierPath,
  normaliseEmail,
  normalisePhone,
  type ApiIdentifier,
  type WritableApiIdentifier,
} from './identifier';
import { STANDARD_CONTACT_FIELDS, type ContactFields, type CustomFieldValue } from './schemas';

/**
 * Endpoint keys: method + path template. Rate limits are per endpoint, so the pacer and the
 * emulator count calls under these keys.
 */
export const ENDPOINTS = {
  getContact: 'GET /contact/{id}',
  createContact: 'POST /contact/{id}',
  updateContact: 'PUT /contact/{id}',
  createOrUpdateContact: 'POST /contact/create_or_update/{id}',
  listContacts: 'POST /contact/list',
  addTags: 'POST /contact/{id}/tag',
  removeTags: 'DELETE /contact/{id}/tag',
  listCustomFields: 'GET /space/custom_field',
} as const;
export type EndpointKey = (typeof ENDPOINTS)[keyof typeof ENDPOINTS];

/** An HTTP request plus the endpoint it counts against. JSON-serialisable. */
export interface ApiRequest extends HttpRequest {
  endpoint: EndpointKey;
}

/** Largest page the list endpoints are known to accept (sources say <100 or ≤100). */
export const MAX_PAGE_SIZE = 99;
export const MAX_TAGS_PER_CALL = 10;

const JSON_HEADERS = { Accept: 'application/json', 'Content-Type': 'application/json' };
const ACCEPT_ONLY = { Accept: 'application/json' };

export function getContact(baseUrl: string, apiIdentifier: ApiIdentifier): ApiRequest {
  return {
    endpoint: ENDPOINTS.getContact,
    method: 'GET',
    url: `${baseUrl}/contact/${apiIdentifierPath(apiIdentifier)}`,
    headers: { ...ACCEPT_ONLY },
  };
}

/**
 * Create. The platform answers 200 without the new contact's id, so a caller that needs the
 * id must `getContact` afterwards. When the contact already exists the platform may answer
 * 409 or may silently create a duplicate: look up before creating.
 */
export function createContact(
  baseUrl: string,
  apiIdentifier: WritableApiIdentifier,
  fields: ContactFields,
): ApiRequest {
  return withBody(
    ENDPOINTS.createContact,
    'POST',
    contactUrl(baseUrl, apiIdentifier),
    contactBody(fields),
  );
}

/** Update: only the keys present in `fields` change; `null` clears a field. */
export function updateContact(
  baseUrl: string,
  apiIdentifier: ApiIdentifier,
  fields: ContactFields,
): ApiRequest {
  return withBody(
    ENDPOINTS.updateContact,
    'PUT',
    contactUrl(baseUrl, apiIdentifier),
    contactBody(fields),
  );
}

/** Create or update by identifier; the answer may lack the id (see readContactId). */
export function createOrUpdateContact(
  baseUrl: string,
  apiIdentifier: WritableApiIdentifier,
  fields: ContactFields,
): ApiRequest {
  const url = `${baseUrl}/contact/create_or_update/${apiIdentifierPath(apiIdentifier)}`;
  return withBody(ENDPOINTS.createOrUpdateContact, 'POST', url, contactBody(fields));
}

export type ListOperator =
  | 'isEqualTo'
  | 'isNotEqualTo'
  | 'exists'
  | 'doesNotExist'
  | 'hasAnyOf'
  | 'hasAllOf'
  | 'hasNoneOf'
  | 'isGreaterThan'
  | 'isLessThan'
  | 'isBetween';

export interface ListCondition {
  category: 'contactField' | 'contactTag' | 'lifecycle';
  field?: string;
  operator: ListOperator;
  value?: string | number | boolean | (string | number)[] | null;
}

export type ListFilter = { $and: ListCondition[] } | { $or: ListCondition[] };

export interface ListQuery {
  filter: ListFilter;
  search?: string;
  timezone?: string;
  /** Page size, clamped to 1–99. Default 99. */
  limit?: number;
  /** From the previous page's `nextCursor`. */
  cursorId?: string | null;
}

export function listContacts(baseUrl: string, query: ListQuery): ApiRequest {
  const body = {
    search: query.search ?? '',
    timezone: query.timezone ?? 'UTC',
    filter: query.filter,
  };
  const url = `${baseUrl}/contact/list${pageQuery(query.limit, query.cursorId)}`;
  return withBody(ENDPOINTS.listContacts, 'POST', url, JSON.stringify(body));
}

/** `{"category":"contactField","field":"email","operator":"isEqualTo","value":…}` */
export function fieldEquals(field: string, value: string): ListCondition {
  return { category: 'contactField', field, operator: 'isEqualTo', value };
}

/**
 * Add tags. The platform takes 1–10 tags a call, so a larger set becomes several requests;
 * an empty set becomes none. Tags are trimmed and de-duplicated; an empty tag is dropped.
 */
export function addTags(
  baseUrl: string,
  apiIdentifier: ApiIdentifier,
  tags: readonly string[],
): ApiRequest[] {
  return tagBatches(tags).map((batch) =>
    withBody(ENDPOINTS.addTags, 'POST', tagUrl(baseUrl, apiIdentifier), JSON.stringify(batch)),
  );
}

/** Remove tags, split like `addTags`. */
export function removeTags(
  baseUrl: string,
  apiIdentifier: ApiIdentifier,
  tags: readonly string[],
): ApiRequest[] {
  return tagBatches(tags).map((batch) =>
    withBody(ENDPOINTS.removeTags, 'DELETE', tagUrl(baseUrl, apiIdentifier), JSON.stringify(batch)),
  );
}

export function tagBatches(tags: readonly string[]): string[][] {
  const unique: string[] = [];
  const seen = new Set<string>();
  for (const tag of tags) {
    const trimmed = tag.trim();
    if (trimmed === '' || seen.has(trimmed)) continue;
    seen.add(trimmed);
    unique.push(trimmed);
  }
  const batches: string[][] = [];
  for (let i = 0; i < unique.length; i += MAX_TAGS_PER_CALL) {
    batches.push(unique.slice(i, i + MAX_TAGS_PER_CALL));
  }
  return batches;
}

/** One page of the workspace's custom fields. */
export function listCustomFields(
  baseUrl: string,
  page: { limit?: number; cursorId?: string | null } = {},
): ApiRequest {
  return {
    endpoint: ENDPOINTS.listCustomFields,
    method: 'GET',
    url: `${baseUrl}/space/custom_field${pageQuery(page.limit, page.cursorId)}`,
    headers: { ...ACCEPT_ONLY },
  };
}

/**
 * The JSON body of create / update / create_or_update. Keys that are `undefined` are left
 * out (so an update changes only what it names); `""` is sent as `null`, because some
 * platforms answer 400 to an empty string while all of them clear a field on `null`;
 * emails are trimmed and lower-cased and phones stripped to E.164, like identifiers.
 */
export function contactBody(fields: ContactFields): string {
  const out: Record<string, unknown> = {};
  for (const key of STANDARD_CONTACT_FIELDS) {
    const value = fields[key];
    if (value === undefined) continue;
    out[key] = blankToNull(value);
  }
  if (typeof out.email === 'string') out.email = normaliseEmail(out.email);
  if (typeof out.phone === 'string') out.phone = normalisePhone(out.phone);
  if (fields.custom_fields !== undefined) {
    out.custom_fields = fields.custom_fields.map((field) => ({
      name: field.name,
      value: blankToNull(field.value),
    }));
  }
  return JSON.stringify(out);
}

function blankToNull<T extends CustomFieldValue>(value: T): T | null {
  return typeof value === 'string' && value.trim() === '' ? null : value;
}

function contactUrl(baseUrl: string, apiIdentifier: ApiIdentifier): string {
  return `${baseUrl}/contact/${apiIdentifierPath(apiIdentifier)}`;
}

function tagUrl(baseUrl: string, apiIdentifier: ApiIdentifier): string {
  return `${contactUrl(baseUrl, apiIdentifier)}/tag`;
}

function withBody(
  endpoint: EndpointKey,
  method: ApiRequest['method'],
  url: string,
  body: string,
): ApiRequest {
  return { endpoint, method, url, headers: { ...JSON_HEADERS }, body };
}

function pageQuery(limit: number | undefined, cursorId: string | null | undefined): string {
  const size = clampPageSize(limit);
  const cursor =
    cursorId === undefined || cursorId === null || cursorId === ''
      ? ''
      : `&cursorId=${encodePathSegment(cursorId)}`;
  return `?limit=${size}${cursor}`;
}

export function clampPageSize(limit: number | undefined): number {
  if (limit === undefined || !Number.isFinite(limit)) return MAX_PAGE_SIZE;
  return Math.min(MAX_PAGE_SIZE, Math.max(1, Math.floor(limit)));
}
