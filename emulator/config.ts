/**
 * The emulator's switches for behaviour the platform's sources leave open (CONTACT_API.md,
 * "Open points"). Defaults are the emulator's documented choices; each can be flipped so
 * the client is tested against every alternative.
 */
export interface BehaviourFlags {
  /** `email:` identifiers and list `isEqualTo` on email ignore case. */
  emailCaseInsensitive: boolean;
  /** Create when the contact exists: 409, or 200 that silently creates a duplicate. */
  createExisting: 'conflict' | 'duplicate';
  /** `create_or_update` answers `{"contactId":N}`, or a 200 without the id. */
  createOrUpdateReturnsId: boolean;
  /**
   * Tag calls answer `{"contactId":N}` (CONTACT_API.md's table), or a 200 without the id
   * (a white-label copy that answers like the plain create, `{"code","message"}`).
   */
  tagReturnsId: boolean;
  /** `""` for a field clears it, or is refused with 400. */
  emptyString: 'clear' | 'reject';
  /** `custom_fields[].name` is matched against the display name then the slug, or the slug only. */
  customFieldName: 'name-or-slug' | 'slug-only';
  /** Most conditions one `$or` / `$and` list filter may hold. */
  orLimit: number;
  /**
   * `create_or_update` on an existing contact overwrites its name and email, or keeps them
   * when they are not empty (one client's report; issue 13).
   */
  createOrUpdateOverwrite: boolean;
  /**
   * Create and `create_or_update` find the contact by the identifier in the path only, or
   * also by the phone or email in the body (what the docs say: "matches on phone or
   * email"): then create answers 409 and create_or_update merges into that contact.
   */
  matchBody: boolean;
  /**
   * How `GET /space/custom_field` gives a list field's options: a plain array (the SDK's
   * `CustomField.allowedValues?: string[]`), `{listValues:[…]}` (the n8n node's type), or
   * not at all.
   */
  allowedValues: 'array' | 'listValues' | 'absent';
  /**
   * The custom-field list also holds a field of a type no client knows (`dataType`
   * "multi_select"); values for it are taken as text.
   */
  unknownFieldType: boolean;
}

export const DEFAULT_FLAGS: BehaviourFlags = {
  emailCaseInsensitive: true,
  createExisting: 'conflict',
  createOrUpdateReturnsId: true,
  tagReturnsId: true,
  emptyString: 'clear',
  customFieldName: 'name-or-slug',
  orLimit: 50,
  createOrUpdateOverwrite: true,
  matchBody: false,
  allowedValues: 'array',
  unknownFieldType: false,
};
