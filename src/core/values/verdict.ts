/**
 * What a value check says about one cell. `value` is what goes into the payload; `suggested` is
 * the text the sidebar may write back into the cell ("apply all suggested fixes").
 */
export type Verdict<T> =
  | { readonly ok: true; readonly value: T; readonly warning?: Note }
  | {
      readonly ok: false;
      readonly error: string;
      readonly suggested?: string;
      /**
       * The value has a likely fix but is not changed silently: in an optional column the cell is
       * left out with a warning; as the identifier it is an error with the fix suggested.
       */
      readonly soft?: boolean;
    };

export interface Note {
  readonly message: string;
  readonly suggested?: string;
}

export function accept<T>(value: T): Verdict<T> {
  return { ok: true, value };
}

export function acceptWithWarning<T>(value: T, message: string, suggested?: string): Verdict<T> {
  return {
    ok: true,
    value,
    warning: suggested === undefined ? { message } : { message, suggested },
  };
}

export function reject<T = never>(error: string, suggested?: string): Verdict<T> {
  return suggested === undefined ? { ok: false, error } : { ok: false, error, suggested };
}

/** A value with a likely fix that must not be applied silently (see `soft`). */
export function rejectSoftly<T = never>(error: string, suggested: string): Verdict<T> {
  return { ok: false, error, suggested, soft: true };
}
