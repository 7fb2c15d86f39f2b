import {
  byEmail,
  byId,
  byPhone,
  encodePathSegment,
  apiIdentifierKey,
  apiIdentifierPath,
  normalisePhone,
  toApiIdentifier,
} from '../../../src/api';

describe('identifiers', () => {
  test('emails are trimmed and lower-cased, so every import sends one spelling', () => {
    expect(apiIdentifierKey(byEmail('  John.Smith@Example.COM '))).toBe(
      'email:john.smith@example.com',
    );
  });

  test.each([
    ['+60 12-345 6789', '+60123456789'],
    ['+1 (415) 555-0100', '+14155550100'],
    ['0060123456789', '+60123456789'],
    ['0123456789', '0123456789'],
  ])('phone %s normalises to %s', (input, expected) => {
    expect(normalisePhone(input)).toBe(expected);
  });

  test.each([
    [{ kind: 'email', value: 'Jane@X.com' }, 'email:jane@x.com'],
    [{ kind: 'phone', value: '+60 12 345 6789' }, 'phone:+60123456789'],
    [{ kind: 'id', value: '42' }, 'id:42'],
  ] as const)('the identifier value %j is sent as %s', (value, key) => {
    expect(apiIdentifierKey(toApiIdentifier(value))).toBe(key);
  });
});

describe('path encoding', () => {
  test('keeps the identifier readable but encodes "+" so no server reads it as a space', () => {
    expect(apiIdentifierPath(byPhone('+60123456789'))).toBe('phone:%2B60123456789');
    expect(apiIdentifierPath(byEmail('jane+news@example.com'))).toBe(
      'email:jane%2Bnews@example.com',
    );
    expect(apiIdentifierPath(byId(123))).toBe('id:123');
  });

  test('encodes characters that would change the URL', () => {
    expect(encodePathSegment('a/b?c#d%e f')).toBe('a%2Fb%3Fc%23d%25e%20f');
  });

  test('encodes non-ASCII as UTF-8, like encodeURIComponent', () => {
    for (const text of ['josé@exämple.com', '日本@例え.jp', 'emoji😀@x.io', "o'brien!*()@x.com"]) {
      const expected = encodeURIComponent(text)
        .replace(/%3A/g, ':')
        .replace(/%40/g, '@')
        .replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
      expect(encodePathSegment(text)).toBe(expected);
      expect(decodeURIComponent(encodePathSegment(text))).toBe(text);
    }
  });

  test('a lone surrogate becomes U+FFFD instead of throwing', () => {
    expect(encodePathSegment('a\ud800b')).toBe('a%EF%BF%BDb');
  });
});
