/**
 * The contact-API emulator as a CHILD PROCESS. The sandbox runs the add-on's server code on
 * its own thread, and that code blocks the thread while it waits for synchronous HTTP; an
 * emulator sharing the thread could never answer. A separate process also keeps the
 * emulator's timing (rate-limit windows, latency) independent of the add-on's executions.
 */
import { spawn } from 'node:child_process';
import { join } from 'node:path';

export interface EmulatorProcess {
  /** e.g. `http://127.0.0.1:41234/v2` */
  baseUrl: string;
  /** `http://127.0.0.1:41234`, where `/__admin/…` lives. */
  origin: string;
  /** The child's process id, to tell a person what to stop if the sandbox is killed hard. */
  pid: number | undefined;
  /** SIGTERM, then SIGKILL after 3 s; resolves once the child has exited. */
  stop(): Promise<void>;
}

const ROOT = join(__dirname, '..', '..');
const EMULATOR_CHILD = join(__dirname, 'emulator-child.ts');
/** The emulator prints this first; everything before it is start-up noise. */
const LISTENING = /Emulator listening on (\S+)/;

/** `args` are emulator CLI flags (see emulator/README.md), e.g. `['--token', 't', '--rate', '5']`. */
export function startEmulatorProcess(
  args: string[] = [],
  timeoutMs = 60_000,
): Promise<EmulatorProcess> {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', EMULATOR_CHILD, '--port', '0', ...args],
    // Its own process group would survive a Ctrl-C aimed at the sandbox; the default (ours)
    // means a terminal's Ctrl-C reaches both, and stop() covers every other way out. Its
    // stdin is a pipe from us, closed by our end however it comes (see emulator-child.ts).
    { cwd: ROOT, stdio: ['pipe', 'pipe', 'pipe'] },
  );
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));

  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const stop = async (): Promise<void> => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 3000);
      await exited;
      clearTimeout(timer);
    }
  };

  return new Promise((resolve, reject) => {
    let stdout = '';
    const timer = setTimeout(() => {
      void stop();
      reject(new Error(`The emulator did not start within ${timeoutMs} ms.\n${stderr}`));
    }, timeoutMs);
    const onData = (chunk: Buffer): void => {
      stdout += chunk.toString();
      const baseUrl = LISTENING.exec(stdout)?.[1];
      if (!baseUrl) return;
      clearTimeout(timer);
      child.stdout?.off('data', onData);
      // Keep draining its output so a chatty emulator never blocks on a full pipe.
      child.stdout?.resume();
      resolve({ baseUrl, origin: new URL(baseUrl).origin, pid: child.pid, stop });
    };
    child.stdout?.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`The emulator exited (code ${code}) before listening.\n${stderr}`));
    });
  });
}
