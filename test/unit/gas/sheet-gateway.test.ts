/**
 * The sheet gateway (README, "src/gas"): every call into the Spreadsheet service — SpreadsheetApp
 * itself, and any method of a Spreadsheet, Sheet, Range, Filter or rule object — is made in
 * the gateway files, so how the add-on reads and writes a tab (how many calls, which cells)
 * is decided in one place, and the header row is read by one function.
 *
 * The driver is compiled with its own tsconfig and the type checker says where each property
 * it calls is declared: a declaration in @types/google-apps-script's Spreadsheet service file
 * is a Spreadsheet call. Comments, strings and type annotations are not calls.
 */
import { readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import ts from 'typescript';

const ROOT = join(__dirname, '../../..');
const GAS = join(ROOT, 'src/gas');

/** The gateway: sheet.ts for contact tabs, and its named siblings. */
const GATEWAY = ['sheet.ts', 'filter.ts', 'history-tab.ts'];

/** Where the Spreadsheet service is declared (SpreadsheetApp and every class it hands out). */
const SPREADSHEET_TYPES = /google-apps-script\.spreadsheet\.d\.ts$/;

function driverProgram(): ts.Program {
  const configPath = join(GAS, 'tsconfig.json');
  const read = ts.readConfigFile(configPath, (path) => readFileSync(path, 'utf8'));
  const config = ts.parseJsonConfigFileContent(read.config, ts.sys, dirname(configPath));
  return ts.createProgram(config.fileNames, { ...config.options, noEmit: true });
}

interface Call {
  file: string;
  line: number;
  text: string;
}

/** Every expression in `source` that reaches the Spreadsheet service. */
function spreadsheetCalls(program: ts.Program, source: ts.SourceFile): Call[] {
  const checker = program.getTypeChecker();
  const calls: Call[] = [];
  const declaredInSpreadsheet = (node: ts.Node): boolean => {
    const symbol = checker.getSymbolAtLocation(node);
    return (symbol?.declarations ?? []).some((d) =>
      SPREADSHEET_TYPES.test(d.getSourceFile().fileName),
    );
  };
  const visit = (node: ts.Node): void => {
    const reaches =
      (ts.isPropertyAccessExpression(node) && declaredInSpreadsheet(node.name)) ||
      (ts.isIdentifier(node) &&
        node.text === 'SpreadsheetApp' &&
        !ts.isPropertyAccessExpression(node.parent) &&
        declaredInSpreadsheet(node));
    if (reaches) {
      const { line } = source.getLineAndCharacterOfPosition(node.getStart(source));
      calls.push({
        file: relative(ROOT, source.fileName),
        line: line + 1,
        text: node.getText(source).replace(/\s+/g, ' ').slice(0, 80),
      });
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return calls;
}

/**
 * Functions that read the header row's cells: a getRange whose first argument is the header
 * row (`headerRow`, `draft.headerRow`…) whose values or display values are read, directly or
 * through the variable holding the range. Writing header cells (the owned columns' names) or
 * putting a filter on it is not a read.
 */
function headerReads(source: ts.SourceFile): string[] {
  const found: string[] = [];
  const enclosing = (node: ts.Node): ts.FunctionLikeDeclaration | undefined => {
    let at: ts.Node | undefined = node.parent;
    while (at && !ts.isFunctionDeclaration(at)) at = at.parent;
    return at as ts.FunctionLikeDeclaration | undefined;
  };
  const reads = /^(getValues|getDisplayValues)$/;
  const visit = (node: ts.Node): void => {
    if (
      ts.isCallExpression(node) &&
      ts.isPropertyAccessExpression(node.expression) &&
      node.expression.name.text === 'getRange' &&
      /(^|\.)headerRow$/.test(node.arguments[0]?.getText(source) ?? '')
    ) {
      // Through `cond ? getRange(…) : null` and parentheses to where the range goes.
      let parent = node.parent;
      while (ts.isConditionalExpression(parent) || ts.isParenthesizedExpression(parent))
        parent = parent.parent;
      const fn = enclosing(node);
      let read = ts.isPropertyAccessExpression(parent) && reads.test(parent.name.text);
      if (ts.isVariableDeclaration(parent) && ts.isIdentifier(parent.name) && fn?.body) {
        const name = parent.name.text;
        read = new RegExp(`\\b${name}\\.(getValues|getDisplayValues)\\(`).test(
          fn.body.getText(source),
        );
      }
      if (read)
        found.push(`${relative(ROOT, source.fileName)} ${fn?.name?.getText(source) ?? '?'}`);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

describe('the sheet gateway', () => {
  const program = driverProgram();
  const driverFiles = program
    .getSourceFiles()
    .filter((s) => s.fileName.startsWith(GAS) && !s.isDeclarationFile);
  const isGateway = (s: ts.SourceFile) => GATEWAY.includes(relative(GAS, s.fileName));

  test('the check sees Spreadsheet calls where they are (the gateway files make them)', () => {
    const gateway = driverFiles.filter(isGateway);
    expect(gateway.map((s) => relative(GAS, s.fileName)).sort()).toEqual([...GATEWAY].sort());
    for (const source of gateway) expect(spreadsheetCalls(program, source)).not.toEqual([]);
  });

  test('no other driver file calls SpreadsheetApp or a Spreadsheet, Sheet or Range method', () => {
    const outside = driverFiles
      .filter((s) => !isGateway(s))
      .flatMap((s) => spreadsheetCalls(program, s))
      .map((c) => `${c.file}:${c.line} ${c.text}`);
    expect(outside).toEqual([]);
  });

  test('the header row is read by one function, readHeaderRow_', () => {
    expect(driverFiles.flatMap(headerReads).sort()).toEqual(['src/gas/sheet.ts readHeaderRow_']);
  });
});
