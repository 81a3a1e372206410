/**
 * Booleans as exported: `ja`/`nej`, `j`/`n`, `1`/`0`, `x`/(empty), `true`/`false`,
 * `sant`/`falskt`, `yes`/`no` (any case, trimmed).
 *
 * `parseBoolean` returns `TRUE` (1), `FALSE` (0) or `INVALID` (-1); missing markers are handled
 * before it is called. The `x`/empty convention (a ticked box) is the loader's business: in a
 * column where some cell is `x`, an empty cell means false (see schema/columns.ts).
 */
import { isSpace } from "./chars.ts";

export const TRUE = 1;
export const FALSE = 0;
export const INVALID = -1;

const WORDS = new Map<string, number>([
  ["ja", TRUE], ["j", TRUE], ["1", TRUE], ["x", TRUE], ["true", TRUE], ["sant", TRUE], ["yes", TRUE], ["y", TRUE],
  ["nej", FALSE], ["n", FALSE], ["0", FALSE], ["false", FALSE], ["falskt", FALSE], ["no", FALSE],
]);

/** 1 true, 0 false, -1 not a boolean. */
export function parseBoolean(s: string): number {
  let i = 0;
  let j = s.length;
  while (i < j && isSpace(s.charCodeAt(i))) i++;
  while (j > i && isSpace(s.charCodeAt(j - 1))) j--;
  const len = j - i;
  if (len === 1) {
    // Fast path for one-character forms, no allocation.
    switch (s.charCodeAt(i)) {
      case 106: case 74: case 49: case 120: case 88: case 121: case 89: // j J 1 x X y Y
        return TRUE;
      case 110: case 78: case 48: // n N 0
        return FALSE;
      default:
        return INVALID;
    }
  }
  if (len === 2 && (s.charCodeAt(i) | 32) === 106 && (s.charCodeAt(i + 1) | 32) === 97) return TRUE; // ja
  if (len === 3 && (s.charCodeAt(i) | 32) === 110 && (s.charCodeAt(i + 1) | 32) === 101 && (s.charCodeAt(i + 2) | 32) === 106) return FALSE; // nej
  if (len === 0 || len > 6) return INVALID;
  const v = WORDS.get((i === 0 && j === s.length ? s : s.slice(i, j)).toLowerCase());
  return v === undefined ? INVALID : v;
}

/** True when the cell is the tick mark `x` (any case, trimmed). */
export function isTick(s: string): boolean {
  let i = 0;
  let j = s.length;
  while (i < j && isSpace(s.charCodeAt(i))) i++;
  while (j > i && isSpace(s.charCodeAt(j - 1))) j--;
  return j - i === 1 && (s.charCodeAt(i) | 32) === 120;
}
