/**
 * The contact fields a column can map to: the platform's standard fields, the workspace's custom
 * fields, and two pseudo-fields (a full name to split, and the Contact ID used as identifier).
 * Keys are stable strings saved with the mapping: `firstName`, `custom:Company`, `fullName`.
 */
import type { CustomFieldDef, CustomFieldType } from '../api/schemas';
import { MAX_EMAIL_LENGTH, MAX_NAME_LENGTH, MAX_TEXT_LENGTH, MAX_URL_LENGTH } from './limits';
import { foldKey } from './text';

export type StandardFieldName =
  'firstName' | 'lastName' | 'phone' | 'email' | 'language' | 'profilePic' | 'countryCode';

/** How a field's values are checked. Custom fields use their platform type. */
export type FieldValueType =
  | 'name'
  | 'phone'
  | 'email'
  | 'language'
  | 'profilePic'
  | 'country'
  | 'tags'
  | 'fullName'
  | 'contactId'
  | 'callingCode'
  | `custom-${CustomFieldType}`;

export type FieldTarget =
  | { readonly kind: 'standard'; readonly name: StandardFieldName }
  | { readonly kind: 'custom'; readonly name: string; readonly slug: string | null }
  | { readonly kind: 'tags' }
  | { readonly kind: 'fullName' }
  | { readonly kind: 'contactId' }
  /** A calling-code column (91, +971): not sent, joined to the row's phone number. */
  | { readonly kind: 'callingCode' };

export interface FieldDef {
  /** Stable key saved in mappings. */
  readonly key: string;
  /** What the sidebar shows and messages say. */
  readonly label: string;
  readonly valueType: FieldValueType;
  readonly target: FieldTarget;
  /** The options of a list custom field; null otherwise. */
  readonly options: readonly string[] | null;
  /** Characters allowed, or null when the type bounds the value itself. */
  readonly maxLength: number | null;
  /** Header spellings that map to this field automatically, folded (see `foldKey`). */
  readonly synonyms: readonly string[];
  /** Contact ID is only a source of identifiers, and only for identifier `id`. */
  readonly identifierOnly: boolean;
}

export interface FieldCatalogue {
  readonly fields: readonly FieldDef[];
  readonly byKey: ReadonlyMap<string, FieldDef>;
}

export const FULL_NAME_KEY = 'fullName';
export const CONTACT_ID_KEY = 'contactId';
export const TAGS_KEY = 'tags';
export const CALLING_CODE_KEY = 'callingCode';

export function customFieldKey(name: string): string {
  return `custom:${name}`;
}

interface StandardSpec {
  readonly key: string;
  readonly label: string;
  readonly valueType: FieldValueType;
  readonly target: FieldTarget;
  readonly maxLength: number | null;
  readonly synonyms: readonly string[];
}

const standard = (name: StandardFieldName) => ({ kind: 'standard', name }) as const;

const STANDARD_FIELDS: readonly StandardSpec[] = [
  {
    key: 'firstName',
    label: 'First Name',
    valueType: 'name',
    target: standard('firstName'),
    maxLength: MAX_NAME_LENGTH,
    synonyms: ['given name', 'forename', 'first', 'fname', 'first name', 'christian name'],
  },
  {
    key: 'lastName',
    label: 'Last Name',
    valueType: 'name',
    target: standard('lastName'),
    maxLength: MAX_NAME_LENGTH,
    synonyms: ['surname', 'family name', 'last', 'lname', 'last name'],
  },
  {
    key: 'phone',
    label: 'Phone',
    valueType: 'phone',
    target: standard('phone'),
    maxLength: null,
    synonyms: [
      'mobile',
      'mobile number',
      'mobile no',
      'mobile phone',
      'cell',
      'cell phone',
      'cell number',
      'whatsapp',
      'whatsapp number',
      'whatsapp no',
      'phone number',
      'phone no',
      'tel',
      'tel no',
      'telephone',
      'telephone number',
      'contact number',
      'contact no',
      'handphone',
      'hp',
      'msisdn',
    ],
  },
  {
    key: 'email',
    label: 'Email',
    valueType: 'email',
    target: standard('email'),
    maxLength: MAX_EMAIL_LENGTH,
    synonyms: ['e-mail', 'email address', 'e-mail address', 'mail', 'email id'],
  },
  {
    key: 'language',
    label: 'Language',
    valueType: 'language',
    target: standard('language'),
    maxLength: null,
    synonyms: ['lang', 'locale', 'preferred language'],
  },
  {
    key: 'profilePic',
    label: 'Profile Picture URL',
    valueType: 'profilePic',
    target: standard('profilePic'),
    maxLength: MAX_URL_LENGTH,
    synonyms: [
      'avatar',
      'photo',
      'picture',
      'profile picture',
      'profile pic',
      'profile photo',
      'photo url',
      'avatar url',
      'picture url',
      'image',
    ],
  },
  {
    key: 'countryCode',
    label: 'Country Code',
    valueType: 'country',
    target: standard('countryCode'),
    maxLength: null,
    synonyms: ['country', 'country iso', 'iso country'],
  },
  {
    key: TAGS_KEY,
    label: 'Tags',
    valueType: 'tags',
    target: { kind: 'tags' },
    maxLength: null,
    synonyms: ['labels', 'tag', 'label'],
  },
  {
    key: CALLING_CODE_KEY,
    label: 'Calling code (joined to Phone)',
    valueType: 'callingCode',
    target: { kind: 'callingCode' },
    maxLength: null,
    synonyms: ['calling code', 'dial code', 'dialing code', 'isd code', 'country calling code'],
  },
  {
    key: FULL_NAME_KEY,
    label: 'Name (split into First and Last Name)',
    valueType: 'fullName',
    target: { kind: 'fullName' },
    maxLength: MAX_NAME_LENGTH,
    synonyms: ['name', 'full name', 'contact name', 'customer name', 'client name'],
  },
  {
    key: CONTACT_ID_KEY,
    label: 'Contact ID',
    valueType: 'contactId',
    target: { kind: 'contactId' },
    maxLength: null,
    synonyms: ['id', 'contact id'],
  },
];

function customMaxLength(type: CustomFieldType): number | null {
  if (type === 'text' || type === 'list') return MAX_TEXT_LENGTH;
  if (type === 'email') return MAX_EMAIL_LENGTH;
  if (type === 'url') return MAX_URL_LENGTH;
  return null;
}

function fromStandard(spec: StandardSpec): FieldDef {
  return {
    ...spec,
    options: null,
    synonyms: spec.synonyms.map(foldKey),
    identifierOnly: spec.key === CONTACT_ID_KEY,
  };
}

function fromCustom(def: CustomFieldDef): FieldDef {
  const slug = def.slug?.trim() || null;
  return {
    key: customFieldKey(def.name),
    label: def.name,
    valueType: `custom-${def.dataType}`,
    target: { kind: 'custom', name: def.name, slug },
    options: def.dataType === 'list' ? (def.allowedValues ?? []) : null,
    maxLength: customMaxLength(def.dataType),
    synonyms: slug ? [foldKey(slug)] : [],
    identifierOnly: false,
  };
}

/**
 * The catalogue for a workspace. Custom fields with an empty or repeated name are left out:
 * they could not be told apart in a saved mapping.
 */
export function buildCatalogue(customFields: readonly CustomFieldDef[] = []): FieldCatalogue {
  const fields: FieldDef[] = STANDARD_FIELDS.map(fromStandard);
  const byKey = new Map(fields.map((f) => [f.key, f]));
  for (const def of customFields) {
    if (def.name.trim() === '') continue;
    const field = fromCustom(def);
    if (byKey.has(field.key)) continue;
    fields.push(field);
    byKey.set(field.key, field);
  }
  return { fields, byKey };
}

export function findField(catalogue: FieldCatalogue, key: string): FieldDef | undefined {
  return catalogue.byKey.get(key);
}
