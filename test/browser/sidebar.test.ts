/**
 * The built sidebar alone, 300 px wide in Chromium, as the add-on serves it: each test
 * starts a local sandbox (`npm start`, in a child process: test/support/sandbox-driver.ts)
 * and opens its /sidebar page, whose google.script.run reaches the production bundle
 * (dist/Code.js) on the Apps Script fakes, over real HTTP to the contact-API emulator. So
 * every answer the sidebar shows is the real server's: no restated server. Situations are
 * made for real: a wrong token, the emulator's rate limit and injected 429s, a second
 * sidebar on the same spreadsheet, a sheet big enough for Google's daily quota.
 *
 * The bar moves DURING one long slice too: the sidebar polls getImportProgress while
 * continueImport runs, and the sandbox runs the poll as its own execution beside the
 * slice, as Apps Script does (local/sandbox/concurrent-calls.ts).
 *
 * Asserts what a person sees; saves a screenshot of each step to test-results/sidebar/.
 * The whole sheet beside the sidebar (cells, highlights, the history tab) is
 * test/browser/wizard.test.ts's. The browser is the one test/support/browser.ts finds.
 *
 * `npm test` builds first; run alone, build first (`npm run build`).
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { launchBrowser } from '../support/browser';
import {
  eventually,
  startSandboxProcess,
  type ChildOptions,
  type PageState,
  type SandboxProcess,
} from '../support/sandbox-driver';

jest.setTimeout(180_000);

const ROOT = join(__dirname, '..', '..');
const SHOTS = join(ROOT, 'test-results', 'sidebar');
/** The token the sandbox's emulator accepts (local/sandbox/server.ts EMULATOR_TOKEN). */
const GOOD_TOKEN = 'demo-token';
/** What the add-on says when the workspace answers 401 (src/gas: the connection test). */
const REFUSED = 'The API token was refused — reconnect with a valid token.';
/** Who the sandbox's person is (local/sandbox/server.ts SANDBOX_USER). */
const USER = 'you@example.com';
/** Short slices, so an import takes several and the bar moves between them. */
const SLICE_MS = 500;
/**
 * A sheet whose import no single slice can finish, for the tests that act while it runs
 * (cancel, reload, a second sidebar). A slice stops starting rows at its deadline but ends
 * the ones under way, at most 300 (src/core/job.ts DEFAULT_ACTIVE_ROWS): at 25 requests a
 * second per endpoint, about 310 rows a slice at most. The 800-row sample has about 680
 * clean rows, so the import takes at least three slices whatever the machine's speed.
 */
const LONG_IMPORT = { rows: 800, rate: 25 } as const;

let browser: Browser;

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
});

// ---------------------------------------------------------------- the whole wizard

test('a person connects, chooses, maps, reviews, imports and sees the results', async () => {
  await withSidebar({ connected: false, ...LONG_IMPORT }, async (s) => {
    const { page } = s;
    // Connect: Next says why it is disabled.
    await heading(page, 'Connect to the workspace');
    expect(await page.getByRole('button', { name: 'Next' }).isDisabled()).toBe(true);
    await visible(page.getByText('Save an API token to go on.'));
    await shot(page, '01-connect');

    // A plain-http URL is refused in the UI, with the reason.
    const baseUrl = page.getByLabel('API base URL');
    await baseUrl.fill('http://api.example.com/v2');
    await baseUrl.blur();
    await visible(page.getByRole('alert').filter({ hasText: 'https://' }));
    await baseUrl.fill('https://api.respond.io/v2');

    // A bad token: the workspace refuses it, said plainly; the token is never shown again.
    await page.getByLabel('API access token').fill('wrong-token');
    await page.getByRole('button', { name: 'Save and test' }).click();
    const verdict = page.getByTestId('connection-test');
    await visible(verdict.filter({ hasText: REFUSED }));
    expect(await verdict.getAttribute('role')).toBe('alert');
    expect(await page.getByLabel('API access token').inputValue()).toBe('');
    expect(await page.getByTestId('token-last4').textContent()).toBe('••••oken');
    expect(await page.content()).not.toContain('wrong-token');
    await shot(page, '02-connect-refused');

    await page.getByLabel('API access token').fill(GOOD_TOKEN);
    await page.getByRole('button', { name: 'Save and test' }).click();
    // The demo workspace's eight custom fields (emulator/seed.ts).
    await visible(verdict.filter({ hasText: 'Connected: 8 custom fields found.' }));
    expect(await page.content()).not.toContain(GOOD_TOKEN);
    await shot(page, '03-connected');
    await page.getByRole('button', { name: 'Next' }).click();

    // Source: the tab and its counts; identifiers follow the purpose.
    await heading(page, 'What to import');
    const rows = await s.dataRows();
    expect(await text(page.getByTestId('counts'))).toBe(`${rows} data rows, 10 columns`);
    expect(await page.getByLabel('Add and update contacts').isChecked()).toBe(true);
    expect(await identifierOptions(page)).toEqual(['Phone', 'Email']);
    await page.getByLabel('Update existing contacts only').check();
    expect(await identifierOptions(page)).toEqual(['Phone', 'Email', 'Contact ID']);
    await page.getByLabel('Contact ID').check();
    await page.getByLabel('Add all contacts despite duplicates').check();
    expect(await identifierOptions(page)).toEqual([]);
    await visible(page.getByTestId('no-identifier'));
    await page.getByLabel('Add new contacts only').check();
    expect(await identifierOptions(page)).toEqual(['Phone', 'Email']);
    await page.getByLabel('Email', { exact: true }).check();
    await page.getByLabel('Add and update contacts').check();
    // Back to a purpose that allows it: the earlier identifier choice is kept.
    expect(await page.getByLabel('Email', { exact: true }).isChecked()).toBe(true);
    await page.getByLabel('Phone', { exact: true }).check();

    // Tags: a comma or Enter adds a chip; the import tag shows its text.
    const tags = page.getByLabel('Tags for every contact');
    await tags.pressSequentially('vip,');
    await tags.pressSequentially('newsletter');
    await tags.press('Enter');
    await visible(page.getByRole('button', { name: 'Remove tag vip' }));
    await visible(page.getByRole('button', { name: 'Remove tag newsletter' }));
    expect(await page.getByLabel(/Also tag them import \d{4}-\d{2}-\d{2}/).isChecked()).toBe(true);
    // The sample's UK numbers written without +44 become suggestions, not errors.
    await page.getByLabel('Default country for phone numbers').selectOption('GB');
    expect(
      await text(page.getByLabel('Default country for phone numbers').locator('option:checked')),
    ).toBe('United Kingdom (GB)');
    await shot(page, '04-source');
    await page.getByRole('button', { name: 'Next' }).click();

    // Map: confidence, the do-not-overwrite choice, and a rule violation that blocks Next.
    await heading(page, 'Map columns to fields');
    expect(await text(mapLine(page, 'Mobile').locator('.confidence'))).toMatch(/^auto · \d+%$/);
    expect(await text(mapLine(page, 'First Name').locator('.confidence'))).toBe('auto · 100%');
    await visible(page.getByLabel('Do not overwrite'));
    await page.getByLabel('Field for Mobile').selectOption('firstName');
    await visible(
      page.getByText('First Name is mapped from 2 columns (First Name, Mobile): keep one.'),
    );
    await visible(page.getByText('Map a column to Phone: it is the identifier.'));
    const next = page.getByRole('button', { name: 'Save and review' });
    expect(await next.isDisabled()).toBe(true);
    await visible(page.getByText('Fix the problems above to go on.'));
    await shot(page, '05-map-problem');
    await page.getByLabel('Field for Mobile').selectOption('phone');
    expect(await text(mapLine(page, 'Mobile').locator('.confidence'))).toBe('your choice');
    expect(await page.getByRole('alert').count()).toBe(0);
    // Phone (or Email) from several columns is one choice, shown as the best of them.
    await page.getByLabel('Field for Email').selectOption('phone');
    await visible(page.getByText('Phone: best of ‘Mobile’, ‘Email’'));
    expect(await page.getByRole('alert').count()).toBe(0);
    await page.getByLabel('Field for Email').selectOption('email');
    // Skipping a column and taking it back keeps its field.
    const planField = await page.getByLabel('Field for Plan').inputValue();
    expect(planField).not.toBe('');
    await page.getByLabel('Plan', { exact: true }).uncheck();
    expect(await page.getByLabel('Field for Plan').inputValue()).toBe('');
    expect(await text(mapLine(page, 'Plan').locator('.confidence'))).toBe('skipped');
    await page.getByLabel('Plan', { exact: true }).check();
    expect(await page.getByLabel('Field for Plan').inputValue()).toBe(planField);
    await shot(page, '06-map');

    // Back never loses choices.
    await page.getByRole('button', { name: 'Back' }).click();
    await heading(page, 'What to import');
    expect(await page.getByLabel('Add and update contacts').isChecked()).toBe(true);
    await visible(page.getByRole('button', { name: 'Remove tag newsletter' }));
    await page.getByRole('button', { name: 'Next' }).click();
    expect(await text(mapLine(page, 'Mobile').locator('.confidence'))).toBe('your choice');
    await next.click();

    // Review: the counts, the estimate and the error tools.
    await heading(page, 'Review the rows');
    await visible(page.getByTestId('estimate'), 30_000);
    const errorsBefore = await countOf(page, 'Errors');
    expect(errorsBefore).toBeGreaterThan(0);
    expect(await countOf(page, 'Add')).toBeGreaterThan(0);
    expect(await countOf(page, 'Update')).toBeGreaterThan(0);
    await shot(page, '07-review');

    await page.getByRole('button', { name: 'Go to next error' }).click();
    await visible(page.getByText(/^Row \d+ is selected in the sheet\.$/));
    const first = await text(page.getByText(/is selected in the sheet/));
    await page.getByRole('button', { name: 'Go to next error' }).click();
    await eventually(async () =>
      expect(await text(page.getByText(/is selected in the sheet/))).not.toBe(first),
    );
    // The filter is the sheet's: clean rows are hidden there.
    await page.getByLabel('Show only rows with errors').check();
    await eventually(async () => expect((await s.state()).sheet.hiddenByFilter).toBeGreaterThan(0));
    await page.getByLabel('Show only rows with errors').uncheck();
    await eventually(async () => expect((await s.state()).sheet.hiddenByFilter).toBe(0));

    const fixes = page.getByRole('button', { name: /^Apply \d+ suggested fix/ });
    await page.getByText('What the fixes write').click();
    const listed = page.getByRole('list', { name: 'Suggested fixes' }).getByRole('listitem');
    expect(await listed.count()).toBeGreaterThan(0);
    expect(await text(listed)).toMatch(/^Row \d+ · [\w ]+: .+ → .+$/);
    const warningsBefore = await countOf(page, 'Warnings');
    expect(warningsBefore).toBeGreaterThan(0);
    await fixes.click();
    await eventually(async () => expect(await fixes.count()).toBe(0));
    expect(await countOf(page, 'Warnings')).toBeLessThan(warningsBefore);
    const reviews = s.calls.filter((c) => c === 'reviewSheet').length;
    await page.getByRole('button', { name: 'Re-check' }).click();
    await eventually(() =>
      expect(s.calls.filter((c) => c === 'reviewSheet').length).toBe(reviews + 1),
    );
    await visible(page.getByTestId('estimate'));
    await shot(page, '08-review-fixed');

    // Import: the bar moves to the end, then Results.
    await page.getByRole('button', { name: 'Start import' }).click();
    await heading(page, 'Import');
    const bar = page.getByRole('progressbar');
    const seen = new Set<number>();
    let shotTaken = false;
    while ((await heading(page)).trim() === 'Import') {
      const now = Number((await bar.getAttribute('aria-valuenow').catch(() => null)) ?? -1);
      if (now >= 0) seen.add(now);
      if (!shotTaken && now > 0) {
        await visible(page.getByText(/left · (about \d+ min|less than a minute) left/));
        await shot(page, '09-import');
        shotTaken = true;
      }
      await page.waitForTimeout(50);
    }
    expect(seen.size).toBeGreaterThanOrEqual(3);
    await heading(page, 'Results');
    expect(await text(page.getByTestId('result-headline'))).toBe('Import completed');
    await visible(page.locator('.history-list li').filter({ hasText: 'Completed' }));
    expect(await countOf(page, 'Imported')).toBeGreaterThan(0);
    await page.getByRole('button', { name: 'Go to next error' }).click();
    await visible(page.getByText(/is selected in the sheet/));
    await shot(page, '10-results');

    // Import again, errors only: through a fresh review, with that mode.
    await page.getByLabel('Rows to send').selectOption('errors');
    await page.getByRole('button', { name: 'Review and import again' }).click();
    await heading(page, 'Review the rows');
    expect(await page.getByLabel('Rows to send').inputValue()).toBe('errors');
  });
});

// ---------------------------------------------------------------- import control

test('the bar moves during one long slice: progress polls are answered while it runs', async () => {
  // One slice of 20 s on a slow workspace (8 requests a second per endpoint): the 800-row
  // sample cannot be finished in it, so it runs its whole length.
  await withSidebar({ rows: 800, rate: 8, sliceMs: 20_000 }, async ({ page }) => {
    await toReview(page);
    // What the sidebar sees, in the order it happens: its calls to continueImport leaving
    // and answering, and every value the bar takes.
    const events: Array<{ slice: 'sent' | 'answered' } | { bar: number }> = [];
    page.on('request', (r) => {
      if (r.url().endsWith('/rpc/continueImport')) events.push({ slice: 'sent' });
    });
    page.on('requestfinished', (r) => {
      if (r.url().endsWith('/rpc/continueImport')) events.push({ slice: 'answered' });
    });
    await page.getByRole('button', { name: 'Start import' }).click();
    await heading(page, 'Import');
    const bar = page.getByRole('progressbar');
    let last = -1;
    let shotTaken = false;
    // Watch the bar until the first slice has answered (the test's timeout bounds the wait).
    const answeredYet = () => events.some((e) => 'slice' in e && e.slice === 'answered');
    while (!answeredYet()) {
      const now = Number((await bar.getAttribute('aria-valuenow').catch(() => null)) ?? -1);
      if (now >= 0 && now !== last) {
        events.push({ bar: now });
        last = now;
      }
      if (!shotTaken && events.filter((e) => 'bar' in e).length >= 3 && !answeredYet()) {
        await shot(page, '09b-import-mid-slice');
        shotTaken = true;
      }
      await page.waitForTimeout(100);
    }
    // The values the bar took between the first slice leaving and its answer arriving. The
    // first may still be drawn from startImport's answer and the last from the slice's own
    // (its event can reach the test after the page has drawn it): both are left out.
    const sent = events.findIndex((e) => 'slice' in e && e.slice === 'sent');
    const answered = events.findIndex((e) => 'slice' in e && e.slice === 'answered');
    const during = events.slice(sent + 1, answered);
    // One slice: no other continueImport left meanwhile.
    expect(during.filter((e) => 'slice' in e)).toEqual([]);
    const values = during.flatMap((e) => ('bar' in e ? [e.bar] : [])).slice(1, -1);
    // Progress polls answered mid-slice moved the bar to at least two different counts.
    expect(new Set(values).size).toBeGreaterThanOrEqual(2);
  });
});

test('cancel mid-import stops it and says so in the results and the history', async () => {
  await withSidebar(LONG_IMPORT, async ({ page }) => {
    await toReview(page);
    await page.getByRole('button', { name: 'Start import' }).click();
    await heading(page, 'Import');
    // Some contacts sent (the first slice may only record the rows with errors).
    await eventually(
      async () => expect(await countOf(page, 'Imported')).toBeGreaterThan(0),
      60_000,
    );
    await page.getByRole('button', { name: 'Cancel import' }).click();
    await heading(page, 'Results', 60_000);
    expect(await text(page.getByTestId('result-headline'))).toBe('Import cancelled');
    await visible(page.getByText('Cancelled: rows not yet sent keep their previous status.'));
    await visible(page.locator('.history-list li').first().filter({ hasText: 'Cancelled' }));
    const sent = await text(page.getByText(/rows of Contacts processed/));
    const [done, total] = (sent.match(/\d+/g) ?? []).map(Number);
    expect(done).toBeGreaterThan(0);
    expect(done).toBeLessThan(total ?? 0);
    expect(await countOf(page, 'Imported')).toBeGreaterThan(0);
    await shot(page, '11-cancelled');
  });
});

test('an import the workspace keeps refusing with "too many requests" pauses, says why, and resumes on request', async () => {
  // A short sheet: after a run of 429s the add-on paces itself slowly for a while.
  await withSidebar({ rows: 50 }, async (s) => {
    const { page } = s;
    await toReview(page);
    // From now on every API request is answered 429 (Retry-After: 1 s): the job tries each
    // request ten times, then pauses rather than fail the rows.
    await s.configureEmulator({ faults: '429:1,retry-after:1' });
    await page.getByRole('button', { name: 'Start import' }).click();
    const why = page.getByTestId('pause-message');
    await visible(why.filter({ hasText: 'too many requests' }), 90_000);
    expect(await text(why)).toBe(
      'The workspace keeps answering "too many requests". The import paused; resume it in a few minutes.',
    );
    expect(await page.getByText(/^Paused:/).count()).toBe(1);
    expect(await countOf(page, 'Imported')).toBe(0);
    await shot(page, '12-paused');

    // The workspace answers again; Resume picks the import up where it stopped.
    await s.configureEmulator({ faults: '' });
    await page.getByRole('button', { name: 'Resume' }).click();
    await heading(page, 'Results', 90_000);
    expect(await text(page.getByTestId('result-headline'))).toBe('Import completed');
    expect(await countOf(page, 'Imported')).toBeGreaterThan(0);
  });
});

test('a second import is refused with who is importing and since when', async () => {
  // Two sidebars on one spreadsheet (two editors, or two windows): the second asks to
  // start while the first one's import runs.
  await withSidebar(LONG_IMPORT, async (s) => {
    const second = await s.openSidebar();
    await toReview(second);
    await toReview(s.page);
    await s.page.getByRole('button', { name: 'Start import' }).click();
    await heading(s.page, 'Import');

    await second.getByRole('button', { name: 'Start import' }).click();
    const refusal = second.getByRole('alert').filter({ hasText: `${USER} is importing` });
    await visible(refusal, 60_000);
    expect(await text(refusal)).toMatch(
      new RegExp(
        `^${USER} is importing "Contacts" since [A-Z][a-z]{2} \\d{1,2}, \\d{2}:\\d{2}\\. Wait for it to finish, or follow its progress here\\.$`,
      ),
    );
    await heading(second, 'Review the rows');
    await shot(second, '13-import-refused');
  });
});

test("the page's google.script.run refuses a Date argument at the call, as Google's does", async () => {
  await withSidebar({}, async (s) => {
    const { page } = s;
    await heading(page, 'What to import');
    const calls = s.calls.length;
    const thrown = await page.evaluate(() => {
      const run = (
        window as unknown as {
          google: { script: { run: Record<string, (...a: unknown[]) => void> } };
        }
      ).google.script.run;
      try {
        run.goToNextError!({ afterRow: new Date() });
        return 'sent';
      } catch (e) {
        return (e as Error).message;
      }
    });
    expect(thrown).toBe('Failed due to illegal value in property: afterRow');
    // Nothing went to the server.
    await page.waitForTimeout(500);
    expect(s.calls.length).toBe(calls);
  });
});

test('an answer google.script.run cannot carry (it holds a Date) is reported in plain words', async () => {
  await withSidebar({}, async (s) => {
    const { page } = s;
    await toReview(page);
    // The add-on answers; Google hands the success handler null for an answer holding a
    // Date (local/host/script-run-payload.js). The real server never answers with a Date,
    // so the answer is carried here as Google carries one that does.
    await page.route('**/rpc/startImport', async (route) => {
      const answer = await route.fetch();
      expect(answer.status()).toBe(200);
      await route.fulfill({ response: answer, json: { value: null } });
    });
    await page.getByRole('button', { name: 'Start import' }).click();
    await visible(
      page
        .getByRole('alert')
        .filter({ hasText: 'The add-on sent an answer the sidebar could not read' }),
    );
    await heading(page, 'Review the rows');
  });
});

// ---------------------------------------------------------------- reopening

test('reopening the sidebar restores the step, unsaved choices and a running import', async () => {
  await withSidebar(LONG_IMPORT, async ({ page }) => {
    // Unsaved mapping changes survive a reload.
    await heading(page, 'What to import');
    await page.getByRole('button', { name: 'Next' }).click();
    await heading(page, 'Map columns to fields');
    await page.getByLabel('Field for Remarks').selectOption({ label: 'Website (url)' });
    const chosen = await page.getByLabel('Field for Remarks').inputValue();
    await page.reload();
    await heading(page, 'Map columns to fields');
    expect(await page.getByLabel('Field for Remarks').inputValue()).toBe(chosen);
    expect(await text(mapLine(page, 'Remarks').locator('.confidence'))).toBe('your choice');
    // Taken back: the sample's remarks are no web addresses.
    await page.getByLabel('Remarks', { exact: true }).uncheck();

    // Closing mid-import stops it at its checkpoint; opening again picks it up and ends it.
    await page.getByRole('button', { name: 'Save and review' }).click();
    await heading(page, 'Review the rows');
    await visible(page.getByTestId('estimate'), 30_000);
    await page.getByRole('button', { name: 'Start import' }).click();
    await eventually(
      async () => expect(await countOf(page, 'Imported')).toBeGreaterThan(0),
      60_000,
    );
    await page.reload();
    await heading(page, 'Import', 30_000);
    await shot(page, '14-reopened-import');
    await heading(page, 'Results', 120_000);
    expect(await text(page.getByTestId('result-headline'))).toBe('Import completed');

    // Results come back too.
    await page.reload();
    await heading(page, 'Results');
    expect(await text(page.getByTestId('result-headline'))).toBe('Import completed');
  });
});

test('a review older than an hour says so and is checked again before importing', async () => {
  await withSidebar({ clock: true }, async (s) => {
    const { page } = s;
    await toReview(page);
    expect(await page.getByText('This review is more than an hour old').count()).toBe(0);
    await page.clock.fastForward('01:01:00');
    await visible(page.getByText(/This review is more than an hour old/));
    await shot(page, '15-stale-review');
    const before = s.calls.length;
    await page.getByRole('button', { name: 'Start import' }).click();
    await heading(page, 'Import', 30_000);
    expect(s.calls.slice(before, before + 2)).toEqual(['reviewSheet', 'startImport']);
  });
});

test("an import bigger than a day of Google's URL Fetch quota is announced beside the estimate, and still starts", async () => {
  // 15,000 sample rows, add-update by phone with the import tag: a write and a tag call per
  // clean row, and a look-up per 50 rows — over 20,000 requests.
  await withSidebar({ rows: 15_000 }, async ({ page }) => {
    await heading(page, 'What to import', 60_000);
    expect(await page.getByLabel(/Also tag them import/).isChecked()).toBe(true);
    await toReview(page, 120_000);
    const estimate = await text(page.getByTestId('estimate'));
    const calls = /About ([\d,]+) API calls/.exec(estimate)?.[1];
    expect(estimate).toMatch(/About [\d,]+ API calls/);
    expect(Number(calls?.replace(/,/g, ''))).toBeGreaterThan(20_000);
    const warning = page.getByTestId('quota-warning');
    await visible(warning);
    const said = await text(warning);
    expect(said).toContain(`This import needs about ${calls} requests`);
    expect(said).toContain(
      'a Google account may make 20,000 a day (100,000 with Google Workspace)',
    );
    expect(said).toMatch(/the import pauses; resume it .*24 hours after the first request/);
    // It sits with the estimate, above the buttons, where a person reads the figures.
    const [warnBox, estimateBox, recheck] = await Promise.all([
      warning.boundingBox(),
      page.getByTestId('estimate').boundingBox(),
      page.getByRole('button', { name: 'Re-check' }).boundingBox(),
    ]);
    expect(warnBox!.y).toBeGreaterThan(estimateBox!.y);
    expect(warnBox!.y).toBeLessThan(recheck!.y);
    await shot(page, '16-review-quota-warning');
    // Not a block: Start import is enabled and starts the import.
    const startButton = page.getByRole('button', { name: 'Start import' });
    expect(await startButton.isDisabled()).toBe(false);
    await startButton.click();
    await heading(page, 'Import', 120_000);
  });
});

test('a small import shows no quota warning', async () => {
  await withSidebar({}, async ({ page }) => {
    await toReview(page);
    expect(await text(page.getByTestId('estimate'))).toMatch(/About [\d,]+ API calls/);
    expect(await page.getByTestId('quota-warning').count()).toBe(0);
  });
});

test('the header row can be moved, and the counts follow it', async () => {
  await withSidebar({}, async (s) => {
    const { page } = s;
    await heading(page, 'What to import');
    const rows = await s.dataRows();
    const counts = page.getByTestId('counts');
    expect(await text(counts)).toBe(`${rows} data rows, 10 columns`);
    const row = page.getByLabel('Header row');
    await row.fill('2');
    await row.press('Enter');
    await eventually(async () =>
      expect(await text(counts)).toMatch(new RegExp(`^${rows - 1} data rows, \\d+ columns$`)),
    );
    await row.fill('1');
    await row.press('Enter');
    await eventually(async () => expect(await text(counts)).toBe(`${rows} data rows, 10 columns`));
    await page.getByRole('button', { name: 'Next' }).click();
    expect(await text(mapLine(page, 'Mobile').locator('.confidence'))).toMatch(/^auto · \d+%$/);
  });
});

test('the wizard can be driven from the keyboard alone', async () => {
  await withSidebar({ connected: false }, async ({ page }) => {
    await heading(page, 'Connect to the workspace');
    const focused = () => page.evaluate(() => document.activeElement?.id ?? '');
    const tabTo = async (match: () => Promise<boolean>) => {
      for (let i = 0; i < 40 && !(await match()); i++) await page.keyboard.press('Tab');
      expect(await match()).toBe(true);
    };
    await page.keyboard.press('Tab');
    expect(await focused()).toBe('base-url');
    await page.keyboard.press('Tab');
    expect(await focused()).toBe('token');
    await page.keyboard.type(GOOD_TOKEN);
    await page.keyboard.press('Enter');
    await visible(page.getByTestId('connection-test').filter({ hasText: 'Connected' }));
    await tabTo(() => page.evaluate(() => document.activeElement?.textContent === 'Next'));
    await page.keyboard.press('Enter');
    await heading(page, 'What to import');
    // Focus moved to the new step's title, so the next Tab starts at the step's top.
    expect(await focused()).toBe('step-title');
    await tabTo(() =>
      page.evaluate(() => (document.activeElement as HTMLInputElement | null)?.name === 'purpose'),
    );
    // Tab lands on the checked purpose, Add and update (the default); the one above it is
    // Update existing only.
    expect(await page.getByLabel('Add and update contacts').isChecked()).toBe(true);
    await page.keyboard.press('ArrowUp');
    expect(await page.getByLabel('Update existing contacts only').isChecked()).toBe(true);
    expect(await identifierOptions(page)).toEqual(['Phone', 'Email', 'Contact ID']);
  });
});

// ---------------------------------------------------------------- helpers

interface SidebarOptions {
  /** false: the saved token is removed first (the add-on's own disconnect), so Connect opens. */
  connected?: boolean;
  /** Emulator requests a second per endpoint (absent: no limit). */
  rate?: number;
  /** Sample sheet rows (default 200). */
  rows?: number;
  /** Install playwright's fake clock in the page before it loads. */
  clock?: boolean;
  /** Length of one import slice (default SLICE_MS). */
  sliceMs?: number;
}

interface OpenSidebar {
  sandbox: SandboxProcess;
  page: Page;
  /** Every server function the open sidebars called, in order. */
  calls: string[];
  /** Opens another sidebar on the same spreadsheet (another window), 300 px wide. */
  openSidebar(): Promise<Page>;
  /** The sandbox's view of the sheet (layout, filter). */
  state(): Promise<PageState>;
  /** Data rows of the contact tab as the sheet holds them (up to its last row with content). */
  dataRows(): Promise<number>;
  configureEmulator(config: { rate?: number | null; faults?: string }): Promise<void>;
}

/**
 * Starts a sandbox (its sheet, the bundle, its emulator), opens its sidebar 300 px wide, runs
 * `body`, then closes all. Every page's uncaught errors fail the test.
 */
async function withSidebar(
  options: SidebarOptions,
  body: (sidebar: OpenSidebar) => Promise<void>,
): Promise<void> {
  const childOptions: ChildOptions = { sliceMs: options.sliceMs ?? SLICE_MS };
  if (options.rate !== undefined) childOptions.emulatorArgs = ['--rate', String(options.rate)];
  if (options.rows !== undefined) childOptions.rows = options.rows;
  const sandbox = await startSandboxProcess(childOptions);
  const contexts: BrowserContext[] = [];
  const pageErrors: string[] = [];
  const calls: string[] = [];
  const openSidebar = async (): Promise<Page> => {
    const context = await browser.newContext({ viewport: { width: 300, height: 720 } });
    contexts.push(context);
    const page = await context.newPage();
    page.on('pageerror', (e) => pageErrors.push(e.message));
    page.on('request', (r) => {
      const name = /\/rpc\/(\w+)$/.exec(r.url())?.[1];
      if (name) calls.push(name);
    });
    if (options.clock) await page.clock.install();
    await page.goto(`${sandbox.url}sidebar`);
    return page;
  };
  try {
    if (options.connected === false) await post(`${sandbox.url}rpc/disconnect`, { args: [] });
    const page = await openSidebar();
    await body({
      sandbox,
      page,
      calls,
      openSidebar,
      state: async () => (await get(`${sandbox.url}api/state`)) as PageState,
      dataRows: async () => {
        const state = (await get(`${sandbox.url}api/state`)) as PageState;
        return state.sheet.lastRow - 1;
      },
      configureEmulator: async (config) => {
        await post(`${sandbox.emulatorOrigin}/__admin/config`, config);
      },
    });
  } catch (e) {
    // What the sandbox logged (the add-on's errors, its Logger lines) beside the failure.
    throw new Error(`${(e as Error).stack ?? String(e)}\n--- sandbox log ---\n${sandbox.logs()}`, {
      cause: e,
    });
  } finally {
    await Promise.all(contexts.map((c) => c.close()));
    await sandbox.stop();
  }
  expect(pageErrors).toEqual([]);
}

async function get(url: string): Promise<unknown> {
  const response = await fetch(url, { cache: 'no-store' });
  if (!response.ok) throw new Error(`${url} answered ${response.status}: ${await response.text()}`);
  return response.json();
}

async function post(url: string, body: unknown): Promise<void> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`${url} answered ${response.status}: ${await response.text()}`);
}

/** From Source to a finished review with the saved (default) settings. */
async function toReview(page: Page, timeout = 30_000): Promise<void> {
  await heading(page, 'What to import');
  await page.getByRole('button', { name: 'Next' }).click();
  await heading(page, 'Map columns to fields');
  await page.getByRole('button', { name: 'Save and review' }).click();
  await heading(page, 'Review the rows');
  await visible(page.getByTestId('estimate'), timeout);
}

/** The step's title; with `expected`, waits until it is that. */
async function heading(page: Page, expected?: string, timeout = 15_000): Promise<string> {
  const h1 = page.locator('h1');
  if (expected !== undefined) {
    await eventually(async () => expect((await h1.textContent())?.trim()).toBe(expected), timeout);
  }
  return (await h1.textContent()) ?? '';
}

async function identifierOptions(page: Page): Promise<string[]> {
  const radios = page.locator('input[name="identifier"]');
  const labels: string[] = [];
  for (let i = 0; i < (await radios.count()); i++) {
    labels.push((await text(radios.nth(i).locator('xpath=..'))).trim());
  }
  return labels;
}

function mapLine(page: Page, header: string): Locator {
  return page.locator('.map-line').filter({
    has: page.locator('.header-name', { hasText: new RegExp(`^${header}$`) }),
  });
}

async function countOf(page: Page, label: string): Promise<number> {
  const said = await page.locator(`[data-count="${label}"] dd`).textContent();
  return Number((said ?? '').replace(/,/g, ''));
}

async function text(locator: Locator): Promise<string> {
  return (await locator.first().textContent()) ?? '';
}

async function visible(locator: Locator, timeout = 15_000): Promise<void> {
  await locator.first().waitFor({ state: 'visible', timeout });
}

/**
 * The whole sidebar as it would look in a window tall enough for it: the viewport grows to
 * the page's height first, so the sticky Back/Next footer sits at the bottom, not mid-page.
 */
async function shot(page: Page, name: string): Promise<void> {
  await expectEveryControlLabelled(page);
  const viewport = page.viewportSize() ?? { width: 300, height: 720 };
  const height = await page.evaluate(() => document.documentElement.scrollHeight);
  await page.setViewportSize({ width: viewport.width, height: Math.max(viewport.height, height) });
  await page.screenshot({ path: join(SHOTS, `${name}.png`) });
  await page.setViewportSize(viewport);
}

/** Every form control has a name a screen reader can say; every button has text or a label. */
async function expectEveryControlLabelled(page: Page): Promise<void> {
  const unnamed = await page.evaluate(() =>
    Array.from(document.querySelectorAll('input, select, textarea, button'))
      .filter((el) => {
        const named =
          el.getAttribute('aria-label') ||
          el.getAttribute('aria-labelledby') ||
          (el instanceof HTMLButtonElement && el.textContent?.trim());
        const labels = (el as HTMLInputElement).labels;
        return !named && (!labels || labels.length === 0);
      })
      .map((el) => el.outerHTML.slice(0, 80)),
  );
  expect(unnamed).toEqual([]);
}
