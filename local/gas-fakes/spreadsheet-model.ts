/**
 * The data of the spreadsheet: its sheets, what is active, settings and change listeners.
 * The facades in spreadsheet.ts read and change it; test handles do too, without
 * counting calls.
 */
import { resolveZone, type Zone } from './dates';
import { GasError } from './errors';
import { SheetModel, type ChangeKind, type GridRange, type SheetHost } from './sheet-model';

export interface ChangeEvent {
  kind: ChangeKind | 'sheets' | 'selection';
  /** The sheet concerned, when there is one. */
  sheet?: string;
  range?: GridRange;
}

export type ChangeListener = (event: ChangeEvent) => void;

export interface Selection {
  sheet: SheetModel;
  /** The active range: the last of `ranges` (what getActiveRange returns). */
  range: GridRange;
  /** Every selected range, in order (what getActiveRangeList returns); one unless multi-selected. */
  ranges: readonly GridRange[];
}

export class SpreadsheetModel implements SheetHost {
  sheets: SheetModel[] = [];
  activeSheet: SheetModel | null = null;
  selection: Selection | null = null;
  private listeners = new Set<ChangeListener>();
  private nextSheetId = 0;
  private zoneCache: Zone;

  constructor(
    readonly id: string,
    public name: string,
    private timeZoneId: string,
    public locale: string,
  ) {
    this.zoneCache = resolveZone(timeZoneId);
  }

  get timeZone(): string {
    return this.timeZoneId;
  }

  set timeZone(id: string) {
    this.timeZoneId = id;
    this.zoneCache = resolveZone(id);
  }

  zone(): Zone {
    return this.zoneCache;
  }

  cellCount(): number {
    return this.sheets.reduce((sum, s) => sum + s.maxRows * s.maxColumns, 0);
  }

  /** Sheet names are unique ignoring case, as in Sheets. */
  findSheet(name: string): SheetModel | undefined {
    const lower = name.toLowerCase();
    return this.sheets.find((s) => s.name.toLowerCase() === lower);
  }

  /** Adds a sheet; `index` is 0-based (defaults to the end). */
  addSheet(
    name: string | undefined,
    index = this.sheets.length,
    rows = 1000,
    columns = 26,
  ): SheetModel {
    const sheetName = name ?? this.nextDefaultName();
    if (this.findSheet(sheetName)) {
      throw new GasError(
        `A sheet with the name "${sheetName}" already exists. Please enter another name.`,
      );
    }
    this.checkCells(rows * columns);
    // Sheets gives the first sheet id 0 and later ones large pseudo-random ids.
    const id = this.nextSheetId === 0 ? 0 : 1_000_000 + this.nextSheetId * 7919;
    this.nextSheetId++;
    const sheet = new SheetModel(this, id, sheetName, rows, columns);
    this.sheets.splice(Math.max(0, Math.min(index, this.sheets.length)), 0, sheet);
    this.emit({ kind: 'sheets', sheet: sheet.name });
    return sheet;
  }

  private checkCells(extra: number): void {
    if (this.cellCount() + extra > 10_000_000) {
      throw new GasError(
        'This action would increase the number of cells in the workbook above the limit of 10000000 cells.',
      );
    }
  }

  private nextDefaultName(): string {
    for (let n = this.sheets.length + 1; ; n++) {
      if (!this.findSheet(`Sheet${n}`)) return `Sheet${n}`;
    }
  }

  activeSheetOrFirst(): SheetModel {
    const sheet = this.activeSheet ?? this.sheets[0];
    if (!sheet) throw new Error('The fake spreadsheet has no sheets');
    return sheet;
  }

  /** Makes a sheet active; its selection becomes A1 unless a range is given. */
  activate(sheet: SheetModel, range?: GridRange): void {
    this.activateList(sheet, [range ?? { row: 1, column: 1, numRows: 1, numColumns: 1 }]);
  }

  /**
   * Selects several ranges of one sheet (Ctrl-click); the last becomes the active range
   * (https://developers.google.com/apps-script/reference/spreadsheet/range-list#activate()).
   */
  activateList(sheet: SheetModel, ranges: readonly GridRange[]): void {
    const last = ranges[ranges.length - 1];
    if (!last) throw new Error('activateList: no ranges');
    this.activeSheet = sheet;
    this.selection = { sheet, range: last, ranges: [...ranges] };
    this.emit({ kind: 'selection', sheet: sheet.name, range: last });
  }

  onChange(listener: ChangeListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  sheetChanged(sheet: SheetModel, kind: ChangeKind, range?: GridRange): void {
    this.emit({ kind, sheet: sheet.name, ...(range ? { range: { ...range } } : {}) });
  }

  private emit(event: ChangeEvent): void {
    for (const listener of this.listeners) listener(event);
  }
}
