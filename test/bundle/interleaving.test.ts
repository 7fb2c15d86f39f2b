/**
 * Overlapping executions during an import, as Apps Script runs them: while the slices of a
 * 2,000-row import run, a person edits data cells (onEdit fires, also on rows already
 * imported), reviews, applies suggested fixes, the sidebar polls getImportProgress and a
 * teammate opens the wizard (getWizardState as another user). Executions interleave at
 * service-call boundaries in an order a seed decides (local/gas-fakes/executions), so a
 * failure replays from the seed printed with it.
 *
 * What a person would notice, checked after every write to the sheet and at the end:
 * - an Import Status (or fingerprint) once written is never reverted to empty or to an
 *   older value;
 * - no row is sent twice (write requests per phone, as UrlFetch sent them);
 * - no contact exists twice in the workspace;
 * - every row ends with a status.
 */
import { expectClean, importWithOverlaps, SEEDS } from '../support/interleaving-scenario';

describe.each([
  // add-all: a create per row; a second create of the same phone makes a second contact, as
  // the platform may (emulator --create-existing duplicate).
  ['add-all', ['--create-existing', 'duplicate']],
  ['add-update', []],
] as const)('a 2,000-row %s import with overlapping executions', (purpose, emulatorArgs) => {
  test.each(SEEDS)(
    'seed %i: no status reverted, no row sent twice, no duplicate contact, every row has a status',
    async (seed) => {
      expectClean(await importWithOverlaps(purpose, seed, [...emulatorArgs]));
    },
    240_000,
  );
});
