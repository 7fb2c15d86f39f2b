/**
 * SpreadsheetApp and the Spreadsheet fake (the one document an editor add-on is bound to).
 */
import { instrument } from './calls';
import { FakeConditionalFormatRuleBuilder } from './conditional-format';
import { Fake } from './context';
import { GasError } from './errors';
import { FakeFilterCriteriaBuilder } from './filter';
import { FakeSheet } from './sheet';
import type { SheetsContext } from './sheets-context';
import type { SheetModel } from './sheet-model';
import { FakeUi } from './ui';

export class FakeSpreadsheetApp extends Fake<SheetsContext> {
  getActiveSpreadsheet(): FakeSpreadsheet {
    return new FakeSpreadsheet(this.ctx);
  }

  getActive(): FakeSpreadsheet {
    return new FakeSpreadsheet(this.ctx);
  }

  getActiveSheet(): FakeSheet {
    return new FakeSheet(this.ctx, this.ctx.book.activeSheetOrFirst());
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
}

instrument(FakeSpreadsheetApp, 'SpreadsheetApp', 'SpreadsheetApp');

export class FakeSpreadsheet extends Fake<SheetsContext> {
  getName(): string {
    return this.ctx.book.name;
  }

  getSpreadsheetTimeZone(): string {
    return this.ctx.book.timeZone;
  }

  getSpreadsheetLocale(): string {
    return this.ctx.book.locale;
  }

  getSheets(): FakeSheet[] {
    return this.ctx.book.sheets.map((sheet) => new FakeSheet(this.ctx, sheet));
  }

  getSheetByName(name: string): FakeSheet | null {
    const sheet = this.ctx.book.findSheet(String(name));
    return sheet ? new FakeSheet(this.ctx, sheet) : null;
  }

  getActiveSheet(): FakeSheet {
    return new FakeSheet(this.ctx, this.ctx.book.activeSheetOrFirst());
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
