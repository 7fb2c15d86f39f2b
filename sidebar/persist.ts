import type { Kept } from './store';

/**
 * Keeps a little wizard state in the browser so a reopened sidebar comes back where the
 * person was. Storage can be missing or throw (third-party iframes with storage blocked,
 * private modes), so every access is guarded and failure just means nothing is kept.
 * sessionStorage first: it lives as long as the spreadsheet's tab, which is what "reopen
 * the sidebar" means; localStorage only when sessionStorage is unavailable.
 */

function storage(): Storage | null {
  for (const name of ['sessionStorage', 'localStorage'] as const) {
    try {
      const s = window[name];
      const probe = '__contact_import_probe__';
      s.setItem(probe, '1');
      s.removeItem(probe);
      return s;
    } catch {
      // Blocked or absent: try the next one.
    }
  }
  return null;
}

const store = storage();

/** One entry per spreadsheet tab, so another tab's wizard does not reopen here. */
export function keyFor(spreadsheetName: string, sheetName: string): string {
  return `contact-import:${spreadsheetName}\u0000${sheetName}`;
}

export function readKept(key: string): Kept | null {
  try {
    const text = store?.getItem(key);
    return text ? (JSON.parse(text) as Kept) : null;
  } catch {
    return null;
  }
}

export function writeKept(key: string, kept: Kept): void {
  try {
    store?.setItem(key, JSON.stringify(kept));
  } catch {
    // Quota or blocked storage: the sidebar still works, it just will not reopen here.
  }
}
