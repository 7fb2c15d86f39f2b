import { useEffect, useRef } from 'preact/hooks';
import type { JobProgress } from '../../src/rpc';
import { ErrorText } from '../components/Alert';
import { Counts } from '../components/Counts';
import { ProgressBar } from '../components/ProgressBar';
import { StepFooter } from '../components/StepFooter';
import { useAction } from '../components/useAction';
import { count, duration, when } from '../format';
import { isActive } from '../store';
import { callServer } from '../server';
import { useWizard } from '../wizard';

/** How often the sidebar asks for a running slice's figures. */
const LIVE_POLL_MS = 2_500;
/** A watcher (another editor's sidebar) looks this often, and asks for the whole state every 12th look. */
const WATCH_POLL_MS = 5_000;
const WATCH_STATE_EVERY = 12;

/**
 * Step 4: the import running. Apps Script stops every execution after six minutes, so the
 * sidebar drives the job: it asks for one slice at a time for as long as the server says
 * there is more. Closing the sidebar simply stops asking; the job waits at its checkpoint.
 */
export function ImportProgress() {
  const { w, dispatch } = useWizard();
  const job = w.job;
  const slice = useAction();
  const stop = useAction();
  // Set once Cancel is pressed: a slice answering afterwards must not overwrite the
  // cancelled state or ask for another slice.
  const cancelling = useRef(false);
  const driving = useRef(false);
  const alive = useRef(true);
  useEffect(
    () => () => {
      alive.current = false;
    },
    [],
  );

  /** Asks for slice after slice while the server says there is more; one loop at a time. */
  const drive = async (jobId: string) => {
    if (driving.current || cancelling.current) return;
    driving.current = true;
    try {
      await slice.run(async () => {
        for (;;) {
          const progress = await whileWatching(jobId, callServer('continueImport', jobId));
          if (cancelling.current || !alive.current) return;
          dispatch({ type: 'job', job: progress });
          // A pause (quota, rate limit) or the end stops the loop; Resume starts it again.
          if (!progress.more || progress.status !== 'processing') return;
        }
      });
    } finally {
      driving.current = false;
    }
  };

  /**
   * A slice runs for minutes before it answers: meanwhile, the figures it publishes keep
   * the bar moving. An answer arriving after the slice's own is dropped by the store, which
   * only ever moves a running job forward.
   */
  const whileWatching = async <T,>(jobId: string, sliceDone: Promise<T>): Promise<T> => {
    let waiting = true;
    // One look at a time: an Apps Script execution can take longer to start than a tick.
    let looking = false;
    const timer = setInterval(() => {
      if (looking) return;
      looking = true;
      callServer('getImportProgress', jobId)
        .then(
          (live) => {
            if (waiting && live && alive.current && !cancelling.current)
              dispatch({ type: 'jobLive', live });
          },
          () => undefined, // A missed look is retried on the next tick.
        )
        .finally(() => {
          looking = false;
        });
    }, LIVE_POLL_MS);
    try {
      return await sliceDone;
    } finally {
      waiting = false;
      clearInterval(timer);
    }
  };

  // On arrival (a new job, or a reopened sidebar finding one in flight): start driving.
  useEffect(() => {
    if (job && job.more && job.status === 'processing') void drive(job.jobId);
  }, []);

  // Someone else's sidebar may be driving this job (processing, but not ours to continue):
  // watch it instead, until it ends or hands over. The cheap progress call moves the bar;
  // the whole state (which reads the tab) is asked for only when the job stopped running,
  // and once a minute in case its runner went away and it waits to be resumed.
  const watching = job !== null && job.status === 'processing' && !job.more;
  const watchedId = job?.jobId ?? null;
  useEffect(() => {
    if (!watching || watchedId === null) return;
    let tick = 0;
    let looking = false;
    const whole = () =>
      callServer('getWizardState').then((state) => {
        dispatch({ type: 'job', job: state.job });
        if (!state.job) dispatch({ type: 'go', step: 'results' });
      });
    const timer = setInterval(() => {
      if (looking) return;
      looking = true;
      const look =
        ++tick % WATCH_STATE_EVERY === 0
          ? whole()
          : callServer('getImportProgress', watchedId).then((live) =>
              live ? dispatch({ type: 'jobLive', live }) : whole(),
            );
      look
        .catch(() => undefined) // A missed look is retried on the next tick.
        .finally(() => {
          looking = false;
        });
    }, WATCH_POLL_MS);
    return () => clearInterval(timer);
  }, [watching, watchedId]);

  // A job that ended goes to Results.
  useEffect(() => {
    if (job && !isActive(job)) dispatch({ type: 'go', step: 'results' });
  }, [job]);

  if (!job) {
    return (
      <section class="step" aria-labelledby="step-title">
        <p class="gray">No import is running.</p>
        <StepFooter onBack={() => dispatch({ type: 'go', step: 'review' })} />
      </section>
    );
  }

  const cancel = () =>
    stop.run(async () => {
      cancelling.current = true;
      try {
        dispatch({ type: 'job', job: await callServer('cancelImport', job.jobId) });
      } catch (e) {
        cancelling.current = false;
        throw e;
      }
    });

  const resume = () => void drive(job.jobId);

  const paused = job.status === 'paused';
  return (
    <section class="step" aria-labelledby="step-title">
      <p>
        {paused ? 'Paused: ' : 'Importing '}
        <b>{job.sheetName}</b>
        <span class="gray small block-line">
          Started by {job.startedBy}, {when(job.startedAt)}.
        </span>
      </p>
      <ProgressBar done={job.rowsDone} total={job.rowsTotal} label="Rows imported" />
      <p class="small" data-testid="progress-text" aria-live="polite">
        <ProgressLine job={job} />
      </p>
      <Counts
        columns={4}
        label="So far"
        items={[
          { label: 'Imported', value: job.counts.imported, tone: 'ok' },
          { label: 'Updated', value: job.counts.updated },
          { label: 'Skipped', value: job.counts.skipped },
          { label: 'Errors', value: job.counts.errors, tone: 'error' },
        ]}
      />
      {paused && job.message && (
        <p class="notice warn" role="status" data-testid="pause-message">
          {job.message}
        </p>
      )}
      {slice.error && (
        <ErrorText message={`${slice.error} The import is waiting at its last checkpoint.`} />
      )}
      {(paused || slice.error) && !stop.pending && (
        <div class="buttons">
          <button type="button" class="action" onClick={resume} disabled={slice.pending}>
            Resume
          </button>
        </div>
      )}
      <p class="gray small">
        Keep this sidebar open: closing it pauses the import, and opening it again resumes.
      </p>
      <StepFooter>
        <ErrorText message={stop.error} />
        <div class="buttons">
          <button type="button" onClick={() => void cancel()} disabled={stop.pending}>
            {stop.pending ? 'Cancelling…' : 'Cancel import'}
          </button>
        </div>
      </StepFooter>
    </section>
  );
}

function ProgressLine({ job }: { job: JobProgress }) {
  const left = Math.max(0, job.rowsTotal - job.rowsDone);
  const eta =
    job.status === 'processing' && job.etaSeconds !== null
      ? ` · ${duration(job.etaSeconds)} left`
      : '';
  return (
    <>
      {count(job.rowsDone)} of {count(job.rowsTotal)} rows done · {count(left)} left{eta}
    </>
  );
}
