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

/**
 * A free name for a masked key: `masked` itself, or when another key of the same object already
 * has it (two identity numbers as keys), `masked (2)`, `masked (3)`, … so no entry is lost.
 */
function freeKey(masked: string, taken: ReadonlySet<string>): string {
  if (!taken.has(masked)) return masked;
  let n = 2;
  while (taken.has(`${masked} (${n})`)) n++;
  return `${masked} (${n})`;
}

/** A copy of a plain object with every key redacted, or the object itself when no key changes. */
function withRedactedKeys(obj: Record<string, unknown>): Record<string, unknown> {
  const keys = Object.keys(obj);
  const masked = keys.map(redact);
  if (masked.every((m, i) => m === keys[i])) return obj;
  // Keys that need no masking keep their name, so a masked key never takes the name of another.
  const out: Record<string, unknown> = {};
  const taken = new Set(keys.filter((k, i) => masked[i] === k));
  keys.forEach((k, i) => {
    const key = masked[i] === k ? k : freeKey(masked[i], taken);
    taken.add(key);
    put(out, key, obj[k]);
  });
  return out;
}

/** `out[key] = value` as an own property, also for the key `__proto__`. */
function put(out: Record<string, unknown>, key: string, value: unknown): void {
  Object.defineProperty(out, key, { value, enumerable: true, writable: true, configurable: true });
}

/** Redact every string inside a JSON-like value, object keys included (returns a copy). */
export function redactDeep<T>(value: T): T {
  if (typeof value === "string") return redact(value) as T;
  if (Array.isArray(value)) return value.map((v) => redactDeep(v)) as T;
  if (value !== null && typeof value === "object") {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(withRedactedKeys(value as Record<string, unknown>))) put(out, k, redactDeep(v));
    return out as T;
  }
  return value;
}

/**
 * `value` as JSON text (`JSON.stringify(value, null, space)`) with every string redacted — values
 * and object keys at any depth, also what a `toJSON` (a Date, …) returns — while numbers, booleans
 * and null are written as they are. The text is not passed through `redact` as a whole: that
 * would turn a number of 10 or 12 digits (a file of 1 408 701 107 bytes) into `[personnummer dolt]`,
 * which is neither true nor JSON. A string is redacted before it is escaped, so what a reader gets
 * back from `JSON.parse` is the redacted text.
 */
export function redactedJson(value: unknown, space: number | string = 2): string {
  const text = JSON.stringify(
    value,
    (_key: string, v: unknown): unknown => {
      if (typeof v === "string") return redact(v);
      if (v !== null && typeof v === "object" && !Array.isArray(v)) return withRedactedKeys(v as Record<string, unknown>);
      return v;
    },
    space,
  );
  // JSON.stringify(undefined) (or of a function) is undefined: a document is never empty.
  return text ?? "null";
}
