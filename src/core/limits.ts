/**
 * The numbers that bound an import. The row limits are the platform's; the rest are ours, chosen
 * so a person can always be told the exact limit in a message.
 */

/** The platform's importer takes at least one and at most 200,000 data rows. */
export const MIN_DATA_ROWS = 1;
export const MAX_DATA_ROWS = 200_000;

/** Wider than any real contact list; beyond it the sheet is almost certainly not one. */
export const MAX_COLUMNS = 200;

/** First and last names: generous for real names, short enough to catch pasted paragraphs. */
export const MAX_NAME_LENGTH = 255;
/** RFC 5321 caps a forward path at 256 octets including the angle brackets. */
export const MAX_EMAIL_LENGTH = 254;
/** The practical ceiling of URLs that browsers and CDNs accept. */
export const MAX_URL_LENGTH = 2048;
/** Custom text fields: the platform publishes no limit; 5,000 keeps notes and stops runaway cells. */
export const MAX_TEXT_LENGTH = 5000;
/** The tag endpoint's own limit per tag name. */
export const MAX_TAG_LENGTH = 255;
/** No phone number, however written, needs more characters than this. */
export const MAX_PHONE_TEXT_LENGTH = 60;
/** Contact IDs are positive integers that must stay exact in a JavaScript number. */
export const MAX_CONTACT_ID_DIGITS = 15;
