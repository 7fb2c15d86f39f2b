import { STEPS } from '../store';
import type { Step } from '../store';

/** Where the person is in the wizard: six numbered steps, the current one marked. */
export function StepNav({ step }: { step: Step }) {
  const current = STEPS.findIndex((s) => s.id === step);
  return (
    <nav aria-label="Import steps">
      <ol class="steps">
        {STEPS.map((s, i) => (
          <li
            key={s.id}
            class={i < current ? 'done' : i === current ? 'current' : undefined}
            aria-current={i === current ? 'step' : undefined}
          >
            <span class="dot" aria-hidden="true">
              {i + 1}
            </span>
            <span class="label">{s.short}</span>
          </li>
        ))}
      </ol>
    </nav>
  );
}
