import { OWNED_COLUMNS, ownedColumnKind } from '../../../src/core/columns';

describe("the add-on's own columns", () => {
  test.each([
    ['Error', 'error'],
    ['error', 'error'],
    ['  ERROR ', 'error'],
    ['Import Status', 'status'],
    ['import   status', 'status'],
    ['Contact ID', 'contactId'],
    ['contact id', 'contactId'],
    ['Import Fingerprint', 'fingerprint'],
  ])('%j is %s', (header, kind) => {
    expect(ownedColumnKind(header)).toBe(kind);
  });

  test.each(['Errors', 'Status', 'ID', 'ContactID', 'Phone', ''])(
    '%j is a data column',
    (header) => {
      expect(ownedColumnKind(header)).toBeNull();
    },
  );

  test('the headers the add-on writes', () => {
    expect(OWNED_COLUMNS).toEqual({
      error: 'Error',
      status: 'Import Status',
      contactId: 'Contact ID',
      fingerprint: 'Import Fingerprint',
      cells: 'Error Cells',
    });
  });
});
