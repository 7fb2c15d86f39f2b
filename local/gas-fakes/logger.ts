/**
 * Logger: the only log inside the bare context (there is no console there). Lines are kept
 * for tests; `Logger.log(format, ...values)` fills %s, %d and %f like Apps Script.
 */
import { instrument } from './calls';
import { Fake, type FakeContext } from './context';

export class LogLines {
  readonly lines: string[] = [];
}

function show(value: unknown): string {
  if (typeof value === 'string') return value;
  if (value === undefined) return 'undefined';
  if (Object.prototype.toString.call(value) === '[object Date]') return String(value);
  if (value instanceof Error || Object.prototype.toString.call(value) === '[object Error]')
    return String(value);
  // Apps Script objects print as their class name ("Range").
  if (value instanceof Fake) return String(value);
  if (value !== null && typeof value === 'object') {
    try {
      return JSON.stringify(value);
    } catch {
      return String(value);
    }
  }
  return String(value);
}

export function formatLogLine(args: unknown[]): string {
  const [first, ...rest] = args;
  if (typeof first !== 'string' || rest.length === 0) return args.map(show).join(' ');
  let i = 0;
  const line = first.replace(/%[sdfo%]/g, (spec) => {
    if (spec === '%%') return '%';
    if (i >= rest.length) return spec;
    const value = rest[i++];
    if (spec === '%d') return String(Math.trunc(Number(value)));
    if (spec === '%f') return String(Number(value));
    return show(value);
  });
  return line;
}

export class FakeLogger extends Fake {
  constructor(
    ctx: FakeContext,
    private readonly sink: LogLines,
  ) {
    super(ctx);
  }

  log(...args: unknown[]): FakeLogger {
    this.sink.lines.push(formatLogLine(args));
    return this;
  }
}

instrument(FakeLogger, 'Logger', 'Logger');
