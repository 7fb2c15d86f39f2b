/**
 * Naming custom fields in requests and finding them in answers.
 *
 * Platforms differ (CONTACT_API.md, open points): some take `custom_fields[].name` as the
 * field's display name or its slug, others only its slug. The slug works with both, so it is
 * what we send whenever the workspace told us one; the display name is the fallback for a
 * field listed without a slug. Answers may name a field either way, so look-ups accept both.
 */
import type { Contact, CustomFieldDef, CustomFieldValue } from './schemas';

/** The name to send in `custom_fields[].name`. */
export function customFieldKey(def: CustomFieldDef): string {
  return def.slug !== null && def.slug !== undefined && def.slug.trim() !== ''
    ? def.slug
    : def.name;
}

/** A field by display name or slug, ignoring case and surrounding spaces. */
export function findCustomField(
  defs: readonly CustomFieldDef[],
  nameOrSlug: string,
): CustomFieldDef | undefined {
  const wanted = fold(nameOrSlug);
  return (
    defs.find((def) => fold(def.name) === wanted) ??
    defs.find((def) => def.slug !== null && def.slug !== undefined && fold(def.slug) === wanted)
  );
}

/**
 * The contact's value for a field (null when unset), matched by display name or slug;
 * undefined when the answer does not list the field at all.
 */
export function customFieldValue(
  contact: Contact,
  def: CustomFieldDef,
): CustomFieldValue | undefined {
  const names = new Set([fold(def.name)]);
  if (def.slug !== null && def.slug !== undefined) names.add(fold(def.slug));
  const entry = (contact.custom_fields ?? []).find((field) => names.has(fold(field.name)));
  if (entry === undefined) return undefined;
  return entry.value ?? null;
}

function fold(text: string): string {
  return text.trim().toLowerCase();
}
