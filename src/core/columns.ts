/**
 * The add-on's own columns. They are found by header wherever they are in the sheet, matched
 * without regard to case or surrounding spaces, and are never read as contact data.
 */

export const OWNED_COLUMNS = {
  error: 'Error',
  status: 'Import Status',
  contactId: 'Contact ID',
  /** Hidden helper: a hash of what was last sent for the row, to detect changed rows. */
  fingerprint: 'Import Fingerprint',
  /** Hidden helper: letters of the cells with errors (`,C,E,`), which highlight rules read. */
  cells: 'Error Cells',
} as const;

export type OwnedColumnKind = keyof typeof OWNED_COLUMNS;

export const OWNED_COLUMN_KINDS: readonly OwnedColumnKind[] = [
  'error',
  'status',
  'contactId',
  'fingerprint',
  'cells',
];

function headerKey(header: string): string {
  return header.trim().replace(/\s+/g, ' ').toLowerCase();
}

const KIND_BY_HEADER: ReadonlyMap<string, OwnedColumnKind> = new Map(
  OWNED_COLUMN_KINDS.map((kind) => [headerKey(OWNED_COLUMNS[kind]), kind]),
);

/** Which owned column a header names, or null when it is a data column. */
export function ownedColumnKind(header: string): OwnedColumnKind | null {
  return KIND_BY_HEADER.get(headerKey(header)) ?? null;
}
