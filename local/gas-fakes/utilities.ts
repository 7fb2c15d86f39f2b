/**
 * Utilities: sleeping on the fakes' clock and Java-style date formatting in a time zone.
 */
import { instrument } from './calls';
import { Fake } from './context';
import { formatJavaDate } from './date-patterns';
import { isDate, resolveZone } from './dates';
import { GasError } from './errors';

/** Google's cap on a single sleep. */
export const MAX_SLEEP_MS = 300_000;

export class FakeUtilities extends Fake {
  sleep(milliseconds: number): void {
    this.ctx.clock.sleep(Math.min(MAX_SLEEP_MS, Number(milliseconds)));
  }

  formatDate(date: Date, timeZone: string, format: string): string {
    if (!isDate(date))
      throw new GasError(
        "The parameters don't match the method signature for Utilities.formatDate.",
      );
    return formatJavaDate(date.getTime(), resolveZone(String(timeZone)), String(format));
  }
}

instrument(FakeUtilities, 'Utilities', 'Utilities');
