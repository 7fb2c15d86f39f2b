/**
 * The whole wizard, end to end, in the local sandbox (`npm start`) in Chromium: the
 * real sidebar (dist/sidebar.html) next to the sheet's grid, the production bundle
 * (dist/Code.js) on the Apps Script fakes, real HTTP to the contact-API emulator. Asserts
 * what a person sees in the sidebar AND in the grid (cells, highlights, hidden rows, the
 * Import History tab); screenshots of every step go to test-results/wizard/. The browser
 * is the one test/support/browser.ts finds.
 *
 * Three sandboxes, each in its own process (see test/support/sandbox-driver.ts): one sheet
 * taken from Connect to a re-run, and two rate-limited ones whose imports last several
 * slices, to cancel one and to close and reopen the sidebar during the other.
 *
 * `npm test` builds first; run alone, build first (`npm run build`).
 */
import { copyFileSync, existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Locator } from 'playwright-core';
import { launchBrowser } from '../support/browser';
import {
  COL,
  ERROR_FILL,
  SandboxPage,
  eventually,
  startSandboxProcess,
  type EmulatorStats,
  type SandboxProcess,
} from '../support/sandbox-driver';

jest.setTimeout(120_000);

const ROOT = join(__dirname, '..', '..');
const SHOTS = join(ROOT, 'test-results', 'wizard');
const DOCS = join(ROOT, 'docs');
/** The token the sandbox's emulator accepts (local/sandbox/server.ts EMULATOR_TOKEN). */
const GOOD_TOKEN = 'demo-token';
const BAD_TOKEN = 'wrong-token';
const REFUSED = 'The API token was refused — reconnect with a valid token.';
/** Emulator limits (requests a second per endpoint; the add-on paces itself to them). */
const FAST_RATE = 100;
/**
 * Slow enough that the sample's 150-odd clean rows take two or more import slices (a slice
 * keeps about 8 s of work under way, src/core/job.ts), so there is time to cancel or close.
 */
const SLOW_RATE = 12;
/** For the first import of the long run: two slices, so the bar shows a step between. */
const IMPORT_RATE = 15;
/** Short slices, so the progress bar and the sheet move often (the default is 2 s). */
const SLICE_MS = 500;

let browser: Browser;
const sandboxes: SandboxProcess[] = [];
/** One sheet taken from Connect to a re-run; two slow ones, to cancel and to resume. */
let main: SandboxPage;
let toCancel: SandboxPage;
let toResume: SandboxPage;

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  mkdirSync(DOCS, { recursive: true });
  browser = await launchBrowser();
  [main, toCancel, toResume] = await Promise.all([
    openSandbox(FAST_RATE),
    openSandbox(SLOW_RATE),
    openSandbox(SLOW_RATE),
  ]);
  // Three sandboxes, each with its emulator: six processes starting at once.
}, 300_000);

afterAll(async () => {
  await browser?.close();
  await Promise.all(sandboxes.map((s) => s.stop()));
});

/** Requests on an endpoint the workspace accepted: a 429 wrote nothing and went again. */
function accepted(stats: EmulatorStats, endpoint: string): number {
  return (stats.requests[endpoint] ?? 0) - (stats.rateLimitedBy[endpoint] ?? 0);
}

/** A sandbox in its own process (its emulator limited to `rate`), in a fresh browser context. */
async function openSandbox(rate: number): Promise<SandboxPage> {
  const sandbox = await startSandboxProcess({
    emulatorArgs: ['--rate', String(rate)],
    sliceMs: SLICE_MS,
  });
  sandboxes.push(sandbox);
  return SandboxPage.open(browser, sandbox, SHOTS);
}

afterEach(() => {
  // Each page's uncaught errors, once: a test answers for the errors made while it ran.
  for (const page of [main, toCancel, toResume]) {
    if (page) expect(page.pageErrors.splice(0)).toEqual([]);
  }
});

// ================================================================ one sheet, start to finish

describe('one sheet, from Connect to a re-run', () => {
  let p: SandboxPage;
  /** Review figures carried from one step to the next. */
  let reviewed: { add: number; update: number; errors: number };

  beforeAll(() => {
    p = main;
  });

  /**
   * Each step starts where the one before left the sheet and the sidebar: after a failure
   * the later steps fail at once (saying why) instead of each waiting for its time-outs. A
   * step that only looks (`readOnly`) leaves both as they were, so its failure stops nothing.
   */
  let failed: string | null = null;
  const chained = (name: string, body: () => Promise<void>, options = { readOnly: false }) =>
    test(name, async () => {
      if (failed !== null) throw new Error(`Not run: step "${failed}" failed before it.`);
      try {
        await body();
      } catch (e) {
        if (!options.readOnly) failed = name;
        throw e;
      }
    });

  chained(
    '1. connect: a refused token is said in plain words; the emulator’s token connects',
    async () => {
      // The sandbox saved the emulator's token for the person, so the wizard opens at Source.
      await p.step('What to import');
      await p.button('Back').click();
      await p.step('Connect to the workspace');
      expect(await p.sidebar.getByLabel('API base URL').inputValue()).toBe(p.sandbox.apiUrl);
      await expect(text(p.sidebar.getByTestId('token-last4'))).resolves.toBe(
        `••••${GOOD_TOKEN.slice(-4)}`,
      );

      // A wrong token is saved, then refused, in words.
      await p.sidebar.getByLabel('API access token').fill(BAD_TOKEN);
      await p.button('Save and test').click();
      const verdict = p.sidebar.getByTestId('connection-test');
      await verdict.filter({ hasText: REFUSED }).waitFor();
      expect(await verdict.getAttribute('role')).toBe('alert');
      expect(await p.sidebar.getByLabel('API access token').inputValue()).toBe('');
      expect(await text(p.sidebar.getByTestId('token-last4'))).toBe(`••••${BAD_TOKEN.slice(-4)}`);
      expect(await p.sidebar.locator('body').innerHTML()).not.toContain(BAD_TOKEN);

      // Test connection, on its own, asks the workspace again with the saved token.
      const tested = p.page.waitForResponse((r) => r.url().endsWith('/rpc/testConnection'));
      await p.button('Test connection').click();
      expect(await (await tested).json()).toEqual({
        value: { ok: true, value: { ok: false, message: REFUSED } },
      });
      await verdict.filter({ hasText: REFUSED }).waitFor();
      await p.button('Test connection').waitFor();
      await p.shot('01-connect-refused');

      // The emulator's token.
      await p.sidebar.getByLabel('API access token').fill(GOOD_TOKEN);
      await p.button('Save and test').click();
      await verdict.filter({ hasText: /^Connected: \d+ custom fields found\.$/ }).waitFor();
      expect(await verdict.getAttribute('role')).toBe('status');
      expect(await p.sidebar.locator('body').innerHTML()).not.toContain(GOOD_TOKEN);
      await p.shot('02-connected');
      await p.button('Next').click();
      await p.step('What to import');
    },
  );

  chained('2. each purpose offers its own identifiers, and Map follows', async () => {
    const facts = p.sidebar.getByTestId('counts');
    expect(await text(facts)).toMatch(/^\d+ data rows, 10 columns$/);
    expect(await text(p.sidebar.getByTestId('sheet-name'))).toBe(p.sandbox.sheetName);

    // Add and update (the default): phone or email.
    expect(await p.sidebar.getByLabel('Add and update contacts').isChecked()).toBe(true);
    expect(await identifierChoices(p)).toEqual(['Phone', 'Email']);

    // Update only: Contact ID too. Chosen, it must be mapped, and no column is mapped to it.
    await p.sidebar.getByLabel('Update existing contacts only').check();
    expect(await identifierChoices(p)).toEqual(['Phone', 'Email', 'Contact ID']);
    await p.sidebar.getByLabel('Contact ID').check();
    await p.button('Next').click();
    await p.step('Map columns to fields');
    await visible(p.sidebar.getByText('Contact ID is the identifier and must be mapped'));
    await visible(p.sidebar.getByText('Map a column to Contact ID: it is the identifier.'));
    expect(await p.button('Save and review').isDisabled()).toBe(true);
    await visible(p.sidebar.getByLabel('Do not overwrite'));
    await p.shot('03-purpose-update-by-contact-id');
    await p.button('Back').click();

    // Add all despite duplicates: no identifier at all, nothing to overwrite.
    await p.step('What to import');
    await p.sidebar.getByLabel('Add all contacts despite duplicates').check();
    expect(await identifierChoices(p)).toEqual([]);
    await visible(p.sidebar.getByTestId('no-identifier'));
    await p.button('Next').click();
    await p.step('Map columns to fields');
    expect(await p.sidebar.locator('.badge', { hasText: 'identifier' }).count()).toBe(0);
    expect(await p.sidebar.getByLabel('Do not overwrite').count()).toBe(0);
    expect(await p.button('Save and review').isDisabled()).toBe(false);
    await p.shot('04-purpose-add-all');
    // The server takes it: no look-up, every clean row is added, none updated or skipped.
    await p.button('Save and review').click();
    await p.step('Review the rows');
    await visible(p.sidebar.getByTestId('estimate'), 30_000);
    const counts = await p.counts();
    expect([counts.Update, counts.Skip]).toEqual([0, 0]);
    expect((counts.Add ?? 0) + (counts.Errors ?? 0)).toBe(dataRows(await p.csv()).length);
    await p.shot('05-purpose-add-all-review');
    await p.button('Back').click();
    await p.step('Map columns to fields');
    await p.button('Back').click();

    // Add new only: phone or email again (Contact ID is gone); email chosen, Email is marked.
    await p.step('What to import');
    await p.sidebar.getByLabel('Add new contacts only').check();
    expect(await identifierChoices(p)).toEqual(['Phone', 'Email']);
    await p.sidebar.getByLabel('Email', { exact: true }).check();
    await p.button('Next').click();
    await p.step('Map columns to fields');
    await visible(mapLine(p, 'Email').locator('.badge', { hasText: 'identifier' }));
    expect(await p.sidebar.getByLabel('Do not overwrite').count()).toBe(0);
    await p.button('Back').click();

    // Back to add and update, by phone.
    await p.step('What to import');
    await p.sidebar.getByLabel('Add and update contacts').check();
    await p.sidebar.getByLabel('Phone', { exact: true }).check();
    await p.button('Next').click();
    await p.step('Map columns to fields');
    await visible(mapLine(p, 'Mobile').locator('.badge', { hasText: 'identifier' }));
  });

  chained(
    '3. the mapping: a field twice and an unmapped identifier are refused, then fixed',
    async () => {
      const save = p.button('Save and review');
      expect(await text(mapLine(p, 'Mobile').locator('.confidence'))).toMatch(/^auto · \d+%$/);

      // The same field from two columns (Phone and Email may be: the best value per row).
      await p.sidebar.getByLabel('Field for Email').selectOption('firstName');
      await visible(
        p.sidebar.getByText('First Name is mapped from 2 columns (First Name, Email): keep one.'),
      );
      expect(await save.isDisabled()).toBe(true);
      await visible(p.sidebar.getByText('Fix the problems above to go on.'));
      await p.shot('06-map-field-twice');
      await p.sidebar.getByLabel('Field for Email').selectOption('email');

      // The identifier's column skipped.
      await p.sidebar.getByLabel('Mobile', { exact: true }).uncheck();
      await visible(p.sidebar.getByText('Map a column to Phone: it is the identifier.'));
      expect(await save.isDisabled()).toBe(true);
      await p.shot('07-map-identifier-unmapped');
      await p.sidebar.getByLabel('Mobile', { exact: true }).check();
      expect(await p.sidebar.locator('.problems li, [role="alert"]').count()).toBe(0);

      // A skipped column taken in by choosing its field.
      expect(await text(mapLine(p, 'Orders').locator('.confidence'))).toBe('skipped');
      await p.sidebar
        .getByLabel('Field for Orders')
        .selectOption({ label: 'Order Count (number)' });
      expect(await text(mapLine(p, 'Orders').locator('.confidence'))).toBe('your choice');
      expect(await save.isDisabled()).toBe(false);
      await mapLine(p, 'Orders').scrollIntoViewIfNeeded();
      await p.shot('08-map-ready');
    },
  );

  chained(
    '4. review: the counts, and each error in the Error column with its cell highlighted',
    async () => {
      await p.button('Save and review').click();
      await p.step('Review the rows');
      await visible(p.sidebar.getByTestId('estimate'), 30_000);
      const counts = await p.counts();

      const sheet = await p.csv();
      const header = sheet[0] ?? [];
      expect(header.slice(COL.error - 1, COL.contactId)).toEqual([
        'Error',
        'Import Status',
        'Contact ID',
      ]);
      const rows = dataRows(sheet);
      const withErrors = rows.filter((r) => r.cells[COL.error - 1] !== '');
      expect(withErrors.length).toBeGreaterThan(0);
      expect(counts.Errors).toBe(withErrors.length);
      expect(counts.Skip).toBe(0);
      expect(counts.Add).toBeGreaterThan(0);
      expect(counts.Update).toBeGreaterThan(0);
      await visible(p.sidebar.getByText(`${withErrors.length} rows have errors.`, { exact: true }));
      reviewed = { add: counts.Add ?? 0, update: counts.Update ?? 0, errors: withErrors.length };

      // In the grid: the message in the Error column, the offending cell highlighted, the
      // rest of the row not; a clean row has neither.
      await p.cellWhere(1, COL.error, (c) => c.text === 'Error', 'the Error header');
      await p.cellWhere(2, COL.error, (c) => c.text.startsWith('Mobile: no country code'), 'why');
      await p.cellWhere(2, COL.mobile, (c) => c.fill === ERROR_FILL, 'highlighted');
      await p.cellWhere(2, COL.email, (c) => c.fill !== ERROR_FILL, 'not highlighted');
      await p.cellWhere(5, COL.error, (c) => c.text.startsWith("Plan: 'Basic' is not one"), 'why');
      await p.cellWhere(5, COL.plan, (c) => c.fill === ERROR_FILL && c.text === 'Basic', 'marked');
      await p.cellWhere(4, COL.error, (c) => c.text === '', 'no message');
      for (const column of [COL.firstName, COL.mobile, COL.email, COL.plan]) {
        await p.cellWhere(4, column, (c) => c.fill !== ERROR_FILL, 'not highlighted');
      }

      // Go to next error selects the first error row in the sheet.
      const first = withErrors[0]?.row ?? 0;
      await p.button('Go to next error').click();
      await visible(p.sidebar.getByText(`Row ${first} is selected in the sheet.`));
      await eventually(async () =>
        expect(await text(p.page.locator('#name-box'))).toMatch(
          new RegExp(`^A${first}:[A-Z]+${first}$`),
        ),
      );
      await p.scrollTo(2, COL.contactId);
      await p.shot('09-review-errors');
    },
  );

  chained(
    '4b. the review accounts for every row: a phone matching two workspace contacts is an error',
    async () => {
      // The sample's shared office line; the demo workspace holds two contacts with it.
      const rows = dataRows(await p.csv());
      const shared = rows.find((r) => r.cells[COL.mobile - 1] === '+65 6222 0000');
      if (!shared) throw new Error('The sample sheet has no row with +65 6222 0000.');
      const counts = await p.counts();
      const counted =
        (counts.Add ?? 0) + (counts.Update ?? 0) + (counts.Skip ?? 0) + (counts.Errors ?? 0);
      expect({ rowsChecked: rows.length, counted }).toEqual({
        rowsChecked: rows.length,
        counted: rows.length,
      });
      await p.cellWhere(shared.row, COL.error, (c) => c.text !== '', 'why it cannot be imported');
    },
    { readOnly: true },
  );

  chained(
    '5. "Show only rows with errors" hides the clean rows; unticked, they are back',
    async () => {
      const rows = dataRows(await p.csv());
      const errorRows = new Set(
        rows.filter((r) => r.cells[COL.error - 1] !== '').map((r) => r.row),
      );
      const filter = p.sidebar.getByLabel('Show only rows with errors');

      await filter.check();
      await eventually(async () =>
        expect(await p.filterChip()).toMatch(/^Filter on · \d+ rows hidden$/),
      );
      const state = await p.state();
      expect(await p.filterChip()).toBe(`Filter on · ${state.sheet.hiddenByFilter} rows hidden`);
      // Every row with content but no error is hidden (blank rows may be too); no error row is.
      for (const r of rows) {
        expect([r.row, state.sheet.hiddenRows.includes(r.row)]).toEqual([
          r.row,
          !errorRows.has(r.row),
        ]);
      }
      await p.scrollGridTo(1);
      await eventually(async () => {
        expect(await p.rowDrawn(4)).toBe(false);
        expect(await p.rowDrawn(2)).toBe(true);
      });
      const drawn = await p.page
        .locator('#grid tbody th.rownum')
        .evaluateAll((ths) => ths.map((th) => Number((th as HTMLElement).dataset.r)));
      expect(drawn.length).toBeGreaterThan(5);
      expect(drawn.filter((r) => r <= (rows.at(-1)?.row ?? 0) && !errorRows.has(r))).toEqual([]);
      await p.shot('10-only-error-rows');

      await filter.uncheck();
      await eventually(async () => expect(await p.filterChip()).toBe(''));
      await eventually(async () => expect(await p.rowDrawn(4)).toBe(true));
      expect((await p.state()).sheet.hiddenRows).toEqual([]);
      await p.shot('11-all-rows-again');
    },
  );

  chained(
    '6. typing a fix into a flagged cell re-checks its row: message and highlight go',
    async () => {
      const errorsBefore = await p.count('Errors');
      await p.cellWhere(5, COL.plan, (c) => c.fill === ERROR_FILL, 'highlighted');

      await p.typeInto(5, COL.plan, 'Pro');
      await p.cellWhere(5, COL.error, (c) => c.text === '', 'the message gone');
      await p.cellWhere(5, COL.plan, (c) => c.text === 'Pro' && c.fill !== ERROR_FILL, 'clean');
      // Other rows keep theirs.
      await p.cellWhere(2, COL.error, (c) => c.text.startsWith('Mobile: no country code'), 'kept');
      await p.cellWhere(2, COL.mobile, (c) => c.fill === ERROR_FILL, 'still highlighted');

      await p.button('Re-check').click();
      await eventually(async () => expect(await p.count('Errors')).toBe(errorsBefore - 1));
      await p.scrollTo(5, COL.contactId);
      await p.shot('12-cell-fixed-in-grid');
      reviewed.errors = errorsBefore - 1;
      reviewed.add = await p.count('Add');
      reviewed.update = await p.count('Update');
    },
  );

  chained(
    '7. a default country turns a local number into a suggestion; applying it writes +44',
    async () => {
      await p.cellWhere(2, COL.mobile, (c) => c.text === '07947 485306', 'the local number');

      await p.button('Back').click();
      await p.step('Map columns to fields');
      await p.button('Back').click();
      await p.step('What to import');
      await p.sidebar.getByLabel('Default country for phone numbers').selectOption('GB');
      await p.button('Next').click();
      await p.step('Map columns to fields');
      await p.button('Save and review').click();
      await p.step('Review the rows');
      await visible(p.sidebar.getByTestId('estimate'), 30_000);

      // No longer an error (the default country applies), but written as typed.
      await p.cellWhere(2, COL.error, (c) => c.text === '', 'no message');
      await p.cellWhere(2, COL.mobile, (c) => c.fill !== ERROR_FILL, 'not highlighted');
      const apply = p.button(/^Apply \d+ suggested fix(es)?$/);
      await visible(apply);
      expect(await p.count('Warnings')).toBeGreaterThan(0);
      const errors = await p.count('Errors');
      expect(errors).toBeLessThan(reviewed.errors);
      // Before applying, the sidebar shows what they would write.
      await p.sidebar.getByText('What the fixes write').click();
      const fixes = p.sidebar.getByRole('list', { name: 'Suggested fixes' });
      await visible(fixes.getByText(/^Row 2 · Mobile: 07947 485306 → \+447947485306$/));
      await p.scrollTo(2, COL.mobile);
      await p.shot('13-suggested-fixes');

      await apply.click();
      await p.cellWhere(2, COL.mobile, (c) => c.text === '+447947485306', 'the number with +44');
      // The sample's other suggestion on that row: a day-first date written the ISO way.
      await p.cellWhere(2, COL.birthday, (c) => c.text === '1992-03-25', 'the ISO date');
      // The date went in as a date cell (right-aligned like the person's other dates), the
      // phone as text.
      expect((await p.cellView(2, COL.birthday))?.alignedRight).toBe(true);
      expect((await p.cellView(2, COL.mobile))?.alignedRight).toBe(false);
      await eventually(async () => expect(await apply.count()).toBe(0));
      expect(await p.count('Warnings')).toBe(0);
      expect(await p.count('Errors')).toBe(errors);
      await p.shot('14-suggestions-applied');
      reviewed = { add: await p.count('Add'), update: await p.count('Update'), errors };
    },
  );

  chained(
    '8. import: the bar moves, the results and the history say what happened, in the sheet too',
    async () => {
      // Rate-limited, so the import takes more than one slice and the bar has steps to show.
      await p.configureEmulator({ rate: IMPORT_RATE });
      await p.resetStats();
      const total = dataRows(await p.csv()).length;

      await p.button('Start import').click();
      await p.step('Import');
      const seen = await watchProgress(p, async ({ done }) => {
        if (done > 0) await p.shot('15-importing');
      });
      expect(seen.length).toBeGreaterThanOrEqual(2);
      expect(seen.some(({ done }) => done > 0 && done < total)).toBe(true);
      expect(seen.every(({ total: t }) => t === total)).toBe(true);

      await p.step('Results');
      expect(await text(p.sidebar.getByTestId('result-headline'))).toBe('Import completed');
      await visible(p.sidebar.getByText(`${total} of ${total} rows of Contacts processed.`));
      // Rows the review called errors stay errors; the look-up may add some (see 4b).
      const errors = total - reviewed.add - reviewed.update;
      expect(errors).toBeGreaterThanOrEqual(reviewed.errors);
      expect(await p.counts()).toEqual({
        Imported: reviewed.add,
        Updated: reviewed.update,
        Skipped: 0,
        Errors: errors,
      });
      const entry = p.sidebar.locator('.history-list li').first();
      await visible(entry.filter({ hasText: 'Completed' }));
      expect(await text(entry.locator('div.small').last())).toBe(
        `${reviewed.add} new · ${reviewed.update} updated · 0 skipped · ${errors} errors`,
      );

      // What was sent: one write per contact, nothing twice. A request the rate limit
      // refused wrote nothing and went again (on a busy machine answers jitter enough for a
      // few): it is not counted.
      const stats = await p.stats();
      expect(accepted(stats, 'POST /contact/{id}')).toBe(reviewed.add);
      expect(accepted(stats, 'PUT /contact/{id}')).toBe(reviewed.update);

      // The sheet: an Import Status on every row, a Contact ID where one was made or found.
      const rows = dataRows(await p.csv());
      const statusOf = (status: string) => rows.filter((r) => r.cells[COL.status - 1] === status);
      expect(statusOf('Imported')).toHaveLength(reviewed.add);
      expect(statusOf('Updated')).toHaveLength(reviewed.update);
      expect(statusOf('Error')).toHaveLength(errors);
      for (const r of [...statusOf('Imported'), ...statusOf('Updated')]) {
        expect([r.row, r.cells[COL.contactId - 1]]).toEqual([
          r.row,
          expect.stringMatching(/^\d+$/),
        ]);
      }
      const row2 = rows.find((r) => r.row === 2)?.cells ?? [];
      await p.cellWhere(2, COL.status, (c) => c.text === row2[COL.status - 1], 'its status');
      await p.cellWhere(2, COL.contactId, (c) => /^\d+$/.test(c.text), 'a Contact ID');
      // The first row with an error (row 3's "12/05/1982" is no longer one: the Birthday
      // column's own day-first dates settle it).
      const failedRow = statusOf('Error')[0]?.row ?? 0;
      await p.cellWhere(failedRow, COL.status, (c) => c.text === 'Error', 'Error');
      await p.scrollGridTo(COL.company);
      await p.shot('16-results');
      await saveReadmePicture(p);

      // The Import History tab, in the grid too.
      expect(await p.tabNames()).toEqual(['Contacts', 'Import History']);
      await p.showTab('Import History');
      const history = await p.csv('Import History');
      expect(history).toHaveLength(2);
      expect(history[1]).toContain('Completed');
      const statusColumn = (history[0] ?? []).indexOf('Status') + 1;
      expect(statusColumn).toBeGreaterThan(0);
      await p.cellWhere(2, statusColumn, (c) => c.text === 'Completed', 'Completed');
      await p.scrollTo(1, 1);
      await p.shot('17-history-tab');
      await p.showTab('Contacts');
      await p.configureEmulator({ rate: FAST_RATE });
    },
  );

  chained('9. a re-run sends only the two rows edited since', async () => {
    const before = dataRows(await p.csv());
    const [a, b] = before.filter((r) => r.cells[COL.status - 1] === 'Imported');
    if (!a || !b) throw new Error('The first import imported fewer than two rows.');
    await p.typeInto(a.row, COL.company, 'Initech Asia');
    await p.cellWhere(a.row, COL.company, (c) => c.text === 'Initech Asia', 'the new company');
    await p.typeInto(b.row, COL.company, 'Hooli Europe');
    await p.cellWhere(b.row, COL.company, (c) => c.text === 'Hooli Europe', 'the new company');
    await p.resetStats();

    expect(await p.sidebar.getByLabel('Rows to send').inputValue()).toBe('pending');
    await p.button('Review and import again').click();
    await p.step('Review the rows');
    await visible(p.sidebar.getByTestId('estimate'), 30_000);
    // The review already says so: two to update, nothing to add, the rest unchanged.
    const review = await p.counts();
    expect([review.Add, review.Update, review.Skip]).toEqual([0, 2, 0]);
    expect(review.Unchanged).toBe(reviewed.add + reviewed.update - 2);
    await p.shot('18-rerun-review');
    await p.button('Start import').click();
    await p.step('Results', 60_000);
    expect(await text(p.sidebar.getByTestId('result-headline'))).toBe('Import completed');
    const counts = await p.counts();
    expect([counts.Imported, counts.Updated, counts.Skipped]).toEqual([0, 2, 0]);

    const stats = await p.stats();
    expect(stats.requests['PUT /contact/{id}']).toBe(2);
    expect(stats.requests['POST /contact/{id}'] ?? 0).toBe(0);
    expect(stats.requests['POST /contact/{id}'] ?? 0).toBe(0);

    const after = dataRows(await p.csv());
    const updated = after.filter((r) => r.cells[COL.status - 1] === 'Updated').map((r) => r.row);
    const updatedBefore = before
      .filter((r) => r.cells[COL.status - 1] === 'Updated')
      .map((r) => r.row);
    expect(updated.sort((x, y) => x - y)).toEqual(
      [...updatedBefore, a.row, b.row].sort((x, y) => x - y),
    );
    await p.cellWhere(a.row, COL.status, (c) => c.text === 'Updated', 'Updated');
    await p.cellWhere(b.row, COL.status, (c) => c.text === 'Updated', 'Updated');
    const entries = p.sidebar.locator('.history-list li');
    await eventually(async () => expect(await entries.count()).toBe(2));
    expect(await text(entries.first().locator('div.small').last())).toMatch(
      /^0 new · 2 updated · 0 skipped · \d+ errors$/,
    );
    await p.scrollTo(a.row, COL.contactId);
    await p.shot('19-rerun-results');
  });
});

// ================================================================ a slow workspace

describe('a slow workspace', () => {
  test('10. cancel mid-import: the results say cancelled, the history says Cancelled', async () => {
    const p = toCancel;
    await toReview(p);
    await p.resetStats();

    await p.button('Start import').click();
    await p.step('Import');
    await eventually(async () => expect((await p.progress())?.total).toBeGreaterThan(0));
    // Pressed while the first slice runs; it takes effect when that slice ends.
    await p.button('Cancel import').click();
    await p.shot('20-cancelling');

    await p.step('Results', 60_000);
    expect(await text(p.sidebar.getByTestId('result-headline'))).toBe('Import cancelled');
    await visible(p.sidebar.getByText('Cancelled: rows not yet sent keep their previous status.'));
    const sent = (await text(p.sidebar.getByText(/rows of Contacts processed/))).match(/\d+/g);
    const [done, total] = (sent ?? []).map(Number);
    expect(done).toBeGreaterThan(0);
    expect(done).toBeLessThan(total ?? 0);
    await visible(p.sidebar.locator('.history-list li').first().filter({ hasText: 'Cancelled' }));

    // Only the rows marked in the sheet were sent.
    const counts = await p.counts();
    const stats = await p.stats();
    expect(accepted(stats, 'POST /contact/{id}')).toBe(counts.Imported);
    expect(accepted(stats, 'PUT /contact/{id}')).toBe(counts.Updated);
    const rows = dataRows(await p.csv());
    const marked = rows.filter((r) => r.cells[COL.status - 1] !== '');
    expect(marked.length).toBe(done);
    expect(marked.length).toBeLessThan(rows.length);
    await p.scrollTo(2, COL.contactId);
    await p.shot('21-cancelled');

    await p.showTab('Import History');
    const history = await p.csv('Import History');
    expect(history).toHaveLength(2);
    expect(history[1]).toContain('Cancelled');
    await p.shot('22-cancelled-history-tab');
  });

  test('11. closing the sidebar mid-import and reopening it resumes the import to the end', async () => {
    const p = toResume;
    await toReview(p);
    await p.resetStats();
    const rowsToImport = (await p.count('Add')) + (await p.count('Update'));

    await p.button('Start import').click();
    await p.step('Import');
    // Some rows done before the sidebar closes: on a busy machine the bar can show its total
    // for seconds before the first row is sent, and a pause then has nothing to show.
    await eventually(async () => expect((await p.progress())?.done).toBeGreaterThan(0), 60_000);
    await p.closeSidebar();
    // The sidebar is closed; the slice under way runs to its end (as on Google) and saves
    // its checkpoint, and nothing asks for another.
    await eventually(async () => {
      const state = await p.state();
      expect(state.sidebar.open).toBe(false);
      expect(state.busy).toBeNull();
    }, 60_000);

    // Paused at its checkpoint: some rows have an Import Status, others not yet.
    const paused = dataRows(await p.csv());
    const sentRows = (rows: typeof paused) =>
      rows.filter((r) => ['Imported', 'Updated'].includes(r.cells[COL.status - 1] ?? ''));
    const atCheckpoint = sentRows(paused).length;
    const markedAtCheckpoint = paused.filter((r) => r.cells[COL.status - 1] !== '').length;
    expect(atCheckpoint).toBeGreaterThan(0);
    expect(atCheckpoint).toBeLessThan(rowsToImport);
    const history = await p.csv('Import History');
    expect(history[1]).toContain('Processing');
    await p.scrollTo(2, COL.contactId);
    await p.shot('23-sidebar-closed-mid-import');

    // Extensions › Contact import › Import contacts… picks it up where it stopped.
    await p.openFromMenu();
    await p.step('Import');
    const seen = await watchProgress(p, async (_value, index) => {
      if (index === 0) await p.shot('24-reopened');
    });
    // It starts from the checkpoint: the rows the sheet already marks, no fewer, no more.
    expect(seen[0]?.done).toBe(markedAtCheckpoint);
    await p.step('Results', 60_000);
    expect(await text(p.sidebar.getByTestId('result-headline'))).toBe('Import completed');
    const counts = await p.counts();
    expect((counts.Imported ?? 0) + (counts.Updated ?? 0)).toBe(rowsToImport);

    // Nothing sent twice, no row lost; one run in the history.
    const stats = await p.stats();
    expect(stats.requests['POST /contact/{id}']).toBe(counts.Imported);
    expect(stats.requests['PUT /contact/{id}']).toBe(counts.Updated);
    expect(sentRows(dataRows(await p.csv()))).toHaveLength(rowsToImport);
    const entries = p.sidebar.locator('.history-list li');
    await eventually(async () => expect(await entries.count()).toBe(1));
    await visible(entries.first().filter({ hasText: 'Completed' }));
    await p.scrollTo(2, COL.contactId);
    await p.shot('25-resumed-to-the-end');
  });
});

// ================================================================ helpers

/**
 * The README's picture (docs/sandbox.png): the sidebar's results next to the sheet, from
 * Mobile to Contact ID. Always saved under test-results/; copied to docs/ when that has none
 * yet or with UPDATE_DOCS=1, so a test run does not rewrite a committed image every time.
 */
async function saveReadmePicture(p: SandboxPage): Promise<void> {
  const viewport = p.page.viewportSize() ?? { width: 1400, height: 820 };
  await p.page.setViewportSize({ width: 1720, height: 820 });
  await p.scrollGridTo(COL.mobile);
  const shot = await p.shot('docs-sandbox');
  await p.page.setViewportSize(viewport);
  const readme = join(DOCS, 'sandbox.png');
  if (process.env.UPDATE_DOCS === '1' || !existsSync(readme)) copyFileSync(shot, readme);
}

/** From the sidebar's first step to a finished review with the saved (default) settings. */
async function toReview(p: SandboxPage): Promise<void> {
  await p.step('What to import');
  await p.button('Next').click();
  await p.step('Map columns to fields');
  await p.button('Save and review').click();
  await p.step('Review the rows');
  await visible(p.sidebar.getByTestId('estimate'), 30_000);
}

/**
 * Reads the progress bar until the Import step ends; answers each distinct value seen.
 * `onValue` runs once per new value (a screenshot, say).
 */
async function watchProgress(
  p: SandboxPage,
  onValue?: (value: { done: number; total: number }, index: number) => Promise<void>,
  timeout = 90_000,
): Promise<Array<{ done: number; total: number }>> {
  const seen: Array<{ done: number; total: number }> = [];
  const end = Date.now() + timeout;
  while ((await p.stepTitle()) === 'Import') {
    if (Date.now() > end) throw new Error(`The import did not end; seen ${JSON.stringify(seen)}`);
    const value = await p.progress();
    const last = seen[seen.length - 1];
    if (value && (!last || last.done !== value.done || last.total !== value.total)) {
      seen.push(value);
      await onValue?.(value, seen.length - 1);
    }
    await p.page.waitForTimeout(50);
  }
  return seen;
}

/** Data rows of a downloaded sheet (row 2 on), with their sheet row numbers; blank ones left out. */
function dataRows(sheet: string[][]): Array<{ row: number; cells: string[] }> {
  return sheet
    .map((cells, i) => ({ row: i + 1, cells }))
    .slice(1)
    .filter((r) => r.cells.slice(0, COL.error - 1).some((c) => c.trim() !== ''));
}

async function identifierChoices(p: SandboxPage): Promise<string[]> {
  const radios = p.sidebar.locator('input[name="identifier"]');
  const labels: string[] = [];
  for (let i = 0; i < (await radios.count()); i++) {
    labels.push((await text(radios.nth(i).locator('xpath=..'))).trim());
  }
  return labels;
}

function mapLine(p: SandboxPage, header: string): Locator {
  return p.sidebar.locator('.map-line').filter({
    has: p.sidebar.locator('.header-name', { hasText: new RegExp(`^${header}$`) }),
  });
}

async function text(locator: Locator): Promise<string> {
  return (await locator.first().textContent()) ?? '';
}

async function visible(locator: Locator, timeout = 15_000): Promise<void> {
  await locator.first().waitFor({ state: 'visible', timeout });
}
