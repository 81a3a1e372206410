/**
 * Last line of defence for messages and CLI output: anything shaped like a personal identity number
 * (10 or 12 digits, or 6 / 8 digits and 4 with `-`, `+`, a space or a typographic dash between, see
 * guard/identity-numbers.ts) is replaced before it is printed, even where it sits in a column that
 * is not declared personal and even when its date or check digit is wrong. The loader already never
 * reports a personal column's value; this also covers a number typed into the wrong column.
 */
import { maskIdentityNumbers } from "../guard/identity-numbers.ts";

export const REDACTED = "[personnummer dolt]";

export function redact(text: string): string {
  return maskIdentityNumbers(text, REDACTED);
}

/** Redact every string inside a JSON-like value (returns a copy). */
export function redactDeep<T>(value: T): T {
  if (typeof value === "string") return redact(value) as T;
  if (Array.isArray(value)) return value.map((v) => redactDeep(v)) as T;
  if (value !== null && typeof value === "object") {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value as Record<string, unknown>)) out[k] = redactDeep(v);
    return out as T;
  }
  return value;
}
