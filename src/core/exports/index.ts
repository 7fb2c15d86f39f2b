/**
 * Look-ups over the export catalogue: what a header holds, and which export a header row most
 * likely came from.
 */
import { foldKey } from '../text';
import { EXPORTS, type ColumnRole, type ExportFormat } from './catalogue';

export { EXPORTS, type ColumnRole, type ExportFormat } from './catalogue';

/** Folded header → its role in each export that has it (catalogue order). */
const ROLES: ReadonlyMap<string, readonly { format: ExportFormat; role: ColumnRole }[]> = (() => {
  const map = new Map<string, { format: ExportFormat; role: ColumnRole }[]>();
  for (const format of EXPORTS) {
    for (const [header, role] of Object.entries(format.columns)) {
      const key = foldKey(header);
      map.set(key, [...(map.get(key) ?? []), { format, role }]);
    }
  }
  return map;
})();

export interface DetectedExport {
  readonly id: string;
  readonly name: string;
  /** Headers of the sheet that this export writes. */
  readonly matched: number;
  /** Columns this export writes. */
  readonly of: number;
  readonly phonesWithoutPlus: boolean;
}

/** Fewer shared headers than this is a coincidence ("First Name", "Email"), not an export. */
const MIN_MATCHED = 3;

/**
 * Headers any hand-made list has: sharing only these says nothing about where a sheet came from
 * ("First Name, Last Name, Mobile, Email" is not a Salesforce report).
 */
const GENERIC: ReadonlySet<string> = new Set(
  [
    'name',
    'first name',
    'last name',
    'full name',
    'email',
    'e-mail',
    'email address',
    'phone',
    'mobile',
    'phone number',
    'mobile number',
    'tags',
    'tag',
    'country',
    'country code',
    'language',
    'city',
    'company',
    'notes',
    'birthday',
    'address',
  ].map(foldKey),
);

/**
 * The export the headers most likely came from: the one sharing the most headers, ties going to
 * the one whose own columns are best covered. Null when none shares at least three.
 */
export function detectExport(headers: readonly string[]): DetectedExport | null {
  const folded = new Set(headers.map(foldKey));
  let best: { format: ExportFormat; matched: number; of: number } | null = null;
  for (const format of EXPORTS) {
    const own = Object.keys(format.columns).map(foldKey);
    const shared = own.filter((h) => folded.has(h));
    const matched = shared.length;
    if (matched < MIN_MATCHED || shared.every((h) => GENERIC.has(h))) continue;
    const better =
      best === null ||
      matched > best.matched ||
      (matched === best.matched && matched / own.length > best.matched / best.of);
    if (better) best = { format, matched, of: own.length };
  }
  if (best === null) return null;
  return {
    id: best.format.id,
    name: best.format.name,
    matched: best.matched,
    of: best.of,
    phonesWithoutPlus: best.format.phonesWithoutPlus === true,
  };
}

/** What the header holds: in the detected export when it has it, else in the first that does. */
export function headerRole(header: string, detected: DetectedExport | null): ColumnRole | null {
  const entries = ROLES.get(foldKey(header));
  if (!entries || entries.length === 0) return null;
  const own = detected ? entries.find((e) => e.format.id === detected.id) : undefined;
  return (own ?? entries[0])?.role ?? null;
}

/** The field a role maps to (null: not a contact field). */
export function roleField(role: ColumnRole): string | null {
  switch (role) {
    case 'firstName':
    case 'lastName':
    case 'email':
    case 'tags':
    case 'language':
    case 'callingCode':
      return role;
    case 'fullName':
      return 'fullName';
    case 'country':
      return 'countryCode';
    case 'phone:mobile':
    case 'phone:other':
    case 'phone:home':
    case 'phone:work':
      return 'phone';
    case 'phoneType':
    case 'other':
      return null;
  }
}

/** How much a number's column type says it is a mobile: a typed Mobile beats Work. */
export function phoneTypeRank(type: string | null): number {
  if (type === null) return 1;
  const t = type.toLowerCase().replace(/^\*\s*/, '');
  if (
    /mobile|cell|handy|móvil|movil|celular|cellulare|seluler|mobiel|portable|whatsapp|sms/.test(t)
  )
    return 3;
  if (/work|business|office|bureau|geschäft|trabajo|comercial|ufficio|kantor|werk/.test(t))
    return 0;
  if (/home|privat|domicile|particular|residencial|abitazione|rumah|thuis|landline/.test(t))
    return 0;
  return 1;
}

/** The type a catalogue role gives a phone column ("Mobile Phone" → mobile). */
export function roleType(role: ColumnRole | null): string | null {
  if (role === 'phone:mobile') return 'mobile';
  if (role === 'phone:work') return 'work';
  if (role === 'phone:home') return 'home';
  return null;
}
