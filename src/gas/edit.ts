/**
 * The onEdit simple trigger: when a person edits data cells of a reviewed tab, the edited
 * rows are checked again with the saved settings, and so are the rows whose duplicate status
 * the edit changes (rows that shared the old identifier, or share the new one). It runs in
 * LIMITED mode and is killed after 30 seconds, so it never reads the whole tab: the header,
 * the edited rows, the identifier column(s) when an identifier changed, and the partner rows.
 * What the review found about duplicates is kept with it (storage); an edit too big to
 * re-check this way marks the review stale, and the sidebar says so.
 */
import type { IdentifierIndex } from '../core/duplicates';
import { identifierPrefilter, indexIdentifiers, repeatedIdentifiers } from '../core/duplicates';
import { identifierColumn } from '../core/mapping';
import { readHeader, tableRow, type TableHeader } from '../core/table';
import {
  identifierValueColumns,
  identifierReadColumns,
  identifierValueOf,
  prepareValidation,
  validateRow,
  type Validator,
} from '../core/validate';
import { withShortLock_ } from './locks';
import { rowCells_, type CellsContext } from './review';
import { catalogueFor, coreSettings, type Draft } from './settings';
import {
  editedBox_,
  findOwned_,
  readCells_,
  readColumn_,
  readHeaderRow_,
  runsOf_,
  spreadsheetZone_,
  usedSize_,
  writeOwned_,
  type Cells,
  type EditedBox,
  type Owned,
  type OwnedWrites,
  type Sheet,
} from './sheet';
import * as storage from './storage';
import { zoneOffsets_ } from './zone';

/** Rows one edit re-checks in full; a bigger paste makes the review stale instead. */
const EDIT_ROWS_MAX = 2_000;
/** Rows whose duplicate status one edit may change and re-check with it. */
const PARTNERS_MAX = 100;
/** Separate reads for those rows (nearby ones are read together). */
const PARTNER_READS_MAX = 8;
/** Rows whose identifier cells may hold an edited row's identifier, validated one by one. */
const CANDIDATES_MAX = 500;
/** Rows read in full to validate those candidates, over at most PARTNER_READS_MAX reads. */
const CANDIDATE_ROWS_READ_MAX = 5_000;
/** How long an edit waits for the document lock (a slice holds it for minutes). */
const LOCK_WAIT_MS = 200;

export function onEdit(e: GoogleAppsScript.Events.SheetsOnEdit): void {
  try {
    recheckEdit_(e.range);
  } catch (error) {
    // A simple trigger has nobody to answer; the next review reports any problem.
    Logger.log(`Contact import: could not re-check the edit: ${String(error)}`);
  }
}

function recheckEdit_(range: GoogleAppsScript.Spreadsheet.Range): void {
  const box = editedBox_(range);
  const { sheet, sheetId } = box;
  const draft = storage.readDraft(sheetId);
  if (!draft || box.bottom <= draft.headerRow) return;
  storage.markEdited(sheetId, Date.now());
  const headerRow = draft.headerRow;
  const size = usedSize_(sheet);
  const { lastRow, lastColumn } = size;
  if (lastColumn === 0 || lastRow <= headerRow) return;
  const headerRead = readHeaderRow_(sheet, headerRow, size);
  const found = findOwned_(headerRead.values);
  // Not reviewed yet (no owned columns): nothing to keep up to date.
  if (Object.keys(found).length < 5) return;
  const owned = found as Owned;
  const ownedColumns = new Set(Object.values(owned));
  let touchesData = false;
  for (let c = box.left - 1; c <= box.right - 1; c++) if (!ownedColumns.has(c)) touchesData = true;
  if (!touchesData) return;

  const header = readHeader(headerRead.values, headerRead.display(), headerRow);
  const validator = validator_(draft, header);
  if (!validator) return;
  const review = storage.readReview(sheetId);
  const top = Math.max(box.top, headerRow + 1);
  const bottom = Math.min(box.bottom, lastRow);
  if (bottom < top) return;
  if (bottom - top + 1 > EDIT_ROWS_MAX) {
    markStale_(
      sheetId,
      `Rows ${top}–${bottom} changed at once, too many to check as you type: their Error column may be out of date. Re-check to update it.`,
    );
    return;
  }
  const edited = readCells_(sheet, top, bottom, lastColumn);
  const plan = duplicatePlan_(sheet, validator, review, edited, {
    top,
    bottom,
    lastRow,
    lastColumn,
    box,
  });

  const targets = new Map<number, { values: unknown[]; display: string[] }>();
  for (let row = top; row <= bottom; row++) {
    targets.set(row, {
      values: edited.values[row - top] ?? [],
      display: edited.display[row - top] ?? [],
    });
  }
  for (const row of plan.partners) {
    const known = plan.read.get(row);
    if (known && !targets.has(row)) targets.set(row, known);
  }
  const partners = plan.partners.filter((row) => !targets.has(row)).sort((a, b) => a - b);
  for (const [from, to] of runsOf_(partners, 0, PARTNER_READS_MAX)) {
    const read = readCells_(sheet, from, to, lastColumn);
    for (const row of partners) {
      if (row < from || row > to) continue;
      targets.set(row, {
        values: read.values[row - from] ?? [],
        display: read.display[row - from] ?? [],
      });
    }
  }

  const context: CellsContext = {
    owned,
    identifier: identifierColumn(validator.settings, header.columns),
    workspaceErrors: review?.workspaceErrors ?? {},
  };
  const writes: OwnedWrites = new Map();
  for (const [row, { values, display }] of targets) {
    const result = validateRow(validator, tableRow(row, values, display), plan.index);
    writes.set(row, result.empty ? { error: '', cells: '' } : rowCells_(result, values, context));
  }
  const seen = (row: number) => {
    const values = targets.get(row)?.values;
    return values ? ([values[owned.status], values[owned.fingerprint]] as const) : undefined;
  };
  withShortLock_((held) => writeOwned_(sheet, owned, writes, { seen, fill: held }), LOCK_WAIT_MS);
  if (review && (plan.clusters !== review.duplicates || plan.stale)) {
    storage.updateReview(sheetId, {
      ...review,
      duplicates: plan.clusters,
      staleNote: plan.stale ?? review.staleNote,
    });
  }
}

function validator_(draft: Draft, header: TableHeader): Validator | null {
  const catalogue = catalogueFor(storage.readCustomFields());
  const { settings, problems } = coreSettings(draft, header, catalogue);
  if (!settings || problems.length > 0) return null;
  const validator = prepareValidation(settings, header, catalogue, {
    utcOffsetMinutes: zoneOffsets_(spreadsheetZone_()),
  });
  return validator.ok ? validator.value : null;
}

interface DuplicatePlan {
  /** Identifier value → rows, for the rows checked (undefined: no duplicate check). */
  index: IdentifierIndex | undefined;
  /** Rows besides the edited ones whose duplicate message changes. */
  partners: number[];
  /** The clusters after the edit, as stored (null: unknown). */
  clusters: string | null;
  /** Why the review is now stale, if it is. */
  stale: string | null;
  /** Rows the plan read in full on its way (partners among them need no second read). */
  read: ReadonlyMap<number, RowCells>;
}

interface RowCells {
  values: unknown[];
  display: string[];
}

interface EditSpan {
  top: number;
  bottom: number;
  lastRow: number;
  lastColumn: number;
  box: EditedBox;
}

/**
 * Which rows share an identifier with the edited rows, before and after the edit. An edit
 * that leaves the identifier column(s) alone changes no cluster: the stored clusters say
 * which rows the edited ones share theirs with. Otherwise (or with no stored clusters) the
 * rows holding the edited rows' identifiers, new and old, are found by reading the
 * identifier column(s) and validating only the cells that may hold one of them
 * (identifierPrefilter); the rows that shared the edited rows' old identifiers come from the
 * stored clusters. When that cannot be done cheaply, every row's identifier is indexed.
 */
function duplicatePlan_(
  sheet: Sheet,
  validator: Validator,
  review: storage.ReviewRecord | null,
  edited: Cells,
  span: EditSpan,
): DuplicatePlan {
  const { top, bottom, box } = span;
  const settings = validator.settings;
  const columns = identifierReadColumns(validator);
  const stored = review?.duplicates ?? null;
  const none = new Map<number, RowCells>();
  if (settings.identifier === null || settings.purpose === 'add-all' || columns.length === 0)
    return { index: undefined, partners: [], clusters: stored, stale: null, read: none };
  const clusters = stored === null ? null : storage.decodeClusters(stored);
  const identifierValueAt = (row: number) =>
    identifierValueOf(
      validator,
      tableRow(row, edited.values[row - top] ?? [], edited.display[row - top] ?? []),
    )?.value ?? null;

  const touchesIdentifier = columns.some((c) => c + 1 >= box.left && c + 1 <= box.right);
  if (!touchesIdentifier && clusters !== null) {
    // Same identifiers as at the last check: each edited row's cluster is its stored one.
    const index = new Map<string, number[]>();
    const clusterOf = new Map<number, number[]>();
    for (const cluster of clusters) for (const row of cluster) clusterOf.set(row, cluster);
    for (let row = top; row <= bottom; row++) {
      const value = identifierValueAt(row);
      if (value === null) continue;
      const rows = clusterOf.get(row) ?? [row];
      const known = index.get(value);
      index.set(value, known ? [...new Set([...known, ...rows])].sort((a, b) => a - b) : rows);
    }
    return { index, partners: [], clusters: stored, stale: null, read: none };
  }
  const plan = nearbyPlan_(sheet, validator, clusters, identifierValueAt, span, touchesIdentifier);
  return plan ?? fullPlan_(sheet, validator, clusters, identifierValueAt, span, touchesIdentifier);
}

/**
 * The plan from the rows that may share an identifier with the edited rows: the stored
 * clusters the edited rows were in, and the rows whose identifier cells pass the prefilter
 * for the identifiers involved (every row holding one of them does). Null when a kind has no
 * prefilter or too many rows pass it.
 */
function nearbyPlan_(
  sheet: Sheet,
  validator: Validator,
  clusters: number[][] | null,
  identifierValueAt: (row: number) => string | null,
  { top, bottom, lastRow, lastColumn }: EditSpan,
  touchesIdentifier: boolean,
): DuplicatePlan | null {
  const kind = validator.settings.identifier;
  if (kind === null) return null;
  const isEdited = (row: number) => row >= top && row <= bottom;
  const read = new Map<number, RowCells>();
  const idOf = (row: number) => {
    const cells = read.get(row);
    return cells
      ? (identifierValueOf(validator, tableRow(row, cells.values, cells.display))?.value ?? null)
      : null;
  };
  // The rows that shared an edited row's old identifier, and what they hold now.
  const old = new Set<number>();
  for (const cluster of clusters ?? [])
    if (cluster.some(isEdited)) for (const row of cluster) if (!isEdited(row)) old.add(row);
  if (old.size > PARTNERS_MAX || !readRowsInto_(sheet, [...old], lastColumn, read)) return null;
  const ids = new Map<number, string | null>();
  for (let row = top; row <= bottom; row++) ids.set(row, identifierValueAt(row));
  for (const row of old) ids.set(row, idOf(row));
  const values = new Set<string>();
  for (const value of ids.values()) if (value !== null) values.add(value);

  if (values.size > 0) {
    const accepts = identifierPrefilter(kind, [...values]);
    if (accepts === null) return null;
    const firstRow = validator.settings.headerRow + 1;
    const count = lastRow - firstRow + 1;
    // Values only: a number cell (read from its display) always passes the prefilter.
    const cells = identifierValueColumns(validator).map((c) =>
      readColumn_(sheet, c, firstRow, count),
    );
    const candidates: number[] = [];
    for (let i = 0; i < count; i++) {
      const row = firstRow + i;
      if (ids.has(row)) continue;
      if (cells.some((column) => accepts(column[i]?.[0] ?? ''))) candidates.push(row);
      if (candidates.length > CANDIDATES_MAX) return null;
    }
    if (!readRowsInto_(sheet, candidates, lastColumn, read)) return null;
    for (const row of candidates) ids.set(row, idOf(row));
  }

  // Exact for every identifier involved: each row holding one is in `ids`.
  const index = new Map<string, number[]>();
  for (const row of [...ids.keys()].sort((a, b) => a - b)) {
    const value = ids.get(row);
    if (value === null || value === undefined) continue;
    const rows = index.get(value);
    if (rows) rows.push(row);
    else index.set(value, [row]);
  }
  const partners = new Set(old);
  for (let row = top; row <= bottom; row++) {
    const value = ids.get(row);
    const rows = value === null || value === undefined ? undefined : index.get(value);
    if (rows && rows.length > 1) for (const r of rows) partners.add(r);
  }
  for (let row = top; row <= bottom; row++) partners.delete(row);
  // With no stored clusters, the rows that shared an edited row's old identifier are unknown
  // (they stay unknown: the record is not rebuilt from the few rows read here).
  let stale = clusters === null && touchesIdentifier ? oldValueUnknown_(top, bottom) : null;
  let list = [...partners];
  if (list.length > PARTNERS_MAX) {
    stale = tooManyPartners_(top, bottom, list.length);
    list = [];
  }
  let encoded: string | null = null;
  if (clusters !== null) {
    // Clusters of the identifiers involved are replaced by what the index says now.
    const involved = (row: number) => {
      const value = ids.get(row);
      return isEdited(row) || (value !== null && value !== undefined && values.has(value));
    };
    const next = clusters.filter((cluster) => !cluster.some(involved));
    for (const rows of index.values()) if (rows.length > 1) next.push(rows);
    // In the order the review stores them (repeatedIdentifiers: by each cluster's second row).
    next.sort((a, b) => (a[1] as number) - (b[1] as number));
    encoded = storage.encodeClusters(next);
  }
  return { index, partners: list, clusters: encoded, stale, read };
}

/** Every row's identifier now, from the identifier column(s) only (the tab is not read). */
function fullPlan_(
  sheet: Sheet,
  validator: Validator,
  clusters: number[][] | null,
  identifierValueAt: (row: number) => string | null,
  { top, bottom, lastRow }: EditSpan,
  touchesIdentifier: boolean,
): DuplicatePlan {
  const firstRow = validator.settings.headerRow + 1;
  const columns = identifierReadColumns(validator);
  const count = lastRow - firstRow + 1;
  const cells = columns.map((c) => readCells_(sheet, firstRow, lastRow, 1, c + 1));
  const ids: (string | null)[] = new Array<string | null>(count);
  for (let i = 0; i < count; i++) {
    const row = firstRow + i;
    if (row >= top && row <= bottom) {
      ids[i] = identifierValueAt(row);
      continue;
    }
    const values: unknown[] = [];
    const display: string[] = [];
    columns.forEach((c, k) => {
      values[c] = cells[k]?.values[i]?.[0] ?? '';
      display[c] = cells[k]?.display[i]?.[0] ?? '';
    });
    ids[i] = identifierValueOf(validator, tableRow(row, values, display))?.value ?? null;
  }
  const index = indexIdentifiers(ids, (position) => position + firstRow);

  const partners = new Set<number>();
  for (let row = top; row <= bottom; row++) {
    const value = ids[row - firstRow];
    const rows = value === null || value === undefined ? undefined : index.get(value);
    if (rows && rows.length > 1) for (const r of rows) partners.add(r);
  }
  let stale: string | null = null;
  if (clusters === null) {
    if (touchesIdentifier) stale = oldValueUnknown_(top, bottom);
  } else {
    for (const cluster of clusters) {
      if (cluster.some((row) => row >= top && row <= bottom))
        for (const r of cluster) partners.add(r);
    }
  }
  for (let row = top; row <= bottom; row++) partners.delete(row);
  let list = [...partners];
  if (list.length > PARTNERS_MAX) {
    stale = tooManyPartners_(top, bottom, list.length);
    list = [];
  }
  const now = repeatedIdentifiers(ids).map((positions) => positions.map((p) => p + firstRow));
  return {
    index,
    partners: list,
    clusters: storage.encodeClusters(now),
    stale,
    read: new Map(),
  };
}

function oldValueUnknown_(top: number, bottom: number): string {
  return `An identifier changed in rows ${top}–${bottom}; rows that shared its old value may still show a duplicate error. Re-check to update them.`;
}

function tooManyPartners_(top: number, bottom: number, count: number): string {
  return `Your change in rows ${top}–${bottom} affects ${count} rows that share an identifier, too many to check as you type: their Error column may be out of date. Re-check to update it.`;
}

/**
 * Reads whole rows (values and display) into `read`, nearby rows together; false when that
 * would read too many rows.
 */
function readRowsInto_(
  sheet: Sheet,
  rows: readonly number[],
  lastColumn: number,
  read: Map<number, RowCells>,
): boolean {
  const wanted = rows.filter((row) => !read.has(row)).sort((a, b) => a - b);
  const runs = runsOf_(wanted, 0, PARTNER_READS_MAX);
  let size = 0;
  for (const [from, to] of runs) size += to - from + 1;
  if (size > CANDIDATE_ROWS_READ_MAX) return false;
  for (const [from, to] of runs) {
    const cells = readCells_(sheet, from, to, lastColumn);
    for (const row of wanted) {
      if (row < from || row > to) continue;
      read.set(row, {
        values: cells.values[row - from] ?? [],
        display: cells.display[row - from] ?? [],
      });
    }
  }
  return true;
}

function markStale_(sheetId: number, note: string): void {
  const review = storage.readReview(sheetId);
  if (review) storage.updateReview(sheetId, { ...review, staleNote: note });
}
