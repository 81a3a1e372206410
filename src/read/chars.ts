/** Small character helpers shared by the value parsers (no allocation, no regex). */

/** Space, tab, CR, LF, no-break space (U+00A0), narrow no-break space (U+202F), BOM. */
export function isSpace(c: number): boolean {
  // Most characters tested are printable ASCII or Latin-1 letters: two comparisons for them.
  if (c <= 32) return c === 32 || c === 9 || c === 13 || c === 10;
  return c >= 0xa0 && (c === 0xa0 || c === 0x202f || c === 0xfeff);
}

/** Index of the first non-space character (s.length when none). */
export function trimStart(s: string): number {
  let i = 0;
  while (i < s.length && isSpace(s.charCodeAt(i))) i++;
  return i;
}

/** Index after the last non-space character (0 when none). */
export function trimEnd(s: string): number {
  let j = s.length;
  while (j > 0 && isSpace(s.charCodeAt(j - 1))) j--;
  return j;
}

/** `s` without surrounding spaces (including U+00A0, U+202F); returns `s` itself when nothing is trimmed. */
export function trimValue(s: string): string {
  const i = trimStart(s);
  const j = trimEnd(s);
  return i === 0 && j === s.length ? s : s.slice(i, j < i ? i : j);
}

/** Digit value of a char code, or -1. */
export function digit(c: number): number {
  const d = c - 48;
  return d >= 0 && d <= 9 ? d : -1;
}

/** Lower-case ASCII letter code (other codes unchanged). */
export function lowerAscii(c: number): number {
  return c >= 65 && c <= 90 ? c + 32 : c;
}

/**
 * V8 keeps the subject of the last regular-expression match in `RegExp.input` (`$_`). When that
 * subject is a slice of a whole file's text, the whole text stays alive after the load. Call this
 * at the end of a load to drop that reference.
 */
export function releaseRegExpInput(): void {
  /(?:)/.exec("");
}

/** A copy of a string that does not keep a larger string alive (V8 sliced strings). */
export function detach(s: string): string {
  return s.length < 13 ? s : (" " + s).slice(1);
}
