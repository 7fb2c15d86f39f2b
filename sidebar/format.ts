/** Numbers, times and durations as a person reads them in the sidebar. */

export function count(n: number): string {
  return n.toLocaleString('en');
}

export function plural(n: number, one: string, many = `${one}s`): string {
  return `${count(n)} ${n === 1 ? one : many}`;
}

/** "less than a minute", "about 4 min", "about 2 h 10 min". */
export function duration(seconds: number): string {
  if (seconds < 60) return 'less than a minute';
  const minutes = Math.round(seconds / 60);
  if (minutes < 60) return `about ${minutes} min`;
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  return m === 0 ? `about ${h} h` : `about ${h} h ${m} min`;
}

/** An ISO time as "22 Nov, 09:30" (or with the year when it is not this year). */
export function when(iso: string, now = new Date()): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  const sameYear = d.getFullYear() === now.getFullYear();
  return d.toLocaleString('en-GB', {
    day: 'numeric',
    month: 'short',
    year: sameYear ? undefined : 'numeric',
    hour: '2-digit',
    minute: '2-digit',
  });
}

/** Milliseconds since an ISO time (Infinity when it cannot be read: treat as old). */
export function ageMs(iso: string, now: number): number {
  const t = Date.parse(iso);
  return Number.isNaN(t) ? Infinity : now - t;
}
