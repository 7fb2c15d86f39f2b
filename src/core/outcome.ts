/**
 * Row outcomes and re-runs. The add-on's own columns are the durable record of an import:
 * Import Status, Contact ID, the Error text and a hidden Import Fingerprint cell
 * `<fingerprint>@<run id>` (what was sent, and by which run). Re-runs, resumed slices and
 * teammates all read the same truth from the sheet, so the job's own state stays small.
 */
import type { ReasonCode } from './reasons';

export const STATUSES = ['Imported', 'Updated', 'Skipped', 'Error'] as const;
export type RowStatus = (typeof STATUSES)[number];

/** What happened to one row; addressed to the row that was sent (its `key`, else its `fingerprint`). */
export interface RowOutcome {
  /** 1-based sheet row when the row was read. */
  row: number;
  /** The identifier key the row was sent with (`phone:+60…`), or null for add-all rows without one. */
  key: string | null;
  /** Fingerprint of the values sent; with `key`, how a driver finds the row again if it moved. */
  fingerprint: string;
  status: RowStatus;
  /** Why it was skipped or failed, for the Error column; null when Imported or Updated. */
  reason: string | null;
  /** The reason's code, for drivers to branch on (never the text); null with no reason. */
  code: ReasonCode | null;
  contactId: number | null;
}

/** The hidden fingerprint cell. */
export function markerText(fingerprint: string, runId: string): string {
  return `${fingerprint}@${runId}`;
}

export interface Marker {
  fingerprint: string;
  runId: string;
}

export function parseMarker(text: unknown): Marker | null {
  if (typeof text !== 'string') return null;
  const at = text.indexOf('@');
  if (at <= 0 || at === text.length - 1) return null;
  return { fingerprint: text.slice(0, at), runId: text.slice(at + 1) };
}

export function parseStatus(text: unknown): RowStatus | null {
  if (typeof text !== 'string') return null;
  const trimmed = text.trim().toLowerCase();
  return STATUSES.find((status) => status.toLowerCase() === trimmed) ?? null;
}

/** Which rows a run sends: new, changed or failed (default); failed only; or a selection. */
export type RunMode = 'pending' | 'errors' | 'selected';

export type Selection =
  | { send: true }
  | { send: false; why: 'done-this-run' | 'unchanged' | 'not-an-error' | 'not-selected' };

/**
 * Should `runId` send this row? A row this run already handled (its marker names the run)
 * is never sent again, so a resumed run cannot loop. Otherwise a row that was imported,
 * updated or skipped with the same values is left alone; new, changed and failed rows go.
 */
export function selectRow(
  mode: RunMode,
  prior: { status: unknown; marker: unknown },
  fingerprint: string,
  runId: string,
  selected: boolean,
): Selection {
  const marker = parseMarker(prior.marker);
  if (marker?.runId === runId) return { send: false, why: 'done-this-run' };
  const status = parseStatus(prior.status);
  if (mode === 'selected') return selected ? { send: true } : { send: false, why: 'not-selected' };
  if (mode === 'errors')
    return status === 'Error' ? { send: true } : { send: false, why: 'not-an-error' };
  const settled = status === 'Imported' || status === 'Updated' || status === 'Skipped';
  if (settled && marker?.fingerprint === fingerprint) return { send: false, why: 'unchanged' };
  return { send: true };
}

export interface Counts {
  imported: number;
  updated: number;
  skipped: number;
  errors: number;
}

export function emptyCounts(): Counts {
  return { imported: 0, updated: 0, skipped: 0, errors: 0 };
}

/** Rows with an outcome: the sum of the four counts. */
export function rowsDone(counts: Counts): number {
  return counts.imported + counts.updated + counts.skipped + counts.errors;
}

export function countOutcome(counts: Counts, status: RowStatus): void {
  if (status === 'Imported') counts.imported++;
  else if (status === 'Updated') counts.updated++;
  else if (status === 'Skipped') counts.skipped++;
  else counts.errors++;
}

/**
 * Text the add-on writes into a cell, made safe from being run as a formula: Sheets reads a
 * leading `=`, `+`, `-` or `@` as a formula, and a leading apostrophe as "this is text"
 * (the apostrophe itself is not shown).
 */
export function plainText(text: string): string {
  return /^[=+\-@]/.test(text) ? `'${text}` : text;
}
