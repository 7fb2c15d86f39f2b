import { useState } from 'preact/hooks';
import { callServer } from '../server';
import { useWizard } from '../wizard';
import { ErrorText } from './Alert';
import { useAction } from './useAction';

/**
 * Getting to the rows that need fixing, in the sheet itself: select the next error row
 * (wrapping) and filter the sheet to rows with errors. Used by Review and Results.
 */
export function ErrorRows() {
  const { w, dispatch } = useWizard();
  const [selected, setSelected] = useState<number | null>(null);
  const [none, setNone] = useState(false);
  // Why the sheet could not show only rows with errors (the person's own filter), if so.
  const [refusal, setRefusal] = useState<string | null>(null);
  const jump = useAction();
  const filter = useAction();

  const next = () =>
    jump.run(async () => {
      // From the row this button selected last; null starts at the top of the sheet.
      const { row } = await callServer('goToNextError', selected);
      setSelected(row);
      setNone(row === null);
    });

  // Shown at once (a checkbox that lags behind the click feels broken), then corrected
  // to what the sheet really did, or put back when the call failed.
  const toggle = (on: boolean) => {
    dispatch({ type: 'errorFilter', on });
    return filter.run(async () => {
      try {
        const answer = await callServer('setErrorFilter', on);
        dispatch({ type: 'errorFilter', on: answer.on });
        setRefusal(answer.message);
      } catch (e) {
        dispatch({ type: 'errorFilter', on: !on });
        throw e;
      }
    });
  };

  return (
    <div class="error-rows">
      <div class="row-gap">
        <button type="button" class="link" onClick={next} disabled={jump.pending}>
          Go to next error
        </button>
        <span class="gray" role="status">
          {selected !== null ? `Row ${selected} is selected in the sheet.` : ''}
          {none ? 'No rows have errors now.' : ''}
        </span>
      </div>
      <ErrorText message={jump.error} />
      <label class="check">
        <input
          type="checkbox"
          checked={w.errorFilter}
          onChange={(e) => toggle(e.currentTarget.checked)}
        />
        Show only rows with errors
      </label>
      <ErrorText message={filter.error ?? refusal} />
    </div>
  );
}
