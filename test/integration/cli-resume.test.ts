/**
 * The CLI killed with SIGKILL at random moments (no chance to save anything on the way out),
 * then run again with the same command, until it finishes: the workspace and the results file
 * must end as an uninterrupted run leaves them, all in one run with one import tag.
 * The seed is in the test's name: KILL_SEED=<n> replays a failure.
 */
import { mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { seededRandom } from '../../emulator/prng';
import type { Contact } from '../../src/api';
import { csvColumn, csvRows, runCli, startCli } from '../support/cli-process';
import {
  contactList,
  rowsView,
  workspaceView,
  workspaceWith,
  writeList,
} from '../support/contact-lists';
import { emulator, TOKEN, type Env } from '../support/import-harness';

const SEED = Number(process.env.KILL_SEED ?? Date.now() % 1_000_000);
const random = seededRandom(SEED);
const ROWS = 100;
const KILLS = 12;
/** Kills land this long (at most) after the process announced its run: it is sending then. */
const MAX_KILL_DELAY_MS = 1000;

let reference: Env;
let target: Env;
beforeAll(async () => {
  reference = await emulator({ data: workspaceWith(ROWS / 2), rate: 1000 });
  // Rate-limited, so the run lasts long enough (about 20 s of sending) to be killed often:
  // at 10 a second a run that sends each window's allowance at once ended before the kills.
  target = await emulator({ data: workspaceWith(ROWS / 2), rate: 5 });
});
afterAll(async () => {
  await reference.server.close();
  await target.server.close();
});

/** Import tags name the minute a run started: two runs are compared with it left out. */
function withoutImportTag(contacts: Contact[]): Contact[] {
  return contacts.map((c) => ({ ...c, tags: (c.tags ?? []).filter((t) => !isImportTag(t)) }));
}
const isImportTag = (tag: string) => /^import \d{4}-\d\d-\d\d \d\d:\d\d$/.test(tag);

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function listIn(name: string): string {
  const dir = join(mkdtempSync(join(tmpdir(), 'cli-resume-')), name);
  mkdirSync(dir);
  const path = join(dir, 'contacts.csv');
  writeList(path, contactList(ROWS, { errorEvery: 10 }));
  return path;
}

test(`SIGKILLed ${KILLS} times and resumed, the run ends as an uninterrupted one (seed ${SEED})`, async () => {
  const args = (file: string, env: Env) => [
    'import',
    file,
    '--api-url',
    env.server.baseUrl,
    '--tags',
    'run',
  ];

  const once = listIn('once');
  const uninterrupted = await runCli(args(once, reference), { token: TOKEN });
  expect(uninterrupted.code).toBe(1); // rows with errors

  const killed = listIn('killed');
  let landed = 0;
  for (let k = 0; k < KILLS; k++) {
    const cli = startCli(args(killed, target), { token: TOKEN });
    await cli.waitFor(/^Run r\w+: /m);
    await sleep(random() * MAX_KILL_DELAY_MS);
    if (!cli.child.kill('SIGKILL')) break;
    const end = await cli.done;
    if (end.signal !== 'SIGKILL') break; // it finished before the kill
    landed++;
  }
  const last = await runCli(args(killed, target), { token: TOKEN });
  expect(last.code).toBe(1);
  expect(last.stderr).toMatch(/Resuming run r\w+/);
  expect(landed).toBeGreaterThanOrEqual(KILLS - 2);

  const expected = await reference.contacts();
  const actual = await target.contacts();
  expect(workspaceView(withoutImportTag(actual))).toEqual(
    workspaceView(withoutImportTag(expected)),
  );
  const results = csvRows(`${killed}.results.csv`);
  expect(rowsView(results, actual)).toEqual(rowsView(csvRows(`${once}.results.csv`), expected));
  // One run: one run id in every row's marker, one import tag on every contact it touched.
  expect(new Set(csvColumn(results, 'Import Fingerprint').map((m) => m.split('@')[1])).size).toBe(
    1,
  );
  const importTags = new Set(actual.flatMap((c) => c.tags ?? []).filter(isImportTag));
  expect(importTags.size).toBe(1);
  expect(actual.filter((c) => c.tags?.some(isImportTag))).toHaveLength(
    csvColumn(results, 'Import Status').filter((s) => s === 'Imported' || s === 'Updated').length,
  );
}, 240_000);
