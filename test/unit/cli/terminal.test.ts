/** What the CLI prints keeps printable text and loses every escape and control character. */
import { forTerminal } from '../../../local/cli/terminal';

test.each([
  ['plain', 'plain'],
  ['row 2, column A \u2192 First Name — ok', 'row 2, column A \u2192 First Name — ok'],
  ['\u001b]0;owned\u0007Notes', 'Notes'],
  ['\u001b]0;owned\u001b\\Notes', 'Notes'],
  ['\u001b]8;;http://evil.example\u001b\\Click\u001b]8;;\u001b\\', 'Click'],
  ['\u001b[2J\u001b[1;1HCleared', 'Cleared'],
  ['\u001bPq#0;2;0;0;0\u001b\\sixel', 'sixel'],
  ['a\u0008b\u0007c\u007fd\u0085e', 'abcde'],
  ['over\rwrite', 'overwrite'],
  ['\u009b31mred', 'red'],
  ['\u001b]0;never terminated', ''],
  ['tab\tand\nline', 'tab\tand\nline'],
])('%j → %j', (raw, printed) => {
  expect(forTerminal(raw)).toBe(printed);
});
