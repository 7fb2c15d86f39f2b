/**
 * The context of the SpreadsheetApp fakes: the shared context plus the spreadsheet and the UI.
 */
import type { FakeContext } from './context';
import type { SpreadsheetModel } from './spreadsheet-model';
import type { UiModel } from './ui';

export interface SheetsContext extends FakeContext {
  readonly book: SpreadsheetModel;
  readonly ui: UiModel;
}
