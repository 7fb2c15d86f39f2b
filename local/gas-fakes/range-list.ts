/**
 * The RangeList fake: one or more ranges of the same sheet, as Sheet.getRangeList builds it
 * and Sheet.getActiveRangeList reports a (multi-)selection
 * (https://developers.google.com/apps-script/reference/spreadsheet/range-list). Only the
 * methods the add-on and its tests use.
 */
import { instrument } from './calls';
import { Fake } from './context';
import { FakeRange } from './range';
import type { SheetModel } from './sheet-model';
import type { SheetsContext } from './sheets-context';

export class FakeRangeList extends Fake<SheetsContext> {
  readonly #ranges: readonly FakeRange[];

  /** `ranges` is non-empty and all on `model` (the callers check). */
  constructor(
    ctx: SheetsContext,
    readonly model: SheetModel,
    ranges: readonly FakeRange[],
  ) {
    super(ctx);
    this.#ranges = ranges;
  }

  /** Fresh Range objects each call, in the list's order. */
  getRanges(): FakeRange[] {
    return this.#ranges.map(
      (range) => new FakeRange(this.ctx, range.model, range.grid, range.open),
    );
  }

  /** Selects every range; the last becomes the active range and holds the current cell. */
  activate(): FakeRangeList {
    this.ctx.book.activateList(
      this.model,
      this.#ranges.map((range) => range.grid),
    );
    return this;
  }
}

instrument(FakeRangeList, 'RangeList', 'SpreadsheetApp');
