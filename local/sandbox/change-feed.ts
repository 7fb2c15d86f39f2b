/**
 * Tells the page what changed, over server-sent events. The fakes report every change
 * synchronously, often hundreds in one execution (a write per column per slice), so changes
 * are gathered and sent once the thread is free again: while an execution runs the thread is
 * busy anyway, and the page then refreshes once, as Sheets does when a script flushes.
 */
import type { ServerResponse } from 'node:http';
import type { ChangeEvent, GasFakes } from '../gas-fakes';

/** What one `change` event says: which sheets' cells changed, and a version to compare. */
export interface ChangeMessage {
  version: number;
  /** Sheets whose cells, formats, filter or structure changed (their blocks are stale). */
  sheets: string[];
}

/** Change kinds that touch what the grid shows in cells, rather than only the selection. */
const CONTENT_KINDS = new Set<ChangeEvent['kind']>([
  'values',
  'formats',
  'notes',
  'structure',
  'conditionalFormats',
  'filter',
  'visibility',
  'sheets',
]);
const KEEP_ALIVE_MS = 15_000;
const GATHER_MS = 25;

export class ChangeFeed {
  private readonly clients = new Set<ServerResponse>();
  private readonly dirtySheets = new Set<string>();
  private readonly sheetVersions = new Map<string, number>();
  private version = 0;
  private timer: NodeJS.Timeout | null = null;
  private readonly keepAlive: NodeJS.Timeout;
  private readonly unsubscribe: () => void;

  constructor(fakes: GasFakes) {
    this.unsubscribe = fakes.spreadsheet.onChange((event) => this.record(event));
    this.keepAlive = setInterval(() => this.write(': keep-alive\n\n'), KEEP_ALIVE_MS);
    this.keepAlive.unref();
  }

  /** A sheet's content version: it moves whenever the sheet's cells or layout change. */
  sheetVersion(name: string): number {
    return this.sheetVersions.get(name) ?? 0;
  }

  get currentVersion(): number {
    return this.version;
  }

  /** Answers GET /api/events: keeps the response open and streams events into it. */
  attach(res: ServerResponse): void {
    res.writeHead(200, {
      'Content-Type': 'text/event-stream; charset=utf-8',
      'Cache-Control': 'no-store',
      Connection: 'keep-alive',
    });
    res.write(`event: hello\ndata: ${JSON.stringify({ version: this.version })}\n\n`);
    this.clients.add(res);
    res.on('close', () => this.clients.delete(res));
  }

  /** Something besides the cells changed (sidebar, menus, notices): the page re-reads its state. */
  touch(): void {
    this.schedule();
  }

  /** Sent at once, not gathered: the page shows it while the thread is about to be blocked. */
  busy(label: string | null, queued: number): void {
    this.send('busy', { label, queued });
  }

  close(): void {
    this.unsubscribe();
    clearInterval(this.keepAlive);
    if (this.timer) clearTimeout(this.timer);
    for (const res of this.clients) res.end();
    this.clients.clear();
  }

  private record(event: ChangeEvent): void {
    if (event.sheet !== undefined && CONTENT_KINDS.has(event.kind)) {
      this.dirtySheets.add(event.sheet);
      this.sheetVersions.set(event.sheet, this.sheetVersion(event.sheet) + 1);
    }
    this.schedule();
  }

  private schedule(): void {
    this.timer ??= setTimeout(() => this.flush(), GATHER_MS);
  }

  private flush(): void {
    this.timer = null;
    this.version++;
    const message: ChangeMessage = { version: this.version, sheets: [...this.dirtySheets] };
    this.dirtySheets.clear();
    this.send('change', message);
  }

  private send(event: string, data: unknown): void {
    this.write(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
  }

  private write(text: string): void {
    for (const res of this.clients) res.write(text);
  }
}
