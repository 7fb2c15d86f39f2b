/**
 * ScriptApp: only the AuthMode enum an event carries (the sandbox and the executions runtime
 * read it); the add-on calls no ScriptApp method.
 */
import { instrument } from './calls';
import { Fake } from './context';
import { makeEnum } from './enums';

export const AuthMode = makeEnum(['NONE', 'CUSTOM_FUNCTION', 'LIMITED', 'FULL']);

export class FakeScriptApp extends Fake {
  readonly AuthMode = AuthMode;
}

instrument(FakeScriptApp, 'ScriptApp', 'ScriptApp');
