/**
 * Missing-value markers. Kept apart from zero: a missing cell is never 0.
 *
 * - empty (or only spaces) → `EMPTY`
 * - `..` → `SUPPRESSED` (Kolada: withheld to protect small counts; told apart from missing)
 * - `-`, `.` → `MARKED` (explicitly missing)
 */
import { trimEnd, trimStart } from "./chars.ts";

export const PRESENT = 0;
export const EMPTY = 1;
export const SUPPRESSED = 2;
export const MARKED = 3;
export type MissingKind = typeof PRESENT | typeof EMPTY | typeof SUPPRESSED | typeof MARKED;

/** Classify a raw cell: PRESENT (0) or one of the missing kinds. No allocation. */
export function missingKind(s: string): MissingKind {
  const i = trimStart(s);
  const j = trimEnd(s);
  const len = j - i;
  if (len <= 0) return EMPTY;
  if (len > 2) return PRESENT;
  const c = s.charCodeAt(i);
  if (len === 1) return c === 45 /* - */ || c === 46 /* . */ || c === 0x2212 /* − */ ? MARKED : PRESENT;
  return c === 46 && s.charCodeAt(i + 1) === 46 ? SUPPRESSED : PRESENT;
}

/** True for any missing kind. */
export function isMissing(s: string): boolean {
  return missingKind(s) !== PRESENT;
}

/** Status of a value as Kolada tells it: `ok`, `suppressed` (`..`) or `missing`. */
export type ValueStatus = "ok" | "suppressed" | "missing";

export function statusOf(kind: MissingKind): ValueStatus {
  return kind === PRESENT ? "ok" : kind === SUPPRESSED ? "suppressed" : "missing";
}
