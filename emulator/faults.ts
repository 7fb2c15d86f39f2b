/**
 * Fault injection. A spec is a comma-separated list of items:
 *
 *   429:0.02        answer 429 (with Retry-After) to 2% of API requests
 *   449:0.01        answer 449 "in queue" to 1%
 *   500:0.05        answer 500 to 5%       (503:p likewise)
 *   drop-before:p   close the connection without answering, before the request is applied
 *   drop-after:p    apply the request (a write happens), then close the connection unanswered
 *   latency:20      add 20 ms before every API answer; latency:10-50 adds 10 to 50 ms
 *   seq:429-500-ok-drop-after
 *                   the next API requests get these answers in order, one each, before any
 *                   random fault applies; `ok` lets one through untouched
 *   lag:2000        a created contact shows in POST /contact/list only 2000 ms later
 *   retry-after:2   Retry-After seconds on injected 429s (default 1)
 *   seed:7          seed of the fault PRNG (default 1), so random faults are reproducible
 *
 * Probabilities apply independently of endpoint, to authorised API requests that passed the
 * rate limit (admin endpoints are never faulted). An empty spec means no faults.
 */
export type FaultKind = 429 | 449 | 500 | 503 | 'drop-before' | 'drop-after';
export type SequenceItem = FaultKind | 'ok';

export interface FaultSpec {
  probabilities: { kind: FaultKind; p: number }[];
  latencyMs: [number, number];
  sequence: SequenceItem[];
  lagMs: number;
  retryAfterSeconds: number;
  seed: number;
}

export function noFaults(): FaultSpec {
  return {
    probabilities: [],
    latencyMs: [0, 0],
    sequence: [],
    lagMs: 0,
    retryAfterSeconds: 1,
    seed: 1,
  };
}

const STATUS_KINDS = new Set(['429', '449', '500', '503']);

export type ParsedFaults = { ok: true; spec: FaultSpec } | { ok: false; message: string };

export function parseFaults(text: string): ParsedFaults {
  const spec = noFaults();
  for (const raw of text.split(',')) {
    const item = raw.trim();
    if (item === '') continue;
    const colon = item.indexOf(':');
    if (colon < 0) return bad(`"${item}" needs a value after ":"`);
    const name = item.slice(0, colon).trim().toLowerCase();
    const value = item.slice(colon + 1).trim();
    if (STATUS_KINDS.has(name) || name === 'drop-before' || name === 'drop-after') {
      const p = Number(value);
      if (value === '' || !(p >= 0 && p <= 1)) return bad(`"${item}": the probability must be 0–1`);
      const kind = (STATUS_KINDS.has(name) ? Number(name) : name) as FaultKind;
      spec.probabilities.push({ kind, p });
    } else if (name === 'latency') {
      const m = /^(\d+)(?:-(\d+))?$/.exec(value);
      if (!m) return bad(`"${item}": latency is ms or min-max ms`);
      const min = Number(m[1]);
      const max = m[2] === undefined ? min : Number(m[2]);
      if (max < min) return bad(`"${item}": max below min`);
      spec.latencyMs = [min, max];
    } else if (name === 'seq') {
      const sequence = parseSequence(value);
      if (sequence === null)
        return bad(`"${item}": use 429, 449, 500, 503, ok, drop-before, drop-after joined by "-"`);
      spec.sequence = sequence;
    } else if (name === 'lag' || name === 'retry-after' || name === 'seed') {
      const n = Number(value);
      if (value === '' || !Number.isFinite(n) || n < 0)
        return bad(`"${item}": a number ≥ 0 is needed`);
      if (name === 'lag') spec.lagMs = n;
      else if (name === 'retry-after') spec.retryAfterSeconds = Math.round(n);
      else spec.seed = Math.floor(n);
    } else {
      return bad(`unknown fault "${name}"`);
    }
  }
  const total = spec.probabilities.reduce((sum, f) => sum + f.p, 0);
  if (total > 1) return bad('the fault probabilities add up to more than 1');
  return { ok: true, spec };
}

function parseSequence(value: string): SequenceItem[] | null {
  const tokens = value.split('-').map((t) => t.trim().toLowerCase());
  const out: SequenceItem[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i] as string;
    if (STATUS_KINDS.has(token)) out.push(Number(token) as FaultKind);
    else if (token === 'ok') out.push('ok');
    else if (token === 'drop' && (tokens[i + 1] === 'before' || tokens[i + 1] === 'after')) {
      out.push(`drop-${tokens[i + 1] as 'before' | 'after'}`);
      i++;
    } else return null;
  }
  return out;
}

function bad(message: string): ParsedFaults {
  return { ok: false, message: `Bad --faults spec: ${message}.` };
}

/** Decides, request by request, which fault (if any) applies. */
export class FaultPlan {
  private position = 0;

  constructor(
    readonly spec: FaultSpec,
    private readonly random: () => number,
  ) {}

  next(): FaultKind | null {
    if (this.position < this.spec.sequence.length) {
      const item = this.spec.sequence[this.position++] as SequenceItem;
      return item === 'ok' ? null : item;
    }
    if (this.spec.probabilities.length === 0) return null;
    let r = this.random();
    for (const { kind, p } of this.spec.probabilities) {
      if (r < p) return kind;
      r -= p;
    }
    return null;
  }

  latency(): number {
    const [min, max] = this.spec.latencyMs;
    return max <= min ? min : min + Math.floor(this.random() * (max - min + 1));
  }
}
