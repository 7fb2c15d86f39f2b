/**
 * The interleaving scenario (test/bundle/interleaving.test.ts): a 2,000-row import whose
 * slices run beside a person's onEdits, reviews and fixes, progress polls and a teammate's
 * wizard, in an order a seed decides. Also a command, to replay or profile one seed:
 *
 *   npx tsx test/support/interleaving-scenario.ts add-all 2
 *
 * INTERLEAVING_DEBUG=1 prints each slice's progress and its service calls by name;
 * INTERLEAVING_WATCH_ROW=<sheet row> prints every write to that row (with the call that made
 * it and the row after it) and the requests sent for its phone; INTERLEAVING_STOP_AFTER_MS
 * stops a run after that much real time with the calls by name and the last 60 served.
 */
import { createHash } from 'node:crypto';
import { startEmulatorProcess, type EmulatorProcess } from './emulator-process';
import { setUpConcurrent, startConcurrentAddon, type ConcurrentAddon } from './concurrent-addon';
import { TOKEN } from './addon-harness';
import type { ExecutionHandle } from '../../local/gas-fakes/executions/runtime';
import type { Rng } from '../../local/gas-fakes/executions/rng';

const ROWS = 2_000;
const HEADER = ['First Name', 'Last Name', 'Mobile', 'Email'];
const SECOND_USER = 'bea@example.com';
/** Seeds run for each purpose; a failure names its seed (replay: INTERLEAVING_SEEDS=n). */
export const SEEDS = (process.env.INTERLEAVING_SEEDS ?? '1,2')
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

/**
 * Watches owned columns for reverts: a value once written never goes back. It reads only the
 * rows a write touched since the last check (the fakes' change events), so a check costs what
 * the write did, not a read of the whole sheet.
 */
class RevertWatch {
  private readonly history = new Map<string, string[]>();
  readonly violations: Violation[] = [];
  private readonly dirty = new Set<number>();
  private all = true;
  readonly stop: () => void;

  constructor(private readonly addon: ConcurrentAddon) {
    this.stop = addon.fakes.spreadsheet.onChange((event) => {
      if (event.sheet !== 'Contacts') return;
      if (event.kind !== 'values' && event.kind !== 'structure') return;
      const watched = Number(process.env.INTERLEAVING_WATCH_ROW);
      const r = event.range;
      if (watched && r && watched >= r.row && watched < r.row + r.numRows) {
        process.stderr.write(
          `row ${watched}: ${event.kind} r${r.row}c${r.column} ${r.numRows}x${r.numColumns} by ${addon.rt.trace.at(-1)} -> ${JSON.stringify(addon.fakes.spreadsheet.sheetState('Contacts', `A${watched}:I${watched}`).values)}\n`,
        );
      }
      if (event.kind === 'structure' || !event.range) this.all = true;
      else for (let i = 0; i < event.range.numRows; i++) this.dirty.add(event.range.row + i);
    });
  }

  /** Checks the rows written since the last check; `after` says what wrote them. */
  check(step: number, after: () => string): void {
    if (!this.all && this.dirty.size === 0) return;
    const { fakes } = this.addon;
    const read = fakes.uncounted(() => {
      const sheet = fakes.globals.SpreadsheetApp.getActiveSpreadsheet().getSheetByName('Contacts');
      if (!sheet) throw new Error('the Contacts tab is gone');
      const last = sheet.getLastRow();
      const header = sheet.getRange(1, 1, 1, sheet.getLastColumn()).getValues()[0]!.map(String);
      const rows = this.all ? [] : [...this.dirty].filter((r) => r >= 2 && r <= last);
      const top = this.all ? 2 : Math.min(...rows);
      const bottom = this.all ? last : Math.max(...rows);
      const columns = ['Import Status', 'Import Fingerprint'].map((name) => {
        const at = header.indexOf(name);
        return {
          name,
          values:
            at < 0 || bottom < top
              ? []
              : sheet.getRange(top, at + 1, bottom - top + 1, 1).getValues(),
        };
      });
      return { top, columns };
    });
    this.dirty.clear();
    this.all = false;
    let said: string | undefined;
    for (const { name, values } of read.columns) {
      values.forEach(([cell], i) => {
        const row = read.top + i;
        const now = String(cell ?? '');
        const key = `${name}:${row}`;
        const seen = this.history.get(key) ?? [];
        const last = seen[seen.length - 1] ?? '';
        if (now === last) return;
        if (last !== '' && (now === '' || seen.includes(now))) {
          said ??= after();
          this.violations.push({ what: name, row, from: last, to: now, step, after: said });
        }
        seen.push(now);
        this.history.set(key, seen);
      });
    }
  }
}

export interface Outcome {
  seed: number;
  purpose: string;
  slices: number;
  background: Record<string, number>;
  violations: Violation[];
  sentTwice: { phone: string; times: number }[];
  duplicates: { phone: string; contacts: number }[];
  noStatus: number[];
  steps: number;
  /** A hash of every call served, in order: the same seed gives the same hash. */
  traceHash: string;
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

export async function importWithOverlaps(
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
      // Short slices (20 s on the cost model's clock, ~15 fetchAll waves), so the run
      // checkpoints, flushes and resumes several times, as a long import does.
      fakes.globals.PropertiesService.getScriptProperties().setProperty(
        'contactImport.sliceMs',
        '20000',
      ),
    );
    const debug = (what: string): void => {
      if (process.env.INTERLEAVING_DEBUG)
        process.stderr.write(
          `${Math.round(performance.now())} ms: ${what} (${rt.trace.length} calls)\n`,
        );
    };
    debug('started');
    setUpConcurrent(addon, { purpose, identifier: 'phone', importTag: null, tags: [] });
    debug('set up');
    addon.call('reviewSheet');
    debug('reviewed');

    const watch = new RevertWatch(addon);
    const counts: Record<string, number> = {};
    const background: ExecutionHandle[] = [];
    let traced = rt.trace.length;
    const stopAt = Number(process.env.INTERLEAVING_STOP_AFTER_MS ?? Infinity);
    const before = (): void => {
      if (performance.now() > stopAt) {
        const byCall = new Map<string, number>();
        for (const t of rt.trace) {
          const call = t.slice(t.lastIndexOf(' ') + 1);
          byCall.set(call, (byCall.get(call) ?? 0) + 1);
        }
        throw new Error(
          `stopped at ${rt.trace.length} calls: ${JSON.stringify([...byCall].sort((a, b) => b[1] - a[1]))}\n${rt.trace.slice(-60).join('\n')}`,
        );
      }
      // Check the rows the last step wrote, if it wrote any.
      const from = traced;
      traced = rt.trace.length;
      watch.check(traced, () => rt.trace.slice(from).join(' | '));
      const live = background.filter((e) => !e.done).length;
      // Someone is nearly always doing something beside the slice.
      if (live < 3 && rt.rng.chance(0.2)) {
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
      if (process.env.INTERLEAVING_DEBUG) {
        const byCall = new Map<string, number>();
        for (const t of rt.trace) {
          const call = t.slice(t.lastIndexOf(' ') + 1);
          byCall.set(call, (byCall.get(call) ?? 0) + 1);
        }
        const top = [...byCall].sort((a, b) => b[1] - a[1]).slice(0, 12);
        process.stderr.write(
          `slice ${slices} at ${Math.round(performance.now())} ms: ${rt.trace.length} calls, ${JSON.stringify(progress)}\n${JSON.stringify(top)}\n`,
        );
      }
    }
    rt.drain(before);
    watch.check(rt.trace.length, () => 'end');
    watch.stop();
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
    if (process.env.INTERLEAVING_WATCH_ROW) {
      const phone = `+6012${digits(Number(process.env.INTERLEAVING_WATCH_ROW) - 2)}`;
      const sent = fakes.urlFetch.requests.filter((r) => decodeURIComponent(r.url).includes(phone));
      process.stderr.write(
        `requests for ${phone}: ${JSON.stringify(sent.map((r) => `${r.method ?? 'get'} ${r.url}`))}; contacts: ${contacts.filter((c) => c.phone === phone).length}\n`,
      );
    }
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
      traceHash: createHash('sha256').update(rt.trace.join('\n')).digest('hex').slice(0, 12),
    };
  } finally {
    await addon.close();
    await emulator.stop();
  }
}

export function report(o: Outcome): string {
  return [
    `seed ${o.seed} (${o.purpose}; replay with INTERLEAVING_SEEDS=${o.seed}): ${o.slices} slices, ${o.steps} service calls (trace ${o.traceHash}), overlapping ${JSON.stringify(o.background)}`,
    `  reverted: ${o.violations.length} ${JSON.stringify(o.violations.slice(0, 3))}`,
    `  sent twice: ${o.sentTwice.length} ${JSON.stringify(o.sentTwice.slice(0, 5))}`,
    `  duplicate contacts: ${o.duplicates.length} ${JSON.stringify(o.duplicates.slice(0, 5))}`,
    `  rows without a status: ${o.noStatus.length} ${JSON.stringify(o.noStatus.slice(0, 10))}`,
  ].join('\n');
}

export function expectClean(o: Outcome): void {
  const clean =
    o.violations.length === 0 &&
    o.sentTwice.length === 0 &&
    o.duplicates.length === 0 &&
    o.noStatus.length === 0;
  if (!clean) throw new Error(`Overlapping executions broke the import:\n${report(o)}`);
  console.log(report(o));
}

if (require.main === module) {
  const [purpose = 'add-all', seed = '1'] = process.argv.slice(2);
  if (purpose !== 'add-all' && purpose !== 'add-update')
    throw new Error('purpose: add-all or add-update');
  const args = purpose === 'add-all' ? ['--create-existing', 'duplicate'] : [];
  const started = performance.now();
  importWithOverlaps(purpose, Number(seed), args).then(
    (o) => {
      console.log(report(o));
      console.log(`${((performance.now() - started) / 1000).toFixed(1)} s`);
      process.exit(0);
    },
    (e: unknown) => {
      console.error(e);
      process.exit(1);
    },
  );
}
