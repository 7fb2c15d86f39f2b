import type {
  ColumnMapping,
  ConnectionInfo,
  FieldOption,
  Identifier,
  ImportSettings,
  JobProgress,
  LiveProgress,
  Purpose,
  ReviewSummary,
  RunMode,
  SheetSummary,
  WizardState,
} from '../src/rpc';
import { identifiersFor } from '../src/core/rules';
import { newImportTag } from './rules';

/**
 * The wizard's state and the only way it changes (a reducer). Pure: no server calls, no
 * storage, so restoring a sidebar is a function of what the server said and what was kept.
 */

export type Step = 'connect' | 'source' | 'map' | 'review' | 'import' | 'results';

export const STEPS: { id: Step; title: string; short: string }[] = [
  { id: 'connect', title: 'Connect to the workspace', short: 'Connect' },
  { id: 'source', title: 'What to import', short: 'Source' },
  { id: 'map', title: 'Map columns to fields', short: 'Map' },
  { id: 'review', title: 'Review the rows', short: 'Review' },
  { id: 'import', title: 'Import', short: 'Import' },
  { id: 'results', title: 'Results', short: 'Results' },
];

export interface Wizard {
  step: Step;
  connection: ConnectionInfo;
  sheet: SheetSummary;
  fields: FieldOption[];
  /** The person's choices, saved or not. */
  settings: ImportSettings;
  /** True once the person changed a setting since it was last loaded or saved. */
  dirty: boolean;
  /** Columns checked for import; a checked column may still lack a field. */
  included: Record<number, boolean>;
  /**
   * Choices a later change hides but Back must not lose: the identifier before "add all",
   * a column's field before it was unchecked, the import tag before it was switched off.
   */
  memory: { identifier: Identifier; fields: Record<number, string>; importTag: string };
  review: ReviewSummary | null;
  /** Why the Error column may be out of date (WizardState.reviewNote); a review clears it. */
  reviewNote?: string | null;
  /** The running or paused job, or the last one that ended (for Results). */
  job: JobProgress | null;
  runMode: RunMode;
  errorFilter: boolean;
}

export type Action =
  | { type: 'go'; step: Step }
  | { type: 'connection'; connection: ConnectionInfo; state?: WizardState }
  | { type: 'purpose'; purpose: Purpose }
  | { type: 'identifier'; identifier: Identifier }
  | { type: 'tags'; tags: string[] }
  | { type: 'importTag'; on: boolean }
  | { type: 'defaultCountry'; country: string | null }
  | { type: 'doNotOverwrite'; on: boolean }
  | { type: 'skipBadOptionalCells'; on: boolean }
  | { type: 'include'; column: number; on: boolean }
  | { type: 'field'; column: number; field: string | null }
  | { type: 'reloaded'; state: WizardState }
  | { type: 'saved'; settings: ImportSettings }
  | { type: 'review'; review: ReviewSummary | null }
  | { type: 'job'; job: JobProgress | null }
  /** Figures from a slice still running: they only ever move the same job forward. */
  | { type: 'jobLive'; live: LiveProgress }
  | { type: 'runMode'; mode: RunMode }
  | { type: 'errorFilter'; on: boolean };

/** What is kept in the browser between openings of the sidebar (see persist.ts). */
export interface Kept {
  step: Step;
  runMode: RunMode;
  errorFilter: boolean;
  /** Unsaved choices, used only while the sheet's headers are the same. */
  draft: { headers: string[]; settings: ImportSettings; included: Record<number, boolean> } | null;
  /** The last job that ended, so Results can be shown again. */
  lastJob: JobProgress | null;
}

const ACTIVE: JobProgress['status'][] = ['processing', 'paused'];

export function isActive(job: JobProgress | null): job is JobProgress {
  return job !== null && ACTIVE.includes(job.status);
}

/** The wizard as it reopens: the server's state first, then what this browser kept. */
export function restore(state: WizardState, kept: Kept | null): Wizard {
  const draft =
    kept?.draft && sameHeaders(kept.draft.headers, state.sheet.headers) ? kept.draft : null;
  const settings = draft?.settings ?? withEveryColumn(state.settings, state.sheet);
  const base: Wizard = {
    step: 'connect',
    connection: state.connection,
    sheet: state.sheet,
    fields: state.fields,
    settings,
    dirty: draft !== null,
    included: draft?.included ?? includedOf(settings.mapping),
    memory: memoryOf(settings),
    review: state.review,
    reviewNote: state.reviewNote ?? null,
    job: state.job ?? kept?.lastJob ?? null,
    runMode: kept?.runMode ?? 'pending',
    errorFilter: kept?.errorFilter ?? false,
  };
  return { ...base, step: openingStep(base, kept?.step ?? null) };
}

/** Where the sidebar opens: a job in flight wins, then a missing token, then the kept step. */
function openingStep(w: Wizard, kept: Step | null): Step {
  if (isActive(w.job)) return 'import';
  if (!w.connection.hasToken) return 'connect';
  if (kept === 'import') return w.job ? 'results' : 'review';
  if (kept === 'results' && !w.job) return 'review';
  return kept ?? 'source';
}

/**
 * One mapping line per header of the sheet. The server normally answers with exactly that;
 * after the header row changed it may not have suggestions yet, and the Map step must still
 * list every column (unmapped) rather than show the old row's headers.
 */
function withEveryColumn(settings: ImportSettings, sheet: SheetSummary): ImportSettings {
  const fits = (m: ColumnMapping | undefined, i: number) => m?.header === (sheet.headers[i] ?? '');
  if (
    settings.mapping.length === sheet.headers.length &&
    settings.mapping.every((m, i) => m.column === i && fits(m, i))
  ) {
    return settings;
  }
  const mapping = sheet.headers.map((header, column): ColumnMapping => {
    const known = settings.mapping.find((m) => m.column === column);
    return known && fits(known, column)
      ? known
      : { column, header, field: null, match: 'none', confidence: 0 };
  });
  return { ...settings, mapping };
}

function sameHeaders(a: string[], b: string[]): boolean {
  return a.length === b.length && a.every((h, i) => h === b[i]);
}

function includedOf(mapping: ColumnMapping[]): Record<number, boolean> {
  return Object.fromEntries(mapping.map((m) => [m.column, m.field !== null]));
}

function memoryOf(settings: ImportSettings): Wizard['memory'] {
  return {
    identifier: settings.identifier ?? 'phone',
    fields: {},
    importTag: settings.importTag ?? newImportTag(),
  };
}

export function reducer(w: Wizard, action: Action): Wizard {
  switch (action.type) {
    case 'go':
      return { ...w, step: action.step };

    case 'connection': {
      const next = { ...w, connection: action.connection };
      if (!action.state) return next;
      // A new connection brings the workspace's custom fields. Untouched suggestions are
      // replaced by the server's fresh ones (which can now use those fields); the
      // person's own choices are kept.
      const s = action.state;
      return w.dirty
        ? { ...next, fields: s.fields, sheet: s.sheet }
        : { ...loadedFrom(next, s), step: w.step };
    }

    case 'reloaded':
      return { ...loadedFrom(w, action.state), step: w.step };

    case 'purpose': {
      const allowed = identifiersFor(action.purpose);
      const wanted = w.settings.identifier ?? w.memory.identifier;
      const identifier = allowed.length === 0 ? null : allowed.includes(wanted) ? wanted : 'phone';
      return edit(w, { purpose: action.purpose, identifier });
    }

    case 'identifier':
      return {
        ...edit(w, { identifier: action.identifier }),
        memory: { ...w.memory, identifier: action.identifier },
      };

    case 'tags':
      return edit(w, { tags: action.tags });

    case 'importTag':
      return edit(w, { importTag: action.on ? w.memory.importTag : null });

    case 'defaultCountry':
      return edit(w, { defaultCountry: action.country });

    case 'doNotOverwrite':
      return edit(w, { doNotOverwrite: action.on });

    case 'skipBadOptionalCells':
      return edit(w, { skipBadOptionalCells: action.on });

    case 'include': {
      const current = w.settings.mapping.find((m) => m.column === action.column);
      const memory = { ...w.memory, fields: { ...w.memory.fields } };
      let field: string | null = null;
      if (action.on) field = memory.fields[action.column] ?? null;
      else if (current?.field) memory.fields[action.column] = current.field;
      const next = edit(w, {
        mapping: w.settings.mapping.map((m) => (m.column === action.column ? { ...m, field } : m)),
      });
      return { ...next, memory, included: { ...w.included, [action.column]: action.on } };
    }

    case 'field':
      return {
        ...edit(w, {
          mapping: w.settings.mapping.map((m) =>
            m.column === action.column
              ? { ...m, field: action.field, match: 'manual' as const, confidence: 1 }
              : m,
          ),
        }),
        included: { ...w.included, [action.column]: true },
      };

    case 'saved':
      return {
        ...w,
        settings: action.settings,
        dirty: false,
        included: includedOf(action.settings.mapping),
      };

    case 'review':
      return { ...w, review: action.review, reviewNote: action.review ? null : w.reviewNote };

    case 'job':
      return { ...w, job: action.job };

    case 'jobLive': {
      const { job } = w;
      const { live } = action;
      if (!job || job.jobId !== live.jobId || job.status !== 'processing') return w;
      if (live.rowsDone <= job.rowsDone) return w;
      return { ...w, job: { ...job, ...live, counts: { ...live.counts } } };
    }

    case 'runMode':
      return { ...w, runMode: action.mode };

    case 'errorFilter':
      return { ...w, errorFilter: action.on };
  }
}

function edit(w: Wizard, patch: Partial<ImportSettings>): Wizard {
  return { ...w, settings: { ...w.settings, ...patch }, dirty: true };
}

/** Takes everything the server said, as on opening (the step is the caller's business). */
function loadedFrom(w: Wizard, s: WizardState): Wizard {
  const settings = withEveryColumn(s.settings, s.sheet);
  return {
    ...w,
    connection: s.connection,
    sheet: s.sheet,
    fields: s.fields,
    settings,
    dirty: false,
    included: includedOf(settings.mapping),
    memory: { ...memoryOf(s.settings), identifier: s.settings.identifier ?? w.memory.identifier },
    review: s.review,
    job: s.job ?? w.job,
  };
}

/** What to keep in the browser for the next opening. */
export function keep(w: Wizard): Kept {
  return {
    step: w.step,
    runMode: w.runMode,
    errorFilter: w.errorFilter,
    draft: w.dirty
      ? { headers: w.sheet.headers, settings: w.settings, included: w.included }
      : null,
    lastJob: w.job && !isActive(w.job) ? w.job : null,
  };
}
