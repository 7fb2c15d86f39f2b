/**
 * The built sidebar (dist/sidebar.html) in Chromium, 300 px wide, talking to the
 * in-memory mock of every server function through the development host. Asserts what a
 * person sees; saves a screenshot of each step to test-results/sidebar/. The browser is the
 * one test/support/browser.ts finds.
 *
 * `npm test` builds first; run alone, this file rebuilds the sidebar when dist/sidebar.html
 * is missing or older than the sidebar's sources.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { launchBrowser } from '../support/browser';
import { SIDEBAR_HTML, serveSidebar } from '../../local/host/serve-sidebar';
import type { SidebarServer } from '../../local/host/serve-sidebar';
import {
  GOOD_TOKEN,
  MockServer,
  REFUSED_TOKEN_MESSAGE,
  type MockOptions,
  mockHandler,
} from '../support/mock-server-functions';

jest.setTimeout(180_000);

const ROOT = join(__dirname, '..', '..');
const SHOTS = join(ROOT, 'test-results', 'sidebar');

let browser: Browser;

beforeAll(async () => {
  buildSidebarIfStale();
  mkdirSync(SHOTS, { recursive: true });
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
});

// ---------------------------------------------------------------- the whole wizard

test('a person connects, chooses, maps, reviews, imports and sees the results', async () => {
  const mock = new MockServer();
  await withSidebar(mock, { sliceDelayMs: 300 }, async (page) => {
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

    // A bad token: the server's message, plainly; the token itself is never shown again.
    await page.getByLabel('API access token').fill('wrong-token');
    await page.getByRole('button', { name: 'Save and test' }).click();
    await visible(page.getByTestId('connection-test').filter({ hasText: REFUSED_TOKEN_MESSAGE }));
    expect(await page.getByLabel('API access token').inputValue()).toBe('');
    expect(await page.getByTestId('token-last4').textContent()).toBe('••••oken');
    expect(await page.content()).not.toContain('wrong-token');
    await shot(page, '02-connect-refused');

    await page.getByLabel('API access token').fill(GOOD_TOKEN);
    await page.getByRole('button', { name: 'Save and test' }).click();
    await visible(page.getByTestId('connection-test').filter({ hasText: 'Connected: 3 custom' }));
    expect(await page.content()).not.toContain(GOOD_TOKEN);
    await shot(page, '03-connected');
    await page.getByRole('button', { name: 'Next' }).click();

    // Source: the tab and its counts; identifiers follow the purpose.
    await heading(page, 'What to import');
    expect(await page.getByTestId('counts').textContent()).toBe('200 data rows, 7 columns');
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
    await page.getByLabel('Default country for phone numbers').selectOption('MY');
    expect(
      await page
        .getByLabel('Default country for phone numbers')
        .locator('option:checked')
        .textContent(),
    ).toBe('Malaysia (MY)');
    await shot(page, '04-source');
    await page.getByRole('button', { name: 'Next' }).click();

    // Map: confidence, the do-not-overwrite choice, and a rule violation that blocks Next.
    await heading(page, 'Map columns to fields');
    expect(await mapLine(page, 'Mobile').locator('.confidence').textContent()).toBe('auto · 92%');
    expect(await mapLine(page, 'First Name').locator('.confidence').textContent()).toBe(
      'auto · 100%',
    );
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
    expect(await mapLine(page, 'Mobile').locator('.confidence').textContent()).toBe('your choice');
    expect(await page.getByRole('alert').count()).toBe(0);
    // Phone (or Email) from several columns is one choice, shown as the best of them.
    await page.getByLabel('Field for Email').selectOption('phone');
    await visible(page.getByText('Phone: best of ‘Mobile’, ‘Email’'));
    expect(await page.getByRole('alert').count()).toBe(0);
    await page.getByLabel('Field for Email').selectOption('email');
    // Skipping a column and taking it back keeps its field.
    await page.getByLabel('Plan', { exact: true }).uncheck();
    expect(await page.getByLabel('Field for Plan').inputValue()).toBe('');
    expect(await mapLine(page, 'Plan').locator('.confidence').textContent()).toBe('skipped');
    await page.getByLabel('Plan', { exact: true }).check();
    expect(await page.getByLabel('Field for Plan').inputValue()).toBe('custom:Plan');
    await shot(page, '06-map');

    // Back never loses choices.
    await page.getByRole('button', { name: 'Back' }).click();
    await heading(page, 'What to import');
    expect(await page.getByLabel('Add and update contacts').isChecked()).toBe(true);
    await visible(page.getByRole('button', { name: 'Remove tag newsletter' }));
    await page.getByRole('button', { name: 'Next' }).click();
    expect(await mapLine(page, 'Mobile').locator('.confidence').textContent()).toBe('your choice');
    await next.click();

    // Review: the counts, the estimate and the error tools.
    await heading(page, 'Review the rows');
    await visible(page.getByTestId('estimate'));
    const errorsBefore = await countOf(page, 'Errors');
    expect(errorsBefore).toBeGreaterThan(0);
    expect(await countOf(page, 'Add')).toBeGreaterThan(0);
    expect(await countOf(page, 'Update')).toBeGreaterThan(0);
    await shot(page, '07-review');

    await page.getByRole('button', { name: 'Go to next error' }).click();
    await visible(page.getByText(/^Row \d+ is selected in the sheet\.$/));
    const first = await page.getByText(/is selected in the sheet/).textContent();
    await page.getByRole('button', { name: 'Go to next error' }).click();
    await eventually(async () =>
      expect(await page.getByText(/is selected in the sheet/).textContent()).not.toBe(first),
    );
    await page.getByLabel('Show only rows with errors').check();
    await eventually(() => expect(mock.errorFilterOn).toBe(true));
    const fixes = page.getByRole('button', { name: /^Apply \d+ suggested fix/ });
    await page.getByText('What the fixes write').click();
    const listed = page.getByRole('list', { name: 'Suggested fixes' }).getByRole('listitem');
    expect(await listed.count()).toBeGreaterThan(0);
    expect(await listed.first().textContent()).toMatch(/^Row \d+ · \w+: .+ → .+$/);
    await fixes.click();
    await eventually(async () => expect(await countOf(page, 'Errors')).toBeLessThan(errorsBefore));
    expect(await fixes.count()).toBe(0);
    const reviews = mock.calls.filter((c) => c === 'reviewSheet').length;
    await page.getByRole('button', { name: 'Re-check' }).click();
    await eventually(() =>
      expect(mock.calls.filter((c) => c === 'reviewSheet').length).toBe(reviews + 1),
    );
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
    expect(await page.getByTestId('result-headline').textContent()).toBe('Import completed');
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

test('a long slice: the rows done move while it works, from the figures it publishes', async () => {
  const mock = readyMock();
  await withSidebar(mock, { sliceDelayMs: 10_000 }, async (page) => {
    await toReview(page);
    await page.getByRole('button', { name: 'Start import' }).click();
    await heading(page, 'Import');
    const slices = () => mock.calls.filter((c) => c === 'continueImport').length;
    // Still the first slice (it answers after 10 s with 40 rows), yet the count goes up.
    await eventually(async () => {
      const done = Number((await page.getByText(/rows done/).textContent())?.match(/\d+/)?.[0]);
      expect(done).toBeGreaterThanOrEqual(2);
      expect(done).toBeLessThan(40);
    }, 9_000);
    expect(slices()).toBe(1);
    expect(mock.calls).toContain('getImportProgress');
    await page.getByRole('button', { name: 'Cancel import' }).click();
    await heading(page, 'Results');
  });
});

test('cancel mid-import stops it and says so in the results and the history', async () => {
  const mock = readyMock();
  await withSidebar(mock, { sliceDelayMs: 500 }, async (page) => {
    await toReview(page);
    await page.getByRole('button', { name: 'Start import' }).click();
    const bar = page.getByRole('progressbar');
    await eventually(async () =>
      expect(Number(await bar.getAttribute('aria-valuenow'))).toBeGreaterThanOrEqual(40),
    );
    await page.getByRole('button', { name: 'Cancel import' }).click();
    await heading(page, 'Results');
    expect(await page.getByTestId('result-headline').textContent()).toBe('Import cancelled');
    await visible(page.getByText(/^Cancelled by you@example.com/));
    await visible(page.locator('.history-list li').filter({ hasText: 'Cancelled' }));
    const sent = await page.getByText(/rows of Contacts processed/).textContent();
    const [done, total] = (sent?.match(/\d+/g) ?? []).map(Number);
    expect(done).toBeLessThan(total ?? 0);
    await shot(page, '11-cancelled');
  });
});

test('a paused import says why and resumes on request', async () => {
  const mock = readyMock();
  mock.pauseAt = 80;
  await withSidebar(mock, { sliceDelayMs: 100 }, async (page) => {
    await toReview(page);
    await page.getByRole('button', { name: 'Start import' }).click();
    await visible(page.getByTestId('pause-message').filter({ hasText: 'rate limit' }));
    expect(await page.getByText(/^Paused:/).count()).toBe(1);
    await shot(page, '12-paused');
    await page.getByRole('button', { name: 'Resume' }).click();
    await heading(page, 'Results');
    expect(await page.getByTestId('result-headline').textContent()).toBe('Import completed');
  });
});

test('a second import is refused with who is importing and since when', async () => {
  const mock = readyMock();
  mock.otherImport = { user: 'maria@example.com', since: '2026-11-22T09:30:00.000Z' };
  await withSidebar(mock, {}, async (page) => {
    await toReview(page);
    await page.getByRole('button', { name: 'Start import' }).click();
    await visible(
      page.getByRole('alert').filter({
        hasText: 'maria@example.com has been importing this spreadsheet since 2026-11-22 09:30',
      }),
    );
    await heading(page, 'Review the rows');
    await shot(page, '13-import-refused');
  });
});

test("the page's google.script.run refuses a Date argument at the call, as Google's does", async () => {
  const mock = readyMock();
  await withSidebar(mock, {}, async (page) => {
    await heading(page, 'What to import');
    const calls = mock.log.length;
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
    expect(mock.log.length).toBe(calls);
  });
});

test('an answer google.script.run cannot carry (it holds a Date) is reported in plain words', async () => {
  const mock = readyMock();
  const start = mock.startImport.bind(mock);
  // Google hands the success handler null for an answer holding a Date.
  mock.startImport = ((mode: Parameters<typeof start>[0]) => ({
    ...start(mode),
    startedAt: new Date(),
  })) as unknown as typeof start;
  await withSidebar(mock, {}, async (page) => {
    await toReview(page);
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
  const mock = readyMock();
  await withSidebar(mock, { sliceDelayMs: 400 }, async (page) => {
    // Unsaved mapping changes survive a reload.
    await page.getByRole('button', { name: 'Next' }).click();
    await heading(page, 'Map columns to fields');
    await page.getByLabel('Field for Notes').selectOption('custom:Company');
    await page.reload();
    await heading(page, 'Map columns to fields');
    expect(await page.getByLabel('Field for Notes').inputValue()).toBe('custom:Company');
    expect(await mapLine(page, 'Notes').locator('.confidence').textContent()).toBe('your choice');

    // Closing mid-import pauses it; opening again picks it up and finishes it.
    await page.getByRole('button', { name: 'Save and review' }).click();
    await heading(page, 'Review the rows');
    await visible(page.getByTestId('estimate'));
    await page.getByRole('button', { name: 'Start import' }).click();
    const bar = page.getByRole('progressbar');
    await eventually(async () =>
      expect(Number(await bar.getAttribute('aria-valuenow'))).toBeGreaterThanOrEqual(40),
    );
    await page.reload();
    await heading(page, 'Import');
    await shot(page, '14-reopened-import');
    await heading(page, 'Results', 20_000);
    expect(await page.getByTestId('result-headline').textContent()).toBe('Import completed');

    // Results come back too.
    await page.reload();
    await heading(page, 'Results');
    expect(await page.getByTestId('result-headline').textContent()).toBe('Import completed');
  });
});

test('a review older than an hour says so and is checked again before importing', async () => {
  const mock = readyMock();
  await withSidebar(mock, { clock: true, sliceDelayMs: 300 }, async (page) => {
    await toReview(page);
    expect(await page.getByText('This review is more than an hour old').count()).toBe(0);
    await page.clock.fastForward('01:01:00');
    await visible(page.getByText(/This review is more than an hour old/));
    await shot(page, '15-stale-review');
    const before = mock.calls.length;
    await page.getByRole('button', { name: 'Start import' }).click();
    await heading(page, 'Import');
    expect(mock.calls.slice(before, before + 2)).toEqual(['reviewSheet', 'startImport']);
  });
});

test("an import bigger than a day of Google's URL Fetch quota is announced beside the estimate, and still starts", async () => {
  // 15,000 rows, add-update: a look-up and a write per new or existing row, over 20,000 calls.
  const mock = readyMock({ rows: 15_000 });
  await withSidebar(mock, {}, async (page) => {
    await toReview(page);
    const warning = page.getByTestId('quota-warning');
    await visible(warning);
    const text = (await warning.textContent()) ?? '';
    const estimate = (await page.getByTestId('estimate').textContent()) ?? '';
    const calls = /About ([\d,]+) API calls/.exec(estimate)?.[1];
    expect(calls).toBeDefined();
    expect(Number(calls?.replace(/,/g, ''))).toBeGreaterThan(20_000);
    expect(text).toContain(`This import needs about ${calls} requests`);
    expect(text).toContain(
      'a Google account may make 20,000 a day (100,000 with Google Workspace)',
    );
    expect(text).toMatch(/the import pauses; resume it .*24 hours after the first request/);
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
    await heading(page, 'Import');
  });
});

test('a small import shows no quota warning', async () => {
  const mock = readyMock();
  await withSidebar(mock, {}, async (page) => {
    await toReview(page);
    expect(await page.getByTestId('quota-warning').count()).toBe(0);
  });
});

test('the header row can be moved, and the counts follow it', async () => {
  const mock = readyMock();
  await withSidebar(mock, {}, async (page) => {
    await heading(page, 'What to import');
    const row = page.getByLabel('Header row');
    await row.fill('2');
    await row.press('Enter');
    await eventually(async () =>
      expect(await page.getByTestId('counts').textContent()).toBe('199 data rows, 7 columns'),
    );
    await row.fill('1');
    await row.press('Enter');
    await eventually(async () =>
      expect(await page.getByTestId('counts').textContent()).toBe('200 data rows, 7 columns'),
    );
    await page.getByRole('button', { name: 'Next' }).click();
    expect(await mapLine(page, 'Mobile').locator('.confidence').textContent()).toBe('auto · 92%');
  });
});

test('the wizard can be driven from the keyboard alone', async () => {
  const mock = new MockServer();
  await withSidebar(mock, {}, async (page) => {
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
    await page.keyboard.press('ArrowDown');
    expect(await page.getByLabel('Update existing contacts only').isChecked()).toBe(true);
    expect(await identifierOptions(page)).toEqual(['Phone', 'Email', 'Contact ID']);
  });
});

// ---------------------------------------------------------------- helpers

/** Serves the sidebar over `mock`, opens it 300 px wide, runs `body`, then closes all. */
async function withSidebar(
  mock: MockServer,
  options: { sliceDelayMs?: number; clock?: boolean },
  body: (page: Page) => Promise<void>,
): Promise<void> {
  const server: SidebarServer = await serveSidebar({
    handle: mockHandler(mock, {
      delayMs: (name) => (name === 'continueImport' ? (options.sliceDelayMs ?? 0) : 0),
    }),
  });
  const context: BrowserContext = await browser.newContext({
    viewport: { width: 300, height: 720 },
  });
  const pageErrors: string[] = [];
  try {
    const page = await context.newPage();
    page.on('pageerror', (e) => pageErrors.push(e.message));
    if (options.clock) await page.clock.install();
    await page.goto(server.url);
    await body(page);
  } finally {
    await context.close();
    await server.close();
  }
  expect(pageErrors).toEqual([]);
}

/** A mock already connected, with settings saved, so a test starts at Source. */
function readyMock(options: MockOptions = {}): MockServer {
  const mock = new MockServer(options);
  mock.saveConnection({ baseUrl: 'https://api.respond.io/v2', token: GOOD_TOKEN });
  const { settings } = mock.getWizardState();
  mock.saveSettings({ ...settings, purpose: 'add-update', defaultCountry: 'MY' });
  return mock;
}

async function toReview(page: Page): Promise<void> {
  await heading(page, 'What to import');
  await page.getByRole('button', { name: 'Next' }).click();
  await page.getByRole('button', { name: 'Save and review' }).click();
  await heading(page, 'Review the rows');
  await visible(page.getByTestId('estimate'));
}

/** The step's title; with `expected`, waits until it is that. */
async function heading(page: Page, expected?: string, timeout = 10_000): Promise<string> {
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
    labels.push(((await radios.nth(i).locator('xpath=..').textContent()) ?? '').trim());
  }
  return labels;
}

function mapLine(page: Page, header: string): Locator {
  return page.locator('.map-line').filter({
    has: page.locator('.header-name', { hasText: new RegExp(`^${header}$`) }),
  });
}

async function countOf(page: Page, label: string): Promise<number> {
  const text = await page.locator(`[data-count="${label}"] dd`).textContent();
  return Number((text ?? '').replace(/,/g, ''));
}

async function visible(locator: Locator, timeout = 10_000): Promise<void> {
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

/** Retries an assertion until it passes or time runs out (the UI answers asynchronously). */
async function eventually(check: () => unknown, timeout = 10_000): Promise<void> {
  const end = Date.now() + timeout;
  for (;;) {
    try {
      await check();
      return;
    } catch (e) {
      if (Date.now() > end) throw e;
      await new Promise((r) => setTimeout(r, 50));
    }
  }
}

function buildSidebarIfStale(): void {
  const built = existsSync(SIDEBAR_HTML) ? statSync(SIDEBAR_HTML).mtimeMs : 0;
  const sources = [
    ...files(join(ROOT, 'sidebar')),
    join(ROOT, 'src', 'rpc.ts'),
    join(ROOT, 'src', 'api', 'baseUrl.ts'),
  ];
  if (sources.every((f) => statSync(f).mtimeMs <= built)) return;
  execFileSync('npx', ['webpack', '--mode', 'production', '--config-name', 'sidebar'], {
    cwd: ROOT,
    stdio: 'ignore',
  });
}

function files(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? files(join(dir, e.name)) : [join(dir, e.name)],
  );
}
