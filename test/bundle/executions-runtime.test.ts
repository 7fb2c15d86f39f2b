/**
 * The runtime of overlapping executions itself (local/gas-fakes/executions): the same seed
 * gives the same interleaving, locks exclude across executions (a waiting execution yields
 * until the lock frees or its timeout passes on the clock), objects cross as handles, and
 * each execution keeps its own user and authorization mode.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createGasFakes } from '../../local/gas-fakes';
import { ConcurrentRuntime } from '../../local/gas-fakes/executions/runtime';

const CODE = `
function increment(n, locked) {
  var props = PropertiesService.getScriptProperties();
  for (var i = 0; i < n; i++) {
    var lock = locked ? LockService.getScriptLock() : null;
    if (lock) lock.waitLock(30000);
    var v = Number(props.getProperty('n') || 0);
    props.setProperty('n', String(v + 1));
    if (lock) lock.releaseLock();
  }
}
function holdLock(ms, release) {
  var lock = LockService.getDocumentLock();
  lock.waitLock(1000);
  Utilities.sleep(ms);
  if (release) lock.releaseLock();
  return Date.now();
}
function tryFor(ms) {
  var start = Date.now();
  var got = LockService.getDocumentLock().tryLock(ms);
  return { got: got, waited: Date.now() - start };
}
function waitFor(ms) {
  try { LockService.getDocumentLock().waitLock(ms); return 'got it'; }
  catch (e) { return [e instanceof Error, e.name, e.message]; }
}
function handles(e) {
  var sheet = SpreadsheetApp.getActiveSpreadsheet().getSheetByName('Data');
  var range = sheet.getRange(1, 1, 2, 2);
  var values = range.getValues();
  var failure;
  try { sheet.getRange(0, 1); } catch (err) { failure = [err instanceof Error, err.name, err.message]; }
  return {
    values: values,
    realm: [values instanceof Array, values[1][0] instanceof Date, Object.getPrototypeOf({}) === Object.prototype],
    eventSheet: e.range.getSheet().getName(),
    eventCell: e.range.getA1Notation(),
    limited: e.authMode === ScriptApp.AuthMode.LIMITED,
    enumName: String(ScriptApp.AuthMode.FULL),
    failure: failure,
    user: Session.getEffectiveUser().getEmail(),
    mode: String(ScriptApp.getAuthorizationInfo ? 'x' : 'y')
  };
}
function fetchSomething() {
  try { UrlFetchApp.fetch('https://example.com/'); return 'fetched'; }
  catch (e) { return e.message; }
}
function who() { return Session.getEffectiveUser().getEmail(); }
function readMany(n) {
  var range = SpreadsheetApp.getActiveSpreadsheet().getSheetByName('Data').getRange('A1');
  try { for (var i = 0; i < n; i++) range.getValue(); return 'read ' + n; }
  catch (e) { return 'caught ' + e.message; }
}
function fetchRead() {
  var r = UrlFetchApp.fetch('https://example.com/');
  return [r.getResponseCode(), r.getContentText(), r.getHeaders()['X-Test'], r.getContentText('us-ascii')];
}
`;

let codePath: string;
beforeAll(() => {
  const dir = mkdtempSync(join(tmpdir(), 'executions-'));
  codePath = join(dir, 'Code.js');
  writeFileSync(codePath, CODE);
});

const runtimes: ConcurrentRuntime[] = [];
afterAll(() => Promise.all(runtimes.map((rt) => rt.close())));

function runtime(seed: number, sheets: Record<string, unknown[][]> = { Data: [['a', 1]] }) {
  const fakes = createGasFakes({ sheets, now: Date.UTC(2025, 0, 1), user: 'ann@example.com' });
  fakes.onFetch(() => ({ status: 200, body: 'ok', headers: { 'X-Test': 'yes' } }));
  const rt = new ConcurrentRuntime({ fakes, codePath, seed });
  runtimes.push(rt);
  return { fakes, rt };
}

/** Three unlocked read-modify-write loops side by side; the served order and the final count. */
function racingIncrements(seed: number) {
  const { fakes, rt } = runtime(seed);
  for (let i = 0; i < 3; i++) rt.start('increment', [6, false], { label: `x${i}` });
  rt.drain();
  return { trace: rt.trace.join('\n'), n: fakes.properties.snapshot().script?.n };
}

test('the same seed serves the same calls in the same order; other seeds interleave otherwise', () => {
  const first = racingIncrements(11);
  expect(racingIncrements(11)).toEqual(first);
  const others = [12, 13, 14].map((seed) => racingIncrements(seed).trace);
  expect(others.some((trace) => trace !== first.trace)).toBe(true);
}, 60_000);

test('without a lock, interleaved read-modify-writes lose updates (the runtime really overlaps)', () => {
  const counts = [21, 22, 23, 24].map((seed) => Number(racingIncrements(seed).n));
  expect(counts.some((n) => n < 18)).toBe(true);
}, 60_000);

test('with the script lock, no update is lost under any of these seeds', () => {
  for (const seed of [21, 22, 23, 24]) {
    const { fakes, rt } = runtime(seed);
    for (let i = 0; i < 3; i++) rt.start('increment', [6, true]);
    rt.drain();
    expect(`seed ${seed}: ${fakes.properties.snapshot().script?.n}`).toBe(`seed ${seed}: 18`);
  }
}, 60_000);

test('tryLock waits on the clock while another execution holds the lock, then gives up', () => {
  const { fakes, rt } = runtime(5);
  const holder = rt.start('holdLock', [60_000, true]);
  // Let the holder take the lock first.
  while (!fakes.locks.isHeld('document')) rt.step();
  const waiter = rt.start('tryFor', [5_000]);
  rt.finish(waiter);
  expect(waiter.result).toEqual({ got: false, waited: 5_000 });
  rt.finish(holder);
  expect(fakes.locks.isHeld('document')).toBe(false);
}, 60_000);

test('waitLock gets the lock once the holder releases it, or when its execution ends', () => {
  for (const release of [true, false]) {
    const { fakes, rt } = runtime(6);
    const holder = rt.start('holdLock', [2_000, release]);
    while (!fakes.locks.isHeld('document')) rt.step();
    const waiter = rt.start('waitFor', [10_000]);
    rt.drain();
    expect(waiter.result).toBe('got it');
    expect(holder.done).toBe(true);
  }
}, 60_000);

test('on a real clock (the sandbox), waits leave the thread free and the lock still excludes', async () => {
  const fakes = createGasFakes({ sheets: { Data: [['a', 1]] }, clock: 'real' });
  const rt = new ConcurrentRuntime({ fakes, codePath, seed: 3 });
  runtimes.push(rt);
  // step/finish/drain would move a clock that cannot be moved: refused, with what to use.
  expect(() => rt.step()).toThrow(/stepRealTime/);
  rt.start('holdLock', [300, true]);
  while (!fakes.locks.isHeld('document')) rt.stepRealTime();
  const waiter = rt.start('waitFor', [60_000]);
  // Until the holder's sleep is over, nothing may go: the runtime says how long to wait
  // instead of blocking this thread, and the waiter does not get the held lock.
  const waits: number[] = [];
  for (let wait = rt.stepRealTime(); wait !== -1; wait = rt.stepRealTime()) {
    if (wait > 0) {
      waits.push(wait);
      expect(waiter.done).toBe(false);
      await new Promise((resolve) => setTimeout(resolve, wait));
    }
  }
  expect(waits.length).toBeGreaterThan(0);
  expect(waiter.result).toBe('got it');
  const served = rt.trace.filter((t) => /Lock\.(waitLock|releaseLock)/.test(t));
  expect(served.map((t) => t.replace(/^#\d+ /, ''))).toEqual([
    'holdLock Lock.waitLock',
    'holdLock Lock.releaseLock',
    'waitFor Lock.waitLock',
  ]);
}, 60_000);

test('on a real clock, a closed runtime stops at once, with an execution still under way', async () => {
  const fakes = createGasFakes({ sheets: { Data: [['a', 1]] }, clock: 'real' });
  const rt = new ConcurrentRuntime({ fakes, codePath, seed: 4 });
  const holder = rt.start('holdLock', [600_000, true]);
  while (!fakes.locks.isHeld('document')) rt.stepRealTime();
  await rt.close();
  // Its worker is gone: waiting for it to reach a call would block this thread for minutes.
  expect(rt.stepRealTime()).toBe(-1);
  expect(holder.done).toBe(false);
}, 60_000);

test("waitLock past its timeout throws Google's error in the execution's realm", () => {
  const { fakes, rt } = runtime(7);
  rt.start('holdLock', [60_000, true]);
  while (!fakes.locks.isHeld('document')) rt.step();
  const waiter = rt.start('waitFor', [3_000]);
  rt.finish(waiter);
  expect(waiter.result).toEqual([
    true,
    'Exception',
    'Lock timeout: another process was holding the lock for too long.',
  ]);
}, 60_000);

test('fake objects cross as handles; data and errors arrive in the execution realm', () => {
  const { fakes, rt } = runtime(8, {
    Data: [
      ['a', 1],
      [new Date(Date.UTC(2024, 1, 2)), 'x'],
    ],
  });
  const event = fakes.uncounted(() => ({
    range: fakes.globals.SpreadsheetApp.getActiveSpreadsheet()
      .getSheetByName('Data')!
      .getRange('B2'),
    authMode: fakes.globals.ScriptApp.AuthMode.LIMITED,
  }));
  const e = rt.start('handles', [event], { user: 'bea@example.com' });
  const result = rt.finish(e) as Record<string, unknown>;
  expect(result).toMatchObject({
    values: [
      ['a', 1],
      [new Date(Date.UTC(2024, 1, 2)), 'x'],
    ],
    realm: [true, true, true],
    eventSheet: 'Data',
    eventCell: 'B2',
    limited: true,
    enumName: 'FULL',
    failure: [true, 'Exception', 'The starting row of the range is too small.'],
    user: 'bea@example.com',
  });
  expect(fakes.calls.count('Range.getValues')).toBe(1);
}, 60_000);

test('each execution keeps its own person and authorization mode', () => {
  const { fakes, rt } = runtime(9);
  const ann = rt.start('who', [], { user: 'ann@example.com' });
  const bea = rt.start('who', [], { user: 'bea@example.com' });
  const trigger = rt.start('fetchSomething', [], {
    execution: { authMode: 'LIMITED', kind: 'simple-trigger' },
  });
  const full = rt.start('fetchSomething', []);
  rt.drain();
  expect([ann.result, bea.result]).toEqual(['ann@example.com', 'bea@example.com']);
  expect(full.result).toBe('fetched');
  expect(trigger.result).not.toBe('fetched');
  expect(String(trigger.result)).toMatch(/permission|authorization/i);
  expect(fakes.activeUser).toBe('ann@example.com');
}, 60_000);

test('with the cost model, each execution has its own deadline on the shared clock', () => {
  const fakes = createGasFakes({
    sheets: { Data: [['a']] },
    now: Date.UTC(2025, 0, 1),
    user: 'ann@example.com',
    costModel: true,
  });
  const rt = new ConcurrentRuntime({ fakes, codePath, seed: 3 });
  runtimes.push(rt);
  // 500 reads at 50 ms each, side by side: 50 s on the shared clock, past a simple
  // trigger's 30 s and well inside a google.script.run call's 6 minutes.
  const trigger = rt.start('readMany', [500], {
    execution: { authMode: 'LIMITED', kind: 'simple-trigger' },
    label: 'trigger',
  });
  const call = rt.start('readMany', [500], { label: 'call' });
  rt.drain();
  expect(call.result).toBe('read 500');
  // Google kills it: even an answer from its catch never arrives.
  expect(trigger.result).toBeUndefined();
  expect(trigger.error?.message).toBe('Exceeded maximum execution time');
  const costs = fakes.cost!.executions;
  expect(costs.map((c) => [c.kind, c.exceeded])).toEqual([
    ['simple-trigger', true],
    ['script-run', false],
  ]);
  expect(costs[1]!.spreadsheetCalls).toBe(503);
  expect(costs[1]!.simulatedMs).toBeGreaterThanOrEqual(503 * 50);
}, 60_000);

test("an HTTPResponse's reads are answered in the worker, not as service calls", () => {
  const { rt } = runtime(10);
  const e = rt.start('fetchRead');
  expect(rt.finish(e)).toEqual([200, 'ok', 'yes', 'ok']);
  expect(rt.trace.filter((t) => t.includes('HTTPResponse'))).toEqual([
    // A form with arguments still goes to the fakes.
    '#1 fetchRead HTTPResponse.getContentText',
  ]);
}, 60_000);
