/**
 * The run loop (src/core/run/loop.ts) that both drivers and the review's preview run: a
 * scripted driver performs its effects on a number clock, answering each request from a
 * tiny workspace written out here. What it checks is what a person would see: every row
 * gets its outcome, outcomes are saved before the time runs out, a refused wave pauses or
 * fails the run with the one text for it, a cancel ends it.
 */
import type { ApiRequest, HttpResult } from '../../../src/api';
import { ImportJob, type WorkRow } from '../../../src/core/job';
import type { RowOutcome } from '../../../src/core/outcome';
import { RUN_TEXT } from '../../../src/core/run/lifecycle';
import {
  runLoop,
  type Effect,
  type LoopOptions,
  type Reply,
  type SendReply,
  type Stepper,
} from '../../../src/core/run/loop';
import { PreviewRun } from '../../../src/core/run/preview';
import {
  BASE,
  added,
  answer,
  config,
  contact,
  firstState,
  page,
  phoneRow,
  savedAs,
  T0,
} from './scripted';

/** A workspace that has no contacts and creates every one it is sent. */
function emptyWorkspace(): (request: ApiRequest) => HttpResult {
  let nextId = 100;
  return (request) => {
    if (request.endpoint === 'POST /contact/list') return page();
    if (request.endpoint === 'POST /contact/{id}') return added();
    if (request.endpoint === 'POST /contact/{id}/tag') return savedAs(nextId++);
    return answer(404, { code: 404, message: 'Contact not found.' });
  };
}

interface Driven {
  effects: Effect['kind'][];
  written: RowOutcome[];
  saves: number[];
  now: number;
}

/**
 * Drives `loop` to its end: sends are answered by `workspace` (or refused by `refuse`,
 * once per call it returns a reply for), waits move the clock, each send costs `waveMs`.
 */
function drive(
  job: Stepper,
  options: Partial<LoopOptions> & { initial?: RowOutcome[] },
  workspace: (request: ApiRequest) => HttpResult,
  script: {
    refuse?: (wave: number) => SendReply | null;
    cancelAt?: number;
    waveMs?: number;
    saveMs?: number;
  } = {},
): Driven {
  const out: Driven = { effects: [], written: [], saves: [], now: T0 };
  let waves = 0;
  const loop = runLoop(job, options.initial ?? [], {
    now: () => out.now,
    deadline: null,
    maxWave: 150,
    saveEveryMs: 30_000,
    cancelCheckMs: null,
    publishEveryMs: Infinity,
    saveFirst: false,
    ...options,
  });
  const perform = (effect: Effect): Reply => {
    out.effects.push(effect.kind);
    switch (effect.kind) {
      case 'send': {
        const refused = script.refuse?.(waves++) ?? null;
        if (refused) return refused;
        out.now += script.waveMs ?? 200;
        return { kind: 'answers', results: effect.requests.map(workspace) };
      }
      case 'wait':
        out.now += effect.ms;
        return undefined;
      case 'write':
        out.written.push(...effect.outcomes);
        return undefined;
      case 'save':
        out.now += script.saveMs ?? 0;
        out.saves.push(out.now);
        return undefined;
      case 'cancel-requested':
        return script.cancelAt !== undefined && out.now >= script.cancelAt;
      default:
        return undefined;
    }
  };
  for (let step = loop.next(); !step.done; step = loop.next(perform(step.value)));
  return out;
}

const rows = (n: number): WorkRow[] =>
  Array.from({ length: n }, (_, i) => phoneRow(i + 2, `+6012345${String(i).padStart(4, '0')}`));

function jobOf(work: WorkRow[], purpose: 'add-update' | 'add' = 'add-update'): ImportJob {
  return ImportJob.resume(firstState(config({ purpose }), work.length), work);
}

describe('the run loop', () => {
  test('every row ends with an outcome, written and saved once the run is complete', () => {
    const job = jobOf(rows(120));
    const run = drive(job, {}, emptyWorkspace());
    expect(job.status).toBe('completed');
    expect(run.written.map((o) => o.row).sort((a, b) => a - b)).toEqual(
      rows(120).map((r) => r.row),
    );
    expect(new Set(run.written.map((o) => o.status))).toEqual(new Set(['Imported']));
    // Creates are journalled before they go; the last effects write the outcomes, then save.
    expect(run.effects.indexOf('journal')).toBeLessThan(run.effects.lastIndexOf('send'));
    expect(run.effects.slice(-2)).toEqual(['write', 'save']);
  });

  test('rows invalid before sending are written first when the driver saves at once', () => {
    const invalid: RowOutcome = {
      row: 9,
      key: null,
      fingerprint: 'fp9',
      status: 'Error',
      reason: 'Phone: not a phone number',
      code: 'invalid',
      contactId: null,
    };
    const run = drive(jobOf(rows(2)), { initial: [invalid], saveFirst: true }, emptyWorkspace());
    expect(run.effects.slice(0, 2)).toEqual(['write', 'save']);
    expect(run.written[0]).toEqual(invalid);
  });

  test('a daily quota refusal pauses the run with its text; unsent rows get no outcome', () => {
    const job = jobOf(rows(120));
    const run = drive(job, {}, emptyWorkspace(), {
      refuse: (wave) => (wave === 2 ? { kind: 'pause', message: RUN_TEXT.quota } : null),
    });
    expect(job.status).toBe('paused');
    expect(job.checkpoint().message).toBe(RUN_TEXT.quota);
    expect(run.written.length).toBeLessThan(120);
    expect(run.effects.at(-1)).toBe('save');
  });

  test('a refusal for good fails the run with the refusal as its message', () => {
    const job = jobOf(rows(3));
    drive(job, {}, emptyWorkspace(), {
      refuse: () => ({ kind: 'fail', message: 'Google blocked the request.' }),
    });
    expect(job.status).toBe('failed');
    expect(job.checkpoint().message).toContain('Google blocked the request.');
  });

  test('a wave refused for now goes again after the pause it was given', () => {
    const job = jobOf(rows(3));
    const run = drive(job, {}, emptyWorkspace(), {
      refuse: (wave) => (wave === 0 ? { kind: 'later', ms: 5_000 } : null),
    });
    expect(job.status).toBe('completed');
    expect(run.written).toHaveLength(3);
    expect(run.now - T0).toBeGreaterThanOrEqual(5_000);
  });

  test('near its deadline the loop stops starting rows; the next slice finishes the rest', () => {
    const work = rows(600);
    const job = jobOf(work);
    const first = drive(job, { deadline: T0 + 8_000, saveEveryMs: 2_000 }, emptyWorkspace(), {
      saveMs: 400,
    });
    expect(job.status).toBe('processing');
    expect(first.written.length).toBeGreaterThan(0);
    expect(first.written.length).toBeLessThan(600);
    // The rows it started all ended: the next slice gets exactly the others.
    const done = new Set(first.written.map((o) => o.row));
    const rest = work.filter((r) => !done.has(r.row));
    const next = ImportJob.resume(job.checkpoint(), rest);
    const second = drive(next, {}, emptyWorkspace());
    expect(next.status).toBe('completed');
    expect(first.written.length + second.written.length).toBe(600);
  });

  test('a cancel seen between waves ends the run as cancelled, with the one text', () => {
    const job = jobOf(rows(600));
    drive(job, { cancelCheckMs: 1_000 }, emptyWorkspace(), { cancelAt: T0 + 3_000 });
    expect(job.status).toBe('cancelled');
    expect(job.checkpoint().message).toBe(RUN_TEXT.cancelled);
    expect(job.rowsDone).toBeLessThan(600);
  });
});

describe("the review's preview runs the same loop", () => {
  const existing = contact(7, { phone: '+60123450001' });
  const workspace = (request: ApiRequest): HttpResult =>
    request.endpoint === 'POST /contact/list' ? page(existing) : added();

  test('it counts what an add-update import would do', () => {
    const preview = new PreviewRun(BASE, 'add-update', rows(3));
    drive(preview, { maxWave: 5 }, workspace);
    expect(preview.result()).toEqual({ willAdd: 2, willUpdate: 1, willSkip: 0, failures: [] });
  });

  test('it gives up, rather than guess, when the time runs out or Google refuses', () => {
    const late = new PreviewRun(BASE, 'add', rows(200));
    drive(late, { maxWave: 1, deadline: T0 + 1_000 }, workspace, { waveMs: 500 });
    expect(late.result()).toBeNull();

    const refused = new PreviewRun(BASE, 'add', rows(3));
    drive(refused, { maxWave: 5 }, workspace, {
      refuse: () => ({ kind: 'pause', message: RUN_TEXT.quota }),
    });
    expect(refused.result()).toBeNull();
  });
});
