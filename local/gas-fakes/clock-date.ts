/**
 * Makes a vm context's `Date` follow the fakes' clock: `Date.now()`, `new Date()` and `Date()`
 * read `clock.now()`; every other use is JavaScript's own Date. With the cost model on, the
 * bundle budgets its slices (src/gas/importing.ts) on the simulated time its calls cost.
 *
 * The context keeps its own Date (a Proxy around it), so `instanceof Date`, `Date.prototype`,
 * `Date.UTC` and dates built from arguments are unchanged.
 */
import vm from 'node:vm';
import type { Clock } from './clock';

export function followClock(context: vm.Context, clock: Clock): void {
  const install = vm.runInContext(
    `(function (now) {
      const RealDate = globalThis.Date;
      const nowFn = function now_() { return now(); };
      Object.defineProperty(nowFn, 'name', { value: 'now' });
      globalThis.Date = new Proxy(RealDate, {
        construct(target, args, newTarget) {
          return Reflect.construct(target, args.length === 0 ? [now()] : args, newTarget);
        },
        apply() {
          return new RealDate(now()).toString();
        },
        get(target, key, receiver) {
          return key === 'now' ? nowFn : Reflect.get(target, key, receiver);
        },
      });
    })`,
    context,
  ) as (now: () => number) => void;
  // Time values are whole milliseconds (ECMAScript's TimeClip; Apps Script's Date.now() is
  // an integer): the cost model's clock moves by fractions of a millisecond per cell.
  install(() => Math.floor(clock.now()));
}
