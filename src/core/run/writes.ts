/**
 * What an outcome writes into its row's owned columns, the same for the add-on's sheet and
 * the CLI's results file. The drivers only find the row (it may have moved) and write.
 */
import { markerText, type RowOutcome, type RowStatus } from '../outcome';
import type { identifierColumn } from '../mapping';

/** The identifier's column (0-based index, header label): named and marked in errors. */
export type IdentifierColumn = NonNullable<ReturnType<typeof identifierColumn>>;

export interface OwnedCells {
  status: RowStatus;
  /** The Error column's text (not yet made formula-safe: the writer does that). */
  error: string;
  /** The Contact ID; '' clears it; null leaves the cell (an Error keeps an earlier run's ID). */
  contactId: number | '' | null;
  /** The hidden Import Fingerprint cell. */
  fingerprint: string;
  /** 0-based columns to mark as errors. */
  errorColumns: readonly number[];
}

/**
 * `highlight`: the row's own error cells, as the review found them. A look-up that found
 * several contacts is about the identifier: its column is named in the text and marked.
 */
export function ownedCells(
  outcome: RowOutcome,
  runId: string,
  idColumn: IdentifierColumn | null,
  highlight: readonly number[],
): OwnedCells {
  const isError = outcome.status === 'Error';
  const aboutIdentifier = isError && idColumn !== null && outcome.code === 'several-matches';
  const reason = outcome.reason ?? '';
  return {
    status: outcome.status,
    error: aboutIdentifier ? `${idColumn.label}: ${reason}` : reason,
    contactId: outcome.contactId ?? (isError ? null : ''),
    fingerprint: markerText(outcome.fingerprint, runId),
    errorColumns: !isError ? [] : aboutIdentifier ? [idColumn.index] : highlight,
  };
}
