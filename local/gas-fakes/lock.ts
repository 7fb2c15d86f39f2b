/**
 * LockService. Locks are shared state: every Lock object for the same scope contends with the
 * others, so two "executions" (two calls from a test) exclude each other until one releases.
 * Google releases a script's locks when its execution ends; tests model that with
 * `locks.endExecution()` (or `fakes.run`). Waiting never blocks the thread in fake-clock mode:
 * the clock jumps to when the lock frees, or by the whole timeout.
 */
import { instrument } from './calls';
import { Fake, type FakeContext } from './context';
import { GasError } from './errors';

export type LockScope = 'document' | 'script';

const LOCK_TIMEOUT = 'Lock timeout: another process was holding the lock for too long.';

interface Holder {
  /** The Lock object holding it, or 'external' for a simulated other execution. */
  owner: object | 'external';
  /** For an external holder: when it lets go (never, if undefined). */
  releaseAt?: number;
}

export function scopeKey(scope: LockScope): string {
  return scope;
}

export class LockRegistry {
  private readonly holders = new Map<string, Holder>();

  constructor(private readonly ctx: FakeContext) {}

  /** Simulates another execution holding the lock, for `forMs` milliseconds or until released. */
  holdExternally(scope: LockScope, options: { forMs?: number } = {}): void {
    const releaseAt =
      options.forMs === undefined ? undefined : this.ctx.clock.now() + options.forMs;
    this.holders.set(scopeKey(scope), {
      owner: 'external',
      ...(releaseAt !== undefined ? { releaseAt } : {}),
    });
  }

  /** Frees a lock whoever holds it. */
  release(scope: LockScope): void {
    this.holders.delete(scopeKey(scope));
  }

  isHeld(scope: LockScope): boolean {
    return this.current(scopeKey(scope)) !== undefined;
  }

  /**
   * Ends the current execution: Google releases the locks it still holds. With `owners`
   * (the Lock objects one of several overlapping executions made) only those are released.
   */
  endExecution(owners?: ReadonlySet<object>): void {
    for (const [key, holder] of this.holders)
      if (holder.owner !== 'external' && (!owners || owners.has(holder.owner)))
        this.holders.delete(key);
  }

  current(key: string): Holder | undefined {
    const holder = this.holders.get(key);
    if (holder?.releaseAt !== undefined && holder.releaseAt <= this.ctx.clock.now()) {
      this.holders.delete(key);
      return undefined;
    }
    return holder;
  }

  /** Tries to take the lock for `owner`, waiting up to `timeoutMs` on the clock. */
  acquire(key: string, owner: object, timeoutMs: number): boolean {
    const holder = this.current(key);
    if (!holder || holder.owner === owner) {
      this.holders.set(key, { owner });
      return true;
    }
    const wait = Math.max(0, timeoutMs);
    if (holder.releaseAt !== undefined && holder.releaseAt - this.ctx.clock.now() <= wait) {
      this.ctx.clock.sleep(holder.releaseAt - this.ctx.clock.now());
      this.holders.set(key, { owner });
      return true;
    }
    this.ctx.clock.sleep(wait);
    return false;
  }

  releaseBy(key: string, owner: object): void {
    if (this.holders.get(key)?.owner === owner) this.holders.delete(key);
  }

  heldBy(key: string, owner: object): boolean {
    return this.current(key)?.owner === owner;
  }
}

export class FakeLockService extends Fake {
  constructor(
    ctx: FakeContext,
    private readonly registry: LockRegistry,
    private readonly options: { documentLock?: 'available' | 'null' } = {},
  ) {
    super(ctx);
  }

  /**
   * Google's return type is `Lock|null`: "If this method is called outside of the context of
   * a containing document (such as from a standalone script or webapp), null is returned."
   * (https://developers.google.com/apps-script/reference/lock/lock-service#getDocumentLock()).
   * The `documentLock: 'null'` option gives that answer, so callers must handle it.
   */
  getDocumentLock(): FakeLock | null {
    if (this.options.documentLock === 'null') return null;
    return new FakeLock(this.ctx, this.registry, 'document');
  }

  getScriptLock(): FakeLock {
    return new FakeLock(this.ctx, this.registry, 'script');
  }
}

instrument(FakeLockService, 'LockService', 'LockService');

export class FakeLock extends Fake {
  constructor(
    ctx: FakeContext,
    private readonly registry: LockRegistry,
    private readonly key: string,
  ) {
    super(ctx);
  }

  /**
   * For a scheduler of overlapping executions (executions/runtime.ts): whether `lock` could
   * be taken now, and when an external holder lets go. Static, so neither counted nor
   * scope-checked: it is not an Apps Script method.
   */
  static availability(lock: FakeLock): { free: boolean; releaseAt?: number } {
    const holder = lock.registry.current(lock.key);
    if (!holder || holder.owner === lock) return { free: true };
    return holder.releaseAt === undefined
      ? { free: false }
      : { free: false, releaseAt: holder.releaseAt };
  }

  tryLock(timeoutInMillis: number): boolean {
    return this.registry.acquire(this.key, this, Number(timeoutInMillis));
  }

  waitLock(timeoutInMillis: number): void {
    if (!this.registry.acquire(this.key, this, Number(timeoutInMillis)))
      throw new GasError(LOCK_TIMEOUT);
  }

  releaseLock(): void {
    this.registry.releaseBy(this.key, this);
  }
}

instrument(FakeLock, 'Lock', 'LockService');
