/**
 * `npm run bench`: runs every benchmark in its own process (so peak memory is its own) and
 * prints the figures. Add a benchmark by adding its file to BENCHMARKS.
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

const BENCHMARKS = ['validate.ts', 'import.ts'];

for (const file of BENCHMARKS) {
  const path = join(__dirname, file);
  if (!existsSync(path)) continue;
  console.log(`\n== ${file}`);
  execFileSync(process.execPath, ['--import', 'tsx', path], { stdio: 'inherit' });
}
