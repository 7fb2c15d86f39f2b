import { canonicalJson, fingerprint, fnv1a32 } from '../../../src/core/fingerprint';

describe('fingerprint', () => {
  test.each([
    ['', '811c9dc5'],
    ['a', 'e40c292c'],
    ['foobar', 'bf9cf968'],
  ])('FNV-1a 32 of %j is %s (the published test vectors)', (text, hash) => {
    expect(fnv1a32(text)).toBe(hash);
  });

  test('canonical JSON sorts keys at every level and drops undefined', () => {
    expect(canonicalJson({ b: 1, a: { d: [1, { z: 1, y: 2 }], c: null }, u: undefined })).toBe(
      '{"a":{"c":null,"d":[1,{"y":2,"z":1}]},"b":1}',
    );
  });

  const payload = {
    identifierValue: { kind: 'phone', value: '+60123456789' },
    fields: {
      firstName: 'Aisha',
      phone: '+60123456789',
      custom_fields: [{ name: 'Tier', value: 'Gold' }],
    },
    tags: ['vip'],
  };

  test('is 8 hex characters and ignores key order', () => {
    const reordered = {
      tags: ['vip'],
      fields: {
        custom_fields: [{ value: 'Gold', name: 'Tier' }],
        phone: '+60123456789',
        firstName: 'Aisha',
      },
      identifierValue: { value: '+60123456789', kind: 'phone' },
    };
    expect(fingerprint(payload)).toMatch(/^[0-9a-f]{8}$/);
    expect(fingerprint(reordered)).toBe(fingerprint(payload));
  });

  test.each([
    ['a changed name', { ...payload, fields: { ...payload.fields, firstName: 'Aishah' } }],
    ['a cleared field', { ...payload, fields: { ...payload.fields, firstName: null } }],
    ['another tag', { ...payload, tags: ['vip', 'new'] }],
    ['a changed tag', { ...payload, tags: ['VIP'] }],
    ['no tags', { ...payload, tags: null }],
  ])('changes with %s', (_, changed) => {
    expect(fingerprint(changed)).not.toBe(fingerprint(payload));
  });

  test('emoji and right-to-left text hash without error', () => {
    expect(fingerprint({ firstName: '🌸 الرحمن' })).toMatch(/^[0-9a-f]{8}$/);
  });
});
