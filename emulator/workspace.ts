/**
 * The emulator's in-memory workspace: custom field definitions and contacts, with the
 * platform's look-up rules. Saved and loaded as JSON in the API's own shapes
 * (`{"customFields":[…],"contacts":[…]}`, contacts as `GET /contact/{id}` answers them).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { z } from 'zod';
import type { BehaviourFlags } from './config';
import { STANDARD_FIELDS, type FieldChanges, type StandardField } from './validate';

/**
 * The platform's field types. "multi_select" stands for a type the platform has and no client
 * knows (`--unknown-field-type`): what it accepts is not documented, so values are kept as text.
 */
export type DataType =
  'text' | 'number' | 'email' | 'url' | 'list' | 'date' | 'time' | 'checkbox' | 'multi_select';
export type StoredValue = string | number | boolean | null;

export interface FieldDef {
  id: number;
  name: string;
  slug: string;
  description: string | null;
  dataType: DataType;
  allowedValues: string[] | null;
}

export interface StoredContact {
  id: number;
  firstName: string | null;
  lastName: string | null;
  phone: string | null;
  email: string | null;
  language: string | null;
  profilePic: string | null;
  countryCode: string | null;
  /** Values by field id. */
  custom: Map<number, StoredValue>;
  tags: string[];
  lifecycle: string | null;
  created_at: number;
  /** When (ms, emulator clock) the contact was created here; 0 for loaded ones. */
  createdMs: number;
}

/** A contact as the API answers it (a type alias, so it fits the file schema's index signature). */
export type ContactJson = {
  id: number;
  firstName: string | null;
  lastName: string | null;
  phone: string | null;
  email: string | null;
  language: string | null;
  profilePic: string | null;
  countryCode: string | null;
  custom_fields: { name: string; value: StoredValue }[];
  status: 'open';
  tags: string[];
  assignee: null;
  lifecycle: string | null;
  created_at: number;
  isBlocked: false;
};

const FieldDefSchema = z.object({
  id: z.number().int().positive(),
  name: z.string().min(1),
  slug: z.string().min(1),
  description: z.string().nullish(),
  dataType: z.enum([
    'text',
    'number',
    'email',
    'url',
    'list',
    'date',
    'time',
    'checkbox',
    'multi_select',
  ]),
  allowedValues: z.array(z.string()).nullish(),
});

const ContactFileSchema = z.looseObject({
  id: z.number().int().positive(),
  firstName: z.string().nullish(),
  lastName: z.string().nullish(),
  phone: z.string().nullish(),
  email: z.string().nullish(),
  language: z.string().nullish(),
  profilePic: z.string().nullish(),
  countryCode: z.string().nullish(),
  custom_fields: z
    .array(
      z.object({
        name: z.string(),
        value: z.union([z.string(), z.number(), z.boolean()]).nullish(),
      }),
    )
    .nullish(),
  tags: z.array(z.string()).nullish(),
  lifecycle: z.string().nullish(),
  created_at: z.number().nullish(),
});

export const WorkspaceFileSchema = z.object({
  customFields: z.array(FieldDefSchema),
  contacts: z.array(ContactFileSchema),
});
export type WorkspaceData = z.input<typeof WorkspaceFileSchema>;

export type ApiIdentifier =
  { type: 'id'; value: number } | { type: 'email' | 'phone'; value: string };

export class Workspace {
  fields: FieldDef[] = [];
  private contacts: StoredContact[] = [];
  private nextId = 1;

  constructor(data: WorkspaceData = { customFields: [], contacts: [] }) {
    this.load(data);
  }

  /** Replaces everything with `data` (validated: a bad file fails loudly, not half-loaded). */
  load(data: unknown): void {
    const parsed = WorkspaceFileSchema.parse(data);
    this.fields = parsed.customFields.map((f) => ({
      id: f.id,
      name: f.name,
      slug: f.slug,
      description: f.description ?? null,
      dataType: f.dataType,
      allowedValues: f.allowedValues ?? null,
    }));
    const byName = new Map(this.fields.map((f) => [f.name, f.id]));
    this.contacts = parsed.contacts.map((c) => ({
      id: c.id,
      firstName: c.firstName ?? null,
      lastName: c.lastName ?? null,
      phone: c.phone ?? null,
      email: c.email ?? null,
      language: c.language ?? null,
      profilePic: c.profilePic ?? null,
      countryCode: c.countryCode ?? null,
      custom: new Map(
        (c.custom_fields ?? []).flatMap((cf) => {
          const id = byName.get(cf.name);
          return id === undefined || cf.value === null || cf.value === undefined
            ? []
            : [[id, cf.value] as const];
        }),
      ),
      tags: [...(c.tags ?? [])],
      lifecycle: c.lifecycle ?? null,
      created_at: c.created_at ?? 0,
      createdMs: 0,
    }));
    this.nextId = Math.max(0, ...this.contacts.map((c) => c.id)) + 1;
  }

  loadFile(path: string): void {
    this.load(JSON.parse(readFileSync(path, 'utf8')));
  }

  saveFile(path: string): void {
    writeFileSync(path, `${JSON.stringify(this.snapshot(), null, 2)}\n`);
  }

  snapshot(): WorkspaceData {
    return { customFields: this.fields.map((f) => ({ ...f })), contacts: this.allContacts() };
  }

  /** Every contact as the API answers it, oldest first. */
  allContacts(): ContactJson[] {
    return this.contacts.map((c) => this.toJson(c));
  }

  get size(): number {
    return this.contacts.length;
  }

  /** All contacts the identifier names, oldest first (the API reads and updates the first). */
  findAll(identifier: ApiIdentifier, flags: BehaviourFlags): StoredContact[] {
    if (identifier.type === 'id') return this.contacts.filter((c) => c.id === identifier.value);
    if (identifier.type === 'phone')
      return this.contacts.filter((c) => c.phone === identifier.value);
    const wanted = flags.emailCaseInsensitive ? identifier.value.toLowerCase() : identifier.value;
    return this.contacts.filter((c) => {
      if (c.email === null) return false;
      return (flags.emailCaseInsensitive ? c.email.toLowerCase() : c.email) === wanted;
    });
  }

  create(changes: FieldChanges, identifier: ApiIdentifier, nowMs: number): StoredContact {
    const contact: StoredContact = {
      id: this.nextId++,
      firstName: null,
      lastName: null,
      phone: null,
      email: null,
      language: null,
      profilePic: null,
      countryCode: null,
      custom: new Map(),
      tags: [],
      lifecycle: null,
      created_at: Math.floor(nowMs / 1000),
      createdMs: nowMs,
    };
    this.apply(contact, changes);
    // The identifier names the contact: it wins over a different value in the body.
    if (identifier.type === 'email') contact.email = identifier.value;
    if (identifier.type === 'phone') contact.phone = identifier.value;
    this.contacts.push(contact);
    return contact;
  }

  apply(contact: StoredContact, changes: FieldChanges): void {
    for (const key of STANDARD_FIELDS) {
      const value = changes.standard[key as StandardField];
      if (value !== undefined) contact[key] = value;
    }
    for (const [id, value] of changes.custom) {
      if (value === null) contact.custom.delete(id);
      else contact.custom.set(id, value);
    }
  }

  /** Contacts visible to POST /contact/list: created at least `lagMs` ago. Newest first. */
  listed(nowMs: number, lagMs: number): StoredContact[] {
    return this.contacts.filter((c) => c.createdMs === 0 || nowMs - c.createdMs >= lagMs).reverse();
  }

  toJson(contact: StoredContact): ContactJson {
    return {
      id: contact.id,
      firstName: contact.firstName,
      lastName: contact.lastName,
      phone: contact.phone,
      email: contact.email,
      language: contact.language,
      profilePic: contact.profilePic,
      countryCode: contact.countryCode,
      custom_fields: this.fields.map((f) => ({
        name: f.name,
        value: contact.custom.get(f.id) ?? null,
      })),
      status: 'open',
      tags: [...contact.tags],
      assignee: null,
      lifecycle: contact.lifecycle,
      created_at: contact.created_at,
      isBlocked: false,
    };
  }
}

/** Reads `email:…`, `phone:+…`, `id:…` from a raw path segment (encoded or not). */
export function parseApiIdentifier(segment: string): ApiIdentifier | null {
  let text: string;
  try {
    // decodeURIComponent leaves a literal "+" alone, as the platform does.
    text = decodeURIComponent(segment);
  } catch {
    return null;
  }
  const m = /^(id|email|phone):(.+)$/.exec(text);
  if (!m) return null;
  const value = m[2] as string;
  if (m[1] === 'id') return /^\d+$/.test(value) ? { type: 'id', value: Number(value) } : null;
  if (m[1] === 'phone') return /^\+[1-9]\d{6,14}$/.test(value) ? { type: 'phone', value } : null;
  return /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(value) ? { type: 'email', value } : null;
}
