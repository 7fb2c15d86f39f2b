/**
 * What a service call costs in Apps Script, on the fakes' clock, and Google's deadline per
 * execution. Off unless `createGasFakes({ costModel })` asks for it.
 *
 * Each instrumented call first charges the bundle's own CPU time since the previous call (only
 * with `cpu: 'measured'`: benchmarks; tests keep it off so a slow machine cannot fail them),
 * then checks the deadline, then charges its own cost: a fixed latency per SpreadsheetApp call
 * plus a cost per cell the range reads or writes. UrlFetchApp charges through `fetchDelay`
 * (url-fetch.ts). With a 'fake' clock a charge moves the clock; with a 'real' clock it blocks
 * the thread for that long (and a fetch's own network time is already real).
 *
 * The calibration, in one place (the README's performance section repeats it). Where sources
 * disagree the slower figure is taken; figures no source gives are marked as estimates.
 *
 * | figure | value | source |
 * | --- | --- | --- |
 * | latency of any SpreadsheetApp call | 50 ms | a Spreadsheet call "usually takes 0.01 s or more" (a Stack Overflow answer to question 62017929, mirrored at https://isolution.pro/q/so62017929 ); an execution transcript shows a first `Range.getValues()` at 0.175 s and cached calls at ~0 s (https://pastebin.com/VzZLHRrM ); reading a 10M-cell sheet's dimensions takes 0.3 s (tanaike, https://gist.github.com/tanaikech/cc4380692790150cc090114553e38a0e ). 50 ms for every call, cached or not, is slower than the average of these |
 * | reading one cell (getValues, getDisplayValues) | 0.01 ms (10 s per million cells) | estimate: tanaike measured reads growing linearly with the cell count (https://gist.github.com/tanaikech/d102c9600ba12a162c667287d2f20fe4 ); a single `setValues` of 4,000 cells took under 50 ms (a Stack Overflow answer, "What is faster: ScriptDb or SpreadsheetApp?", mirrored at https://ruby-bash.developreference.com/article/29263774/What+is+faster+ScriptDb+or+SpreadsheetApp ; ~0.012 ms a cell including the call) |
 * | writing one cell (setValues, clearContent, and single-value setters over a range) | 0.02 ms (20 s per million cells) | estimate: twice the read figure, since rewriting is "by far the most expensive" operation (https://ramblings.mcpher.com/performance/measuring-sheet-operation-performance/ ) |
 * | one UrlFetch request (when the network answers at once) | 600 ms | three sequential `fetch` calls to a Google API took 1.769 s (https://www.pre-practice.net/2020/03/urlfetchappfetchallfetch.html ) |
 * | `fetchAll`: its requests run in parallel | the slowest request + 10 ms per request | parallel: tanaike (https://tanaikech.github.io/2018/04/19/benchmark-fetchall-method-in-urlfetch-service-for-google-apps-script/ ); the same three requests by `fetchAll` took 0.929 s (pre-practice, above); the 10 ms per request is an estimate |
 * | script runtime | 6 min an execution (google.script.run, menu) | https://developers.google.com/apps-script/guides/services/quotas ("Script runtime: 6 min / execution") |
 * | simple triggers (onOpen, onEdit) | 30 s | https://developers.google.com/apps-script/guides/triggers#restrictions ("They cannot run for longer than 30 seconds") |
 * | the bundle's own code | this process's CPU time between service calls × `cpuScale` (1) | Apps Script's V8 speed is not published; 1 is optimistic |
 *
 * Not charged: PropertiesService, CacheService, LockService, Session, Utilities (their calls
 * are few per execution; no published figure). Lock waits and Utilities.sleep already move
 * the clock.
 */
import { blockFor, type Clock } from './clock';
import { GasError } from './errors';
import type { ExecutionKind } from './manifest';

export interface CostModel {
  /** A short name for the calibration, recorded with benchmark figures. */
  readonly name: string;
  readonly spreadsheetCallMs: number;
  readonly cellReadMs: number;
  readonly cellWriteMs: number;
  /** One request's latency when the handler reports none (a network that answers at once). */
  readonly fetchRequestMs: number;
  /** Added per request of a fetch or fetchAll. */
  readonly fetchPerRequestMs: number;
  readonly deadlineMs: Readonly<Record<ExecutionKind, number>>;
  /** 'measured': the bundle's own CPU time is charged (benchmarks). 'off': tests. */
  readonly cpu: 'measured' | 'off';
  /** Multiplies measured CPU time (Apps Script's V8 may be slower than this machine). */
  readonly cpuScale: number;
}

export const APPS_SCRIPT_COSTS: CostModel = {
  name: 'gas-2026a: 50ms/call, 10us/cell read, 20us/cell write, 600ms fetch',
  spreadsheetCallMs: 50,
  cellReadMs: 0.01,
  cellWriteMs: 0.02,
  fetchRequestMs: 600,
  fetchPerRequestMs: 10,
  deadlineMs: { 'script-run': 6 * 60_000, menu: 6 * 60_000, 'simple-trigger': 30_000 },
  cpu: 'off',
  cpuScale: 1,
};

/** Google's message when an execution runs past its limit (the quotas page lists it). */
export const EXCEEDED_MESSAGE = 'Exceeded maximum execution time';

/** What one execution cost, for benchmarks and tests. */
export interface ExecutionCost {
  kind: ExecutionKind;
  /** Time on the clock from the execution's start to its end. */
  simulatedMs: number;
  /** The bundle's own time between service calls, as measured (0 with cpu 'off'). */
  cpuMs: number;
  /** Time charged for service calls. */
  serviceMs: number;
  spreadsheetCalls: number;
  fetchRequests: number;
  /** The execution ran past its deadline (Google would have killed it). */
  exceeded: boolean;
}

const READS = new Set(['getValues', 'getDisplayValues']);
const WRITES = new Set([
  'setValues',
  'setValue',
  'setBackground',
  'setFontWeight',
  'setNote',
  'clearContent',
]);

/** Cells of a Range fake (its `grid`), without calling its counted methods. */
function cellsOf(receiver: unknown): number {
  const grid = (receiver as { grid?: { numRows: number; numColumns: number } }).grid;
  return grid ? grid.numRows * grid.numColumns : 1;
}

/** The cost of one SpreadsheetApp call, by class, method and the range it acts on. */
export function spreadsheetCallMs(
  model: CostModel,
  className: string,
  method: string,
  receiver: unknown,
): number {
  let ms = model.spreadsheetCallMs;
  if (className === 'Range') {
    if (READS.has(method)) ms += cellsOf(receiver) * model.cellReadMs;
    else if (WRITES.has(method)) ms += cellsOf(receiver) * model.cellWriteMs;
  }
  return ms;
}

/** The time a fetch or fetchAll takes: in parallel, the slowest request, plus overhead. */
export function fetchMs(
  model: CostModel,
  latencies: readonly number[],
  realClock: boolean,
): number {
  if (latencies.length === 0) return 0;
  // With a real clock the network's own time has already passed; only the overhead is added.
  const network = realClock ? 0 : Math.max(model.fetchRequestMs, ...latencies);
  return network + latencies.length * model.fetchPerRequestMs;
}

/** One execution's meter: its start, its deadline and what it was charged. */
export class ExecutionMeter {
  readonly startedAt: number;
  readonly deadline: number;
  private cpuMs = 0;
  private serviceMs = 0;
  private spreadsheetCalls = 0;
  private fetchRequests = 0;
  private exceeded = false;
  /**
   * This process's CPU time (µs) when the bundle last got control back from a service call.
   * CPU time, not wall time, so other programs on a busy machine do not inflate the figure.
   */
  private lastExit = cpuMicros();

  constructor(
    private readonly model: CostModel,
    private readonly clock: Clock,
    readonly kind: ExecutionKind,
  ) {
    this.startedAt = clock.now();
    this.deadline = this.startedAt + model.deadlineMs[kind];
  }

  /**
   * A service call begins: the bundle's CPU time since the last call is charged, then the
   * deadline is checked. Past it, the call throws Google's error (and so does every later one).
   */
  enter(): void {
    this.chargeCpu();
    if (this.clock.now() > this.deadline) {
      this.exceeded = true;
      throw new GasError(EXCEEDED_MESSAGE);
    }
  }

  /** A service call ends: the bundle has control again. */
  leave(): void {
    this.lastExit = cpuMicros();
  }

  /** Charges a SpreadsheetApp call. */
  spreadsheetCall(className: string, method: string, receiver: unknown): void {
    this.spreadsheetCalls++;
    this.charge(spreadsheetCallMs(this.model, className, method, receiver));
  }

  /** Charges a fetch or fetchAll whose requests took `latencies` (as the handler reported). */
  fetch(latencies: readonly number[]): void {
    this.fetchRequests += latencies.length;
    const realClock = this.clock.mode === 'real';
    if (realClock) {
      // Handler-reported latencies are simulated delays: let them pass too.
      const declared = Math.max(0, ...latencies);
      if (declared > 0) this.clock.sleep(declared);
    }
    this.charge(fetchMs(this.model, latencies, realClock));
  }

  /** The execution ended: its last stretch of CPU is charged and its figures returned. */
  finish(): ExecutionCost {
    this.chargeCpu();
    if (this.clock.now() > this.deadline) this.exceeded = true;
    return {
      kind: this.kind,
      simulatedMs: this.clock.now() - this.startedAt,
      cpuMs: this.cpuMs,
      serviceMs: this.serviceMs,
      spreadsheetCalls: this.spreadsheetCalls,
      fetchRequests: this.fetchRequests,
      exceeded: this.exceeded,
    };
  }

  private charge(ms: number): void {
    if (ms <= 0) return;
    this.serviceMs += ms;
    if (this.clock.mode === 'fake') this.clock.advance(ms);
    else blockFor(ms);
  }

  private chargeCpu(): void {
    const now = cpuMicros();
    const spent = (now - this.lastExit) / 1000;
    this.lastExit = now;
    if (this.model.cpu !== 'measured' || spent <= 0) return;
    const ms = spent * this.model.cpuScale;
    this.cpuMs += ms;
    // A real clock has already seen this time pass.
    if (this.clock.mode === 'fake') this.clock.advance(ms);
  }
}

function cpuMicros(): number {
  const { user, system } = process.cpuUsage();
  return user + system;
}

/** The cost model of one fakes instance: the calibration, the running meter, the history. */
export class CostTracker {
  /** The meter of the execution running now (null between executions). */
  meter: ExecutionMeter | null = null;
  /** Every finished execution, in order. */
  readonly executions: ExecutionCost[] = [];

  constructor(
    readonly model: CostModel,
    private readonly clock: Clock,
  ) {}

  /** Runs `fn` as one metered execution; past its deadline it fails as Google's would. */
  run<T>(kind: ExecutionKind, fn: () => T): T {
    const outer = this.meter;
    const meter = new ExecutionMeter(this.model, this.clock, kind);
    this.meter = meter;
    let cost: ExecutionCost | null = null;
    try {
      const result = fn();
      cost = meter.finish();
      // Google kills an execution at its deadline: nothing it returned afterwards arrives.
      if (cost.exceeded) throw new GasError(EXCEEDED_MESSAGE);
      return result;
    } finally {
      this.executions.push(cost ?? meter.finish());
      this.meter = outer;
    }
  }

  /** The last finished execution's figures. */
  get last(): ExecutionCost | null {
    return this.executions[this.executions.length - 1] ?? null;
  }
}

/** How long a fetch or fetchAll keeps the caller waiting (url-fetch.ts calls this). */
export function fetchDelay(
  tracker: CostTracker | null | undefined,
  clock: Clock,
  latencies: readonly number[],
): void {
  const meter = tracker?.meter;
  if (meter) meter.fetch(latencies);
  else clock.sleep(Math.max(0, ...latencies));
}

/** The default calibration with `overrides` applied. */
export function costModel(overrides: Partial<CostModel> = {}): CostModel {
  return {
    ...APPS_SCRIPT_COSTS,
    ...overrides,
    deadlineMs: { ...APPS_SCRIPT_COSTS.deadlineMs, ...overrides.deadlineMs },
  };
}
