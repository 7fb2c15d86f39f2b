/**
 * What a file that should be text really is, from its first bytes: a spreadsheet or other
 * binary file given a .csv name would otherwise be parsed as CSV, its bytes shown as column
 * names and the mapping refused with "Select at least one column". Signatures:
 * ZIP (XLSX, ODS) "PK\x03\x04" (https://pkware.cachefly.net/webdocs/casestudies/APPNOTE.TXT,
 * 4.3.7), the old Excel/OLE2 compound file D0 CF 11 E0 A1 B1 1A E1, PDF "%PDF-", gzip 1F 8B.
 */
import { closeSync, openSync, readSync } from 'node:fs';
import { basename, extname } from 'node:path';

const SAMPLE_BYTES = 4096;

/** A sentence saying what the file looks like and what to do, or null when it looks like text. */
export function notTextProblem(path: string): string | null {
  const bytes = head(path);
  const name = basename(path);
  const kind = extname(path).slice(1).toUpperCase() || 'text';
  const startsWith = (...sig: number[]) => sig.every((b, i) => bytes[i] === b);
  if (startsWith(0x50, 0x4b, 0x03, 0x04)) {
    return `${name} looks like an Excel workbook (XLSX), not ${kind}: rename it to .xlsx or export it as CSV.`;
  }
  if (startsWith(0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1)) {
    return `${name} looks like an old Excel workbook (.xls), not ${kind}: open it in a spreadsheet and save it as .xlsx or export it as CSV.`;
  }
  if (startsWith(0x25, 0x50, 0x44, 0x46, 0x2d)) {
    return `${name} looks like a PDF document, not ${kind}: export the contact list from its source as CSV or XLSX.`;
  }
  if (startsWith(0x1f, 0x8b)) {
    return `${name} looks like a compressed (gzip) file, not ${kind}: decompress it first.`;
  }
  if (bytes.includes(0)) {
    return `${name} holds NUL bytes, so it is not a ${kind} text file (it looks like a binary file): export the contact list as CSV (UTF-8) or XLSX.`;
  }
  if (mostlyNotText(bytes)) {
    return `${name} is mostly not readable text (not UTF-8), so it is not a ${kind} file this importer can read: export the contact list as CSV (UTF-8) or XLSX.`;
  }
  return null;
}

/** The XLSX reader's own refusal is cryptic; say what the file is when it is not a workbook. */
export function notWorkbookProblem(path: string): string | null {
  const bytes = head(path);
  if (bytes[0] === 0x50 && bytes[1] === 0x4b) return null;
  const name = basename(path);
  return bytes.length > 0 && !bytes.includes(0) && !mostlyNotText(bytes)
    ? `${name} is not an Excel workbook: it looks like a text (CSV) file — rename it to .csv.`
    : `${name} is not an Excel workbook (XLSX): open it in a spreadsheet and save it as .xlsx or export it as CSV.`;
}

function head(path: string): Buffer {
  const fd = openSync(path, 'r');
  try {
    const buffer = Buffer.alloc(SAMPLE_BYTES);
    const read = readSync(fd, buffer, 0, SAMPLE_BYTES, 0);
    return buffer.subarray(0, read);
  } finally {
    closeSync(fd);
  }
}

/**
 * More than a third of the sample is invalid UTF-8 or control characters. A CSV saved in a
 * legacy encoding (Latin-1 names) has a few invalid bytes and is still read; random binary
 * data is about half invalid.
 */
function mostlyNotText(bytes: Buffer): boolean {
  if (bytes.length === 0) return false;
  // A multi-byte character cut at the sample's end is not a fault of the file.
  const text = new TextDecoder('utf-8', { fatal: false }).decode(bytes, { stream: true });
  let bad = 0;
  for (const ch of text) {
    const code = ch.codePointAt(0) ?? 0;
    if (code === 0xfffd || (code < 0x20 && code !== 0x09 && code !== 0x0a && code !== 0x0d)) bad++;
  }
  return bad * 3 > text.length;
}
