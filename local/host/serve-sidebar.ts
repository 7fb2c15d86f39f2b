/**
 * The built sidebar served outside Google: the google.script.run stand-in (script-run.js,
 * with Google's payload rules before it) goes into the page before the app's own script.
 * The local sandbox serves the result at GET /sidebar (local/sandbox/routes.ts), and its
 * POST /rpc/<name> route hands each call to the production bundle; the browser tests open
 * that page.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const SCRIPT_RUN = join(__dirname, 'script-run.js');
/** Google's payload rules, shared with the Node side (gas-runtime.ts); script-run.js uses them. */
const PAYLOAD = join(__dirname, 'script-run-payload.js');

/** Puts the stand-in before the first script, so `google` exists when the app starts. */
export function withScriptRun(html: string): string {
  const tag = `<script>\n${readFileSync(PAYLOAD, 'utf8')}\n${readFileSync(SCRIPT_RUN, 'utf8')}\n</script>\n`;
  const at = html.search(/<script[\s>]/i);
  if (at >= 0) return html.slice(0, at) + tag + html.slice(at);
  const body = html.search(/<\/body>/i);
  return body >= 0 ? html.slice(0, body) + tag + html.slice(body) : html + tag;
}
