/**
 * A small Contacts tab of people for bundle tests of what the sheet shows: First Name, Last
 * Name, Mobile (Malaysian numbers written with a space and a dash) and Email, every row valid;
 * and the settings that check it with two rows broken (row 4 has no first name, row 6 an
 * email without a domain).
 */
import { setUp, type Addon } from './addon-harness';
import { contactsTab } from './contacts-tab';

/** Person i's row; `familyOf(i)` is their last name's number. */
export function peopleSheet(rows: number, familyOf: (i: number) => number): unknown[][] {
  const out: unknown[][] = [['First Name', 'Last Name', 'Mobile', 'Email']];
  for (let i = 0; i < rows; i++) {
    const digits = String(2_000_000 + i);
    out.push([
      `Person${i}`,
      `Family${familyOf(i)}`,
      `+60 13-${digits.slice(0, 3)} ${digits.slice(3)}`,
      `p${i}@example.com`,
    ]);
  }
  return out;
}

/**
 * Saves settings adding and updating by phone, Malaysia the default country; then the person
 * empties row 4's first name and breaks row 6's email, and makes the edits `more` makes.
 */
export function setUpTwoBroken(
  addon: Addon,
  more: (tab: ReturnType<typeof contactsTab>) => void,
): void {
  setUp(addon, {
    purpose: 'add-update',
    identifier: 'phone',
    importTag: null,
    defaultCountry: 'MY',
  });
  addon.fakes.spreadsheet.edit(() => {
    const tab = contactsTab(addon);
    tab.getRange(4, 1).setValue(''); // row 4: no first name
    tab.getRange(6, 4).setValue('p4 at example'); // row 6: not an email
    more(tab);
  });
}
