import { normalisePhoneText, type PhoneOptions } from '../../../src/core/values/phone';
import { reviewRow } from './helpers';

const noDefault: PhoneOptions = { defaultCountry: null };
const malaysia: PhoneOptions = { defaultCountry: 'MY' };

describe('phone numbers written with a country code are sent as E.164, silently', () => {
  test.each([
    ['+60 12-345 6789', '+60123456789'],
    ['+60123456789', '+60123456789'],
    ['(+60) 12 345 6789', '+60123456789'],
    ['+60 (0)12 345 6789', '+60123456789'],
    ['+1 (212) 555-0100', '+12125550100'],
    ['+44 20 7946 0958', '+442079460958'],
    ['\u200e+60 12-345 6789', '+60123456789'], // left-to-right mark copied from a chat app
    ['＋６０ １２３４５６７８９', '+60123456789'], // full-width digits
    ['  +65 9123 4567  ', '+6591234567'],
  ])('%j → %s', (text, e164) => {
    expect(normalisePhoneText(text, noDefault)).toEqual({ ok: true, value: e164 });
  });
});

describe('phone numbers without a country code', () => {
  test('take the default country, with a warning that suggests the E.164 form', () => {
    expect(normalisePhoneText('012-345 6789', malaysia)).toEqual({
      ok: true,
      value: '+60123456789',
      warning: {
        message: 'no country code — read as Malaysia (+60): +60123456789',
        suggested: '+60123456789',
      },
    });
  });

  test('are errors without a default country, naming the row country code when there is one', () => {
    expect(normalisePhoneText('0123456789', { defaultCountry: null, hintCountry: 'MY' })).toEqual({
      ok: false,
      error: 'no country code — add +60 or set a default country',
      suggested: '+60123456789',
    });
    expect(normalisePhoneText('0123456789', noDefault)).toEqual({
      ok: false,
      error: 'no country code — add + and the country code, or set a default country',
    });
  });

  test('an international number that lacks only its + is suggested but not guessed', () => {
    expect(normalisePhoneText('60123456789', noDefault)).toEqual({
      ok: false,
      error: 'no country code — did you mean +60123456789? Add the + or set a default country',
      suggested: '+60123456789',
    });
  });

  test.each([
    ['447911123456', 'MY', '+447911123456', 'no + — read as +447911123456'],
    ['0060123456789', null, '+60123456789', '00 read as +: +60123456789'],
    ['07911 123456', 'GB', '+447911123456', 'no country code — read as United Kingdom (+44)'],
  ])('%j with default %s reads as %s', (text, country, e164, message) => {
    const outcome = normalisePhoneText(text, { defaultCountry: country });
    expect(outcome.ok && outcome.value).toBe(e164);
    expect(outcome.ok && outcome.warning?.message).toContain(message);
  });

  test('a number cell lost its + : read back with a warning to format the column as text', () => {
    const outcome = normalisePhoneText('60123456789', {
      defaultCountry: 'US',
      fromNumberCell: true,
    });
    expect(outcome).toEqual({
      ok: true,
      value: '+60123456789',
      warning: {
        message:
          'the + was lost because the cell holds a number — read as +60123456789; format the column as plain text',
        suggested: '+60123456789',
      },
    });
  });
});

describe('invalid phone numbers say what is wrong and how to fix it', () => {
  test.each([
    ['12345', malaysia, 'too short for Malaysia (+60) — check the digits'],
    [
      '6.01235E+10',
      malaysia,
      'the sheet turned this number into 6.01235E+10 and lost digits — format the column as plain text and re-enter it',
    ],
    ['+6012345', noDefault, 'too short for Malaysia (+60) — check the digits'],
    ['+60123456789012', noDefault, 'too long for Malaysia (+60) — check the digits'],
    ['+60 10-000 0000', noDefault, 'not a valid number for Malaysia (+60) — check the digits'],
    ['+999 1234 5678', noDefault, 'the country code after + does not exist — check the number'],
    ['N/A', malaysia, "'N/A' is not a phone number — leave the cell empty if there is none"],
    ['-', malaysia, "'-' is not a phone number — leave the cell empty if there is none"],
    ['+', noDefault, "'+' is not a phone number — leave the cell empty if there is none"],
    [
      'call me',
      malaysia,
      "'call me' is not a phone number — leave the cell empty if there is none",
    ],
    [
      '0123456789 / 0198765432',
      malaysia,
      'holds more than one number — keep one (put others in a custom field)',
    ],
    [
      '+60123456789, +60198765432',
      noDefault,
      'holds more than one number — keep one (put others in a custom field)',
    ],
    [
      '9'.repeat(50_000),
      malaysia,
      '50,000 characters is too long for a phone number — keep only the number',
    ],
  ])('%.30s', (text, options, message) => {
    expect(normalisePhoneText(text, options)).toEqual({ ok: false, error: message });
  });

  test('precise metadata: a Malaysian number of the right length but an unused prefix is refused', () => {
    // `min` metadata would accept this (length only); `max` knows 010-0… is not allocated.
    expect(normalisePhoneText('+60 10-000 0000', noDefault).ok).toBe(false);
    expect(normalisePhoneText('+60 10-200 0000', noDefault).ok).toBe(true);
  });

  test('an extension is dropped with a warning', () => {
    expect(normalisePhoneText('+1 (212) 555-0100 ext. 12', noDefault)).toEqual({
      ok: true,
      value: '+12125550100',
      warning: {
        message: 'extension 12 dropped (contacts have no extension)',
        suggested: '+12125550100',
      },
    });
  });
});

describe('phone cells of other types', () => {
  const header = ['First Name', 'Phone'];

  test('a number cell uses the display text, which keeps a leading zero a format added', () => {
    const row = reviewRow(
      header,
      ['Aisha', 123456789],
      { defaultCountry: 'MY' },
      {
        display: [header, ['Aisha', '0123456789']],
      },
    );
    expect(row.errors).toEqual([]);
    expect(row.identifierValue).toEqual({ kind: 'phone', value: '+60123456789' });
  });

  test('a number shown as 6.01235E+10 lost digits: an error with the fix', () => {
    const row = reviewRow(
      header,
      ['Aisha', 60123500000],
      {},
      {
        display: [header, ['Aisha', '6.01235E+10']],
      },
    );
    expect(row.errorText).toBe(
      'Phone: the sheet turned this number into 6.01235E+10 and lost digits — format the column as plain text and re-enter it',
    );
    expect(row.highlight).toEqual([1]);
  });

  test('a number shown in scientific notation but still exact is used', () => {
    const row = reviewRow(
      header,
      ['Aisha', 60123456789],
      {},
      {
        display: [header, ['Aisha', '6.01235E+10']],
      },
    );
    expect(row.errors).toEqual([]);
    expect(row.payload?.fields.phone).toBe('+60123456789');
  });

  test('scientific notation typed as text is lossy too', () => {
    const row = reviewRow(header, ['Aisha', '6.01235E+10']);
    expect(row.errorText).toBe(
      'Phone: the sheet turned this number into 6.01235E+10 and lost digits — format the column as plain text and re-enter it',
    );
    expect(row.payload).toBeNull();
  });

  test.each([
    [
      new Date(Date.UTC(2026, 10, 22)),
      'Phone: the sheet turned this into a date — format the column as plain text and re-enter the number',
    ],
    [true, 'Phone: TRUE is not a phone number'],
    [601.5, "Phone: '601.5' is not a phone number"],
  ])('%p', (cell, message) => {
    expect(reviewRow(header, ['Aisha', cell]).errorText).toBe(message);
  });
});
