/**
 * The driver's offsets: an expensive look-up (Utilities.formatDate on Apps Script; Node's Intl
 * here, as a reference) cached per week and bisected around transitions.
 */
import { makeZone, normaliseDateCell, normaliseTimeCell } from '../../../src/core/values/datetime';
import { cachedOffsets, type OffsetLookup } from '../../../src/core/values/zone-offsets';

/** The reference: the zone's offset at an instant, in minutes, from Node's Intl. */
function intlOffset(timeZone: string): OffsetLookup {
  const format = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: 'numeric',
    minute: 'numeric',
    second: 'numeric',
  });
  return (ms) => {
    const at = Math.floor(ms / 1000) * 1000;
    const f: Record<string, number> = {};
    for (const p of format.formatToParts(at)) f[p.type] = Number(p.value);
    const wall = Date.UTC(f.year!, f.month! - 1, f.day!, f.hour!, f.minute!, f.second!);
    return (wall - at) / 60_000;
  };
}

function counted(timeZone: string): { lookup: OffsetLookup; calls: () => number } {
  const reference = intlOffset(timeZone);
  let calls = 0;
  return {
    lookup: (ms) => {
      calls++;
      return reference(ms);
    },
    calls: () => calls,
  };
}

const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;

describe('cached offsets agree with the zone at every instant', () => {
  test('America/New_York around both 2026 transitions, minute by minute', () => {
    const reference = intlOffset('America/New_York');
    const offsets = cachedOffsets(counted('America/New_York').lookup);
    // Spring forward: 2026-03-08 02:00 EST = 07:00 UTC. Fall back: 2026-11-01 02:00 EDT = 06:00 UTC.
    for (const transition of [Date.UTC(2026, 2, 8, 7), Date.UTC(2026, 10, 1, 6)]) {
      for (let ms = transition - 3 * HOUR; ms <= transition + 3 * HOUR; ms += MIN) {
        expect([new Date(ms).toISOString(), offsets(ms)]).toEqual([
          new Date(ms).toISOString(),
          reference(ms),
        ]);
      }
    }
    expect(offsets(Date.UTC(2026, 2, 8, 6, 59, 59, 999))).toBe(-300);
    expect(offsets(Date.UTC(2026, 2, 8, 7))).toBe(-240);
    expect(offsets(Date.UTC(2026, 10, 1, 5, 59))).toBe(-240);
    expect(offsets(Date.UTC(2026, 10, 1, 6))).toBe(-300);
  });

  test('Asia/Kolkata is +05:30 today and was +06:30 in wartime 1943', () => {
    const offsets = cachedOffsets(intlOffset('Asia/Kolkata'));
    expect(offsets(Date.UTC(2026, 5, 1, 12))).toBe(330);
    expect(offsets(Date.UTC(1943, 5, 1, 12))).toBe(390);
  });

  test('every 31 hours from 1940 to 2030, in four zones', () => {
    for (const tz of [
      'America/New_York',
      'Asia/Kolkata',
      'Australia/Lord_Howe', // half-hour DST
      'America/Sao_Paulo', // DST that started at midnight
    ]) {
      const reference = intlOffset(tz);
      const offsets = cachedOffsets(reference);
      const mismatches: string[] = [];
      for (let ms = Date.UTC(1940, 0, 1); ms < Date.UTC(2030, 0, 1); ms += 31 * HOUR) {
        if (offsets(ms) !== reference(ms)) mismatches.push(new Date(ms).toISOString());
      }
      expect([tz, mismatches]).toEqual([tz, []]);
    }
  });
});

describe('calendar dates through a cached offset function', () => {
  test('a date cell at local midnight keeps its day in New York and Kolkata, DST or not', () => {
    const cases: [string, number, string][] = [
      ['America/New_York', Date.UTC(2026, 2, 8, 5), '2026-03-08'], // midnight EST, the DST day
      ['America/New_York', Date.UTC(2026, 2, 9, 4), '2026-03-09'], // midnight EDT
      ['America/New_York', Date.UTC(2026, 10, 1, 4), '2026-11-01'], // midnight EDT, the fall-back day
      ['America/New_York', Date.UTC(2026, 10, 2, 5), '2026-11-02'],
      ['Asia/Kolkata', Date.UTC(2026, 0, 14, 18, 30), '2026-01-15'], // midnight IST
      ['Asia/Kolkata', Date.UTC(2026, 0, 15, 18, 29), '2026-01-15'], // 23:59 IST
    ];
    for (const [tz, ms, iso] of cases) {
      const zone = makeZone({ utcOffsetMinutes: cachedOffsets(intlOffset(tz)) });
      if (!zone.ok) throw new Error('zone');
      expect([tz, normaliseDateCell(ms, zone.value)]).toEqual([tz, { ok: true, value: iso }]);
    }
  });

  test('a time-only cell (30 Dec 1899, local mean time with seconds) reads its minute', () => {
    // Kolkata's offset on 1899-12-30 is +05:53:20 (Madras time): Sheets' 09:30 is that instant.
    const offsets = cachedOffsets(intlOffset('Asia/Kolkata'));
    const local = Date.UTC(1899, 11, 30, 9, 30);
    const ms = local - offsets(local) * MIN;
    const zone = makeZone({ utcOffsetMinutes: offsets });
    if (!zone.ok) throw new Error('zone');
    expect(normaliseTimeCell(ms, zone.value)).toEqual({ ok: true, value: '09:30' });
  });
});

describe('look-ups a 200,000-row date column costs', () => {
  function lookupsFor(tz: string, first: number, days: number): number {
    const { lookup, calls } = counted(tz);
    const offsets = cachedOffsets(lookup);
    for (let row = 0; row < 200_000; row++) offsets(first + ((row * 7919) % days) * DAY);
    return calls();
  }

  test('dates within one year: under 100 look-ups in New York or Kolkata', () => {
    const ny = lookupsFor('America/New_York', Date.UTC(2026, 0, 1, 5), 365);
    const kolkata = lookupsFor('Asia/Kolkata', Date.UTC(2026, 0, 1), 365);
    if (process.env.PRINT_FIGURES) console.log({ ny, kolkata });
    expect(ny).toBeLessThan(100);
    expect(kolkata).toBeLessThan(60);
  });

  test('birthdays over sixty years: a few thousand look-ups, not 200,000', () => {
    const ny = lookupsFor('America/New_York', Date.UTC(1950, 0, 1, 5), 60 * 365);
    if (process.env.PRINT_FIGURES) console.log({ sixtyYears: ny });
    expect(ny).toBeLessThan(5_000);
  });
});
