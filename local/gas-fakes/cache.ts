/**
 * CacheService: the document cache with Google's limits (keys of 250
 * characters, values of 100 KB, at most 6 hours) and expiry on the fakes' clock.
 */
import { instrument } from './calls';
import { Fake, type FakeContext } from './context';
import { GasError } from './errors';

export const CACHE_KEY_LIMIT = 250;
export const CACHE_VALUE_LIMIT = 100 * 1024;
export const CACHE_MAX_SECONDS = 21_600;
const DEFAULT_SECONDS = 600;

export class CacheStore {
  readonly entries = new Map<string, { value: string; expiresAt: number }>();
}

export class CacheStores {
  readonly document = new CacheStore();

  /** Drops everything, as Google may at any time. */
  evictAll(): void {
    this.document.entries.clear();
  }
}

export class FakeCacheService extends Fake {
  constructor(
    ctx: FakeContext,
    private readonly stores: CacheStores,
  ) {
    super(ctx);
  }

  getDocumentCache(): FakeCache {
    return new FakeCache(this.ctx, this.stores.document);
  }
}

instrument(FakeCacheService, 'CacheService', 'CacheService');

export class FakeCache extends Fake {
  constructor(
    ctx: FakeContext,
    private readonly store: CacheStore,
  ) {
    super(ctx);
  }

  get(key: string): string | null {
    const entry = this.store.entries.get(String(key));
    if (!entry) return null;
    if (entry.expiresAt <= this.ctx.clock.now()) {
      this.store.entries.delete(String(key));
      return null;
    }
    return entry.value;
  }

  put(key: string, value: string, expirationInSeconds?: number): void {
    putAll(this.store, [[String(key), value]], expirationInSeconds, this.ctx.clock.now());
  }
}

instrument(FakeCache, 'Cache', 'CacheService');

function putAll(
  store: CacheStore,
  entries: Array<[string, unknown]>,
  expirationInSeconds: number | undefined,
  now: number,
): void {
  const checked = entries.map(([key, value]): [string, string] => {
    if (key.length > CACHE_KEY_LIMIT) throw new GasError('Argument too large: key');
    const text = String(value);
    if (Buffer.byteLength(text, 'utf8') > CACHE_VALUE_LIMIT)
      throw new GasError('Argument too large: value');
    return [key, text];
  });
  // Google caps the lifetime at six hours rather than refusing longer ones.
  const seconds = Math.min(CACHE_MAX_SECONDS, Math.max(1, expirationInSeconds ?? DEFAULT_SECONDS));
  for (const [key, value] of checked)
    store.entries.set(key, { value, expiresAt: now + seconds * 1000 });
}
