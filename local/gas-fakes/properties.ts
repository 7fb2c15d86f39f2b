/**
 * PropertiesService: script, document and per-user stores with Google's limits (9 KB a value,
 * 500 KB a store). User properties belong to the person running the code, so switching the
 * active user (createGasFakes().setActiveUser) switches stores, as for teammates on one sheet.
 *
 * Reads and writes count against the person's daily "Properties read/write" quota: 50,000 /
 * day (consumer), 500,000 / day (Workspace), reset 24 hours after the first call
 * (https://developers.google.com/apps-script/guides/services/quotas). Every call of a
 * Properties method is one read or write. Google's message follows its pattern for daily
 * quotas ("Service invoked too many times for one day: <service>."); a variant for writes,
 * "... for one day: graphite property writes.", is reported in
 * https://github.com/googleworkspace/apps-script-oauth2/issues/217.
 */
import { instrument } from './calls';
import type { Clock } from './clock';
import { Fake, type FakeContext, type Users } from './context';
import { GasError } from './errors';

export const PROPERTIES_DAILY_LIMIT = { consumer: 50_000, workspace: 500_000 } as const;
const QUOTA_MESSAGE = 'Service invoked too many times for one day: properties.';
const DAY_MS = 24 * 60 * 60 * 1000;

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
  private readonly usage = new Map<string, { used: number; since: number }>();

  constructor(
    private readonly clock?: Clock,
    private readonly people?: Users,
    /** Reads and writes a person may make in a quota day. */
    public dailyLimit: number = PROPERTIES_DAILY_LIMIT.consumer,
  ) {}

  /** Reads and writes the running person has made in the current quota day. */
  get used(): number {
    return this.window()?.used ?? 0;
  }

  /** Counts one read or write, or throws Google's daily quota error. */
  spend(): void {
    const window = this.window();
    if (!window) return;
    if (window.used >= this.dailyLimit) throw new GasError(QUOTA_MESSAGE);
    window.used++;
  }

  private window(): { used: number; since: number } | null {
    if (!this.clock || !this.people) return null;
    const now = this.clock.now();
    let window = this.usage.get(this.people.effective);
    if (!window || now - window.since >= DAY_MS) {
      window = { used: 0, since: now };
      this.usage.set(this.people.effective, window);
    }
    return window;
  }

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
    return new FakeProperties(this.ctx, this.stores.user(this.ctx.users.effective), this.stores);
  }

  getDocumentProperties(): FakeProperties {
    return new FakeProperties(this.ctx, this.stores.document, this.stores);
  }

  getScriptProperties(): FakeProperties {
    return new FakeProperties(this.ctx, this.stores.script, this.stores);
  }
}

instrument(FakePropertiesService, 'PropertiesService', 'PropertiesService');

export class FakeProperties extends Fake {
  constructor(
    ctx: FakeContext,
    private readonly store: PropertyStore,
    private readonly quota: PropertyStores,
  ) {
    super(ctx);
  }

  getProperty(key: string): string | null {
    this.quota.spend();
    return this.store.entries.get(String(key)) ?? null;
  }

  getProperties(): Record<string, string> {
    this.quota.spend();
    return this.store.toObject();
  }

  setProperty(key: string, value: string): FakeProperties {
    this.quota.spend();
    writeAll(this.store, [[checkKey(key), String(value)]], false);
    return this;
  }

  setProperties(properties: Record<string, unknown>, deleteAllOthers?: boolean): FakeProperties {
    this.quota.spend();
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
    this.quota.spend();
    this.store.entries.delete(String(key));
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
