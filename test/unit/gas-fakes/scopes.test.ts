import { createGasFakes, type Execution, type Manifest } from '../../../local/gas-fakes';
import { authorize, METHOD_RULES, SCOPE, unlistedCalls } from '../../../local/gas-fakes/scopes';

const ALL: Manifest = {
  oauthScopes: [SCOPE.sheetsCurrent, SCOPE.ui, SCOPE.external, SCOPE.email],
};
const NONE: Execution = { authMode: 'NONE', kind: 'simple-trigger' };
const LIMITED: Execution = { authMode: 'LIMITED', kind: 'simple-trigger' };

const answer = () => ({ status: 200, body: '{}' });

describe('scopes of the manifest', () => {
  test('a method whose scope the manifest lacks throws Google’s permission error', () => {
    const fakes = createGasFakes({
      manifest: { oauthScopes: [SCOPE.sheetsCurrent] },
      fetch: answer,
    });
    const { Session, UrlFetchApp, SpreadsheetApp } = fakes.globals;
    expect(() => Session.getActiveUser()).toThrow(
      'You do not have permission to call Session.getActiveUser. Required permissions: https://www.googleapis.com/auth/userinfo.email',
    );
    expect(() => UrlFetchApp.fetchAll(['https://api.respond.io/v2/contact'])).toThrow(
      /^You do not have permission to call UrlFetchApp.fetchAll\. Required permissions: https:\/\/www\.googleapis\.com\/auth\/script\.external_request$/,
    );
    expect(() => SpreadsheetApp.getActiveSpreadsheet().getSheets()).not.toThrow();
  });

  test('either spreadsheet scope opens the document; neither is refused, naming both', () => {
    const wide = createGasFakes({ manifest: { oauthScopes: [SCOPE.sheets] } });
    expect(() => wide.globals.SpreadsheetApp.getActiveSpreadsheet().getActiveSheet()).not.toThrow();
    const none = createGasFakes({ manifest: { oauthScopes: [SCOPE.ui] } });
    expect(() => none.globals.SpreadsheetApp.getActiveSpreadsheet().getActiveSheet()).toThrow(
      `Required permissions: (${SCOPE.sheetsCurrent} || ${SCOPE.sheets})`,
    );
  });

  test('without a manifest nothing is restricted (Google detects scopes itself)', () => {
    const fakes = createGasFakes({ fetch: answer });
    expect(fakes.globals.Session.getActiveUser().getEmail()).toBe('owner@example.com');
    expect(() => fakes.globals.UrlFetchApp.fetchAll(['https://example.com/'])).not.toThrow();
  });

  test('a call the table does not list fails loudly and is recorded', () => {
    // Every method the fakes expose is listed (surface.test.ts); this guards a new one.
    const ctx = { manifest: ALL, execution: { authMode: 'FULL' as const } };
    expect(() => authorize(ctx, 'Range.clear')).toThrow(/Range\.clear is not in .*scopes\.ts/);
    expect(unlistedCalls.has('Range.clear')).toBe(true);
    unlistedCalls.delete('Range.clear');
    expect(() => authorize({ ...ctx, manifest: null }, 'Range.clear')).not.toThrow();
  });

  test('test set-up through the public API (uncounted) is not checked', () => {
    const fakes = createGasFakes({ manifest: { oauthScopes: [] } });
    expect(() =>
      fakes.uncounted(() =>
        fakes.globals.SpreadsheetApp.getActiveSpreadsheet()
          .getActiveSheet()
          .getRange(1, 1)
          .clearContent(),
      ),
    ).not.toThrow();
  });

  test('every rule cites a Google reference page', () => {
    for (const [key, rule] of METHOD_RULES) {
      expect([key, rule.source]).toEqual([
        key,
        expect.stringMatching(/^https:\/\/developers\.google\.com\/apps-script\/reference\//),
      ]);
    }
  });
});

describe('authorization modes', () => {
  test('NONE (onOpen before authorisation): menus only', () => {
    const fakes = createGasFakes({ manifest: ALL, fetch: answer });
    const g = fakes.globals;
    fakes.run(() => {
      g.SpreadsheetApp.getUi().createAddonMenu().addItem('Go', 'go').addToUi();
      expect(() => g.PropertiesService.getDocumentProperties()).toThrow(/permission/);
      expect(() => g.PropertiesService.getUserProperties()).toThrow(/permission/);
      expect(() => g.CacheService.getDocumentCache()).toThrow(/permission/);
      expect(() => g.LockService.getDocumentLock()).toThrow(/permission/);
      expect(() => g.SpreadsheetApp.getActiveSpreadsheet()).toThrow(/permission/);
      expect(() => g.UrlFetchApp.fetchAll(['https://api.respond.io/'])).toThrow(/permission/);
    }, NONE);
    expect(fakes.ui.menuFunction('Go')).toBe('go');
  });

  test('LIMITED (simple triggers): the document and properties, no UrlFetch, no email', () => {
    const fakes = createGasFakes({ manifest: ALL, fetch: answer });
    const g = fakes.globals;
    fakes.run(() => {
      expect(() =>
        g.SpreadsheetApp.getActiveSpreadsheet().getActiveSheet().getRange(1, 1).getValues(),
      ).not.toThrow();
      expect(() => g.PropertiesService.getDocumentProperties().getProperty('x')).not.toThrow();
      expect(() => g.UrlFetchApp.fetchAll(['https://api.respond.io/'])).toThrow(
        'You do not have permission to call UrlFetchApp.fetch',
      );
      expect(() => g.UrlFetchApp.fetchAll(['https://api.respond.io/'])).toThrow(/permission/);
      expect(g.Session.getActiveUser().getEmail()).toBe('');
      expect(g.Session.getEffectiveUser().getEmail()).toBe('');
    }, LIMITED);
    // The same person in an authorised execution.
    expect(g.Session.getActiveUser().getEmail()).toBe('owner@example.com');
  });
});
