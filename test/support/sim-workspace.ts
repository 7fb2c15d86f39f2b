/**
 * The emulator in this process, on the simulated clock of the run under way, for imports run
 * with test/support/sim-import.ts: each run starts from a workspace it resets, under faults
 * drawn from the run's seed, with a new rate limiter (the last one's clock was another run's).
 */
import { startEmulator, type EmulatorHandle } from '../../emulator/server';
import type { WorkspaceData } from '../../emulator/workspace';
import type { Contact, CustomFieldDef } from '../../src/api';
import { fetchCustomFields } from '../../local/http';
import type { Sheet } from '../../local/sheet';
import { workspaceWith } from './contact-lists';
import { runKilled, World, type SliceOptions } from './sim-import';

export interface SimRun extends ReturnType<typeof runKilled> {
  /** The workspace's contacts when the run ended. */
  contacts: Contact[];
  /** Faults the emulator injected, by kind (its stats' count). */
  injected: Record<string, number>;
}

export interface SimWorkspace {
  emulator: EmulatorHandle;
  customFields: CustomFieldDef[];
  /**
   * One import of a copy of `list` into a workspace reset to `data`, under `faults` (none when
   * ''), its slices killed after the answer counts in `kills`.
   */
  run(
    data: WorkspaceData,
    list: Sheet,
    options: Omit<SliceOptions, 'customFields' | 'killAfter'>,
    seed: number,
    faults: string,
    kills?: readonly number[],
  ): SimRun;
  close(): Promise<void>;
}

export async function simWorkspace(token: string): Promise<SimWorkspace> {
  /** The emulator's clock: the simulated one of the run under way. */
  let clock = () => Date.now();
  const emulator = await startEmulator({
    tokens: [token],
    seed: 'empty',
    data: workspaceWith(0),
    rate: 1000,
    now: () => clock(),
  });
  const customFields = await fetchCustomFields({
    baseUrl: emulator.baseUrl,
    send: async (request) =>
      emulator.exchange({
        ...request,
        headers: { ...request.headers, Authorization: `Bearer ${token}` },
      }),
  });
  return {
    emulator,
    customFields,
    run(data, list, options, seed, faults, kills = []) {
      emulator.reset(data);
      emulator.configure({ rate: 1000, faults: faults === '' ? '' : `${faults},seed:${seed}` });
      const world = new World(emulator, token, seed);
      clock = () => world.now;
      const result = runKilled(
        world,
        list.map((row) => [...row]),
        { ...options, customFields },
        kills,
      );
      return {
        ...result,
        contacts: emulator.workspace.allContacts() as unknown as Contact[],
        injected: emulator.stats().injected,
      };
    },
    close: () => emulator.close(),
  };
}
