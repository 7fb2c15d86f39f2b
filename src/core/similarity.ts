/**
 * String similarity for fuzzy header mapping and "did you mean" suggestions.
 * Optimal string alignment distance (Levenshtein plus adjacent transpositions) catches the
 * typos people make in headers and list values ("Frist Name", "Slver").
 */

/** Edit distance with insertions, deletions, substitutions and adjacent swaps. */
export function editDistance(a: string, b: string): number {
  if (a === b) return 0;
  if (a.length === 0) return b.length;
  if (b.length === 0) return a.length;
  const width = b.length + 1;
  // Three rolling rows are enough for the transposition look-back.
  let before = new Array<number>(width).fill(0);
  let previous = new Array<number>(width);
  let current = new Array<number>(width);
  for (let j = 0; j < width; j++) previous[j] = j;
  for (let i = 1; i <= a.length; i++) {
    current[0] = i;
    for (let j = 1; j < width; j++) {
      const cost = a.charCodeAt(i - 1) === b.charCodeAt(j - 1) ? 0 : 1;
      let best = Math.min(
        (previous[j] as number) + 1,
        (current[j - 1] as number) + 1,
        (previous[j - 1] as number) + cost,
      );
      if (
        i > 1 &&
        j > 1 &&
        a.charCodeAt(i - 1) === b.charCodeAt(j - 2) &&
        a.charCodeAt(i - 2) === b.charCodeAt(j - 1)
      ) {
        best = Math.min(best, (before[j - 2] as number) + 1);
      }
      current[j] = best;
    }
    [before, previous, current] = [previous, current, before];
  }
  return previous[b.length] as number;
}

/** 1 for equal strings, 0 for nothing in common; normalised by the longer length. */
export function similarity(a: string, b: string): number {
  const longest = Math.max(a.length, b.length);
  if (longest === 0) return 1;
  return 1 - editDistance(a, b) / longest;
}

/** The candidate most similar to `text`, if any reaches `threshold`. */
export function closest(
  text: string,
  candidates: readonly string[],
  threshold: number,
): { candidate: string; score: number } | null {
  let best: { candidate: string; score: number } | null = null;
  for (const candidate of candidates) {
    const score = similarity(text, candidate);
    if (score >= threshold && (best === null || score > best.score)) best = { candidate, score };
  }
  return best;
}
