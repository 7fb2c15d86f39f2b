/**
 * Apps Script enums. At run time Google's enum members are objects that print as their name
 * (`String(SpreadsheetApp.BooleanCriteria.CELL_EMPTY) === 'CELL_EMPTY'`), expose `name()` and
 * `ordinal()`, and are compared by identity; these fakes behave the same.
 */
export interface EnumValue<N extends string = string> {
  name(): N;
  ordinal(): number;
  toString(): N;
  toJSON(): N;
}

export type Enum<N extends string> = { readonly [K in N]: EnumValue<K> };

export function makeEnum<const N extends string>(names: readonly N[]): Enum<N> {
  const out = {} as Record<string, EnumValue>;
  names.forEach((member, index) => {
    out[member] = Object.freeze({
      name: () => member,
      ordinal: () => index,
      toString: () => member,
      toJSON: () => member,
    });
  });
  return Object.freeze(out) as Enum<N>;
}

/** The member name of an enum value, or of a string naming one (tests may pass names). */
export function enumName(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (value && typeof value === 'object' && typeof (value as EnumValue).name === 'function') {
    return (value as EnumValue).name();
  }
  return undefined;
}
