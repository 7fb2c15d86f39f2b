/**
 * Google's daily URL Fetch quota, told before an import starts. Pure: the review and the
 * sidebar's development mock both use it.
 *
 * "URL Fetch calls: 20,000 / day (consumer accounts, e.g. gmail.com), 100,000 / day (Google
 * Workspace accounts)"; quotas are per user and "reset 24 hours after the first request"
 * (https://developers.google.com/apps-script/guides/services/quotas). Each request of a
 * `UrlFetchApp.fetchAll` counts as one call. The add-on cannot tell which kind of account runs
 * it, so the lower figure decides whether to warn and the message gives both.
 */
import { countText } from '../core/text';

export const DAILY_URL_FETCHES = 20_000;
export const DAILY_URL_FETCHES_WORKSPACE = 100_000;

/**
 * What the review says when an import needs more requests than one day of the quota:
 * null when it fits. The pause it promises is importing.ts's QUOTA_MESSAGE (same wording
 * for when the limit resets).
 */
export function dailyQuotaWarning(apiCalls: number): string | null {
  if (!(apiCalls > DAILY_URL_FETCHES)) return null;
  const days = (perDay: number) => Math.ceil(apiCalls / perDay);
  const workspaceDays = days(DAILY_URL_FETCHES_WORKSPACE);
  const length =
    workspaceDays > 1
      ? `it takes at least ${workspaceDays} days even with Google Workspace (${days(DAILY_URL_FETCHES)} without)`
      : `without Google Workspace it takes at least ${days(DAILY_URL_FETCHES)} days`;
  return (
    `This import needs about ${countText(apiCalls)} requests; a Google account may make ` +
    `${countText(DAILY_URL_FETCHES)} a day (${countText(DAILY_URL_FETCHES_WORKSPACE)} with ` +
    `Google Workspace), so ${length}. When the day's limit is used up, the import pauses; ` +
    'resume it once Google resets the limit, 24 hours after the first request you made in ' +
    'this period. Your other scripts and add-ons share this limit.'
  );
}
