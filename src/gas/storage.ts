/**
 * What the add-on keeps, and where:
 * - the person's API token and base URL in UserProperties: theirs alone, never the
 *   document's, so teammates on a shared sheet never see them;
 * - settings per sheet tab, the workspace's custom fields, the running job and review
 *   bookkeeping in DocumentProperties, so the next teammate finds them ready.
 * Values are JSON, parsed with zod on the way out: a damaged value reads as absent.
 */
import { z } from 'zod';
import { splitUtf8 } from '../core/text';
import { CustomFieldDef, DEFAULT_BASE_URL } from '../api';
import { LiveFigures, RunRecord } from '../core/run/lifecycle';
import { Draft } from './settings';

const KEY = {
  token: 'contactImport.token',
  baseUrl: 'contactImport.baseUrl',
  settings: (sheetId: number) => `contactImport.settings.${sheetId}`,
  fields: 'contactImport.customFields',
  job: 'contactImport.job',
  jobDraft: 'contactImport.jobSettings',
  review: (sheetId: number) => `contactImport.review.${sheetId}`,
  edited: (sheetId: number) => `contactImport.edited.${sheetId}`,
  filter: (sheetId: number) => `contactImport.filter.${sheetId}`,
  sliceMs: 'contactImport.sliceMs',
  live: 'contactImport.live',
  cancel: 'contactImport.cancel',
} as const;

const user = () => PropertiesService.getUserProperties();
const doc = () => PropertiesService.getDocumentProperties();

type Store = GoogleAppsScript.Properties.Properties;

function readJson<T>(store: Store, key: string, schema: z.ZodType<T>): T | null {
  return parseJson(readText(store, key), schema);
}

function writeJson(store: Store, key: string, value: unknown): void {
  writeText(store, key, JSON.stringify(value));
}

// ---------------------------------------------------------------- values over 9 KB

/**
 * Google keeps at most 9 KB in one property, and a wide sheet's settings (a mapping entry
 * per column) or a big workspace's custom fields outgrow that. Such a value is split into
 * numbered pieces under `key#1`, `key#2`…, and `key` holds `@chunks:N` (no JSON begins so).
 */
const PIECE_BYTES = 8 * 1024;
const CHUNKED = /^@chunks:(\d+)$/;

function pieceCount(head: string | null): number {
  const match = head === null ? null : CHUNKED.exec(head);
  return match ? Number(match[1]) : 0;
}

function readText(store: Store, key: string): string | null {
  const head = store.getProperty(key);
  const count = pieceCount(head);
  if (count === 0) return head;
  let text = '';
  for (let i = 1; i <= count; i++) {
    const piece = store.getProperty(`${key}#${i}`);
    if (piece === null) return null; // Half-written by a writer that failed: read as absent.
    text += piece;
  }
  return text;
}

function writeText(store: Store, key: string, text: string): void {
  const before = pieceCount(store.getProperty(key));
  const pieces = splitUtf8(text, PIECE_BYTES);
  if (pieces.length <= 1) {
    store.setProperty(key, text);
  } else {
    const entries: Record<string, string> = { [key]: `@chunks:${pieces.length}` };
    pieces.forEach((piece, i) => (entries[`${key}#${i + 1}`] = piece));
    store.setProperties(entries);
  }
  for (let i = pieces.length <= 1 ? 1 : pieces.length + 1; i <= before; i++) {
    store.deleteProperty(`${key}#${i}`);
  }
}

function parseJson<T>(text: string | null, schema: z.ZodType<T>): T | null {
  if (text === null) return null;
  try {
    const parsed = schema.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

// ---------------------------------------------------------------- connection (per person)

export function readToken(): string | null {
  const token = user().getProperty(KEY.token);
  return token === null || token === '' ? null : token;
}

export function saveToken(token: string): void {
  user().setProperty(KEY.token, token);
}

export function deleteToken(): void {
  user().deleteProperty(KEY.token);
}

export function readBaseUrl(): string {
  return user().getProperty(KEY.baseUrl) ?? DEFAULT_BASE_URL;
}

export function saveBaseUrl(baseUrl: string): void {
  user().setProperty(KEY.baseUrl, baseUrl);
}

// ---------------------------------------------------------------- settings (per sheet tab)

export function readDraft(sheetId: number): Draft | null {
  return readJson(doc(), KEY.settings(sheetId), Draft);
}

export function saveDraft(sheetId: number, draft: Draft): void {
  writeJson(doc(), KEY.settings(sheetId), draft);
}

/**
 * The workspace's custom fields as last read, kept with the document: the onEdit trigger
 * re-checks rows with them without a network call (simple triggers cannot fetch).
 */
export function readCustomFields(): CustomFieldDef[] {
  return readJson(doc(), KEY.fields, z.array(CustomFieldDef)) ?? [];
}

export function saveCustomFields(fields: readonly CustomFieldDef[]): void {
  // Only what validation needs: it is read again by every review and onEdit.
  const slim = fields.map(({ name, slug, dataType, allowedValues, declaredType }) => ({
    name,
    slug,
    dataType,
    allowedValues,
    // A type no client knows, read as text: the review notes it when a column maps there.
    ...(declaredType === undefined ? {} : { declaredType }),
  }));
  writeJson(doc(), KEY.fields, slim);
}

// ---------------------------------------------------------------- the job (per spreadsheet)

/**
 * A cancel request has its own property, which only a cancel writes and only the run reads:
 * Apps Script runs the sidebar's cancel beside the slice, and a flag inside the job record
 * would be overwritten by the slice's next save of the record (it saves it every wave that
 * journals creates), so the cancel would be lost.
 */
export function requestCancel(jobId: string): void {
  doc().setProperty(KEY.cancel, jobId);
}

export function cancelRequested(jobId: string): boolean {
  return doc().getProperty(KEY.cancel) === jobId;
}

export function clearCancel(): void {
  doc().deleteProperty(KEY.cancel);
}

export function readJob(): RunRecord | null {
  return readJson(doc(), KEY.job, RunRecord);
}

export function saveJob(record: RunRecord): void {
  writeJson(doc(), KEY.job, record);
}

/** The tab's settings as they were when the job started (a teammate may change the tab's). */
export function readJobDraft(): Draft | null {
  return readJson(doc(), KEY.jobDraft, Draft);
}

export function saveJobDraft(draft: Draft): void {
  writeJson(doc(), KEY.jobDraft, draft);
}

// ---------------------------------------------------------------- review bookkeeping

const ReviewRecord = z.object({
  reviewedAt: z.number(),
  summary: z.unknown(),
  /** Identifier key → why the workspace refuses it (matches several contacts). */
  workspaceErrors: z.record(z.string(), z.string()).default({}),
  /**
   * The rows sharing an identifier inside the sheet, cluster by cluster ("3,5,9;14,203"), so
   * onEdit knows which rows an edited identifier stops duplicating; null when they did not
   * fit (then an edit to an identifier makes the review stale).
   */
  duplicates: z.string().nullable().default(null),
  /** Why the Error column may be out of date since this review (an edit too big to re-check). */
  staleNote: z.string().nullable().default(null),
});
export type ReviewRecord = z.infer<typeof ReviewRecord>;

/** Room the workspace errors may take in the record, well inside the 9 KB property limit. */
const WORKSPACE_ERRORS_MAX_CHARS = 4_000;

export function readReview(sheetId: number): ReviewRecord | null {
  return readJson(doc(), KEY.review(sheetId), ReviewRecord);
}

/** Room the duplicate clusters may take in the record. */
const DUPLICATES_MAX_CHARS = 3_000;

/** Clusters of rows as stored ("3,5,9;14,203"), or null when they take too much room. */
export function encodeClusters(clusters: readonly (readonly number[])[]): string | null {
  const text = clusters.map((rows) => rows.join(',')).join(';');
  return text.length > DUPLICATES_MAX_CHARS ? null : text;
}

export function decodeClusters(text: string): number[][] {
  if (text === '') return [];
  return text.split(';').map((part) => part.split(',').map(Number));
}

/** Saves what onEdit learnt since the review (its clusters, or why the review went stale). */
export function updateReview(sheetId: number, record: ReviewRecord): void {
  writeJson(doc(), KEY.review(sheetId), record);
}

export function saveReview(
  sheetId: number,
  reviewedAt: number,
  summary: unknown,
  workspaceErrors: Record<string, string> = {},
  duplicates: string | null = null,
): void {
  // Kept so onEdit can leave those messages standing; past the room, the next review
  // writes the rest again (they are rare: two contacts sharing one phone or email).
  const kept: Record<string, string> = {};
  let size = 0;
  for (const [key, reason] of Object.entries(workspaceErrors)) {
    size += key.length + reason.length + 6;
    if (size > WORKSPACE_ERRORS_MAX_CHARS) break;
    kept[key] = reason;
  }
  writeJson(doc(), KEY.review(sheetId), {
    reviewedAt,
    summary,
    workspaceErrors: kept,
    duplicates,
    staleNote: null,
  });
}

/** When a person last edited the tab (from onEdit): a review older than that is stale. */
export function readEditedAt(sheetId: number): number {
  return Number(doc().getProperty(KEY.edited(sheetId)) ?? 0);
}

export function markEdited(sheetId: number, at: number): void {
  doc().setProperty(KEY.edited(sheetId), String(at));
}

/**
 * What "Show only rows with errors" changed about the tab's filter, so turning it off can
 * undo exactly that: `created` — there was no filter, the add-on made one (removed again);
 * `widened` — the person's filter did not reach the Error column (or the last row), so it
 * was replaced by a wider one with the same criteria, and `range` is the person's original
 * range (1-based), put back when the error filter goes off. The person's criteria are not
 * stored: they stay on the wider filter, where the person may even change them meanwhile,
 * and are read from there when the original range is put back.
 */
const GridBox = z.object({
  row: z.number().int().min(1),
  column: z.number().int().min(1),
  numRows: z.number().int().min(1),
  numColumns: z.number().int().min(1),
});
export type GridBox = z.infer<typeof GridBox>;
const ErrorFilterRecord = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('created') }),
  z.object({ kind: z.literal('widened'), range: GridBox }),
]);
export type ErrorFilterRecord = z.infer<typeof ErrorFilterRecord>;

export function readErrorFilter(sheetId: number): ErrorFilterRecord | null {
  const text = doc().getProperty(KEY.filter(sheetId));
  // Written by versions that only knew "the add-on created the filter".
  if (text === 'own') return { kind: 'created' };
  return parseJson(text, ErrorFilterRecord);
}

export function saveErrorFilter(sheetId: number, record: ErrorFilterRecord | null): void {
  if (record) writeJson(doc(), KEY.filter(sheetId), record);
  else doc().deleteProperty(KEY.filter(sheetId));
}

// ---------------------------------------------------------------- a slice's live figures

/** Minutes a live record outlasts its slice (a slice lasts at most six). */
const LIVE_TTL_SECONDS = 600;

/**
 * The document cache, not DocumentProperties: the record changes every couple of seconds,
 * matters only while its slice runs, and is the same for every editor.
 */
export function saveLive(live: LiveFigures): void {
  CacheService.getDocumentCache()?.put(KEY.live, JSON.stringify(live), LIVE_TTL_SECONDS);
}

export function readLive(): LiveFigures | null {
  return parseJson(CacheService.getDocumentCache()?.get(KEY.live) ?? null, LiveFigures);
}

/** Slice length; a script property may shorten it (the sandbox and tests use short slices). */
export function sliceMs(): number {
  const override = Number(PropertiesService.getScriptProperties().getProperty(KEY.sliceMs));
  return Number.isFinite(override) && override > 0 ? override : 270_000;
}
