/**
 * Validation of request bodies, like the platform: the first problem found fails the whole
 * request with 400 and a message.
 */
import type { BehaviourFlags } from './config';
import type { FieldDef, StoredValue } from './workspace';

import {
  STANDARD_CONTACT_FIELDS as STANDARD_FIELDS,
  type StandardContactField as StandardField,
} from '../src/api/schemas';

export { STANDARD_FIELDS, type StandardField };

/** A validated change set: keys present change (null clears). */
export interface FieldChanges {
  standard: Partial<Record<StandardField, string | null>>;
  custom: Map<number, StoredValue>;
}

export type Validated = { ok: true; changes: FieldChanges } | { ok: false; message: string };

export const E164 = /^\+[1-9]\d{6,14}$/;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const URL_WITH_OPTIONAL_SCHEME = /^(https?:\/\/)?[^\s/?#.]+(\.[^\s/?#.]+)+([/?#]\S*)?$/i;
const HTTP_URL = /^https?:\/\/[^\s/?#.]+(\.[^\s/?#.]+)*(:\d+)?([/?#]\S*)?$/i;

export function validateFields(
  body: unknown,
  fields: readonly FieldDef[],
  flags: BehaviourFlags,
  mode: { creating: boolean },
): Validated {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    return bad('The request body must be a JSON object.');
  }
  const record = body as Record<string, unknown>;
  const standard: FieldChanges['standard'] = {};
  for (const key of STANDARD_FIELDS) {
    if (!(key in record) || record[key] === undefined) continue;
    const value = record[key];
    if (value !== null && typeof value !== 'string') return bad(`${key} must be a string or null.`);
    if (value === '' && flags.emptyString === 'reject')
      return bad(`${key} must not be an empty string; send null to clear it.`);
    const clean = value === null || value.trim() === '' ? null : value.trim();
    const problem = clean === null ? null : standardProblem(key, clean);
    if (problem !== null) return bad(problem);
    standard[key] = key === 'countryCode' && clean !== null ? clean.toUpperCase() : clean;
  }
  if (mode.creating && (standard.firstName === undefined || standard.firstName === null)) {
    return bad('firstName is required.');
  }
  if (!mode.creating && 'firstName' in standard && standard.firstName === null) {
    return bad('firstName cannot be cleared.');
  }

  const custom = new Map<number, StoredValue>();
  const list = record.custom_fields;
  if (list !== undefined && list !== null) {
    if (!Array.isArray(list)) return bad('custom_fields must be an array.');
    for (const item of list) {
      if (
        typeof item !== 'object' ||
        item === null ||
        typeof (item as { name?: unknown }).name !== 'string'
      ) {
        return bad('Each custom field needs a name and a value.');
      }
      const { name, value } = item as { name: string; value?: unknown };
      const def = resolveField(fields, name, flags);
      if (def === undefined) return bad(`Custom field "${name}" not found in the workspace.`);
      const checked = customValue(def, value === undefined ? null : value, flags);
      if (!checked.ok) return bad(checked.message);
      custom.set(def.id, checked.value);
    }
  }
  return { ok: true, changes: { standard, custom } };
}

export function resolveField(
  fields: readonly FieldDef[],
  name: string,
  flags: BehaviourFlags,
): FieldDef | undefined {
  if (flags.customFieldName === 'name-or-slug') {
    const byName = fields.find((f) => f.name === name);
    if (byName !== undefined) return byName;
  }
  return fields.find((f) => f.slug === name);
}

function standardProblem(key: StandardField, value: string): string | null {
  switch (key) {
    case 'firstName':
    case 'lastName':
      return value.length > 255 ? `${key} must be at most 255 characters.` : null;
    case 'email':
      return EMAIL.test(value) ? null : `email "${value}" is not a valid email address.`;
    case 'phone':
      return E164.test(value)
        ? null
        : `phone "${value}" must be in E.164 format, e.g. +60123456789.`;
    case 'language':
      return /^[a-z]{2}$/.test(value)
        ? null
        : `language "${value}" must be an ISO 639-1 code such as "en".`;
    case 'countryCode':
      return /^[a-z]{2}$/i.test(value)
        ? null
        : `countryCode "${value}" must be an ISO 3166-1 alpha-2 code such as "MY".`;
    case 'profilePic':
      return HTTP_URL.test(value) ? null : `profilePic "${value}" must be an http(s) URL.`;
  }
}

type Checked = { ok: true; value: StoredValue } | { ok: false; message: string };

function customValue(def: FieldDef, value: unknown, flags: BehaviourFlags): Checked {
  if (value === null) return { ok: true, value: null };
  if (value === '') {
    return flags.emptyString === 'clear'
      ? { ok: true, value: null }
      : {
          ok: false,
          message: `Custom field "${def.name}" must not be an empty string; send null to clear it.`,
        };
  }
  const fail = (what: string): Checked => ({
    ok: false,
    message: `Custom field "${def.name}" ${what}.`,
  });
  switch (def.dataType) {
    case 'text':
    case 'multi_select': // a type no client knows: taken as text (config.ts unknownFieldType)
      if (typeof value !== 'string') return fail('must be text');
      return value.length > 2000 ? fail('must be at most 2000 characters') : { ok: true, value };
    case 'number':
      if (typeof value === 'number' && Number.isFinite(value)) return { ok: true, value };
      // Numbers as strings, as the n8n node's resource mapper and form inputs send them
      // (respond-io/n8n-integration nodes/Respondio/classMethods/resourceMapping.ts).
      if (typeof value === 'string' && /^-?\d+(\.\d+)?$/.test(value.trim()))
        return { ok: true, value: Number(value.trim()) };
      return fail('must be a number');
    case 'email':
      return typeof value === 'string' && EMAIL.test(value.trim())
        ? { ok: true, value: value.trim() }
        : fail('must be an email address');
    case 'url':
      return typeof value === 'string' && URL_WITH_OPTIONAL_SCHEME.test(value.trim())
        ? { ok: true, value: value.trim() }
        : fail('must be a URL');
    case 'list': {
      const options = def.allowedValues ?? [];
      return typeof value === 'string' && options.includes(value)
        ? { ok: true, value }
        : fail(`must be one of: ${options.join(', ')}`);
    }
    case 'date':
      return typeof value === 'string' && isDate(value)
        ? { ok: true, value }
        : fail('must be a date as yyyy-mm-dd');
    case 'time':
      return typeof value === 'string' && /^([01]\d|2[0-3]):[0-5]\d$/.test(value)
        ? { ok: true, value }
        : fail('must be a time as HH:MM (24 h)');
    case 'checkbox':
      if (typeof value === 'boolean') return { ok: true, value };
      if (value === 'true' || value === 'false') return { ok: true, value: value === 'true' };
      return fail('must be true or false');
  }
}

function isDate(text: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d;
}

function bad(message: string): Validated {
  return { ok: false, message };
}

/** Tag bodies: a JSON array of 1–10 names, each 1–255 characters. */
export function validateTags(
  body: unknown,
): { ok: true; tags: string[] } | { ok: false; message: string } {
  if (!Array.isArray(body) || body.length < 1 || body.length > 10) {
    return { ok: false, message: 'The body must be a JSON array of 1 to 10 tag names.' };
  }
  const tags: string[] = [];
  for (const tag of body) {
    if (typeof tag !== 'string' || tag.trim() === '')
      return { ok: false, message: 'Tag names must be non-empty strings.' };
    if (tag.length > 255)
      return { ok: false, message: 'Tag names must be at most 255 characters.' };
    tags.push(tag.trim());
  }
  return { ok: true, tags };
}
