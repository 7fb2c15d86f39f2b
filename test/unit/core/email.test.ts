import { normaliseEmailText } from '../../../src/core/values/email';

describe('email addresses', () => {
  test.each([
    [' John.Smith@Example.COM ', 'john.smith@example.com'],
    ['jane+news@mail.example.co.uk', 'jane+news@mail.example.co.uk'],
    ["o'brien@example.ie", "o'brien@example.ie"],
    ['müller@example.de', 'müller@example.de'],
    ['user@例え.jp', 'user@例え.jp'],
  ])('%j is taken as %s', (text, address) => {
    expect(normaliseEmailText(text)).toEqual({ ok: true, value: address });
  });

  test.each([
    ['jane.example.com', 'missing @'],
    ['jane(at)example.com', 'missing @'],
    ['jane@@example.com', 'more than one @ — keep one address'],
    ['a@b.com; c@d.com', 'holds more than one address — keep one'],
    ['a@b.com c@d.com', 'holds more than one address — keep one'],
    ['@example.com', 'nothing before the @'],
    ['jane@', 'nothing after the @ — add the domain, e.g. example.com'],
    ['jane@example', "the domain 'example' needs a dot, e.g. example.com"],
    [
      'jane..doe@example.com',
      'a dot cannot start or end the part before the @, or follow another dot',
    ],
    ['jane@exa_mple.com', "the domain 'exa_mple.com' is not valid — check it after the @"],
    ['jane@-example.com', "the domain '-example.com' is not valid — check it after the @"],
    ['jane@example.c', "the domain 'example.c' does not end in a real ending like .com"],
    ['jane doe at example', 'missing @'],
    ['jane doe@example', 'contains spaces — an address has none'],
    [`${'x'.repeat(65)}@example.com`, 'the part before the @ is longer than 64 characters'],
    [
      `a@${'b'.repeat(60)}.${'c'.repeat(60)}.${'d'.repeat(60)}.${'e'.repeat(60)}.${'f'.repeat(9)}.com`,
      'longer than 254 characters — not a usable address',
    ],
    ['x'.repeat(50_000), '50000 characters is too long for an email address'],
  ])('%.40s → %s', (text, message) => {
    expect(normaliseEmailText(text)).toEqual({ ok: false, error: message });
  });

  test.each([
    ['mailto:jane@example.com', 'jane@example.com'],
    ['Jane Doe <Jane@Example.com>', 'jane@example.com'],
    ['jane@example.com.', 'jane@example.com'],
    ['jane@example,com', 'jane@example.com'],
    ['jane@mail,example.co,uk', 'jane@mail.example.co.uk'],
  ])('%j is repaired with a warning suggesting %s', (text, fixed) => {
    expect(normaliseEmailText(text)).toEqual({
      ok: true,
      value: fixed,
      warning: { message: `'${text}' read as ${fixed}`, suggested: fixed },
    });
  });

  test('a space inside an address is not removed silently: refused softly, the fix suggested', () => {
    expect(normaliseEmailText('john @example.com')).toEqual({
      ok: false,
      error:
        "'john @example.com' has a space inside — did you mean john@example.com? Fix the cell to import the address",
      suggested: 'john@example.com',
      soft: true,
    });
  });

  test('a misspelt big provider is kept as written, with the likely address suggested', () => {
    expect(normaliseEmailText('jane@gmial.com')).toEqual({
      ok: true,
      value: 'jane@gmial.com',
      warning: {
        message: "'gmial.com' looks like a typo for gmail.com",
        suggested: 'jane@gmail.com',
      },
    });
  });
});
