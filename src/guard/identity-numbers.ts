/**
 * Finding Swedish personal identity numbers (personnummer) and coordination numbers
 * (samordningsnummer, day + 60) in any text, in every way people write them:
 *
 * - with or without century: `YYYYMMDDNNNN` (12 digits) or `YYMMDDNNNN` (10 digits);
 * - between date and serial: nothing, or a run of one to three of `-`, `+`, a space (any of
 *   Unicode's: U+00A0, U+202F, U+2009, U+2007, …), a typographic hyphen or dash (U+2010–U+2015,
 *   U+2212, U+FE58, U+FE63, U+FF0D): `19850412 - 1234`, `850412  1234`, `850412--1234`,
 *   `850412—1234` (the identity-number column itself accepts fewer, see read/pnr.ts); or a single
 *   tab or `/`: `850412\t1234`, `19850412/1234` (but not as a path: `/850412/1234`,
 *   `850412/1234/`);
 * - the date written with separators, `YYYY-MM-DD` or `YY-MM-DD` with the same separator twice:
 *   `-`, a hyphen or dash of the column's set (U+2010–U+2013, U+2212, U+FE63, U+FF0D) or a space
 *   (U+0020, U+00A0, U+202F, U+2009); then the serial after a run of one to three separators as
 *   above that holds a dash or `+` (`1985-04-12-1234`, `85-04-12 – 1234`, `85 04 12-1234`) or,
 *   when the date is divided by dashes, after a single space (`1985-04-12 1234`);
 * - the date divided by dots, with a four-digit year only, `YYYY.MM.DD`; then the serial after a
 *   run of one to three separators that holds a dash or `+`, as after a date divided by spaces:
 *   `1990.08.03-0489`, `1990.08.03 – 0489`, `1990.08.03+0489` (the full stop `.` itself; the
 *   reader's view does not read look-alikes such as `．` as one, guard/text-views.ts);
 * - anywhere in longer text ("ring 19850412-1234 tack"), but never as part of a longer digit run
 *   (`1198504121234`), of a decimal number (`0,8504121234`, `8504121234,50`), of a pseudonym
 *   (`p` + exactly 16 lower-case hex digits, read/pseudonym.ts) or of a hex digest (exactly 32, 40,
 *   64 or 128 hex digits of one case: MD5, SHA-1, SHA-256, SHA-512), the whole run of ASCII letters
 *   and digits around it being that token. Any other run of letters and digits does not hide one:
 *   `Ebba199008030489`, `cafe199008030489`, `deadbeef199008030489` are found.
 *
 * Outputs and free text are full of dates, so with a separator before the serial:
 * - four digits followed at once by a dash of any kind or `/` and two digits are no serial but a
 *   year and its month: `2023-01-01–2023-12-31`, `2019-01-04–2024-04`, `20230101-2023-12-31`;
 * - after a date divided by separators, neither are four digits followed by a dash or `/` (spaces
 *   around it allowed, as in ` – `) and four digits that begin no date (`2023-05-01`,
 *   `2023.05.01`), a range of times or years (`2024-04-30 1200 – 1300`), nor, after a date divided
 *   by spaces, four digits followed by a space and a digit;
 * - a date divided by separators is no identity number when a digit and a dash or `/` (spaces
 *   around it allowed) come right before it, the end of a range (`2023-01-01 – 2023-12-31 1234`),
 *   unless that digit ends the identity number found just before it (a list); nor, divided by
 *   spaces, when a digit and that space come before it (a row of numbers).
 * A list of identity numbers (`850412-1234 – 900803-0489`, `1985-04-12-1234/1990-08-03-0489`) and
 * one followed by a date (`1985-04-12-1234 – 2023-05-01`) are found.
 *
 * Not found, as they are how dates, times, decimals, versions and tables are written:
 * - a single `.` between an undivided date and the serial (`900803.0489`, `19900803.0489`): that
 *   is a decimal number, and nothing in the text tells the two apart. A run of digits with a
 *   decimal mark and a digit on either side is always part of a decimal number (the rule above),
 *   whatever its length: about 1 in 130 decimals with six integer and four fraction digits (an
 *   amount from a money column exported with four decimals, `123456.7800`; a SWEREF 99 easting,
 *   `674032.3571`), 1 in 140 with eight between 18 and 21 million, and 1 in 10 timestamps
 *   `YYYYMMDD.HHMM` (`20240430.1200`) have a date that exists and a check digit that holds, and
 *   each would refuse a legitimate build;
 * - a date with a two-digit year divided by dots (`90.08.03-0489`): Swedish text writes day, month
 *   and year so (`03.08.90`), and such a date followed by a time or a number (`30.04.24-1200`)
 *   would read as a date that exists; a date divided by dots followed by a single space, a `.`, a
 *   tab, `/` or nothing (`2024.04.30 1200`, a date and a time; `2024.04.30.1234`, a version);
 * - `:` or `_` between date and serial or inside a date (`900803:0489`, `19850412_1234`,
 *   `1985:04:12-1234`): `_` is how file names and timestamps are written (`export_20240601_1200`,
 *   `YYYYMMDD_HHMM`), `:` how times and pairs of codes are (`yyyyMMdd:HHmm` in logs,
 *   `konto:ansvar`); a real date and a time would be found 1 in 10 times, a pair of codes with a
 *   six-digit first part 1 in 130;
 * - `+` or `/` inside a date (`1985/04/12-1234`); two different separators in a date
 *   (`1985.04-12-1234`); after a date divided by dashes or spaces, a tab, `/`, two or three spaces
 *   (table columns), or nothing (`1985-04-120489`); a space after a date divided by spaces
 *   (`85 04 12 1234`); dates in another order (`12-04-1985-1234`, `03.08.1990-0489`).
 * A date followed by an ungrouped four-digit number (`2024-04-30 1200 kr`, `2024-04-30-1200`,
 * `2024.04.30-1200`, a calendar version with a build number `v2024.04.30-1234`) cannot be told
 * from `1985-04-12 1234` and is found when the date exists and the check digit holds (1 in 10);
 * the reports group thousands (`1 200 kr`), which is never found. A Swedish organisation number
 * (`212000-1234`) is found when its digits pass both tests, as before.
 *
 * These rules are about the text as written. Where a reader sees white space collapsed (a cell
 * shown in the HTML report, a browser's rendering, a line break read across), the guards also scan
 * the text with every run of white space read as one space (guard/text-views.ts: the load check,
 * the output scan, the mask), so `1990-08-03  0489`, `900803⏎0489` are found there; and the output
 * scan reads HTML and SVG as a browser renders them (inline tags such as `<span>`, `<b>`, `<a>`,
 * `<tspan>` and comments dropped, `<br>` a space, character references decoded: `text-views.ts`,
 * `renderedMarkupView`), so `19900803<span>-0489</span>`, `<b>900803</b>-0489` and
 * `19900803<!-- x -->-0489` are found there. This module itself is unchanged by that.
 *
 * A match needs a date that exists (day − 60 for coordination numbers; century 18, 19 or 20 for
 * 12-digit forms and four-digit years; some century for 10-digit forms and two-digit years) and a
 * valid Luhn check digit over the ten digits YYMMDDNNNC, so an ordinary number rarely matches
 * (about 1 in 100 random 10-digit runs).
 *
 * `findIdentityNumberShapes` drops the date and check-digit tests (same forms, boundaries and
 * rules against dates and ranges): that is what messages are masked with, so a mistyped number
 * does not reach a log either.
 *
 * One pass over the text, looking at no more than about twenty characters around a digit run.
 * Nothing here ever returns or formats the digits: a match is a position in the text.
 */
import { digit } from "../read/chars.ts";
import { daysInMonth } from "../read/dates.ts";
import { collapsedText, collapsedView, endOfCharacter, firstInvisible, plainView, visibleView, type TextView } from "./text-views.ts";

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

/** The spaces of SEPARATORS: read between date and serial as they are written. */
export function isSpaceLike(c: number): boolean {
  return c === 0x20 || c === 0xa0 || c === 0x202f || c === 0x2009;
}

function isAlnum(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
}

function isHex(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 65 && c <= 70) || (c >= 97 && c <= 102);
}

/** True when text[from, to) is all hex digits. */
function allHex(text: string, from: number, to: number): boolean {
  for (let k = from; k < to; k++) if (!isHex(text.charCodeAt(k))) return false;
  return true;
}

/** True when text[from, to) is digits and lower-case `a`–`f` only, or digits and upper-case `A`–`F` only. */
function hexOfOneCase(text: string, from: number, to: number): boolean {
  let lower = false;
  let upper = false;
  for (let k = from; k < to; k++) {
    const c = text.charCodeAt(k);
    if (c >= 97 && c <= 102) lower = true;
    else if (c >= 65 && c <= 70) upper = true;
    else if (c < 48 || c > 57) return false;
  }
  return !(lower && upper);
}

/**
 * A token that is a pseudonym or a hex digest, and nothing else: `p` + exactly 16 lower-case hex
 * digits (read/pseudonym.ts), or exactly 32, 40, 64 or 128 hex digits of one case (MD5, SHA-1,
 * SHA-256, SHA-512). A name made of the letters a–f glued to a number (`Ebba199008030489`,
 * `cafe199008030489`) is neither.
 */
function isHexToken(text: string, from: number, to: number): boolean {
  const len = to - from;
  if (len === 17) {
    if (text.charCodeAt(from) !== 0x70) return false;
    for (let k = from + 1; k < to; k++) {
      const c = text.charCodeAt(k);
      if (!((c >= 48 && c <= 57) || (c >= 97 && c <= 102))) return false;
    }
    return true;
  }
  return (len === 32 || len === 40 || len === 64 || len === 128) && hexOfOneCase(text, from, to);
}

/**
 * True when the digits [start, end) sit inside a pseudonym or hex digest (letters or digits
 * touching them on either side, and the whole run of ASCII letters and digits is such a token).
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

/** True when exactly `k` digits start at i (no digit after them). Looks at k + 1 characters. */
function runIs(text: string, i: number, k: number): boolean {
  for (let j = 0; j < k; j++) if (digit(text.charCodeAt(i + j)) < 0) return false;
  return digit(text.charCodeAt(i + k)) < 0;
}

/** Between the parts of a date written with separators: SEPARATORS without `+` (dashes and spaces). */
function isDateSeparator(c: number): boolean {
  return c !== 0x2b && SEPARATORS.has(c);
}

/** A space of LOOSE_SEPARATORS. */
function isLooseSpace(c: number): boolean {
  return isSpaceLike(c) || (c >= 0x2000 && c <= 0x200a) || c === 0x205f || c === 0x3000;
}

/** What may stand between the parts of an identity number besides white space: a dash of any kind, `+` or `/`. */
export function joinsDigits(c: number): boolean {
  return c === 0x2f || (LOOSE_SEPARATORS.has(c) && !isLooseSpace(c));
}

/** A dash of any kind (LOOSE_SEPARATORS without spaces and `+`) or `/`: what joins the ends of a range. */
function isRangeMark(c: number): boolean {
  return c === 0x2f || (c !== 0x2b && LOOSE_SEPARATORS.has(c) && !isLooseSpace(c));
}

/**
 * True when the four serial digits ending at `end` are no serial but a year or a time that
 * goes on: followed at once by a dash or `/` and two digits, the rest of a date
 * (`2023-01-01–2023-12-31`, `20230101-2023-12-31`); or by a dash or `/` (up to three characters
 * with spaces, as ` – `) and four digits that begin no date, a range of times or years
 * (`2024-04-30 1200 – 1300`); or, after a date divided by spaces (`alsoMark`), by that space and a
 * digit. A list of identity numbers (`850412-1234 – 900803-0489`, `1985-04-12-1234/1990-08-03-0489`)
 * and a number followed by a date (`1985-04-12-1234 – 2023-05-01`) are found.
 */
function continues(text: string, end: number, alsoMark: number): boolean {
  if (isRangeMark(text.charCodeAt(end)) && runIs(text, end + 1, 2)) return true;
  let k = end;
  let mark = false;
  while (k - end < 3) {
    const c = text.charCodeAt(k);
    if (isRangeMark(c)) mark = true;
    else if (!isLooseSpace(c)) break;
    k++;
  }
  if (k === end || digit(text.charCodeAt(k)) < 0) return false;
  if (!mark) return k - end === 1 && text.charCodeAt(end) === alsoMark;
  // Four digits that do not begin a date (`2023-05-01`, `2023.05.01`): a time or a year.
  return runIs(text, k, 4) && !(isRangeMark(text.charCodeAt(k + 4)) && runIs(text, k + 5, 2)) && !dottedDateAt(text, k);
}

/** True when a date divided by dots, `YYYY.MM.DD`, begins at i. */
function dottedDateAt(text: string, i: number): boolean {
  return text.charCodeAt(i + 4) === 0x2e && runIs(text, i + 5, 2) && text.charCodeAt(i + 7) === 0x2e && runIs(text, i + 8, 2);
}

/**
 * True when a digit and a dash or `/` (up to three characters with spaces, as ` – `), or a digit
 * and one `alsoMark`, come right before s: what starts at s is the second date of a range. Unless
 * that digit ends the shape found just before (`prevEnd`): then it is a list of identity numbers.
 */
function ends(text: string, s: number, alsoMark: number, prevEnd: number): boolean {
  let k = s;
  let mark = false;
  while (k > 0 && s - k < 3) {
    const c = text.charCodeAt(k - 1);
    if (isRangeMark(c)) mark = true;
    else if (!isLooseSpace(c)) break;
    k--;
  }
  return k < s && k > 0 && k !== prevEnd && (mark || (s - k === 1 && text.charCodeAt(k) === alsoMark)) && digit(text.charCodeAt(k - 1)) >= 0;
}

/**
 * A date written with separators whose year (2 or 4 digits) is the run [s, s + len):
 * `1985-04-12`, `85 04 12`, then a separator and four digits (see the module comment). Returns
 * the index of the serial, or -1. `prevEnd`: where the shape found before it ends. Looks at no
 * more than about twenty characters.
 */
function separatedSerialAt(text: string, s: number, len: number, prevEnd: number): number {
  const at = s + len;
  const c = text.charCodeAt(at);
  // Dots only with a four-digit year (`1990.08.03`): `03.08.90` is day, month and year.
  const dots = c === 0x2e && len === 4;
  if (!dots && !isDateSeparator(c)) return -1;
  if (!runIs(text, at + 1, 2) || text.charCodeAt(at + 3) !== c || !runIs(text, at + 4, 2)) return -1;
  // The second date of a range (`2023-01-01 – 2023-12-31`), or one more column of numbers (`5 85 04 12`).
  const spaces = isSpaceLike(c);
  if (ends(text, s, spaces ? c : -1, prevEnd)) return -1;
  const q = at + 6;
  const sep = looseSeparatorAt(text, q);
  if (sep === 0) return -1;
  let dash = false;
  for (let k = q; k < q + sep; k++) if (!isLooseSpace(text.charCodeAt(k))) dash = true;
  // Spaces only: one, and only after a date divided by dashes (after one divided by spaces or
  // dots, a dash or `+` has to be there: `2024.04.30 1200` is a date and a time).
  if (!dash && (sep > 1 || spaces || dots)) return -1;
  const serialAt = q + sep;
  if (!runIs(text, serialAt, 4)) return -1;
  if (continues(text, serialAt + 4, spaces ? c : -1)) return -1;
  return serialAt;
}

/**
 * The serial after an undivided date of `len` (6 or 8) digits at s, after a separator run, a tab
 * or `/`; -1 when there is none.
 */
function compactSerialAt(text: string, s: number, len: number): number {
  const at = s + len;
  let sep = looseSeparatorAt(text, at);
  const c = text.charCodeAt(at);
  const slash = sep === 0 && c === 0x2f;
  if (sep === 0 && (c === 0x09 || slash)) sep = 1;
  if (sep === 0) return -1;
  const serialAt = at + sep;
  if (!runIs(text, serialAt, 4)) return -1;
  // A path (`/850412/1234`, `850412/1234/`), not a number.
  if (slash && ((s >= 1 && text.charCodeAt(s - 1) === 0x2f) || text.charCodeAt(serialAt + 4) === 0x2f)) return -1;
  // A year, then its month: `20230101-2023-12-31` (only this: `850412-1234 – 2023-05-01` and
  // `850412-1234 – 1300` are found, as before).
  if (isRangeMark(text.charCodeAt(serialAt + 4)) && runIs(text, serialAt + 5, 2)) return -1;
  // The first groups of a UUID (`19811218-9876-4abc-8def-…`): a dash, four hex characters, a dash.
  if (text.charCodeAt(serialAt + 4) === 0x2d && text.charCodeAt(serialAt + 9) === 0x2d && allHex(text, serialAt + 5, serialAt + 9)) return -1;
  return serialAt;
}

/**
 * Visit every identity number (or, with `shapesOnly`, every identity-number shape) in `text`, in
 * order. `visit` returns false to stop.
 */
function scan(text: string, shapesOnly: boolean, visit: (m: IdentityNumberMatch) => boolean): void {
  const n = text.length;
  let i = 0;
  /** Where the last shape found ends (whether or not it was a valid number). */
  let prevEnd = -1;
  while (i < n) {
    if (digit(text.charCodeAt(i)) < 0) {
      i++;
      continue;
    }
    const s = i;
    const len = runAt(text, s);
    i = s + len;
    if (len !== 2 && len !== 4 && len !== 6 && len !== 8 && len !== 10 && len !== 12) continue;
    // Fraction digits of a decimal number (0,8504121234).
    if (s >= 2 && isDecimalMark(text.charCodeAt(s - 1)) && digit(text.charCodeAt(s - 2)) >= 0) continue;
    let end: number;
    let datePart: number;
    let serialAt: number;
    let divided = false;
    if (len === 10 || len === 12) {
      end = s + len;
      datePart = len - 4;
      serialAt = s + datePart;
    } else {
      if (len === 2 || len === 4) {
        serialAt = separatedSerialAt(text, s, len, prevEnd);
        divided = true;
        datePart = len + 4;
      } else {
        serialAt = compactSerialAt(text, s, len);
        datePart = len;
      }
      if (serialAt < 0) continue;
      end = serialAt + 4;
    }
    // Integer part of a decimal number (8504121234,50).
    if (end + 1 < n && isDecimalMark(text.charCodeAt(end)) && digit(text.charCodeAt(end + 1)) >= 0) continue;
    if (len === 10 || len === 12 ? inHexToken(text, s, end) : inHexToken(text, s, s + len) || inHexToken(text, serialAt, end)) continue;
    prevEnd = end;
    let coordination = false;
    if (!shapesOnly) {
      if (divided) {
        readDigits(text, s, len, len === 4 ? 0 : 2);
        readDigits(text, s + len + 1, 2, 4);
        readDigits(text, s + len + 4, 2, 6);
      } else {
        readDigits(text, s, datePart, datePart === 8 ? 0 : 2);
      }
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
 * `text` with every identity-number shape replaced by `replacement`, also one written with
 * characters a reader does not see or reads as digits (`1990\u00ad0803-0489`,
 * `1990\u{e0020}0803-0489`, `1\u03329\u0332…`, `１９９００８０３－０４８９` all read as
 * `19900803-0489`): the shapes are found in the text as a reader sees it (guard/text-views.ts), and
 * each is replaced together with everything within it, from the first code point of its first
 * character to the last one of its last (with the combining marks on it).
 *
 * Also one written across a run of white space (`900803⏎0489`, `1990-08-03  0489`,
 * `19900803 \t0489`, `19900803  -  0489`), as a terminal shows it and a reader reads it: the text
 * is also read with every run of white space as one space (`collapsedView`). In that reading, a
 * date divided by separators followed by four digits (`2023-01-01  1200`, a table with a date
 * column, `2024-04-30⏎1200 kr`) is masked only when it is a valid number (date and check digit
 * hold), as such text is mostly a table or two lines; an undivided date followed by four digits
 * is masked as a shape, as it already is with one space.
 */
export function maskIdentityNumbers(text: string, replacement: string): string {
  const visible = firstInvisible(text) === -1 ? null : visibleView(plainView(text));
  const seen = visible === null ? text : visible.text;
  const spans: [number, number][] = [];
  const add = (view: TextView | null, m: IdentityNumberMatch) => {
    // The shapes do not overlap, but two may share one original character (`⅒` reads as `1⁄10`).
    if (view === null) spans.push([m.start, m.end]);
    else spans.push([view.map[m.start], endOfCharacter(text, view.map[m.end - 1])]);
  };
  for (const m of findIdentityNumberShapes(seen)) add(visible, m);
  // Most texts have no white space to collapse: no view is built for them.
  if (collapsedText(seen) !== seen) {
    const collapsed = collapsedView(visible ?? plainView(text));
    const t = collapsed.text;
    // A shape after an undivided date (a run of 6 or 8 digits), or any valid number.
    for (const m of findIdentityNumberShapes(t)) if (runAt(t, m.start) >= 6) add(collapsed, m);
    for (const m of findIdentityNumbers(t)) if (runAt(t, m.start) < 6) add(collapsed, m);
  }
  if (spans.length === 0) return text;
  spans.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  let out = "";
  let at = 0;
  for (const [start, end] of spans) {
    if (start >= at) out += text.slice(at, start) + replacement;
    at = Math.max(at, end);
  }
  return out + text.slice(at);
}
