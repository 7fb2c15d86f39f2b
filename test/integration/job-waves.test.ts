/**
 * The import as the add-on drives it, in fetchAll waves, on a simulated clock: each wave
 * costs a round trip (150 ms) plus 10 ms a request, as the Apps Script cost model charges
 * (local/gas-fakes/cost.ts), against the emulator in process at 50 requests a second per
 * endpoint. What a person notices is how long a big import takes against the ideal, the
 * busiest endpoint's calls at its limit: waves that carried 5 requests an endpoint (a token
 * bucket's burst) or held 50 rows under way (the pace read from an endpoint the run never
 * uses) made a 10,000-row import take 4.6 times the ideal.
 */
import { startEmulator, type EmulatorHandle } from '../../emulator/server';
import { ImportJob, newJobState, type WorkRow } from '../../src/core/job';
import type { Purpose } from '../../src/core/settings';

const RATE = 50;
const ROUND_TRIP_MS = 150;
const PER_REQUEST_MS = 10;
const WAVE = 150;

let now = Date.UTC(2026, 10, 23, 10);
let emulator: EmulatorHandle;
beforeAll(async () => {
  emulator = await startEmulator({ tokens: ['t'], seed: 'empty', rate: RATE, now: () => now });
});
afterAll(() => emulator.close());

function rows(count: number, offset: number): WorkRow[] {
  return Array.from({ length: count }, (_, i) => {
    const phone = `+4420${70_000_000 + offset + i}`;
    return {
      row: i + 2,
      identifierValue: { kind: 'phone', value: phone },
      fields: { firstName: `Wave${i}`, phone },
      fingerprint: String(i),
    };
  });
}

function importInWaves(work: WorkRow[], purpose: Purpose) {
  const started = now;
  const state = newJobState({
    jobId: 'waves',
    sheetName: 'Contacts',
    startedBy: 'test',
    now,
    rowsTotal: work.length,
    config: {
      baseUrl: emulator.baseUrl,
      purpose,
      identifier: 'phone',
      doNotOverwrite: false,
      runTags: ['import 2026-11-23 10:00'],
      tagsColumn: false,
    },
  });
  const job = ImportJob.resume(state, work, { random: () => 0.5 });
  const calls = new Map<string, number>();
  let waves = 0;
  while (!job.finished) {
    const { sends, waitMs } = job.next(now, WAVE, true);
    if (sends.length === 0) {
      now += Math.max(10, Math.min(waitMs ?? 1_000, 1_000));
      continue;
    }
    waves++;
    const sentAt = now;
    now = sentAt + ROUND_TRIP_MS / 2;
    const answers = sends.map(({ request }) => {
      calls.set(request.endpoint, (calls.get(request.endpoint) ?? 0) + 1);
      return emulator.exchange({
        ...request,
        headers: { ...request.headers, Authorization: 'Bearer t' },
      });
    });
    now = sentAt + ROUND_TRIP_MS + PER_REQUEST_MS * sends.length;
    sends.forEach(({ id }, i) => job.accept(id, answers[i]!, now));
  }
  const busiest = Math.max(...calls.values());
  return {
    seconds: (now - started) / 1000,
    ideal: busiest / RATE,
    waves,
    rejected: emulator.stats().rateLimited,
    counts: job.counts,
  };
}

test('3,000 new tagged contacts: within 1.25 × the ideal time, no 429', () => {
  const result = importInWaves(rows(3_000, 0), 'add-update');
  expect(result.counts).toMatchObject({ imported: 3_000, errors: 0 });
  expect(result.rejected).toBe(0);
  // Each wave carries creates and tags together: about 100 requests, not 5 or 50.
  expect(result.waves).toBeLessThan(3_000 / 40);
  expect(result.seconds / result.ideal).toBeLessThan(1.25);
});
