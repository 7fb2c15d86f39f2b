/**
 * The production bundle with overlapping executions (local/gas-fakes/executions): one shared
 * fakes instance on a fake clock with Apps Script's cost model (each execution has its own
 * meter and deadline on that clock), each execution in its own worker, interleaved at
 * service-call boundaries in the order a seed decides; the emulator in a child process.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createGasFakes, readManifest, type Execution, type GasFakes } from '../../local/gas-fakes';
import { ConcurrentRuntime, type ExecutionHandle } from '../../local/gas-fakes/executions/runtime';
import { createSyncHttpHandler } from '../../local/gas-fakes/http-sync';
import { DIST, executionOf } from '../../local/gas-runtime';
import { copyAnswer, copyArguments } from '../../local/host/script-run-payload';
import type { RpcResult } from '../../src/rpc';
import { emulatorHosts, OWNER, PUBLIC_BASE_URL, TOKEN } from './addon-harness';
import type { EmulatorProcess } from './emulator-process';

export interface ConcurrentAddon {
  fakes: GasFakes;
  rt: ConcurrentRuntime;
  /** Starts a google.script.run call (arguments copied by Google's rules). */
  startRpc(
    name: string,
    args?: unknown[],
    options?: { user?: string; label?: string },
  ): ExecutionHandle;
  /** Starts a trigger (onEdit: a LIMITED simple trigger, as gas-runtime's invoke). */
  startTrigger(name: string, event: unknown, label?: string): ExecutionHandle;
  /** Runs an RPC to its end (others move meanwhile) and unwraps its RpcResult. */
  call<T = unknown>(name: string, ...args: unknown[]): T;
  /** The RpcResult of a finished RPC execution, as the sidebar would receive it. */
  answer<T = unknown>(execution: ExecutionHandle): RpcResult<T>;
  close(): Promise<void>;
}

export function startConcurrentAddon(
  emulator: EmulatorProcess,
  sheets: Record<string, unknown[][]>,
  seed: number,
): ConcurrentAddon {
  const fakes = createGasFakes({
    sheets,
    user: OWNER,
    clock: 'fake',
    // Apps Script's costs and deadlines (cost.ts), each execution on its own meter.
    costModel: true,
    now: Date.UTC(2025, 2, 3, 9, 0, 0),
    files: { sidebar: readFileSync(join(DIST, 'sidebar.html'), 'utf8') },
    manifest: readManifest(join(DIST, 'appsscript.json')),
  });
  fakes.onFetch(createSyncHttpHandler({ timeoutMs: 20_000, hosts: emulatorHosts(emulator) }));
  const rt = new ConcurrentRuntime({
    fakes,
    codePath: join(DIST, 'Code.js'),
    seed,
  });
  const scriptRun: Execution = { authMode: 'FULL', kind: 'script-run' };
  const startRpc: ConcurrentAddon['startRpc'] = (name, args = [], options = {}) =>
    rt.start(name, copyArguments(args) as unknown[], { ...options, execution: scriptRun });
  const answer = <T>(execution: ExecutionHandle): RpcResult<T> => {
    if (execution.error) {
      throw new Error(
        `${execution.label} threw ${execution.error.name}: ${execution.error.message}`,
      );
    }
    return copyAnswer(execution.result) as RpcResult<T>;
  };
  return {
    fakes,
    rt,
    startRpc,
    startTrigger: (name, event, label) =>
      rt.start(name, [event], { execution: executionOf(name, event), ...(label ? { label } : {}) }),
    call<T>(name: string, ...args: unknown[]): T {
      const execution = startRpc(name, args);
      rt.finish(execution);
      const result = answer<T>(execution);
      if (!result.ok) throw new Error(`${name}: ${result.error}`);
      return result.value;
    },
    answer,
    close: () => rt.close(),
  };
}

/** Connects and saves settings (the automatic mapping plus `changes`), one call at a time. */
export function setUpConcurrent(addon: ConcurrentAddon, changes: Record<string, unknown>): void {
  addon.call('saveConnection', { baseUrl: PUBLIC_BASE_URL, token: TOKEN });
  const test = addon.call<{ ok: boolean; message: string }>('testConnection');
  if (!test.ok) throw new Error(test.message);
  const state = addon.call<{ settings: Record<string, unknown> }>('getWizardState');
  const check = addon.call<{ ok: boolean; problems: string[] }>('saveSettings', {
    ...state.settings,
    ...changes,
  });
  if (!check.ok) throw new Error(check.problems.join(' '));
}
