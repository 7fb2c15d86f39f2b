import { detectExport } from '../../../src/core/exports';
import { buildCatalogue, customFieldKey } from '../../../src/core/fields';
import {
  autoMap,
  checkMapping,
  identifierColumn,
  mappingFromMatches,
  resolveMapping,
} from '../../../src/core/mapping';
import type { MappingEntry } from '../../../src/core/settings';
import { readHeader } from '../../../src/core/table';
import { catalogue, settingsOf } from './helpers';

const headerOf = (...headers: string[]) => readHeader(headers);
const mapOne = (header: string, identifier: 'phone' | 'id' = 'phone') =>
  autoMap(headerOf(header).columns, catalogue, { identifier })[0];

describe('auto-mapping headers to fields', () => {
  test.each([
    ['First Name', 'firstName'],
    ['first_name', 'firstName'],
    ['FIRSTNAME', 'firstName'],
    ['Last Name', 'lastName'],
    ['Phone', 'phone'],
    ['Phone #', 'phone'],
    ['Email', 'email'],
    ['E-mail', 'email'],
    ['Profile Picture URL', 'profilePic'],
    ['Country Code', 'countryCode'],
    ['Tags', 'tags'],
    ['Company', customFieldKey('Company')],
    ['call time', customFieldKey('Call Time')],
    ['work_email', customFieldKey('Work Email')],
    ['Full name', 'fullName'],
  ])('exact: %j → %s', (header, field) => {
    expect(mapOne(header)).toMatchObject({ field, method: 'exact', confidence: 1 });
  });

  test.each([
    ['Mobile', 'phone'],
    ['Mobile Number', 'phone'],
    ['Cell phone', 'phone'],
    ['WhatsApp', 'phone'],
    ['Phone number', 'phone'],
    ['Tel', 'phone'],
    ['Telephone', 'phone'],
    ['E-mail address', 'email'],
    ['Mail', 'email'],
    ['Given name', 'firstName'],
    ['Forename', 'firstName'],
    ['First', 'firstName'],
    ['Surname', 'lastName'],
    ['Family name', 'lastName'],
    ['Last', 'lastName'],
    ['Name', 'fullName'],
    ['Contact name', 'fullName'],
    ['Labels', 'tags'],
    ['Tag', 'tags'],
    ['Country', 'countryCode'],
    ['Lang', 'language'],
    ['Locale', 'language'],
    ['Avatar', 'profilePic'],
    ['Photo', 'profilePic'],
    ['Profile picture', 'profilePic'],
  ])('synonym: %j → %s', (header, field) => {
    expect(mapOne(header)).toMatchObject({ field, method: 'synonym', confidence: 0.95 });
  });

  test.each([
    ['Frist Name', 'firstName'],
    ['Emial', 'email'],
    ['Phone Numbr', 'phone'],
    ['Birthdya', customFieldKey('Birthday')],
  ])('fuzzy: %j → %s with a confidence below a synonym', (header, field) => {
    const match = mapOne(header);
    expect(match).toMatchObject({ field, method: 'fuzzy' });
    expect(match?.confidence).toBeGreaterThan(0.7);
    expect(match?.confidence).toBeLessThan(0.95);
  });

  test.each(['Notes', 'City', 'Data', 'Age', 'ID'])('no match: %j', (header) => {
    expect(mapOne(header)).toMatchObject({ field: null, method: 'none', confidence: 0 });
  });

  test('an empty header maps to nothing', () => {
    expect(autoMap(headerOf('', 'Phone').columns, catalogue)[0]).toMatchObject({
      label: 'Column A',
      field: null,
      method: 'none',
    });
  });

  test("a custom field's slug is a synonym", () => {
    const withSlug = buildCatalogue([{ name: 'Date of Birth', slug: 'dob', dataType: 'date' }]);
    expect(autoMap(headerOf('DOB').columns, withSlug)[0]).toMatchObject({
      field: customFieldKey('Date of Birth'),
      method: 'synonym',
    });
  });

  test('Contact ID is offered only when contacts are identified by it', () => {
    expect(mapOne('ID', 'id')).toMatchObject({ field: 'contactId', method: 'synonym' });
    expect(mapOne('ID', 'phone')).toMatchObject({ field: null });
  });

  test('each field at most once: the most confident column wins, the rest stay unmapped', () => {
    const matches = autoMap(headerOf('Labels', 'Tags', 'Tagz', 'Email').columns, catalogue);
    expect(matches.map((m) => [m.label, m.field, m.method])).toEqual([
      ['Labels', null, 'none'],
      ['Tags', 'tags', 'exact'],
      ['Tagz', null, 'none'],
      ['Email', 'email', 'exact'],
    ]);
  });

  test('several Phone (or Email) columns are all mapped, the best value per row wins; near spellings are not', () => {
    const matches = autoMap(headerOf('Mobile', 'Phone', 'Phone Numbr', 'Email').columns, catalogue);
    expect(matches.map((m) => [m.label, m.field, m.method])).toEqual([
      ['Mobile', 'phone', 'synonym'],
      ['Phone', 'phone', 'exact'],
      ['Phone Numbr', null, 'none'],
      ['Email', 'email', 'exact'],
    ]);
  });

  test('on a tie the leftmost column wins', () => {
    const matches = autoMap(headerOf('Labels', 'Tag').columns, catalogue);
    expect(matches.map((m) => m.field)).toEqual(['tags', null]);
  });

  test('a Name column is split only when First and Last Name are not mapped; beside a Surname it is the first name', () => {
    expect(autoMap(headerOf('Name', 'Phone').columns, catalogue).map((m) => m.field)).toEqual([
      'fullName',
      'phone',
    ]);
    expect(autoMap(headerOf('Name', 'First Name').columns, catalogue).map((m) => m.field)).toEqual([
      null,
      'firstName',
    ]);
    expect(autoMap(headerOf('Name', 'Surname').columns, catalogue).map((m) => m.field)).toEqual([
      'firstName',
      'lastName',
    ]);
  });

  test('standard fields win exact ties with a custom field of the same name', () => {
    const withEmailField = buildCatalogue([{ name: 'Email', dataType: 'text' }]);
    expect(autoMap(headerOf('Email').columns, withEmailField)[0]?.field).toBe('email');
  });

  test('the result is saved by column label', () => {
    const matches = autoMap(headerOf('Tags', '', 'Tags').columns, catalogue);
    expect(mappingFromMatches(matches)).toEqual([
      { header: 'Tags', field: 'tags' },
      { header: 'Column B', field: null },
      { header: 'Tags (2)', field: null },
    ]);
  });
});

describe('checking a mapping', () => {
  const header = headerOf('Name', 'First Name', 'Mobile', 'Phone', 'Email', 'Company', 'ID');
  const check = (mapping: MappingEntry[], settings: Parameters<typeof settingsOf>[0] = {}) =>
    checkMapping(settingsOf({ ...settings, mapping }), header, catalogue);

  test('a good mapping has no problems', () => {
    expect(
      check([
        { header: 'First Name', field: 'firstName' },
        { header: 'Phone', field: 'phone' },
        { header: 'Company', field: customFieldKey('Company') },
      ]),
    ).toEqual([]);
  });

  test('each field at most once, except Phone and Email (the best value per row)', () => {
    expect(
      check([
        { header: 'Name', field: 'firstName' },
        { header: 'First Name', field: 'firstName' },
        { header: 'Phone', field: 'phone' },
      ]),
    ).toEqual([
      "First Name is mapped from more than one column ('Name' and 'First Name') — keep one.",
    ]);
    expect(
      check([
        { header: 'First Name', field: 'firstName' },
        { header: 'Mobile', field: 'phone' },
        { header: 'Phone', field: 'phone' },
      ]),
    ).toEqual([]);
  });

  test('a split Name and a First Name cannot both be mapped', () => {
    expect(
      check([
        { header: 'Name', field: 'fullName' },
        { header: 'First Name', field: 'firstName' },
        { header: 'Phone', field: 'phone' },
      ]),
    ).toEqual([
      "The column 'Name' is split into First and Last Name, but 'First Name' is mapped to First Name too — skip one of them.",
    ]);
  });

  test('the identifier field must be mapped', () => {
    expect(check([{ header: 'First Name', field: 'firstName' }], { identifier: 'email' })).toEqual([
      "Contacts are identified by Email, so a column must be mapped to Email. The likeliest: 'Email'.",
    ]);
  });

  test('at least one column', () => {
    expect(check([], { purpose: 'update' })).toEqual([
      'Select at least one column to import.',
      "Contacts are identified by Phone, so a column must be mapped to Phone. The likeliest: 'Mobile' and 'Phone'.",
    ]);
  });

  test('a first name (or a Name to split) when rows may create contacts', () => {
    const mapping = [{ header: 'Phone', field: 'phone' }];
    const message =
      "New contacts need a first name: map a column to First Name (or a Name column to be split) for 'Add new contacts only'.";
    expect(check(mapping, { purpose: 'add' })).toEqual([message]);
    expect(check(mapping, { purpose: 'update' })).toEqual([]);
    expect(check([...mapping, { header: 'Name', field: 'fullName' }], { purpose: 'add' })).toEqual(
      [],
    );
  });

  test('Contact ID is only for identifier id', () => {
    expect(
      check([
        { header: 'First Name', field: 'firstName' },
        { header: 'Phone', field: 'phone' },
        { header: 'ID', field: 'contactId' },
      ]),
    ).toEqual([
      "The column 'ID' is mapped to Contact ID, which is only used to find contacts when they are identified by Contact ID — skip the column.",
    ]);
    expect(
      check(
        [
          { header: 'ID', field: 'contactId' },
          { header: 'Company', field: customFieldKey('Company') },
        ],
        {
          purpose: 'update',
          identifier: 'id',
        },
      ),
    ).toEqual([]);
  });

  test("identifier id may use the add-on's own Contact ID column", () => {
    const withOwned = readHeader(['Contact ID', 'Company']);
    const settings = settingsOf({
      purpose: 'update',
      identifier: 'id',
      mapping: [{ header: 'Company', field: customFieldKey('Company') }],
    });
    expect(checkMapping(settings, withOwned, catalogue)).toEqual([]);
    expect(
      resolveMapping(settings.mapping, withOwned, catalogue, 'id').ownedContactId?.letter,
    ).toBe('A');
    expect(checkMapping(settings, readHeader(['Company']), catalogue)).toEqual([
      'Contacts are identified by Contact ID, so a column must be mapped to Contact ID.',
    ]);
  });

  test('a mapped column that left the sheet, or a field the workspace deleted', () => {
    expect(
      check([
        { header: 'First Name', field: 'firstName' },
        { header: 'Phone', field: 'phone' },
        { header: 'WhatsApp', field: 'phone' },
        { header: 'Email', field: customFieldKey('Loyalty Points') },
      ]),
    ).toEqual([
      "The column 'WhatsApp' (mapped to Phone) is no longer in the sheet — map the columns again.",
      "The column 'Email' is mapped to the field 'Loyalty Points', which the workspace no longer has — map it to another field or skip it.",
    ]);
  });

  test("the add-on's own columns cannot be mapped, except Contact ID as the identifier source", () => {
    const owned = readHeader(['First Name', 'Phone', 'Error', 'Contact ID']);
    const mapping = [
      { header: 'First Name', field: 'firstName' },
      { header: 'Phone', field: 'phone' },
      { header: 'Error', field: customFieldKey('Company') },
    ];
    expect(checkMapping(settingsOf({ mapping }), owned, catalogue)).toEqual([
      "The column 'Error' belongs to the add-on (it writes there) and cannot be imported — skip it.",
    ]);
    const byId = settingsOf({
      purpose: 'update',
      identifier: 'id',
      mapping: [
        { header: 'First Name', field: 'firstName' },
        { header: 'Contact ID', field: 'contactId' },
      ],
    });
    expect(checkMapping(byId, owned, catalogue)).toEqual([]);
  });

  test('skipped columns are ignored', () => {
    expect(
      check([
        { header: 'First Name', field: 'firstName' },
        { header: 'Phone', field: 'phone' },
        { header: 'Gone', field: null },
      ]),
    ).toEqual([]);
  });
});

describe("the identifier's column, as messages name it", () => {
  const header = readHeader(['Name', 'Mobile', 'Work Phone', 'E-mail', 'Respond ID']);
  const mapping = [
    { header: 'Mobile', field: 'phone' },
    { header: 'Work Phone', field: 'phone' },
    { header: 'E-mail', field: 'email' },
    { header: 'Respond ID', field: 'contactId' },
  ];

  test.each([
    ['phone', 'add-update', { index: 1, label: 'Mobile' }],
    ['email', 'add-update', { index: 3, label: 'E-mail' }],
    ['id', 'update', { index: 4, label: 'Respond ID' }],
  ] as const)(
    '%s: the column mapped to its field (the first of a "best of")',
    (identifier, purpose, column) => {
      const settings = settingsOf({ purpose, identifier, mapping });
      expect(identifierColumn(settings, header.columns)).toEqual(column);
    },
  );

  test('none for add-all without an identifier, or when its column is not in the sheet', () => {
    expect(
      identifierColumn(
        settingsOf({ purpose: 'add-all', identifier: null, mapping }),
        header.columns,
      ),
    ).toBeNull();
    const gone = settingsOf({ mapping: [{ header: 'Phone', field: 'phone' }] });
    expect(identifierColumn(gone, header.columns)).toBeNull();
  });
});

describe('which export a sheet came from', () => {
  test('an export is named by its own headers', () => {
    expect(detectExport(['First Name', 'Last Name', 'Mobile', 'Mailing Country'])?.name).toBe(
      'Salesforce report',
    );
    expect(detectExport(['Vorname', 'Nachname', 'Mobiltelefon', 'Kategorien'])?.name).toBe(
      'Outlook (Deutsch)',
    );
  });

  test('headers every hand-made list has name no export', () => {
    expect(detectExport(['First Name', 'Last Name', 'Mobile', 'Email'])).toBeNull();
    expect(detectExport(['Name', 'Phone', 'Email', 'Tags', 'Country'])).toBeNull();
  });
});
