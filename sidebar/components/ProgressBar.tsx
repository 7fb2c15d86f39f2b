/** A determinate bar; its numbers are exposed for assistive technology and tests. */
export function ProgressBar(props: { done: number; total: number; label: string }) {
  const share = props.total > 0 ? Math.min(1, props.done / props.total) : 0;
  return (
    <div
      class="progress"
      role="progressbar"
      aria-label={props.label}
      aria-valuemin={0}
      aria-valuemax={props.total}
      aria-valuenow={props.done}
    >
      <div class="progress-fill" style={{ width: `${(share * 100).toFixed(1)}%` }} />
    </div>
  );
}
