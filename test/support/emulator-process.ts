/**
 * The emulator as a CHILD PROCESS (`node --import tsx emulator/main.ts --port 0 …`), for
 * callers that block their own thread with synchronous HTTP and so cannot host the server
 * in the same thread. Resolves once the emulator printed its base URL.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';

export interface EmulatorProcess {
  /** e.g. `http://127.0.0.1:41234/v2` */
  baseUrl: string;
  /** `http://127.0.0.1:41234`, where `/__admin/…` lives. */
  origin: string;
  child: ChildProcess;
  /** Stops the emulator (SIGTERM, then SIGKILL after 3 s) and waits for it to exit. */
  stop(): Promise<void>;
}

const ROOT = join(__dirname, '..', '..');

/** `args` are emulator CLI flags, e.g. `['--rate', '50', '--faults', '500:0.1']`. */
export function startEmulatorProcess(
  args: string[] = [],
  timeoutMs = 20_000,
): Promise<EmulatorProcess> {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', join(ROOT, 'emulator', 'main.ts'), '--port', '0', ...args],
    {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));

  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const stop = async (): Promise<void> => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 3000);
    await exited;
    clearTimeout(timer);
  };

  return new Promise((resolve, reject) => {
    let stdout = '';
    const timer = setTimeout(() => {
      void stop();
      reject(new Error(`The emulator did not start within ${timeoutMs} ms.\n${stderr}`));
    }, timeoutMs);
    child.stdout?.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      const match = /Emulator listening on (\S+)/.exec(stdout);
      if (!match?.[1]) return;
      clearTimeout(timer);
      const baseUrl = match[1];
      resolve({ baseUrl, origin: new URL(baseUrl).origin, child, stop });
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`The emulator exited (code ${code}) before listening.\n${stderr}`));
    });
  });
}
