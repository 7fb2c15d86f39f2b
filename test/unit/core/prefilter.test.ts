/**
 * identifierPrefilter: onEdit validates only the identifier cells that pass it, so it must
 * pass every cell that normalises to the identifier (or a duplicate goes unseen), and it
 * should turn away the rest (or the edit validates 200,000 rows again).
 */
import examples from 'libphonenumber-js/examples.mobile.json';
import { parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js/max';
import { identifierPrefilter } from '../../../src/core/duplicates';
import { normaliseEmailText } from '../../../src/core/values/email';
import { normalisePhoneText, type PhoneOptions } from '../../../src/core/values/phone';

const passes = (kind: 'phone' | 'email', value: string, cell: unknown) =>
  identifierPrefilter(kind, [value])!(cell);

/** Every way of writing a number the normaliser accepts, with what it reads. */
function writings(country: CountryCode, national: string): [string, PhoneOptions, string][] {
  const number = parsePhoneNumberFromString(national, country)!;
  const e164 = number.number;
  const digits = e164.slice(1);
  const nsn = number.nationalNumber;
  const code = number.countryCallingCode;
  const out: [string, PhoneOptions, string][] = [
    [number.formatInternational(), { defaultCountry: null }, e164],
    [e164, { defaultCountry: null }, e164],
    [number.formatNational(), { defaultCountry: country }, e164],
    [number.formatNational(), { defaultCountry: null, rowCountry: country }, e164],
    [`00${digits}`, { defaultCountry: null }, e164],
    [digits, { defaultCountry: null, digitsAreInternational: true }, e164],
    [nsn, { defaultCountry: null, callingCode: code }, e164],
    [`0${nsn}`, { defaultCountry: null, callingCode: `+${code}` }, e164],
    [`${number.formatNational()} ext. 12`, { defaultCountry: country }, e164],
    [`\u200e${number.formatInternational()}`, { defaultCountry: null }, e164],
  ];
  return out;
}

describe('a phone cell that normalises to a number passes the prefilter for it', () => {
  const countries = Object.entries(examples as Record<string, string>);
  test.each(countries)('%s', (country, national) => {
    let checked = 0;
    for (const [text, options, e164] of writings(country as CountryCode, national)) {
      const outcome = normalisePhoneText(text, options);
      if (!outcome.ok || outcome.value !== e164) continue;
      checked++;
      expect({ text, pass: passes('phone', e164, text) }).toEqual({ text, pass: true });
    }
    expect(checked).toBeGreaterThan(0);
  });

  test("Argentina's 15 in a national mobile number, with a short subscriber number", () => {
    const outcome = normalisePhoneText('0 2221 15 42 3456', { defaultCountry: 'AR' });
    expect(outcome).toMatchObject({ ok: true });
    const e164 = (outcome as { value: string }).value;
    expect(passes('phone', e164, '0 2221 15 42 3456')).toBe(true);
  });
});

describe('the phone prefilter turns away other numbers', () => {
  test.each([
    ['+44 20 7000 0007', '+442070000008'],
    ['020 7000 0009', '+442070000008'],
    ['', '+442070000008'],
    ['n/a', '+442070000008'],
  ])('%s is not %s', (cell, value) => {
    expect(passes('phone', value, cell)).toBe(cell === 'n/a');
  });

  test('text it cannot read simply passes (the cell is then validated)', () => {
    expect(passes('phone', '+442070000008', '+44 20 7000 0008 or 0009')).toBe(true);
    expect(passes('phone', '+442070000008', 4420700000)).toBe(true);
    expect(passes('phone', '+442070000008', new Date())).toBe(false);
  });
});

describe('an email cell that normalises to an address passes the prefilter for it', () => {
  test.each([
    'Jane.Doe@Example.com',
    '  jane.doe@example.com ',
    'Jane Doe <jane.doe@example.com>',
    'mailto:jane.doe@example.com',
    'jane.doe@example,com',
    'jane.doe@example.com.',
    'jane.doe\u200b@example.com',
    'jane.doe@ gmial.com',
    'jane.doe@gmial.com',
  ])('%s', (cell) => {
    const outcome = normaliseEmailText(cell);
    if (!outcome.ok) return;
    expect(passes('email', outcome.value, cell)).toBe(true);
  });

  test('other addresses are turned away', () => {
    expect(passes('email', 'jane.doe@example.com', 'john.doe@example.com')).toBe(false);
    expect(passes('email', 'jane.doe@example.com', 42)).toBe(false);
  });

  test('Contact IDs have no prefilter: every row is checked', () => {
    expect(identifierPrefilter('id', ['123'])).toBeNull();
  });
});
