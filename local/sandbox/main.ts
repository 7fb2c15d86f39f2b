/**
 * `npm start`. Until the sandbox lands this prints what the build produced and how to run
 * the pieces that exist; `npm start` has already built dist/.
 */
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { DIST } from '../gas-runtime';

console.log('Built dist/ (what `npm run deploy` pushes with clasp):');
for (const file of readdirSync(DIST)) {
  console.log(`  ${file.padEnd(18)} ${(statSync(join(DIST, file)).size / 1024).toFixed(1)} KiB`);
}
console.log('\nThe contact-API emulator: npm run emulator -- --port 8787');
console.log('Tests: npm test');
