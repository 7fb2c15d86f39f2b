import { useState } from 'preact/hooks';

/**
 * Tags as chips: typing a comma or pressing Enter adds what was typed, Backspace in the
 * empty box removes the last chip, and every chip has its own labelled remove button.
 */
export function TagInput(props: {
  id: string;
  tags: string[];
  onChange: (tags: string[]) => void;
  describedBy?: string;
}) {
  const [text, setText] = useState('');

  const add = (raw: string) => {
    const fresh = raw
      .split(',')
      .map((t) => t.trim())
      .filter(
        (t) => t !== '' && !props.tags.some((have) => have.toLowerCase() === t.toLowerCase()),
      );
    if (fresh.length > 0) props.onChange([...props.tags, ...new Set(fresh)]);
    setText('');
  };

  return (
    <div class="tag-input">
      {props.tags.length > 0 && (
        <ul class="chips" aria-label="Tags added">
          {props.tags.map((tag) => (
            <li key={tag} class="chip">
              <span>{tag}</span>
              <button
                type="button"
                class="chip-remove"
                aria-label={`Remove tag ${tag}`}
                onClick={() => props.onChange(props.tags.filter((t) => t !== tag))}
              >
                ×
              </button>
            </li>
          ))}
        </ul>
      )}
      <input
        id={props.id}
        type="text"
        value={text}
        placeholder="Type a tag, then Enter or comma"
        aria-describedby={props.describedBy}
        onInput={(e) => {
          const input = e.currentTarget;
          if (input.value.includes(',')) {
            add(input.value);
            input.value = '';
          } else setText(input.value);
        }}
        onKeyDown={(e) => {
          if (e.key === 'Enter') {
            e.preventDefault();
            add(text);
          } else if (e.key === 'Backspace' && text === '' && props.tags.length > 0) {
            props.onChange(props.tags.slice(0, -1));
          }
        }}
        // A tag typed but not confirmed is still meant: keep it when focus leaves.
        onBlur={() => add(text)}
      />
    </div>
  );
}
