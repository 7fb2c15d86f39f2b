import {
  importTagFor,
  mayCreate,
  mayUpdate,
  parseSettings,
  runTags,
} from '../../../src/core/settings';

describe('settings', () => {
  test('defaults fill what the person has not chosen', () => {
    expect(parseSettings({ purpose: 'add', identifier: 'phone' })).toEqual({
      ok: true,
      value: {
        purpose: 'add',
        identifier: 'phone',
        tags: [],
        addImportTag: true,
        mapping: [],
        doNotOverwrite: false,
        skipBadOptionalCells: false,
        defaultCountry: null,
        headerRow: 1,
      },
    });
  });

  test.each([
    [{ purpose: 'update', identifier: 'id' }],
    [{ purpose: 'add-all' }],
    [{ purpose: 'add-all', identifier: null }],
    [{ purpose: 'update', identifier: 'email', doNotOverwrite: true }],
    [{ purpose: 'add-update', identifier: 'phone', doNotOverwrite: true }],
  ])('allowed: %j', (input) => {
    expect(parseSettings(input).ok).toBe(true);
  });

  test.each([
    [
      { purpose: 'add', identifier: 'id' },
      "Contact ID can only identify contacts when the purpose is 'Update existing contacts only'.",
    ],
    [
      { purpose: 'add-update', identifier: 'id' },
      "Contact ID can only identify contacts when the purpose is 'Update existing contacts only'.",
    ],
    [
      { purpose: 'add-all', identifier: 'email' },
      "'Add all contacts despite duplicates' does not look contacts up, so it takes no identifier — clear the identifier.",
    ],
    [
      { purpose: 'add' },
      "Choose how contacts are identified for 'Add new contacts only': phone or email.",
    ],
    [
      { purpose: 'update', identifier: null },
      "Choose how contacts are identified for 'Update existing contacts only': phone, email or Contact ID.",
    ],
    [
      { purpose: 'add', identifier: 'phone', doNotOverwrite: true },
      "'Do not overwrite' only applies when contacts are updated ('Update existing contacts only' or 'Add and update contacts') — uncheck it.",
    ],
    [
      { purpose: 'add-all', doNotOverwrite: true },
      "'Do not overwrite' only applies when contacts are updated ('Update existing contacts only' or 'Add and update contacts') — uncheck it.",
    ],
    [
      { purpose: 'add', identifier: 'phone', defaultCountry: 'XX' },
      "The default country 'XX' is not a country code — choose a country from the list.",
    ],
    [
      { purpose: 'add', identifier: 'phone', headerRow: 0 },
      'The header row must be row 1 or below.',
    ],
    [
      { purpose: 'add', identifier: 'phone', headerRow: 1.5 },
      'The header row must be a whole row number: 1, 2, 3…',
    ],
    [
      { purpose: 'add', identifier: 'phone', headerRow: '2' },
      'The header row must be a row number: 1, 2, 3…',
    ],
    [
      { purpose: 'subscribe', identifier: 'phone' },
      'Choose a purpose: add new contacts, update existing ones, both, or add all.',
    ],
    [
      { purpose: 'add', identifier: 'fax' },
      'Contacts are identified by phone, email or Contact ID.',
    ],
    [
      { purpose: 'add', identifier: 'phone', tags: ['x'.repeat(256)] },
      `The tag '${'x'.repeat(30)}…' is longer than 255 characters — shorten it.`,
    ],
    [
      {
        purpose: 'add',
        identifier: 'phone',
        mapping: [
          { header: 'Phone', field: 'phone' },
          { header: 'Phone', field: null },
        ],
      },
      "The column 'Phone' appears twice in the mapping — map the columns again.",
    ],
    [
      { purpose: 'add', identifier: 'phone', mapping: [{ header: 'Phone' }] },
      'A mapped field is unreadable — map the columns again.',
    ],
    ['add', 'The saved settings are unreadable — choose the settings again.'],
    [null, 'The saved settings are unreadable — choose the settings again.'],
  ])('refused: %j', (input, message) => {
    expect(parseSettings(input)).toEqual({ ok: false, messages: [message] });
  });

  test('every problem is reported at once', () => {
    const parsed = parseSettings({ purpose: 'add', identifier: 'id', doNotOverwrite: true });
    expect(parsed.ok === false && parsed.messages).toHaveLength(2);
  });

  test('the default country is read in any case; empty means none', () => {
    const my = parseSettings({ purpose: 'add', identifier: 'phone', defaultCountry: ' my ' });
    expect(my.ok && my.value.defaultCountry).toBe('MY');
    const none = parseSettings({ purpose: 'add', identifier: 'phone', defaultCountry: '' });
    expect(none.ok && none.value.defaultCountry).toBeNull();
  });

  test('run tags are trimmed and de-duplicated ignoring case', () => {
    const parsed = parseSettings({
      purpose: 'add',
      identifier: 'phone',
      tags: [' VIP ', 'vip', '', 'Nov  promo'],
    });
    expect(parsed.ok && parsed.value.tags).toEqual(['VIP', 'Nov promo']);
  });

  test('which purposes create and update', () => {
    expect([
      mayCreate('add'),
      mayCreate('update'),
      mayCreate('add-update'),
      mayCreate('add-all'),
    ]).toEqual([true, false, true, true]);
    expect([
      mayUpdate('add'),
      mayUpdate('update'),
      mayUpdate('add-update'),
      mayUpdate('add-all'),
    ]).toEqual([false, true, true, false]);
  });
});

describe('the automatic import tag', () => {
  test('from calendar parts', () => {
    expect(importTagFor({ year: 2026, month: 11, day: 22, hour: 9, minute: 5 })).toBe(
      'import 2026-11-22 09:05',
    );
  });

  test('from a time the driver formatted', () => {
    expect(importTagFor(' 2026-11-22 09:30 ')).toBe('import 2026-11-22 09:30');
  });

  test('joins the run tags unless the person removed it', () => {
    const parsed = parseSettings({ purpose: 'add', identifier: 'phone', tags: ['vip'] });
    if (!parsed.ok) throw new Error('settings');
    expect(runTags(parsed.value, 'import 2026-11-22 09:30')).toEqual([
      'vip',
      'import 2026-11-22 09:30',
    ]);
    expect(runTags({ ...parsed.value, addImportTag: false }, 'import 2026-11-22 09:30')).toEqual([
      'vip',
    ]);
  });
});
