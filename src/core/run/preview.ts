/**
 * What an import would do, before it runs: the rows' identifiers are looked up in batches
 * (one list call per 50 rows) and the purpose table applied, so the review can say how many
 * rows will be added, updated or skipped. It runs in the same loop as an import (loop.ts),
 * with its own pace, and gives up (no preview) rather than guess: a refusal, a fatal answer
 * or the time running out leave the review with the estimate alone.
 */
import { Lookup, Pacer, toApiIdentifier, type HttpResult, type LookupRequest } from '../../api';
import { identifierValueKey } from '../validate';
import type { NextSends, WorkRow } from '../job';
import { decide } from '../plan';
import type { Purpose } from '../rules';
import type { RowOutcome } from '../outcome';
import type { Stepper } from './loop';

export interface Preview {
  willAdd: number;
  willUpdate: number;
  willSkip: number;
  /** Rows the workspace makes errors of (an identifier matching several contacts), and why. */
  failures: WorkspaceFailure[];
}

/** `key` is the row's identifier as the review record keeps it ("phone:+60123456789"). */
export type WorkspaceFailure = { row: number; key: string; reason: string };

export class PreviewRun implements Stepper {
  private readonly lookup: Lookup | null;
  private readonly pacer = new Pacer();
  /** Handed out by the look-up, not yet sent (the pacer said wait). */
  private readonly held: LookupRequest[] = [];
  private readonly inflight = new Map<string, LookupRequest>();
  private stopped = false;

  constructor(
    baseUrl: string,
    private readonly purpose: Purpose,
    private readonly rows: readonly WorkRow[],
  ) {
    // add-all looks nothing up: every row is a new contact.
    this.lookup =
      purpose === 'add-all'
        ? null
        : new Lookup(
            baseUrl,
            rows.flatMap((r) => (r.identifierValue ? [toApiIdentifier(r.identifierValue)] : [])),
          );
  }

  get finished(): boolean {
    if (this.inflight.size > 0) return false;
    return this.stopped || this.lookup === null || this.lookup.done;
  }

  next(now: number, max: number): NextSends {
    const none: NextSends = { sends: [], outcomes: [], waitMs: null, persist: false };
    if (this.lookup === null || this.finished) return none;
    if (this.held.length === 0) this.held.push(...this.lookup.next(max));
    if (this.held.length === 0 && this.inflight.size === 0) {
      // Nothing to ask and nothing awaited, yet not done: give up rather than wait for ever.
      this.stopped = true;
      return none;
    }
    const sends: NextSends['sends'] = [];
    let wait = Infinity;
    for (const request of [...this.held]) {
      const until = this.pacer.wait(request.request.endpoint, now);
      if (until > 0) {
        wait = Math.min(wait, until);
        continue;
      }
      this.pacer.schedule(request.request.endpoint, now);
      this.held.splice(this.held.indexOf(request), 1);
      this.inflight.set(request.tag, request);
      sends.push({ id: request.tag, request: request.request });
    }
    return { ...none, sends, waitMs: sends.length > 0 || wait === Infinity ? null : wait };
  }

  accept(id: string, result: HttpResult, now: number): RowOutcome[] {
    const request = this.inflight.get(id);
    if (!request || this.lookup === null) return [];
    this.inflight.delete(id);
    this.pacer.observe(request.request.endpoint, result, now);
    this.lookup.accept(id, result, now);
    if (this.lookup.fatal) this.stopped = true;
    return [];
  }

  sendLater(ids: readonly string[]): void {
    for (const id of ids) {
      const request = this.inflight.get(id);
      if (!request) continue;
      this.inflight.delete(id);
      this.held.push(request);
    }
  }

  unsent(ids: readonly string[]): void {
    for (const id of ids) this.inflight.delete(id);
    this.stopped = true;
  }

  pause(): void {
    this.stopped = true;
  }

  stop(): void {
    this.stopped = true;
  }

  /** The time is up: a preview is all or nothing. */
  drain(): void {
    this.stopped = true;
  }

  /** The preview, or null when it gave up before every row was looked up. */
  result(): Preview | null {
    const preview: Preview = { willAdd: 0, willUpdate: 0, willSkip: 0, failures: [] };
    if (this.lookup === null) return { ...preview, willAdd: this.rows.length };
    if (this.stopped || !this.lookup.done || this.lookup.fatal) return null;
    for (const row of this.rows) {
      if (!row.identifierValue) continue;
      const found = this.lookup.resultFor(toApiIdentifier(row.identifierValue));
      if (!found) continue;
      const decision = decide(this.purpose, found, false);
      if (decision.action === 'create') preview.willAdd++;
      else if (decision.action === 'update') preview.willUpdate++;
      else if (decision.action === 'skip') preview.willSkip++;
      else
        preview.failures.push({
          row: row.row,
          key: identifierValueKey(row.identifierValue),
          reason: decision.reason.text,
        });
    }
    return preview;
  }
}
