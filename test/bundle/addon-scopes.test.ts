/**
 * The add-on under Google's authorization rules: the shipped manifest's scopes are exactly
 * enough for every feature, each one is needed, and triggers stay inside what their
 * authorization mode allows (local/gas-fakes/scopes.ts holds the rules and their sources).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Manifest } from '../../local/gas-fakes';
import { DIST } from '../../local/gas-runtime';
import { importAll, setUp, withAddon, type Addon } from '../support/addon-harness';

const shipped = JSON.parse(readFileSync(join(DIST, 'appsscript.json'), 'utf8')) as Manifest;
const SHEET = [
  ['First Name', 'Email', 'Phone'],
  ['Ada', 'ada@example.com', '+60 12-345 6789'],
  ['', 'bob@example.com', '+60 12-345 6790'],
  ['Cy', 'cy at example.com', '+60 12-345 6791'],
];

/** Every feature a person reaches, in order; throws at the first refusal. */
function everyFeature(addon: Addon): void {
  const { AuthMode } = addon.fakes.globals.ScriptApp;
  addon.bundle.invoke('onOpen', { authMode: AuthMode.NONE });
  addon.bundle.invoke('onOpen', { authMode: AuthMode.LIMITED });
  addon.bundle.invoke('showSidebar');
  setUp(addon, { purpose: 'add-update', identifier: 'email', importTag: null });
  addon.call('reviewSheet');
  addon.call('setErrorFilter', true);
  addon.call('setErrorFilter', false);
  addon.call('applySuggestedFixes');
  const { progress } = importAll(addon);
  if (progress.status !== 'completed') throw new Error(`import ended ${progress.status}`);
  const sheet = addon.fakes.uncounted(() =>
    addon.fakes.globals.SpreadsheetApp.getActiveSpreadsheet().getSheetByName('Contacts'),
  );
  addon.fakes.spreadsheet.edit(() => sheet?.getRange(3, 1).setValue('Bob'));
  addon.bundle.invoke('onEdit', { range: sheet?.getRange(3, 1), authMode: AuthMode.LIMITED });
  addon.call('getHistory');
}

async function withManifest(manifest: Manifest, fn: (addon: Addon) => void): Promise<void> {
  await withAddon({ Contacts: SHEET }, ['--seed', 'empty'], { manifest }, fn);
}

test('the shipped manifest lets a person use every feature, and records who imported', async () => {
  await withManifest(shipped, (addon) => {
    everyFeature(addon);
    const history = addon.call('getHistory');
    expect(history[0]).toMatchObject({ user: 'owner@example.com', status: 'Completed' });
  });
}, 60_000);

test.each(shipped.oauthScopes ?? [])(
  'without %s some feature fails with Google’s permission error',
  async (scope) => {
    const manifest = { ...shipped, oauthScopes: shipped.oauthScopes?.filter((s) => s !== scope) };
    await withManifest(manifest, (addon) => {
      let refused = '';
      try {
        everyFeature(addon);
      } catch (error) {
        refused = String(error);
      }
      const answers = JSON.stringify(addon.answers);
      expect(`${refused} ${answers}`).toContain(`You do not have permission to call`);
      expect(`${refused} ${answers}`).toContain(scope);
    });
  },
  60_000,
);

test('onOpen before authorisation builds the menu and touches nothing else', async () => {
  await withManifest(shipped, (addon) => {
    addon.fakes.calls.reset();
    addon.bundle.invoke('onOpen', { authMode: addon.fakes.globals.ScriptApp.AuthMode.NONE });
    expect(addon.fakes.ui.menuFunction('Import contacts…')).toBe('showSidebar');
    expect(addon.fakes.calls.total('PropertiesService')).toBe(0);
  });
}, 60_000);

test('an allowlist without the API’s prefix stops the add-on at Connect, with the fix', async () => {
  const manifest = { ...shipped, urlFetchWhitelist: ['https://api.other.example/'] };
  await withManifest(manifest, (addon) => {
    expect(() => everyFeature(addon)).toThrow(/urlFetchWhitelist/);
  });
}, 60_000);
