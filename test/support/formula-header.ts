/**
 * A Contacts tab whose Email column has a formula-looking header (typed with an apostrophe, so
 * the cell holds it as text): the automatic mapping would not map it, so it is mapped to Email
 * by hand, and every Error cell of a bad email starts with that header.
 */
import { setUp, type Addon } from './addon-harness';

/** First Name, Mobile and the formula-looking header, as a person typed them. */
export function formulaHeaderRow(header: string): string[] {
  return ['First Name', 'Mobile', `'${header}`];
}

/** The three columns mapped by hand: the third, with `header`, to Email. */
export function formulaHeaderMapping(header: string) {
  return [
    { column: 0, header: 'First Name', field: 'firstName', match: 'manual', confidence: 1 },
    { column: 1, header: 'Mobile', field: 'phone', match: 'manual', confidence: 1 },
    { column: 2, header, field: 'email', match: 'manual', confidence: 1 },
  ] as const;
}

/** Seeds the tab (header and `rows`, typed) and saves settings adding and updating by phone. */
export function setUpFormulaHeaderTab(addon: Addon, header: string, rows: unknown[][]): void {
  addon.fakes.spreadsheet.seedSheet('Contacts', [formulaHeaderRow(header), ...rows], {
    typed: true,
  });
  setUp(addon, {
    purpose: 'add-update',
    identifier: 'phone',
    importTag: null,
    mapping: formulaHeaderMapping(header).map((m) => ({ ...m })),
  });
}
