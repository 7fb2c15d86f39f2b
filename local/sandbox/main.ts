/**
 * `npm start`: the product on this machine, no Google account. Builds first (package.json),
 * then serves one page with a spreadsheet and the add-on's sidebar side by side, backed by
 * the contact-API emulator. See `USAGE` for the options.
 */
import { existsSync } from 'node:fs';
import { parseArgs } from 'node:util';
import {
  DEFAULT_PORT,
  DEFAULT_SLICE_MS,
  EMULATOR_TOKEN,
  startSandbox,
  type SandboxOptions,
} from './server';

const USAGE = `Usage: npm start -- [options]
  --port <n>          port on 127.0.0.1 (default ${DEFAULT_PORT}; 0 picks a free one)
  --file <path>       show this .csv or .xlsx instead of the sample sheet
  --convert           read the CSV as Sheets' import does ("+60…" → number, dates → dates)
  --rows <n>          rows of the sample sheet (default 200)
  --save <path>       write the sheet there on Ctrl-C and on File › Save
                      (.csv: the contact tab as displayed; .xlsx: every tab)
  --api-url <url>     use this contact API instead of the local emulator; the token
                      comes from the CONTACT_IMPORT_TOKEN environment variable
  --rate <n>          emulator: requests a second per endpoint (default 20, like a
                      workspace that announces its limit; 0: no limit)
  --faults <spec>     emulator: injected faults, e.g. 500:0.05,429:0.02 (emulator/README.md)
  --no-sidebar        do not open the sidebar at start (use Extensions › Contact import)
  --slice-ms <n>      length of one import slice (default ${DEFAULT_SLICE_MS}; the page refreshes
                      between slices)
  --verbose           log every execution with its duration
  --help`;

function fail(message: string): never {
  console.error(`${message}\n\n${USAGE}`);
  process.exit(2);
}

function whole(name: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) fail(`--${name} must be a whole number ≥ 0`);
  return n;
}

function readOptions(): SandboxOptions {
  let values;
  try {
    ({ values } = parseArgs({
      options: {
        port: { type: 'string' },
        file: { type: 'string' },
        convert: { type: 'boolean' },
        rows: { type: 'string' },
        save: { type: 'string' },
        'api-url': { type: 'string' },
        rate: { type: 'string' },
        faults: { type: 'string' },
        'no-sidebar': { type: 'boolean' },
        verbose: { type: 'boolean' },
        'slice-ms': { type: 'string' },
        help: { type: 'boolean' },
      },
      strict: true,
    }));
  } catch (e) {
    fail(e instanceof Error ? e.message : String(e));
  }
  if (values.help) {
    console.log(USAGE);
    process.exit(0);
  }
  if (values.file !== undefined && !existsSync(values.file))
    fail(`--file: no such file ${values.file}`);
  const emulatorArgs: string[] = [];
  // A workspace announces its rate limit; the add-on paces to it. 20/s keeps the sample quick.
  emulatorArgs.push(
    '--rate',
    values.rate === undefined ? '20' : String(whole('rate', values.rate)),
  );
  if (values.faults !== undefined) emulatorArgs.push('--faults', values.faults);
  const apiUrl = values['api-url'];
  return {
    port: whole('port', values.port) ?? DEFAULT_PORT,
    file: values.file,
    convert: values.convert ?? false,
    rows: whole('rows', values.rows),
    saveFile: values.save,
    apiUrl,
    token: apiUrl !== undefined ? process.env.CONTACT_IMPORT_TOKEN || undefined : undefined,
    emulatorArgs,
    openSidebar: !values['no-sidebar'],
    verbose: values.verbose ?? false,
    sliceMs: whole('slice-ms', values['slice-ms']),
  };
}

async function main(): Promise<void> {
  const options = readOptions();
  const started = performance.now();
  let sandbox;
  try {
    sandbox = await startSandbox(options);
  } catch (e) {
    console.error(e instanceof Error ? e.message : String(e));
    process.exit(1);
  }
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  const { lastRow, lastColumn } = sandbox.fakes.spreadsheet.sheetState(sandbox.sheetName, 'A1:A1');
  console.log(`Sandbox ready in ${seconds} s: ${sandbox.url}`);
  console.log(
    `  sheet     ${sandbox.sheetName}: ${lastRow} rows × ${lastColumn} columns, header in row 1`,
  );
  if (sandbox.emulatorOrigin) {
    console.log(
      `  API       ${sandbox.apiUrl} → local emulator at ${sandbox.emulatorOrigin} (demo workspace)`,
    );
    console.log(`  token     ${EMULATOR_TOKEN}`);
  } else {
    console.log(`  API       ${sandbox.apiUrl}`);
    console.log(
      `  token     ${options.token ? 'from CONTACT_IMPORT_TOKEN' : 'none: set CONTACT_IMPORT_TOKEN or enter it in Connect'}`,
    );
  }
  if (options.saveFile) console.log(`  save to   ${options.saveFile} (on Ctrl-C and File › Save)`);
  console.log('Ctrl-C stops it.');

  let stopping = false;
  const stop = (): void => {
    if (stopping) return;
    stopping = true;
    console.log('\nStopping…');
    void sandbox.stop().then(() => process.exit(0));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

void main();
