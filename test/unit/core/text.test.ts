import { splitUtf8 } from '../../../src/core/text';

const utf8Length = (text: string): number => Buffer.byteLength(text, 'utf8');

describe('UTF-8 sizes, for values Google limits in bytes', () => {
  test('pieces stay within the limit, never split a character, and join back', () => {
    const text = `${'a'.repeat(10)}👍${'é'.repeat(7)}日本${'x'.repeat(5)}`;
    const pieces = splitUtf8(text, 8);
    expect(pieces.join('')).toBe(text);
    for (const piece of pieces) {
      expect(utf8Length(piece)).toBeLessThanOrEqual(8);
      expect(piece).not.toMatch(/^[\udc00-\udfff]|[\ud800-\udbff]$/);
    }
    expect(pieces.slice(0, 4)).toEqual(['aaaaaaaa', 'aa👍é', 'éééé', 'éé日']);
  });

  test('a text within the limit is one piece; an empty text is one empty piece', () => {
    expect(splitUtf8('short', 8)).toEqual(['short']);
    expect(splitUtf8('', 8)).toEqual(['']);
  });

  test('a 20,000-character mapping splits into three 8 KB pieces', () => {
    const json = JSON.stringify({ header: 'x'.repeat(20_000) });
    const pieces = splitUtf8(json, 8 * 1024);
    expect(pieces).toHaveLength(3);
    expect(pieces.join('')).toBe(json);
  });
});
