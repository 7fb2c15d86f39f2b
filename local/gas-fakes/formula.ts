/**
 * A small spreadsheet formula engine: enough to compute the formulas a contact sheet and the
 * add-on's conditional-format and filter rules typically hold (comparisons, &, arithmetic,
 * IF/AND/OR/NOT, LEN/TRIM/ISBLANK, REGEXMATCH, COUNTIF over a column …), and to shift cell
 * references when rows or columns are inserted or deleted, as Sheets does.
 *
 * Unknown functions evaluate to #NAME?, unparsable text to #ERROR!, like Sheets.
 */
import { columnToLetters, lettersToColumn } from './a1';
import type { CellValue } from './cell-values';
import { formatAutomaticNumber } from './number-format';

// ---------------------------------------------------------------- tokens

interface RefPart {
  column?: number;
  row?: number;
  columnAbsolute: boolean;
  rowAbsolute: boolean;
}

type Token =
  | { kind: 'number'; value: number; start: number; end: number }
  | { kind: 'string'; value: string; start: number; end: number }
  | { kind: 'ref'; sheet?: string; from: RefPart; to?: RefPart; start: number; end: number }
  | { kind: 'name'; value: string; start: number; end: number }
  | { kind: 'op'; value: string; start: number; end: number };

const REF_PART = /^(\$?)([A-Za-z]{1,3})?(\$?)(\d+)?/;

function readRefPart(text: string, at: number): { part: RefPart; length: number } | null {
  const match = REF_PART.exec(text.slice(at));
  if (!match || (!match[2] && !match[4])) return null;
  if (!match[2] && match[1]) return null;
  if (!match[4] && match[3]) return null;
  return {
    part: {
      column: match[2] ? lettersToColumn(match[2]) : undefined,
      row: match[4] ? Number(match[4]) : undefined,
      columnAbsolute: match[1] === '$',
      rowAbsolute: match[3] === '$',
    },
    length: match[0].length,
  };
}

/** Reads a reference (A1, $A$1, A1:B2, A:A, 2:2, A2:A, Sheet!A1) at `at`, if there is one. */
function readRef(text: string, at: number, sheet?: string): { token: Token; end: number } | null {
  const first = readRefPart(text, at);
  if (!first) return null;
  let end = at + first.length;
  if (/^[A-Za-z0-9_(]/.test(text.slice(end))) return null; // a name or a function call
  let to: RefPart | undefined;
  if (text[end] === ':') {
    const second = readRefPart(text, end + 1);
    if (second && !/^[A-Za-z0-9_(]/.test(text.slice(end + 1 + second.length))) {
      to = second.part;
      end += 1 + second.length;
    }
  }
  const { part: from } = first;
  const complete = from.column !== undefined && from.row !== undefined;
  if (!to && !complete) return null;
  if (to) {
    const columns = from.row === undefined && to.row === undefined;
    const rows = from.column === undefined && to.column === undefined;
    const box = from.column !== undefined && to.column !== undefined && from.row !== undefined;
    if (!columns && !rows && !box) return null;
  }
  return { token: { kind: 'ref', sheet, from, to, start: at, end }, end };
}

export function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let i = text.startsWith('=') ? 1 : 0;
  while (i < text.length) {
    const ch = text[i] as string;
    if (/\s/.test(ch)) {
      i++;
      continue;
    }
    if (ch === '"') {
      let value = '';
      let j = i + 1;
      for (; j < text.length; j++) {
        if (text[j] === '"') {
          if (text[j + 1] === '"') {
            value += '"';
            j++;
            continue;
          }
          break;
        }
        value += text[j];
      }
      if (j >= text.length) throw new FormulaError('#ERROR!');
      tokens.push({ kind: 'string', value, start: i, end: j + 1 });
      i = j + 1;
      continue;
    }
    if (ch === "'") {
      const close = text.indexOf("'!", i + 1);
      if (close < 0) throw new FormulaError('#ERROR!');
      const sheet = text.slice(i + 1, close).replace(/''/g, "'");
      const ref = readRef(text, close + 2, sheet);
      if (!ref) throw new FormulaError('#ERROR!');
      tokens.push({ ...ref.token, start: i });
      i = ref.end;
      continue;
    }
    const ref = readRef(text, i);
    if (ref) {
      tokens.push(ref.token);
      i = ref.end;
      continue;
    }
    const number = /^(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?/.exec(text.slice(i));
    if (number) {
      tokens.push({
        kind: 'number',
        value: Number(number[0]),
        start: i,
        end: i + number[0].length,
      });
      i += number[0].length;
      continue;
    }
    const name = /^[A-Za-z_][A-Za-z0-9_.]*/.exec(text.slice(i));
    if (name) {
      const end = i + name[0].length;
      if (text[end] === '!') {
        const sheetRef = readRef(text, end + 1, name[0]);
        if (!sheetRef) throw new FormulaError('#ERROR!');
        tokens.push({ ...sheetRef.token, start: i });
        i = sheetRef.end;
        continue;
      }
      tokens.push({ kind: 'name', value: name[0], start: i, end });
      i = end;
      continue;
    }
    const op = /^(<>|<=|>=|[-+*/^&=<>(),;%])/.exec(text.slice(i));
    if (!op) throw new FormulaError('#ERROR!');
    tokens.push({ kind: 'op', value: op[0], start: i, end: i + op[0].length });
    i += op[0].length;
  }
  return tokens;
}

// ---------------------------------------------------------------- values and errors

export class FormulaError {
  constructor(readonly code: string) {}
  toString(): string {
    return this.code;
  }
}

const BLANK = Symbol('blank');
type Blank = typeof BLANK;
type Scalar = number | string | boolean | Blank | FormulaError;
interface RangeValue {
  kind: 'range';
  key: string;
  rows: Scalar[][];
}
type Value = Scalar | RangeValue;

// ---------------------------------------------------------------- parser

type Node =
  | { k: 'lit'; v: Scalar }
  | { k: 'ref'; token: Extract<Token, { kind: 'ref' }> }
  | { k: 'fn'; name: string; args: Node[] }
  | { k: 'bin'; op: string; a: Node; b: Node }
  | { k: 'neg'; a: Node }
  | { k: 'pct'; a: Node };

class Parser {
  private i = 0;
  constructor(private readonly tokens: Token[]) {}

  parse(): Node {
    const node = this.comparison();
    if (this.i < this.tokens.length) throw new FormulaError('#ERROR!');
    return node;
  }

  private peekOp(): string | undefined {
    const t = this.tokens[this.i];
    return t && t.kind === 'op' ? t.value : undefined;
  }

  private binary(ops: string[], next: () => Node): Node {
    let node = next();
    for (let op = this.peekOp(); op && ops.includes(op); op = this.peekOp()) {
      this.i++;
      node = { k: 'bin', op, a: node, b: next() };
    }
    return node;
  }

  private comparison = (): Node => this.binary(['=', '<>', '<', '>', '<=', '>='], this.concat);
  private concat = (): Node => this.binary(['&'], this.additive);
  private additive = (): Node => this.binary(['+', '-'], this.multiplicative);
  private multiplicative = (): Node => this.binary(['*', '/'], this.power);
  private power = (): Node => this.binary(['^'], this.unary);

  private unary = (): Node => {
    const op = this.peekOp();
    if (op === '-' || op === '+') {
      this.i++;
      const a = this.unary();
      return op === '-' ? { k: 'neg', a } : a;
    }
    let node = this.primary();
    while (this.peekOp() === '%') {
      this.i++;
      node = { k: 'pct', a: node };
    }
    return node;
  };

  private primary(): Node {
    const t = this.tokens[this.i++];
    if (!t) throw new FormulaError('#ERROR!');
    if (t.kind === 'number' || t.kind === 'string') return { k: 'lit', v: t.value };
    if (t.kind === 'ref') return { k: 'ref', token: t };
    if (t.kind === 'op' && t.value === '(') {
      const node = this.comparison();
      if (this.peekOp() !== ')') throw new FormulaError('#ERROR!');
      this.i++;
      return node;
    }
    if (t.kind === 'name') {
      if (this.peekOp() === '(') {
        this.i++;
        const args: Node[] = [];
        if (this.peekOp() !== ')') {
          for (;;) {
            args.push(this.comparison());
            const sep = this.peekOp();
            if (sep === ',' || sep === ';') {
              this.i++;
              continue;
            }
            break;
          }
        }
        if (this.peekOp() !== ')') throw new FormulaError('#ERROR!');
        this.i++;
        return { k: 'fn', name: t.value.toUpperCase(), args };
      }
      const upper = t.value.toUpperCase();
      if (upper === 'TRUE' || upper === 'FALSE') return { k: 'lit', v: upper === 'TRUE' };
      return { k: 'lit', v: new FormulaError('#NAME?') };
    }
    throw new FormulaError('#ERROR!');
  }
}

const parsed = new Map<string, Node | FormulaError>();

function parseFormula(formula: string): Node | FormulaError {
  let node = parsed.get(formula);
  if (node === undefined) {
    try {
      node = new Parser(tokenize(formula)).parse();
    } catch (error) {
      if (!(error instanceof FormulaError)) throw error;
      node = error;
    }
    if (parsed.size > 10_000) parsed.clear();
    parsed.set(formula, node);
  }
  return node;
}

// ---------------------------------------------------------------- evaluation

/** What a formula can see: the sheet it lives on, and where it is evaluated. */
export interface FormulaEnv {
  /** The value of a cell of this sheet (formulas evaluated), '' when empty. */
  cell(row: number, column: number): CellValue;
  maxRows: number;
  maxColumns: number;
  /** The cell the formula is evaluated for (ROW(), COLUMN()). */
  row: number;
  column: number;
  /** Shift applied to relative references (conditional formats and filters reuse one formula). */
  rowShift: number;
  columnShift: number;
  /** Converts a Date to a serial number for arithmetic. */
  serial(date: Date): number;
  /** Memo shared by the evaluations of one read, for range look-ups such as COUNTIF. */
  memo: Map<string, unknown>;
}

/** Evaluates a formula; errors come back as their codes ('#NAME?'), as Sheets shows them. */
export function evaluateFormula(formula: string, env: FormulaEnv): CellValue {
  const node = parseFormula(formula);
  if (node instanceof FormulaError) return node.code;
  let value: Value;
  try {
    value = evaluate(node, env);
  } catch (error) {
    if (error instanceof FormulaError) return error.code;
    if (error instanceof RangeError) return '#REF!'; // circular reference overflowed the stack
    throw error;
  }
  const scalar =
    value !== null && typeof value === 'object' && 'kind' in value ? topLeft(value) : value;
  if (scalar === BLANK) return '';
  if (scalar instanceof FormulaError) return scalar.code;
  return scalar;
}

/** Whether a rule's formula holds for a cell (Sheets: TRUE, or a non-zero number). */
export function formulaHolds(formula: string, env: FormulaEnv): boolean {
  const value = evaluateFormula(formula, env);
  if (typeof value === 'boolean') return value;
  if (typeof value === 'number') return value !== 0;
  if (typeof value === 'string') return value.toUpperCase() === 'TRUE';
  return false;
}

function topLeft(range: RangeValue): Scalar {
  return range.rows[0]?.[0] ?? BLANK;
}

function fromCell(value: CellValue, env: FormulaEnv): Scalar {
  if (value === '') return BLANK;
  if (typeof value === 'object') return env.serial(value);
  if (typeof value === 'string' && /^#(NAME\?|REF!|VALUE!|DIV\/0!|N\/A|ERROR!|NUM!)$/.test(value)) {
    return new FormulaError(value);
  }
  return value;
}

function resolvePart(part: RefPart, env: FormulaEnv): { row?: number; column?: number } {
  const row = part.row === undefined ? undefined : part.row + (part.rowAbsolute ? 0 : env.rowShift);
  const column =
    part.column === undefined
      ? undefined
      : part.column + (part.columnAbsolute ? 0 : env.columnShift);
  if ((row !== undefined && row < 1) || (column !== undefined && column < 1)) {
    throw new FormulaError('#REF!');
  }
  return { row, column };
}

function evaluateRef(token: Extract<Token, { kind: 'ref' }>, env: FormulaEnv): Value {
  if (token.sheet !== undefined) return new FormulaError('#REF!'); // other sheets are not modelled
  const from = resolvePart(token.from, env);
  if (!token.to) return fromCell(env.cell(from.row as number, from.column as number), env);
  const to = resolvePart(token.to, env);
  const r1 = Math.min(from.row ?? 1, to.row ?? env.maxRows);
  const r2 = Math.max(from.row ?? 1, to.row ?? env.maxRows);
  const c1 = Math.min(from.column ?? 1, to.column ?? env.maxColumns);
  const c2 = Math.max(from.column ?? 1, to.column ?? env.maxColumns);
  const key = `${r1}:${c1}:${r2}:${c2}`;
  const memoKey = `range:${key}`;
  const cached = env.memo.get(memoKey) as RangeValue | undefined;
  if (cached) return cached;
  const rows: Scalar[][] = [];
  for (let r = r1; r <= Math.min(r2, env.maxRows); r++) {
    const line: Scalar[] = [];
    for (let c = c1; c <= Math.min(c2, env.maxColumns); c++)
      line.push(fromCell(env.cell(r, c), env));
    rows.push(line);
  }
  const range: RangeValue = { kind: 'range', key, rows };
  env.memo.set(memoKey, range);
  return range;
}

function evaluate(node: Node, env: FormulaEnv): Value {
  switch (node.k) {
    case 'lit':
      return node.v;
    case 'ref':
      return evaluateRef(node.token, env);
    case 'neg':
      return -toNumber(scalar(evaluate(node.a, env)));
    case 'pct':
      return toNumber(scalar(evaluate(node.a, env))) / 100;
    case 'bin':
      return binary(node.op, scalar(evaluate(node.a, env)), scalar(evaluate(node.b, env)));
    case 'fn':
      return callFunction(node.name, node.args, env);
  }
}

function scalar(value: Value): Scalar {
  const s = value !== null && typeof value === 'object' && 'kind' in value ? topLeft(value) : value;
  if (s instanceof FormulaError) throw s;
  return s;
}

function toNumber(value: Scalar): number {
  if (value instanceof FormulaError) throw value;
  if (value === BLANK) return 0;
  if (typeof value === 'number') return value;
  if (typeof value === 'boolean') return value ? 1 : 0;
  const trimmed = value.trim();
  if (trimmed !== '' && !Number.isNaN(Number(trimmed))) return Number(trimmed);
  throw new FormulaError('#VALUE!');
}

function toText(value: Scalar): string {
  if (value instanceof FormulaError) throw value;
  if (value === BLANK) return '';
  if (typeof value === 'number') return formatAutomaticNumber(value);
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  return value;
}

function toBoolean(value: Scalar): boolean {
  if (value instanceof FormulaError) throw value;
  if (value === BLANK) return false;
  if (typeof value === 'boolean') return value;
  if (typeof value === 'number') return value !== 0;
  const upper = value.toUpperCase();
  if (upper === 'TRUE' || upper === 'FALSE') return upper === 'TRUE';
  throw new FormulaError('#VALUE!');
}

/** Orders values like Sheets: numbers < text < booleans; text ignores case; blank is 0 or "". */
function compare(a: Scalar, b: Scalar): number {
  const left = a === BLANK ? (typeof b === 'string' ? '' : typeof b === 'boolean' ? false : 0) : a;
  const right = b === BLANK ? (typeof a === 'string' ? '' : typeof a === 'boolean' ? false : 0) : b;
  const rank = (v: Scalar): number => (typeof v === 'number' ? 0 : typeof v === 'string' ? 1 : 2);
  if (rank(left) !== rank(right)) return rank(left) - rank(right);
  if (typeof left === 'string' && typeof right === 'string') {
    const l = left.toLowerCase();
    const r = right.toLowerCase();
    return l < r ? -1 : l > r ? 1 : 0;
  }
  return Number(left) - Number(right);
}

function binary(op: string, a: Scalar, b: Scalar): Scalar {
  switch (op) {
    case '&':
      return toText(a) + toText(b);
    case '+':
      return toNumber(a) + toNumber(b);
    case '-':
      return toNumber(a) - toNumber(b);
    case '*':
      return toNumber(a) * toNumber(b);
    case '/': {
      const divisor = toNumber(b);
      if (divisor === 0) throw new FormulaError('#DIV/0!');
      return toNumber(a) / divisor;
    }
    case '^':
      return toNumber(a) ** toNumber(b);
    case '=':
      return compare(a, b) === 0;
    case '<>':
      return compare(a, b) !== 0;
    case '<':
      return compare(a, b) < 0;
    case '>':
      return compare(a, b) > 0;
    case '<=':
      return compare(a, b) <= 0;
    default:
      return compare(a, b) >= 0;
  }
}

function flatten(value: Value): Scalar[] {
  return value !== null && typeof value === 'object' && 'kind' in value
    ? value.rows.flat()
    : [value];
}

type Fn = (args: Node[], env: FormulaEnv) => Value;

const arg = (args: Node[], index: number, env: FormulaEnv): Scalar => {
  const node = args[index];
  if (!node) throw new FormulaError('#N/A');
  return scalar(evaluate(node, env));
};
const text = (args: Node[], index: number, env: FormulaEnv): string =>
  toText(arg(args, index, env));
const num = (args: Node[], index: number, env: FormulaEnv): number =>
  toNumber(arg(args, index, env));

function isErrorValue(node: Node | undefined, env: FormulaEnv): boolean {
  if (!node) return true;
  try {
    const v = evaluate(node, env);
    return flatten(v).some((s) => s instanceof FormulaError);
  } catch (error) {
    if (error instanceof FormulaError) return true;
    throw error;
  }
}

/** COUNTIF criteria: a value, or text with a comparison prefix and * ? wildcards. */
function criterionTest(criterion: Scalar): (value: Scalar) => boolean {
  if (typeof criterion !== 'string') return (v) => v !== BLANK && compare(v, criterion) === 0;
  const match = /^(<>|<=|>=|=|<|>)?(.*)$/s.exec(criterion) as RegExpExecArray;
  const op = match[1] ?? '=';
  const operand = match[2] ?? '';
  const numeric = operand.trim() !== '' && !Number.isNaN(Number(operand));
  const target: Scalar = numeric ? Number(operand) : operand;
  if ((op === '=' || op === '<>') && typeof target === 'string') {
    const pattern = new RegExp(
      `^${target
        .replace(/[.+^${}()|[\]\\]/g, '\\$&')
        .replace(/\*/g, '.*')
        .replace(/\?/g, '.')}$`,
      'is',
    );
    const equal = (v: Scalar): boolean =>
      target === ''
        ? v === BLANK || v === ''
        : v !== BLANK && typeof v === 'string' && pattern.test(v);
    return op === '=' ? equal : (v) => !equal(v);
  }
  return (v) => {
    if (v === BLANK || typeof v !== typeof target) return op === '<>';
    const c = compare(v, target);
    return op === '='
      ? c === 0
      : op === '<>'
        ? c !== 0
        : op === '<'
          ? c < 0
          : op === '>'
            ? c > 0
            : op === '<='
              ? c <= 0
              : c >= 0;
  };
}

function countIf(args: Node[], env: FormulaEnv): number {
  const rangeNode = args[0];
  if (!rangeNode) throw new FormulaError('#N/A');
  const range = evaluate(rangeNode, env);
  const criterion = arg(args, 1, env);
  const cells = flatten(range);
  // Equality on a whole column is the common duplicate check: count each value once per read.
  if (
    typeof range === 'object' &&
    'kind' in range &&
    (typeof criterion === 'number' ||
      (typeof criterion === 'string' && !/^[<>=]|[*?]/.test(criterion)))
  ) {
    const memoKey = `countif:${range.key}`;
    let counts = env.memo.get(memoKey) as Map<string, number> | undefined;
    if (!counts) {
      counts = new Map();
      for (const cell of cells) {
        if (cell === BLANK || cell instanceof FormulaError) continue;
        const key =
          typeof cell === 'string' ? `s:${cell.toLowerCase()}` : `${typeof cell}:${String(cell)}`;
        counts.set(key, (counts.get(key) ?? 0) + 1);
      }
      env.memo.set(memoKey, counts);
    }
    if (criterion === '') return cells.filter((c) => c === BLANK || c === '').length;
    const numericText =
      typeof criterion === 'string' && criterion.trim() !== '' && !Number.isNaN(Number(criterion));
    if (numericText) return counts.get(`number:${Number(criterion)}`) ?? 0;
    const key =
      typeof criterion === 'string' ? `s:${criterion.toLowerCase()}` : `number:${criterion}`;
    return counts.get(key) ?? 0;
  }
  const test = criterionTest(criterion);
  return cells.filter(test).length;
}

const FUNCTIONS: Record<string, Fn> = {
  AND: (args, env) =>
    args
      .flatMap((a) => flatten(evaluate(a, env)))
      .filter((v) => v !== BLANK)
      .every(toBoolean),
  OR: (args, env) =>
    args
      .flatMap((a) => flatten(evaluate(a, env)))
      .filter((v) => v !== BLANK)
      .some(toBoolean),
  NOT: (args, env) => !toBoolean(arg(args, 0, env)),
  IF: (args, env) => {
    const branch = toBoolean(arg(args, 0, env)) ? args[1] : args[2];
    if (!branch) return branch === undefined && args.length < 3 ? false : BLANK;
    return evaluate(branch, env);
  },
  IFERROR: (args, env) =>
    isErrorValue(args[0], env)
      ? args[1]
        ? evaluate(args[1], env)
        : BLANK
      : evaluate(args[0] as Node, env),
  ISERROR: (args, env) => isErrorValue(args[0], env),
  ISBLANK: (args, env) => {
    const node = args[0];
    if (!node) throw new FormulaError('#N/A');
    const value = evaluate(node, env);
    return (typeof value === 'object' && 'kind' in value ? topLeft(value) : value) === BLANK;
  },
  ISNUMBER: (args, env) => typeof arg(args, 0, env) === 'number',
  ISTEXT: (args, env) => typeof arg(args, 0, env) === 'string',
  ISLOGICAL: (args, env) => typeof arg(args, 0, env) === 'boolean',
  ISEMAIL: (args, env) => /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(text(args, 0, env)),
  ISURL: (args, env) => /^(https?:\/\/)?[^\s.]+\.[^\s]+$/i.test(text(args, 0, env)),
  LEN: (args, env) => text(args, 0, env).length,
  TRIM: (args, env) => text(args, 0, env).trim().replace(/ +/g, ' '),
  LOWER: (args, env) => text(args, 0, env).toLowerCase(),
  UPPER: (args, env) => text(args, 0, env).toUpperCase(),
  LEFT: (args, env) => text(args, 0, env).slice(0, args[1] ? num(args, 1, env) : 1),
  RIGHT: (args, env) => {
    const s = text(args, 0, env);
    const n = args[1] ? num(args, 1, env) : 1;
    return n <= 0 ? '' : s.slice(-n);
  },
  MID: (args, env) => {
    const start = num(args, 1, env);
    return text(args, 0, env).substr(start - 1, num(args, 2, env));
  },
  CONCATENATE: (args, env) =>
    args
      .flatMap((a) => flatten(evaluate(a, env)))
      .map(toText)
      .join(''),
  CONCAT: (args, env) => text(args, 0, env) + text(args, 1, env),
  EXACT: (args, env) => text(args, 0, env) === text(args, 1, env),
  FIND: (args, env) => {
    const at = text(args, 1, env).indexOf(
      text(args, 0, env),
      (args[2] ? num(args, 2, env) : 1) - 1,
    );
    if (at < 0) throw new FormulaError('#VALUE!');
    return at + 1;
  },
  SEARCH: (args, env) => {
    const haystack = text(args, 1, env).toLowerCase();
    const at = haystack.indexOf(
      text(args, 0, env).toLowerCase(),
      (args[2] ? num(args, 2, env) : 1) - 1,
    );
    if (at < 0) throw new FormulaError('#VALUE!');
    return at + 1;
  },
  REGEXMATCH: (args, env) => {
    let pattern: RegExp;
    try {
      pattern = new RegExp(text(args, 1, env));
    } catch {
      throw new FormulaError('#REF!');
    }
    return pattern.test(text(args, 0, env));
  },
  VALUE: (args, env) => toNumber(arg(args, 0, env)),
  ROW: (args, env) =>
    args[0]?.k === 'ref' ? (resolvePart(args[0].token.from, env).row ?? 1) : env.row,
  COLUMN: (args, env) =>
    args[0]?.k === 'ref' ? (resolvePart(args[0].token.from, env).column ?? 1) : env.column,
  SUM: (args, env) =>
    args
      .flatMap((a) => flatten(evaluate(a, env)))
      .reduce<number>((s, v) => (typeof v === 'number' ? s + v : s), 0),
  COUNT: (args, env) =>
    args.flatMap((a) => flatten(evaluate(a, env))).filter((v) => typeof v === 'number').length,
  COUNTA: (args, env) =>
    args.flatMap((a) => flatten(evaluate(a, env))).filter((v) => v !== BLANK).length,
  COUNTBLANK: (args, env) =>
    args.flatMap((a) => flatten(evaluate(a, env))).filter((v) => v === BLANK || v === '').length,
  COUNTIF: countIf,
};

function callFunction(name: string, args: Node[], env: FormulaEnv): Value {
  const fn = FUNCTIONS[name];
  if (!fn) throw new FormulaError('#NAME?');
  return fn(args, env);
}

// ---------------------------------------------------------------- reference shifting

export type Dimension = 'rows' | 'columns';

/**
 * Rewrites the references of a formula after rows or columns were inserted (`delta` > 0 at
 * `at`) or deleted (`delta` < 0: rows at..at-delta-1 removed). References into deleted cells
 * become #REF!, as in Sheets. References to other sheets are left alone.
 */
export function shiftFormula(
  formula: string,
  dimension: Dimension,
  at: number,
  delta: number,
): string {
  let tokens: Token[];
  try {
    tokens = tokenize(formula);
  } catch {
    return formula;
  }
  let out = '';
  let last = 0;
  for (const token of tokens) {
    if (token.kind !== 'ref' || token.sheet !== undefined) continue;
    out += formula.slice(last, token.start) + shiftRef(token, dimension, at, delta);
    last = token.end;
  }
  return out + formula.slice(last);
}

function shiftIndex(index: number, at: number, delta: number): number | null {
  if (delta > 0) return index >= at ? index + delta : index;
  const removed = -delta;
  if (index >= at + removed) return index - removed;
  if (index >= at) return null;
  return index;
}

function shiftRef(
  token: Extract<Token, { kind: 'ref' }>,
  dimension: Dimension,
  at: number,
  delta: number,
): string {
  const key = dimension === 'rows' ? 'row' : 'column';
  const parts = [token.from, ...(token.to ? [token.to] : [])].map((p) => ({ ...p }));
  if (token.to && delta < 0) {
    // A range survives a deletion inside it: shrink it instead of breaking it.
    const [a, b] = parts as [RefPart, RefPart];
    const lo = a[key];
    const hi = b[key];
    if (lo !== undefined && hi !== undefined) {
      const removedEnd = at - delta - 1;
      const newLo = lo >= at && lo <= removedEnd ? at : shiftIndex(lo, at, delta);
      const newHi = hi >= at && hi <= removedEnd ? at - 1 : shiftIndex(hi, at, delta);
      if (newLo === null || newHi === null || newHi < (newLo ?? 0)) return '#REF!';
      a[key] = newLo;
      b[key] = newHi;
      return formatRef(parts);
    }
  }
  for (const part of parts) {
    const value = part[key];
    if (value === undefined) continue;
    const shifted = shiftIndex(value, at, delta);
    if (shifted === null) return '#REF!';
    part[key] = shifted;
  }
  return formatRef(parts);
}

function formatPart(part: RefPart): string {
  const column =
    part.column === undefined
      ? ''
      : `${part.columnAbsolute ? '$' : ''}${columnToLetters(part.column)}`;
  const row = part.row === undefined ? '' : `${part.rowAbsolute ? '$' : ''}${part.row}`;
  return column + row;
}

function formatRef(parts: RefPart[]): string {
  return parts.map(formatPart).join(':');
}

/**
 * Moves a formula by whole rows/columns the way Sheets does when a sort moves its row:
 * relative references follow, absolute ($) ones stay.
 */
export function translateFormula(formula: string, rows: number, columns: number): string {
  if (rows === 0 && columns === 0) return formula;
  let tokens: Token[];
  try {
    tokens = tokenize(formula);
  } catch {
    return formula;
  }
  let out = '';
  let last = 0;
  for (const token of tokens) {
    if (token.kind !== 'ref' || token.sheet !== undefined) continue;
    const parts = [token.from, ...(token.to ? [token.to] : [])].map((p) => ({
      ...p,
      row: p.row === undefined || p.rowAbsolute ? p.row : p.row + rows,
      column: p.column === undefined || p.columnAbsolute ? p.column : p.column + columns,
    }));
    const broken = parts.some(
      (p) => (p.row !== undefined && p.row < 1) || (p.column !== undefined && p.column < 1),
    );
    out += formula.slice(last, token.start) + (broken ? '#REF!' : formatRef(parts));
    last = token.end;
  }
  return out + formula.slice(last);
}
