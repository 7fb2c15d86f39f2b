/**
 * The product rules about purposes and identifiers (src/core/rules.ts), and the three places that
 * follow them: `decide` (what a row becomes at import), settings validation (what may be saved),
 * and the sidebar (what it offers and what it sends). Each is checked against the table below,
 * copied from PRODUCT.md §1, for every purpose and identifier.
 */
import type { LookupResult } from '../../../src/api';
import { decide } from '../../../src/core/plan';
import {
  IDENTIFIER_LABELS,
  IDENTIFIERS,
  identifierFits,
  identifiersFor,
  looksUp,
  mayCreate,
  mayUpdate,
  PURPOSE_LABELS,
  PURPOSE_RULES,
  PURPOSES,
  type Identifier,
  type MatchCount,
  type Purpose,
} from '../../../src/core/rules';
import { parseSettings } from '../../../src/core/settings';
import type { FieldOption, ImportSettings, WizardState } from '../../../src/rpc';
import { mappingWarnings, settingsToSend } from '../../../sidebar/rules';
import { reducer, restore } from '../../../sidebar/store';

type Outcome = 'Imported' | 'Updated' | 'Skipped' | 'Error';

/**
 * PRODUCT.md §1, as written there:
 *
 * | purpose | identifier matches 1 contact | matches none | matches several |
 * | Add new contacts only | Skipped | Imported (created) | Error |
 * | Update existing contacts only | Updated | Skipped | Error |
 * | Add and update contacts | Updated | Imported (created) | Error |
 * | Add all contacts despite duplicates | no look-up: every valid row is created | | |
 *
 * "Identifier: phone or email; Contact ID too, but only for 'Update existing contacts only'.
 * No identifier for 'Add all despite duplicates'." Do not overwrite: "only for 'Update
 * existing' and 'Add and update'".
 */
const PRODUCT: Record<
  Purpose,
  {
    label: string;
    matches: Record<MatchCount, Outcome> | 'no look-up';
    identifiers: Identifier[];
    doNotOverwrite: boolean;
  }
> = {
  add: {
    label: 'Add new contacts only',
    matches: { one: 'Skipped', none: 'Imported', several: 'Error' },
    identifiers: ['phone', 'email'],
    doNotOverwrite: false,
  },
  update: {
    label: 'Update existing contacts only',
    matches: { one: 'Updated', none: 'Skipped', several: 'Error' },
    identifiers: ['phone', 'email', 'id'],
    doNotOverwrite: true,
  },
  'add-update': {
    label: 'Add and update contacts',
    matches: { one: 'Updated', none: 'Imported', several: 'Error' },
    identifiers: ['phone', 'email'],
    doNotOverwrite: true,
  },
  'add-all': {
    label: 'Add all contacts despite duplicates',
    matches: 'no look-up',
    identifiers: [],
    doNotOverwrite: false,
  },
};

const COUNTS: MatchCount[] = ['one', 'none', 'several'];
const ACTION_OUTCOME = {
  create: 'Imported',
  update: 'Updated',
  skip: 'Skipped',
  error: 'Error',
} as const;

const lookupOf = (count: MatchCount): LookupResult =>
  count === 'one'
    ? { kind: 'one', contact: { id: 7, firstName: 'Aisha', phone: '+60123456789' } }
    : count === 'none'
      ? { kind: 'none' }
      : { kind: 'many', ids: [7, 8] };

/** A purpose creates contacts when some match count imports a new one (add-all: every row). */
function creates(purpose: Purpose): boolean {
  const matches = PRODUCT[purpose].matches;
  return matches === 'no look-up' || Object.values(matches).includes('Imported');
}

/** What a person sees in the Import Status column for a decision made on someone else's contact. */
function statusOf(purpose: Purpose, count: MatchCount): Outcome {
  const decision = decide(purpose, lookupOf(count), false);
  if (decision.action === 'update') return decision.reportAs;
  return ACTION_OUTCOME[decision.action];
}

describe('the purpose rules are the product table', () => {
  test('purposes, in the order the wizard lists them, with their labels', () => {
    expect(PURPOSES.map((p) => PURPOSE_LABELS[p])).toEqual(
      Object.values(PRODUCT).map((p) => p.label),
    );
    expect(IDENTIFIERS.map((id) => IDENTIFIER_LABELS[id])).toEqual([
      'Phone',
      'Email',
      'Contact ID',
    ]);
  });

  test.each(PURPOSES)('%s: what a match of one, none or several contacts does', (purpose) => {
    const expected = PRODUCT[purpose].matches;
    const onMatch = PURPOSE_RULES[purpose].onMatch;
    const actions = COUNTS.map((count) => ACTION_OUTCOME[onMatch?.[count] ?? 'create']);
    if (expected === 'no look-up') {
      expect(looksUp(purpose)).toBe(false);
      expect(actions).toEqual(['Imported', 'Imported', 'Imported']);
    } else {
      expect(looksUp(purpose)).toBe(true);
      expect(actions).toEqual(COUNTS.map((count) => expected[count]));
    }
  });

  test.each(PURPOSES)('%s: the identifiers it takes, and Do Not Overwrite', (purpose) => {
    expect(identifiersFor(purpose)).toEqual(PRODUCT[purpose].identifiers);
    expect(mayUpdate(purpose)).toBe(PRODUCT[purpose].doNotOverwrite);
    expect(mayCreate(purpose)).toBe(creates(purpose));
  });
});

describe('decide follows the table', () => {
  test.each(PURPOSES.flatMap((p) => COUNTS.map((c) => [p, c] as const)))(
    '%s, identifier matches %s',
    (purpose, count) => {
      const expected = PRODUCT[purpose].matches;
      expect(statusOf(purpose, count)).toBe(
        expected === 'no look-up' ? 'Imported' : expected[count],
      );
    },
  );

  test('a contact this run created is finished as Imported, even under add-only', () => {
    const one = lookupOf('one');
    expect(decide('add', one, true)).toMatchObject({ action: 'update', reportAs: 'Imported' });
    expect(decide('add-update', one, true)).toMatchObject({ reportAs: 'Imported' });
  });

  test('a look-up that failed is an error, except for add-all which looks nothing up', () => {
    const failed: LookupResult = { kind: 'error', message: 'the platform kept failing' };
    expect(PURPOSES.map((p) => decide(p, failed, false).action)).toEqual(
      PURPOSES.map((p) => (looksUp(p) ? 'error' : 'create')),
    );
  });
});

const everyChoice = PURPOSES.flatMap((purpose) =>
  [...IDENTIFIERS, null].map((identifier) => [purpose, identifier] as const),
);

describe('settings validation follows the table', () => {
  test.each(everyChoice)('%s identified by %s', (purpose, identifier) => {
    const fits =
      identifier === null
        ? PRODUCT[purpose].identifiers.length === 0
        : PRODUCT[purpose].identifiers.includes(identifier);
    expect(identifierFits(purpose, identifier)).toBe(fits);
    expect(parseSettings({ purpose, identifier }).ok).toBe(fits);
  });

  test.each(PURPOSES)('%s with Do Not Overwrite', (purpose) => {
    const identifier = PRODUCT[purpose].identifiers[0] ?? null;
    expect(parseSettings({ purpose, identifier, doNotOverwrite: true }).ok).toBe(
      PRODUCT[purpose].doNotOverwrite,
    );
  });
});

const FIELDS: FieldOption[] = [
  { key: 'firstName', label: 'First Name', type: 'text', custom: false, options: null },
  { key: 'phone', label: 'Phone', type: 'phone', custom: false, options: null },
];

function sidebarSettings(purpose: Purpose, identifier: Identifier | null): ImportSettings {
  return {
    headerRow: 1,
    purpose,
    identifier,
    tags: [],
    importTag: null,
    doNotOverwrite: true,
    skipBadOptionalCells: false,
    defaultCountry: null,
    mapping: [{ column: 0, header: 'Phone', field: 'phone', match: 'exact', confidence: 1 }],
  };
}

describe('the sidebar follows the table', () => {
  test.each(everyChoice)(
    'what it sends for %s identified by %s is what the server accepts',
    (purpose, identifier) => {
      const sent = settingsToSend(sidebarSettings(purpose, identifier));
      const fits = identifier !== null && PRODUCT[purpose].identifiers.includes(identifier);
      // A fitting choice is kept; any other becomes the purpose's first identifier (or none).
      expect(sent.identifier).toBe(fits ? identifier : (PRODUCT[purpose].identifiers[0] ?? null));
      expect(sent.doNotOverwrite).toBe(PRODUCT[purpose].doNotOverwrite);
      const { purpose: p, identifier: id, doNotOverwrite } = sent;
      expect(parseSettings({ purpose: p, identifier: id, doNotOverwrite })).toMatchObject({
        ok: true,
      });
    },
  );

  test.each(everyChoice)(
    'switching to %s from an identifier of %s leaves one it takes',
    (purpose, identifier) => {
      const from: Purpose =
        identifier === 'id' ? 'update' : identifier === null ? 'add-all' : 'add';
      const state: WizardState = {
        connection: { baseUrl: 'https://api.respond.io/v2', hasToken: true, tokenLast4: 'abcd' },
        sheet: {
          spreadsheetName: 'Contacts',
          sheetName: 'Sheet1',
          headerRow: 1,
          headers: ['Phone'],
          dataRows: 3,
          dataColumns: 1,
          detectedExport: null,
        },
        settings: sidebarSettings(from, identifier),
        saved: true,
        fields: FIELDS,
        job: null,
        review: null,
      };
      const w = reducer(restore(state, null), { type: 'purpose', purpose });
      expect(identifierFits(purpose, w.settings.identifier)).toBe(true);
    },
  );

  test.each(PURPOSES)('%s: a missing First Name is a warning only where rows create', (purpose) => {
    const warnings = mappingWarnings(sidebarSettings(purpose, null), FIELDS);
    expect(warnings.length > 0).toBe(creates(purpose));
  });
});
