/* global URLSearchParams */
/**
 * The page's copy of the sheet's cells, fetched in blocks of rows as they scroll into view.
 * A block read before the sheet last changed is stale: it is still drawn (no flicker) while
 * a fresh copy is fetched.
 */
import { getJson } from './api.mjs';

export const BLOCK_ROWS = 100;

export class CellStore {
  constructor(onLoaded) {
    this.onLoaded = onLoaded;
    this.sheet = null;
    this.version = 0;
    this.lastRow = 0;
    this.blocks = new Map();
    this.loading = new Map();
  }

  /** Another tab: nothing cached applies. */
  reset(sheet) {
    this.sheet = sheet;
    this.blocks.clear();
    this.loading.clear();
  }

  /** The sheet's content version and extent from the latest layout. */
  update(version, lastRow) {
    this.version = version;
    this.lastRow = lastRow;
  }

  /** {d, b, f, w, note, a, formula} for a cell, or null when its block is not here yet. */
  cell(row, column) {
    const block = this.blocks.get(Math.floor((row - 1) / BLOCK_ROWS));
    const line = block && block.rows[row - block.from];
    if (!line) return null;
    const i = column - 1;
    return {
      d: line.d[i] ?? '',
      b: line.b ? line.b[i] : null,
      f: line.f ? line.f[i] : null,
      w: line.w ? line.w[i] === 1 : false,
      note: line.notes ? line.notes[i] : null,
      a: line.a ? line.a[i] : '',
      formula: line.formulas ? line.formulas[i] : null,
    };
  }

  /** Fetches the blocks covering rows `from`..`to` that are missing or stale. */
  ensure(from, to) {
    const last = Math.min(to, this.lastRow);
    for (let b = Math.floor((from - 1) / BLOCK_ROWS); b * BLOCK_ROWS < last; b++) {
      const block = this.blocks.get(b);
      const fresh = block && block.version >= this.version;
      if (!fresh && this.loading.get(b) !== this.version) this.load(b);
    }
  }

  /** Shows what the person typed until the sheet's own display value arrives. */
  setTyped(row, column, text) {
    const block = this.blocks.get(Math.floor((row - 1) / BLOCK_ROWS));
    const line = block && block.rows[row - block.from];
    if (line) line.d[column - 1] = text;
  }

  load(b) {
    const sheet = this.sheet;
    const version = this.version;
    this.loading.set(b, version);
    const from = b * BLOCK_ROWS + 1;
    const query = new URLSearchParams({
      sheet,
      from: String(from),
      to: String(from + BLOCK_ROWS - 1),
    });
    getJson('/api/cells?' + query.toString())
      .then((block) => {
        if (this.sheet !== sheet) return;
        this.blocks.set(b, { from: block.from, rows: block.rows, version: block.contentVersion });
        this.onLoaded();
      })
      .catch(() => {
        // The next layout refresh or scroll asks again.
      })
      .finally(() => {
        if (this.loading.get(b) === version) this.loading.delete(b);
      });
  }
}
