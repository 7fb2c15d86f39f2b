/**
 * State shared by every fake of one `createGasFakes()` instance: the call log, the clock, the
 * realm errors are rebuilt in, and who is running the code right now.
 */
import type { CallLog } from './calls';
import type { Clock } from './clock';
import type { CostTracker } from './cost';
import type { Realm } from './errors';
import type { Execution, Manifest } from './manifest';

export interface Users {
  /** Session.getActiveUser(); '' models Google hiding the address (consumer accounts). */
  active: string;
  /** Session.getEffectiveUser(); for an editor add-on this is the person running it. */
  effective: string;
}

export interface FakeContext {
  readonly calls: CallLog;
  readonly clock: Clock;
  realm: Realm;
  readonly users: Users;
  /** The manifest being enforced; null restricts nothing (automatic scope detection). */
  readonly manifest: Manifest | null;
  /** The execution now running: its authorization mode and kind. */
  execution: Execution;
  /** The Apps Script cost model and deadlines (cost.ts), or null when off. */
  readonly cost: CostTracker | null;
}

/** Where `instrument` records the Apps Script class name of a fake's prototype. */
export const GAS_CLASS = Symbol('gasClass');

/**
 * Base of every instrumented fake: gives the call wrapper its context. Like Google's objects,
 * a fake prints as its class name and serialises to `{}` (so logging one cannot recurse into
 * the fakes' internals). These two live here, off the instrumented prototypes, uncounted.
 */
export abstract class Fake<C extends FakeContext = FakeContext> {
  constructor(readonly ctx: C) {}

  toString(): string {
    return (this as unknown as Record<symbol, string | undefined>)[GAS_CLASS] ?? 'Object';
  }

  toJSON(): Record<string, never> {
    return {};
  }
}
