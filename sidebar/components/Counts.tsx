import { count } from '../format';

export interface CountItem {
  label: string;
  value: number | null;
  /** Colours the number when it matters (errors in red, warnings in amber). */
  tone?: 'error' | 'warn' | 'ok';
  /** Said instead of the number when it is null (e.g. "not looked up"). */
  missing?: string;
}

/** A small grid of labelled numbers (review and results). */
export function Counts(props: { items: CountItem[]; label: string; columns?: 3 | 4 }) {
  const { items, label } = props;
  return (
    <dl class={props.columns === 4 ? 'counts four' : 'counts'} aria-label={label}>
      {items.map((item) => (
        <div key={item.label} class="count" data-count={item.label}>
          <dt>{item.label}</dt>
          <dd class={item.value ? item.tone : undefined}>
            {item.value === null ? (
              <span class="gray small">{item.missing ?? '—'}</span>
            ) : (
              count(item.value)
            )}
          </dd>
        </div>
      ))}
    </dl>
  );
}
