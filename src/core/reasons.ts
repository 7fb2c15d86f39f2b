/**
 * Why a row ends as it does, as a code and its text. Drivers branch on the code (a row
 * whose identifier matches several contacts marks the identifier's cell); the text, what
 * the Error column says, is made here and nowhere else.
 */

export type ReasonCode =
  /** The row failed validation: its own cells say why. */
  | 'invalid'
  /** add-all: neither a phone nor an email to create the contact with. */
  | 'no-channel'
  | 'lookup-failed'
  /** The identifier matches several contacts: never guessed between. */
  | 'several-matches'
  /** update: nothing to update. */
  | 'not-in-workspace'
  /** add: the contact exists; nothing is written to it. */
  | 'exists'
  /** add: the contact appeared while the import ran (someone else made it). */
  | 'appeared'
  /** add-all: a contact with the row's phone or email exists that this run did not make. */
  | 'exists-not-ours'
  /** A write ran out of tries or was refused. */
  | 'request-failed'
  /** The contact was created, but reading its ID failed. */
  | 'id-unread'
  /** The contact exists, but reading it failed. */
  | 'contact-unread'
  | 'tags-failed'
  /** Cancelled after the row's values were written, before its tags. */
  | 'tags-cut';

export interface Reason {
  code: ReasonCode;
  text: string;
}

const reason = (code: ReasonCode, text: string): Reason => ({ code, text });

export const REASON = {
  invalid: (text: string) => reason('invalid', text),
  noChannel: () => reason('no-channel', 'needs a phone or email to create the contact'),
  lookupFailed: (detail: string) =>
    reason('lookup-failed', `Could not look the contact up: ${detail}`),
  severalMatches: (ids: readonly number[]) =>
    reason(
      'several-matches',
      `matches ${ids.length} contacts in the workspace (IDs ${ids.join(', ')}) — merge them there, or use another identifier`,
    ),
  notInWorkspace: () => reason('not-in-workspace', 'not in the workspace — nothing to update'),
  exists: (contactId: number) =>
    reason('exists', `already in the workspace (contact ${contactId})`),
  appeared: (contactId: number) =>
    reason(
      'appeared',
      `already in the workspace (contact ${contactId}) — it appeared during the import`,
    ),
  existsNotOurs: (contactId: number) =>
    reason(
      'exists-not-ours',
      `already in the workspace (contact ${contactId}), not created by this import`,
    ),
  requestFailed: (detail: string) => reason('request-failed', detail),
  idUnread: (detail: string) =>
    reason('id-unread', `created, but its ID could not be read: ${detail}`),
  contactUnread: (detail: string) =>
    reason('contact-unread', `already in the workspace, but it could not be read: ${detail}`),
  tagsFailed: (detail: string) => reason('tags-failed', `tags not applied: ${detail}`),
  tagsCut: () => reason('tags-cut', 'import cancelled before its tags were applied'),
} as const;
