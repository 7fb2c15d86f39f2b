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
  /** `""` for a field clears it, or is refused with 400. */
  emptyString: 'clear' | 'reject';
  /** `custom_fields[].name` is matched against the display name then the slug, or the slug only. */
  customFieldName: 'name-or-slug' | 'slug-only';
  /** Most conditions one `$or` / `$and` list filter may hold. */
  orLimit: number;
}

export const DEFAULT_FLAGS: BehaviourFlags = {
  emailCaseInsensitive: true,
  createExisting: 'conflict',
  createOrUpdateReturnsId: true,
  emptyString: 'clear',
  customFieldName: 'name-or-slug',
  orLimit: 50,
};
