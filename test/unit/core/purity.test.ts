/**
 * The core must run where only ECMAScript exists (Apps Script's V8): bundle it and run it in a
 * bare `vm` context with no Node, browser or Apps Script globals. The sheet values come from
 * this test's realm, so Dates and arrays cross realms as they do in the bundle tests.
 */
import { buildSync } from 'esbuild';
import { join } from 'node:path';
import { createContext, runInContext } from 'node:vm';

const CORE = join(__dirname, '../../../src/core');

function bundleCore(): string {
  const bundle = buildSync({
    stdin: {
      contents: [
        `export { readTable } from './table';`,
        `export { buildCatalogue } from './fields';`,
        `export { autoMap, mappingFromMatches } from './mapping';`,
        `export { parseSettings } from './settings';`,
        `export { validateTable } from './validate';`,
        `export { fingerprint } from './fingerprint';`,
      ].join('\n'),
      resolveDir: CORE,
      loader: 'ts',
    },
    bundle: true,
    format: 'iife',
    globalName: 'core',
    platform: 'neutral',
    mainFields: ['module', 'main'],
    target: 'es2020',
    write: false,
  });
  return bundle.outputFiles[0]?.text ?? '';
}

function loadInBareContext(code: string): Record<string, (...args: unknown[]) => unknown> {
  const context = createContext({});
  runInContext(code, context);
  return runInContext('core', context);
}

describe('the core in a bare JavaScript context', () => {
  const code = bundleCore();
  const core = loadInBareContext(code);

  test('has no Node, browser or Apps Script globals to lean on', () => {
    const globals = ['process', 'require', 'Buffer', 'URL', 'window', 'fetch', 'SpreadsheetApp'];
    const context = createContext({});
    expect(globals.map((name) => runInContext(`typeof ${name}`, context))).toEqual(
      globals.map(() => 'undefined'),
    );
    // V8 gives every context a console, so check the code instead: nothing logs.
    expect(code).not.toMatch(/\bconsole\./);
  });

  test('reviews a sheet whose values (and Dates) come from another realm', () => {
    const values = [
      ['Name', 'Mobile', 'E-mail', 'Birthday', 'Error'],
      [
        'Aisha Rahman',
        '012-345 6789',
        'Aisha@Example.com',
        new Date(Date.UTC(1990, 4, 3, 16, 30)),
        '',
      ],
      ['Bob', 60198765432, 'bob@example', '05/06/1990', ''],
    ];
    const table = core.readTable?.(values) as { ok: true; value: { columns: unknown } };
    const catalogue = core.buildCatalogue?.([{ name: 'Birthday', dataType: 'date' }]);
    const matches = core.autoMap?.(table.value.columns, catalogue, { identifier: 'phone' });
    const settings = core.parseSettings?.({
      purpose: 'add-update',
      identifier: 'phone',
      defaultCountry: 'MY',
      mapping: core.mappingFromMatches?.(matches),
    }) as { ok: true; value: unknown };
    const report = core.validateTable?.(settings.value, table.value, catalogue, {
      timeZone: 'Asia/Kuala_Lumpur',
    }) as { ok: true; value: { rows: { errorText: string; payload: unknown }[] } };

    expect(report.ok).toBe(true);
    const [aisha, bob] = report.value.rows;
    expect(JSON.parse(JSON.stringify(aisha?.payload))).toEqual({
      identifierValue: { kind: 'phone', value: '+60123456789' },
      fields: {
        firstName: 'Aisha',
        lastName: 'Rahman',
        phone: '+60123456789',
        email: 'aisha@example.com',
        custom_fields: [{ name: 'Birthday', value: '1990-05-04' }],
      },
    });
    expect(bob?.errorText).toBe(
      "E-mail: the domain 'example' needs a dot, e.g. example.com; Birthday: '05/06/1990' is ambiguous (1990-06-05 or 1990-05-06?) — write it as yyyy-mm-dd",
    );
    expect(core.fingerprint?.(aisha?.payload)).toMatch(/^[0-9a-f]{8}$/);
  });
});
