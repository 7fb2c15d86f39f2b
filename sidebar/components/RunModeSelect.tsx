import type { RunMode } from '../../src/rpc';
import { useWizard } from '../wizard';

const MODES: { id: RunMode; label: string }[] = [
  { id: 'pending', label: 'New, changed and failed rows' },
  { id: 'errors', label: 'Only rows that failed before' },
  { id: 'selected', label: 'Only the rows selected in the sheet' },
];

/** Which rows an import sends (PRODUCT.md: re-runs send only what is new, changed or failed). */
export function RunModeSelect({ id }: { id: string }) {
  const { w, dispatch } = useWizard();
  return (
    <div class="field">
      <label for={id}>Rows to send</label>
      <select
        id={id}
        value={w.runMode}
        onChange={(e) => dispatch({ type: 'runMode', mode: e.currentTarget.value as RunMode })}
      >
        {MODES.map((m) => (
          <option key={m.id} value={m.id}>
            {m.label}
          </option>
        ))}
      </select>
    </div>
  );
}
