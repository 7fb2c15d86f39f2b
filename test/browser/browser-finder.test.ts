/**
 * test/support/browser.ts finds a browser on any machine: CHROMIUM_PATH first, then the
 * system's, then the Chromium inside the @sparticuz/chromium package, which needs no
 * download and nothing installed but the npm packages.
 */
import { chmodSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';
import { findBrowser } from '../support/browser';

test('CHROMIUM_PATH comes first; one that is not an executable file is refused by name', () => {
  const dir = mkdtempSync(join(tmpdir(), 'browser-finder-'));
  const script = join(dir, 'my-chromium');
  writeFileSync(script, '#!/bin/sh\n');
  expect(() => findBrowser({ CHROMIUM_PATH: script })).toThrow(
    `CHROMIUM_PATH is ${script}, which is not an executable file.`,
  );
  chmodSync(script, 0o755);
  expect(findBrowser({ CHROMIUM_PATH: script })).toEqual({
    executablePath: script,
    source: 'CHROMIUM_PATH',
    env: {},
  });
  expect(() => findBrowser({ CHROMIUM_PATH: dir })).toThrow('not an executable file');
});

test('without a system browser, the one inside @sparticuz/chromium opens a page', async () => {
  const found = findBrowser({ BROWSER_SKIP_SYSTEM: '1' });
  expect(found.source).toBe('@sparticuz/chromium');
  const browser = await chromium.launch({
    executablePath: found.executablePath,
    env: { ...process.env, ...found.env } as Record<string, string>,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  });
  try {
    const page = await browser.newPage();
    // The built sidebar, with its text and fonts (`npm test` builds dist/ first). The
    // sandbox suite run with BROWSER_SKIP_SYSTEM=1 covers the font set-up on a full page.
    await page.goto(pathToFileURL(join(__dirname, '..', '..', 'dist', 'sidebar.html')).href);
    await expect(page.locator('h1').first().textContent()).resolves.toBeTruthy();
  } finally {
    await browser.close();
  }
});
