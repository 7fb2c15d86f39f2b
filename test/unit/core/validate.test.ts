import { runInNewContext } from 'node:vm';
import { indexIdentifiers } from '../../../src/core/duplicates';
import { customFieldKey } from '../../../src/core/fields';
import { tableRow } from '../../../src/core/table';
import { prepareValidation, validateRow, validateTable } from '../../../src/core/validate';
import { catalogue, review, reviewRow, settingsOf, tableOf } from './helpers';

const HEADER = ['First Name', 'Last Name', 'Phone', 'Email', 'Country'];

describe('a clean row', () => {
  test('becomes the payload to send, with the normalised identifier', () => {
    const row = reviewRow(
      [...HEADER, 'Language', 'Avatar', 'Tags', 'Company', 'Tier', 'Orders', 'Subscribed'],
      [
        ' Aisha ',
        'Rahman',
        '+60 12-345 6789',
        'Aisha.Rahman@Example.com',
        'MY',
        'ms',
        'https://cdn.example.com/a.png',
        'vip, VIP | new',
        'Acme Sdn Bhd',
        'gold',
        '1,234',
        'yes',
      ],
    );
    expect(row.errors).toEqual([]);
    expect(row.warnings).toEqual([]);
    expect(row.errorText).toBe('');
    expect(row.highlight).toEqual([]);
    expect(row.identifierValue).toEqual({ kind: 'phone', value: '+60123456789' });
    expect(row.payload).toEqual({
      identifierValue: { kind: 'phone', value: '+60123456789' },
      fields: {
        firstName: 'Aisha',
        lastName: 'Rahman',
        phone: '+60123456789',
        email: 'aisha.rahman@example.com',
        countryCode: 'MY',
        language: 'ms',
        profilePic: 'https://cdn.example.com/a.png',
        custom_fields: [
          { name: 'Company', value: 'Acme Sdn Bhd' },
          { name: 'Tier', value: 'Gold' },
          { name: 'Orders', value: 1234 },
          { name: 'Subscribed', value: true },
        ],
      },
      tags: ['vip', 'new'],
    });
  });

  test('empty mapped cells are null; unmapped fields are absent', () => {
    const row = reviewRow(
      ['First Name', 'Last Name', 'Phone', 'Tags', 'Birthday'],
      ['Aisha', '', '+60123456789', '', ''],
    );
    expect(row.payload).toEqual({
      identifierValue: { kind: 'phone', value: '+60123456789' },
      fields: {
        firstName: 'Aisha',
        lastName: null,
        phone: '+60123456789',
        custom_fields: [{ name: 'Birthday', value: null }],
      },
      tags: null,
    });
  });

  test('a Name column is split into first and last name', () => {
    const row = reviewRow(['Name', 'Phone'], ['Rahman, Aisha', '+60123456789']);
    expect(row.payload?.fields).toEqual({
      firstName: 'Aisha',
      lastName: 'Rahman',
      phone: '+60123456789',
    });
  });
});

describe("a row's own country", () => {
  test('reads its local phone number and is sent as countryCode; the default country is only the fallback', () => {
    const row = reviewRow(HEADER, ['Aisha', 'Rahman', '012-345 6789', '', 'MY'], {
      defaultCountry: 'GB',
    });
    expect(row.errors).toEqual([]);
    expect(row.payload?.identifierValue).toEqual({ kind: 'phone', value: '+60123456789' });
    expect(row.payload?.fields.countryCode).toBe('MY');
    const fallback = reviewRow(HEADER, ['Ben', 'Carter', '07911 123456', '', ''], {
      defaultCountry: 'GB',
    });
    expect(fallback.payload?.identifierValue).toEqual({ kind: 'phone', value: '+447911123456' });
  });
});

describe('several Phone columns: the best number per row', () => {
  const header = ['First Name', 'Business Phone', 'Mobile Phone', 'Email'];

  test('a mobile beats an office landline; the Error column names its column only on a row with errors', () => {
    const clean = reviewRow(header, ['Aisha', '+60 3-2141 5000', '+60 12-345 6789', 'a@x.com']);
    expect(clean.payload?.identifierValue).toEqual({ kind: 'phone', value: '+60123456789' });
    expect(clean.warningText).toMatch(/taken from the column 'Mobile Phone'/);
    // A clean row's Error cell stays empty: the error filter keeps non-empty Error cells.
    expect(clean.errorText).toBe('');
    const failing = reviewRow(header, ['Aisha', '+60 3-2141 5000', '+60 12-345 6789', 'a.x.com']);
    expect(failing.errorText).toBe(
      "Mobile Phone: taken from the column 'Mobile Phone' (the best number: valid, mobile first); Email: missing @",
    );
    expect(failing.highlight).toEqual([3]);
  });

  test('the first column wins when both are alike, and says nothing', () => {
    const row = reviewRow(header, ['Ben', '+44 7911 123456', '+44 7911 654321', '']);
    expect(row.payload?.identifierValue).toEqual({ kind: 'phone', value: '+447911123456' });
    expect(row.warnings).toEqual([]);
  });
});

describe('errors block the row and say how to fix it', () => {
  test('one line for the Error column, problems in column order, offending cells highlighted', () => {
    const row = reviewRow(HEADER, ['Aisha', 'Rahman', '0123', 'aisha.example.com', 'MY']);
    expect(row.errorText).toBe(
      'Phone: too short for Malaysia (+60) — check the digits; Email: missing @',
    );
    expect(row.highlight).toEqual([2, 3]);
    expect(row.payload).toBeNull();
    expect(row.errors.map((e) => [e.column, e.header])).toEqual([
      [2, 'Phone'],
      [3, 'Email'],
    ]);
  });

  test('messages name the column as the person wrote it', () => {
    const values = [
      ['First Name', 'Mobile Number', '', 'Phone'],
      ['Aisha', '+60123456789', 'x', 'not a phone'],
    ];
    const table = tableOf(values);
    const report = review(values, {
      mapping: [
        { header: 'First Name', field: 'firstName' },
        { header: 'Mobile Number', field: 'phone' },
        { header: 'Column C', field: customFieldKey('Orders') },
        { header: 'Phone', field: customFieldKey('Company') },
      ],
    });
    expect(table.columns.map((c) => c.label)).toEqual([
      'First Name',
      'Mobile Number',
      'Column C',
      'Phone',
    ]);
    expect(report.rows[0]?.errorText).toBe(
      "Column C: 'x' is not a number — write digits only, e.g. 1234.5",
    );
  });

  test.each([
    ['add', 'First Name: missing — new contacts need a first name'],
    ['add-update', 'First Name: missing — new contacts need a first name'],
    ['update', ''],
  ] as const)('a missing first name when the purpose is %s', (purpose, errorText) => {
    expect(reviewRow(['First Name', 'Phone'], ['', '+60123456789'], { purpose }).errorText).toBe(
      errorText,
    );
  });

  test('a missing first name for add-all (no identifier needed)', () => {
    const row = reviewRow(['First Name', 'Phone'], ['', '+60123456789'], {
      purpose: 'add-all',
      identifier: null,
    });
    expect(row.errorText).toBe('First Name: missing — new contacts need a first name');
  });

  test('a Name column that is empty when contacts may be created', () => {
    const row = reviewRow(['Name', 'Phone'], ['   ', '+60123456789', 'x']);
    expect(row.errorText).toBe('Name: missing — new contacts need a first name');
  });

  test.each([
    ['phone', 'Phone: missing — contacts are identified by phone'],
    ['email', 'Email: missing — contacts are identified by email'],
  ] as const)('a missing identifier (%s)', (identifier, errorText) => {
    const row = reviewRow(['First Name', 'Phone', 'Email'], ['Aisha', '', ''], { identifier });
    expect(row.errorText).toBe(errorText);
    expect(row.identifierValue).toBeNull();
  });

  test('an identifier is reported even when another cell has an error', () => {
    const row = reviewRow(['First Name', 'Phone', 'Email'], ['Aisha', '+60123456789', 'bad']);
    expect(row.payload).toBeNull();
    expect(row.identifierValue).toEqual({ kind: 'phone', value: '+60123456789' });
  });
});

describe('warnings do not block and carry suggested fixes', () => {
  // The row's own Country reads its local phone number without a warning (see "a row's own
  // country"); the other cells carry the warnings.
  test('the payload holds the normalised value; the suggestion is what to write in the cell', () => {
    const report = review(
      [
        ['First Name', 'Phone', 'Email', 'Country', 'Birthday'],
        ['Aisha', '012-345 6789', 'mailto:aisha@example.com', 'Malaysia', '22/11/1990'],
      ],
      { defaultCountry: 'MY' },
    );
    const row = report.rows[0];
    expect(row?.errors).toEqual([]);
    expect(row?.payload?.fields).toEqual({
      firstName: 'Aisha',
      phone: '+60123456789',
      email: 'aisha@example.com',
      countryCode: 'MY',
      custom_fields: [{ name: 'Birthday', value: '1990-11-22' }],
    });
    expect(row?.warningText).toBe(
      "Email: 'mailto:aisha@example.com' read as aisha@example.com; Country: 'Malaysia' read as MY (Malaysia) — countries are written as two-letter codes; Birthday: '22/11/1990' read as 1990-11-22 — dates are written yyyy-mm-dd",
    );
    expect(report.suggestions).toEqual([
      {
        row: 2,
        column: 2,
        header: 'Email',
        current: 'mailto:aisha@example.com',
        suggested: 'aisha@example.com',
        severity: 'warning',
        isDate: false,
      },
      {
        row: 2,
        column: 3,
        header: 'Country',
        current: 'Malaysia',
        suggested: 'MY',
        severity: 'warning',
        isDate: false,
      },
      {
        row: 2,
        column: 4,
        header: 'Birthday',
        current: '22/11/1990',
        suggested: '1990-11-22',
        severity: 'warning',
        isDate: true,
      },
    ]);
    expect(report.totals).toEqual({
      rows: 1,
      valid: 1,
      errors: 0,
      warnings: 1,
      empty: 0,
      skipped: 0,
      savable: 0,
    });
  });

  test('an address with a space inside is not changed silently: left out with the fix suggested, or an error as the identifier', () => {
    const header = ['First Name', 'Phone', 'Email'];
    const row = reviewRow(header, ['Ethan', '+12127365000', 'ethan walker@example.com']);
    expect(row.errors).toEqual([]);
    expect(row.payload?.fields.email).toBeUndefined();
    expect(row.warnings[0]?.suggested).toBe('ethanwalker@example.com');
    expect(row.warningText).toMatch(/has a space inside — did you mean ethanwalker@example.com\?/);
    const byEmail = reviewRow(header, ['Ethan', '', 'ethan walker@example.com'], {
      identifier: 'email',
    });
    expect(byEmail.payload).toBeNull();
    expect(byEmail.errors[0]?.suggested).toBe('ethanwalker@example.com');
  });

  test('an error may carry a suggestion too (a near-miss list option)', () => {
    const report = review([
      ['First Name', 'Phone', 'Tier'],
      ['Aisha', '+60123456789', 'Slver'],
    ]);
    expect(report.suggestions).toEqual([
      {
        row: 2,
        column: 2,
        header: 'Tier',
        current: 'Slver',
        suggested: 'Silver',
        severity: 'error',
        isDate: false,
      },
    ]);
  });
});

describe('duplicates in the sheet', () => {
  const sheet = [
    ['First Name', 'Phone', 'Email'],
    ['Aisha', '+60 12-345 6789', 'aisha@example.com'],
    ['Bob', '+60198765432', 'bob@example.com'],
    ['Aisha R', '0123456789', 'AISHA@example.com'],
    ['Carl', '+60 19-876 5432', 'carl@example.com'],
    ['Dan', '60123456789', 'dan@example.com'],
  ];

  test('phones are compared after normalisation; every row of a cluster names the others', () => {
    const report = review(sheet, { defaultCountry: 'MY' });
    expect(report.rows.map((r) => r.errorText)).toEqual([
      'Phone: same number as rows 4, 6 — keep one',
      'Phone: same number as row 5 — keep one',
      'Phone: same number as rows 2, 6 — keep one',
      'Phone: same number as row 3 — keep one',
      'Phone: same number as rows 2, 4 — keep one',
    ]);
    expect(report.rows.every((r) => r.payload === null)).toBe(true);
    expect(report.totals).toMatchObject({ valid: 0, errors: 5 });
  });

  test('emails are compared ignoring case', () => {
    const report = review(sheet, { identifier: 'email', defaultCountry: 'MY' });
    expect(report.rows.map((r) => r.errorText)).toEqual([
      'Email: same address as row 4 — keep one',
      '',
      'Email: same address as row 2 — keep one',
      '',
      '',
    ]);
  });

  test('not applied when adding all contacts despite duplicates', () => {
    const report = review(sheet, { purpose: 'add-all', identifier: null, defaultCountry: 'MY' });
    expect(report.rows.every((r) => r.errors.length === 0)).toBe(true);
  });

  test('a big cluster names five rows and counts the rest', () => {
    const values = [
      ['First Name', 'Phone'],
      ...Array.from({ length: 9 }, () => ['A', '+60123456789']),
    ];
    expect(review(values).rows[0]?.errorText).toBe(
      'Phone: same number as rows 3, 4, 5, 6, 7 and 3 more — keep one',
    );
  });

  test('a column filled with one number: every row names five others and counts the rest', () => {
    const values = [
      ['First Name', 'Phone'],
      ...Array.from({ length: 20_000 }, () => ['A', '+60123456789']),
    ];
    const report = review(values);
    expect(report.totals.errors).toBe(20_000);
    expect(report.rows[19_999]?.errorText).toBe(
      'Phone: same number as rows 2, 3, 4, 5, 6 and 19994 more — keep one',
    );
  });
});

describe('bad input gets a clear message or a sensible conversion, never an exception', () => {
  const header = [
    'First Name',
    'Phone',
    'Email',
    'Company',
    'Orders',
    'Birthday',
    'Subscribed',
    'Tier',
    'Tags',
  ];
  const clean = [
    'Aisha',
    '+60123456789',
    'a@example.com',
    'Acme',
    3,
    '1990-05-04',
    true,
    'Gold',
    'vip',
  ];
  const withCell = (column: number, value: unknown) =>
    clean.map((v, i) => (i === column ? value : v));

  test.each(['#N/A', '#REF!', '#VALUE!', '#DIV/0!', '#NAME?', '#ERROR!', '#NUM!', '#NULL!'])(
    'the formula error %s',
    (code) => {
      const row = reviewRow(header, withCell(2, code));
      expect(row.errorText).toBe(
        `Email: the cell shows the formula error ${code} — fix the formula or type the value`,
      );
      expect(row.highlight).toEqual([2]);
    },
  );

  test.each([
    [0, 'First Name: 50,000 characters — the limit is 255; shorten it'],
    [1, '50,000 characters is too long for a phone number — keep only the number'],
    [2, 'Email: 50000 characters is too long for an email address'],
    [3, 'Company: 50,000 characters — the limit is 5,000; shorten it'],
    [4, "Orders: '" + 'x'.repeat(39) + "…' is not a number — write digits only, e.g. 1234.5"],
    [
      5,
      "Birthday: '" + 'x'.repeat(39) + "…' is not a date — write it as yyyy-mm-dd, e.g. 2026-11-22",
    ],
    [
      6,
      "Subscribed: '" +
        'x'.repeat(39) +
        "…' is not a checkbox value — use TRUE or FALSE (yes/no, y/n, 1/0 also work)",
    ],
    [7, "Tier: '" + 'x'.repeat(39) + "…' is not one of the options ('Bronze', 'Silver', 'Gold')"],
    [8, "Tags: the tag '" + 'x'.repeat(29) + "…' is longer than 255 characters — shorten it"],
  ])('a 50,000-character cell in column %i', (column, message) => {
    const row = reviewRow(header, withCell(column, 'x'.repeat(50_000)));
    expect(row.errorText).toContain(message);
    expect(row.errors).toHaveLength(1);
  });

  test('emoji and right-to-left text are kept as written', () => {
    const row = reviewRow(
      ['First Name', 'Last Name', 'Phone', 'Company'],
      ['🌸 Aisha', 'الرحمن', '+60123456789', 'שלום בע״מ'],
    );
    expect(row.errors).toEqual([]);
    expect(row.payload?.fields).toMatchObject({
      firstName: '🌸 Aisha',
      lastName: 'الرحمن',
      custom_fields: [{ name: 'Company', value: 'שלום בע״מ' }],
    });
  });

  test('a Date in a text field is written as the sheet shows it, or yyyy-mm-dd', () => {
    const date = new Date(Date.UTC(2026, 10, 22, 16, 30));
    const shown = reviewRow(
      header,
      withCell(3, date),
      {},
      {
        display: [header, withCell(3, '22 Nov 2026').map(String)],
      },
    );
    expect(shown.payload?.fields.custom_fields?.[0]).toEqual({
      name: 'Company',
      value: '22 Nov 2026',
    });
    const computed = reviewRow(
      header,
      withCell(3, date),
      {},
      { context: { timeZone: 'Asia/Kuala_Lumpur' } },
    );
    expect(computed.payload?.fields.custom_fields?.[0]).toEqual({
      name: 'Company',
      value: '2026-11-23 00:30',
    });
  });

  test('numbers and booleans in text fields become text', () => {
    const row = reviewRow(
      header,
      withCell(3, 1234.5),
      {},
      { display: [header, withCell(3, '1,234.50').map(String)] },
    );
    expect(row.payload?.fields.custom_fields?.[0]).toEqual({ name: 'Company', value: '1,234.50' });
    expect(reviewRow(header, withCell(3, false)).payload?.fields.custom_fields?.[0]).toEqual({
      name: 'Company',
      value: 'FALSE',
    });
    expect(reviewRow(header, withCell(0, 42)).payload?.fields.firstName).toBe('42');
  });

  test.each([
    [2, true, 'Email: TRUE is not an email address'],
    [2, 42, "Email: '42' is not an email address"],
    [4, new Date(Date.UTC(2026, 0, 2)), 'Orders: the date 2026-01-02 is a date, not a number'],
    [4, true, 'Orders: TRUE is not a number — write digits only'],
    [5, 46348, "Birthday: '46348' is a number, not a date — write the date as yyyy-mm-dd"],
    [5, false, 'Birthday: FALSE is not a date — write it as yyyy-mm-dd'],
    [
      6,
      new Date(Date.UTC(2026, 0, 2)),
      'Subscribed: the date 2026-01-02 is not a checkbox value — use TRUE or FALSE',
    ],
    [6, 7, 'Subscribed: 7 is not a checkbox value — use TRUE or FALSE (1/0 also work)'],
  ])('column %i holding %p', (column, value, errorText) => {
    expect(reviewRow(header, withCell(column, value)).errorText).toBe(errorText);
  });

  test('ragged rows: missing cells are empty', () => {
    const report = review([
      header,
      ['Aisha', '+60123456789'],
      ['', '+60198765432', 'b@example.com'],
    ]);
    expect(report.rows[0]?.errors).toEqual([]);
    expect(report.rows[0]?.payload?.fields.email).toBeNull();
    expect(report.rows[1]?.errorText).toBe('First Name: missing — new contacts need a first name');
  });

  test('a cell holding something getValues never gives is an error, not a crash', () => {
    const row = reviewRow(
      ['First Name', 'Phone', 'Company'],
      ['Aisha', '+60123456789', { odd: true }],
    );
    expect(row.errorText).toBe("Company: '[object Object]' cannot be read — re-enter the value");
  });
});

describe('custom field types', () => {
  const header = ['First Name', 'Phone', 'Birthday', 'Call Time', 'Website', 'Work Email'];

  test('Date cells, from this realm or another, become yyyy-mm-dd in the spreadsheet time zone', () => {
    const foreign: unknown = runInNewContext('new Date(Date.UTC(1990, 4, 3, 16, 30))');
    const row = reviewRow(
      header,
      ['Aisha', '+60123456789', foreign, '', '', ''],
      {},
      {
        context: { timeZone: 'Asia/Kuala_Lumpur' },
      },
    );
    expect(row.errors).toEqual([]);
    expect(row.payload?.fields.custom_fields?.[0]).toEqual({
      name: 'Birthday',
      value: '1990-05-04',
    });
  });

  test('a time cell is read from what the sheet shows', () => {
    const cell = new Date(Date.UTC(1899, 11, 30, 1, 36, 42)); // 09:30 in +08:00, old LMT offsets aside
    const row = reviewRow(
      header,
      ['Aisha', '+60123456789', '', cell, '', ''],
      {},
      {
        display: [header, ['Aisha', '+60123456789', '', '9:30:00', '', '']],
      },
    );
    expect(row.errors).toEqual([]);
    expect(row.warnings).toEqual([]);
    expect(row.payload?.fields.custom_fields?.[1]).toEqual({ name: 'Call Time', value: '09:30' });
  });

  test('url and email custom fields', () => {
    const row = reviewRow(header, [
      'Aisha',
      '+60123456789',
      '',
      '',
      'www.example.com',
      'Ops@Example.com',
    ]);
    expect(row.payload?.fields.custom_fields).toEqual([
      { name: 'Birthday', value: null },
      { name: 'Call Time', value: null },
      { name: 'Website', value: 'www.example.com' },
      { name: 'Work Email', value: 'ops@example.com' },
    ]);
  });
});

describe('identifying contacts by Contact ID', () => {
  test("the add-on's own Contact ID column is the identifier source when no column is mapped to it", () => {
    const report = review(
      [
        ['First Name', 'Company', 'Contact ID'],
        ['Aisha', 'Acme', 123],
        ['Bob', 'Beta', ''],
        ['Carl', 'Gamma', 'id:123'],
        ['Dan', 'Delta', '12a'],
      ],
      {
        purpose: 'update',
        identifier: 'id',
        mapping: [
          { header: 'First Name', field: 'firstName' },
          { header: 'Company', field: customFieldKey('Company') },
        ],
      },
    );
    expect(report.rows.map((r) => r.errorText)).toEqual([
      'Contact ID: same Contact ID as row 4 — keep one',
      'Contact ID: missing — contacts are identified by Contact ID',
      'Contact ID: same Contact ID as row 2 — keep one',
      "Contact ID: '12a' is not a contact ID — IDs are whole numbers like 12345",
    ]);
    expect(report.rows[0]?.highlight).toEqual([2]);
  });

  test('a mapped ID column wins, and the id is not sent as a field', () => {
    const row = reviewRow(['ID', 'First Name'], ['00123', 'Aisha'], {
      purpose: 'update',
      identifier: 'id',
    });
    expect(row.payload).toEqual({
      identifierValue: { kind: 'id', value: '123' },
      fields: { firstName: 'Aisha' },
    });
  });
});

describe('one row at a time (onEdit)', () => {
  const values = [
    ['First Name', 'Phone'],
    ['Aisha', '+60123456789'],
    ['Bob', 'oops'],
    ['', ''],
  ];
  const table = tableOf(values);
  const settings = settingsOf({
    mapping: [
      { header: 'First Name', field: 'firstName' },
      { header: 'Phone', field: 'phone' },
    ],
  });
  const prepared = prepareValidation(settings, table, catalogue);
  if (!prepared.ok) throw new Error(prepared.messages.join());
  const report = validateTable(settings, table, catalogue);
  if (!report.ok) throw new Error('report');
  // As onEdit builds it (edit.ts): normalised identifier → the sheet rows holding it.
  const rows = report.value.rows;
  const index = indexIdentifiers(
    rows.map((r) => r.identifierValue?.value ?? null),
    (position) => rows[position]!.row,
  );

  test('a fixed row comes back clean', () => {
    const result = validateRow(prepared.value, tableRow(3, ['Bob', '+60198765432']), index);
    expect(result).toMatchObject({ row: 3, errorText: '', highlight: [], empty: false });
    expect(result.payload?.fields.phone).toBe('+60198765432');
  });

  test('an edit that copies another row’s number is a duplicate of it', () => {
    const result = validateRow(prepared.value, tableRow(3, ['Bob', '+60 12-345 6789']), index);
    expect(result.errorText).toBe('Phone: same number as row 2 — keep one');
  });

  test('a row keeps its own value without being its own duplicate', () => {
    expect(
      validateRow(prepared.value, tableRow(2, ['Aisha', '+60123456789']), index).errorText,
    ).toBe('');
  });

  test('an emptied row is reported as empty', () => {
    expect(validateRow(prepared.value, tableRow(4, ['', '  ']))).toMatchObject({
      row: 4,
      empty: true,
      errors: [],
      payload: null,
      errorText: '',
    });
  });
});

describe('a review that cannot start', () => {
  test('mapping problems come back as messages', () => {
    const table = tableOf([
      ['Name', 'Email'],
      ['Aisha', 'a@example.com'],
    ]);
    expect(
      validateTable(
        settingsOf({ mapping: [{ header: 'Name', field: 'fullName' }] }),
        table,
        catalogue,
      ),
    ).toEqual({
      ok: false,
      messages: ['Contacts are identified by Phone, so a column must be mapped to Phone.'],
    });
  });

  test('an unknown time zone comes back as a message', () => {
    const table = tableOf([
      ['Name', 'Phone'],
      ['Aisha', '+60123456789'],
    ]);
    const settings = settingsOf({
      mapping: [
        { header: 'Name', field: 'fullName' },
        { header: 'Phone', field: 'phone' },
      ],
    });
    expect(validateTable(settings, table, catalogue, { timeZone: 'Nowhere/Land' }).ok).toBe(false);
  });
});

describe('totals', () => {
  test('rows, valid, errors, warnings and empty rows', () => {
    const report = review(
      [
        ['First Name', 'Phone'],
        ['Aisha', '+60123456789'],
        ['', ''],
        ['Bob', '0198765432'],
        ['Carl', 'x'],
      ],
      { defaultCountry: 'MY' },
    );
    expect(report.totals).toEqual({
      rows: 3,
      valid: 2,
      errors: 1,
      warnings: 1,
      empty: 1,
      skipped: 0,
      savable: 0,
    });
    expect(report.emptyRows).toEqual([3]);
  });
});

describe('"import the row without this cell" (a per-run choice, off by default)', () => {
  const rows = [
    ['First Name', 'Phone', 'Birthday'],
    ['Aisha', '+60 12-345 6789', '03/14'],
    ['Ben', '+44 7911 123456', '1990-11-22'],
  ];

  test('off: a birthday without a year holds the row back, and review counts the rows it would save', () => {
    const report = review(rows);
    expect(report.rows[0]?.errorText).toMatch(/^Birthday: .*year/i);
    expect(report.rows[0]?.payload).toBeNull();
    expect(report.totals.savable).toBe(1);
    expect(report.notes.join(' ')).toMatch(
      /1 row with errors only in optional cells would import without those cells/,
    );
  });

  test('on: the row imports without the cell, with a warning; a bad identifier still blocks', () => {
    const report = review(rows, { skipBadOptionalCells: true });
    const aisha = report.rows[0];
    expect(aisha?.errors).toEqual([]);
    expect(aisha?.payload?.fields.custom_fields).toBeUndefined();
    expect(aisha?.warningText).toMatch(/left out of this import/);
    const bad = review([rows[0] as string[], ['Dewi', '12345', '03/14']], {
      skipBadOptionalCells: true,
    });
    expect(bad.rows[0]?.payload).toBeNull();
    expect(bad.totals.savable).toBe(0);
  });
});

describe('ambiguous dates: settled by the column, then by the spreadsheet locale', () => {
  const header = ['First Name', 'Phone', 'Birthday'];
  const birthday = (rows: string[], context?: { locale: string }) =>
    review(
      [header, ...rows.map((d, i) => [`P${i}`, `+60 12-345 67${10 + i}`, d])],
      {},
      context ? { context } : {},
    ).rows.map((r) =>
      r.errors.length > 0 ? 'error' : r.payload?.fields.custom_fields?.[0]?.value,
    );

  test('one 25/03/1992 proves the column day-first', () => {
    expect(birthday(['25/03/1992', '03/04/1992'])).toEqual(['1992-03-25', '1992-04-03']);
  });

  test("without proof in the column, the spreadsheet's locale decides; without either it is an error", () => {
    expect(birthday(['03/04/1992'], { locale: 'en_GB' })).toEqual(['1992-04-03']);
    expect(birthday(['03/04/1992'], { locale: 'en_US' })).toEqual(['1992-03-04']);
    expect(birthday(['03/04/1992'])).toEqual(['error']);
  });

  test('a column with proof both ways leaves each ambiguous cell an error', () => {
    expect(birthday(['25/03/1992', '03/25/1992', '03/04/1992'])).toEqual([
      '1992-03-25',
      '1992-03-25',
      'error',
    ]);
  });
});
