/**
 * job-resume-kills.test.ts on a simulated clock: an import killed at arbitrary moments and
 * resumed from what it last saved ends exactly where an uninterrupted run ends — the same
 * contacts (fields and tags) and the same row statuses. Deterministic and fast, so many
 * seeds and kills run where the HTTP version affords a handful; a failure replays from the
 * seed in its name (RESUME_SEED=<n>); RESUME_SEEDS=<count> runs more of them.
 *
 * A killed slice reads no more answers and sends nothing, but its requests already on the
 * wire still land, possibly after the next slice's first requests (test/support/sim-import.ts
 * draws each request's travel time). The HTTP test met this rarely: add-all with run tags
 * once left a contact without tags.
 */
import { seededRandom } from '../../emulator/prng';
import type { Contact } from '../../src/api';
import type { SettingsInput } from '../../src/core/settings';
import type { Sheet } from '../../local/sheet';
import { contactList, rowsView, workspaceView, type ListOptions } from '../support/contact-lists';
import { settings } from '../support/import-harness';
import { IMPORT_TAG, resumeWorkspace, ROWS, RUNS } from '../support/resume-scenarios';
import { simWorkspace, type SimWorkspace } from '../support/sim-workspace';

const KILLS = 7;
const SEEDS = process.env.RESUME_SEED
  ? [Number(process.env.RESUME_SEED)]
  : Array.from({ length: Number(process.env.RESUME_SEEDS ?? 10) }, (_, i) => 100 + i);

let workspace: SimWorkspace;
beforeAll(async () => {
  workspace = await simWorkspace('resume-token');
});
afterAll(() => workspace.close());

interface Ended {
  sheet: Sheet;
  contacts: Contact[];
  status: string;
  killsLanded: number;
}

function importInto(
  input: SettingsInput,
  list: Sheet,
  options: ListOptions,
  seed: number,
  kills: number[],
  faults: string,
): Ended {
  const result = workspace.run(
    resumeWorkspace(options),
    list,
    {
      settings: settings(input),
      importTag: IMPORT_TAG,
      saveMs: 150,
    },
    seed,
    faults,
    kills,
  );
  return {
    sheet: result.sheet,
    contacts: result.contacts,
    status: result.state.status,
    killsLanded: result.killsLanded,
  };
}

const scenarios = [RUNS.addAll, RUNS.addUpdateByPhone, RUNS.addNewByEmail];

const FAULTS: [string, string][] = [
  ['no faults', ''],
  ['dropped answers', '500:0.05,drop-before:0.05,drop-after:0.1'],
];

const cases = scenarios.flatMap(([name, input, options]) =>
  FAULTS.flatMap(([faultName, faults]) =>
    SEEDS.map((seed) => [name, faultName, seed, input, options, faults] as const),
  ),
);

let killsLanded = 0;
const uninterrupted = new Map<string, Ended>();

test.each(cases)(
  '%s, %s, seed %i: killed and resumed, ends as an uninterrupted run',
  (name, _faultName, seed, input, options, faults) => {
    const list = contactList(ROWS, options);
    // The uninterrupted, fault-free run ends the same whatever the seed: one per scenario.
    if (!uninterrupted.has(name))
      uninterrupted.set(name, importInto(input, list, options, seed, [], ''));
    const once = uninterrupted.get(name) as Ended;
    // Kill points: answers read before each slice dies, spread over a whole run's worth (a
    // tagged new row takes two answers, its create and its tags; an update about one).
    const random = seededRandom(seed * 7919);
    const kills = Array.from({ length: KILLS }, () => 1 + Math.floor(random() * ROWS));
    const killed = importInto(input, list, options, seed, kills, faults);
    killsLanded += killed.killsLanded;

    expect(once.status).toBe('completed');
    expect(killed.status).toBe('completed');
    expect(workspaceView(killed.contacts)).toEqual(workspaceView(once.contacts));
    expect(rowsView(killed.sheet, killed.contacts)).toEqual(rowsView(once.sheet, once.contacts));
  },
  60_000,
);

test('the runs above were killed part-way, most of the kills they were dealt', () => {
  expect(killsLanded).toBeGreaterThanOrEqual(cases.length * KILLS * 0.5);
});
