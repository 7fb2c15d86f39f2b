/**
 * PropertiesService: script, document and per-user stores with Google's limits (9 KB a value,
 * 500 KB a store). User properties belong to the person running the code, so switching the
 * active user (createGasFakes().setActiveUser) switches stores, as for teammates on one sheet.
 */
import { instrument } from './calls';
import { Fake, type FakeContext } from './context';
import { GasError } from './errors';

/** Google's limits, in bytes of UTF-8. */
export const PROPERTY_VALUE_LIMIT = 9 * 1024;
export const PROPERTY_STORE_LIMIT = 500 * 1024;

const utf8Length = (text: string): number => Buffer.byteLength(text, 'utf8');

export class PropertyStore {
  readonly entries = new Map<string, string>();

  /** Bytes used: keys and values, as Google counts toward the store's quota. */
  size(): number {
    let total = 0;
    for (const [key, value] of this.entries) total += utf8Length(key) + utf8Length(value);
    return total;
  }

  toObject(): Record<string, string> {
    return Object.fromEntries(this.entries);
  }
}

export class PropertyStores {
  readonly script = new PropertyStore();
  readonly document = new PropertyStore();
  private readonly users = new Map<string, PropertyStore>();

  user(email: string): PropertyStore {
    let store = this.users.get(email);
    if (!store) {
      store = new PropertyStore();
      this.users.set(email, store);
    }
    return store;
  }

  /** Every store's contents, for assertions (e.g. that a token sits only in one user's store). */
  snapshot(): {
    script: Record<string, string>;
    document: Record<string, string>;
    users: Record<string, Record<string, string>>;
  } {
    const users: Record<string, Record<string, string>> = {};
    for (const [email, store] of this.users) users[email] = store.toObject();
    return { script: this.script.toObject(), document: this.document.toObject(), users };
  }
}

export class FakePropertiesService extends Fake {
  constructor(
    ctx: FakeContext,
    private readonly stores: PropertyStores,
  ) {
    super(ctx);
  }

  getUserProperties(): FakeProperties {
    return new FakeProperties(this.ctx, this.stores.user(this.ctx.users.effective));
  }

  getDocumentProperties(): FakeProperties {
    return new FakeProperties(this.ctx, this.stores.document);
  }

  getScriptProperties(): FakeProperties {
    return new FakeProperties(this.ctx, this.stores.script);
  }
}

instrument(FakePropertiesService, 'PropertiesService', 'PropertiesService');

export class FakeProperties extends Fake {
  constructor(
    ctx: FakeContext,
    private readonly store: PropertyStore,
  ) {
    super(ctx);
  }

  getProperty(key: string): string | null {
    return this.store.entries.get(String(key)) ?? null;
  }

  getProperties(): Record<string, string> {
    return this.store.toObject();
  }

  getKeys(): string[] {
    return [...this.store.entries.keys()];
  }

  setProperty(key: string, value: string): FakeProperties {
    writeAll(this.store, [[checkKey(key), String(value)]], false);
    return this;
  }

  setProperties(properties: Record<string, unknown>, deleteAllOthers?: boolean): FakeProperties {
    if (properties === null || typeof properties !== 'object') {
      throw new GasError(
        "The parameters don't match the method signature for PropertiesService.Properties.setProperties.",
      );
    }
    const entries = Object.entries(properties).map(([k, v]): [string, string] => [
      checkKey(k),
      String(v),
    ]);
    writeAll(this.store, entries, deleteAllOthers === true);
    return this;
  }

  deleteProperty(key: string): FakeProperties {
    this.store.entries.delete(String(key));
    return this;
  }

  deleteAllProperties(): FakeProperties {
    this.store.entries.clear();
    return this;
  }
}

instrument(FakeProperties, 'Properties', 'PropertiesService');

function checkKey(key: unknown): string {
  if (key === null || key === undefined || String(key) === '')
    throw new GasError('Invalid argument: key');
  return String(key);
}

/** Writes all or nothing: limits are checked against the store as it would be afterwards. */
function writeAll(
  store: PropertyStore,
  entries: Array<[string, string]>,
  deleteAllOthers: boolean,
): void {
  for (const [, value] of entries) {
    if (utf8Length(value) > PROPERTY_VALUE_LIMIT) throw new GasError('Argument too large: value');
  }
  const next = new Map(deleteAllOthers ? [] : store.entries);
  for (const [key, value] of entries) next.set(key, value);
  let total = 0;
  for (const [key, value] of next) total += utf8Length(key) + utf8Length(value);
  if (total > PROPERTY_STORE_LIMIT) {
    throw new GasError(
      'You have exceeded the property storage quota. Please remove some properties and try again.',
    );
  }
  store.entries.clear();
  for (const [key, value] of next) store.entries.set(key, value);
}
