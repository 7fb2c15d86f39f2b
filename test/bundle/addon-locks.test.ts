/**
 * LockService.getDocumentLock() may answer null ("If this method is called outside of the
 * context of a containing document (such as from a standalone script or webapp), null is
 * returned." — https://developers.google.com/apps-script/reference/lock/lock-service#getDocumentLock()).
 * Imports must still work, and still exclude each other.
 */
import { importAll, setUp, startAddon, type Addon } from '../support/addon-harness';

const HEADER = ['First Name', 'Mobile'];
const rows = (n: number) => [
  HEADER,
  ...Array.from({ length: n }, (_, i) => [
    `Person${i}`,
    `+60 13-${String(2_000_000 + i).slice(0, 3)} ${String(2_000_000 + i).slice(3)}`,
  ]),
];

let addon: Addon;
beforeAll(async () => {
  addon = await startAddon({ Contacts: rows(20) }, ['--seed', 'empty'], { documentLock: 'null' });
  setUp(addon, { purpose: 'add', identifier: 'phone', importTag: null, defaultCountry: 'MY' });
}, 60_000);
afterAll(() => addon.stop());

test('without a document lock, an import still runs to the end', async () => {
  expect(addon.fakes.globals.LockService.getDocumentLock()).toBeNull();
  const { progress } = importAll(addon);
  expect(progress).toMatchObject({ status: 'completed', counts: { imported: 20, errors: 0 } });
  expect(await addon.contacts()).toHaveLength(20);
});

test('without a document lock, a second import is still refused while one holds the lock', () => {
  // Another execution of the add-on holds the lock the add-on falls back to.
  addon.fakes.locks.holdExternally('script');
  try {
    const second = addon.raw('startImport', 'pending');
    expect(second.ok).toBe(false);
    expect(!second.ok && second.error).toMatch(/Another check or import is running/);
  } finally {
    addon.fakes.locks.release('script');
  }
});
