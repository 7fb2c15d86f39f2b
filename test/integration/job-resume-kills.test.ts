/**
 * An import killed at random moments and resumed from what it last saved ends exactly where an
 * uninterrupted run ends: the same contacts (fields and tags) and the same row statuses.
 *
 * A kill is simulated in-process, as the CLI would suffer it: from the kill on, nothing more
 * is sent and no answer is read (requests already on the wire still reach the workspace, so
 * writes land unseen), and the next slice starts from the last saved copy of the sheet and
 * the last saved checkpoint (saved every SAVE_MS, like the CLI's results file and sidecar).
 * The seed is in each test's name: KILL_SEED=<n> replays a failure.
 */
import { seededRandom } from '../../emulator/prng';
import type { HttpRequest, HttpResult } from '../../src/api';
import type { JobState } from '../../src/core/job';
import type { SettingsInput } from '../../src/core/settings';
import type { Connection } from '../../local/http';
import { importSheet, type ImportResult } from '../../local/importer';
import type { Sheet } from '../../local/sheet';
import { sendHttp } from '../../local/http';
import {
  contactList,
  rowsView,
  workspaceView,
  workspaceWith,
  type ListOptions,
} from '../support/contact-lists';
import { emulator, settings, TOKEN, type Env } from '../support/import-harness';
import { IMPORT_TAG, resumeWorkspace, ROWS, RUNS } from '../support/resume-scenarios';

const SEED = Number(process.env.KILL_SEED ?? Date.now() % 1_000_000);
const random = seededRandom(SEED);
const KILLS_PER_RUN = 7;
/** How often the running slice saves the sheet and the checkpoint. */
const SAVE_MS = 150;

let reference: Env;
let target: Env;
let killsLanded = 0;

beforeAll(async () => {
  // A high limit, announced in headers, lets the pacer run the reference at full speed.
  reference = await emulator({ data: workspaceWith(ROWS / 2), rate: 1000 });
  // Rate-limited, so a run lasts long enough to be killed part-way through.
  target = await emulator({ data: workspaceWith(ROWS / 2), rate: 60 });
});
afterAll(async () => {
  await reference.server.close();
  await target.server.close();
});

const never = new Promise<HttpResult>(() => undefined);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const copy = (sheet: Sheet): Sheet => sheet.map((row) => [...row]);

interface Saved {
  sheet: Sheet;
  state: JobState | null;
}

/** One slice that can be killed: `kill()` cuts it off from the workspace for good. */
function slice(env: Env, saved: Saved, input: SettingsInput, onSave: (s: Saved) => void) {
  let dead = false;
  const connection: Connection = {
    baseUrl: env.connection.baseUrl,
    send: (request: HttpRequest) =>
      dead
        ? never
        : sendHttp(request, { token: TOKEN, timeoutMs: 5_000 }).then((r) => (dead ? never : r)),
  };
  const sheet = copy(saved.sheet);
  let lastSave = Date.now();
  const save = (state: JobState) => {
    if (dead) return;
    onSave({ sheet: copy(sheet), state });
    lastSave = Date.now();
  };
  const running = importSheet(sheet, {
    connection,
    settings: settings(input),
    customFields: env.customFields,
    mode: 'pending',
    importTag: IMPORT_TAG,
    state: saved.state,
    onCheckpoint: save,
    onProgress: (job) => {
      if (Date.now() - lastSave >= SAVE_MS) save(job.checkpoint());
    },
  });
  running.catch(() => undefined);
  return { running, sheet, kill: () => (dead = true) };
}

/** Runs to the end, killed up to `kills` times at random moments; returns the final sheet. */
async function killedRun(input: SettingsInput, list: Sheet, kills: number) {
  let saved: Saved = { sheet: copy(list), state: null };
  for (let attempt = 0; ; attempt++) {
    const current = slice(target, saved, input, (s) => (saved = s));
    if (attempt >= kills) return { sheet: current.sheet, result: await current.running };
    const finished = await Promise.race([
      current.running,
      sleep(20 + random() * 300).then(() => null),
    ]);
    if (finished) return { sheet: current.sheet, result: finished };
    current.kill();
    killsLanded++;
  }
}

async function reset(env: Env, options: ListOptions) {
  await fetch(`${env.server.origin}/__admin/reset`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(resumeWorkspace(options)),
  });
}

const scenarios = [
  RUNS.addUpdateByPhone,
  RUNS.addNewByEmail,
  RUNS.updateKeepingValues,
  RUNS.addAll,
];

describe(`killed and resumed (seed ${SEED})`, () => {
  test.each(scenarios)(
    '%s: same workspace and statuses as an uninterrupted run',
    async (_name, input, options) => {
      await reset(reference, options);
      await reset(target, options);
      const list = contactList(ROWS, options);

      const once = copy(list);
      const uninterrupted: ImportResult = await importSheet(once, {
        connection: reference.connection,
        settings: settings(input),
        customFields: reference.customFields,
        mode: 'pending',
        importTag: IMPORT_TAG,
      });
      const killed = await killedRun(input, list, KILLS_PER_RUN);

      expect(uninterrupted.state.status).toBe('completed');
      expect(killed.result.state.status).toBe('completed');
      const expected = await reference.contacts();
      const actual = await target.contacts();
      expect(workspaceView(actual)).toEqual(workspaceView(expected));
      expect(rowsView(killed.sheet, actual)).toEqual(rowsView(once, expected));
      // One run from start to end: every row's marker names the run the first slice began.
      const markers = new Set(killed.sheet.slice(1).map((row) => String(row.at(-1)).split('@')[1]));
      expect(markers).toEqual(new Set([killed.result.state.jobId]));
    },
    300_000,
  );

  test('the runs above were killed part-way at least 20 times in all', () => {
    expect(killsLanded).toBeGreaterThanOrEqual(20);
  });
});
