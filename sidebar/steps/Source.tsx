import { useRef, useState } from 'preact/hooks';
import type { Identifier } from '../../src/rpc';
import { ErrorText } from '../components/Alert';
import { StepFooter } from '../components/StepFooter';
import { TagInput } from '../components/TagInput';
import { useAction } from '../components/useAction';
import { countries } from '../countries';
import { count, plural } from '../format';
import { IDENTIFIER_LABELS, PURPOSE_RULES, PURPOSES, identifiersFor } from '../../src/core/rules';
import { settingsToSend, sourceProblem } from '../rules';
import { callServer } from '../server';
import { useWizard } from '../wizard';

/** Step 1: which tab and rows, what the import should do, how contacts are matched, tags. */
export function Source() {
  const { w, dispatch } = useWizard();
  const { sheet, settings } = w;
  const blockedBy = sourceProblem(sheet.dataRows, sheet.headerRow);

  return (
    <section class="step" aria-labelledby="step-title">
      <SheetFacts />

      <fieldset class="field">
        <legend>Purpose</legend>
        {PURPOSES.map((id) => (
          <label key={id} class="radio">
            <input
              type="radio"
              name="purpose"
              value={id}
              checked={settings.purpose === id}
              aria-describedby={`purpose-${id}-hint`}
              onChange={() => dispatch({ type: 'purpose', purpose: id })}
            />
            <span>
              {PURPOSE_RULES[id].label}
              <span class="gray small block-line" id={`purpose-${id}-hint`}>
                {PURPOSE_RULES[id].hint}
              </span>
            </span>
          </label>
        ))}
      </fieldset>

      <IdentifierChoice />

      <div class="field">
        <label for="tags">Tags for every contact</label>
        <TagInput
          id="tags"
          tags={settings.tags}
          onChange={(tags) => dispatch({ type: 'tags', tags })}
        />
        <label class="check">
          <input
            type="checkbox"
            checked={settings.importTag !== null}
            onChange={(e) => dispatch({ type: 'importTag', on: e.currentTarget.checked })}
          />
          <span>
            Also tag them <span class="tag-text">{settings.importTag ?? w.memory.importTag}</span>
            <span class="gray small block-line">Names this batch, to find it later.</span>
          </span>
        </label>
      </div>

      <div class="field">
        <label for="country">Default country for phone numbers</label>
        <select
          id="country"
          value={settings.defaultCountry ?? ''}
          aria-describedby="country-hint"
          onChange={(e) =>
            dispatch({ type: 'defaultCountry', country: e.currentTarget.value || null })
          }
        >
          <option value="">None</option>
          {countries().map((c) => (
            <option key={c.code} value={c.code}>
              {c.name} ({c.code})
            </option>
          ))}
        </select>
        <p class="gray small" id="country-hint">
          Numbers written without a country code get this one; with None they are errors.
        </p>
      </div>

      <StepFooter
        onBack={() => dispatch({ type: 'go', step: 'connect' })}
        next={{
          label: 'Next',
          onClick: () => dispatch({ type: 'go', step: 'map' }),
          blockedBy,
        }}
      />
    </section>
  );
}

/** The tab being imported and the header row, which the person may move. */
function SheetFacts() {
  const { w, dispatch } = useWizard();
  const { sheet } = w;
  const [row, setRow] = useState(String(sheet.headerRow));
  const reread = useAction();
  // Enter and the change that follows it would otherwise read the sheet twice.
  const applying = useRef<number | null>(null);
  const wanted = Number(row);
  const rowProblem =
    Number.isInteger(wanted) && wanted >= 1 ? null : 'The header row is a whole number, 1 or more.';

  // The sheet summary and the mapping suggestions depend on the header row, so a new row
  // is saved (without a mapping: the old one belongs to other headers) and read back.
  const apply = () => {
    if (rowProblem || wanted === sheet.headerRow || applying.current === wanted) return;
    applying.current = wanted;
    return reread
      .run(async () => {
        await callServer('saveSettings', {
          ...settingsToSend(w.settings),
          headerRow: wanted,
          mapping: [],
        });
        const state = await callServer('getWizardState');
        dispatch({ type: 'reloaded', state });
        setRow(String(state.sheet.headerRow));
      })
      .finally(() => {
        applying.current = null;
      });
  };

  return (
    <div class="field sheet-facts">
      <p>
        Tab <b data-testid="sheet-name">{sheet.sheetName}</b>{' '}
        <span class="gray">in {sheet.spreadsheetName}</span>
      </p>
      <div class="inline">
        <label for="header-row">Header row</label>
        <input
          id="header-row"
          type="number"
          min={1}
          class="narrow"
          value={row}
          aria-invalid={rowProblem !== null}
          aria-describedby="sheet-counts"
          onInput={(e) => setRow(e.currentTarget.value)}
          onChange={apply}
          onKeyDown={(e) => {
            if (e.key === 'Enter') {
              e.preventDefault();
              void apply();
            }
          }}
        />
      </div>
      <p class="small" id="sheet-counts" data-testid="counts" role="status">
        {reread.pending
          ? 'Reading…'
          : `${plural(sheet.dataRows, 'data row')}, ${plural(sheet.dataColumns, 'column')}`}
      </p>
      {rowProblem && <p class="error small">{rowProblem}</p>}
      {sheet.dataRows > 0 && sheet.headers.length > 0 && (
        <p class="gray small headers-line" title={sheet.headers.join(', ')}>
          Columns: {sheet.headers.filter((h) => h !== '').join(', ')}
        </p>
      )}
      {sheet.headers.length === 0 && (
        <p class="warn small">
          Row {count(sheet.headerRow)} is empty: put the column headers there, or change the header
          row.
        </p>
      )}
      <ErrorText message={reread.error} />
    </div>
  );
}

/** How a row finds its contact; the choices depend on the purpose. */
function IdentifierChoice() {
  const { w, dispatch } = useWizard();
  const allowed = identifiersFor(w.settings.purpose);
  if (allowed.length === 0) {
    return (
      <div class="field">
        <p class="label-like">Identifier</p>
        <p class="gray small" data-testid="no-identifier">
          None: this purpose creates every valid row without looking for existing contacts.
        </p>
      </div>
    );
  }
  return (
    <fieldset class="field">
      <legend>Identifier</legend>
      <p class="gray small" id="identifier-hint">
        Finds each row’s contact in the workspace.
        {!allowed.includes('id') && ' Contact ID is only for updating.'}
      </p>
      <div class="row-gap">
        {allowed.map((kind) => (
          <label key={kind} class="radio inline-radio">
            <input
              type="radio"
              name="identifier"
              value={kind}
              checked={w.settings.identifier === kind}
              aria-describedby="identifier-hint"
              onChange={() => dispatch({ type: 'identifier', identifier: kind as Identifier })}
            />
            {IDENTIFIER_LABELS[kind]}
          </label>
        ))}
      </div>
    </fieldset>
  );
}
