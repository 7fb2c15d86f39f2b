/**
 * Shapes of the contact API (respond.io Developer API v2 and white-label copies).
 * See ../../../shared/CONTACT_API.md. Answers are parsed leniently (extra keys pass);
 * requests are built from these types so a wrong key is a type error.
 */
import { z } from 'zod';

/** The custom field types the platform knows; there is no phone type. */
export const CustomFieldType = z.enum([
  'text',
  'number',
  'email',
  'url',
  'list',
  'date',
  'time',
  'checkbox',
]);
export type CustomFieldType = z.infer<typeof CustomFieldType>;

/**
 * A list field's options as the official clients read them: a plain array (the SDK's
 * `CustomField.allowedValues?: string[]`, respond-io/typescript-sdk src/types/space.ts, and
 * CONTACT_API.md), `{listValues: [...]}` (the n8n node's `CustomField` type,
 * respond-io/n8n-integration nodes/Respondio/types/index.ts), or absent. Read as the array.
 */
const AllowedValues = z
  .union([
    z.array(z.string()),
    z.looseObject({ listValues: z.array(z.string()).nullish() }).transform((v) => v.listValues),
  ])
  .nullish();

/** One item of `GET /space/custom_field`. */
export const CustomFieldDef = z.looseObject({
  id: z.union([z.number(), z.string()]).optional(),
  name: z.string(),
  slug: z.string().nullish(),
  description: z.string().nullish(),
  dataType: CustomFieldType,
  allowedValues: AllowedValues,
  /**
   * The type the workspace declared when no client knows it (e.g. a newer platform's
   * "multi_select"): the field is then handled as text (`dataType` "text") and the review
   * says so.
   */
  declaredType: z.string().optional(),
});
export type CustomFieldDef = z.infer<typeof CustomFieldDef>;

export type CustomFieldValue = string | number | boolean | null;

/** The contact's standard fields, in the platform's order (ContactFields' other key is custom_fields). */
export const STANDARD_CONTACT_FIELDS = [
  'firstName',
  'lastName',
  'phone',
  'email',
  'language',
  'profilePic',
  'countryCode',
] as const;
export type StandardContactField = (typeof STANDARD_CONTACT_FIELDS)[number];

/** The body of create / update / create_or_update. Only keys present change on update. */
export interface ContactFields {
  firstName?: string | null;
  lastName?: string | null;
  phone?: string | null;
  email?: string | null;
  language?: string | null;
  profilePic?: string | null;
  countryCode?: string | null;
  custom_fields?: { name: string; value: CustomFieldValue }[];
}

/** A contact as the API answers it. */
export const Contact = z.looseObject({
  id: z.number(),
  firstName: z.string().nullish(),
  lastName: z.string().nullish(),
  phone: z.string().nullish(),
  email: z.string().nullish(),
  language: z.string().nullish(),
  profilePic: z.string().nullish(),
  countryCode: z.string().nullish(),
  custom_fields: z
    .array(
      z.looseObject({
        name: z.string(),
        value: z.union([z.string(), z.number(), z.boolean()]).nullish(),
      }),
    )
    .nullish(),
  tags: z.array(z.string()).nullish(),
  /** Unix seconds. Lets a resumed import recognise the contacts it created itself. */
  created_at: z.number().nullish(),
});
export type Contact = z.infer<typeof Contact>;
