import {
  makeZone,
  normaliseDateCell,
  normaliseDateText,
  normaliseTimeCell,
  normaliseTimeText,
  type Zone,
} from '../../../src/core/values/datetime';

function zone(options: Parameters<typeof makeZone>[0]): Zone {
  const made = makeZone(options);
  if (!made.ok) throw new Error(made.messages.join());
  return made.value;
}

describe('date text', () => {
  test.each(['2026-11-22', '2024-02-29', '1999-12-31'])('%s is taken silently', (text) => {
    expect(normaliseDateText(text)).toEqual({ ok: true, value: text });
  });

  test.each([
    ['2026-1-5', '2026-01-05'],
    ['2026/11/22', '2026-11-22'],
    ['2026.11.22', '2026-11-22'],
    ['20261122', '2026-11-22'],
    ['22/11/2026', '2026-11-22'], // day first: 22 cannot be a month
    ['11/22/2026', '2026-11-22'], // month first: 22 cannot be a month
    ['22.11.2026', '2026-11-22'],
    ['05/05/2026', '2026-05-05'], // both orders agree
    ['22 Nov 2026', '2026-11-22'],
    ['Nov 22, 2026', '2026-11-22'],
    ['22-November-2026', '2026-11-22'],
    ['3rd March 2026', '2026-03-03'],
    ['Sept 3, 2026', '2026-09-03'],
    ['2026-11-22T09:30:00Z', '2026-11-22'],
    ['2026-11-22 09:30', '2026-11-22'],
  ])('%j is read as %s with a warning and a suggestion', (text, iso) => {
    expect(normaliseDateText(text)).toEqual({
      ok: true,
      value: iso,
      warning: {
        message: `'${text}' read as ${iso} — dates are written yyyy-mm-dd`,
        suggested: iso,
      },
    });
  });

  test.each([
    [
      '05/06/2026',
      "'05/06/2026' is ambiguous (2026-06-05 or 2026-05-06?) — write it as yyyy-mm-dd",
    ],
    ['22/11/26', "'22/11/26' has a two-digit year — write the date as yyyy-mm-dd"],
    ['Nov 22, 26', "'Nov 22, 26' has a two-digit year — write the date as yyyy-mm-dd"],
    ['2026-02-30', "'2026-02-30' is not a real date — check the month and day (yyyy-mm-dd)"],
    ['2025-02-29', "'2025-02-29' is not a real date — check the month and day (yyyy-mm-dd)"],
    ['2026-13-01', "'2026-13-01' is not a real date — check the month and day (yyyy-mm-dd)"],
    ['31/02/2026', "'31/02/2026' is not a real date — write it as yyyy-mm-dd"],
    ['40/40/2026', "'40/40/2026' is not a real date — write it as yyyy-mm-dd"],
    ['tomorrow', "'tomorrow' is not a date — write it as yyyy-mm-dd, e.g. 2026-11-22"],
  ])('%j is an error', (text, message) => {
    expect(normaliseDateText(text)).toEqual({ ok: false, error: message });
  });
});

describe('date cells take their calendar date in the spreadsheet time zone', () => {
  // 16:30 UTC on 3 May is already 4 May in Kuala Lumpur (+08:00) and still 3 May in New York.
  const instant = Date.UTC(1990, 4, 3, 16, 30);

  test.each([
    ['UTC', '1990-05-03'],
    ['Asia/Kuala_Lumpur', '1990-05-04'],
    ['America/New_York', '1990-05-03'],
  ])('%s → %s', (timeZone, iso) => {
    expect(normaliseDateCell(instant, zone({ timeZone }))).toEqual({ ok: true, value: iso });
  });

  test('an offset function works instead of a zone name', () => {
    const plusNine = zone({ utcOffsetMinutes: () => 9 * 60 });
    expect(normaliseDateCell(instant, plusNine)).toEqual({ ok: true, value: '1990-05-04' });
  });

  test('daylight saving is applied per instant', () => {
    const london = zone({ timeZone: 'Europe/London' });
    // 23:30 UTC on 1 July is 00:30 on 2 July in summer time; in January it stays 1 January.
    expect(normaliseDateCell(Date.UTC(2026, 6, 1, 23, 30), london)).toEqual({
      ok: true,
      value: '2026-07-02',
    });
    expect(normaliseDateCell(Date.UTC(2026, 0, 1, 23, 30), london)).toEqual({
      ok: true,
      value: '2026-01-01',
    });
  });

  test('an unknown zone is refused with a fix', () => {
    expect(makeZone({ timeZone: 'Mars/Olympus' })).toEqual({
      ok: false,
      messages: [
        "The spreadsheet's time zone 'Mars/Olympus' is unknown — set it in File › Settings.",
      ],
    });
  });

  test('a time-only cell (30 Dec 1899) is not a date', () => {
    expect(normaliseDateCell(Date.UTC(1899, 11, 30, 9, 30), zone({}))).toEqual({
      ok: false,
      error: 'holds a time, not a date — enter a date as yyyy-mm-dd',
    });
  });

  test('an invalid Date is an error, not an exception', () => {
    expect(normaliseDateCell(Number.NaN, zone({}))).toEqual({
      ok: false,
      error: 'the date cell is invalid — re-enter the date',
    });
  });
});

describe('times', () => {
  test.each(['09:30', '21:30', '00:00', '23:59'])('%s is taken silently', (text) => {
    expect(normaliseTimeText(text)).toEqual({ ok: true, value: text });
  });

  test.each([
    ['9:30', '09:30'],
    ['9:30 PM', '21:30'],
    ['9:30 p.m.', '21:30'],
    ['12:00 am', '00:00'],
    ['12:00 pm', '12:00'],
    ['09:30:15', '09:30'],
    ['9h30', '09:30'],
    ['9.30', '09:30'],
  ])('%j is read as %s with a warning', (text, hhmm) => {
    expect(normaliseTimeText(text)).toEqual({
      ok: true,
      value: hhmm,
      warning: {
        message: `'${text}' read as ${hhmm} — times are written HH:MM (24 h)`,
        suggested: hhmm,
      },
    });
  });

  test.each([
    ['24:00', "'24:00' is not a real time — write it as HH:MM (24 h), e.g. 21:30"],
    ['23:60', "'23:60' is not a real time — write it as HH:MM (24 h), e.g. 21:30"],
    ['13:00 PM', "'13:00 PM' is not a real time — write it as HH:MM (24 h), e.g. 21:30"],
    ['0930', "'0930' is not a time — write it as HH:MM (24 h), e.g. 09:30"],
    ['noon', "'noon' is not a time — write it as HH:MM (24 h), e.g. 09:30"],
  ])('%j is an error', (text, message) => {
    expect(normaliseTimeText(text)).toEqual({ ok: false, error: message });
  });

  test('a time cell is read in the spreadsheet time zone', () => {
    expect(
      normaliseTimeCell(Date.UTC(2026, 0, 1, 1, 30), zone({ utcOffsetMinutes: () => 480 })),
    ).toEqual({
      ok: true,
      value: '09:30',
    });
  });
});
