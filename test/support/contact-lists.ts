/**
 * Contact lists and workspaces for import tests, and views of the outcome that two runs can
 * be compared by: the workspace's contacts by identifier (ids differ between workspaces, the
 * contacts must not), and each row's status, message and the contact its Contact ID names.
 */
import { writeFileSync } from 'node:fs';
import Papa from 'papaparse';
import { DEMO_FIELDS } from '../../emulator/seed';
import type { WorkspaceData } from '../../emulator/workspace';
import type { Contact } from '../../src/api';

/** Created long before any run, so no run takes these contacts for its own. */
const OLD = 1_600_000_000;

export const LIST_HEADER = ['First Name', 'Last Name', 'Phone', 'Email', 'Plan', 'Tags'];

export const LIST_MAPPING = [
  { header: 'First Name', field: 'firstName' },
  { header: 'Last Name', field: 'lastName' },
  { header: 'Phone', field: 'phone' },
  { header: 'Email', field: 'email' },
  { header: 'Plan', field: 'custom:Plan' },
  { header: 'Tags', field: 'tags' },
];

const phoneOf = (i: number) => `+4420792${String(10000 + i).slice(-5)}`;
const emailOf = (i: number) => `person${i}@example.com`;

/** A workspace with the demo's custom fields and `existing` contacts (those of rows 0, 2, 4…). */
export function workspaceWith(existing: number): WorkspaceData {
  const contacts = Array.from({ length: existing }, (_, k) => ({
    id: 5000 + k,
    firstName: `Known${2 * k}`,
    lastName: null,
    phone: phoneOf(2 * k),
    email: emailOf(2 * k),
    tags: ['old'],
    custom_fields: [{ name: 'Company', value: `Company ${k}` }],
    created_at: OLD,
  }));
  return { customFields: DEMO_FIELDS.map((f) => ({ ...f })), contacts };
}

export interface ListOptions {
  /** Rows 0, 2, 4… are the workspace's contacts (see workspaceWith); false: every row is new. */
  existing?: boolean;
  /** Every `errorEvery`th row has an error (an email without a domain). */
  errorEvery?: number;
}

/** `count` contact rows under LIST_HEADER, written the way people write them. */
export function contactList(count: number, options: ListOptions = {}): string[][] {
  const rows: string[][] = [LIST_HEADER];
  for (let i = 0; i < count; i++) {
    const n = options.existing === false ? i + 1 : i;
    const phone = phoneOf(n);
    const spaced = `${phone.slice(0, 3)} ${phone.slice(3, 7)} ${phone.slice(7)}`;
    const bad = options.errorEvery !== undefined && i % options.errorEvery === 1;
    rows.push([
      n % 2 === 0 ? `Known${n}` : `New${n}`,
      `Last ${n}`,
      i % 3 === 0 ? spaced : phone,
      bad ? `person${n}@nowhere` : emailOf(n).toUpperCase(),
      n % 2 === 0 ? 'Pro' : 'Free',
      i % 4 === 0 ? 'vip, newsletter' : i % 4 === 1 ? 'lead' : '',
    ]);
  }
  return rows;
}

export function writeList(path: string, rows: readonly (readonly unknown[])[]): void {
  writeFileSync(path, Papa.unparse(rows as unknown[][], { newline: '\n' }) + '\n');
}

export interface ContactView {
  firstName: string | null;
  lastName: string | null;
  phone: string | null;
  email: string | null;
  custom: Record<string, unknown>;
  tags: string[];
}

/** The workspace by identifier (phone, else email); ids left out. Two contacts with one key fail. */
export function workspaceView(contacts: readonly Contact[]): Map<string, ContactView> {
  const view = new Map<string, ContactView>();
  for (const c of contacts) {
    const key = c.phone ?? c.email ?? `id:${c.id}`;
    if (view.has(key)) throw new Error(`Two contacts share ${key}: a row was created twice.`);
    const custom: Record<string, unknown> = {};
    for (const f of c.custom_fields ?? []) if (f.value !== null) custom[f.name] = f.value;
    view.set(key, {
      firstName: c.firstName ?? null,
      lastName: c.lastName ?? null,
      phone: c.phone ?? null,
      email: c.email ?? null,
      custom,
      tags: [...(c.tags ?? [])].sort(),
    });
  }
  return view;
}

export interface RowView {
  status: string;
  error: string;
  /** Phone (else email) of the contact the row's Contact ID names; '' when it names none. */
  contact: string;
}

/**
 * Each row's outcome with its Contact ID replaced by the contact it names, keyed by the row's
 * own first name (unique in contactList), so rows can be compared across workspaces and orders.
 */
export function rowsView(
  sheet: readonly (readonly unknown[])[],
  contacts: readonly Contact[],
): Map<string, RowView> {
  const header = (sheet[0] ?? []).map(String);
  const at = (name: string) => header.indexOf(name);
  const byId = new Map(contacts.map((c) => [String(c.id), c]));
  const view = new Map<string, RowView>();
  for (const row of sheet.slice(1)) {
    const named = byId.get(String(row[at('Contact ID')] ?? ''));
    view.set(String(row[at('First Name')]), {
      status: String(row[at('Import Status')] ?? ''),
      error: String(row[at('Error')] ?? ''),
      contact: named ? (named.phone ?? named.email ?? '') : '',
    });
  }
  return view;
}
