/**
 * Call counting for every fake object.
 *
 * Each fake class is passed once to `instrument`, which wraps the methods on its prototype so
 * that a call records `Class.method` in the CallLog of the fakes instance the object belongs to
 * and converts GasErrors into the bound realm. Fakes never call each other's public methods
 * internally (they share models instead), so a count is exactly what the add-on asked for.
 */
import { GAS_CLASS } from './context';
import type { CostTracker } from './cost';
import { toRealmError, type Realm } from './errors';
import { authorize, type AuthorizationContext } from './scopes';

/** The service groups `calls.total()` knows; each fake class belongs to one. */
export type ServiceName =
  | 'SpreadsheetApp'
  | 'UrlFetchApp'
  | 'PropertiesService'
  | 'LockService'
  | 'CacheService'
  | 'Utilities'
  | 'HtmlService'
  | 'Session'
  | 'ScriptApp'
  | 'Logger';

const serviceOfClass = new Map<string, ServiceName>();
/** Every `Class.method` a fake exposes to the script, filled by `instrument`. */
const exposedMethods = new Set<string>();

export class CallLog {
  private counts = new Map<string, number>();
  private cellCounts = new Map<string, number>();
  private pausedDepth = 0;

  /** Records one call; used by the instrumented methods. */
  record(className: string, method: string): void {
    if (this.pausedDepth > 0) return;
    const key = `${className}.${method}`;
    this.counts.set(key, (this.counts.get(key) ?? 0) + 1);
  }

  /**
   * Records the cells a range read or write covered (`Range.getValues`, 200k × 1…): what a
   * call costs grows with its cells, so tests can bound what an execution reads.
   */
  recordCells(key: string, cells: number): void {
    if (this.pausedDepth > 0) return;
    this.cellCounts.set(key, (this.cellCounts.get(key) ?? 0) + cells);
  }

  /** Cells covered by one method's calls, e.g. `cells('Range.getValues')`. */
  cells(key: string): number {
    return this.cellCounts.get(key) ?? 0;
  }

  /** True inside `uncounted`: test set-up, which Google's checks do not apply to. */
  get paused(): boolean {
    return this.pausedDepth > 0;
  }

  /** Calls of one method, e.g. `count('Range.getValues')`. */
  count(key: string): number {
    return this.counts.get(key) ?? 0;
  }

  /** Every call on objects of a service, e.g. `total('SpreadsheetApp')` includes Range calls. */
  total(service: ServiceName): number {
    let sum = 0;
    for (const [key, n] of this.counts) {
      if (serviceOfClass.get(key.slice(0, key.indexOf('.'))) === service) sum += n;
    }
    return sum;
  }

  /** All counts so far, sorted by key, as a plain object. */
  snapshot(): Record<string, number> {
    const out: Record<string, number> = {};
    for (const key of [...this.counts.keys()].sort()) out[key] = this.counts.get(key) ?? 0;
    return out;
  }

  reset(): void {
    this.counts.clear();
    this.cellCounts.clear();
  }

  /** Runs `fn` without recording (for test set-up that goes through the public API). */
  uncounted<T>(fn: () => T): T {
    this.pausedDepth++;
    try {
      return fn();
    } finally {
      this.pausedDepth--;
    }
  }
}

/** What an instrumented object must expose to its wrapper. */
export interface Counted {
  readonly ctx: {
    readonly calls: CallLog;
    readonly realm: Realm;
    readonly cost?: CostTracker | null;
  } & AuthorizationContext;
}

type Method = (this: Counted, ...args: unknown[]) => unknown;

/**
 * Wraps every method on `cls.prototype`. Chaining methods that return `this` keep working
 * because the wrapper calls the original with the same receiver.
 */
export function instrument(
  cls: { prototype: object },
  className: string,
  service: ServiceName,
): void {
  serviceOfClass.set(className, service);
  const proto = cls.prototype as Record<string | symbol, unknown>;
  Object.defineProperty(proto, GAS_CLASS, { value: className });
  for (const name of Object.getOwnPropertyNames(proto)) {
    const descriptor = Object.getOwnPropertyDescriptor(proto, name);
    if (name === 'constructor' || !descriptor || typeof descriptor.value !== 'function') continue;
    const original = descriptor.value as Method;
    exposedMethods.add(`${className}.${name}`);
    const wrapped = function (this: Counted, ...args: unknown[]): unknown {
      this.ctx.calls.record(className, name);
      // The cost model (cost.ts) meters the add-on's calls inside an execution, not set-up.
      const meter = this.ctx.calls.paused ? null : (this.ctx.cost?.meter ?? null);
      try {
        meter?.enter();
        // Google's scope and authorization-mode rules (scopes.ts), for the add-on's calls.
        if (!this.ctx.calls.paused) authorize(this.ctx, `${className}.${name}`);
        const result = original.apply(this, args);
        if (meter && service === 'SpreadsheetApp') meter.spreadsheetCall(className, name, this);
        return result;
      } catch (error) {
        throw toRealmError(error, this.ctx.realm);
      } finally {
        meter?.leave();
      }
    };
    Object.defineProperty(wrapped, 'name', { value: name });
    Object.defineProperty(proto, name, { ...descriptor, value: wrapped });
  }
}

/** The group a class was instrumented under (for tests of the wiring). */
export function serviceOf(className: string): ServiceName | undefined {
  return serviceOfClass.get(className);
}

/**
 * The Apps Script methods the fakes expose (`Class.method`, sorted): every method of every
 * instrumented class. test/unit/gas-fakes/surface.test.ts holds it to what the add-on calls.
 */
export function exposedApi(): string[] {
  return [...exposedMethods].sort();
}
