/**
 * Benchmarks print their figures and merge them into bench/results.json under a key of their own,
 * so one file always holds the latest figure of every benchmark. Tests never read it.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export const RESULTS_FILE = join(__dirname, 'results.json');

export function recordResult(key: string, figures: Record<string, number | string>): void {
  const all: Record<string, unknown> = existsSync(RESULTS_FILE)
    ? JSON.parse(readFileSync(RESULTS_FILE, 'utf8'))
    : {};
  all[key] = { ...figures, measured_at: new Date().toISOString() };
  writeFileSync(RESULTS_FILE, JSON.stringify(all, null, 2) + '\n');
  console.log(`${key}: ${JSON.stringify(figures)}`);
}

/** Peak resident set size of this process so far, in MB. */
export function peakRssMb(): number {
  return Math.round(process.resourceUsage().maxRSS / 1024);
}
