/**
 * The smaller value checks: numbers, checkboxes, list options, links, country and language codes,
 * tags, names and contact IDs.
 */
import { normaliseCheckboxNumber, normaliseCheckboxText } from '../../../src/core/values/checkbox';
import { normaliseContactIdText } from '../../../src/core/values/contactId';
import { normaliseCountry } from '../../../src/core/values/country';
import { normaliseLanguage } from '../../../src/core/values/language';
import { listMatcher } from '../../../src/core/values/list';
import { normaliseNumberCell, normaliseNumberText } from '../../../src/core/values/number';
import { splitTags } from '../../../src/core/values/tags';
import {
  normaliseFreeText,
  normaliseName,
  splitFullName,
} from '../../../src/core/values/textField';
import { normaliseUrlText } from '../../../src/core/values/url';

describe('numbers', () => {
  test.each([
    ['42', 42],
    ['-3.5', -3.5],
    ['.5', 0.5],
    ['+7', 7],
    ['1,234', 1234],
    ['1,234.56', 1234.56],
    ['1.234.567', 1234567],
    ['1 234 567', 1234567],
    ['1\u00a0234', 1234],
    ['1e3', 1000],
  ])('%j → %d', (text, value) => {
    expect(normaliseNumberText(text)).toEqual({ ok: true, value });
  });

  test.each([
    ['12,5', 12.5],
    ['1.234,56', 1234.56],
    ['1 234,50', 1234.5],
  ])('decimal comma %j → %d with a warning', (text, value) => {
    expect(normaliseNumberText(text)).toEqual({
      ok: true,
      value,
      warning: {
        message: `'${text}' read as ${value} (comma as decimal point) — write it as ${value}`,
        suggested: String(value),
      },
    });
  });

  test.each([
    [
      '$1,200',
      {
        ok: false,
        error: "'$1,200' has a currency — write only the number, e.g. 1200",
        suggested: '1200',
      },
    ],
    [
      'RM 50',
      {
        ok: false,
        error: "'RM 50' has a currency — write only the number, e.g. 50",
        suggested: '50',
      },
    ],
    ['15%', { ok: false, error: "'15%' is not a number — write digits only, e.g. 1234.5" }],
    ['abc', { ok: false, error: "'abc' is not a number — write digits only, e.g. 1234.5" }],
    ['1,2,3', { ok: false, error: "'1,2,3' is not a number — write digits only, e.g. 1234.5" }],
    [
      '9'.repeat(400),
      { ok: false, error: `'${'9'.repeat(39)}…' is not a number — write digits only, e.g. 1234.5` },
    ],
  ])('%.20s', (text, outcome) => {
    expect(normaliseNumberText(text)).toEqual(outcome);
  });

  test('number cells are taken as they are; NaN and Infinity are not numbers', () => {
    expect(normaliseNumberCell(7.25)).toEqual({ ok: true, value: 7.25 });
    expect(normaliseNumberCell(Number.POSITIVE_INFINITY).ok).toBe(false);
    expect(normaliseNumberCell(Number.NaN).ok).toBe(false);
  });
});

describe('checkboxes', () => {
  test.each([
    ['TRUE', true],
    ['true', true],
    ['Yes', true],
    ['y', true],
    ['1', true],
    ['checked', true],
    ['FALSE', false],
    ['no', false],
    ['N', false],
    ['0', false],
    ['unchecked', false],
  ])('%j → %p', (text, value) => {
    expect(normaliseCheckboxText(text)).toEqual({ ok: true, value });
  });

  test('anything else says which words work', () => {
    expect(normaliseCheckboxText('maybe')).toEqual({
      ok: false,
      error: "'maybe' is not a checkbox value — use TRUE or FALSE (yes/no, y/n, 1/0 also work)",
    });
    expect(normaliseCheckboxNumber(1)).toEqual({ ok: true, value: true });
    expect(normaliseCheckboxNumber(2)).toEqual({
      ok: false,
      error: '2 is not a checkbox value — use TRUE or FALSE (1/0 also work)',
    });
  });
});

describe('list options', () => {
  const match = listMatcher(['Bronze', 'Silver', 'Gold', 'Very Important']);

  test.each([
    ['gold', 'Gold'],
    ['GOLD ', 'Gold'],
    ['very  important', 'Very Important'],
  ])('%j takes the option spelling %s', (text, option) => {
    expect(match(text)).toEqual({ ok: true, value: option });
  });

  test('a near miss is an error that suggests the option', () => {
    expect(match('Slver')).toEqual({
      ok: false,
      error:
        "'Slver' is not one of the options ('Bronze', 'Silver', 'Gold', 'Very Important') — did you mean 'Silver'?",
      suggested: 'Silver',
    });
  });

  test('an unrelated value lists the options', () => {
    expect(match('Diamond')).toEqual({
      ok: false,
      error: "'Diamond' is not one of the options ('Bronze', 'Silver', 'Gold', 'Very Important')",
    });
  });

  test('a field without options takes any text', () => {
    expect(listMatcher(null)(' Anything ')).toEqual({ ok: true, value: 'Anything' });
  });
});

describe('links', () => {
  const picture = (text: string) => normaliseUrlText(text, { requireScheme: true });
  const website = (text: string) => normaliseUrlText(text, { requireScheme: false });

  test.each([
    'https://example.com/a.png',
    'http://localhost:8080/x',
    'https://192.168.0.1/a',
    'https://例え.jp/写真.png',
  ])('%s is taken', (text) => {
    expect(picture(text)).toEqual({ ok: true, value: text });
  });

  test('a profile picture without a scheme gets https:// (sent and suggested)', () => {
    expect(picture('example.com/a.png')).toEqual({
      ok: true,
      value: 'https://example.com/a.png',
      warning: {
        message: 'no https:// — read as https://example.com/a.png',
        suggested: 'https://example.com/a.png',
      },
    });
  });

  test('a url custom field takes a link without a scheme as it is', () => {
    expect(website('www.example.com')).toEqual({ ok: true, value: 'www.example.com' });
  });

  test.each([
    ['ftp://example.com/a', "'ftp:' links cannot be used — the link must start with https://"],
    [
      'javascript:alert(1)',
      "'javascript:' links cannot be used — the link must start with https://",
    ],
    ['https://exa mple.com', 'contains spaces — a link has none (copy it again)'],
    [
      'https:/example.com',
      "'https:/example.com' is not a link — write it as https://example.com/…",
    ],
    ['localhost', "'localhost' is not a link — write it as https://example.com/…"],
    ['jane@example.com', "'jane@example.com' looks like an email address, not a link"],
    ['h'.repeat(3000), 'longer than 2,048 characters — use a shorter link'],
  ])('%.30s is an error', (text, message) => {
    expect(website(text)).toEqual({ ok: false, error: message });
  });
});

describe('country codes', () => {
  test.each(['MY', 'my', ' My '])('%j → MY silently', (text) => {
    expect(normaliseCountry(text)).toEqual({ ok: true, value: 'MY' });
  });

  test.each([
    ['Malaysia', 'MY', 'Malaysia'],
    ['MALAYSIA', 'MY', 'Malaysia'],
    ['United States', 'US', 'United States'],
    ['U.S.A.', 'US', 'United States'],
    ['UK', 'GB', 'United Kingdom'],
    ['México', 'MX', 'Mexico'],
    ['Deutschland', 'DE', 'Germany'],
    ['MYS', 'MY', 'Malaysia'],
    ['Cote d Ivoire', 'CI', 'Côte d’Ivoire'],
  ])('a name %j → %s with a warning', (text, code, name) => {
    expect(normaliseCountry(text)).toEqual({
      ok: true,
      value: code,
      warning: {
        message: `'${text}' read as ${code} (${name}) — countries are written as two-letter codes`,
        suggested: code,
      },
    });
  });

  test.each(['XX', 'Atlantis'])('%j is an error', (text) => {
    expect(normaliseCountry(text)).toEqual({
      ok: false,
      error: `'${text}' is not a country code — use two letters (ISO 3166-1), e.g. MY for Malaysia`,
    });
  });
});

describe('language codes', () => {
  test.each(['en', 'EN', ' ms '])('%j is a code', (text) => {
    expect(normaliseLanguage(text)).toEqual({ ok: true, value: text.trim().toLowerCase() });
  });

  test.each([
    ['en-US', 'en', 'English'],
    ['pt_BR', 'pt', 'Portuguese'],
    ['zh-Hant-TW', 'zh', 'Chinese'],
    ['English', 'en', 'English'],
    ['Bahasa Melayu', 'ms', 'Malay'],
    ['Español', 'es', 'Spanish'],
    ['中文', 'zh', 'Chinese'],
    ['fil', 'tl', 'Tagalog'],
  ])('%j → %s with a warning', (text, code, name) => {
    expect(normaliseLanguage(text)).toEqual({
      ok: true,
      value: code,
      warning: {
        message: `'${text}' read as ${code} (${name}) — languages are written as two-letter codes`,
        suggested: code,
      },
    });
  });

  test.each(['xx', 'Klingon'])('%j is an error', (text) => {
    expect(normaliseLanguage(text)).toEqual({
      ok: false,
      error: `'${text}' is not a language code — use two letters (ISO 639-1), e.g. en, ms, zh`,
    });
  });
});

describe('tags', () => {
  test.each([
    ['vip', ['vip']],
    ['vip, VIP | new', ['vip', 'new']],
    [' a ,, b ', ['a', 'b']],
    ['one\ntwo', ['one', 'two']],
    ['🎉 party, مرحبا', ['🎉 party', 'مرحبا']],
    [',  | ', null],
  ])('%j → %p', (text, tags) => {
    expect(splitTags(text)).toEqual({ ok: true, value: tags });
  });

  test('a tag over 255 characters is an error', () => {
    expect(splitTags(`ok, ${'x'.repeat(256)}`)).toEqual({
      ok: false,
      error: `the tag '${'x'.repeat(29)}…' is longer than 255 characters — shorten it`,
    });
  });
});

describe('names', () => {
  test.each([
    ['  Aisha  ', 'Aisha'],
    ['Mary\nAnn', 'Mary Ann'],
    ['😀'.repeat(255), '😀'.repeat(255)], // an emoji counts as one character
    ['محمد', 'محمد'],
  ])('%j → %j', (text, name) => {
    expect(normaliseName(text)).toEqual({ ok: true, value: name });
  });

  test('over 255 characters is an error that names the limit', () => {
    expect(normaliseName('😀'.repeat(256))).toEqual({
      ok: false,
      error: '256 characters — the limit is 255; shorten it',
    });
    expect(normaliseFreeText('x'.repeat(50_000), 5000)).toEqual({
      ok: false,
      error: '50,000 characters — the limit is 5,000; shorten it',
    });
  });

  test.each([
    ['Aisha Rahman', 'Aisha', 'Rahman'],
    ['Rahman, Aisha', 'Aisha', 'Rahman'],
    ['Ahmad bin Abdullah', 'Ahmad', 'bin Abdullah'],
    ['  Mary   Ann  Smith ', 'Mary', 'Ann Smith'],
    ['محمد علي', 'محمد', 'علي'],
    ['Cher', 'Cher', null],
    [', Aisha', 'Aisha', null],
    ['Aisha,', 'Aisha', null],
  ])('a full name %j → first %j, last %j', (text, firstName, lastName) => {
    expect(splitFullName(text)).toEqual({ ok: true, value: { firstName, lastName } });
  });
});

describe('contact IDs', () => {
  test.each([
    ['12345', '12345'],
    ['00123', '123'],
  ])('%j → %s', (text, id) => {
    expect(normaliseContactIdText(text)).toEqual({ ok: true, value: id });
  });

  test.each([
    ['id:123', '123'],
    ['#123', '123'],
    ['ID 55', '55'],
  ])('%j → %s with a warning', (text, id) => {
    expect(normaliseContactIdText(text)).toEqual({
      ok: true,
      value: id,
      warning: { message: `'${text}' read as ${id}`, suggested: id },
    });
  });

  test.each([
    ['12a', "'12a' is not a contact ID — IDs are whole numbers like 12345"],
    ['-5', "'-5' is not a contact ID — IDs are whole numbers like 12345"],
    ['0', '0 is not a contact ID — IDs start at 1'],
    ['1234567890123456', 'more than 15 digits — not a contact ID'],
  ])('%j is an error', (text, message) => {
    expect(normaliseContactIdText(text)).toEqual({ ok: false, error: message });
  });
});
