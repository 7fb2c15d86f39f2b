/**
 * A run's start, life and writes as core/run decides them for both drivers: what a sidebar
 * shows of a stored run (runner, watcher, abandoned), why a new run may not start, what an
 * outcome writes into its row, and the call estimate every screen shows.
 */
import { newJobState, type JobState } from '../../../src/core/job';
import type { RowOutcome } from '../../../src/core/outcome';
import {
  cancelled,
  decodeRows,
  encodeRows,
  IDLE_MS,
  progressView,
  RUN_TEXT,
  RunRecord,
  startBlocked,
  STALE_MS,
} from '../../../src/core/run/lifecycle';
import { estimateRest } from '../../../src/core/plan';
import { estimateRun, newRunId } from '../../../src/core/run/start';
import { ownedCells } from '../../../src/core/run/writes';
import { parseSettings, type Settings } from '../../../src/core/settings';
import { config, T0 } from './scripted';

function state(overrides: Partial<JobState> = {}): JobState {
  return {
    ...newJobState({
      jobId: 'r1',
      config: config({}),
      sheetName: 'Leads',
      startedBy: 'ana@example.com',
      now: T0,
      rowsTotal: 10,
    }),
    ...overrides,
  };
}

function record(overrides: Partial<RunRecord> = {}): RunRecord {
  return {
    sheetId: 1,
    mode: 'pending',
    selected: '',
    historyRow: null,
    runner: null,
    heartbeat: T0,
    etaSeconds: null,
    state: state({ counts: { imported: 3, updated: 1, skipped: 0, errors: 1 } }),
    ...overrides,
  };
}

describe('what a sidebar shows of a run', () => {
  test('the sidebar driving it is told to go on; rows done are the sum of the counts', () => {
    const view = progressView(record({ runner: 'ana' }), T0 + 1_000);
    expect(view).toMatchObject({ status: 'processing', rowsDone: 5, rowsTotal: 10, more: true });
  });

  test('a watcher waits while a slice runs, and drives the run between slices', () => {
    expect(progressView(record({ runner: 'ana' }), T0 + 1_000, 'watcher').more).toBe(false);
    expect(progressView(record(), T0 + 1_000, 'watcher').more).toBe(true);
  });

  test('a run nobody drove for a minute shows as paused to a watcher, with why', () => {
    const view = progressView(record(), T0 + IDLE_MS, 'watcher');
    expect(view).toMatchObject({ status: 'paused', message: RUN_TEXT.abandoned, more: false });
    // A slice gone silent for longer than a slice can last is gone too.
    const gone = progressView(record({ runner: 'ana' }), T0 + STALE_MS, 'watcher');
    expect(gone.status).toBe('paused');
  });

  test('a cancelled run is over, with the one cancel text, and nobody runs it', () => {
    const over = cancelled(record({ runner: 'ana' }), T0 + 5);
    expect(over.runner).toBeNull();
    expect(progressView(over, T0 + 10)).toMatchObject({
      status: 'cancelled',
      message: RUN_TEXT.cancelled,
      more: false,
    });
  });
});

describe('starting beside another run', () => {
  const since = () => 'Dec 2, 16:05';
  test('a live run is named, with who started it and since when', () => {
    const text = startBlocked(record({ runner: 'ana' }), T0 + 1_000, since);
    expect(text).toBe(
      'ana@example.com is importing "Leads" since Dec 2, 16:05. Wait for it to finish, or follow its progress here.',
    );
  });

  test('a paused or abandoned run must be resumed or cancelled first; a finished one is no bar', () => {
    const paused = record({ state: state({ status: 'paused' }) });
    expect(startBlocked(paused, T0 + 1_000, since)).toBe(RUN_TEXT.pausedRun(paused.state));
    expect(startBlocked(record(), T0 + IDLE_MS, since)).toBe(RUN_TEXT.pausedRun(paused.state));
    expect(startBlocked(record({ state: state({ status: 'completed' }) }), T0, since)).toBeNull();
    expect(startBlocked(null, T0, since)).toBeNull();
  });
});

describe('the stored record', () => {
  test('a whole record reads back; a damaged one is refused, not half-used', () => {
    const stored = JSON.parse(JSON.stringify(record())) as unknown;
    expect(RunRecord.safeParse(stored).success).toBe(true);
    const damaged = { ...record(), state: { jobId: 'r1', status: 'processing' } };
    expect(RunRecord.safeParse(damaged).success).toBe(false);
  });

  test('a selection of any size is kept as compact ranges', () => {
    const rows = new Set([2, 3, 4, 5, 9, 11, 12]);
    expect(encodeRows(rows)).toBe('2-5,9,11-12');
    expect(decodeRows(encodeRows(rows))).toEqual(rows);
  });

  test('two runs started in the same millisecond get different IDs', () => {
    expect(newRunId(T0, () => 0.1)).not.toBe(newRunId(T0, () => 0.7));
  });
});

describe('what an outcome writes into its row', () => {
  const outcome = (o: Partial<RowOutcome>): RowOutcome => ({
    row: 4,
    key: 'phone:+60123450001',
    fingerprint: 'fp4',
    status: 'Imported',
    reason: null,
    code: null,
    contactId: 55,
    ...o,
  });
  const phone = { index: 2, label: 'Mobile' };

  test('several matches are about the identifier: its column is named and marked', () => {
    const cells = ownedCells(
      outcome({
        status: 'Error',
        reason: 'matches 2 contacts in the workspace (IDs 7, 8)',
        code: 'several-matches',
        contactId: null,
      }),
      'r1',
      phone,
      [5],
    );
    expect(cells.error).toBe('Mobile: matches 2 contacts in the workspace (IDs 7, 8)');
    expect(cells.errorColumns).toEqual([2]);
  });

  test("another error marks the row's own cells and keeps the Contact ID an earlier run found", () => {
    const cells = ownedCells(
      outcome({
        status: 'Error',
        reason: 'tags not applied',
        code: 'tags-failed',
        contactId: null,
      }),
      'r1',
      phone,
      [5],
    );
    expect(cells).toMatchObject({ error: 'tags not applied', errorColumns: [5], contactId: null });
  });

  test('an import writes its ID and its fingerprint with the run ID', () => {
    expect(ownedCells(outcome({}), 'r1', phone, [])).toEqual({
      status: 'Imported',
      error: '',
      contactId: 55,
      fingerprint: 'fp4@r1',
      errorColumns: [],
    });
    expect(
      ownedCells(outcome({ status: 'Skipped', contactId: null }), 'r1', phone, []).contactId,
    ).toBe('');
  });
});

describe('the call estimate', () => {
  const settings = (input: Record<string, unknown>): Settings => {
    const parsed = parseSettings({
      purpose: 'add',
      identifier: 'phone',
      mapping: [{ header: 'Phone', field: 'phone' }],
      ...input,
    });
    if (!parsed.ok) throw new Error(parsed.messages.join(' '));
    return parsed.value;
  };

  test('a mapped Tags column costs a tag call a row, like the run tags', () => {
    const tagsColumn = settings({
      addImportTag: false,
      mapping: [
        { header: 'Phone', field: 'phone' },
        { header: 'Labels', field: 'tags' },
      ],
    });
    expect(estimateRun(100, tagsColumn, 5).tags).toBe(100);
    expect(estimateRun(100, settings({ addImportTag: false, tags: ['vip'] }), 5).tags).toBe(100);
    // Untagged creates cost a read each for the ID the create does not answer with.
    expect(estimateRun(100, settings({ addImportTag: false }), 5)).toMatchObject({
      tags: 0,
      idReads: 100,
    });
  });

  test('a run under way is estimated the same way, for the rows left', () => {
    const under = state({
      config: config({ runTags: ['vip'], tagsColumn: true }),
      counts: { imported: 40, updated: 0, skipped: 0, errors: 0 },
      rowsTotal: 100,
    });
    expect(estimateRest(under, 5)).toMatchObject({ writes: 60, tags: 60 });
  });
});
