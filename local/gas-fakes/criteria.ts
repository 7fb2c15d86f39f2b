/**
 * Boolean criteria shared by filters and conditional-format rules: deciding whether a cell
 * meets one.
 */
import type { CellValue } from './cell-values';
import { formulaHolds, type FormulaEnv } from './formula';

/**
 * The criteria the builders the add-on and the tests use can make: a filter's
 * whenCellEmpty/whenCellNotEmpty and a rule's whenFormulaSatisfied.
 */
export type CriteriaType = 'CELL_EMPTY' | 'CELL_NOT_EMPTY' | 'CUSTOM_FORMULA';

/** A criterion as stored by the fakes: the type's name and its arguments. */
export interface CriterionData {
  type: CriteriaType;
  values: unknown[];
}

/** The cell a criterion is checked against. */
export interface CriterionSubject {
  value: CellValue;
  display: string;
  /** For CUSTOM_FORMULA: the formula environment placed on this cell. */
  env: () => FormulaEnv;
}

/** Whether the cell meets the criterion. */
export function criterionHolds(criterion: CriterionData, subject: CriterionSubject): boolean {
  switch (criterion.type) {
    case 'CELL_EMPTY':
      return subject.value === '';
    case 'CELL_NOT_EMPTY':
      return subject.value !== '';
    case 'CUSTOM_FORMULA':
      return formulaHolds(String(criterion.values[0] ?? ''), subject.env());
  }
}
