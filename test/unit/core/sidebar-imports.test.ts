/**
 * The sidebar shares core's rules (src/core/rules.ts) but must not carry the server's weight:
 * importing settings.ts instead of rules.ts takes the built sidebar.html from 66 KB to 195 KB
 * (zod and what it loads). Bundle the sidebar from its entry with its tsconfig, as webpack does,
 * and list the files it takes.
 */
import { buildSync } from 'esbuild';
import { join } from 'node:path';

const ROOT = join(__dirname, '../../..');

function sidebarInputs(): string[] {
  const result = buildSync({
    entryPoints: [join(ROOT, 'sidebar/main.tsx')],
    bundle: true,
    write: false,
    metafile: true,
    format: 'iife',
    platform: 'browser',
    tsconfig: join(ROOT, 'sidebar/tsconfig.json'),
    logLevel: 'silent',
  });
  return Object.keys(result.metafile.inputs);
}

describe('the sidebar bundle', () => {
  const inputs = sidebarInputs();

  test('takes the purpose rules from core', () => {
    expect(inputs).toContain('src/core/rules.ts');
  });

  test('takes no zod, no phone metadata and no server module that loads them', () => {
    const heavy = inputs.filter((file) =>
      /node_modules\/(zod|libphonenumber-js)\/|^src\/core\/(settings|plan|validate|mapping)\.ts$|^src\/api\/(index|schemas)\.ts$/.test(
        file,
      ),
    );
    expect(heavy).toEqual([]);
  });
});
