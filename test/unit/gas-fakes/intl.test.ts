/** The fakes' context offers Intl without time zones (local/gas-fakes/intl.ts says why). */
import vm from 'node:vm';
import { createGasFakes } from '../../../local/gas-fakes';

const inContext = (code: string): unknown =>
  vm.runInContext(code, createGasFakes({ sheets: {} }).createContext());

test('a DateTimeFormat or toLocaleString in a named zone throws, as for an unknown zone', () => {
  expect(() => inContext(`new Intl.DateTimeFormat('en-US', { timeZone: 'Asia/Kolkata' })`)).toThrow(
    /Invalid time zone specified: Asia\/Kolkata .*Utilities\.formatDate/,
  );
  expect(() =>
    inContext(`new Date(0).toLocaleString('en-US', { timeZone: 'America/New_York' })`),
  ).toThrow(/Invalid time zone specified: America\/New_York/);
});

test('UTC, and formatting without a zone, still work', () => {
  expect(
    inContext(
      `new Intl.DateTimeFormat('en-US', { timeZone: 'UTC', year: 'numeric' }).formatToParts(0)[0].value`,
    ),
  ).toBe('1970');
  expect(inContext(`new Intl.DateTimeFormat('en-US') instanceof Intl.DateTimeFormat`)).toBe(true);
  expect(inContext(`new Date(0).toLocaleDateString('en-US', { timeZone: 'UTC' })`)).toBe(
    '1/1/1970',
  );
});
