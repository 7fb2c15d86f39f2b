/**
 * google.script.run's payload rules, as the runtime's `run` (bundle tests, sandbox) and the
 * page's stand-in apply them. Sources: local/host/script-run-payload.js.
 */
import { createGasFakes } from '../../../local/gas-fakes';
import { loadGasBundle } from '../../../local/gas-runtime';
import { copyAnswer, copyArguments } from '../../../local/host/script-run-payload';

const SCRIPT = `
function echo(value) { return value; }
function typeOf(value) { return Object.prototype.toString.call(value); }
function nothing() {}
function stamped() { return { ok: true, value: { savedAt: new Date(0) } }; }
function looped() { var a = { name: 'a' }; a.self = a; return a; }
function mapped() { return { seen: new Map([['a', 1]]) }; }
function counted() { return [1, NaN, Infinity, undefined, { gone: undefined, kept: 0 }]; }
`;

function bundle() {
  return loadGasBundle(SCRIPT, createGasFakes({ sheets: {} }));
}

describe('google.script.run arguments (the runtime refuses what Google refuses)', () => {
  test("a Date argument fails at the call, with Google's message, and runs nothing", () => {
    const b = bundle();
    expect(() => b.run('echo', new Date(0))).toThrow('Failed due to illegal value in property: 0');
    expect(() => b.run('echo', { when: new Date(0) })).toThrow(
      'Failed due to illegal value in property: when',
    );
    expect(() => b.run('echo', 'ok', [1, new Date(0)])).toThrow(
      'Failed due to illegal value in property: 1',
    );
  });

  test('functions, Maps, class instances and circular objects fail too', () => {
    const b = bundle();
    expect(() => b.run('echo', { fn: () => 1 })).toThrow('illegal value in property: fn');
    expect(() => b.run('echo', new Map())).toThrow('illegal value in property: 0');
    class Draft {
      headerRow = 1;
    }
    expect(() => b.run('echo', new Draft())).toThrow('illegal value in property: 0');
    const loop: Record<string, unknown> = {};
    loop.self = loop;
    expect(() => b.run('echo', loop)).toThrow('Failed due to circular reference.');
  });

  test('undefined in arrays becomes null; undefined fields and "__" keys are dropped', () => {
    expect(
      copyArguments([[1, undefined, 3], { a: undefined, b: 2, hidden__: 1 }, undefined]),
    ).toEqual([[1, null, 3], { b: 2 }, null]);
    expect(bundle().run('echo', [undefined])).toEqual([null]);
  });

  test('NaN and Infinity arrive as null', () => {
    expect(copyArguments([NaN, [Infinity], { n: -Infinity }])).toEqual([null, [null], { n: null }]);
  });

  test("the server gets a copy: changing it does not change the caller's object", () => {
    const sent = { rows: [1, 2] };
    const [copy] = copyArguments([sent]) as [{ rows: number[] }];
    copy.rows.push(3);
    expect(sent.rows).toEqual([1, 2]);
  });
});

describe('google.script.run answers (what the success handler receives)', () => {
  test('an answer holding a Date anywhere arrives as null, with no error', () => {
    const b = bundle();
    expect(b.run('stamped')).toBeNull();
    expect(b.run('echo', 'fine')).toBe('fine');
  });

  test('a circular answer arrives as null', () => {
    expect(bundle().run('looped')).toBeNull();
  });

  test('Map arrives as {}, NaN as null, undefined as null in arrays and absent in objects', () => {
    const b = bundle();
    expect(b.run('mapped')).toEqual({ seen: {} });
    expect(b.run('counted')).toEqual([1, null, null, null, { kept: 0 }]);
    expect(b.run('nothing')).toBeNull();
    expect(copyAnswer(undefined)).toBeNull();
  });

  test('the server sees plain values (strings stay strings, arrays stay arrays)', () => {
    expect(bundle().run('typeOf', [1])).toBe('[object Array]');
  });
});
