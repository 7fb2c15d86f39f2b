/**
 * Overlapping executions during an import, as Apps Script runs them: while the slices of a
 * 2,000-row import run, a person edits data cells (onEdit fires, also on rows already
 * imported), reviews, applies suggested fixes, the sidebar polls getImportProgress and a
 * teammate opens the wizard (getWizardState as another user). Executions interleave at
 * service-call boundaries in an order a seed decides (local/gas-fakes/executions), so a
 * failure replays from the seed printed with it.
 *
 * What a person would notice, checked after every write to the sheet and at the end:
 * - an Import Status (or fingerprint) once written is never reverted to empty or to an
 *   older value;
 * - no row is sent twice (write requests per phone, as UrlFetch sent them);
 * - no contact exists twice in the workspace;
 * - every row ends with a status.
 */
import { startEmulatorProcess, type EmulatorProcess } from '../support/emulator-process';
import {
  setUpConcurrent,
  startConcurrentAddon,
  type ConcurrentAddon,
} from '../support/concurrent-addon';
import { TOKEN } from '../support/addon-harness';
import type { ExecutionHandle } from '../../local/gas-fakes/executions/runtime';
import type { Rng } from '../../local/gas-fakes/executions/rng';

const ROWS = 2_000;
const HEADER = ['First Name', 'Last Name', 'Mobile', 'Email'];
const SECOND_USER = 'bea@example.com';
/** Seeds run for each purpose; a failure names its seed (replay: INTERLEAVING_SEEDS=n). */
const SEEDS = (process.env.INTERLEAVING_SEEDS ?? '1,2,3')
  .split(',')
  .map((s) => Number(s.trim()))
  .filter((n) => Number.isInteger(n));

const digits = (i: number) => String(3_000_000 + i);
const phoneCell = (i: number) => `+60 12-${digits(i).slice(0, 3)} ${digits(i).slice(3)}`;
const firstName = (i: number) => (i % 50 === 7 ? '' : `Name${i}`);

function contactsSheet(): unknown[][] {
  const rows: unknown[][] = [HEADER];
  for (let i = 0; i < ROWS; i++) {
    rows.push([firstName(i), `Family${i % 97}`, phoneCell(i), `name${i}@example.com`]);
  }
  return rows;
}

interface Violation {
  what: string;
  row: number;
  from: string;
  to: string;
  step: number;
  after: string;
}

/** Watches owned columns for reverts: a value once written never goes back. */
class RevertWatch {
  private readonly history = new Map<string, string[]>();
  readonly violations: Violation[] = [];

  constructor(private readonly addon: ConcurrentAddon) {}

  check(step: number, after: string): void {
    const values = this.addon.fakes.spreadsheet.sheetState('Contacts').values;
    const header = (values[0] ?? []).map(String);
    for (const column of ['Import Status', 'Import Fingerprint']) {
      const at = header.indexOf(column);
      if (at < 0) continue;
      for (let r = 1; r < values.length; r++) {
        const now = String(values[r]?.[at] ?? '');
        const key = `${column}:${r + 1}`;
        const seen = this.history.get(key) ?? [];
        const last = seen[seen.length - 1] ?? '';
        if (now === last) continue;
        if (last !== '' && (now === '' || seen.includes(now))) {
          this.violations.push({ what: column, row: r + 1, from: last, to: now, step, after });
        }
        seen.push(now);
        this.history.set(key, seen);
      }
    }
  }
}

interface Outcome {
  seed: number;
  purpose: string;
  slices: number;
  background: Record<string, number>;
  violations: Violation[];
  sentTwice: { phone: string; times: number }[];
  duplicates: { phone: string; contacts: number }[];
  noStatus: number[];
  steps: number;
}

/** A person's action, started at a seeded moment while a slice runs. */
function startBackground(
  addon: ConcurrentAddon,
  rng: Rng,
  jobId: string,
  counts: Record<string, number>,
): ExecutionHandle {
  const pick = rng.next();
  const { fakes } = addon;
  if (pick < 0.45) {
    // A person edits a data cell: blanks or restores a first name, breaks or fixes an
    // email — rows anywhere, including rows already imported.
    const i = rng.int(ROWS);
    const row = i + 2;
    const onName = rng.chance(0.5);
    const column = onName ? 1 : 4;
    const value = onName
      ? rng.chance(0.5)
        ? ''
        : `Name${i}`
      : rng.chance(0.5)
        ? `name${i} at example.com`
        : `name${i}@example.com`;
    const event = fakes.uncounted(() => {
      const ss = fakes.globals.SpreadsheetApp.getActiveSpreadsheet();
      const range = ss.getSheetByName('Contacts')!.getRange(row, column);
      fakes.spreadsheet.edit(() => range.setValue(value));
      return {
        authMode: fakes.globals.ScriptApp.AuthMode.LIMITED,
        range,
        source: ss,
        value,
      };
    });
    counts.onEdit = (counts.onEdit ?? 0) + 1;
    return addon.startTrigger(
      'onEdit',
      event,
      `onEdit(r${row}c${column}=${JSON.stringify(value)})`,
    );
  }
  if (pick < 0.7) {
    counts.getImportProgress = (counts.getImportProgress ?? 0) + 1;
    return addon.startRpc('getImportProgress', [jobId]);
  }
  if (pick < 0.82) {
    counts.getWizardState = (counts.getWizardState ?? 0) + 1;
    return addon.startRpc('getWizardState', [], {
      user: SECOND_USER,
      label: 'getWizardState(bea)',
    });
  }
  if (pick < 0.91) {
    counts.reviewSheet = (counts.reviewSheet ?? 0) + 1;
    return addon.startRpc('reviewSheet');
  }
  counts.applySuggestedFixes = (counts.applySuggestedFixes ?? 0) + 1;
  return addon.startRpc('applySuggestedFixes');
}

async function importWithOverlaps(
  purpose: 'add-all' | 'add-update',
  seed: number,
  emulatorArgs: string[],
): Promise<Outcome> {
  const emulator: EmulatorProcess = await startEmulatorProcess([
    '--token',
    TOKEN,
    '--seed',
    'empty',
    // A limit high enough never to refuse: its X-RateLimit-* headers let the job send in
    // large fetchAll waves (without them it paces at 5 a second).
    '--rate',
    '2000',
    ...emulatorArgs,
  ]);
  const addon = startConcurrentAddon(emulator, { Contacts: contactsSheet() }, seed);
  try {
    const { fakes, rt } = addon;
    fakes.uncounted(() =>
      // Short slices (3 s on the fake clock), so the run checkpoints, flushes and resumes
      // several times, as a long import does.
      fakes.globals.PropertiesService.getScriptProperties().setProperty(
        'contactImport.sliceMs',
        '40000',
      ),
    );
    setUpConcurrent(addon, { purpose, identifier: 'phone', importTag: null, tags: [] });
    addon.call('reviewSheet');

    const watch = new RevertWatch(addon);
    const counts: Record<string, number> = {};
    const background: ExecutionHandle[] = [];
    let traced = rt.trace.length;
    const before = (): void => {
      // Check the sheet after every write the last step made.
      const fresh = rt.trace.slice(traced);
      traced = rt.trace.length;
      if (fresh.some((t) => /\.(set|clear|insert|delete|sort|apply|create)/.test(t))) {
        watch.check(rt.trace.length, fresh.join(' | '));
      }
      const live = background.filter((e) => !e.done).length;
      if (live < 3 && rt.rng.chance(0.04)) {
        background.push(startBackground(addon, rt.rng, jobId, counts));
      }
    };

    let progress = addon.call<{ jobId: string; more: boolean; status: string }>(
      'startImport',
      'pending',
    );
    const jobId = progress.jobId;
    let slices = 0;
    while (progress.more) {
      if (++slices > 200) throw new Error(`the import did not end: ${JSON.stringify(progress)}`);
      const slice = addon.startRpc('continueImport', [jobId], {
        label: `continueImport#${slices}`,
      });
      rt.finish(slice, before);
      const answer = addon.answer<typeof progress>(slice);
      if (!answer.ok) throw new Error(`continueImport: ${answer.error}`);
      progress = answer.value;
      if (process.env.INTERLEAVING_DEBUG)
        console.log(`slice ${slices}: ${rt.trace.length} calls, ${JSON.stringify(progress)}`);
    }
    rt.drain(before);
    watch.check(rt.trace.length, 'end');
    for (const e of background) if (e.error) throw new Error(`${e.label} threw ${e.error.message}`);

    // Write requests per phone, as UrlFetch sent them (look-ups are not sends).
    const sends = new Map<string, number>();
    for (const request of fakes.urlFetch.requests) {
      const method = String(request.method ?? 'get').toUpperCase();
      if (method === 'GET' || /\/contact\/list/.test(request.url)) continue;
      const phone = /phone:([^/?]+)/.exec(decodeURIComponent(request.url))?.[1];
      if (phone) sends.set(phone, (sends.get(phone) ?? 0) + 1);
    }
    const contacts = (await (await fetch(`${emulator.origin}/__admin/contacts`)).json()) as {
      phone?: string | null;
    }[];
    const perPhone = new Map<string, number>();
    for (const c of contacts) if (c.phone) perPhone.set(c.phone, (perPhone.get(c.phone) ?? 0) + 1);
    const values = fakes.spreadsheet.sheetState('Contacts').values;
    const statusAt = (values[0] ?? []).indexOf('Import Status');
    return {
      seed,
      purpose,
      slices,
      background: counts,
      violations: watch.violations,
      sentTwice: [...sends].filter(([, n]) => n > 1).map(([phone, times]) => ({ phone, times })),
      duplicates: [...perPhone]
        .filter(([, n]) => n > 1)
        .map(([phone, n]) => ({ phone, contacts: n })),
      noStatus: values
        .slice(1)
        .flatMap((row, r) => (String(row[statusAt] ?? '') === '' ? [r + 2] : [])),
      steps: rt.trace.length,
    };
  } finally {
    await addon.close();
    await emulator.stop();
  }
}

function report(o: Outcome): string {
  return [
    `seed ${o.seed} (${o.purpose}; replay with INTERLEAVING_SEEDS=${o.seed}): ${o.slices} slices, ${o.steps} service calls, overlapping ${JSON.stringify(o.background)}`,
    `  reverted: ${o.violations.length} ${JSON.stringify(o.violations.slice(0, 3))}`,
    `  sent twice: ${o.sentTwice.length} ${JSON.stringify(o.sentTwice.slice(0, 5))}`,
    `  duplicate contacts: ${o.duplicates.length} ${JSON.stringify(o.duplicates.slice(0, 5))}`,
    `  rows without a status: ${o.noStatus.length} ${JSON.stringify(o.noStatus.slice(0, 10))}`,
  ].join('\n');
}

function expectClean(o: Outcome): void {
  const clean =
    o.violations.length === 0 &&
    o.sentTwice.length === 0 &&
    o.duplicates.length === 0 &&
    o.noStatus.length === 0;
  if (!clean) throw new Error(`Overlapping executions broke the import:\n${report(o)}`);
  console.log(report(o));
}

describe.each([
  // add-all: a create per row; a second create of the same phone makes a second contact, as
  // the platform may (emulator --create-existing duplicate).
  ['add-all', ['--create-existing', 'duplicate']],
  ['add-update', []],
] as const)('a 2,000-row %s import with overlapping executions', (purpose, emulatorArgs) => {
  test.each(SEEDS)(
    'seed %i: no status reverted, no row sent twice, no duplicate contact, every row has a status',
    async (seed) => {
      expectClean(await importWithOverlaps(purpose, seed, [...emulatorArgs]));
    },
    240_000,
  );
});
