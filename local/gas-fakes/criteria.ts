/**
 * Boolean criteria shared by filters and conditional-format rules (SpreadsheetApp.BooleanCriteria):
 * the enum, and deciding whether a cell meets one.
 */
import type { CellValue } from './cell-values';
import { makeEnum } from './enums';
import { formulaHolds, type FormulaEnv } from './formula';

export const BooleanCriteria = makeEnum([
  'CELL_EMPTY',
  'CELL_NOT_EMPTY',
  'DATE_AFTER',
  'DATE_BEFORE',
  'DATE_EQUAL_TO',
  'DATE_NOT_EQUAL_TO',
  'DATE_AFTER_RELATIVE',
  'DATE_BEFORE_RELATIVE',
  'DATE_EQUAL_TO_RELATIVE',
  'NUMBER_BETWEEN',
  'NUMBER_EQUAL_TO',
  'NUMBER_GREATER_THAN',
  'NUMBER_GREATER_THAN_OR_EQUAL_TO',
  'NUMBER_LESS_THAN',
  'NUMBER_LESS_THAN_OR_EQUAL_TO',
  'NUMBER_NOT_BETWEEN',
  'NUMBER_NOT_EQUAL_TO',
  'TEXT_CONTAINS',
  'TEXT_DOES_NOT_CONTAIN',
  'TEXT_EQUAL_TO',
  'TEXT_NOT_EQUAL_TO',
  'TEXT_STARTS_WITH',
  'TEXT_ENDS_WITH',
  'CUSTOM_FORMULA',
]);

export type CriteriaType = keyof typeof BooleanCriteria;

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

const lower = (v: unknown): string => String(v ?? '').toLowerCase();

function numberOf(value: CellValue): number | null {
  if (typeof value === 'number') return value;
  if (typeof value === 'string' && value.trim() !== '' && !Number.isNaN(Number(value)))
    return Number(value);
  return null;
}

function dateOf(value: unknown): number | null {
  if (Object.prototype.toString.call(value) === '[object Date]') {
    const d = value as Date;
    return Date.UTC(d.getFullYear(), d.getMonth(), d.getDate());
  }
  return null;
}

/**
 * Whether the cell meets the criterion. Relative-date criteria are not modelled and hold for
 * every cell (a filter using them hides nothing).
 */
export function criterionHolds(criterion: CriterionData, subject: CriterionSubject): boolean {
  const [a, b] = criterion.values;
  const text = lower(subject.display);
  const n = numberOf(subject.value);
  switch (criterion.type) {
    case 'CELL_EMPTY':
      return subject.value === '';
    case 'CELL_NOT_EMPTY':
      return subject.value !== '';
    case 'TEXT_CONTAINS':
      return text.includes(lower(a));
    case 'TEXT_DOES_NOT_CONTAIN':
      return !text.includes(lower(a));
    case 'TEXT_EQUAL_TO':
      return text === lower(a);
    case 'TEXT_NOT_EQUAL_TO':
      return text !== lower(a);
    case 'TEXT_STARTS_WITH':
      return text.startsWith(lower(a));
    case 'TEXT_ENDS_WITH':
      return text.endsWith(lower(a));
    case 'NUMBER_EQUAL_TO':
      return n !== null && n === Number(a);
    case 'NUMBER_NOT_EQUAL_TO':
      return n === null || n !== Number(a);
    case 'NUMBER_GREATER_THAN':
      return n !== null && n > Number(a);
    case 'NUMBER_GREATER_THAN_OR_EQUAL_TO':
      return n !== null && n >= Number(a);
    case 'NUMBER_LESS_THAN':
      return n !== null && n < Number(a);
    case 'NUMBER_LESS_THAN_OR_EQUAL_TO':
      return n !== null && n <= Number(a);
    case 'NUMBER_BETWEEN':
      return (
        n !== null && n >= Math.min(Number(a), Number(b)) && n <= Math.max(Number(a), Number(b))
      );
    case 'NUMBER_NOT_BETWEEN':
      return n === null || n < Math.min(Number(a), Number(b)) || n > Math.max(Number(a), Number(b));
    case 'DATE_EQUAL_TO':
    case 'DATE_NOT_EQUAL_TO':
    case 'DATE_BEFORE':
    case 'DATE_AFTER': {
      const cell = dateOf(subject.value);
      const target = dateOf(a);
      if (target === null) return true;
      if (cell === null) return criterion.type === 'DATE_NOT_EQUAL_TO';
      if (criterion.type === 'DATE_EQUAL_TO') return cell === target;
      if (criterion.type === 'DATE_NOT_EQUAL_TO') return cell !== target;
      return criterion.type === 'DATE_BEFORE' ? cell < target : cell > target;
    }
    case 'CUSTOM_FORMULA':
      return formulaHolds(String(a ?? ''), subject.env());
    default:
      return true;
  }
}
