/**
 * Date and time cells through the production bundle, read in the spreadsheet's time zone.
 * The bundle's context offers no Intl time zones (local/gas-fakes/intl.ts): the add-on must
 * get the zone's offsets from Utilities.formatDate, and few of them for a long column.
 */
import { setUp, withAddon, type Addon } from '../support/addon-harness';

const DAY = 86_400_000;

/** Local midnight of y-m-d in a zone with this fixed offset (minutes east). */
const midnight = (y: number, m: number, d: number, offsetMinutes: number) =>
  new Date(Date.UTC(y, m - 1, d) - offsetMinutes * 60_000);

function contacts(birthdays: Date[]): unknown[][] {
  return [
    ['First Name', 'Mobile', 'Birthday'],
    ...birthdays.map((b, i) => [
      `Person${i}`,
      `+60 13-${String(2_000_000 + i).slice(0, 3)} ${String(2_000_000 + i).slice(3)}`,
      b,
    ]),
  ];
}

async function importBirthdays(addon: Addon): Promise<Record<string, string>> {
  setUp(addon, { purpose: 'add', identifier: 'phone', importTag: null, defaultCountry: 'MY' });
  const review = addon.call('reviewSheet');
  expect(review).toMatchObject({ errors: 0, blocking: [] });
  let progress = addon.call('startImport', 'pending');
  while (progress.more) progress = addon.call('continueImport', progress.jobId);
  const stored = (await addon.contacts()) as unknown as {
    first_name?: string;
    firstName?: string;
    custom_fields?: { name: string; value: unknown }[];
  }[];
  return Object.fromEntries(
    stored.map((c) => [
      c.first_name ?? c.firstName ?? '',
      String(c.custom_fields?.find((f) => f.name === 'Birthday')?.value ?? ''),
    ]),
  );
}

describe('date cells are read in the spreadsheet time zone', () => {
  test('Asia/Kolkata (+05:30): each local midnight imports as its own day', async () => {
    const sheet = contacts([
      midnight(1990, 1, 15, 330),
      midnight(2000, 2, 29, 330),
      midnight(2026, 12, 31, 330),
    ]);
    const options = { timeZone: 'Asia/Kolkata' };
    expect(
      await withAddon({ Contacts: sheet }, ['--seed', 'empty'], options, importBirthdays),
    ).toEqual({ Person0: '1990-01-15', Person1: '2000-02-29', Person2: '2026-12-31' });
  }, 60_000);

  test('America/New_York: the days DST starts and ends keep their dates', async () => {
    const sheet = contacts([
      midnight(2026, 3, 8, -300), // EST midnight; 02:00 that night springs forward
      midnight(2026, 3, 9, -240), // EDT
      midnight(2026, 11, 1, -240), // EDT midnight; 02:00 falls back
      midnight(2026, 11, 2, -300), // EST
    ]);
    const options = { timeZone: 'America/New_York' };
    expect(
      await withAddon({ Contacts: sheet }, ['--seed', 'empty'], options, importBirthdays),
    ).toEqual({
      Person0: '2026-03-08',
      Person1: '2026-03-09',
      Person2: '2026-11-01',
      Person3: '2026-11-02',
    });
  }, 60_000);

  test('a 5,000-row column of sign-up dates over three years costs few Utilities calls', async () => {
    const birthdays = Array.from(
      { length: 5_000 },
      (_, i) => new Date(midnight(2024, 1, 1, -300).getTime() + ((i * 7919) % (3 * 365)) * DAY),
    );
    const options = { timeZone: 'America/New_York' };
    await withAddon({ Contacts: contacts(birthdays) }, ['--seed', 'empty'], options, (addon) => {
      setUp(addon, { purpose: 'add', identifier: 'phone', importTag: null, defaultCountry: 'MY' });
      addon.fakes.calls.reset();
      const review = addon.call('reviewSheet');
      expect(review).toMatchObject({ rows: 5_000, errors: 0 });
      const utilities = addon.fakes.calls.count('Utilities.formatDate');
      if (process.env.PRINT_FIGURES) console.log({ formatDateCalls: utilities });
      expect(utilities).toBeLessThan(400);
    });
  }, 120_000);
});
