/**
 * Control characters and escape sequences never reach the workspace; text-direction overrides
 * are pointed out. Both come with the cleaned text as a suggested fix.
 */
import { cleanControl } from '../../../src/core/values/control';

describe('cleanControl', () => {
  test.each([
    ['Aisha', 'Aisha'],
    ['line\nbreak\tand tab', 'line\nbreak\tand tab'],
    ['crlf\r\nkept', 'crlf\r\nkept'],
  ])('%j is left alone', (raw, text) => {
    expect(cleanControl(raw)).toEqual({ text, warning: null });
  });

  test.each([
    ['Car\u0007ol\u0000', 'Carol', /2 invisible control characters were removed/],
    ['\u001b]0;pwned\u0007Bob', 'Bob', /terminal escape codes/],
    ['\u001b]8;;http://evil.example/\u001b\\Click\u001b]8;;\u001b\\', 'Click', /terminal escape/],
    ['\u001b[2J\u001b[HSmith', 'Smith', /terminal escape/],
    ['Bel\u009b31m', 'Bel', /terminal escape/],
    ['lone\rreturn', 'lonereturn', /an invisible control character was removed/],
  ])('%j → %j', (raw, text, message) => {
    const cleaned = cleanControl(raw);
    expect(cleaned.text).toBe(text);
    expect(cleaned.warning?.message).toMatch(message);
    expect(cleaned.warning?.suggested).toBe(text);
  });

  test('bidi overrides are kept, with a warning and a fix without them', () => {
    const cleaned = cleanControl('\u202eevil\u202c');
    expect(cleaned.text).toBe('\u202eevil\u202c');
    expect(cleaned.warning?.message).toMatch(/2 text-direction characters/);
    expect(cleaned.warning?.suggested).toBe('evil');
  });
});
