import { buildCatalogue, customFieldKey, findField } from '../../../src/core/fields';

describe('the field catalogue', () => {
  const catalogue = buildCatalogue([
    { name: 'Company', slug: 'company', dataType: 'text' },
    { name: 'Tier', dataType: 'list', allowedValues: ['Bronze', 'Gold'] },
    { name: 'Tier', dataType: 'text' }, // a repeat cannot be told apart in a saved mapping
    { name: '  ', dataType: 'text' },
  ]);

  test('standard fields, the two pseudo-fields, then custom fields, with stable keys', () => {
    expect(catalogue.fields.map((f) => [f.key, f.label])).toEqual([
      ['firstName', 'First Name'],
      ['lastName', 'Last Name'],
      ['phone', 'Phone'],
      ['email', 'Email'],
      ['language', 'Language'],
      ['profilePic', 'Profile Picture URL'],
      ['countryCode', 'Country Code'],
      ['tags', 'Tags'],
      ['callingCode', 'Calling code (joined to Phone)'],
      ['fullName', 'Name (split into First and Last Name)'],
      ['contactId', 'Contact ID'],
      ['custom:Company', 'Company'],
      ['custom:Tier', 'Tier'],
    ]);
  });

  test('custom fields keep their type, options, name and slug', () => {
    expect(findField(catalogue, customFieldKey('Tier'))).toMatchObject({
      valueType: 'custom-list',
      options: ['Bronze', 'Gold'],
      target: { kind: 'custom', name: 'Tier', slug: null },
    });
    expect(findField(catalogue, 'custom:Company')?.target).toEqual({
      kind: 'custom',
      name: 'Company',
      slug: 'company',
    });
  });

  test('length limits are part of the field', () => {
    expect(findField(catalogue, 'firstName')?.maxLength).toBe(255);
    expect(findField(catalogue, 'custom:Company')?.maxLength).toBe(5000);
  });

  test('only Contact ID is identifier-only; unknown keys are absent', () => {
    expect(catalogue.fields.filter((f) => f.identifierOnly).map((f) => f.key)).toEqual([
      'contactId',
    ]);
    expect(findField(catalogue, 'constructor')).toBeUndefined();
    expect(findField(catalogue, 'custom:Nope')).toBeUndefined();
  });
});
