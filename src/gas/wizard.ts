/**
 * What the sidebar needs to open, or reopen, on the active tab: the connection, the tab's
 * facts, its settings (saved by whoever set them up, or suggested), the fields a column can
 * map to, a job to follow or resume, and a review that is still fresh.
 */
import { detectSource } from '../core/mapping';
import { importTagFor } from '../core/settings';
import { readHeader, type TableHeader } from '../core/table';
import type {
  ImportSettings,
  ReviewSummary,
  SettingsCheck,
  SheetSummary,
  WizardState,
} from '../rpc';
import { currentJob_ } from './importing';
import { REVIEW_TTL_MS } from './review';
import {
  catalogueFor,
  coreSettings,
  DEFAULT_DRAFT,
  draftFrom,
  fieldOptions,
  toImportSettings,
} from './settings';
import {
  activeSheet_,
  readHeaderRow_,
  sheetId_,
  sheetName_,
  spreadsheetName_,
  spreadsheetZone_,
  usedSize_,
  type Sheet,
} from './sheet';
import * as storage from './storage';
import { connectionInfo_, customFields_ } from './workspace';

interface TabFacts {
  summary: SheetSummary;
  header: TableHeader;
  /** A few values per column below the header, for auto-mapping by content (calling codes). */
  samples: unknown[][];
}

/** Rows read below the header for auto-mapping: enough to tell calling codes from ISO codes. */
const SAMPLE_ROWS = 20;

/**
 * The header row, a few rows under it and the tab's size: a handful of calls, never the whole
 * sheet (the sample rows come with the header in the same range, so no extra call).
 */
function tabFacts_(sheet: Sheet, headerRow: number): TabFacts {
  const size = usedSize_(sheet);
  const read = readHeaderRow_(sheet, headerRow, size, SAMPLE_ROWS);
  const header = readHeader(read.values, read.display(), headerRow);
  return {
    header,
    samples: header.columns.map((c) => read.below.map((row) => row[c.index])),
    summary: {
      spreadsheetName: spreadsheetName_(),
      sheetName: sheetName_(sheet),
      headerRow,
      headers: header.columns.map((c) => c.header),
      dataRows: Math.max(0, size.lastRow - headerRow),
      dataColumns: header.columns.length,
      detectedExport: detectSource(header.columns)?.name ?? null,
    },
  };
}

export function getSheetSummary(): SheetSummary {
  const sheet = activeSheet_();
  const draft = storage.readDraft(sheetId_(sheet)) ?? DEFAULT_DRAFT;
  return tabFacts_(sheet, draft.headerRow).summary;
}

function importTagPreview_(): string {
  return importTagFor(Utilities.formatDate(new Date(), spreadsheetZone_(), 'yyyy-MM-dd HH:mm'));
}

export function getWizardState(): WizardState {
  const sheet = activeSheet_();
  const sheetId = sheetId_(sheet);
  const saved = storage.readDraft(sheetId);
  const draft = saved ?? DEFAULT_DRAFT;
  // While an import runs, a teammate's sidebar asks every few seconds: the fields kept with
  // the document serve, so watching costs no web request (20,000 a day per person).
  const job = currentJob_();
  const running = job !== null && job.status === 'processing';
  const catalogue = catalogueFor(running ? storage.readCustomFields() : customFields_());
  const facts = tabFacts_(sheet, draft.headerRow);
  return {
    connection: connectionInfo_(),
    sheet: facts.summary,
    settings: toImportSettings(draft, facts.header, catalogue, importTagPreview_(), facts.samples),
    saved: saved !== null,
    fields: fieldOptions(catalogue),
    job,
    review: freshReview_(sheetId),
    reviewNote: storage.readReview(sheetId)?.staleNote ?? null,
  };
}

/** The last review of the tab, unless the tab was edited since or it is over an hour old. */
function freshReview_(sheetId: number): ReviewSummary | null {
  const review = storage.readReview(sheetId);
  if (!review) return null;
  const fresh =
    Date.now() - review.reviewedAt < REVIEW_TTL_MS &&
    storage.readEditedAt(sheetId) <= review.reviewedAt;
  return fresh ? (review.summary as ReviewSummary) : null;
}

/**
 * Saves the tab's settings — even with problems, so nothing a person chose is lost — and
 * answers with every problem in plain words.
 */
export function saveSettings(settings: ImportSettings): SettingsCheck {
  const sheet = activeSheet_();
  const draft = draftFrom(settings);
  storage.saveDraft(sheetId_(sheet), draft);
  const catalogue = catalogueFor(storage.readCustomFields());
  const facts = tabFacts_(sheet, draft.headerRow);
  const { problems } = coreSettings(draft, facts.header, catalogue);
  return {
    ok: problems.length === 0,
    problems,
    settings: toImportSettings(draft, facts.header, catalogue, importTagPreview_(), facts.samples),
  };
}
