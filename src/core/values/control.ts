/**
 * Invisible characters in text a person sends to the workspace.
 *
 * - Control characters (C0 other than tab and line breaks, DEL, C1) come from binary pastes,
 *   terminal escapes or broken exports; no contact field means them, and some (ESC, BEL)
 *   act on whatever terminal or log later shows the contact. They are removed, with a
 *   warning and the cleaned text as the suggested fix.
 * - Bidirectional overrides and isolates (U+202A–U+202E, U+2066–U+2069) make text display in
 *   another order than it is stored ("Trojan Source", CVE-2021-42574,
 *   https://trojansource.codes/): a name can look like something else. They are legitimate
 *   in right-to-left text, so they are kept, with a warning and the text without them as a
 *   suggested fix.
 */

/* eslint-disable no-control-regex -- these patterns exist to find control characters */

// Terminal escape sequences are removed whole, so no "]0;title" debris is left (ECMA-48:
// https://ecma-international.org/publications-and-standards/standards/ecma-48/).
// OSC (title changes, OSC 8 links) ends at BEL or ST (ESC \ or U+009C), or at the text's end.
const OSC = /(?:\u001b\]|\u009d)[^\u0007\u009c\u001b]*(?:\u0007|\u009c|\u001b\\|$)/g;
// DCS, SOS, PM, APC strings: ESC P / X / ^ / _ … ST.
const STRING = /\u001b[PX^_][^\u001b\u009c]*(?:\u001b\\|\u009c|$)/g;
// CSI: parameter bytes, intermediate bytes, one final byte.
const CSI = /(?:\u001b\[|\u009b)[\u0030-\u003f]*[\u0020-\u002f]*[\u0040-\u007e]?/g;
// Any other escape: ESC, intermediates, one final byte.
const ESCAPE = /\u001b[\u0020-\u002f]*[\u0030-\u007e]?/g;

/** Text without escape sequences and without control characters but those `keep` matches. */
export function withoutControls(text: string, keep: 'tab-newline' | 'tab-newline-crlf'): string {
  const stripped = text.replace(OSC, '').replace(STRING, '').replace(CSI, '').replace(ESCAPE, '');
  return stripped.replace(keep === 'tab-newline' ? CONTROL_EXCEPT_TAB_LF : CONTROL, '');
}

// Tab (09), line feed (0A) and a carriage return before a line feed are kept.
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]|\r(?!\n)/g;
const CONTROL_EXCEPT_TAB_LF = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g;
const BIDI = /[\u202a-\u202e\u2066-\u2069]/g;
// Cheap first look: most cells hold neither.
const ANY = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;

export interface Cleaned {
  /** The text to read: control characters removed (bidi characters kept). */
  readonly text: string;
  /** What the person should know, or null when the text was clean. */
  readonly warning: { readonly message: string; readonly suggested: string } | null;
}

export function cleanControl(raw: string): Cleaned {
  if (!ANY.test(raw)) return { text: raw, warning: null };
  const text = withoutControls(raw, 'tab-newline-crlf');
  const removed = raw.length - text.length;
  const bidi = text.match(BIDI)?.length ?? 0;
  if (removed === 0 && bidi === 0) return { text: raw, warning: null };
  const parts: string[] = [];
  if (removed > 0) {
    parts.push(
      /[\u001b\u009b\u009d]/.test(raw)
        ? 'terminal escape codes and invisible control characters were removed'
        : `${removed === 1 ? 'an invisible control character was' : `${removed} invisible control characters were`} removed`,
    );
  }
  if (bidi > 0) {
    parts.push(
      `it holds ${bidi === 1 ? 'a text-direction character' : `${bidi} text-direction characters`} that can make it display differently from what is sent`,
    );
  }
  const suggested = text.replace(BIDI, '');
  return {
    text,
    warning: { message: `${parts.join('; ')} — check the text and apply the fix`, suggested },
  };
}
