#!/usr/bin/env node
// The contact-import CLI (local/cli.ts). It is TypeScript run without a build step: tsx's
// CommonJS hook compiles each module as it is required.
'use strict';

require('tsx/cjs');
const { main } = require('../local/cli.ts');

main(process.argv.slice(2)).then(
  // Exit at once: idle keep-alive sockets to the API would otherwise hold the process open.
  (code) => process.exit(code),
  (error) => {
    process.stderr.write(`contact-import: ${error instanceof Error ? error.message : error}\n`);
    process.exit(2);
  },
);
