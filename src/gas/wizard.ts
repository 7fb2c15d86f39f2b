/**
 * What the sidebar needs to open, or reopen, on the active tab: the connection, the tab's
 * facts, its settings (saved by whoever set them up, or suggested), the fields a column can
 * map to, a job to follow or resume, and a review that is still fresh.
 */
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
import { activeSheet_, type Sheet } from './sheet';
import * as storage from './storage';
import { spreadsheetZone_ } from './tab';
import { connectionInfo_, customFields_ } from './workspace';

interface TabFacts {
  summary: SheetSummary;
  header: TableHeader;
}

/** The header row and the tab's size: a handful of calls, never the whole sheet. */
function tabFacts_(sheet: Sheet, headerRow: number): TabFacts {
  const lastRow = sheet.getLastRow();
  const lastColumn = sheet.getLastColumn();
  const range =
    lastColumn > 0 && lastRow >= headerRow ? sheet.getRange(headerRow, 1, 1, lastColumn) : null;
  const values = range ? (range.getValues()[0] ?? []) : [];
  const display = range ? (range.getDisplayValues()[0] ?? []) : [];
  const header = readHeader(values, display, headerRow);
  return {
    header,
    summary: {
      spreadsheetName: SpreadsheetApp.getActiveSpreadsheet().getName(),
      sheetName: sheet.getName(),
      headerRow,
      headers: header.columns.map((c) => c.header),
      dataRows: Math.max(0, lastRow - headerRow),
      dataColumns: header.columns.length,
    },
  };
}

export function getSheetSummary(): SheetSummary {
  const sheet = activeSheet_();
  const draft = storage.readDraft(sheet.getSheetId()) ?? DEFAULT_DRAFT;
  return tabFacts_(sheet, draft.headerRow).summary;
}

function importTagPreview_(): string {
  return importTagFor(Utilities.formatDate(new Date(), spreadsheetZone_(), 'yyyy-MM-dd HH:mm'));
}

export function getWizardState(): WizardState {
  const sheet = activeSheet_();
  const sheetId = sheet.getSheetId();
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
    settings: toImportSettings(draft, facts.header, catalogue, importTagPreview_()),
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
  storage.saveDraft(sheet.getSheetId(), draft);
  const catalogue = catalogueFor(storage.readCustomFields());
  const facts = tabFacts_(sheet, draft.headerRow);
  const { problems } = coreSettings(draft, facts.header, catalogue);
  return {
    ok: problems.length === 0,
    problems,
    settings: toImportSettings(draft, facts.header, catalogue, importTagPreview_()),
  };
}
