/**
 * The review's warning about Google's daily URL Fetch quota: 20,000 requests a day for a
 * consumer account, 100,000 with Google Workspace, reset 24 hours after the first request
 * (https://developers.google.com/apps-script/guides/services/quotas).
 */
import { dailyQuotaWarning } from '../../../src/gas/quota';

test('an import that fits in one day of the lower quota says nothing', () => {
  expect(dailyQuotaWarning(0)).toBeNull();
  expect(dailyQuotaWarning(20_000)).toBeNull();
});

test('one request over: how many, both quotas, the pause and when it resumes', () => {
  expect(dailyQuotaWarning(20_001)).toBe(
    "This import needs about 20,001 requests; a Google account may make 20,000 a day (100,000 with Google Workspace), so without Google Workspace it takes at least 2 days. When the day's limit is used up, the import pauses; resume it once Google resets the limit, 24 hours after the first request you made in this period. Your other scripts and add-ons share this limit.",
  );
});

test('over a Workspace day too: the days it takes with and without Google Workspace', () => {
  expect(dailyQuotaWarning(250_000)).toContain(
    'so it takes at least 3 days even with Google Workspace (13 without).',
  );
});
