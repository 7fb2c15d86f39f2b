/**
 * A time zone's UTC offsets from an expensive look-up, cached so a whole column of dates costs
 * few look-ups. On Apps Script the look-up is Utilities.formatDate (the driver builds it; core
 * stays pure and never assumes Intl time-zone support, which Apps Script does not document).
 *
 * Offsets are constant between a zone's transitions, and transitions are weeks apart. So the
 * timeline is cut into week-long windows: a window whose two ends have the same offset has that
 * offset throughout (one look-up per window end, each shared with the neighbouring window); a
 * window whose ends differ holds a transition, found by bisection to the minute (about 14
 * look-ups, once per transition). A zone that changed its offset and changed it back within one
 * week would be missed; tzdata has no such zone since 1970.
 */

/** The offset from UTC in minutes (east positive; fractional for historic local mean time). */
export type OffsetLookup = (epochMs: number) => number;

const MINUTE_MS = 60_000;
export const OFFSET_WINDOW_MS = 7 * 24 * 60 * MINUTE_MS;

export function cachedOffsets(lookup: OffsetLookup): OffsetLookup {
  const atWindowStart = new Map<number, number>();
  /** Window index → the first minute at the window's later offset. */
  const transitions = new Map<number, number>();

  const boundary = (window: number): number => {
    let offset = atWindowStart.get(window);
    if (offset === undefined) {
      offset = lookup(window * OFFSET_WINDOW_MS);
      atWindowStart.set(window, offset);
    }
    return offset;
  };

  const transitionIn = (window: number, before: number): number => {
    let at = transitions.get(window);
    if (at !== undefined) return at;
    let lo = window * OFFSET_WINDOW_MS; // at the earlier offset
    let hi = lo + OFFSET_WINDOW_MS; // at the later offset
    while (hi - lo > MINUTE_MS) {
      const mid = lo + Math.floor((hi - lo) / MINUTE_MS / 2) * MINUTE_MS;
      if (lookup(mid) === before) lo = mid;
      else hi = mid;
    }
    at = hi;
    transitions.set(window, at);
    return at;
  };

  return (epochMs) => {
    const window = Math.floor(epochMs / OFFSET_WINDOW_MS);
    const before = boundary(window);
    const after = boundary(window + 1);
    if (before === after) return before;
    return epochMs < transitionIn(window, before) ? before : after;
  };
}
