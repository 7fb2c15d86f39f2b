/**
 * An import in slices while people sort the sheet: between slices (the next slice reads the
 * rows in their new places) and in the middle of one (outcomes of rows sent before the sort
 * must find their rows again). No row may receive another row's outcome: each row's Contact
 * ID must name the contact with the row's own identifier, and its status must be its own.
 */
import { seededRandom } from '../../emulator/prng';
import type { Contact } from '../../src/api';
import type { SettingsInput } from '../../src/core/settings';
import { importSheet, type ImportOptions } from '../../local/importer';
import type { Sheet } from '../../local/sheet';
import { contactList, LIST_MAPPING, workspaceWith } from '../support/contact-lists';
import { emulator, run, settings, type Env } from '../support/import-harness';

const SEED = Number(process.env.KILL_SEED ?? Date.now() % 1_000_000);
const random = seededRandom(SEED);
const ROWS = 120;

let env: Env;
beforeAll(async () => {
  env = await emulator({ rate: 200 });
});
afterAll(() => env.server.close());

/** The workspace holds the contacts of the list's rows 0, 2, 4… up to row `rows`. */
async function reset(rows: number) {
  await fetch(`${env.server.origin}/__admin/reset`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(workspaceWith(Math.ceil(rows / 2))),
  });
}

const addUpdate: SettingsInput = {
  purpose: 'add-update',
  identifier: 'phone',
  mapping: LIST_MAPPING,
  tags: ['run'],
};

/** Shuffles the data rows below the header in place (the row arrays themselves move). */
function shuffle(sheet: Sheet): void {
  for (let i = sheet.length - 1; i > 1; i--) {
    const j = 1 + Math.floor(random() * i);
    [sheet[i], sheet[j]] = [sheet[j] as unknown[], sheet[i] as unknown[]];
  }
}

function sortBy(sheet: Sheet, column: number): void {
  const data = sheet.splice(1).sort((a, b) => String(b[column]).localeCompare(String(a[column])));
  sheet.push(...data);
}

/** Every row's outcome is its own: status from its kind, Contact ID of its own contact. */
function expectOwnOutcomes(sheet: Sheet, contacts: readonly Contact[], purpose: string): void {
  const header = (sheet[0] ?? []).map(String);
  const col = (name: string) => header.indexOf(name);
  const byId = new Map(contacts.map((c) => [c.id, c]));
  for (const row of sheet.slice(1)) {
    const firstName = String(row[col('First Name')]);
    const phone = String(row[col('Phone')]).replace(/ /g, '');
    const status = row[col('Import Status')];
    const invalid = /@nowhere$/i.test(String(row[col('Email')]));
    const expected = invalid
      ? 'Error'
      : purpose === 'add-all' || firstName.startsWith('New')
        ? 'Imported'
        : 'Updated';
    expect({ firstName, status }).toEqual({ firstName, status: expected });
    if (invalid) continue;
    const contact = byId.get(Number(row[col('Contact ID')]));
    expect({ firstName, phone: contact?.phone }).toEqual({ firstName, phone });
    expect({ firstName, lastName: contact?.lastName }).toEqual({
      firstName,
      lastName: row[col('Last Name')],
    });
  }
}

function options(input: SettingsInput, extra: Partial<ImportOptions>): ImportOptions {
  return {
    connection: env.connection,
    settings: settings(input),
    customFields: env.customFields,
    mode: 'pending',
    importTag: null,
    ...extra,
  };
}

describe(`sorted while importing (seed ${SEED})`, () => {
  test('rows sorted and shuffled between slices keep their own outcomes', async () => {
    // More rows than a job works on at once (200), so that a slice can end before the last.
    const rows = 450;
    await reset(rows);
    const sheet = contactList(rows, { errorEvery: 9 });
    let state = null;
    let slices = 0;
    for (;;) {
      const result = await importSheet(
        sheet,
        options(addUpdate, { state, deadline: Date.now() + 150 }),
      );
      slices++;
      state = result.state;
      if (state.status !== 'processing') break;
      if (slices % 2 === 0) shuffle(sheet);
      else sortBy(sheet, 1 + (slices % 3));
    }
    expect(state.status).toBe('completed');
    expect(slices).toBeGreaterThanOrEqual(3);
    expectOwnOutcomes(sheet, await env.contacts(), 'add-update');
  }, 120_000);

  test.each([
    ['add and update by phone', addUpdate],
    [
      'add all (no identifier: rows are found again by their values)',
      { purpose: 'add-all', identifier: null, mapping: LIST_MAPPING } as SettingsInput,
    ],
  ])(
    '%s: rows shuffled while a slice runs keep their own outcomes',
    async (_name, input) => {
      const existing = input.purpose !== 'add-all';
      await reset(existing ? ROWS : 0);
      const sheet = contactList(ROWS, { errorEvery: 9, existing });
      let shuffles = 0;
      const result = await importSheet(
        sheet,
        options(input, {
          // After every wave: outcomes of rows sent before each shuffle are written after it.
          onProgress: () => {
            shuffles++;
            shuffle(sheet);
          },
        }),
      );
      expect(result.state.status).toBe('completed');
      expect(shuffles).toBeGreaterThanOrEqual(3);
      expectOwnOutcomes(sheet, await env.contacts(), input.purpose);
    },
    120_000,
  );

  test('a slice that finds every row done completes the run at once', async () => {
    await reset(10);
    const sheet = contactList(10);
    const first: { state: unknown }[] = [];
    const done = await run(env, sheet, settings(addUpdate), {
      onCheckpoint: (state) => first.push({ state }),
    });
    expect(done.state.status).toBe('completed');
    // Resumed from the checkpoint taken before anything was sent, as after a crash right
    // after the last outcome was written: nothing is left, and nothing is sent.
    await env.resetStats();
    const again = await run(env, sheet, settings(addUpdate), {
      state: first[0]?.state as never,
    });
    expect(again.state.status).toBe('completed');
    expect(again.state.counts).toEqual(done.state.counts);
    expect((await env.stats()).requests).toEqual({});
  });
});
