/**
 * Runs after every bundle and browser test file: any Apps Script method the add-on called
 * under the shipped manifest must be listed in local/gas-fakes/scopes.ts, even when the
 * add-on caught the error the fakes threw for it.
 */
import { unlistedCalls } from '../../local/gas-fakes/scopes';

afterAll(() => {
  expect([...unlistedCalls].sort()).toEqual([]);
});
