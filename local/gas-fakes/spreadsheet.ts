/**
 * SpreadsheetApp and the Spreadsheet fake (the one document an editor add-on is bound to).
 */
import { instrument } from './calls';
import { FakeConditionalFormatRuleBuilder } from './conditional-format';
import { Fake } from './context';
import { BooleanCriteria } from './criteria';
import { makeEnum } from './enums';
import { GasError } from './errors';
import { FakeFilterCriteriaBuilder } from './filter';
import { FakeRange } from './range';
import { FakeSheet, resolveA1 } from './sheet';
import type { SheetsContext } from './sheets-context';
import type { SheetModel } from './sheet-model';
import { FakeUi } from './ui';

export const Dimension = makeEnum(['COLUMNS', 'ROWS']);

export class FakeSpreadsheetApp extends Fake<SheetsContext> {
  readonly BooleanCriteria = BooleanCriteria;
  readonly Dimension = Dimension;

  getActiveSpreadsheet(): FakeSpreadsheet {
    return new FakeSpreadsheet(this.ctx);
  }

  getActive(): FakeSpreadsheet {
    return new FakeSpreadsheet(this.ctx);
  }

  getActiveSheet(): FakeSheet {
    return new FakeSheet(this.ctx, this.ctx.book.activeSheetOrFirst());
  }

  setActiveSheet(sheet: FakeSheet): FakeSheet {
    this.ctx.book.activate(ownSheet(sheet));
    return sheet;
  }

  getActiveRange(): FakeRange | null {
    return activeRange(this.ctx);
  }

  setActiveRange(range: FakeRange): FakeRange {
    this.ctx.book.activate(ownRangeSheet(range), range.grid);
    return range;
  }

  getCurrentCell(): FakeRange | null {
    return currentCell(this.ctx);
  }

  getUi(): FakeUi {
    if (!this.ctx.ui.available)
      throw new GasError('Cannot call SpreadsheetApp.getUi() from this context.');
    return new FakeUi(this.ctx);
  }

  newConditionalFormatRule(): FakeConditionalFormatRuleBuilder {
    return new FakeConditionalFormatRuleBuilder(this.ctx);
  }

  newFilterCriteria(): FakeFilterCriteriaBuilder {
    return new FakeFilterCriteriaBuilder(this.ctx);
  }

  /** Writes are applied at once in the fake, so flush has nothing to do but be counted. */
  flush(): void {}
}

instrument(FakeSpreadsheetApp, 'SpreadsheetApp', 'SpreadsheetApp');

export class FakeSpreadsheet extends Fake<SheetsContext> {
  getId(): string {
    return this.ctx.book.id;
  }

  getName(): string {
    return this.ctx.book.name;
  }

  rename(newName: string): void {
    this.ctx.book.name = String(newName);
  }

  getUrl(): string {
    return this.ctx.book.url;
  }

  getSpreadsheetTimeZone(): string {
    return this.ctx.book.timeZone;
  }

  setSpreadsheetTimeZone(timezone: string): void {
    this.ctx.book.timeZone = String(timezone);
  }

  getSpreadsheetLocale(): string {
    return this.ctx.book.locale;
  }

  getSheets(): FakeSheet[] {
    return this.ctx.book.sheets.map((sheet) => new FakeSheet(this.ctx, sheet));
  }

  getNumSheets(): number {
    return this.ctx.book.sheets.length;
  }

  getSheetByName(name: string): FakeSheet | null {
    const sheet = this.ctx.book.findSheet(String(name));
    return sheet ? new FakeSheet(this.ctx, sheet) : null;
  }

  getSheetById(id: number): FakeSheet | null {
    const sheet = this.ctx.book.findSheetById(Number(id));
    return sheet ? new FakeSheet(this.ctx, sheet) : null;
  }

  getActiveSheet(): FakeSheet {
    return new FakeSheet(this.ctx, this.ctx.book.activeSheetOrFirst());
  }

  getSheetName(): string {
    return this.ctx.book.activeSheetOrFirst().name;
  }

  setActiveSheet(sheet: FakeSheet): FakeSheet {
    this.ctx.book.activate(ownSheet(sheet));
    return sheet;
  }

  /** insertSheet() | insertSheet(name) | insertSheet(name, index) | insertSheet(index) */
  insertSheet(nameOrIndex?: string | number, index?: number): FakeSheet {
    const name = typeof nameOrIndex === 'string' ? nameOrIndex : undefined;
    const at = typeof nameOrIndex === 'number' ? nameOrIndex : index;
    const sheet = this.ctx.book.addSheet(name, at === undefined ? undefined : at);
    // Like the editor, a new sheet becomes the active one.
    this.ctx.book.activate(sheet);
    return new FakeSheet(this.ctx, sheet);
  }

  deleteSheet(sheet: FakeSheet): void {
    this.ctx.book.removeSheet(ownSheet(sheet));
  }

  getRange(a1Notation: string): FakeRange {
    return resolveA1(this.ctx, this.ctx.book.activeSheetOrFirst(), a1Notation);
  }

  getActiveRange(): FakeRange | null {
    return activeRange(this.ctx);
  }

  setActiveRange(range: FakeRange): FakeRange {
    this.ctx.book.activate(ownRangeSheet(range), range.grid);
    return range;
  }

  setActiveSelection(range: FakeRange | string): FakeRange {
    const target =
      typeof range === 'string'
        ? resolveA1(this.ctx, this.ctx.book.activeSheetOrFirst(), range)
        : range;
    this.ctx.book.activate(ownRangeSheet(target), target.grid);
    return target;
  }

  getActiveCell(): FakeRange | null {
    return currentCell(this.ctx);
  }

  getCurrentCell(): FakeRange | null {
    return currentCell(this.ctx);
  }

  toast(msg: string, title?: string, timeoutSeconds?: number): void {
    this.ctx.book.toast({
      message: String(msg),
      title: title === undefined ? '' : String(title),
      timeoutSeconds: timeoutSeconds ?? 5,
    });
  }
}

instrument(FakeSpreadsheet, 'Spreadsheet', 'SpreadsheetApp');

function ownSheet(sheet: unknown): SheetModel {
  if (!(sheet instanceof FakeSheet)) {
    throw new GasError(
      "The parameters don't match the method signature for SpreadsheetApp.Spreadsheet.setActiveSheet.",
    );
  }
  return sheet.model;
}

function ownRangeSheet(range: unknown): SheetModel {
  if (!(range instanceof FakeRange)) {
    throw new GasError(
      "The parameters don't match the method signature for SpreadsheetApp.Spreadsheet.setActiveRange.",
    );
  }
  return range.model;
}

function activeRange(ctx: SheetsContext): FakeRange | null {
  const selection = ctx.book.selection;
  return selection ? new FakeRange(ctx, selection.sheet, selection.range) : null;
}

function currentCell(ctx: SheetsContext): FakeRange | null {
  const selection = ctx.book.selection;
  return selection
    ? new FakeRange(ctx, selection.sheet, { ...selection.range, numRows: 1, numColumns: 1 })
    : null;
}
