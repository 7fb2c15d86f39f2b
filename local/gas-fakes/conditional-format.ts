/**
 * Conditional-format rules: the builder from SpreadsheetApp.newConditionalFormatRule(), the
 * built rule, and its BooleanCondition. Rules are stored on the sheet model as plain data; the
 * sheet model decides which rule colours a cell (used by the sheet state for the grid view).
 */
import { instrument } from './calls';
import { normalizeColor } from './colors';
import { Fake } from './context';
import type { CriteriaType, CriterionData } from './criteria';
import { GasError } from './errors';
import { FakeRange } from './range';
import type { SheetsContext } from './sheets-context';
import type { GridRange, RuleData, RuleFormat, SheetModel } from './sheet-model';

interface RuleRange {
  sheet: SheetModel;
  grid: GridRange;
}

interface RuleState {
  ranges: RuleRange[];
  condition: CriterionData | null;
  format: RuleFormat;
}

const NO_FORMAT: RuleFormat = {
  background: null,
  fontColor: null,
  bold: null,
  italic: null,
  strikethrough: null,
  underline: null,
};

function copyState(state: RuleState): RuleState {
  return {
    ranges: state.ranges.map((r) => ({ sheet: r.sheet, grid: { ...r.grid } })),
    condition: state.condition
      ? { type: state.condition.type, values: [...state.condition.values] }
      : null,
    format: { ...state.format },
  };
}

export class FakeConditionalFormatRuleBuilder extends Fake<SheetsContext> {
  private state: RuleState;

  constructor(ctx: SheetsContext, state?: RuleState) {
    super(ctx);
    this.state = state
      ? copyState(state)
      : { ranges: [], condition: null, format: { ...NO_FORMAT } };
  }

  build(): FakeConditionalFormatRule {
    return new FakeConditionalFormatRule(this.ctx, this.state);
  }

  setRanges(ranges: FakeRange[]): FakeConditionalFormatRuleBuilder {
    if (!Array.isArray(ranges) || !ranges.every((r) => r instanceof FakeRange)) {
      throw new GasError(
        "The parameters don't match the method signature for SpreadsheetApp.ConditionalFormatRuleBuilder.setRanges.",
      );
    }
    this.state.ranges = ranges.map((r) => ({ sheet: r.model, grid: { ...r.grid } }));
    return this;
  }

  setBackground(color: string | null): FakeConditionalFormatRuleBuilder {
    this.state.format.background = normalizeColor(color);
    return this;
  }

  setFontColor(color: string | null): FakeConditionalFormatRuleBuilder {
    this.state.format.fontColor = normalizeColor(color);
    return this;
  }

  whenFormulaSatisfied(formula: string): FakeConditionalFormatRuleBuilder {
    return this.#when('CUSTOM_FORMULA', [String(formula)]);
  }

  #when(type: CriteriaType, values: unknown[]): FakeConditionalFormatRuleBuilder {
    this.state.condition = { type, values };
    return this;
  }
}

instrument(FakeConditionalFormatRuleBuilder, 'ConditionalFormatRuleBuilder', 'SpreadsheetApp');

export class FakeConditionalFormatRule extends Fake<SheetsContext> {
  private readonly state: RuleState;

  constructor(ctx: SheetsContext, state: RuleState) {
    super(ctx);
    this.state = copyState(state);
  }

  getBooleanCondition(): FakeBooleanCondition | null {
    return this.state.condition
      ? new FakeBooleanCondition(this.ctx, this.state.condition, this.state.format)
      : null;
  }

  /** A rule read back from a sheet (not counted: a static, not a method of the fake). */
  static fromData(
    ctx: SheetsContext,
    sheet: SheetModel,
    data: RuleData,
  ): FakeConditionalFormatRule {
    return new FakeConditionalFormatRule(ctx, {
      ranges: data.ranges.map((grid) => ({ sheet, grid })),
      condition: data.condition,
      format: data.format,
    });
  }

  /** Stores a rule on a sheet; ranges on other sheets are dropped, as Sheets cannot hold them. */
  static toData(rule: unknown, sheet: SheetModel): RuleData {
    if (!(rule instanceof FakeConditionalFormatRule)) {
      throw new GasError(
        "The parameters don't match the method signature for SpreadsheetApp.Sheet.setConditionalFormatRules.",
      );
    }
    const state = copyState(rule.state);
    return {
      ranges: state.ranges.filter((r) => r.sheet === sheet).map((r) => r.grid),
      condition: state.condition,
      format: state.format,
    };
  }
}

instrument(FakeConditionalFormatRule, 'ConditionalFormatRule', 'SpreadsheetApp');

export class FakeBooleanCondition extends Fake<SheetsContext> {
  constructor(
    ctx: SheetsContext,
    private readonly condition: CriterionData,
    private readonly format: RuleFormat,
  ) {
    super(ctx);
  }

  getCriteriaValues(): unknown[] {
    return [...this.condition.values];
  }
}

instrument(FakeBooleanCondition, 'BooleanCondition', 'SpreadsheetApp');
