import { useEffect } from 'preact/hooks';
import type { ReviewSummary } from '../../src/rpc';
import { ErrorText, ProblemList } from '../components/Alert';
import { Counts } from '../components/Counts';
import { ErrorRows } from '../components/ErrorRows';
import { RunModeSelect } from '../components/RunModeSelect';
import { StepFooter } from '../components/StepFooter';
import { useAction } from '../components/useAction';
import { useNow } from '../components/useNow';
import { ageMs, count, duration, plural, when } from '../format';
import { looksUp } from '../../src/core/rules';
import { settingsToSend } from '../rules';
import { callServer } from '../server';
import { useWizard } from '../wizard';
import type { Wizard } from '../store';

/** PRODUCT.md: a review older than an hour is checked again before importing. */
export const STALE_AFTER_MS = 60 * 60 * 1000;

/** Step 3: every row checked in the sheet, nothing sent; what an import would do. */
export function Review() {
  const { w, dispatch } = useWizard();
  const check = useAction();
  const start = useAction();
  const now = useNow(30_000);
  const review = w.review;
  const stale = review !== null && ageMs(review.reviewedAt, now) > STALE_AFTER_MS;

  const recheck = (work: () => Promise<ReviewSummary> = () => callServer('reviewSheet')) =>
    check.run(async () => {
      const fresh = await work();
      dispatch({ type: 'review', review: fresh });
      return fresh;
    });

  // "Import the row without this cell" is a per-run choice: saved with the settings, then the
  // rows are checked again so the counts show what the import will do.
  const skipCells = (on: boolean) =>
    void recheck(async () => {
      const saved = await callServer(
        'saveSettings',
        settingsToSend({ ...w.settings, skipBadOptionalCells: on }),
      );
      if (!saved.ok) throw new Error(saved.problems.join(' '));
      dispatch({ type: 'saved', settings: saved.settings });
      return callServer('reviewSheet');
    });

  // Arriving without a review (new settings, or reopened after it went stale): check now.
  useEffect(() => {
    if (!w.review) void recheck();
  }, []); // once, on arrival

  const begin = () =>
    start.run(async () => {
      let current = review;
      if (!current || stale) {
        current = await callServer('reviewSheet');
        dispatch({ type: 'review', review: current });
      }
      // The re-check may have found new problems: the summary shows them, nothing starts.
      if (current.blocking.length > 0 || current.valid === 0) return;
      const job = await callServer('startImport', w.runMode);
      dispatch({ type: 'job', job });
      dispatch({ type: 'go', step: 'import' });
    });

  const busy = check.pending || start.pending;
  const blockedBy = check.pending
    ? null
    : !review
      ? 'Check the rows first.'
      : review.blocking.length > 0
        ? 'Fix the problems above, then re-check.'
        : review.valid === 0
          ? 'No row is ready to import: fix the errors in the sheet, then re-check.'
          : null;

  return (
    <section class="step" aria-labelledby="step-title" aria-busy={check.pending}>
      {!review && check.pending && <p class="gray">Checking every row…</p>}
      {review && <ReviewFacts review={review} purpose={w.settings.purpose} />}
      {w.reviewNote && (
        <p class="notice warn" role="status">
          {w.reviewNote}
        </p>
      )}
      {stale && (
        <p class="notice warn" role="status">
          This review is more than an hour old. The rows are checked again before the import starts.
        </p>
      )}
      <div class="buttons">
        <button type="button" onClick={() => void recheck()} disabled={busy}>
          {check.pending ? 'Checking…' : 'Re-check'}
        </button>
        {review && review.suggestions > 0 && (
          <button
            type="button"
            onClick={() => void recheck(() => callServer('applySuggestedFixes'))}
            disabled={busy}
          >
            Apply {plural(review.suggestions, 'suggested fix', 'suggested fixes')}
          </button>
        )}
      </div>
      {review && review.suggestions > 0 && <SuggestedFixes review={review} />}
      {review && review.notes.length > 0 && (
        <ul class="small gray" data-testid="review-notes">
          {review.notes.map((note) => (
            <li key={note}>{note}</li>
          ))}
        </ul>
      )}
      {review && (review.savable > 0 || w.settings.skipBadOptionalCells) && (
        <label class="check field">
          <input
            type="checkbox"
            checked={w.settings.skipBadOptionalCells}
            disabled={busy}
            aria-describedby="skip-cells-hint"
            onChange={(e) => skipCells(e.currentTarget.checked)}
          />
          <span>
            Import rows without their unreadable optional cells
            <span class="gray small block-line" id="skip-cells-hint" data-testid="savable">
              {w.settings.skipBadOptionalCells
                ? 'On for this run: such cells are left out with a warning.'
                : `Would save ${plural(review.savable, 'row')} whose only errors are in optional cells (a birthday without a year…).`}
            </span>
          </span>
        </label>
      )}
      <ErrorText message={check.error} />

      {review && review.errors > 0 && (
        <div class="box">
          <p>
            <b class="error">{plural(review.errors, 'row has', 'rows have')} errors.</b>{' '}
            <span class="gray">
              Each is explained in the Error column and highlighted; these rows are not imported.
            </span>
          </p>
          <ErrorRows />
        </div>
      )}

      <RunModeSelect id="run-mode" />

      <StepFooter
        onBack={() => dispatch({ type: 'go', step: 'map' })}
        next={{
          label: 'Start import',
          onClick: () => void begin(),
          blockedBy,
          pending: start.pending,
          pendingLabel: stale ? 'Re-checking…' : 'Starting…',
        }}
      >
        <ErrorText message={start.error} />
      </StepFooter>
    </section>
  );
}

function ReviewFacts({
  review,
  purpose,
}: {
  review: ReviewSummary;
  purpose: Wizard['settings']['purpose'];
}) {
  const notLookedUp = looksUp(purpose) ? 'at import' : 'no look-up';
  const add =
    review.willAdd ?? (looksUp(purpose) ? null : Math.max(0, review.valid - review.unchanged));
  return (
    <>
      <ProblemList problems={review.blocking} />
      <p class="gray small" data-testid="reviewed-at">
        {plural(review.rows, 'row')} checked at {when(review.reviewedAt)}
        {review.emptyRows > 0 ? ` (${count(review.emptyRows)} empty)` : ''}.
      </p>
      <Counts
        label="What the import will do"
        items={[
          { label: 'Add', value: add, missing: notLookedUp, tone: 'ok' },
          { label: 'Update', value: review.willUpdate, missing: notLookedUp },
          { label: 'Skip', value: review.willSkip, missing: notLookedUp },
          { label: 'Errors', value: review.errors, tone: 'error' },
          { label: 'Warnings', value: review.warnings, tone: 'warn' },
          ...(review.unchanged > 0
            ? [{ label: 'Unchanged', value: review.unchanged, missing: '' }]
            : []),
        ]}
      />
      {review.valid > 0 && (
        <p class="small" data-testid="estimate">
          About {plural(review.estimate.apiCalls, 'API call')}, {duration(review.estimate.seconds)}.
        </p>
      )}
      {/* Beside the estimate it explains; a warning, not a block: the import may still start. */}
      {review.valid > 0 && review.quotaWarning && (
        <p class="notice warn small" role="status" data-testid="quota-warning">
          {review.quotaWarning}
        </p>
      )}
    </>
  );
}

/** What "Apply suggested fixes" would write, the first few cells of it, before it is pressed. */
function SuggestedFixes({ review }: { review: ReviewSummary }) {
  const more = review.suggestions - review.suggestionSample.length;
  return (
    <details class="fixes">
      <summary>What the fixes write</summary>
      <ul aria-label="Suggested fixes">
        {review.suggestionSample.map((fix) => (
          <li key={`${fix.row}:${fix.column}`}>
            <span class="gray">
              Row {fix.row} · {fix.column}:
            </span>{' '}
            <span class="old">{fix.current}</span> → <b>{fix.suggested}</b>
          </li>
        ))}
      </ul>
      {more > 0 && <p class="gray small">…and {plural(more, 'more cell', 'more cells')}.</p>}
      <p class="gray small">
        These cells are shaded yellow in the sheet. Their rows are imported either way, with the
        suggested value; applying the fixes writes it into the sheet too. Only those cells change.
      </p>
    </details>
  );
}
