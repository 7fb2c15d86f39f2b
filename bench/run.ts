/**
 * `npm run bench`: runs every benchmark in its own process (so peak memory is its own) and
 * prints the figures. Add a benchmark by adding its file to BENCHMARKS. `npm run bench -- addon`
 * runs only the benchmarks whose file name contains one of the words given.
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

const BENCHMARKS = ['validate.ts', 'import.ts', 'addon.ts'];

const filters = process.argv.slice(2);
const chosen = BENCHMARKS.filter((f) => filters.length === 0 || filters.some((w) => f.includes(w)));
if (chosen.length === 0) {
  console.error(`No benchmark matches ${filters.join(' ')}; there are: ${BENCHMARKS.join(', ')}`);
  process.exit(1);
}

for (const file of chosen) {
  const path = join(__dirname, file);
  if (!existsSync(path)) continue;
  console.log(`\n== ${file}`);
  execFileSync(process.execPath, ['--import', 'tsx', path], { stdio: 'inherit' });
}
