/** A failure in plain words, announced to screen readers; nothing when there is none. */
export function ErrorText({ message, id }: { message: string | null | undefined; id?: string }) {
  if (!message) return null;
  return (
    <p class="error" role="alert" id={id}>
      {message}
    </p>
  );
}

/** Several problems at once (rule violations), announced together. */
export function ProblemList({ problems, id }: { problems: string[]; id?: string }) {
  if (problems.length === 0) return null;
  return (
    <ul class="problems error" role="alert" id={id}>
      {problems.map((p) => (
        <li key={p}>{p}</li>
      ))}
    </ul>
  );
}
