/* global document, window, performance, requestAnimationFrame */
/**
 * The spreadsheet grid: row numbers and column letters, cells as displayed with their
 * effective colours, notes on hover, frozen rows and columns, hidden rows and columns, the
 * filter's header buttons, the selection, and in-cell editing.
 *
 * Only the rows in view are in the DOM (a spacer row stands for the others), so a sheet of
 * 10,000 rows draws as fast as one of 200. Cells come from a CellStore in blocks.
 */
import { areaA1, areaBetween, cellA1, columnLetters, contains, sameArea } from './a1.mjs';
import { BLOCK_ROWS, CellStore } from './cells.mjs';

const ROW_HEIGHT = 21;
const HEADER_HEIGHT = 24;
const ROW_NUMBER_WIDTH = 46;
const DEFAULT_COLUMN_WIDTH = 100;
const HIDDEN_COLUMN_WIDTH = 6;
/** About the average width of a character at 13 px Arial: longer text is clipped. */
const CHAR_WIDTH = 7;
/** Rows drawn above and below the view, so a scroll shows drawn rows while new ones come. */
const OVERSCAN = 12;

const ESCAPES = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
const escapeHtml = (text) => String(text).replace(/[&<>"']/g, (c) => ESCAPES[c]);

export class Grid {
  /**
   * @param scroller  the scrolling element (holds the table and the cell editor)
   * @param handlers  {select(sheet, a1), edit(sheet, a1, text|null), selectionShown(info)}
   */
  constructor(scroller, handlers) {
    this.scroller = scroller;
    this.handlers = handlers;
    this.table = scroller.querySelector('table');
    this.editor = scroller.querySelector('.cell-editor');
    this.cells = new CellStore(() => this.requestRender());
    this.layout = null;
    this.rows = []; // sheet rows drawn in the body, in order (frozen and hidden ones left out)
    this.frozen = []; // frozen sheet rows not hidden
    this.selection = null; // {row, column, numRows, numColumns}
    this.anchor = null; // the cell a shift-click or shift-arrow extends from
    this.active = null; // the active cell {row, column}
    this.pendingSelects = 0;
    this.dragging = false;
    this.editing = null; // {row, column, original}
    this.frame = 0;
    this.stats = { renders: 0, lastRenderMs: 0, firstDataRenderMs: null, rowsInDom: 0 };
    this.bindEvents();
  }

  // ------------------------------------------------------------------ layout

  /** A new layout from the server (after any change, or another tab). */
  setLayout(layout) {
    const newSheet = !this.layout || this.layout.name !== layout.name;
    if (newSheet) {
      this.cells.reset(layout.name);
      this.cancelEdit();
      this.scroller.scrollTop = 0;
      this.scroller.scrollLeft = 0;
    }
    this.layout = layout;
    this.cells.update(layout.contentVersion, layout.lastRow);
    this.computeRows();
    this.computeColumns();
    // The add-on (or another tab) moved the selection: follow it, unless the person is making
    // their own selection, or it is still on its way to the server.
    const settled = this.pendingSelects === 0 && !this.dragging && !this.editing;
    if (newSheet || (settled && !sameArea(layout.activeRange, this.selection))) {
      this.adoptSelection(layout.activeRange, !newSheet || layout.activeRange !== null);
    }
    this.render();
  }

  computeRows() {
    const { maxRows, frozenRows, hiddenRows } = this.layout;
    const hidden = new Set(hiddenRows);
    this.frozen = [];
    this.rows = [];
    for (let r = 1; r <= maxRows; r++) {
      if (hidden.has(r)) continue;
      if (r <= frozenRows) this.frozen.push(r);
      else this.rows.push(r);
    }
    this.hiddenSet = hidden;
  }

  computeColumns() {
    const { columns, columnWidths, hiddenColumns } = this.layout;
    const hidden = new Set(hiddenColumns);
    this.widths = [ROW_NUMBER_WIDTH];
    this.lefts = [0];
    let x = ROW_NUMBER_WIDTH;
    for (let c = 1; c <= columns; c++) {
      const width = hidden.has(c) ? HIDDEN_COLUMN_WIDTH : columnWidths[c] || DEFAULT_COLUMN_WIDTH;
      this.widths[c] = width;
      this.lefts[c] = x;
      x += width;
    }
    this.totalWidth = x;
    this.hiddenColumns = hidden;
  }

  // ------------------------------------------------------------------ drawing

  requestRender() {
    if (this.frame) return;
    this.frame = requestAnimationFrame(() => {
      this.frame = 0;
      this.render();
    });
  }

  render() {
    if (!this.layout) return;
    const started = performance.now();
    const view = this.scroller.clientHeight - HEADER_HEIGHT - this.frozen.length * ROW_HEIGHT;
    const first = Math.max(0, Math.floor(this.scroller.scrollTop / ROW_HEIGHT) - OVERSCAN);
    const count = Math.ceil(Math.max(view, ROW_HEIGHT) / ROW_HEIGHT) + 2 * OVERSCAN;
    const last = Math.min(this.rows.length, first + count);
    const bodyRows = this.rows.slice(first, last);
    this.fetchRows(bodyRows);

    this.table.style.width = this.totalWidth + 'px';
    this.table.innerHTML =
      this.colgroupHtml() +
      '<thead>' +
      this.letterRowHtml() +
      this.frozen.map((r, i) => this.rowHtml(r, HEADER_HEIGHT + i * ROW_HEIGHT)).join('') +
      '</thead><tbody>' +
      spacer(first * ROW_HEIGHT, this.layout.columns + 1) +
      bodyRows.map((r) => this.rowHtml(r, null)).join('') +
      spacer((this.rows.length - last) * ROW_HEIGHT, this.layout.columns + 1) +
      '</tbody>';

    const ms = performance.now() - started;
    this.stats.renders++;
    this.stats.lastRenderMs = ms;
    this.stats.rowsInDom = bodyRows.length + this.frozen.length;
    if (this.stats.firstDataRenderMs === null && this.cells.cell(1, 1) !== null) {
      this.stats.firstDataRenderMs = performance.now();
    }
    // The formula bar shows the active cell, whose block may have just arrived or changed.
    this.announceSelection();
  }

  fetchRows(bodyRows) {
    const wanted = [...this.frozen, ...bodyRows].filter((r) => r <= this.layout.lastRow);
    if (wanted.length === 0) return;
    // Frozen rows and the rows in view; one block per hundred rows.
    this.cells.ensure(wanted[0], wanted[0]);
    if (bodyRows.length > 0) {
      this.cells.ensure(bodyRows[0], bodyRows[bodyRows.length - 1]);
      // The next block too, so a steady scroll rarely shows empty rows.
      const after = bodyRows[bodyRows.length - 1] + 1;
      this.cells.ensure(after, after + BLOCK_ROWS - 1);
    }
  }

  colgroupHtml() {
    let html = '<colgroup>';
    for (let c = 0; c <= this.layout.columns; c++)
      html += `<col style="width:${this.widths[c]}px">`;
    return html + '</colgroup>';
  }

  letterRowHtml() {
    const sel = this.selection;
    let html = `<tr class="letters"><th class="corner" style="${this.stickyLeft(0)}"></th>`;
    for (let c = 1; c <= this.layout.columns; c++) {
      const classes = ['letter'];
      if (this.hiddenColumns.has(c)) classes.push('hidden-col');
      if (sel && c >= sel.column && c < sel.column + sel.numColumns) classes.push('in-sel');
      const title = this.hiddenColumns.has(c)
        ? ` title="Column ${columnLetters(c)} is hidden"`
        : '';
      const label = this.hiddenColumns.has(c) ? '' : columnLetters(c);
      if (c === this.layout.frozenColumns) classes.push('last-frozen-col');
      html += `<th class="${classes.join(' ')}" data-col="${c}"${title} style="${this.stickyLeft(c, true)}">${label}</th>`;
    }
    return html + '</tr>';
  }

  /** One sheet row; `top` is its sticky offset when frozen, else null. */
  rowHtml(r, top) {
    const sel = this.selection;
    const frozen = top !== null;
    const stickTop = frozen ? `top:${top}px;` : '';
    const rowClasses = [];
    if (frozen && r === this.frozen[this.frozen.length - 1]) rowClasses.push('last-frozen');
    if (this.hiddenSet.has(r - 1) && r > 1) rowClasses.push('after-hidden');
    const numClasses = ['rownum'];
    if (sel && r >= sel.row && r < sel.row + sel.numRows) numClasses.push('in-sel');
    const hiddenBefore = rowClasses.includes('after-hidden')
      ? ' title="Rows above are hidden"'
      : '';
    let html = `<tr class="${rowClasses.join(' ')}"><th class="${numClasses.join(' ')}" data-r="${r}"${hiddenBefore} style="${stickTop}${this.stickyLeft(0)}">${r}</th>`;
    const filter = this.layout.filter;
    // Grid lines under text that runs on from a cell to their left are not drawn.
    let crossedUntil = 0;
    for (let c = 1; c <= this.layout.columns; c++) {
      const spill = this.spillOf(r, c, frozen, filter);
      crossedUntil = Math.max(crossedUntil, spill.to);
      html += this.cellHtml(r, c, stickTop, filter, spill.width, c < crossedUntil);
    }
    return html + '</tr>';
  }

  /**
   * Text too wide for its column runs on over the empty cells to its right, as in Sheets
   * (an Error message over the still-empty Import Status and Contact ID, say): the width it
   * takes and the last column it reaches ({width: 0, to: c} when it stays in its cell).
   * Numbers, dates and booleans, frozen rows and columns, filter headers and text that fits
   * stay put; a cell with content or a note, or a hidden column, stops it.
   */
  spillOf(r, c, frozenRow, filter) {
    const none = { width: 0, to: c };
    const cell = this.hiddenColumns.has(c) ? null : this.cells.cell(r, c);
    if (!cell || !cell.d || cell.a !== '' || frozenRow || c <= this.layout.frozenColumns) {
      return none;
    }
    if (filter && r === filter.area.row) return none;
    const needed = cell.d.length * CHAR_WIDTH + 8;
    let width = this.widths[c];
    let to = c;
    for (let n = c + 1; n <= this.layout.columns && width < needed; n++) {
      const next = this.cells.cell(r, n);
      if (this.hiddenColumns.has(n) || !next || next.d !== '' || next.note) break;
      width += this.widths[n];
      to = n;
    }
    return to > c ? { width: Math.min(width, needed), to } : none;
  }

  /** One cell; `spill` is the width its text runs on to, `crossed` hides its right grid line. */
  cellHtml(r, c, stickTop, filter, spill = 0, crossed = false) {
    if (this.hiddenColumns.has(c)) {
      return `<td class="hidden-col" data-r="${r}" data-c="${c}" style="${stickTop}${this.stickyLeft(c, stickTop !== '')}"></td>`;
    }
    const cell = this.cells.cell(r, c);
    const classes = [];
    let style = stickTop + this.stickyLeft(c, stickTop !== '');
    let title = '';
    let content = '';
    if (cell) {
      if (cell.b) style += `background-color:${cell.b};`;
      if (cell.f) style += `color:${cell.f};`;
      if (cell.w) style += 'font-weight:bold;';
      if (cell.a === 'r') classes.push('num');
      else if (cell.a === 'c') classes.push('bool');
      if (cell.note) {
        classes.push('has-note');
        title = ` title="${escapeHtml(cell.note)}"`;
      } else if (cell.d.length * CHAR_WIDTH > this.widths[c]) {
        // Clipped text (an Error message, say) reads in full on hover, or in the formula bar.
        title = ` title="${escapeHtml(cell.d)}"`;
      }
      if (spill > 0) {
        // The cell's padding is 3 px a side; the text box starts inside it.
        style += 'overflow:visible;';
        content = `<span class="spill" style="width:${spill - 6}px">${escapeHtml(cell.d)}</span>`;
      } else content = escapeHtml(cell.d);
    }
    if (c === this.layout.frozenColumns) classes.push('last-frozen-col');
    if (crossed) classes.push('crossed');
    if (contains(this.selection, r, c)) classes.push('sel');
    if (this.active && this.active.row === r && this.active.column === c) classes.push('active');
    if (
      filter &&
      r === filter.area.row &&
      c >= filter.area.column &&
      c < filter.area.column + filter.area.numColumns
    ) {
      const on = filter.columnsWithCriteria.includes(c) ? ' on' : '';
      content += `<span class="filter-btn${on}" title="${on ? 'Filtered' : 'Filter'}"></span>`;
      classes.push('filter-head');
    }
    return `<td class="${classes.join(' ')}" data-r="${r}" data-c="${c}"${title} style="${style}">${content}</td>`;
  }

  /** Row numbers and frozen columns stay in place when scrolling sideways. */
  stickyLeft(c, inHead = false) {
    if (c === 0) return 'left:0;';
    // In a frozen row (sticky top) the cell must also stack above the other frozen-row cells.
    if (c <= this.layout.frozenColumns) {
      return `position:sticky;z-index:${inHead ? 4 : 1};left:${this.lefts[c]}px;`;
    }
    return '';
  }

  // ------------------------------------------------------------------ selection

  adoptSelection(area, scroll) {
    this.selection = area;
    this.active = area ? { row: area.row, column: area.column } : null;
    this.anchor = this.active;
    if (scroll && area) this.scrollIntoView(area.row, area.column);
  }

  isOnlySelected(cell) {
    return sameArea(this.selection, { ...cell, numRows: 1, numColumns: 1 });
  }

  /** The person selects: drawn at once, sent to the server (the add-on reads it). */
  select(anchor, focus, { send = true } = {}) {
    this.anchor = anchor;
    this.active = anchor;
    this.selection = areaBetween(anchor, focus);
    this.scrollIntoView(focus.row, focus.column);
    this.render();
    if (send) this.sendSelection();
  }

  sendSelection() {
    if (!this.layout || !this.selection) return;
    this.pendingSelects++;
    Promise.resolve(this.handlers.select(this.layout.name, areaA1(this.selection))).finally(() => {
      this.pendingSelects--;
    });
  }

  announceSelection() {
    const active = this.active;
    const cell = active ? this.cells.cell(active.row, active.column) : null;
    this.handlers.selectionShown({
      name: this.selection ? areaA1(this.selection) : '',
      content: cell ? cell.formula || cell.d : '',
    });
  }

  scrollIntoView(row, column) {
    const index = this.rows.indexOf(row);
    if (index >= 0) {
      const top = index * ROW_HEIGHT;
      const view = this.scroller.clientHeight - HEADER_HEIGHT - this.frozen.length * ROW_HEIGHT;
      if (top < this.scroller.scrollTop) this.scroller.scrollTop = top;
      else if (top + ROW_HEIGHT > this.scroller.scrollTop + view) {
        this.scroller.scrollTop = top + ROW_HEIGHT - view;
      }
    }
    if (column >= 1 && column <= this.layout.columns && column > this.layout.frozenColumns) {
      const frozenWidth = this.lefts[this.layout.frozenColumns + 1] ?? ROW_NUMBER_WIDTH;
      const left = this.lefts[column];
      const right = left + this.widths[column];
      if (left - frozenWidth < this.scroller.scrollLeft)
        this.scroller.scrollLeft = left - frozenWidth;
      else if (right > this.scroller.scrollLeft + this.scroller.clientWidth) {
        this.scroller.scrollLeft = right - this.scroller.clientWidth;
      }
    }
  }

  /** The next drawn row or column from `from`, `step` rows/columns away, skipping hidden ones. */
  moveFrom(from, dr, dc) {
    let row = from.row;
    let column = from.column;
    const allRows = [...this.frozen, ...this.rows];
    if (dr !== 0) {
      const i = allRows.indexOf(row);
      row = allRows[Math.max(0, Math.min(allRows.length - 1, i + dr))] ?? row;
    }
    for (let step = 0; dc !== 0 && step < this.layout.columns; step++) {
      const next = column + Math.sign(dc);
      if (next < 1 || next > this.layout.columns) break;
      column = next;
      if (!this.hiddenColumns.has(column)) break;
    }
    return { row, column };
  }

  // ------------------------------------------------------------------ editing

  startEdit(initial) {
    if (!this.active || !this.layout) return;
    const { row, column } = this.active;
    const td = this.table.querySelector(`td[data-r="${row}"][data-c="${column}"]`);
    if (!td) return;
    const cell = this.cells.cell(row, column);
    const original = cell ? cell.formula || cell.d : '';
    this.editing = { row, column, original, sheet: this.layout.name };
    const box = td.getBoundingClientRect();
    const outer = this.scroller.getBoundingClientRect();
    Object.assign(this.editor.style, {
      display: 'block',
      top: box.top - outer.top + this.scroller.scrollTop + 'px',
      left: box.left - outer.left + this.scroller.scrollLeft + 'px',
      minWidth: box.width + 'px',
      height: box.height + 'px',
    });
    this.editor.value = initial ?? original;
    this.editor.focus();
    const end = this.editor.value.length;
    this.editor.setSelectionRange(end, end);
  }

  /** Enter, Tab or a click elsewhere: the value goes to the sheet as typed text. */
  commitEdit(dr = 0, dc = 0) {
    const editing = this.editing;
    if (!editing) return;
    this.editing = null;
    this.editor.style.display = 'none';
    const text = this.editor.value;
    if (text !== editing.original) {
      this.cells.setTyped(editing.row, editing.column, text);
      this.handlers.edit(editing.sheet, cellA1(editing.row, editing.column), text);
    }
    const next = this.moveFrom(editing, dr, dc);
    this.select(next, next);
    this.scroller.focus({ preventScroll: true });
  }

  cancelEdit() {
    if (!this.editing) return;
    this.editing = null;
    this.editor.style.display = 'none';
    this.scroller.focus({ preventScroll: true });
  }

  clearSelection() {
    if (!this.selection || !this.layout) return;
    const area = this.selection;
    for (let r = area.row; r < area.row + area.numRows; r++) {
      for (let c = area.column; c < area.column + area.numColumns; c++)
        this.cells.setTyped(r, c, '');
    }
    this.render();
    this.handlers.edit(this.layout.name, areaA1(area), null);
  }

  // ------------------------------------------------------------------ events

  bindEvents() {
    this.scroller.addEventListener('scroll', () => this.requestRender(), { passive: true });
    window.addEventListener('resize', () => this.requestRender());
    this.table.addEventListener('mousedown', (e) => this.onMouseDown(e));
    this.scroller.addEventListener('keydown', (e) => this.onKeyDown(e));
    this.editor.addEventListener('keydown', (e) => this.onEditorKey(e));
    this.editor.addEventListener('blur', () => this.commitEdit(0, 0));
  }

  onMouseDown(e) {
    if (this.editing) this.commitEdit(0, 0);
    const target = e.target;
    const td = target.closest('td[data-r]');
    const letter = target.closest('th[data-col]');
    const rowNumber = target.closest('th[data-r]');
    const lastColumn = Math.max(1, this.layout.lastColumn);
    if (td) {
      const cell = { row: Number(td.dataset.r), column: Number(td.dataset.c) };
      if (e.shiftKey && this.anchor) this.select(this.anchor, cell);
      else if (!this.isOnlySelected(cell)) this.select(cell, cell);
      if (e.detail >= 2) {
        // A double click edits. Counted on mousedown because each draw replaces the cells,
        // and a dblclick event needs both clicks on one element.
        e.preventDefault();
        this.startEdit(null);
        return;
      }
      this.dragFrom(cell);
    } else if (rowNumber) {
      const row = Number(rowNumber.dataset.r);
      this.select({ row, column: 1 }, { row, column: lastColumn });
    } else if (letter) {
      const column = Number(letter.dataset.col);
      const lastRow = Math.max(1, this.layout.lastRow);
      this.select({ row: 1, column }, { row: lastRow, column });
    } else return;
    e.preventDefault();
    this.scroller.focus({ preventScroll: true });
  }

  /** Dragging over cells extends the selection; it is sent once, on release. */
  dragFrom(anchor) {
    let focus = anchor;
    this.dragging = true;
    const move = (e) => {
      const td = e.target.closest && e.target.closest('td[data-r]');
      if (!td) return;
      const cell = { row: Number(td.dataset.r), column: Number(td.dataset.c) };
      if (cell.row === focus.row && cell.column === focus.column) return;
      focus = cell;
      this.select(anchor, focus, { send: false });
    };
    const up = () => {
      this.dragging = false;
      document.removeEventListener('mouseover', move);
      document.removeEventListener('mouseup', up);
      if (focus !== anchor) this.sendSelection();
    };
    document.addEventListener('mouseover', move);
    document.addEventListener('mouseup', up);
  }

  onKeyDown(e) {
    if (this.editing || !this.active || e.target !== this.scroller) return;
    const moves = { ArrowUp: [-1, 0], ArrowDown: [1, 0], ArrowLeft: [0, -1], ArrowRight: [0, 1] };
    if (moves[e.key]) {
      const [dr, dc] = moves[e.key];
      if (e.shiftKey) {
        const focus = this.focusCorner();
        this.select(this.anchor, this.moveFrom(focus, dr, dc));
      } else {
        const next = this.moveFrom(this.active, dr, dc);
        this.select(next, next);
      }
    } else if (e.key === 'Tab') {
      const next = this.moveFrom(this.active, 0, e.shiftKey ? -1 : 1);
      this.select(next, next);
    } else if (e.key === 'Enter' || e.key === 'F2') {
      this.startEdit(null);
    } else if (e.key === 'Delete' || e.key === 'Backspace') {
      this.clearSelection();
    } else if (e.key.length === 1 && !e.ctrlKey && !e.metaKey && !e.altKey) {
      this.startEdit(e.key);
    } else return;
    e.preventDefault();
  }

  onEditorKey(e) {
    if (e.key === 'Enter' && !e.altKey) this.commitEdit(e.shiftKey ? -1 : 1, 0);
    else if (e.key === 'Tab') this.commitEdit(0, e.shiftKey ? -1 : 1);
    else if (e.key === 'Escape') this.cancelEdit();
    else return;
    e.preventDefault();
  }

  /** The selection's corner opposite the anchor (where shift-arrows move). */
  focusCorner() {
    const s = this.selection;
    const a = this.anchor;
    return {
      row: a.row === s.row ? s.row + s.numRows - 1 : s.row,
      column: a.column === s.column ? s.column + s.numColumns - 1 : s.column,
    };
  }
}

function spacer(height, columns) {
  if (height <= 0) return '';
  return `<tr class="spacer" style="height:${height}px"><td colspan="${columns}"></td></tr>`;
}
