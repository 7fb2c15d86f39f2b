/**
 * What Google refuses on UrlFetchApp and PropertiesService beyond the happy path: the
 * manifest's allowlist and https, daily quotas by default, short-time bursts, and a
 * fetchAll that fails after some of its requests already went out.
 */
import { createGasFakes, type FetchRequest } from '../../../local/gas-fakes';

const MANIFEST = { urlFetchWhitelist: ['https://api.respond.io/'] };
const ok = () => ({ status: 200, body: 'ok' });

function withManifest(manifest: Parameters<typeof createGasFakes>[0] = {}) {
  const fakes = createGasFakes({ manifest: MANIFEST, ...manifest });
  const seen: FetchRequest[] = [];
  fakes.onFetch((request) => {
    seen.push(request);
    return ok();
  });
  return { fakes, seen, UrlFetchApp: fakes.globals.UrlFetchApp };
}

describe('the manifest allowlist (urlFetchWhitelist)', () => {
  test('URLs under an allowed prefix are fetched', () => {
    const { UrlFetchApp } = withManifest();
    expect(
      UrlFetchApp.fetchAll(['https://api.respond.io/v2/contact/1'])[0]!.getResponseCode(),
    ).toBe(200);
  });

  test("any other URL is refused with Google's message and never sent", () => {
    const { UrlFetchApp, seen, fakes } = withManifest();
    expect(
      () => UrlFetchApp.fetchAll(['https://api.is-messenger.example/v2/space/custom_field'])[0]!,
    ).toThrow(
      'Request to https://api.is-messenger.example/v2/space/custom_field failed because the URL has not been whitelisted in the script manifest.',
    );
    // A prefix is matched as text: the host must not merely start the same way.
    expect(() => UrlFetchApp.fetchAll(['https://api.respond.io.evil.example/v2'])[0]!).toThrow(
      'has not been whitelisted',
    );
    // fetchAll refuses the whole batch when one URL is not allowed.
    expect(() =>
      UrlFetchApp.fetchAll(['https://api.respond.io/v2/a', 'https://other.example/v2/b']),
    ).toThrow('Request to https://other.example/v2/b failed because');
    expect(seen).toHaveLength(0);
    expect(fakes.urlFetch.used).toBe(0);
  });

  test('plain http is refused when a manifest is enforced, even for an allowed host', () => {
    const { UrlFetchApp } = withManifest();
    expect(() => UrlFetchApp.fetchAll(['http://api.respond.io/v2/contact/1'])[0]!).toThrow(
      'has not been whitelisted in the script manifest',
    );
    const loose = withManifest({ manifest: {} });
    expect(() => loose.UrlFetchApp.fetchAll(['http://127.0.0.1:9/v2'])[0]!).toThrow(
      'has not been whitelisted in the script manifest',
    );
  });

  test('a leading wildcard matches subdomains', () => {
    const { UrlFetchApp } = withManifest({
      manifest: { urlFetchWhitelist: ['https://*.example.com/'] },
    });
    expect(UrlFetchApp.fetchAll(['https://api.example.com/v2'])[0]!.getResponseCode()).toBe(200);
    expect(() => UrlFetchApp.fetchAll(['https://example.org/v2'])[0]!).toThrow(
      'not been whitelisted',
    );
  });

  test('without a manifest nothing is restricted', () => {
    const fakes = createGasFakes();
    fakes.onFetch(ok);
    expect(
      fakes.globals.UrlFetchApp.fetchAll(['http://127.0.0.1:9/v2'])[0]!.getResponseCode(),
    ).toBe(200);
  });
});

describe('daily quotas by default', () => {
  test('UrlFetch: 20,000 a day for a consumer account, 100,000 with Workspace', () => {
    expect(createGasFakes().urlFetch.dailyLimit).toBe(20_000);
    expect(createGasFakes({ account: 'workspace' }).urlFetch.dailyLimit).toBe(100_000);
  });

  test("Properties reads and writes: 50,000 a day, then Google's message", () => {
    const fakes = createGasFakes({ propertiesDailyLimit: 3 });
    const props = fakes.globals.PropertiesService.getUserProperties();
    props.setProperty('a', '1');
    props.getProperty('a');
    props.getProperties();
    expect(() => props.getProperty('a')).toThrow(
      'Service invoked too many times for one day: properties.',
    );
    expect(() => props.setProperty('b', '2')).toThrow('Service invoked too many times');
    expect(fakes.properties.snapshot().users['owner@example.com']).toEqual({ a: '1' });
    // Per person, and back 24 hours after the first call.
    fakes.setActiveUser('bob@example.com');
    expect(fakes.globals.PropertiesService.getUserProperties().getProperty('a')).toBeNull();
    fakes.setActiveUser('owner@example.com');
    fakes.clock.advance(24 * 60 * 60 * 1000);
    expect(props.getProperty('a')).toBe('1');
    expect(createGasFakes().properties.dailyLimit).toBe(50_000);
    expect(createGasFakes({ account: 'workspace' }).properties.dailyLimit).toBe(500_000);
  });
});

describe('bursts', () => {
  test("too many calls in a short time: Google's message, then fine after a pause", () => {
    const { fakes, UrlFetchApp, seen } = withManifest({
      urlFetchBurst: { calls: 2, perMs: 1_000 },
    });
    UrlFetchApp.fetchAll(['https://api.respond.io/v2/a']);
    UrlFetchApp.fetchAll(['https://api.respond.io/v2/b', 'https://api.respond.io/v2/c']);
    expect(() => UrlFetchApp.fetchAll(['https://api.respond.io/v2/d'])[0]!).toThrow(
      'Service invoked too many times in a short time: urlfetch. Try Utilities.sleep(1000) between calls.',
    );
    expect(seen).toHaveLength(3);
    expect(fakes.urlFetch.used).toBe(3);
    expect(fakes.urlFetch.bursts).toBe(1);
    fakes.globals.Utilities.sleep(1_000);
    expect(UrlFetchApp.fetchAll(['https://api.respond.io/v2/d'])[0]!.getResponseCode()).toBe(200);
  });
});

describe('a fetchAll that fails on the network', () => {
  function batch(seed: number) {
    const fakes = createGasFakes({ urlFetchFaults: { batchFailureRate: 1, seed } });
    const seen: string[] = [];
    fakes.onFetch((request) => {
      seen.push(request.url);
      return ok();
    });
    const urls = Array.from({ length: 20 }, (_, i) => `https://api.example.com/v2/${i}`);
    let message = '';
    try {
      fakes.globals.UrlFetchApp.fetchAll(urls);
    } catch (e) {
      message = (e as Error).message;
    }
    return { seen, message };
  }

  test('throws after a reproducible random subset already reached the server', () => {
    const first = batch(7);
    expect(first.message).toMatch(
      /^(Timeout|Address unavailable): https:\/\/api\.example\.com\/v2\/\d+$/,
    );
    expect(first.seen.length).toBeGreaterThan(0);
    expect(first.seen.length).toBeLessThan(20);
    expect(batch(7)).toEqual(first);
    expect(batch(8).seen).not.toEqual(first.seen);
  });

  test('a scripted failure hits the next fetchAll only', () => {
    const fakes = createGasFakes();
    fakes.onFetch(ok);
    fakes.urlFetch.failNextBatches(1);
    expect(() =>
      fakes.globals.UrlFetchApp.fetchAll(['https://a.example/1', 'https://a.example/2']),
    ).toThrow(/^(Timeout|Address unavailable): /);
    expect(fakes.globals.UrlFetchApp.fetchAll(['https://a.example/1'])).toHaveLength(1);
  });
});
