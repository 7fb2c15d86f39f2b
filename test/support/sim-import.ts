/**
 * Imports on a simulated clock, in one process: the drivers' run loop (core/run) against the
 * emulator's request handling without sockets (`EmulatorHandle.exchange`), so retry
 * back-offs, Retry-After waits and pacing cost no real time and a run of thousands of rows
 * under heavy faults takes seconds. Everything is seeded: a failure replays exactly.
 *
 * The network is a queue of timed events. A request sent at t lands in the workspace at
 * t + d1 (its write, if any, happens then) and its answer arrives at t + d1 + d2, with d1, d2
 * drawn per request, so requests sent together land and answer out of order, as parallel
 * connections do. A slice can be killed at any event: from then on its answers are never
 * read and it sends nothing, but its requests already on the wire still land, possibly in
 * the middle of the next slice. The next slice starts from what the killed one last saved
 * (sheet and checkpoint together), exactly as local/importer.ts does: review the sheet, then
 * `resumeRun` (core/run/start.ts) in 'pending' mode and the loop.
 */
import { seededRandom } from '../../emulator/prng';
import type { EmulatorHandle } from '../../emulator/server';
import type { CustomFieldDef, HttpRequest, HttpResult } from '../../src/api';
import type { ImportJob, JobState } from '../../src/core/job';
import { runLoop, type Effect, type Reply } from '../../src/core/run/loop';
import { resumeRun, startRun } from '../../src/core/run/start';
import type { Settings } from '../../src/core/settings';
import { buildCatalogue } from '../../src/core/fields';
import { prepareValidation } from '../../src/core/validate';
import { ensureOwnedColumns, review, writeOutcomes, type Sheet } from '../../local/sheet';

/** The simulated epoch: a plausible wall-clock time, so stored timestamps look real. */
const EPOCH = Date.UTC(2026, 10, 23, 10, 0, 0);

/**
 * Answers arriving this close together are read before the job is asked for more sends:
 * asking after every single answer made the job's scan of its pending requests the cost
 * of the whole test, and a real driver is no faster than this.
 */
const WINDOW_MS = 50;

interface Event {
  at: number;
  seq: number;
  run: () => void;
}

/** The network and the clock shared by the slices of one run. */
export class World {
  now = EPOCH;
  private readonly events: Event[] = [];
  private seq = 0;
  readonly random: () => number;

  constructor(
    readonly emulator: EmulatorHandle,
    readonly token: string,
    seed: number,
    /** Longest time a request takes to land, then its answer to come back (ms). */
    readonly maxDelayMs = 300,
  ) {
    this.random = seededRandom(seed);
  }

  /** Sends a request; `onAnswer` gets its result when it arrives (a drop is status 0). */
  send(
    request: { method: string; url: string; headers: Record<string, string>; body?: string },
    onAnswer: (result: HttpResult) => void,
  ): void {
    const land = 1 + Math.floor(this.random() * this.maxDelayMs);
    const back = 1 + Math.floor(this.random() * this.maxDelayMs);
    this.at(this.now + land, () => {
      const result = this.emulator.exchange({
        ...request,
        headers: { ...request.headers, Authorization: `Bearer ${this.token}` },
      });
      this.at(this.now + back, () => onAnswer(result));
    });
  }

  get idle(): boolean {
    return this.events.length === 0;
  }

  /**
   * Runs the next event if it is due by `until` (with those due within WINDOW_MS after it,
   * as a driver reading answers as they come would find them waiting), else moves the clock
   * to `until`.
   */
  advance(until: number): void {
    const first = this.events[0];
    if (first === undefined || first.at > until) {
      if (until === Infinity) throw new Error('The import stalled: nothing to send or await.');
      this.now = Math.max(this.now, until);
      return;
    }
    const last = Math.min(until, first.at + WINDOW_MS);
    for (
      let event = this.events[0];
      event !== undefined && event.at <= last;
      event = this.events[0]
    ) {
      this.events.shift();
      this.now = Math.max(this.now, event.at);
      event.run();
    }
  }

  /** Lets every request still on the wire land and answer (to nobody, if its slice is dead). */
  settle(): void {
    while (!this.idle) this.advance(Infinity);
  }

  private at(at: number, run: () => void): void {
    const event = { at, seq: this.seq++, run };
    // Binary search keeps the queue ordered by time, then by order of scheduling.
    let lo = 0;
    let hi = this.events.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      const other = this.events[mid] as Event;
      if (other.at < at || (other.at === at && other.seq < event.seq)) lo = mid + 1;
      else hi = mid;
    }
    this.events.splice(lo, 0, event);
  }
}

export interface Saved {
  sheet: Sheet;
  state: JobState | null;
}

export interface SliceOptions {
  settings: Settings;
  customFields: readonly CustomFieldDef[];
  importTag: string | null;
  /** Kill the slice after this many answers were read (undefined: run it to the end). */
  killAfter?: number;
  /** Save the sheet and checkpoint at least this often (simulated ms); also before creates. */
  saveMs?: number;
  jobId?: string;
}

export interface SliceResult {
  /** The sheet as this slice left it (dead or not). */
  sheet: Sheet;
  /** What it last saved: the next slice starts from this. */
  saved: Saved;
  killed: boolean;
  job: ImportJob;
}

const copy = (sheet: Sheet): Sheet => sheet.map((row) => [...row]);

/**
 * One slice: the drivers' run loop (core/run/loop.ts) on the world's clock. A killed slice
 * stops where it is: requests on the wire still land, their answers reach nobody.
 */
export function runSlice(world: World, from: Saved, options: SliceOptions): SliceResult {
  const { settings } = options;
  const sheet = copy(from.sheet);
  ensureOwnedColumns(sheet, settings.headerRow);
  const checked = review(sheet, settings, options.customFields);
  if (!checked.ok) throw new Error(checked.messages.join(' '));
  const { table, report } = checked.review;
  const reviewed = { rows: table.rows, results: report.rows, owned: table.owned };
  const selection = { mode: 'pending' as const };
  const state =
    from.state ??
    startRun(reviewed, selection, {
      settings,
      baseUrl: world.emulator.baseUrl,
      importTag: options.importTag,
      sheetName: 'Sheet1',
      startedBy: 'sim',
      now: world.now,
      runId: options.jobId ?? 'rsim',
    }).state;
  const { job, invalid } = resumeRun(state, reviewed, selection, {
    customFields: options.customFields,
    random: world.random,
  });
  const validator = prepareValidation(settings, table, buildCatalogue(options.customFields));
  if (!validator.ok) throw new Error(validator.messages.join(' '));

  let saved: Saved = from;
  let answers = 0;
  let dead = false;
  // Only a slice that may be killed needs what it saved on the way (copying the sheet is not
  // free); what it ends with is saved always: a paused job resumes from it.
  const mortal = options.killAfter !== undefined;
  const save = () => {
    if (mortal) saved = { sheet: copy(sheet), state: job.checkpoint() };
  };
  const send = (requests: readonly HttpRequest[]): Reply => {
    const results: HttpResult[] = [];
    let got = 0;
    requests.forEach((request, i) =>
      world.send(request, (result) => {
        if (dead) return;
        results[i] = result;
        got++;
        if (++answers === options.killAfter) dead = true;
      }),
    );
    while (got < requests.length && !dead) world.advance(Infinity);
    return { kind: 'answers', results };
  };
  const perform = (effect: Effect): Reply => {
    switch (effect.kind) {
      case 'send':
        return send(effect.requests);
      case 'wait':
        world.advance(world.now + effect.ms);
        return undefined;
      case 'write':
        writeOutcomes(sheet, settings.headerRow, effect.outcomes, state.jobId, validator.value);
        return undefined;
      case 'save':
      case 'journal':
        save();
        return undefined;
      case 'cancel-requested':
        return false;
      case 'publish':
        return undefined;
    }
  };
  const loop = runLoop(job, invalid, {
    now: () => world.now,
    deadline: null,
    maxWave: 150,
    saveEveryMs: options.saveMs ?? 150,
    cancelCheckMs: null,
    publishEveryMs: Infinity,
    saveFirst: true,
  });
  for (let step = loop.next(); !step.done && !dead;) {
    const reply = perform(step.value);
    if (!dead) step = loop.next(reply);
  }
  if (!dead) saved = { sheet: copy(sheet), state: job.checkpoint() };
  return { sheet, saved, killed: dead, job };
}

/**
 * A whole run: slices until one ends without being killed. `kills` answer counts at which
 * the successive slices die (each drawn by the caller); a paused job is resumed, as a user
 * would, up to `resumes` times.
 */
export function runKilled(
  world: World,
  sheet: Sheet,
  options: Omit<SliceOptions, 'killAfter'>,
  kills: readonly number[] = [],
  resumes = 3,
): { sheet: Sheet; state: JobState; slices: number; killsLanded: number } {
  let saved: Saved = { sheet, state: null };
  let killsLanded = 0;
  for (let slice = 0; ; slice++) {
    const result = runSlice(world, saved, { ...options, killAfter: kills[slice] });
    saved = result.saved;
    if (result.killed) {
      killsLanded++;
      continue;
    }
    const state = result.job.checkpoint();
    if (state.status === 'paused' && resumes-- > 0) continue;
    world.settle();
    return { sheet: result.sheet, state, slices: slice + 1, killsLanded };
  }
}
