import { z } from 'zod';
import parsePhoneNumber from 'libphonenumber-js/min';
test('toolchain', () => {
  expect(z.string().parse('a')).toBe('a');
  expect(parsePhoneNumber('+60 12-345 6789')?.number).toBe('+60123456789');
});
