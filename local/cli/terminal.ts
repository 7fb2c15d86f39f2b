/**
 * Text from a file or from the API, made safe to print. A cell or an answer may hold terminal
 * escape sequences — ESC [ … (CSI: clear the screen, move the cursor), ESC ] … (OSC: set the
 * window title, OSC 8 hyperlinks that show one address and open another), other ESC
 * sequences — and bare control characters (BEL, backspace, a carriage return that overwrites
 * the line, C1 controls such as U+009B, a one-character CSI). Printed raw they act on the
 * person's terminal instead of being read. Sequences are removed whole, then any remaining
 * control character (the same rules as the values sent: src/core/values/control.ts); tab and
 * line feed are kept, and printable text is left as it is.
 */
import { withoutControls } from '../../src/core/values/control';

// eslint-disable-next-line no-control-regex -- finds control characters
const ANY = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/;

export function forTerminal(text: string): string {
  return ANY.test(text) ? withoutControls(text, 'tab-newline') : text;
}
