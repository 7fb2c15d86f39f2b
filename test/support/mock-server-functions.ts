/**
 * An in-memory, stateful stand-in for every server function of the contract (src/rpc.ts),
 * for the browser tests and for looking at the sidebar without Apps Script or a workspace.
 * It behaves plausibly, not exactly: a sheet of ~200 contacts with a few kinds of bad rows,
 * a fake workspace where every fourth contact already exists, an import that advances by
 * `sliceRows` rows per continueImport, one import at a time, and a history.
 *
 * `demo-token` is the only token the fake workspace accepts.
 */
import { copyAnswer } from '../../local/host/script-run-payload';
import { parseBaseUrl } from '../../src/api/baseUrl';
import type {
  ColumnMapping,
  ConnectionInfo,
  ConnectionInput,
  ConnectionTest,
  FieldOption,
  HistoryEntry,
  ImportSettings,
  JobProgress,
  LiveProgress,
  ReviewSummary,
  RpcResult,
  RunMode,
  ServerFunctionName,
  ServerFunctions,
  SettingsCheck,
  SheetSummary,
  WizardState,
} from '../../src/rpc';
import { dailyQuotaWarning } from '../../src/gas/quota';
import { SERVER_FUNCTIONS } from '../../src/rpc';

export const GOOD_TOKEN = 'demo-token';
export const REFUSED_TOKEN_MESSAGE = 'The API token was refused — reconnect with a valid token';
const DEFAULT_BASE_URL = 'https://api.respond.io/v2';
const HOUR_MS = 60 * 60 * 1000;

export interface MockOptions {
  /** Data rows in the sheet (one of them blank); 200 by default. */
  rows?: number;
  /** Rows each continueImport call advances; 40 by default. */
  sliceRows?: number;
  /** Who "you" are in job and history records. */
  user?: string;
  now?: () => Date;
}

const STANDARD_FIELDS: FieldOption[] = [
  field('firstName', 'First Name', 'name'),
  field('lastName', 'Last Name', 'name'),
  field('phone', 'Phone', 'phone'),
  field('email', 'Email', 'email'),
  field('language', 'Language', 'text'),
  field('profilePic', 'Profile Picture URL', 'url'),
  field('countryCode', 'Country Code', 'text'),
  field('tags', 'Tags', 'tags'),
  field('id', 'Contact ID', 'id'),
];
const CUSTOM_FIELDS: FieldOption[] = [
  { ...field('custom:Birthday', 'Birthday', 'date'), custom: true },
  { ...field('custom:Plan', 'Plan', 'list'), custom: true, options: ['Free', 'Pro', 'Business'] },
  { ...field('custom:Company', 'Company', 'text'), custom: true },
];

function field(key: string, label: string, type: string): FieldOption {
  return { key, label, type, custom: false, options: null };
}

/** Header synonyms (normalised: lower case, letters and digits only) and how sure they are. */
const SYNONYMS: Record<string, [string, number]> = {
  mobile: ['phone', 0.92],
  mobilenumber: ['phone', 0.92],
  phonenumber: ['phone', 0.95],
  cell: ['phone', 0.85],
  whatsapp: ['phone', 0.8],
  emailaddress: ['email', 0.95],
  mail: ['email', 0.8],
  givenname: ['firstName', 0.9],
  surname: ['lastName', 0.9],
  familyname: ['lastName', 0.9],
  dob: ['custom:Birthday', 0.7],
};

const FIRST = ['Ana', 'Ben', 'Chen', 'Dewi', 'Eli', 'Farah', 'Gus', 'Hana', 'Ivan', 'Jia', 'Kofi'];
const LAST = ['Silva', 'Tan', 'Wong', 'Lim', 'Okafor', 'Rahman', 'Novak', 'Ito', 'Mendes'];
const PLANS = ['Free', 'Pro', 'Business'];

type RowStatus = { status: 'Imported' | 'Updated' | 'Skipped' | 'Error'; sent: string };

interface RowCheck {
  index: number;
  empty: boolean;
  errors: string[];
  warnings: string[];
  fixes: { column: number; value: string }[];
  identifier: string | null;
}

interface Job {
  progress: JobProgress;
  queue: number[];
  purpose: ImportSettings['purpose'];
  history: HistoryEntry;
}

export class MockServer implements ServerFunctions {
  // ------------------------------------------------------------ controls for tests
  /** Every call through mockHandler, in order, with its arguments. */
  readonly log: { name: string; args: unknown[] }[] = [];
  /** When set, startImport is refused as if this person's import were running. */
  otherImport: { user: string; since: string } | null = null;
  /** When set, the running job pauses (as on a rate limit) once this many rows are done. */
  pauseAt: number | null = null;
  /** Data rows (0-based) "selected in the sheet" for the `selected` run mode. */
  selection: number[] = Array.from({ length: 20 }, (_, i) => i);

  // ------------------------------------------------------------ state
  private baseUrl = DEFAULT_BASE_URL;
  private token: string | null = null;
  /** grid[0] is sheet row 1. */
  private grid: string[][];
  private saved: ImportSettings | null = null;
  private review: { summary: ReviewSummary; checks: RowCheck[]; version: number } | null = null;
  private version = 0;
  private statuses = new Map<number, RowStatus>();
  private job: Job | null = null;
  private history: HistoryEntry[] = [];
  private errorFilter = false;
  private jobCounter = 0;
  /** Rows the running slice has sent since its last answer, as getImportProgress tells. */
  private liveRows = 0;
  private readonly sliceRows: number;
  private readonly user: string;
  private readonly now: () => Date;

  constructor(options: MockOptions = {}) {
    this.sliceRows = options.sliceRows ?? 40;
    this.user = options.user ?? 'you@example.com';
    this.now = options.now ?? (() => new Date());
    this.grid = makeSheet(options.rows ?? 200);
  }

  // ------------------------------------------------------------ connection

  saveConnection(input: ConnectionInput): ConnectionInfo {
    const url = parseBaseUrl(input.baseUrl);
    if (!url.ok) throw new Error(url.message);
    this.baseUrl = url.baseUrl;
    if (input.token !== null) {
      const token = input.token.trim();
      if (token === '') throw new Error('The API token is empty: paste the whole token.');
      this.token = token;
    }
    return this.connection();
  }

  testConnection(): ConnectionTest {
    if (!this.token) return { ok: false, message: 'No API token is saved: enter one and save it.' };
    if (/unreachable/.test(this.baseUrl)) {
      return {
        ok: false,
        message: `Could not reach ${this.baseUrl}: check the address, or try again later.`,
      };
    }
    if (!this.connected()) return { ok: false, message: REFUSED_TOKEN_MESSAGE };
    return { ok: true, message: `Connected: ${CUSTOM_FIELDS.length} custom fields found.` };
  }

  disconnect(): ConnectionInfo {
    this.token = null;
    return this.connection();
  }

  // ------------------------------------------------------------ sheet and settings

  getSheetSummary(): SheetSummary {
    const headerRow = this.settings().headerRow;
    const headerCells = this.grid[headerRow - 1] ?? [];
    let dataColumns = headerCells.length;
    while (dataColumns > 0 && (headerCells[dataColumns - 1] ?? '').trim() === '') dataColumns--;
    let last = this.grid.length;
    while (last > headerRow && (this.grid[last - 1] ?? []).every((c) => c.trim() === '')) last--;
    return {
      spreadsheetName: 'Customer list',
      sheetName: 'Contacts',
      headerRow,
      headers: headerCells.slice(0, dataColumns).map((h) => h.trim()),
      dataRows: Math.max(0, last - headerRow),
      dataColumns,
      detectedExport: null,
    };
  }

  getWizardState(): WizardState {
    const fresh =
      this.review &&
      this.review.version === this.version &&
      this.now().getTime() - Date.parse(this.review.summary.reviewedAt) < HOUR_MS
        ? this.review.summary
        : null;
    return {
      connection: this.connection(),
      sheet: this.getSheetSummary(),
      settings: this.settings(),
      saved: this.saved !== null,
      fields: this.fields(),
      job: this.job && isActive(this.job.progress) ? { ...this.job.progress } : null,
      review: fresh,
    };
  }

  saveSettings(input: ImportSettings): SettingsCheck {
    const settings: ImportSettings = {
      ...input,
      tags: [...new Set(input.tags.map((t) => t.trim()).filter((t) => t !== ''))],
      mapping: input.mapping.map((m) => ({ ...m })),
    };
    // Saved even with problems ("problems come back as data"): the next opening shows them.
    this.saved = settings;
    this.review = null;
    const problems = this.problems(settings);
    return { ok: problems.length === 0, problems, settings: this.settings() };
  }

  // ------------------------------------------------------------ review

  reviewSheet(): ReviewSummary {
    const settings = this.settings();
    const summary = this.getSheetSummary();
    const blocking = this.problems(settings);
    if (summary.dataRows === 0) blocking.push('There are no data rows under the header row.');
    const checks = blocking.length > 0 ? [] : this.checkRows(settings);

    const looked = this.connected() && settings.purpose !== 'add-all';
    let valid = 0;
    let errors = 0;
    let warnings = 0;
    let empty = 0;
    let unchanged = 0;
    let suggestions = 0;
    const suggestionSample: ReviewSummary['suggestionSample'] = [];
    let add = 0;
    let update = 0;
    let skip = 0;
    let firstErrorRow: number | null = null;
    for (const c of checks) {
      if (c.empty) {
        empty++;
        continue;
      }
      suggestions += c.fixes.length > 0 ? 1 : 0;
      for (const fix of c.fixes) {
        if (suggestionSample.length >= 8) break;
        suggestionSample.push({
          row: this.sheetRow(c.index),
          column: this.grid[settings.headerRow - 1]?.[fix.column] ?? '',
          current: this.grid[this.sheetRow(c.index) - 1]?.[fix.column] ?? '',
          suggested: fix.value,
        });
      }
      if (c.warnings.length > 0) warnings++;
      if (c.errors.length > 0) {
        errors++;
        firstErrorRow ??= this.sheetRow(c.index);
        continue;
      }
      valid++;
      if (this.isUnchanged(c.index, settings)) {
        unchanged++;
        continue;
      }
      const outcome = outcomeFor(settings.purpose, exists(c.index));
      if (outcome === 'Imported') add++;
      else if (outcome === 'Updated') update++;
      else skip++;
    }
    const sent = valid - unchanged;
    const apiCalls = (settings.purpose === 'add-all' ? 0 : sent) + add + update;
    const result: ReviewSummary = {
      reviewedAt: this.now().toISOString(),
      rows: summary.dataRows,
      emptyRows: empty,
      valid,
      errors,
      warnings,
      savable: 0,
      skipped: 0,
      notes: [],
      willAdd: looked ? add : null,
      willUpdate: looked ? update : null,
      willSkip: looked ? skip : null,
      unchanged,
      suggestions,
      suggestionSample,
      firstErrorRow,
      estimate: { apiCalls, seconds: Math.ceil(apiCalls / 5) },
      quotaWarning: dailyQuotaWarning(apiCalls),
      blocking,
    };
    this.review = { summary: result, checks, version: this.version };
    return result;
  }

  applySuggestedFixes(): ReviewSummary {
    const checks = this.review?.checks ?? this.checkRows(this.settings());
    for (const c of checks) {
      for (const fix of c.fixes) {
        const row = this.grid[this.sheetRow(c.index) - 1];
        if (row) row[fix.column] = fix.value;
      }
    }
    this.version++;
    return this.reviewSheet();
  }

  goToNextError(afterRow: number | null): { row: number | null } {
    const checks = this.review?.checks ?? [];
    const rows = checks.filter((c) => c.errors.length > 0).map((c) => this.sheetRow(c.index));
    if (rows.length === 0) return { row: null };
    return { row: rows.find((r) => afterRow === null || r > afterRow) ?? rows[0] ?? null };
  }

  setErrorFilter(on: boolean): { on: boolean; message: string | null } {
    this.errorFilter = on;
    return { on: this.errorFilter, message: null };
  }

  /** For tests: whether "Show only rows with errors" is on in the sheet. */
  get errorFilterOn(): boolean {
    return this.errorFilter;
  }

  // ------------------------------------------------------------ import

  startImport(mode: RunMode): JobProgress {
    if (this.job && isActive(this.job.progress)) {
      const p = this.job.progress;
      throw new Error(
        `${p.startedBy} has been importing this spreadsheet since ${clock(p.startedAt)}. Only one import can run at a time: try again when it finishes.`,
      );
    }
    if (this.otherImport) {
      throw new Error(
        `${this.otherImport.user} has been importing this spreadsheet since ${clock(this.otherImport.since)}. Only one import can run at a time: try again when it finishes.`,
      );
    }
    if (!this.connected()) throw new Error(REFUSED_TOKEN_MESSAGE);
    const settings = this.settings();
    const problems = this.problems(settings);
    if (problems.length > 0) throw new Error(`Fix the settings first: ${problems.join(' ')}`);

    const checks = this.checkRows(settings).filter((c) => !c.empty);
    const inScope = (c: RowCheck) =>
      mode === 'selected'
        ? this.selection.includes(c.index)
        : mode === 'errors'
          ? this.statuses.get(c.index)?.status === 'Error'
          : true;
    const scoped = checks.filter(inScope);
    const bad = scoped.filter((c) => c.errors.length > 0);
    const queue = scoped
      .filter((c) => c.errors.length === 0)
      .filter((c) => mode !== 'pending' || !this.isUnchanged(c.index, settings))
      .map((c) => c.index);
    if (queue.length === 0) {
      throw new Error(
        mode === 'errors'
          ? 'No row that failed before is ready to send: fix the errors, then re-check.'
          : mode === 'selected'
            ? 'None of the selected rows is ready to send.'
            : 'Nothing to send: every valid row is already imported and unchanged.',
      );
    }
    for (const c of bad) this.statuses.set(c.index, { status: 'Error', sent: '' });

    const startedAt = this.now().toISOString();
    const history: HistoryEntry = {
      date: startedAt,
      sheet: 'Contacts',
      user: this.user,
      purpose: settings.purpose,
      created: 0,
      updated: 0,
      skipped: 0,
      errors: bad.length,
      tags: [...settings.tags, ...(settings.importTag ? [settings.importTag] : [])],
      status: 'Processing',
    };
    this.history.unshift(history);
    this.job = {
      queue,
      purpose: settings.purpose,
      history,
      progress: {
        jobId: `job-${++this.jobCounter}`,
        status: 'processing',
        sheetName: 'Contacts',
        startedBy: this.user,
        startedAt,
        rowsDone: 0,
        rowsTotal: queue.length,
        counts: { imported: 0, updated: 0, skipped: 0, errors: bad.length },
        etaSeconds: null,
        message: null,
        more: true,
      },
    };
    return { ...this.job.progress };
  }

  continueImport(jobId: string): JobProgress {
    const job = this.findJob(jobId);
    const p = job.progress;
    this.liveRows = 0;
    if (!isActive(p)) return { ...p };
    p.status = 'processing';
    p.message = null;
    const settings = this.settings();
    const slice = job.queue.slice(p.rowsDone, p.rowsDone + this.sliceRows);
    for (const index of slice) {
      const status = index === 170 ? 'Error' : outcomeFor(job.purpose, exists(index));
      this.statuses.set(index, {
        status,
        sent: status === 'Error' ? '' : this.fingerprint(index, settings),
      });
      if (status === 'Imported') p.counts.imported++;
      else if (status === 'Updated') p.counts.updated++;
      else if (status === 'Skipped') p.counts.skipped++;
      else p.counts.errors++;
    }
    p.rowsDone += slice.length;
    const left = p.rowsTotal - p.rowsDone;
    p.etaSeconds = Math.ceil(left / this.sliceRows) * 3;
    p.more = left > 0;
    if (left === 0) {
      p.status = 'completed';
      p.etaSeconds = null;
      this.record(job, 'Completed');
    } else if (this.pauseAt !== null && p.rowsDone >= this.pauseAt) {
      this.pauseAt = null;
      p.status = 'paused';
      p.more = false;
      p.message =
        'The workspace’s rate limit was reached, so the import paused. Resume it in a minute.';
      this.record(job, 'Paused');
    }
    return { ...p, counts: { ...p.counts } };
  }

  cancelImport(jobId: string): JobProgress {
    const job = this.findJob(jobId);
    const p = job.progress;
    if (isActive(p)) {
      p.status = 'cancelled';
      p.more = false;
      p.etaSeconds = null;
      p.message = `Cancelled by ${this.user}. Rows already sent keep their Import Status; the others can be imported again.`;
      this.record(job, 'Cancelled');
    }
    return { ...p, counts: { ...p.counts } };
  }

  getHistory(): HistoryEntry[] {
    return this.history.map((h) => ({ ...h, tags: [...h.tags] }));
  }

  // ------------------------------------------------------------ helpers

  /** Names of the calls made so far, in order. */
  get calls(): string[] {
    return this.log.map((c) => c.name);
  }

  /** For tests: makes the last review look `hours` old. */
  ageReview(hours: number): void {
    if (!this.review) return;
    const at = Date.parse(this.review.summary.reviewedAt) - hours * HOUR_MS;
    this.review.summary.reviewedAt = new Date(at).toISOString();
  }

  private connection(): ConnectionInfo {
    return {
      baseUrl: this.baseUrl,
      hasToken: this.token !== null,
      tokenLast4: this.token ? this.token.slice(-4) : null,
    };
  }

  private connected(): boolean {
    return this.token === GOOD_TOKEN;
  }

  private fields(): FieldOption[] {
    if (!this.token) return [];
    return this.connected() ? [...STANDARD_FIELDS, ...CUSTOM_FIELDS] : STANDARD_FIELDS;
  }

  /** Saved settings, or suggestions; an empty saved mapping (new header row) is suggested again. */
  private settings(): ImportSettings {
    if (this.saved && this.saved.mapping.length > 0) return this.saved;
    const headerRow = this.saved?.headerRow ?? 1;
    const base: ImportSettings = this.saved ?? {
      headerRow,
      purpose: 'add',
      identifier: 'phone',
      tags: [],
      importTag: `import ${this.now().toISOString().slice(0, 16).replace('T', ' ')}`,
      doNotOverwrite: false,
      skipBadOptionalCells: false,
      defaultCountry: null,
      mapping: [],
    };
    return { ...base, mapping: this.suggest(this.grid[headerRow - 1] ?? []) };
  }

  private suggest(headers: string[]): ColumnMapping[] {
    const fields = this.fields();
    const used = new Set<string>();
    return headers.map((raw, column) => {
      const header = raw.trim();
      const key = normalise(header);
      const exact = fields.find((f) => normalise(f.label) === key && f.key !== 'id');
      const synonym = SYNONYMS[key];
      let pick: { field: string; match: ColumnMapping['match']; confidence: number } | null = null;
      if (exact) pick = { field: exact.key, match: 'exact', confidence: 1 };
      else if (synonym && fields.some((f) => f.key === synonym[0])) {
        pick = { field: synonym[0], match: 'synonym', confidence: synonym[1] };
      }
      if (!pick || used.has(pick.field)) {
        return { column, header, field: null, match: 'none', confidence: 0 };
      }
      used.add(pick.field);
      return { column, header, ...pick };
    });
  }

  private problems(s: ImportSettings): string[] {
    const problems: string[] = [];
    const fields = this.fields();
    if (s.purpose === 'add-all' && s.identifier !== null) {
      problems.push('“Add all contacts despite duplicates” uses no identifier.');
    }
    if (s.purpose !== 'add-all' && s.identifier === null) problems.push('Choose an identifier.');
    if (s.identifier === 'id' && s.purpose !== 'update') {
      problems.push('Contact ID can only identify contacts when updating existing contacts only.');
    }
    const mapped = s.mapping.filter((m) => m.field !== null);
    if (mapped.length === 0) problems.push('Select at least one column to import.');
    const seen = new Set<string>();
    for (const m of mapped) {
      const f = fields.find((x) => x.key === m.field);
      if (!f) problems.push(`“${m.header}” is mapped to a field the workspace does not have.`);
      else if (seen.has(f.key)) problems.push(`${f.label} is mapped more than once.`);
      seen.add(m.field ?? '');
    }
    if (s.identifier && s.purpose !== 'add-all' && !seen.has(s.identifier)) {
      const label = STANDARD_FIELDS.find((f) => f.key === s.identifier)?.label ?? s.identifier;
      problems.push(`Map a column to ${label}: it is the identifier.`);
    }
    if (s.defaultCountry !== null && !/^[A-Z]{2}$/.test(s.defaultCountry)) {
      problems.push('The default country must be a two-letter country code.');
    }
    return problems;
  }

  private checkRows(s: ImportSettings): RowCheck[] {
    const columnOf = (key: string) => s.mapping.find((m) => m.field === key)?.column ?? null;
    const firstName = columnOf('firstName');
    const lastName = columnOf('lastName');
    const phone = columnOf('phone');
    const email = columnOf('email');
    const birthday = columnOf('custom:Birthday');
    const plan = columnOf('custom:Plan');
    const summary = this.getSheetSummary();
    const checks: RowCheck[] = [];
    for (let index = 0; index < summary.dataRows; index++) {
      const cells = this.grid[this.sheetRow(index) - 1] ?? [];
      const cell = (c: number | null) => (c === null ? '' : (cells[c] ?? '').trim());
      const check: RowCheck = {
        index,
        empty: cells.every((c) => c.trim() === ''),
        errors: [],
        warnings: [],
        fixes: [],
        identifier: null,
      };
      checks.push(check);
      if (check.empty) continue;

      if (firstName !== null && cell(firstName) === '' && s.purpose !== 'update') {
        check.errors.push('First Name: missing');
      }
      if (lastName !== null && cell(lastName) === '') check.warnings.push('Last Name: empty');
      const number = cell(phone);
      let e164: string | null = null;
      if (phone !== null && number !== '') {
        if (number.startsWith('+')) e164 = `+${number.replace(/\D/g, '')}`;
        else if (s.defaultCountry === 'MY')
          e164 = `+60${number.replace(/\D/g, '').replace(/^0/, '')}`;
        else if (s.defaultCountry) e164 = `+${number.replace(/\D/g, '')}`;
        else check.errors.push('Phone: no country code');
      }
      const address = cell(email);
      if (email !== null && address !== '' && !/^[^\s@]+@[^\s@,]+\.[^\s@,]+$/.test(address)) {
        check.errors.push('Email: not an address');
        if (address.includes(',')) {
          check.fixes.push({ column: email, value: address.replace(/,/g, '.') });
        }
      }
      const day = cell(birthday);
      if (birthday !== null && day !== '' && !/^\d{4}-\d{2}-\d{2}$/.test(day)) {
        check.errors.push('Birthday: not a date (YYYY-MM-DD)');
        const dmy = /^(\d{2})\/(\d{2})\/(\d{4})$/.exec(day);
        if (dmy) check.fixes.push({ column: birthday, value: `${dmy[3]}-${dmy[2]}-${dmy[1]}` });
      }
      const planValue = cell(plan);
      if (plan !== null && planValue !== '' && !PLANS.includes(planValue)) {
        check.errors.push(`Plan: “${planValue}” is not one of ${PLANS.join(', ')}`);
      }
      if (s.identifier === 'phone') check.identifier = e164;
      else if (s.identifier === 'email') check.identifier = address.toLowerCase() || null;
      if (s.identifier && s.purpose !== 'add-all') {
        if (!check.identifier && !check.errors.some((e) => e.startsWith('Phone'))) {
          check.errors.push(
            `${s.identifier === 'phone' ? 'Phone' : 'Email'}: missing (it is the identifier)`,
          );
        }
        if (index === 150) check.errors.push('Matches several contacts in the workspace');
      }
    }
    // The same identifier on several rows: none of them is imported.
    if (s.purpose !== 'add-all') {
      const byId = new Map<string, RowCheck[]>();
      for (const c of checks) {
        if (c.identifier) byId.set(c.identifier, [...(byId.get(c.identifier) ?? []), c]);
      }
      for (const group of byId.values()) {
        if (group.length < 2) continue;
        const rows = group.map((c) => this.sheetRow(c.index)).join(', ');
        for (const c of group) c.errors.push(`Same identifier as rows ${rows}`);
      }
    }
    return checks;
  }

  private sheetRow(index: number): number {
    return this.settings().headerRow + 1 + index;
  }

  private fingerprint(index: number, s: ImportSettings): string {
    return JSON.stringify([this.grid[this.sheetRow(index) - 1], s.mapping.map((m) => m.field)]);
  }

  private isUnchanged(index: number, s: ImportSettings): boolean {
    const st = this.statuses.get(index);
    return !!st && st.status !== 'Error' && st.sent === this.fingerprint(index, s);
  }

  /** One more row sent by the running slice at each look (never the slice's last row). */
  getImportProgress(jobId: string): LiveProgress | null {
    const p = this.job?.progress;
    if (!p || p.jobId !== jobId || p.status !== 'processing') return null;
    const sliceLeft = Math.min(this.sliceRows, p.rowsTotal - p.rowsDone);
    this.liveRows = Math.max(0, Math.min(this.liveRows + 1, sliceLeft - 1));
    return {
      jobId,
      rowsDone: p.rowsDone + this.liveRows,
      rowsTotal: p.rowsTotal,
      counts: { ...p.counts, imported: p.counts.imported + this.liveRows },
      etaSeconds: p.etaSeconds,
    };
  }

  private findJob(jobId: string): Job {
    if (!this.job || this.job.progress.jobId !== jobId) {
      throw new Error('This import is no longer running. Open the history to see how it ended.');
    }
    return this.job;
  }

  private record(job: Job, status: HistoryEntry['status']): void {
    job.history.created = job.progress.counts.imported;
    job.history.updated = job.progress.counts.updated;
    job.history.skipped = job.progress.counts.skipped;
    job.history.errors = job.progress.counts.errors;
    job.history.status = status;
  }
}

/**
 * Adapts the mock to serveSidebar's `handle`: answers are RpcResults, as the add-on's
 * exposed functions give, so the sidebar's callServer unwraps them the same way.
 * `delayMs` slows chosen calls down (e.g. continueImport) so a person or a test can see
 * and act on progress.
 */
export function mockHandler(
  mock: MockServer,
  options: { delayMs?: (name: string) => number } = {},
): (name: string, args: unknown[]) => Promise<RpcResult<unknown> | null> {
  return async (name, args) => {
    mock.log.push({ name, args });
    const delay = options.delayMs?.(name) ?? 0;
    if (delay > 0) await new Promise((resolve) => setTimeout(resolve, delay));
    const fn = (mock as unknown as Record<string, unknown>)[name];
    if (!isServerFunction(name) || typeof fn !== 'function') {
      return { ok: false, error: `The add-on has no server function named ${name}.` };
    }
    try {
      const value: unknown = (fn as (...a: unknown[]) => unknown).apply(mock, args);
      // Copied by Google's rules, as google.script.run carries the add-on's whole answer: one
      // holding a Date arrives as null.
      return copyAnswer({ ok: true, value }) as RpcResult<unknown> | null;
    } catch (e) {
      return { ok: false, error: e instanceof Error ? e.message : String(e) };
    }
  };
}

function isServerFunction(name: string): name is ServerFunctionName {
  return (SERVER_FUNCTIONS as readonly string[]).includes(name);
}

function isActive(p: JobProgress): boolean {
  return p.status === 'processing' || p.status === 'paused';
}

/** Every fourth contact is already in the fake workspace. */
function exists(index: number): boolean {
  return index % 4 === 0;
}

function outcomeFor(purpose: ImportSettings['purpose'], found: boolean): RowStatus['status'] {
  switch (purpose) {
    case 'add':
      return found ? 'Skipped' : 'Imported';
    case 'update':
      return found ? 'Updated' : 'Skipped';
    case 'add-update':
      return found ? 'Updated' : 'Imported';
    case 'add-all':
      return 'Imported';
  }
}

function normalise(text: string): string {
  return text.toLowerCase().replace(/[^a-z0-9]/g, '');
}

function clock(iso: string): string {
  return iso.slice(0, 16).replace('T', ' ');
}

/**
 * The sheet: a header row and `rows` contacts. Some rows are wrong on purpose: phones
 * without a country code, emails with a comma (a suggested fix) or no address at all,
 * day-first birthdays (a suggested fix), an unknown plan, a missing first name, two rows
 * sharing a phone and an email, and one blank row.
 */
function makeSheet(rows: number): string[][] {
  const grid: string[][] = [
    ['First Name', 'Last Name', 'Mobile', 'Email', 'Birthday', 'Plan', 'Notes'],
  ];
  for (let i = 0; i < rows; i++) {
    if (i === 99) {
      grid.push(['', '', '', '', '', '', '']);
      continue;
    }
    const first = i === 50 ? '' : (FIRST[i % FIRST.length] ?? 'Ana');
    const last = i % 37 === 5 ? '' : (LAST[i % LAST.length] ?? 'Tan');
    const n = i === 121 ? 120 : i;
    const phone =
      i % 17 === 3
        ? `012-${String(3000000 + n).slice(0, 3)} ${String(1000 + n)}`
        : `+60 12-${String(300 + (n % 700)).padStart(3, '0')} ${String(1000 + n)}`;
    const email =
      i % 23 === 7
        ? `${(first || 'x').toLowerCase()}.${n}@example,com`
        : i % 41 === 11
          ? 'not an email'
          : `${(first || 'x').toLowerCase()}.${last.toLowerCase() || 'x'}${n}@example.com`;
    const day = String(1 + (i % 28)).padStart(2, '0');
    const month = String(1 + (i % 12)).padStart(2, '0');
    const birthday = i % 29 === 13 ? `${day}/${month}/1990` : `1990-${month}-${day}`;
    const plan = i % 31 === 17 ? 'Gold' : (PLANS[i % PLANS.length] ?? 'Free');
    grid.push([
      first,
      last,
      phone,
      i === 121 ? (grid[121]?.[3] ?? email) : email,
      birthday,
      plan,
      i % 10 === 0 ? 'met at fair' : '',
    ]);
  }
  return grid;
}
