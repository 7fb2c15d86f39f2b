/**
 * The local sandbox (`startSandbox`) in a CHILD PROCESS, for browser tests that watch an
 * import. The sandbox serves the bundle's calls on its own thread and that thread blocks
 * while a fetch waits on synchronous HTTP (and for a whole menu item or onEdit), so a test
 * driving Chromium from the same thread would stall with it.
 *
 *   node --import tsx test/support/sandbox-child.ts '<SandboxOptions as JSON>'
 *
 * Prints one line `SANDBOX {"url":…,"apiUrl":…,"emulatorOrigin":…,"sheetName":…}` once
 * ready; logs go to stderr. Stops (and stops its emulator) on SIGTERM, or when its stdin
 * closes, which is how it learns that the test process is gone, however it ended.
 */
import { startSandbox, type SandboxOptions } from '../../local/sandbox/server';
import { READY_PREFIX } from './sandbox-driver';

async function main(): Promise<void> {
  const options = JSON.parse(process.argv[2] ?? '{}') as SandboxOptions;
  const sandbox = await startSandbox({
    ...options,
    port: 0,
    log: (line) => process.stderr.write(`${line}\n`),
  });
  const ready = {
    url: sandbox.url,
    apiUrl: sandbox.apiUrl,
    emulatorOrigin: sandbox.emulatorOrigin,
    sheetName: sandbox.sheetName,
  };
  process.stdout.write(`${READY_PREFIX}${JSON.stringify(ready)}\n`);

  let stopping = false;
  const stop = (): void => {
    if (stopping) return;
    stopping = true;
    void sandbox.stop().finally(() => process.exit(0));
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
  process.stdin.on('end', stop);
  process.stdin.resume();
}

main().catch((e: unknown) => {
  process.stderr.write(`${e instanceof Error ? e.message : String(e)}\n`);
  process.exit(1);
});
