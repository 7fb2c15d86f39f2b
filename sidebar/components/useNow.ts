import { useEffect, useState } from 'preact/hooks';

/** The current time, refreshed every `everyMs`, so "stale" notices appear while the sidebar sits open. */
export function useNow(everyMs: number): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), everyMs);
    return () => clearInterval(timer);
  }, [everyMs]);
  return now;
}
