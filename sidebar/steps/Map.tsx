import { useEffect, useState } from 'preact/hooks';
import type { ColumnMapping, FieldOption } from '../../src/rpc';
import { ErrorText, ProblemList } from '../components/Alert';
import { StepFooter } from '../components/StepFooter';
import { useAction } from '../components/useAction';
import { mayUpdate } from '../../src/core/rules';
import {
  bestOfLines,
  columnLetter,
  headerName,
  identifierField,
  mappingProblems,
  mappingWarnings,
  settingsToSend,
} from '../rules';
import { callServer } from '../server';
import { useWizard } from '../wizard';

/** Step 2: one line per column — import it or not, and into which contact field. */
export function MapColumns() {
  const { w, dispatch } = useWizard();
  const { settings, fields } = w;
  const [serverProblems, setServerProblems] = useState<string[]>([]);
  const save = useAction();

  // The server's verdict was on the settings as they were; any change makes it old news.
  useEffect(() => setServerProblems([]), [settings]);

  const problems = mappingProblems(settings, fields, w.included);
  const warnings = mappingWarnings(settings, fields);
  const idField = settings.identifier ? identifierField(settings.identifier, fields) : undefined;
  const bestOf = bestOfLines(settings, fields);

  const next = () =>
    save.run(async () => {
      setServerProblems([]);
      const check = await callServer('saveSettings', settingsToSend(settings));
      if (!check.ok) {
        setServerProblems(check.problems);
        return;
      }
      const changed = w.dirty;
      dispatch({ type: 'saved', settings: check.settings });
      // New settings make the last review meaningless; an unchanged one may be kept.
      if (changed || !w.review) dispatch({ type: 'review', review: null });
      dispatch({ type: 'go', step: 'review' });
    });

  return (
    <section class="step" aria-labelledby="step-title">
      {fields.length === 0 && (
        <p class="warn" role="alert">
          The workspace’s fields could not be read. Go back to Connect and test the connection.
        </p>
      )}
      {w.sheet.detectedExport && (
        <p class="small" data-testid="detected-export">
          Looks like {/^[aeiou]/i.test(w.sheet.detectedExport) ? 'an' : 'a'}{' '}
          <b>{w.sheet.detectedExport}</b> export: its columns are mapped as it writes them.
        </p>
      )}
      <p class="gray small">
        Uncheck a column to skip it. Each field can be used once, except Phone and Email
        {idField ? (
          <>
            ; <b>{idField.label}</b> is the identifier and must be mapped
          </>
        ) : null}
        .
      </p>
      <ul class="mapping" aria-label="Columns">
        {settings.mapping.map((m) => (
          <MappingLine
            key={m.column}
            mapping={m}
            fields={fields}
            included={w.included[m.column] ?? m.field !== null}
            isIdentifier={idField !== undefined && m.field === idField.key}
          />
        ))}
      </ul>

      {bestOf.length > 0 && (
        <div class="box small" data-testid="best-of">
          {bestOf.map((line) => (
            <p key={line}>{line}</p>
          ))}
          <p class="gray">
            Per row: a valid number beats an invalid one, a mobile beats a landline, then a column
            typed Mobile beats Work or Home, then the first. Uncheck a column to leave it out.
          </p>
        </div>
      )}

      {mayUpdate(settings.purpose) && (
        <label class="check field">
          <input
            type="checkbox"
            checked={settings.doNotOverwrite}
            aria-describedby="keep-hint"
            onChange={(e) => dispatch({ type: 'doNotOverwrite', on: e.currentTarget.checked })}
          />
          <span>
            Do not overwrite
            <span class="gray small block-line" id="keep-hint">
              {settings.doNotOverwrite
                ? 'Only empty fields are filled; tags are added to existing ones.'
                : 'Sheet values replace workspace values, empty cells clear them, tags are replaced.'}
            </span>
          </span>
        </label>
      )}

      {warnings.map((text) => (
        <p key={text} class="warn small">
          {text}
        </p>
      ))}
      <ErrorText message={save.error} />

      <StepFooter
        onBack={() => dispatch({ type: 'go', step: 'source' })}
        next={{
          label: 'Save and review',
          onClick: () => void next(),
          blockedBy: problems.length > 0 ? 'Fix the problems above to go on.' : null,
          pending: save.pending,
          pendingLabel: 'Saving…',
        }}
      >
        <ProblemList problems={problems.length > 0 ? problems : serverProblems} />
      </StepFooter>
    </section>
  );
}

function MappingLine(props: {
  mapping: ColumnMapping;
  fields: FieldOption[];
  included: boolean;
  isIdentifier: boolean;
}) {
  const { dispatch } = useWizard();
  const m = props.mapping;
  const name = headerName(m);
  const checkId = `col-${m.column}`;
  const standard = props.fields.filter((f) => !f.custom);
  const custom = props.fields.filter((f) => f.custom);

  return (
    <li class={props.included ? 'map-line' : 'map-line skipped'}>
      <div class="map-head">
        <label class="check" for={checkId}>
          <input
            id={checkId}
            type="checkbox"
            checked={props.included}
            onChange={(e) =>
              dispatch({ type: 'include', column: m.column, on: e.currentTarget.checked })
            }
          />
          <span class="header-name" title={`Column ${columnLetter(m.column)}: ${name}`}>
            {name}
          </span>
        </label>
        {props.isIdentifier && <span class="badge">identifier</span>}
        <span class="gray small confidence">{matchText(m, props.included)}</span>
      </div>
      {/* Always enabled: picking a field for a skipped column is how a person includes it. */}
      <select
        aria-label={`Field for ${name}`}
        value={m.field ?? ''}
        onChange={(e) =>
          dispatch({ type: 'field', column: m.column, field: e.currentTarget.value || null })
        }
      >
        <option value="">{props.included ? 'Choose a field…' : 'Skipped'}</option>
        <optgroup label="Contact fields">
          {standard.map((f) => (
            <option key={f.key} value={f.key}>
              {f.label}
            </option>
          ))}
        </optgroup>
        {custom.length > 0 && (
          <optgroup label="Custom fields">
            {custom.map((f) => (
              <option key={f.key} value={f.key}>
                {f.label} ({f.type})
              </option>
            ))}
          </optgroup>
        )}
      </select>
    </li>
  );
}

/** How the field was chosen, so a person knows which lines to double-check. */
function matchText(m: ColumnMapping, included: boolean): string {
  if (!included) return 'skipped';
  if (m.match === 'manual') return 'your choice';
  if (m.field === null || m.match === 'none') return 'no match';
  return `auto · ${Math.round(m.confidence * 100)}%`;
}
