/**
 * Pacing over real HTTP: 2,000 writes against an emulator limited to 50 requests a second
 * per endpoint. The pacer must learn the limit from the headers and run close to it without
 * provoking 429s. Asserts on counts only; the seconds are printed, never asserted.
 */
import { byId, Pacer, readWrite, updateContact, type ApiRequest } from '../../src/api';
import { startEmulatorProcess, type EmulatorProcess } from '../support/emulator-process';
import { executeAll } from '../support/http-driver';

const CALLS = 2000;
const RATE = 50;

let emulator: EmulatorProcess;

beforeAll(async () => {
  // A child process, as the emulator runs for `npm start`: its clock and event loop are its own.
  emulator = await startEmulatorProcess(['--rate', String(RATE), '--seed', 'demo']);
});
afterAll(() => emulator.stop());

test(`${CALLS} paced writes at --rate ${RATE}: all succeed, fewer than 1% answered 429`, async () => {
  const contacts = (await (await fetch(`${emulator.origin}/__admin/contacts`)).json()) as {
    id: number;
  }[];
  const requests: ApiRequest[] = Array.from({ length: CALLS }, (_, i) => {
    const id = (contacts[i % contacts.length] as { id: number }).id;
    return updateContact(emulator.baseUrl, byId(id), { lastName: `Paced ${i}` });
  });

  let answered429 = 0;
  const started = Date.now();
  const results = await executeAll(
    requests,
    {
      token: 'demo-token',
      pacer: new Pacer(),
      random: Math.random,
      onAnswer: (_request, result) => {
        if (result.status === 429) answered429++;
      },
    },
    // Several in flight at once, as UrlFetchApp.fetchAll or concurrent fetches would.
    4,
  );
  const seconds = (Date.now() - started) / 1000;

  const stats = (await (await fetch(`${emulator.origin}/__admin/stats`)).json()) as {
    requests: Record<string, number>;
    rateLimited: number;
  };
  console.log(
    `pacing: ${CALLS} calls in ${seconds.toFixed(1)} s (ideal ${(CALLS / RATE).toFixed(1)} s at ${RATE}/s); ` +
      `429 answers: ${answered429} (server counted ${stats.rateLimited}); requests sent: ${stats.requests['PUT /contact/{id}']}`,
  );

  expect(results.filter((r) => !readWrite(r.result).ok)).toEqual([]);
  expect(answered429).toBe(stats.rateLimited);
  expect(answered429).toBeLessThan(CALLS / 100);
  expect(stats.requests['PUT /contact/{id}']).toBe(CALLS + answered429);
}, 120_000);
