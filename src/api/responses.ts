/**
 * Readers: one per kind of call, each turning an `HttpResult` into a typed value or an
 * `ApiError`. Shapes are checked with zod and extra keys pass, so a platform that adds fields
 * (or a white-label copy that adds its own) does not break the import.
 */
import { z } from 'zod';
import { classify, MESSAGES, type ApiError } from './errors';
import type { HttpResult } from './http';
import { Contact, CustomFieldDef, CustomFieldType } from './schemas';

export type ApiOutcome<T> = { ok: true; value: T } | { ok: false; error: ApiError };

/** A page of a list endpoint; `nextCursor` null on the last page. */
export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

/** Custom fields of a type this client does not know: listed so the UI can say so. */
export interface UnsupportedField {
  name: string;
  dataType: string;
}

/**
 * `GET /contact/{identifier}`. A 404 comes back as a row error with reason `not-found`:
 * for a look-up that means "the contact is new", for anything else it is the row's error.
 */
export function readContact(result: HttpResult, now?: number): ApiOutcome<Contact> {
  const classified = classify(result, { contactPath: true, now });
  if (!classified.ok) return classified;
  const parsed = Contact.safeParse(coerceContact(classified.json));
  return parsed.success ? { ok: true, value: parsed.data } : unexpected(classified.status);
}

/**
 * Every write (create, update, create_or_update, add/remove tags). `contactId` is the
 * contact's id when the answer carries one, else null. Create never carries it
 * (`{"code":"200","message":"Contact added successfully!"}`), and some platforms answer
 * create_or_update the same way: when the id matters, the caller must then `getContact`.
 */
export function readWrite(
  result: HttpResult,
  now?: number,
): ApiOutcome<{ contactId: number | null }> {
  const classified = classify(result, { contactPath: true, now });
  if (!classified.ok) return classified;
  return { ok: true, value: { contactId: contactIdOf(classified.json) } };
}

const ListAnswer = z.looseObject({
  items: z.array(z.unknown()),
  pagination: z.looseObject({ next: z.string().nullish() }).nullish(),
});

/** `POST /contact/list`. */
export function readContactPage(result: HttpResult, now?: number): ApiOutcome<Page<Contact>> {
  const classified = classify(result, { contactPath: false, now });
  if (!classified.ok) return classified;
  const page = ListAnswer.safeParse(classified.json);
  if (!page.success) return unexpected(classified.status);
  const items: Contact[] = [];
  for (const item of page.data.items) {
    const contact = Contact.safeParse(coerceContact(item));
    // One unreadable contact means we cannot trust the page: a missed match would become a
    // duplicate, so stop rather than guess.
    if (!contact.success) return unexpected(classified.status);
    items.push(contact.data);
  }
  return { ok: true, value: { items, nextCursor: cursorFromNext(page.data.pagination?.next) } };
}

/**
 * `GET /space/custom_field`. A field of a type the client does not know is read as text
 * (`declaredType` keeps what the workspace said) and also listed in `unsupported`, so the
 * review can say so; it never fails the whole list.
 */
export function readCustomFieldPage(
  result: HttpResult,
  now?: number,
): ApiOutcome<Page<CustomFieldDef> & { unsupported: UnsupportedField[] }> {
  const classified = classify(result, { contactPath: false, now });
  if (!classified.ok) return classified;
  const page = ListAnswer.safeParse(classified.json);
  if (!page.success) return unexpected(classified.status);
  const items: CustomFieldDef[] = [];
  const unsupported: UnsupportedField[] = [];
  for (const item of page.data.items) {
    const def = CustomFieldDef.safeParse(item);
    if (def.success) {
      items.push(def.data);
      continue;
    }
    const loose = z.looseObject({ name: z.string(), dataType: z.unknown() }).safeParse(item);
    if (!loose.success) return unexpected(classified.status);
    const dataType = String(loose.data.dataType);
    if (CustomFieldType.safeParse(dataType).success) return unexpected(classified.status);
    const asText = CustomFieldDef.safeParse({
      ...(item as object),
      dataType: 'text',
      declaredType: dataType,
    });
    if (!asText.success) return unexpected(classified.status);
    items.push(asText.data);
    unsupported.push({ name: loose.data.name, dataType });
  }
  const nextCursor = cursorFromNext(page.data.pagination?.next);
  return { ok: true, value: { items, nextCursor, unsupported } };
}

/**
 * The `cursorId` of a `pagination.next` URL such as
 * `https://api.respond.io/v2/contact/list?limit=99&cursorId=12345`; null when empty, missing
 * or without a cursor (treated as the last page rather than looping on the first).
 */
export function cursorFromNext(next: string | null | undefined): string | null {
  if (next === null || next === undefined || next.trim() === '') return null;
  const match = /[?&]cursorId=([^&#]*)/.exec(next);
  if (!match || match[1] === undefined || match[1] === '') return null;
  try {
    return decodeURIComponent(match[1].replace(/\+/g, ' '));
  } catch {
    return match[1];
  }
}

/** `{"contactId":N}`, also tolerating `"N"`, `id` and a `data` wrapper. */
function contactIdOf(json: unknown): number | null {
  if (typeof json !== 'object' || json === null) return null;
  const record = json as Record<string, unknown>;
  for (const candidate of [record.contactId, record.id]) {
    const id = toId(candidate);
    if (id !== null) return id;
  }
  return record.data !== undefined ? contactIdOf(record.data) : null;
}

function toId(value: unknown): number | null {
  if (typeof value === 'number' && Number.isSafeInteger(value) && value > 0) return value;
  if (typeof value === 'string' && /^\d+$/.test(value)) return toId(Number(value));
  return null;
}

/** Some copies send ids as strings; the rest of the contact is checked by the schema. */
function coerceContact(json: unknown): unknown {
  if (typeof json !== 'object' || json === null) return json;
  const record = json as Record<string, unknown>;
  const id = toId(record.id);
  return id !== null && id !== record.id ? { ...record, id } : json;
}

function unexpected(status: number): { ok: false; error: ApiError } {
  return { ok: false, error: { kind: 'fatal', status, message: MESSAGES.unexpectedShape } };
}
