/**
 * Finding Swedish personal identity numbers (personnummer) and coordination numbers
 * (samordningsnummer, day + 60) in any text, in every way people write them:
 *
 * - with or without century: `YYYYMMDDNNNN` (12 digits) or `YYMMDDNNNN` (10 digits);
 * - between date and serial: nothing, or a run of one to three of `-`, `+`, a space (any of
 *   Unicode's: U+00A0, U+202F, U+2009, U+2007, …), a typographic hyphen or dash (U+2010–U+2015,
 *   U+2212, U+FE58, U+FE63, U+FF0D): `19850412 - 1234`, `850412  1234`, `850412--1234`,
 *   `850412—1234` (the identity-number column itself accepts fewer, see read/pnr.ts);
 * - anywhere in longer text ("ring 19850412-1234 tack"), but never as part of a longer digit run
 *   (`1198504121234`), of a decimal number (`0,8504121234`, `8504121234,50`) or of a long hex
 *   token such as a SHA-256 or a pseudonym (`p` + 16 hex digits).
 *
 * A match needs a date that exists (day − 60 for coordination numbers; century 18, 19 or 20 for
 * 12-digit forms; some century for 10-digit forms) and a valid Luhn check digit over the ten
 * digits YYMMDDNNNC, so an ordinary number rarely matches (about 1 in 100 random 10-digit runs).
 *
 * `findIdentityNumberShapes` drops the date and check-digit tests (same boundaries): that is what
 * messages are masked with, so a mistyped number does not reach a log either.
 *
 * Nothing here ever returns or formats the digits: a match is a position in the text.
 */
import { digit } from "../read/chars.ts";
import { daysInMonth } from "../read/dates.ts";
import { firstInvisible, plainView, visibleView } from "./text-views.ts";

/** Where an identity number sits in a text: `text.slice(start, end)` (UTF-16 indices). */
export interface IdentityNumberMatch {
  start: number;
  end: number;
  /** True for a coordination number (day + 60). */
  coordination: boolean;
}

/** Separators between the date part and the serial number. */
const SEPARATORS: ReadonlySet<number> = new Set([
  0x2d, // -
  0x2b, // +
  0x20, // space
  0xa0, // no-break space
  0x202f, // narrow no-break space
  0x2009, // thin space
  0x2010, // hyphen
  0x2011, // non-breaking hyphen
  0x2012, // figure dash
  0x2013, // en dash
  0x2212, // minus sign
  0xfe63, // small hyphen-minus
  0xff0d, // fullwidth hyphen-minus
]);

/**
 * What a writer may also have put between date and serial, found in text (not accepted by the
 * identity-number column's parser): the em dash and its kin (Word turns "--" into one), the other
 * spaces of Unicode (figure, en, em space, …), and any run of up to three separators (two spaces,
 * a doubled dash).
 */
const LOOSE_SEPARATORS: ReadonlySet<number> = new Set([
  ...SEPARATORS,
  0x2014, // em dash
  0x2015, // horizontal bar
  0xfe58, // small em dash
  0x2e3a, // two-em dash
  0x2000, 0x2001, 0x2002, 0x2003, 0x2004, 0x2005, 0x2006, 0x2007, 0x2008, 0x200a, // Unicode spaces
  0x205f, // medium mathematical space
  0x3000, // ideographic space
]);

/** Separators that may have one space on either side (dashes and `+`, not the spaces themselves). */
function isDashOrPlus(c: number): boolean {
  return SEPARATORS.has(c) && c !== 0x20 && c !== 0xa0 && c !== 0x202f && c !== 0x2009;
}

function isSpaceLike(c: number): boolean {
  return c === 0x20 || c === 0xa0 || c === 0x202f || c === 0x2009;
}

function isAlnum(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
}

function isHex(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 65 && c <= 70) || (c >= 97 && c <= 102);
}

/** A long hex token (hash, pseudonym `p…`): at least 16 characters, all hex after the first. */
function isHexToken(text: string, from: number, to: number): boolean {
  if (to - from < 16) return false;
  for (let k = from + 1; k < to; k++) if (!isHex(text.charCodeAt(k))) return false;
  return true;
}

/**
 * True when the digits [start, end) sit inside a longer hex token (letters touching them on
 * either side and the whole alphanumeric token is hex).
 */
function inHexToken(text: string, start: number, end: number): boolean {
  let l = start;
  while (l > 0 && isAlnum(text.charCodeAt(l - 1))) l--;
  let r = end;
  while (r < text.length && isAlnum(text.charCodeAt(r))) r++;
  if (l === start && r === end) return false;
  return isHexToken(text, l, r);
}

/** A decimal separator followed (or preceded) by a digit: the run is part of a decimal number. */
function isDecimalMark(c: number): boolean {
  return c === 0x2c || c === 0x2e;
}

const d = new Int32Array(12);

/** Luhn over d[from .. from + 10). */
function luhn(from: number): boolean {
  let sum = 0;
  for (let k = 0; k < 10; k++) {
    let v = d[from + k];
    if (k % 2 === 0) {
      v *= 2;
      if (v > 9) v -= 9;
    }
    sum += v;
  }
  return sum % 10 === 0;
}

/** Checks the digits in d (8 date digits from 0, or 6 from 2) and returns -1 (invalid), 0 (pnr) or 1 (coordination). */
function validity(century: boolean): -1 | 0 | 1 {
  const month = d[4] * 10 + d[5];
  let day = d[6] * 10 + d[7];
  const coordination = day > 60;
  if (coordination) day -= 60;
  if (month < 1 || month > 12 || day < 1) return -1;
  const yy = d[2] * 10 + d[3];
  let max: number;
  if (century) {
    const cc = d[0] * 10 + d[1];
    if (cc < 18 || cc > 20) return -1;
    max = daysInMonth(cc * 100 + yy, month);
  } else {
    // Some century makes the date exist (29 February of year 00 exists in 2000).
    max = Math.max(daysInMonth(2000 + yy, month), daysInMonth(1900 + yy, month));
  }
  if (day > max) return -1;
  if (!luhn(2)) return -1;
  return coordination ? 1 : 0;
}

function readDigits(text: string, from: number, count: number, into: number): void {
  for (let k = 0; k < count; k++) d[into + k] = text.charCodeAt(from + k) - 48;
}

/**
 * Length of the separator between date and serial at i (1–3 characters: one separator, or a dash
 * or `+` with one space on either side), or 0 when there is none.
 */
export function separatorAt(text: string, i: number): number {
  const c = text.charCodeAt(i);
  if (isDashOrPlus(c)) return isSpaceLike(text.charCodeAt(i + 1)) ? 2 : 1;
  if (isSpaceLike(c)) {
    const c2 = text.charCodeAt(i + 1);
    if (isDashOrPlus(c2)) return isSpaceLike(text.charCodeAt(i + 2)) ? 3 : 2;
    return 1;
  }
  return 0;
}

/** Length of a run of one to three loose separators at i (see LOOSE_SEPARATORS), or 0. */
function looseSeparatorAt(text: string, i: number): number {
  let k = 0;
  while (k < 3 && LOOSE_SEPARATORS.has(text.charCodeAt(i + k))) k++;
  return k;
}

/** Length of the digit run at i. */
function runAt(text: string, i: number): number {
  let j = i;
  while (j < text.length && digit(text.charCodeAt(j)) >= 0) j++;
  return j - i;
}

/**
 * Visit every identity number (or, with `shapesOnly`, every identity-number shape) in `text`, in
 * order. `visit` returns false to stop.
 */
function scan(text: string, shapesOnly: boolean, visit: (m: IdentityNumberMatch) => boolean): void {
  const n = text.length;
  let i = 0;
  while (i < n) {
    if (digit(text.charCodeAt(i)) < 0) {
      i++;
      continue;
    }
    const s = i;
    const len = runAt(text, s);
    i = s + len;
    if (len !== 6 && len !== 8 && len !== 10 && len !== 12) continue;
    // Fraction digits of a decimal number (0,8504121234).
    if (s >= 2 && isDecimalMark(text.charCodeAt(s - 1)) && digit(text.charCodeAt(s - 2)) >= 0) continue;
    let end: number;
    let datePart: number;
    let serialAt: number;
    if (len === 10 || len === 12) {
      end = s + len;
      datePart = len - 4;
      serialAt = s + datePart;
    } else {
      const sep = looseSeparatorAt(text, s + len);
      if (sep === 0) continue;
      serialAt = s + len + sep;
      if (runAt(text, serialAt) !== 4) continue;
      end = serialAt + 4;
      datePart = len;
    }
    // Integer part of a decimal number (8504121234,50).
    if (end + 1 < n && isDecimalMark(text.charCodeAt(end)) && digit(text.charCodeAt(end + 1)) >= 0) continue;
    if (len === 10 || len === 12 ? inHexToken(text, s, end) : inHexToken(text, s, s + len) || inHexToken(text, serialAt, end)) continue;
    let coordination = false;
    if (!shapesOnly) {
      readDigits(text, s, datePart, datePart === 8 ? 0 : 2);
      readDigits(text, serialAt, 4, 8);
      const v = validity(datePart === 8);
      if (v < 0) continue;
      coordination = v === 1;
    }
    if (!visit({ start: s, end, coordination })) return;
    i = end;
  }
}

/** Every personal identity or coordination number in `text` (positions only). */
export function findIdentityNumbers(text: string): IdentityNumberMatch[] {
  const out: IdentityNumberMatch[] = [];
  if (text.length < 10) return out;
  scan(text, false, (m) => {
    out.push(m);
    return true;
  });
  return out;
}

/** True when `text` holds a personal identity or coordination number. */
export function containsIdentityNumber(text: string): boolean {
  if (text.length < 10) return false;
  let found = false;
  scan(text, false, () => {
    found = true;
    return false;
  });
  return found;
}

/** Everything shaped like an identity number (date and check digit not tested). */
export function findIdentityNumberShapes(text: string): IdentityNumberMatch[] {
  const out: IdentityNumberMatch[] = [];
  if (text.length < 10) return out;
  scan(text, true, (m) => {
    out.push(m);
    return true;
  });
  return out;
}

/** True when `text` holds anything shaped like an identity number. */
export function containsIdentityNumberShape(text: string): boolean {
  if (text.length < 10) return false;
  let found = false;
  scan(text, true, () => {
    found = true;
    return false;
  });
  return found;
}

/**
 * `text` with every identity-number shape replaced by `replacement`, also one with invisible
 * characters inside (`1990\u00ad0803-0489` reads as `19900803-0489`): the shapes are found in the
 * text as a reader sees it, and each is replaced together with the invisible characters within it.
 */
export function maskIdentityNumbers(text: string, replacement: string): string {
  const view = firstInvisible(text) === -1 ? null : visibleView(plainView(text));
  const shapes = findIdentityNumberShapes(view === null ? text : view.text);
  if (shapes.length === 0) return text;
  /** Index in `text` of index i of what was scanned. */
  const pos = (i: number) => (view === null ? i : view.map[i]);
  let out = "";
  let at = 0;
  for (const m of shapes) {
    out += text.slice(at, pos(m.start)) + replacement;
    at = pos(m.end - 1) + 1;
  }
  return out + text.slice(at);
}
