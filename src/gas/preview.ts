/**
 * What an import would do, before it runs: the review looks the rows' identifiers up in
 * batches (one list call per 50 rows) and applies the purpose table, so the sidebar can say
 * how many rows will be added, updated or skipped. Only for a review-sized number of rows
 * and within a time cap: beyond that the review gives the estimate alone.
 */
import { Lookup, Pacer, parseBaseUrl, toApiIdentifier } from '../api';
import type { WorkRow } from '../core/job';
import { decide } from '../core/plan';
import type { Purpose } from '../core/settings';
import { identifierValueKey } from '../core/validate';
import { fetchAll_, QuotaError } from './fetch';
import * as storage from './storage';

/** Rows a review looks up at most (40 list calls). */
export const PREVIEW_MAX_ROWS = 2_000;
const PREVIEW_MAX_MS = 20_000;

export interface Preview {
  willAdd: number;
  willUpdate: number;
  willSkip: number;
  /** Rows the workspace makes errors of (an identifier matching several contacts), and why. */
  failures: WorkspaceFailure[];
}

/** `key` is the row's identifier as the review record keeps it ("phone:+60123456789"). */
export type WorkspaceFailure = { row: number; key: string; reason: string };

export function preview_(purpose: Purpose, rows: readonly WorkRow[]): Preview | null {
  if (purpose === 'add-all')
    return { willAdd: rows.length, willUpdate: 0, willSkip: 0, failures: [] };
  const token = storage.readToken();
  const base = parseBaseUrl(storage.readBaseUrl());
  if (token === null || !base.ok || rows.length > PREVIEW_MAX_ROWS) return null;
  const identifiers = rows.flatMap((r) => (r.identifier ? [toApiIdentifier(r.identifier)] : []));
  const lookup = new Lookup(base.baseUrl, identifiers);
  const pacer = new Pacer();
  const stopAt = Date.now() + PREVIEW_MAX_MS;
  try {
    while (!lookup.done) {
      if (Date.now() > stopAt) return null;
      const wave = lookup.next(5);
      if (wave.length === 0) return null;
      const waits = wave.map((w) => pacer.schedule(w.request.endpoint, Date.now()));
      const wait = Math.max(0, ...waits);
      if (wait > 0) Utilities.sleep(wait);
      const results = fetchAll_(
        wave.map((w) => w.request),
        token,
      );
      wave.forEach((w, i) => {
        const result = results[i];
        if (!result) return;
        pacer.observe(w.request.endpoint, result, Date.now());
        lookup.accept(w.tag, result, Date.now());
      });
      if (lookup.fatal) return null;
    }
  } catch (e) {
    if (e instanceof QuotaError) return null;
    throw e;
  }
  const preview: Preview = { willAdd: 0, willUpdate: 0, willSkip: 0, failures: [] };
  for (const row of rows) {
    if (!row.identifier) continue;
    const found = lookup.resultFor(toApiIdentifier(row.identifier));
    if (!found) continue;
    const decision = decide(purpose, found, false);
    if (decision.action === 'create') preview.willAdd++;
    else if (decision.action === 'update') preview.willUpdate++;
    else if (decision.action === 'skip') preview.willSkip++;
    else
      preview.failures.push({
        row: row.row,
        key: identifierValueKey(row.identifier),
        reason: decision.reason,
      });
  }
  return preview;
}
