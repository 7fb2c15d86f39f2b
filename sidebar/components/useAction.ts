import { useCallback, useEffect, useRef, useState } from 'preact/hooks';

/**
 * One server action as a person sees it: whether it is under way and what went wrong, in
 * the server's own words. Each button gets its own, so an error shows next to what caused it.
 */
export function useAction() {
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const mounted = useRef(true);
  useEffect(
    () => () => {
      mounted.current = false;
    },
    [],
  );

  const run = useCallback(async <T>(work: () => Promise<T>): Promise<T | undefined> => {
    setPending(true);
    setError(null);
    try {
      return await work();
    } catch (e) {
      if (mounted.current) setError(e instanceof Error ? e.message : String(e));
      return undefined;
    } finally {
      if (mounted.current) setPending(false);
    }
  }, []);

  return { pending, error, run, clear: () => setError(null) };
}
