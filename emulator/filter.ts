/**
 * The `POST /contact/list` filter: `{"$and"|"$or": [condition…]}` where a condition is
 * `{"category","field","operator","value"}` or a nested group. Compiled once per request
 * into a predicate; anything malformed is a 400 with a message.
 */
import type { BehaviourFlags } from './config';
import { resolveField } from './validate';
import type { FieldDef, StoredContact, StoredValue } from './workspace';

export type Predicate = (contact: StoredContact) => boolean;
export type Compiled = { ok: true; predicate: Predicate } | { ok: false; message: string };

const STANDARD = new Set([
  'id',
  'firstName',
  'lastName',
  'phone',
  'email',
  'language',
  'countryCode',
  'profilePic',
]);

export function compileFilter(
  filter: unknown,
  fields: readonly FieldDef[],
  flags: BehaviourFlags,
): Compiled {
  if (filter === undefined || filter === null) return { ok: true, predicate: () => true };
  return compileGroup(filter, fields, flags);
}

function compileGroup(
  group: unknown,
  fields: readonly FieldDef[],
  flags: BehaviourFlags,
): Compiled {
  if (typeof group !== 'object' || group === null)
    return bad('filter must be an object with $and or $or.');
  const record = group as Record<string, unknown>;
  const op = '$and' in record ? '$and' : '$or' in record ? '$or' : null;
  if (op === null) return bad('filter must have $and or $or.');
  const list = record[op];
  if (!Array.isArray(list)) return bad(`${op} must be an array of conditions.`);
  if (list.length > flags.orLimit) {
    return bad(`Too many conditions in the filter: ${list.length} (at most ${flags.orLimit}).`);
  }
  const parts: Predicate[] = [];
  for (const item of list) {
    const compiled =
      typeof item === 'object' && item !== null && ('$and' in item || '$or' in item)
        ? compileGroup(item, fields, flags)
        : compileCondition(item, fields, flags);
    if (!compiled.ok) return compiled;
    parts.push(compiled.predicate);
  }
  if (parts.length === 0) return { ok: true, predicate: () => true };
  return {
    ok: true,
    predicate: op === '$and' ? (c) => parts.every((p) => p(c)) : (c) => parts.some((p) => p(c)),
  };
}

function compileCondition(
  item: unknown,
  fields: readonly FieldDef[],
  flags: BehaviourFlags,
): Compiled {
  if (typeof item !== 'object' || item === null) return bad('Each condition must be an object.');
  const { category, field, operator, value } = item as Record<string, unknown>;
  if (typeof operator !== 'string') return bad('Each condition needs an operator.');

  if (category === 'contactTag') {
    const wanted = Array.isArray(value) ? value.map(String) : [String(value)];
    switch (operator) {
      case 'hasAnyOf':
        return ok((c) => wanted.some((t) => c.tags.includes(t)));
      case 'hasAllOf':
        return ok((c) => wanted.every((t) => c.tags.includes(t)));
      case 'hasNoneOf':
        return ok((c) => !wanted.some((t) => c.tags.includes(t)));
      default:
        return bad(`Operator "${operator}" is not supported for contactTag.`);
    }
  }
  if (category === 'lifecycle') {
    return compareOperator(
      operator,
      value,
      (c) => c.lifecycle,
      (a, b) => a === b,
    );
  }
  if (category !== 'contactField') return bad(`Unknown condition category "${String(category)}".`);
  if (typeof field !== 'string') return bad('A contactField condition needs a field.');
  // Fields the official clients filter on besides the contact's own (the SDK's
  // FilterCondition, respond-io/typescript-sdk src/types/contact.ts; the n8n node's
  // assigneeUserId, respond-io/n8n-integration nodes/Respondio/handlers/conversations).
  // Every emulated contact is open and unassigned.
  if (field === 'tags')
    return compileCondition(
      { category: 'contactTag', field: null, operator, value },
      fields,
      flags,
    );
  if (field === 'status' || field === 'assigneeUserId') {
    const fixed: StoredValue = field === 'status' ? 'open' : null;
    return compareOperator(
      operator,
      value,
      () => fixed,
      (a, b) => a !== null && String(a) === String(b),
    );
  }

  if (STANDARD.has(field)) {
    const read = (c: StoredContact): StoredValue => c[field as keyof StoredContact] as StoredValue;
    const caseless = field === 'email' && flags.emailCaseInsensitive;
    const equal = (a: StoredValue, b: unknown): boolean =>
      caseless && typeof a === 'string' && typeof b === 'string'
        ? a.toLowerCase() === b.toLowerCase()
        : a !== null && String(a) === String(b);
    return compareOperator(operator, value, read, equal);
  }
  const def = resolveField(fields, field, flags);
  if (def === undefined) return bad(`Custom field "${field}" not found in the workspace.`);
  return compareOperator(
    operator,
    value,
    (c) => c.custom.get(def.id) ?? null,
    (a, b) => a !== null && String(a) === String(b),
  );
}

function compareOperator(
  operator: string,
  value: unknown,
  read: (c: StoredContact) => StoredValue,
  equal: (a: StoredValue, b: unknown) => boolean,
): Compiled {
  switch (operator) {
    case 'isEqualTo':
      return ok((c) => equal(read(c), value));
    case 'isNotEqualTo':
      return ok((c) => !equal(read(c), value));
    case 'exists':
      return ok((c) => read(c) !== null);
    case 'doesNotExist':
      return ok((c) => read(c) === null);
    case 'isGreaterThan':
      return ok((c) => Number(read(c)) > Number(value));
    case 'isLessThan':
      return ok((c) => Number(read(c)) < Number(value));
    case 'isBetween': {
      if (!Array.isArray(value) || value.length !== 2)
        return bad('isBetween needs a [from, to] value.');
      const [from, to] = value.map(Number) as [number, number];
      return ok((c) => Number(read(c)) >= from && Number(read(c)) <= to);
    }
    default:
      return bad(`Operator "${operator}" is not supported.`);
  }
}

function ok(predicate: Predicate): Compiled {
  return { ok: true, predicate };
}

function bad(message: string): Compiled {
  return { ok: false, message };
}
