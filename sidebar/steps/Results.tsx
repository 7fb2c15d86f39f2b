import { useEffect, useState } from 'preact/hooks';
import type { HistoryEntry, JobProgress, RunMode } from '../../src/rpc';
import { ErrorText } from '../components/Alert';
import { Counts } from '../components/Counts';
import { ErrorRows } from '../components/ErrorRows';
import { RunModeSelect } from '../components/RunModeSelect';
import { useAction } from '../components/useAction';
import { count, when } from '../format';
import { PURPOSE_LABELS } from '../../src/core/rules';
import { callServer } from '../server';
import { useWizard } from '../wizard';

const HEADLINES: Record<JobProgress['status'], string> = {
  completed: 'Import completed',
  cancelled: 'Import cancelled',
  failed: 'Import failed',
  processing: 'Import running',
  paused: 'Import paused',
};

/** Step 5: what the last import did, the sheet's import history, and running it again. */
export function Results() {
  const { w, dispatch } = useWizard();
  const job = w.job;

  const importAgain = (mode: RunMode) => {
    dispatch({ type: 'runMode', mode });
    // The sheet has usually been edited since (errors fixed): review it again first.
    dispatch({ type: 'review', review: null });
    dispatch({ type: 'go', step: 'review' });
  };

  return (
    <section class="step" aria-labelledby="step-title">
      {job && (
        <>
          <p>
            <b data-testid="result-headline" class={job.status === 'failed' ? 'error' : undefined}>
              {HEADLINES[job.status]}
            </b>
            <span class="gray small block-line">
              {count(job.rowsDone)} of {count(job.rowsTotal)} rows of {job.sheetName} processed.
            </span>
          </p>
          {job.message && (
            <p class={job.status === 'failed' ? 'notice error' : 'notice warn'} role="status">
              {job.message}
            </p>
          )}
          <Counts
            columns={4}
            label="Import Status of the rows"
            items={[
              { label: 'Imported', value: job.counts.imported, tone: 'ok' },
              { label: 'Updated', value: job.counts.updated },
              { label: 'Skipped', value: job.counts.skipped },
              { label: 'Errors', value: job.counts.errors, tone: 'error' },
            ]}
          />
          <p class="gray small">
            Each row’s Import Status and Contact ID are in the sheet; reasons for errors and skips
            are in the Error column.
          </p>
          {job.counts.errors > 0 && <ErrorRows />}
        </>
      )}

      <History />

      <div class="box">
        <h2>Import again</h2>
        <RunModeSelect id="again-mode" />
        <div class="buttons">
          <button type="button" class="action" onClick={() => importAgain(w.runMode)}>
            Review and import again
          </button>
        </div>
      </div>

      <div class="buttons">
        <button type="button" onClick={() => dispatch({ type: 'go', step: 'source' })}>
          Change settings
        </button>
        <button type="button" onClick={() => google.script.host.close()}>
          Close
        </button>
      </div>
    </section>
  );
}

/** The Import History tab, newest first (the last ten here; the tab has all of them). */
function History() {
  const [entries, setEntries] = useState<HistoryEntry[] | null>(null);
  const load = useAction();
  useEffect(() => {
    void load.run(async () => setEntries(await callServer('getHistory')));
  }, []);

  return (
    <div class="history">
      <h2 id="history-title">History</h2>
      {load.pending && <p class="gray small">Loading…</p>}
      <ErrorText message={load.error} />
      {entries && entries.length === 0 && <p class="gray small">No imports yet on this sheet.</p>}
      {entries && entries.length > 0 && (
        <ol class="history-list" aria-labelledby="history-title">
          {entries.slice(0, 10).map((e, i) => (
            <li key={`${e.date}-${i}`}>
              <div class="history-head">
                <span>{when(e.date)}</span>
                <span class={`status status-${e.status.toLowerCase()}`}>{e.status}</span>
              </div>
              <div class="gray small">
                {e.user} · {e.sheet} · {PURPOSE_LABELS[e.purpose]}
              </div>
              <div class="small">
                {count(e.created)} new · {count(e.updated)} updated · {count(e.skipped)} skipped ·{' '}
                {count(e.errors)} errors
              </div>
            </li>
          ))}
        </ol>
      )}
    </div>
  );
}
