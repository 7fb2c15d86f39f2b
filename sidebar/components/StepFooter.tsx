import type { ComponentChildren } from 'preact';

export interface NextButton {
  label: string;
  onClick: () => void;
  /** Why the step cannot go on yet; shown next to the button, never only as a disabled state. */
  blockedBy?: string | null;
  pending?: boolean;
  pendingLabel?: string;
}

/**
 * Back and Next, kept at the bottom of the sidebar. A disabled Next always says why, in
 * text the button is described by, so keyboard and screen-reader users hear it too.
 */
export function StepFooter(props: {
  onBack?: () => void;
  next?: NextButton;
  children?: ComponentChildren;
}) {
  const { next } = props;
  const reason = next?.blockedBy ?? null;
  return (
    <footer class="step-footer">
      {props.children}
      {reason && (
        <p class="reason" id="next-reason">
          {reason}
        </p>
      )}
      <div class="buttons">
        {props.onBack && (
          <button type="button" onClick={props.onBack}>
            Back
          </button>
        )}
        {next && (
          <button
            type="button"
            class="action"
            onClick={next.onClick}
            disabled={reason !== null || next.pending}
            aria-describedby={reason ? 'next-reason' : undefined}
          >
            {next.pending ? (next.pendingLabel ?? 'Working…') : next.label}
          </button>
        )}
      </div>
    </footer>
  );
}
