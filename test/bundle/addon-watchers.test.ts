/**
 * A teammate's sidebar watching an import: it must see the run as running, not as left by a
 * closed sidebar, however long the start took. On a big sheet `startImport` checks every row
 * (a minute or more in Apps Script), and the runner's sidebar calls `continueImport` only
 * once it has the answer.
 */
import { setUp, startAddon, type Addon } from '../support/addon-harness';

const ROWS = 5_000;

function sheet(): unknown[][] {
  const rows: unknown[][] = [['First Name', 'Last Name', 'Mobile', 'Email', 'Plan']];
  for (let i = 0; i < ROWS; i++)
    rows.push([`Name${i}`, 'Watch', `+4420${70_000_000 + i}`, `w${i}@example.com`, 'Free']);
  return rows;
}

let addon: Addon;
beforeAll(async () => {
  // The cost model on a simulated clock, with reads slow enough that checking the sheet
  // takes well over a minute of Apps Script time (5,000 × 5 cells, read twice, at 2 ms).
  addon = await startAddon({ Contacts: sheet() }, ['--seed', 'empty'], {
    clock: 'fake',
    costModel: { cellReadMs: 2 },
  });
  setUp(addon, { purpose: 'add-update', identifier: 'phone' });
}, 120_000);
afterAll(() => addon.stop());

test('right after a slow start, a watcher sees the import running, not abandoned', () => {
  const startedAt = addon.fakes.clock.now();
  const { jobId } = addon.call('startImport', 'pending');
  // The premise: the start itself took longer than a sidebar's idle allowance (60 s).
  expect(addon.fakes.clock.now() - startedAt).toBeGreaterThan(60_000);
  try {
    const watched = addon.call('getWizardState').job;
    expect(watched?.status).toBe('processing');
    expect(watched?.message ?? null).toBeNull();
  } finally {
    addon.call('cancelImport', jobId);
  }
}, 300_000);
