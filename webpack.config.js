// Builds the three files `clasp push` uploads from dist/:
//   Code.js         server code (src/gas/main.ts); gas-webpack-plugin turns every
//                   `global.name = fn` into a top-level `function name()` Apps Script can see.
//   sidebar.html    the wizard (sidebar/main.tsx) with its script and style inlined.
//   appsscript.json the manifest, copied.
const path = require('node:path');
const fs = require('node:fs');
const GasPlugin = require('gas-webpack-plugin');
const HtmlWebpackPlugin = require('html-webpack-plugin');
const HtmlInlineScriptPlugin = require('html-inline-script-webpack-plugin');
const CopyPlugin = require('copy-webpack-plugin');
const { EsbuildPlugin } = require('esbuild-loader');

const dist = path.resolve(__dirname, 'dist');

const tsRule = (tsconfig, target) => ({
  test: /\.tsx?$/,
  loader: 'esbuild-loader',
  options: { tsconfig, target },
});

/** @type {(env: unknown, argv: { mode?: string }) => import('webpack').Configuration[]} */
module.exports = (_env, argv) => {
  const production = argv.mode !== 'development';
  const shared = {
    mode: production ? 'production' : 'development',
    devtool: false,
    resolve: { extensions: ['.ts', '.tsx', '.js'] },
    performance: { hints: false },
  };
  const minify = (options) => ({
    minimize: production,
    minimizer: [new EsbuildPlugin({ target: 'es2019', ...options })],
  });
  return [
    {
      ...shared,
      name: 'server',
      entry: './src/gas/main.ts',
      // Apps Script's V8 runs ES2019 reliably; esbuild lowers anything newer.
      target: ['web', 'es2019'],
      output: { path: dist, filename: 'Code.js', clean: false },
      // No `format`: esbuild would otherwise wrap the file in an IIFE and hide the
      // top-level functions gas-webpack-plugin declared.
      optimization: minify({ format: undefined }),
      module: { rules: [tsRule(path.resolve(__dirname, 'src/gas/tsconfig.json'), 'es2019')] },
      plugins: [
        new GasPlugin({ comment: false }),
        new CopyPlugin({ patterns: [{ from: 'appsscript.json', to: dist }] }),
      ],
    },
    {
      ...shared,
      name: 'sidebar',
      entry: './sidebar/main.tsx',
      target: ['web', 'es2019'],
      output: { path: dist, filename: 'sidebar.js', clean: false },
      optimization: minify({}),
      module: { rules: [tsRule(path.resolve(__dirname, 'sidebar/tsconfig.json'), 'es2019')] },
      plugins: [
        new HtmlWebpackPlugin({
          filename: 'sidebar.html',
          template: './sidebar/index.html',
          inject: 'body',
          minify: false,
          templateParameters: {
            styles: fs.readFileSync(path.resolve(__dirname, 'sidebar/styles.css'), 'utf8'),
          },
        }),
        // Inlines the script and drops the separate sidebar.js: one self-contained file.
        new HtmlInlineScriptPlugin(),
      ],
    },
  ];
};
