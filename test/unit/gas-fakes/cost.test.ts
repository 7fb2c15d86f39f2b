/**
 * The Apps Script cost model (local/gas-fakes/cost.ts): what calls cost on a fake clock, the
 * Date the code sees, and Google's deadlines. Everything here runs on the fake clock with CPU
 * time off, so no figure depends on this machine's speed.
 */
import vm from 'node:vm';
import {
  APPS_SCRIPT_COSTS as M,
  createGasFakes,
  EXCEEDED_MESSAGE,
  type GasFakesOptions,
} from '../../../local/gas-fakes';

const START = Date.UTC(2026, 0, 5, 9, 0, 0);

function setUp(options: GasFakesOptions = {}) {
  const rows = Array.from({ length: 1000 }, (_, i) => [`Name ${i}`, i, `x${i}`, 'y', 'z']);
  const fakes = createGasFakes({
    sheets: { Contacts: rows },
    now: START,
    costModel: true,
    ...options,
  });
  const sheet = () => fakes.globals.SpreadsheetApp.getActive().getSheetByName('Contacts')!;
  return { fakes, sheet };
}

describe('the cost model', () => {
  test('a SpreadsheetApp call costs its latency, plus each cell a range reads or writes', () => {
    const { fakes, sheet } = setUp();
    const elapsed = fakes.run(() => {
      const range = sheet().getRange(1, 1, 1000, 5); // three calls so far
      const before = fakes.clock.now();
      range.getValues(); // 5,000 cells read
      const read = fakes.clock.now() - before;
      range.setValues(range.getValues()); // read again, then 5,000 written
      return { read, total: fakes.clock.now() - START };
    });
    expect(elapsed.read).toBeCloseTo(M.spreadsheetCallMs + 5000 * M.cellReadMs);
    expect(elapsed.total).toBeCloseTo(
      6 * M.spreadsheetCallMs + 2 * 5000 * M.cellReadMs + 5000 * M.cellWriteMs,
    );
    expect(fakes.cost?.last).toMatchObject({
      kind: 'script-run',
      spreadsheetCalls: 6,
      cpuMs: 0,
      exceeded: false,
    });
  });

  test('reading a whole 20,000 × 15 tab costs seconds, a single cell almost nothing', () => {
    const rows = Array.from({ length: 20_000 }, () => new Array(15).fill('v'));
    const fakes = createGasFakes({ sheets: { Big: rows }, now: START, costModel: true });
    const tab = fakes.uncounted(() =>
      fakes.globals.SpreadsheetApp.getActive().getSheetByName('Big')!,
    );
    const range = fakes.uncounted(() => tab.getDataRange());
    const cell = fakes.uncounted(() => tab.getRange(7, 3));
    fakes.run(() => range.getValues());
    const whole = fakes.cost!.last!.simulatedMs;
    fakes.run(() => cell.getValue());
    const one = fakes.cost!.last!.simulatedMs;
    expect(whole).toBeCloseTo(M.spreadsheetCallMs + 300_000 * M.cellReadMs);
    expect(whole).toBeGreaterThan(3_000);
    expect(one).toBe(M.spreadsheetCallMs);
  });

  test('fetchAll runs its requests in parallel: the slowest, plus a little per request', () => {
    const { fakes } = setUp();
    fakes.onFetch((request) => ({
      status: 200,
      body: '{}',
      latencyMs: request.url.endsWith('slow') ? 2_000 : 100,
    }));
    const { UrlFetchApp } = fakes.globals;
    fakes.run(() => UrlFetchApp.fetch('https://api.example.com/fast'));
    expect(fakes.cost?.last?.simulatedMs).toBe(M.fetchRequestMs + M.fetchPerRequestMs);
    const urls = Array.from({ length: 50 }, (_, i) => `https://api.example.com/${i}`);
    fakes.run(() => UrlFetchApp.fetchAll([...urls, 'https://api.example.com/slow']));
    expect(fakes.cost?.last).toMatchObject({
      simulatedMs: 2_000 + 51 * M.fetchPerRequestMs,
      fetchRequests: 51,
    });
  });

  test('set-up through the public API outside an execution costs nothing', () => {
    const { fakes, sheet } = setUp();
    fakes.uncounted(() => sheet().getDataRange().getValues());
    sheet().getDataRange().getValues();
    expect(fakes.clock.now()).toBe(START);
  });

  test('without the option, calls cost nothing (today’s fakes)', () => {
    const { fakes, sheet } = setUp({ costModel: false });
    fakes.run(() => sheet().getDataRange().getValues());
    expect(fakes.clock.now()).toBe(START);
    expect(fakes.cost).toBeNull();
  });
});

describe('the code sees simulated time', () => {
  test('Date.now(), new Date() and Date() in the context follow the fakes’ clock', () => {
    const { fakes } = setUp();
    const context = fakes.createContext();
    fakes.clock.advance(90_000);
    const seen = vm.runInContext(
      `({ now: Date.now(), made: new Date().getTime(), text: Date(), given: new Date(0).getTime(),
          isDate: new Date() instanceof Date, utc: Date.UTC(2020, 0, 1) })`,
      context,
    ) as Record<string, unknown>;
    expect(seen.now).toBe(START + 90_000);
    expect(seen.made).toBe(START + 90_000);
    expect(seen.text).toBe(new Date(START + 90_000).toString());
    expect(seen.given).toBe(0);
    expect(seen.isDate).toBe(true);
    expect(seen.utc).toBe(Date.UTC(2020, 0, 1));
  });

  test('Date.now() is whole milliseconds, as JavaScript time values are, however the clock moved', () => {
    const { fakes } = setUp();
    const context = fakes.createContext();
    fakes.clock.advance(90_000.375);
    const now = vm.runInContext('Date.now()', context) as number;
    expect(now).toBe(START + 90_000);
  });

  test('a loop budgeting itself on Date.now() stops on simulated time', () => {
    const { fakes } = setUp();
    const context = fakes.createContext();
    vm.runInContext(
      `function work() {
        const stopAt = Date.now() + 10000;
        let reads = 0;
        const range = SpreadsheetApp.getActive().getSheetByName('Contacts').getDataRange();
        while (Date.now() < stopAt) { range.getValues(); reads++; }
        return reads;
      }`,
      context,
    );
    const reads = fakes.run(() => (context as { work: () => number }).work());
    const perRead = M.spreadsheetCallMs + 5000 * M.cellReadMs;
    expect(reads).toBe(Math.ceil((10_000 - 3 * M.spreadsheetCallMs) / perRead));
  });
});

describe('deadlines', () => {
  const readForever = (fakes: ReturnType<typeof setUp>['fakes']) => {
    const range = fakes.uncounted(() =>
      fakes.globals.SpreadsheetApp.getActive().getSheetByName('Contacts')!.getDataRange(),
    );
    return () => {
      for (;;) range.getValues();
    };
  };

  test('past 6 minutes, the next call of a google.script.run execution throws Google’s error', () => {
    const { fakes } = setUp();
    expect(() => fakes.run(readForever(fakes))).toThrow(EXCEEDED_MESSAGE);
    const last = fakes.cost!.last!;
    expect(last.exceeded).toBe(true);
    expect(last.simulatedMs).toBeGreaterThan(6 * 60_000);
    expect(last.simulatedMs).toBeLessThan(6 * 60_000 + 1_000);
  });

  test('a simple trigger gets 30 seconds', () => {
    const { fakes } = setUp();
    expect(() =>
      fakes.run(readForever(fakes), { authMode: 'LIMITED', kind: 'simple-trigger' }),
    ).toThrow(EXCEEDED_MESSAGE);
    expect(fakes.cost!.last!.simulatedMs).toBeGreaterThan(30_000);
    expect(fakes.cost!.last!.simulatedMs).toBeLessThan(31_000);
  });

  test('catching the error does not save the execution: it fails at its end all the same', () => {
    const { fakes } = setUp();
    const loop = readForever(fakes);
    const swallow = () => {
      try {
        loop();
      } catch {
        return 'carried on';
      }
      return 'unreachable';
    };
    expect(() => fakes.run(swallow, { authMode: 'FULL', kind: 'menu' })).toThrow(EXCEEDED_MESSAGE);
  });

  test('a sleep past the deadline fails the execution at its next call', () => {
    const { fakes, sheet } = setUp();
    const run = () =>
      fakes.run(
        () => {
          fakes.globals.Utilities.sleep(29_000);
          sheet().getLastRow();
          fakes.globals.Utilities.sleep(2_000);
          return sheet().getLastRow();
        },
        { authMode: 'LIMITED', kind: 'simple-trigger' },
      );
    expect(run).toThrow(EXCEEDED_MESSAGE);
  });

  test('each execution has its own deadline', () => {
    const { fakes, sheet } = setUp();
    for (let i = 0; i < 3; i++) {
      const rows = fakes.run(
        () => {
          fakes.globals.Utilities.sleep(25_000);
          return sheet().getLastRow();
        },
        { authMode: 'LIMITED', kind: 'simple-trigger' },
      );
      expect(rows).toBe(1000);
    }
    expect(fakes.cost?.executions.map((e) => e.exceeded)).toEqual([false, false, false]);
  });
});
