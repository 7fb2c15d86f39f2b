// Builds the command-line importer (local/cli.ts, `contact-import`) into one file,
// dist/cli.js, which bin/contact-import.js runs. The project's own code (local/, src/) is
// bundled; npm packages stay `require()`s of the package's `dependencies`, installed beside
// it by `npm install -g` or `npm pack`. `npm run build` runs this after webpack.
const path = require('node:path');
const esbuild = require('esbuild');

esbuild.buildSync({
  entryPoints: [path.resolve(__dirname, 'local/cli.ts')],
  outfile: path.resolve(__dirname, 'dist/cli.js'),
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  packages: 'external',
  tsconfig: path.resolve(__dirname, 'tsconfig.json'),
  logLevel: 'warning',
});
