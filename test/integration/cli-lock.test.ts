/**
 * One importer per results file, for real (issue 13): many processes race for the same
 * lock, 400 times, with no lock and with an abandoned one (its process was killed) in
 * place; every race has exactly one winner.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const ROOT = join(__dirname, '..', '..');
const PROCESSES = 6;
const RACES = 400;

/** A process that takes the lock named in each message and answers whether it won. */
const RACER = `
require('tsx/cjs');
const { takeLock } = require(${JSON.stringify(join(ROOT, 'local', 'cli', 'store.ts'))});
process.on('message', ({ race, path, at }) => {
  const go = () => {
    let won = false;
    try { takeLock(path, Date.now()); won = true; } catch (e) { if (!/already importing|Could not take/.test(String(e && e.message))) throw e; }
    process.send({ race, won });
  };
  // Start together: wait for the same moment in every process.
  const wait = at - Date.now();
  if (wait > 0) setTimeout(go, wait); else go();
});
process.send({ ready: true });
`;

let dir: string;
let racers: ChildProcess[] = [];
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'cli-lock-'));
  racers = Array.from({ length: PROCESSES }, () =>
    spawn(process.execPath, ['-e', RACER], {
      cwd: ROOT,
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    }),
  );
  await Promise.all(
    racers.map((r) => new Promise<void>((resolve) => r.once('message', () => resolve()))),
  );
}, 120_000);
afterAll(() => {
  for (const r of racers) r.kill();
  rmSync(dir, { recursive: true, force: true });
});

/** A pid that no longer exists: a process that has ended. */
function deadPid(): number {
  const ended = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))']);
  return Number(ended.stdout.toString());
}

async function race(n: number, path: string): Promise<number> {
  const answers = racers.map(
    (r) =>
      new Promise<boolean>((resolve) => {
        const on = (m: { race?: number; won?: boolean }) => {
          if (m.race !== n) return;
          r.off('message', on);
          resolve(m.won === true);
        };
        r.on('message', on);
      }),
  );
  const at = Date.now() + 15;
  for (const r of racers) r.send({ race: n, path, at });
  return (await Promise.all(answers)).filter(Boolean).length;
}

test.each([
  ['no lock file', false],
  ['an abandoned lock file (its process was killed)', true],
])(
  `${RACES} races of ${PROCESSES} processes with %s: never two winners`,
  async (_name, stale) => {
    const dead = deadPid();
    const winners: number[] = [];
    for (let n = 0; n < RACES; n++) {
      const path = join(dir, `${stale ? 'stale' : 'fresh'}-${n}.results.csv.lock`);
      if (stale) writeFileSync(path, JSON.stringify({ pid: dead, user: 'gone', since: 0 }));
      winners.push(await race(n + (stale ? RACES : 0), path));
    }
    expect(winners.filter((w) => w > 1)).toEqual([]);
    expect(winners.filter((w) => w === 0)).toEqual([]);
  },
  600_000,
);
