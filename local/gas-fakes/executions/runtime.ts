/**
 * Overlapping Apps Script executions over ONE shared fakes instance, interleaved at
 * service-call boundaries in an order decided by a seed.
 *
 * In Apps Script separate executions run at the same time: an onEdit, a review, a progress
 * poll or a teammate's sidebar run beside an import slice, each with its own globals, over
 * the same spreadsheet, properties, cache and locks. Here each execution runs dist/Code.js in
 * its own worker thread (worker.mjs), in a fresh vm context whose Apps Script globals are
 * proxies: every service call (method call or property read on a service object, a Range, a
 * Lock…) is posted to this thread and the worker blocks (Atomics.wait) until it is answered.
 *
 * The scheduler (`step`) waits until every live execution is blocked on a call or finished,
 * then picks, with a seeded RNG, which pending call to serve; it runs that call on the fakes
 * (as that execution: its user and its authMode/kind) and lets that one execution run on to
 * its next call. Only one execution runs at a time, so a run is a function of the seed and
 * a failure replays from its seed.
 *
 * Time: `step`/`finish`/`drain` need the fakes' clock in 'fake' mode. The contexts' `Date`
 * reads it (worker.mjs), as of the last call served. The local sandbox runs executions as
 * requests arrive, on a real clock, with `stepRealTime` (local/sandbox/concurrent-calls.ts).
 * With the fakes' cost model on (`createGasFakes({ costModel })`, cost.ts) each execution
 * gets its own meter: its deadline (6 min, 30 s for a simple trigger) counts from its own
 * start on the ONE shared clock, its calls are charged as cost.ts says, and past the
 * deadline its calls throw Google's "Exceeded maximum execution time" and it ends with that
 * error. The clock is shared and calls are served one at a time, so while executions overlap
 * the clock moves by the sum of their calls' costs: each one's elapsed time includes what the
 * others' calls cost meanwhile. That is harsher than Google, where overlapping executions
 * wait on their own calls in parallel; a deadline that passes here while several executions
 * overlap may not pass in Google (one that passes running alone would). Without the cost
 * model, `tick(call)` may charge each served call some milliseconds. Measured CPU time
 * (`cpu: 'measured'`) is refused: this process's CPU time cannot be split between workers.
 *
 * Local reads: an HTTPResponse is data the script already holds (Google answers
 * getResponseCode/getHeaders/getContentText() without another request), so the
 * worker gets those answers with the handle and serves them itself: no switch point there,
 * and such reads are not in the fakes' call log.
 *
 * Repeated getters: a getter whose answer cannot change within an execution (the service
 * stores and caches, the active spreadsheet, a sheet's id, a Range's position, Session's
 * users: STABLE_GETTERS) is served once per execution and handle, checked, counted and
 * charged as any call; the worker answers its later calls itself. In Apps Script these
 * repeats cost next to nothing (cost.ts: cached calls ~0 s), and without a switch point at
 * each a run needs a third fewer thread hand-offs. Those repeats are not in the call log.
 *
 * Locks exclude between executions: a tryLock/waitLock that cannot have the lock
 * leaves its execution waiting, not served, until the lock is free or its timeout has passed
 * on the clock; when nothing else can run, the clock jumps to the next timeout.
 *
 * Objects cross by the tagged encoding worker.mjs describes: fake objects stay here and the
 * worker gets a handle (an id and the names of its methods); data is copied.
 */
import { join } from 'node:path';
import {
  MessageChannel,
  receiveMessageOnPort,
  Worker,
  type MessagePort,
} from 'node:worker_threads';
import type { Execution, GasFakes } from '..';
import { EXCEEDED_MESSAGE, ExecutionMeter } from '../cost';
import { GasError } from '../errors';
import { RESTRICT_INTL_SOURCE } from '../intl';
import { FakeLock } from '../lock';
import { FakeHTTPResponse } from '../url-fetch';
import { FakeUtilities } from '../utilities';
import { Rng } from './rng';

const WORKER_PATH = join(__dirname, 'worker.mjs');

const IDLE = 0;
const RUNNING = 1;
const CALLING = 2;
const REPLIED = 3;

/** A worker that does not reach its next call within this much real time is reported stuck. */
const STUCK_MS = 120_000;
/** HTTPResponse reads the worker answers itself (see above); only their no-argument forms. */
const LOCAL_READS = ['getResponseCode', 'getHeaders', 'getContentText'] as const;
/**
 * Getters whose answer cannot change within one execution: the worker serves their
 * no-argument form from its first answer (see "Repeated getters" above).
 */
const STABLE_GETTERS: Readonly<Record<string, readonly string[]>> = {
  PropertiesService: ['getDocumentProperties', 'getScriptProperties', 'getUserProperties'],
  CacheService: ['getDocumentCache', 'getScriptCache', 'getUserCache'],
  SpreadsheetApp: ['getActiveSpreadsheet', 'getActive'],
  Sheet: ['getSheetId'],
  Range: [
    'getSheet',
    'getRow',
    'getColumn',
    'getLastRow',
    'getLastColumn',
    'getNumRows',
    'getNumColumns',
    'getA1Notation',
  ],
  Session: ['getActiveUser', 'getEffectiveUser'],
};
/** Google's cap on one Utilities.sleep (utilities.ts). */
const MAX_SLEEP_MS = 300_000;

type Encoded = unknown;

interface CallMessage {
  t: 'call';
  h: number;
  m: string;
  a: Encoded[];
}
interface GetMessage {
  t: 'get';
  h: number;
  p: string;
}
interface DoneMessage {
  t: 'done';
  ok?: Encoded;
  err?: { name: string; message: string; stack: string };
}
type FromWorker = CallMessage | GetMessage | DoneMessage;

/** A call the scheduler may serve, as the test hooks see it. */
export interface PendingCall {
  readonly execution: ExecutionHandle;
  /** `Range.setValues`, `Lock.tryLock`, `get SpreadsheetApp.AuthMode`… */
  readonly label: string;
}

export interface ExecutionOptions {
  /** The person running it (Session, user properties and cache, user lock). Default: the fakes' active user. */
  user?: string;
  /** authMode and kind; default a google.script.run call in FULL mode. */
  execution?: Execution;
  /** A name for logs and failure messages. */
  label?: string;
}

export interface ExecutionHandle {
  readonly id: number;
  readonly label: string;
  readonly name: string;
  readonly done: boolean;
  /** The answer, in this realm (set when done without error). */
  readonly result: unknown;
  /** The error that ended it ({ name, message, stack }), if any. */
  readonly error: { name: string; message: string; stack: string } | undefined;
  /** Service calls served for it so far. */
  readonly calls: number;
  /** Its meter (deadline, charges) when the fakes' cost model is on. */
  readonly meter: ExecutionMeter | null;
}

/** Why a pending call may not be served yet. */
type Waiting =
  /** tryLock/waitLock: until the lock is free, or its timeout has passed on the clock. */
  | { lock: FakeLock; deadline: number }
  /** Utilities.sleep: until the clock reaches `deadline` (others run meanwhile). */
  | { lock: null; deadline: number };

class ExecutionState implements ExecutionHandle {
  done = false;
  result: unknown = undefined;
  error: ExecutionHandle['error'] = undefined;
  calls = 0;
  pending: CallMessage | GetMessage | null = null;
  waiting: Waiting | null = null;
  readonly locks = new Set<object>();

  constructor(
    readonly id: number,
    readonly label: string,
    readonly name: string,
    readonly user: string,
    readonly execution: Execution,
    readonly slot: Slot,
    readonly meter: ExecutionMeter | null,
  ) {}
}

interface Slot {
  worker: Worker;
  port: MessagePort;
  state: Int32Array;
  busy: boolean;
}

export interface RuntimeOptions {
  fakes: GasFakes;
  /** Path of the bundle (dist/Code.js). */
  codePath: string;
  seed: number;
  /** Milliseconds of fake time a served call costs (default: none). */
  tick?: (call: PendingCall) => number;
}

export class ConcurrentRuntime {
  readonly rng: Rng;
  private readonly fakes: GasFakes;
  private readonly codePath: string;
  private readonly tick: (call: PendingCall) => number;
  private readonly slots: Slot[] = [];
  private readonly live: ExecutionState[] = [];
  private readonly clockBuffer = new SharedArrayBuffer(8);
  private readonly clockView = new Float64Array(this.clockBuffer);
  private nextExecution = 1;
  private readonly objects = new Map<number, object>();
  private readonly ids = new WeakMap<object, number>();
  private nextHandle = 1;
  private readonly methodsByProto = new Map<object, string[]>();
  /** Every call served, in order: `<execution label> <call>` (the replay trace). */
  readonly trace: string[] = [];
  private closed = false;

  constructor(options: RuntimeOptions) {
    if (options.fakes.cost?.model.cpu === 'measured') {
      throw new Error(
        "ConcurrentRuntime: the cost model's measured CPU time cannot be split between workers (use cpu: 'off')",
      );
    }
    this.fakes = options.fakes;
    this.codePath = options.codePath;
    this.rng = new Rng(options.seed);
    this.tick = options.tick ?? (() => 0);
  }

  /** Starts an execution of a top-level function; it runs until its first service call. */
  start(name: string, args: unknown[] = [], options: ExecutionOptions = {}): ExecutionHandle {
    if (this.closed) throw new Error('ConcurrentRuntime: closed');
    const slot = this.freeSlot();
    const id = this.nextExecution++;
    const execution = options.execution ?? { authMode: 'FULL', kind: 'script-run' };
    const cost = this.fakes.cost;
    const state = new ExecutionState(
      id,
      options.label ?? `#${id} ${name}`,
      name,
      options.user ?? this.fakes.activeUser,
      execution,
      slot,
      // Its own deadline, from now on the shared clock.
      cost ? new ExecutionMeter(cost.model, this.fakes.clock, execution.kind) : null,
    );
    slot.busy = true;
    this.live.push(state);
    const g = this.fakes.globals;
    const globals: Record<string, unknown> = {
      SpreadsheetApp: g.SpreadsheetApp,
      UrlFetchApp: g.UrlFetchApp,
      PropertiesService: g.PropertiesService,
      LockService: g.LockService,
      HtmlService: g.HtmlService,
      Session: g.Session,
      Utilities: g.Utilities,
      CacheService: g.CacheService,
      ScriptApp: g.ScriptApp,
      Logger: g.Logger,
    };
    this.clockView[0] = this.fakes.clock.now();
    slot.port.postMessage({
      name,
      args: this.encode(args),
      globals: this.encode(globals),
      random: (this.rng.int(2 ** 31) + id) >>> 0,
    });
    Atomics.store(slot.state, 0, RUNNING);
    Atomics.notify(slot.state, 0);
    return state;
  }

  /** Executions started and not yet finished. */
  get running(): readonly ExecutionHandle[] {
    return this.live.filter((e) => !e.done);
  }

  /**
   * Serves one call (the seeded pick among those that may go). `before` sees the pending
   * calls first and may start executions (they join the pick). Returns false when nothing
   * is left to run.
   */
  step(before?: (pending: readonly PendingCall[]) => void): boolean {
    this.requireFakeClock('step');
    this.settle();
    if (before) {
      const pending = this.pendingCalls();
      if (pending.length > 0) {
        before(pending);
        this.settle();
      }
    }
    const live = this.live.filter((e) => !e.done);
    if (live.length === 0) return false;
    let ready = live.filter((e) => this.mayGo(e));
    if (ready.length === 0) {
      // Everyone waits for a lock: time passes until the first timeout (or external release).
      this.fakes.clock.advance(Math.max(0, this.nextWake(live) - this.fakes.clock.now()));
      ready = live.filter((e) => this.mayGo(e));
    }
    const chosen = ready[this.rng.int(ready.length)] as ExecutionState;
    this.serve(chosen);
    return true;
  }

  /**
   * On a real clock (the local sandbox, where executions start as requests arrive): serves
   * one call that may go now and answers 0; or, when every execution waits (a sleep, a held
   * lock), answers how many milliseconds until one may, for the caller to let pass without
   * blocking; or -1 when nothing is running (or the runtime is closed). The pick among ready calls is still seeded, but
   * a run is no longer a function of the seed: real time and arrivals decide too.
   */
  stepRealTime(): number {
    if (this.fakes.clock.mode !== 'real') {
      throw new Error('ConcurrentRuntime.stepRealTime: the fakes need a real clock');
    }
    // Closed: the workers are gone, and waiting for them would block this thread.
    if (this.closed) return -1;
    this.settle();
    const live = this.live.filter((e) => !e.done);
    if (live.length === 0) return -1;
    const ready = live.filter((e) => this.mayGo(e));
    if (ready.length === 0) return Math.max(1, this.nextWake(live) - this.fakes.clock.now());
    this.serve(ready[this.rng.int(ready.length)] as ExecutionState);
    return 0;
  }

  /** When the first waiting execution may go: its timeout, or its lock's release. */
  private nextWake(live: readonly ExecutionState[]): number {
    return Math.min(
      ...live.map((e) => {
        const w = e.waiting as Waiting;
        const release = w.lock ? FakeLock.availability(w.lock).releaseAt : undefined;
        return release !== undefined ? Math.min(release, w.deadline) : w.deadline;
      }),
    );
  }

  private requireFakeClock(what: string): void {
    if (this.fakes.clock.mode !== 'fake') {
      throw new Error(
        `ConcurrentRuntime.${what}: the fakes need a fake clock (createGasFakes({ clock: "fake" })); on a real clock use stepRealTime`,
      );
    }
  }

  /** Steps until `execution` is done (the others move too), and returns its answer. */
  finish(execution: ExecutionHandle, before?: (pending: readonly PendingCall[]) => void): unknown {
    while (!execution.done) if (!this.step(before)) break;
    const state = execution as ExecutionState;
    if (state.error) {
      throw new Error(
        `${state.label} failed: ${state.error.name}: ${state.error.message}\n${state.error.stack}`,
      );
    }
    return state.result;
  }

  /** Steps until every execution has finished. */
  drain(before?: (pending: readonly PendingCall[]) => void): void {
    while (this.step(before));
  }

  /** Stops the workers (executions still running are abandoned). */
  async close(): Promise<void> {
    this.closed = true;
    await Promise.all(this.slots.map((s) => s.worker.terminate()));
  }

  // --- scheduling -----------------------------------------------------------------------

  private pendingCalls(): PendingCall[] {
    return this.live
      .filter((e) => !e.done && this.mayGo(e))
      .map((e) => ({
        execution: e,
        label: this.labelOf(e, e.pending as CallMessage | GetMessage),
      }));
  }

  private mayGo(e: ExecutionState): boolean {
    const w = e.waiting;
    if (!w) return true;
    if (this.fakes.clock.now() >= w.deadline) return true;
    return w.lock !== null && FakeLock.availability(w.lock).free;
  }

  /** Waits until every live execution is blocked on a call or finished, and reads why. */
  private settle(): void {
    for (const e of this.live) {
      if (e.done || e.pending) continue;
      const message = this.awaitMessage(e);
      if (message.t === 'done') this.finishExecution(e, message);
      else this.accept(e, message);
    }
    for (let i = this.live.length - 1; i >= 0; i--) if (this.live[i]?.done) this.live.splice(i, 1);
  }

  private awaitMessage(e: ExecutionState): FromWorker {
    const { state, port } = e.slot;
    const started = Date.now();
    for (;;) {
      const s = Atomics.load(state, 0);
      if (s === CALLING || s === IDLE) break;
      if (Date.now() - started > STUCK_MS) {
        throw new Error(`${e.label} did not reach a service call within ${STUCK_MS / 1000} s`);
      }
      Atomics.wait(state, 0, s, 1_000);
    }
    for (;;) {
      const got = receiveMessageOnPort(port);
      if (got) return got.message as FromWorker;
      Atomics.wait(state, 0, Atomics.load(state, 0), 1);
    }
  }

  private accept(e: ExecutionState, message: CallMessage | GetMessage): void {
    e.pending = message;
    e.waiting = null;
    if (message.t !== 'call') return;
    const target = this.objects.get(message.h);
    const ms = Math.max(0, Number(this.decode(message.a[0])) || 0);
    if (target instanceof FakeLock && (message.m === 'tryLock' || message.m === 'waitLock')) {
      // Availability is checked again when it is picked: another may take the lock first.
      e.waiting = { lock: target, deadline: this.fakes.clock.now() + ms };
    } else if (target instanceof FakeUtilities && message.m === 'sleep') {
      e.waiting = { lock: null, deadline: this.fakes.clock.now() + Math.min(ms, MAX_SLEEP_MS) };
    }
  }

  private finishExecution(e: ExecutionState, message: DoneMessage): void {
    e.done = true;
    if (message.err) e.error = message.err;
    else e.result = this.decode(message.ok);
    if (e.meter && this.fakes.cost) {
      const cost = e.meter.finish();
      this.fakes.cost.executions.push(cost);
      // Google kills an execution at its deadline: nothing it returned afterwards arrives.
      if (cost.exceeded && !e.error) {
        e.result = undefined;
        e.error = { name: 'Exception', message: EXCEEDED_MESSAGE, stack: '' };
      }
    }
    // Google releases the locks an execution still holds when it ends.
    this.fakes.locks.endExecution(e.locks);
    e.slot.busy = false;
  }

  private serve(e: ExecutionState): void {
    const message = e.pending as CallMessage | GetMessage;
    const label = this.labelOf(e, message);
    this.trace.push(`${e.label} ${label}`);
    e.pending = null;
    e.calls++;
    let answer: { ok: Encoded } | { err: { name: string; message: string } };
    const userBefore = this.fakes.activeUser;
    const cost = this.fakes.cost;
    // The cost model charges this call to this execution's meter (calls.ts, url-fetch.ts).
    if (cost) cost.meter = e.meter;
    try {
      if (e.user !== userBefore) this.fakes.setActiveUser(e.user);
      const value = this.fakes.within(e.execution, () => this.perform(e, message));
      if (value instanceof FakeLock) e.locks.add(value);
      answer = { ok: this.encode(value) };
    } catch (error) {
      const err = error instanceof Error ? error : new Error(String(error));
      answer = { err: { name: err.name, message: err.message } };
      if (!(error instanceof GasError) && err.name !== 'Exception' && err.name !== 'TypeError') {
        // A bug in a fake: show it where it happened too.
        answer = { err: { name: err.name, message: `${err.message}\n${err.stack ?? ''}` } };
      }
    } finally {
      if (cost) cost.meter = null;
      if (this.fakes.activeUser !== userBefore) this.fakes.setActiveUser(userBefore);
    }
    const ticked = this.tick({ execution: e, label });
    if (ticked > 0) this.fakes.clock.advance(ticked);
    this.clockView[0] = this.fakes.clock.now();
    const { port, state } = e.slot;
    port.postMessage(answer);
    Atomics.store(state, 0, REPLIED);
    Atomics.notify(state, 0);
  }

  private perform(e: ExecutionState, message: CallMessage | GetMessage): unknown {
    const target = this.objects.get(message.h) as Record<string, unknown> | undefined;
    if (!target) throw new Error(`Unknown handle ${message.h}`);
    if (message.t === 'get') return target[message.p];
    const args = message.a.map((a) => this.decode(a));
    const waited = e.waiting;
    e.waiting = null;
    // Still held once the wait is over: the call answers as a timed-out wait does.
    if (waited?.lock && !FakeLock.availability(waited.lock).free) args[0] = 0;
    // The sleep already happened on the clock while the others ran.
    if (waited && !waited.lock) args[0] = 0;
    const method = target[message.m];
    if (typeof method !== 'function') throw new TypeError(`${message.m} is not a function`);
    return (method as (...a: unknown[]) => unknown).apply(target, args);
  }

  private labelOf(e: ExecutionState, message: CallMessage | GetMessage): string {
    void e;
    const target = this.objects.get(message.h);
    const cls = target ? String((target as { toString(): string }).toString?.() ?? 'Object') : '?';
    return message.t === 'get' ? `get ${cls}.${message.p}` : `${cls}.${message.m}`;
  }

  // --- workers ----------------------------------------------------------------------------

  private freeSlot(): Slot {
    const free = this.slots.find((s) => !s.busy);
    if (free) return free;
    const { port1, port2 } = new MessageChannel();
    const stateBuffer = new SharedArrayBuffer(4);
    const worker = new Worker(WORKER_PATH, {
      workerData: {
        port: port2,
        state: stateBuffer,
        clock: this.clockBuffer,
        codePath: this.codePath,
        intlSource: RESTRICT_INTL_SOURCE,
      },
      transferList: [port2],
    });
    worker.unref();
    port1.unref();
    const slot: Slot = { worker, port: port1, state: new Int32Array(stateBuffer), busy: false };
    this.slots.push(slot);
    return slot;
  }

  // --- values -----------------------------------------------------------------------------

  private encode(value: unknown, seen: object[] = []): Encoded {
    if (value === undefined) return { u: 1 };
    if (value === null || (typeof value !== 'object' && typeof value !== 'function')) return value;
    if (value instanceof Date) return { d: value.getTime() };
    if (Array.isArray(value)) {
      if (seen.includes(value)) throw new TypeError('Circular value');
      seen.push(value);
      const out = { a: value.map((v) => this.encode(v, seen)) };
      seen.pop();
      return out;
    }
    if (typeof value === 'object' && isPlainData(value)) {
      if (seen.includes(value)) throw new TypeError('Circular value');
      seen.push(value);
      const o: Record<string, Encoded> = {};
      for (const [k, v] of Object.entries(value)) o[k] = this.encode(v, seen);
      seen.pop();
      return { o };
    }
    if (ArrayBuffer.isView(value)) return { a: Array.from(value as Uint8Array) };
    if (value instanceof FakeHTTPResponse) {
      const response = value;
      const local: Record<string, Encoded> = {};
      this.fakes.uncounted(() => {
        for (const m of LOCAL_READS) local[m] = this.encode(response[m]());
      });
      return { h: this.handleId(value), m: this.methodsOf(value), l: local };
    }
    const stable = STABLE_GETTERS[String((value as { toString(): string }).toString?.())];
    return stable
      ? { h: this.handleId(value), m: this.methodsOf(value), s: stable }
      : { h: this.handleId(value), m: this.methodsOf(value) };
  }

  private decode(value: Encoded): unknown {
    if (value === null || typeof value !== 'object') return value;
    const v = value as {
      a?: Encoded[];
      o?: Record<string, Encoded>;
      d?: number;
      h?: number;
      u?: 1;
    };
    if (v.a) return v.a.map((x) => this.decode(x));
    if (v.o) {
      const out: Record<string, unknown> = {};
      for (const [k, x] of Object.entries(v.o)) out[k] = this.decode(x);
      return out;
    }
    if (v.d !== undefined) return new Date(v.d);
    if (v.h !== undefined) {
      const object = this.objects.get(v.h);
      if (!object) throw new Error(`Unknown handle ${v.h}`);
      return object;
    }
    if (v.u) return undefined;
    throw new Error(`Cannot decode ${JSON.stringify(value)}`);
  }

  private handleId(object: object): number {
    let id = this.ids.get(object);
    if (id === undefined) {
      id = this.nextHandle++;
      this.ids.set(object, id);
      this.objects.set(id, object);
    }
    return id;
  }

  /** Methods a handle offers: function-valued properties up to Object.prototype. */
  private methodsOf(object: object): string[] {
    const own = Object.getOwnPropertyNames(object).filter(
      (k) => typeof (object as Record<string, unknown>)[k] === 'function',
    );
    const proto = Object.getPrototypeOf(object) as object | null;
    if (!proto || proto === Object.prototype) return own;
    let names = this.methodsByProto.get(proto);
    if (!names) {
      const found = new Set<string>();
      for (
        let p: object | null = proto;
        p && p !== Object.prototype;
        p = Object.getPrototypeOf(p)
      ) {
        for (const k of Object.getOwnPropertyNames(p)) {
          const d = Object.getOwnPropertyDescriptor(p, k);
          if (k !== 'constructor' && d && typeof d.value === 'function') found.add(k);
        }
      }
      names = [...found];
      this.methodsByProto.set(proto, names);
    }
    return own.length ? [...own, ...names] : names;
  }
}

/** An object copied as data: plain prototype and no methods (enum members are handles). */
function isPlainData(value: object): boolean {
  const proto = Object.getPrototypeOf(value) as object | null;
  if (proto !== null && proto !== Object.prototype && Object.getPrototypeOf(proto) !== null)
    return false;
  return !Object.values(value).some((v) => typeof v === 'function');
}
