/**
 * Runs the production bundle the way Apps Script does: dist/Code.js as one script in a
 * fresh V8 context whose only globals are the Apps Script fakes. No require, process,
 * Buffer, fetch, setTimeout, URL or TextEncoder exist there, so server code that reaches
 * for Node or the browser fails here as it would on Google.
 */
import { parse } from 'acorn';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import vm from 'node:vm';
import type { AuthModeName, Execution, GasFakes } from './gas-fakes';
import { enumName } from './gas-fakes/enums';
import { copyAnswer, copyArguments } from './host/script-run-payload';

export const DIST = join(__dirname, '..', 'dist');

export interface GasBundle {
  /** The V8 context the bundle runs in (its global object). */
  readonly context: vm.Context;
  /** Names of the top-level function declarations: what Apps Script can call. */
  readonly topLevelFunctions: string[];
  /**
   * Calls a top-level function as one execution, as a trigger or the menu would. onOpen and
   * onEdit run as simple triggers in the event's `authMode` (LIMITED when it has none);
   * anything else runs as its event says, or FULL.
   */
  invoke(name: string, ...args: unknown[]): unknown;
  /**
   * Calls a top-level function as google.script.run does: one execution whose arguments
   * and answer are copied by Google's rules (host/script-run-payload.js), so the answer is
   * a plain Node-realm value. Arguments Google refuses (a Date, a function, a circular
   * object…) throw its client error and start no execution; an answer holding a Date
   * arrives as null, as the sidebar's success handler would receive it.
   */
  run(name: string, ...args: unknown[]): unknown;
}

export function readBundle(dist = DIST): string {
  return readFileSync(join(dist, 'Code.js'), 'utf8');
}

/** Loads Code.js into a bare context holding the fakes' services. */
export function loadGasBundle(code: string, fakes: GasFakes): GasBundle {
  const topLevelFunctions = topLevelFunctionNames(code);
  // Apps Script's `console` writes to the execution log; here it goes to the Logger fake.
  const log = (...args: unknown[]) => fakes.globals.Logger.log(args.map(String).join(' '));
  const console = { log, info: log, warn: log, error: log, debug: log };
  const context = fakes.createContext({ console });
  vm.runInContext(code, context, { filename: 'Code.js' });

  const fn = (name: string): ((...a: unknown[]) => unknown) => {
    if (!topLevelFunctions.includes(name)) {
      throw new Error(`Code.js has no top-level function ${name}`);
    }
    return (context as Record<string, (...a: unknown[]) => unknown>)[name]!;
  };
  return {
    context,
    topLevelFunctions,
    invoke: (name, ...args) => fakes.run(() => fn(name)(...args), executionOf(name, args[0])),
    run: (name, ...args) => {
      const sent = copyArguments(args);
      const answer = fakes.run(() => fn(name)(...sent), { authMode: 'FULL', kind: 'script-run' });
      return copyAnswer(answer);
    },
  };
}

const SIMPLE_TRIGGERS = new Set(['onOpen', 'onEdit', 'onSelectionChange']);
const MODES = new Set<string>(['NONE', 'LIMITED', 'FULL']);

/** The execution a trigger or menu call runs in: the event's authMode, and its kind. */
export function executionOf(name: string, event: unknown): Execution {
  const given = enumName((event as { authMode?: unknown } | null | undefined)?.authMode);
  const simple = SIMPLE_TRIGGERS.has(name);
  const authMode = (
    given !== undefined && MODES.has(given) ? given : simple ? 'LIMITED' : 'FULL'
  ) as AuthModeName;
  return { authMode, kind: simple ? 'simple-trigger' : 'menu' };
}

/** Top-level `function name() {}` declarations, read from the syntax tree. */
export function topLevelFunctionNames(code: string): string[] {
  const program = parse(code, { ecmaVersion: 'latest', sourceType: 'script' });
  return program.body.flatMap((node) =>
    node.type === 'FunctionDeclaration' && node.id ? [node.id.name] : [],
  );
}
