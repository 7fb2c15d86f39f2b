/**
 * The review's preview of an import (core/run/preview.ts), run through the same loop as
 * an import slice: only for a review-sized number of rows and within a time cap, beyond
 * which the review gives the estimate alone.
 */
import { parseBaseUrl } from '../api';
import type { WorkRow } from '../core/job';
import { runLoop } from '../core/run/loop';
import { PreviewRun, type Preview } from '../core/run/preview';
import type { Purpose } from '../core/settings';
import { drive_ } from './drive';
import * as storage from './storage';

export type { WorkspaceFailure } from '../core/run/preview';

/** Rows a review looks up at most (40 list calls). */
export const PREVIEW_MAX_ROWS = 2_000;
const PREVIEW_MAX_MS = 20_000;
/** Look-ups in one fetchAll. */
const PREVIEW_WAVE = 5;

export function preview_(purpose: Purpose, rows: readonly WorkRow[]): Preview | null {
  const token = storage.readToken();
  const base = parseBaseUrl(storage.readBaseUrl());
  const run = new PreviewRun(base.ok ? base.baseUrl : '', purpose, rows);
  if (purpose === 'add-all') return run.result();
  if (token === null || !base.ok || rows.length > PREVIEW_MAX_ROWS) return null;
  const loop = runLoop(run, [], {
    now: () => Date.now(),
    deadline: Date.now() + PREVIEW_MAX_MS,
    maxWave: PREVIEW_WAVE,
    saveEveryMs: Infinity,
    cancelCheckMs: null,
    publishEveryMs: Infinity,
    saveFirst: false,
  });
  drive_(loop, token, {});
  return run.result();
}
