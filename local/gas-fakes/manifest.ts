/**
 * The project manifest (appsscript.json) the fakes enforce, and the execution being run.
 *
 * Google gives a script exactly the scopes listed in `oauthScopes` when the list is present,
 * and fetches only URLs under `urlFetchWhitelist` when that list is present:
 * https://developers.google.com/apps-script/concepts/scopes#setting_explicit_scopes
 * https://developers.google.com/apps-script/manifest/allowlist-url
 * Without a manifest the fakes restrict nothing (Apps Script's automatic scope detection).
 */
import { readFileSync } from 'node:fs';
import { z } from 'zod';

export const Manifest = z.looseObject({
  timeZone: z.string().optional(),
  runtimeVersion: z.string().optional(),
  oauthScopes: z.array(z.string()).optional(),
  urlFetchWhitelist: z.array(z.string()).optional(),
});
export type Manifest = z.infer<typeof Manifest>;

export function readManifest(path: string): Manifest {
  return Manifest.parse(JSON.parse(readFileSync(path, 'utf8')));
}

/**
 * How Google runs an execution. `authMode` follows ScriptApp.AuthMode; `kind` sets the
 * deadline and the mode's defaults: a simple trigger (onOpen, onEdit) runs LIMITED in an
 * authorised document, NONE before the add-on is authorised there.
 * https://developers.google.com/workspace/add-ons/concepts/editor-auth-lifecycle#authorization_modes
 */
export type AuthModeName = 'NONE' | 'LIMITED' | 'FULL';
export type ExecutionKind = 'simple-trigger' | 'script-run' | 'menu';

export interface Execution {
  readonly authMode: AuthModeName;
  readonly kind: ExecutionKind;
}

export const FULL_EXECUTION: Execution = { authMode: 'FULL', kind: 'script-run' };
