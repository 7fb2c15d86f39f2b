#!/usr/bin/env node
// The contact-import CLI: runs dist/cli.js, which `npm run build` bundles from local/cli.ts
// with esbuild (esbuild.config.js). No TypeScript is compiled at start.
'use strict';

const { existsSync } = require('node:fs');
const { join } = require('node:path');

const built = join(__dirname, '..', 'dist', 'cli.js');
if (!existsSync(built)) {
  process.stderr.write(
    `contact-import: ${built} is missing. Run \`npm run build\` in ${join(__dirname, '..')} first.\n`,
  );
  process.exit(2);
}
const cli = require(built);

cli.main(process.argv.slice(2)).then(
  // Exit at once: idle keep-alive sockets to the API would otherwise hold the process open.
  (code) => process.exit(code),
  (error) => {
    process.stderr.write(`contact-import: ${error instanceof Error ? error.message : error}\n`);
    process.exit(2);
  },
);
