/**
 * What to do with one valid row once the workspace has been asked about its identifier:
 * the purpose table of PRODUCT.md, the fields an update changes (Do Not Overwrite or not),
 * the tags to add or remove, and how many API calls a run will need.
 */
import {
  customFieldValue,
  findCustomField,
  normaliseEmail,
  normalisePhone,
  STANDARD_CONTACT_FIELDS,
  type Contact,
  type ContactFields,
  type CustomFieldDef,
  type CustomFieldValue,
  type LookupResult,
} from '../api';
import { REASON, type Reason } from './reasons';
import { PURPOSE_RULES, type Purpose } from './rules';
import type { JobState } from './job';
import { rowsDone } from './outcome';

export type Decision =
  | { action: 'create' }
  /** `reportAs` Imported when this run created the contact and is finishing the row. */
  | { action: 'update'; contact: Contact; reportAs: 'Imported' | 'Updated' }
  | { action: 'skip'; reason: Reason; contactId: number | null }
  | { action: 'error'; reason: Reason };

/**
 * The purpose table, for a row whose identifier was looked up. `ours` is a fact, never a
 * guess from clocks: this run sent a create for the row whose answer it never read (the
 * job's journal), so a contact found for it is the run's own. Any other contact that
 * exists — created a second before the run or while it runs — is someone else's: Updated,
 * or Skipped under add-only, which never writes to an existing contact.
 */
export function decide(purpose: Purpose, lookup: LookupResult, ours: boolean): Decision {
  // What each purpose does by match count is PURPOSE_RULES' table; this adds the details.
  const onMatch = PURPOSE_RULES[purpose].onMatch;
  if (onMatch === null) return { action: 'create' };
  switch (lookup.kind) {
    case 'error':
      return { action: 'error', reason: REASON.lookupFailed(lookup.message) };
    case 'many':
      // onMatch.several is always 'error': several matches are never guessed between.
      return { action: onMatch.several, reason: REASON.severalMatches(lookup.ids) };
    case 'none':
      return onMatch.none === 'skip'
        ? { action: 'skip', reason: REASON.notInWorkspace(), contactId: null }
        : { action: 'create' };
    case 'one': {
      const contact = lookup.contact;
      // A contact this run created is its own to finish, whatever the purpose.
      if (onMatch.one === 'skip' && !ours) return skipExisting(contact.id);
      return { action: 'update', contact, reportAs: ours ? 'Imported' : 'Updated' };
    }
  }
}

/** add-only, when the contact exists: nothing is written to it. */
export function skipExisting(contactId: number): Decision & { action: 'skip' } {
  return { action: 'skip', reason: REASON.exists(contactId), contactId };
}

/**
 * Whether a contact is exactly what a create from `sent` makes: every value sent is there,
 * and it holds nothing else (no other field, no custom value, no tag). A contact that
 * create_or_update merged into carries its earlier life — or, on a platform that does not
 * overwrite through create_or_update, lacks some of our values. Judged from the contact's
 * content, not from any timestamp.
 */
export function isFreshFrom(
  contact: Contact,
  sent: ContactFields,
  customFields: readonly CustomFieldDef[],
): boolean {
  if (updateFields(sent, contact, false, customFields) !== null) return false;
  for (const key of STANDARD_CONTACT_FIELDS) {
    if (sent[key] !== undefined) continue;
    if (!isEmpty(contact[key] ?? null)) return false;
  }
  const sentCustom = (sent.custom_fields ?? []).map((entry) => {
    const def = findCustomField(customFields, entry.name);
    return (def?.name ?? entry.name).trim().toLowerCase();
  });
  const sentSlugs = (sent.custom_fields ?? []).map((entry) => {
    const def = findCustomField(customFields, entry.name);
    return (def?.slug ?? entry.name).trim().toLowerCase();
  });
  for (const entry of contact.custom_fields ?? []) {
    const name = entry.name.trim().toLowerCase();
    if (sentCustom.includes(name) || sentSlugs.includes(name)) continue;
    if (!isEmpty(entry.value ?? null)) return false;
  }
  return (contact.tags ?? []).length === 0;
}

/**
 * The fields an update must send to make the contact match the row, or null when it
 * already does (then no call is made).
 *
 * Overwrite (Do Not Overwrite off): every mapped value that differs is sent, and an empty
 * cell (null) clears the field. Do Not Overwrite: only fields empty in the workspace are
 * filled, and empty cells change nothing.
 */
export function updateFields(
  sheet: ContactFields,
  contact: Contact,
  doNotOverwrite: boolean,
  customFields: readonly CustomFieldDef[],
): ContactFields | null {
  const out: ContactFields = {};
  let changed = false;
  for (const key of STANDARD_CONTACT_FIELDS) {
    const wanted = sheet[key];
    if (wanted === undefined) continue;
    const current = contact[key] ?? null;
    if (!shouldSend(wanted, current, doNotOverwrite, key)) continue;
    out[key] = wanted;
    changed = true;
  }
  const custom: { name: string; value: CustomFieldValue }[] = [];
  for (const entry of sheet.custom_fields ?? []) {
    const def = findCustomField(customFields, entry.name);
    const current = def ? (customFieldValue(contact, def) ?? null) : null;
    if (!shouldSend(entry.value, current, doNotOverwrite, 'custom')) continue;
    custom.push(entry);
  }
  if (custom.length > 0) {
    out.custom_fields = custom;
    changed = true;
  }
  return changed ? out : null;
}

function shouldSend(
  wanted: CustomFieldValue,
  current: CustomFieldValue,
  doNotOverwrite: boolean,
  key: string,
): boolean {
  if (doNotOverwrite) return wanted !== null && isEmpty(current);
  return !sameValue(wanted, current, key);
}

function isEmpty(value: CustomFieldValue): boolean {
  return value === null || (typeof value === 'string' && value.trim() === '');
}

/** Values as the platform would compare them: emails ignore case, phones compare as E.164. */
function sameValue(a: CustomFieldValue, b: CustomFieldValue, key: string): boolean {
  if (isEmpty(a) || isEmpty(b)) return isEmpty(a) && isEmpty(b);
  if (key === 'email') return normaliseEmail(String(a)) === normaliseEmail(String(b));
  if (key === 'phone') return normalisePhone(String(a)) === normalisePhone(String(b));
  return String(a) === String(b);
}

export interface TagChanges {
  add: string[];
  remove: string[];
}

/**
 * Tags to add and remove. A new contact gets every wanted tag. An existing one gets the
 * wanted tags it lacks; when the sheet has a Tags column and Do Not Overwrite is off, the
 * sheet's tags replace the contact's, so its other tags are removed. Run tags and the
 * import tag alone never remove anything: without a Tags column there is no list to
 * replace the contact's with.
 */
export function tagChanges(
  wanted: readonly string[],
  existing: readonly string[] | null,
  options: { replace: boolean },
): TagChanges {
  const have = new Set(existing ?? []);
  const want = new Set(wanted);
  return {
    add: [...want].filter((tag) => !have.has(tag)),
    remove: options.replace ? [...have].filter((tag) => !want.has(tag)) : [],
  };
}

/** The tags a row should carry: its own (Tags column) and the run's, without repeats. */
export function wantedTags(
  rowTags: readonly string[] | null | undefined,
  runTags: readonly string[],
): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const tag of [...(rowTags ?? []), ...runTags]) {
    const trimmed = tag.trim();
    if (trimmed === '' || seen.has(trimmed)) continue;
    seen.add(trimmed);
    out.push(trimmed);
  }
  return out;
}

export interface CallEstimate {
  /** API calls for the whole run. */
  calls: number;
  /** Calls per endpoint group; they run side by side, each at its own limit. */
  lookups: number;
  writes: number;
  /** Reads that learn a created contact's id (untagged rows: the create answers without it). */
  idReads: number;
  tags: number;
  /** Seconds at `ratePerSecond` per endpoint: the busiest endpoint sets the pace. */
  seconds: number;
}

/**
 * Roughly how many calls a run of `rows` needs, counting every row as one it creates (the
 * most a run can cost): one look-up per `perCall` rows (none for add-all), one write per
 * row, a tag call per row per ten tags, and, when there are no tags, a read for the id the
 * create did not answer with (a tag call's answer carries it).
 */
export function estimateCalls(
  rows: number,
  purpose: Purpose,
  tagCount: number,
  ratePerSecond: number,
  perCall = 50,
): CallEstimate {
  const lookups = purpose === 'add-all' ? 0 : Math.ceil(rows / perCall);
  const writes = rows;
  const creates = purpose === 'update' ? 0 : rows;
  const idReads = tagCount > 0 ? 0 : creates;
  const tags = tagCount > 0 ? rows * Math.ceil(tagCount / 10) : 0;
  const busiest = Math.max(lookups, writes, idReads, tags);
  return {
    calls: lookups + writes + idReads + tags,
    lookups,
    writes,
    idReads,
    tags,
    seconds: Math.ceil(busiest / Math.max(ratePerSecond, 0.1)),
  };
}

/** The same estimate for the rest of a run that is under way, at its learned pace. */
export function estimateRest(
  state: Pick<JobState, 'rowsTotal' | 'counts' | 'config' | 'lookup'>,
  ratePerSecond: number,
): CallEstimate {
  const left = Math.max(0, state.rowsTotal - rowsDone(state.counts));
  const tags = state.config.runTags.length + (state.config.tagsColumn ? 1 : 0);
  return estimateCalls(left, state.config.purpose, tags, ratePerSecond, state.lookup.perCall);
}
