/**
 * The Apps Script methods a program calls, read from its source with the TypeScript compiler:
 * every call (or method reference) whose method is declared on an interface of the
 * `GoogleAppsScript` namespace (@types/google-apps-script), named `Class.method` as the fakes
 * count it (`Range.getValues`, `SpreadsheetApp.getUi`, `HTTPResponse.getResponseCode`).
 *
 * The receiver's declared type decides, not its name, so a `Sheet | null`, a
 * `Pick<Range, 'getValues'>` or a destructured service all count, and a local interface
 * that happens to have a `getValues` does not.
 */
import path from 'node:path';
import ts from 'typescript';

/** The interface a property is declared on, if it is one of Google's Apps Script types. */
function appsScriptClass(declaration: ts.Declaration): string | null {
  const owner = declaration.parent;
  if (!ts.isInterfaceDeclaration(owner)) return null;
  let outer: ts.Node = owner.parent;
  const namespaces: string[] = [];
  while (ts.isModuleBlock(outer) || ts.isModuleDeclaration(outer)) {
    if (ts.isModuleDeclaration(outer)) namespaces.unshift(outer.name.text);
    outer = outer.parent;
  }
  return namespaces[0] === 'GoogleAppsScript' ? owner.name.text : null;
}

/** `Class.method` → the places (file:line) that call it, for every Apps Script method used. */
export function appsScriptCalls(tsconfigPath: string): Map<string, string[]> {
  const config = ts.getParsedCommandLineOfConfigFile(
    tsconfigPath,
    {},
    {
      ...ts.sys,
      onUnRecoverableConfigFileDiagnostic: (d) => {
        throw new Error(ts.flattenDiagnosticMessageText(d.messageText, '\n'));
      },
    },
  );
  if (!config) throw new Error(`cannot read ${tsconfigPath}`);
  const program = ts.createProgram(config.fileNames, config.options);
  const checker = program.getTypeChecker();
  const root = path.dirname(path.resolve(tsconfigPath));
  const found = new Map<string, string[]>();

  const visit = (file: ts.SourceFile, node: ts.Node): void => {
    if (ts.isPropertyAccessExpression(node)) {
      const symbol = checker.getSymbolAtLocation(node.name);
      for (const declaration of symbol?.declarations ?? []) {
        if (!ts.isMethodSignature(declaration)) continue;
        const className = appsScriptClass(declaration);
        if (!className) continue;
        const key = `${className}.${node.name.text}`;
        const { line } = file.getLineAndCharacterOfPosition(node.name.getStart(file));
        const where = `${path.relative(root, file.fileName)}:${line + 1}`;
        const places = found.get(key) ?? [];
        if (!places.includes(where)) places.push(where);
        found.set(key, places);
      }
    }
    ts.forEachChild(node, (child) => visit(file, child));
  };
  for (const file of program.getSourceFiles()) {
    if (file.isDeclarationFile || !config.fileNames.includes(file.fileName)) continue;
    visit(file, file);
  }
  return found;
}
