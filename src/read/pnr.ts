/**
 * Swedish personal identity numbers (personnummer) and coordination numbers
 * (samordningsnummer, day + 60).
 *
 * Accepted: `YYYYMMDD-NNNN`, `YYYYMMDDNNNN`, `YYYYMMDD+NNNN`, `YYMMDD-NNNN`, `YYMMDDNNNN`,
 * `YYMMDD+NNNN` (`+`: 100 years or older), surrounding spaces ignored; instead of `-` also a
 * space or a typographic hyphen or dash (U+2010, U+2011, U+2212, …; see
 * guard/identity-numbers.ts), optionally with one space around it. The check digit is the
 * Luhn digit over the ten digits YYMMDDNNN; the date must exist (day − 60 for coordination
 * numbers). For YYMMDD the century is the latest one that makes the person at most 99 years old
 * in `referenceYear` (`-`, no separator) or at least 100 (`+`).
 *
 * `parsePnr` fills the reused `pnr` result object (no allocation except the 12-digit string) and
 * returns a status code. Nothing here ever formats the number into a message.
 */
import { digit, isSpace } from "./chars.ts";
import { daysInMonth } from "./dates.ts";
import { containsIdentityNumberShape, separatorAt } from "../guard/identity-numbers.ts";
import { visibleText } from "../guard/text-views.ts";

export const PNR_OK = 0;
export const PNR_FORMAT = 1;
export const PNR_DATE = 2;
export const PNR_CHECKSUM = 3;
export type PnrStatus = typeof PNR_OK | typeof PNR_FORMAT | typeof PNR_DATE | typeof PNR_CHECKSUM;

/** What each status means, for error messages (never includes the value). */
export const PNR_STATUS_TEXT: Readonly<Record<PnrStatus, string>> = {
  [PNR_OK]: "valid",
  [PNR_FORMAT]: "not shaped like a personal identity number (YYYYMMDD-NNNN, YYMMDD-NNNN, YYYYMMDDNNNN)",
  [PNR_DATE]: "a birth date that does not exist",
  [PNR_CHECKSUM]: "a wrong check digit",
};

export interface PnrResult {
  /**
   * The normalised 12 digits `YYYYMMDDNNNN` as a number (coordination numbers keep day + 60);
   * `pnrDigits(key)` gives the string. A number, so that callers can cache by it without
   * building a string per row. Valid only after PNR_OK.
   */
  key: number;
  birthYear: number;
  /** `"M"` when the ninth digit (second to last) is odd, else `"K"`. */
  gender: "K" | "M";
  coordination: boolean;
}

/** The result of the last `parsePnr` call (reused object). */
export const pnr: PnrResult = { key: 0, birthYear: 0, gender: "K", coordination: false };

const buf = new Int32Array(12);

/** Luhn check over the ten digits buf[2..11]. */
function luhnOk(): boolean {
  let sum = 0;
  for (let k = 0; k < 10; k++) {
    let v = buf[2 + k];
    if (k % 2 === 0) {
      v *= 2;
      if (v > 9) v -= 9;
    }
    sum += v;
  }
  return sum % 10 === 0;
}

/** Parse a personal identity number; see the module comment. */
export function parsePnr(s: string, referenceYear: number): PnrStatus {
  let i = 0;
  let j = s.length;
  while (i < j && isSpace(s.charCodeAt(i))) i++;
  while (j > i && isSpace(s.charCodeAt(j - 1))) j--;
  let run = 0;
  while (i + run < j && digit(s.charCodeAt(i + run)) >= 0) run++;
  let plus = false;
  let datePart: number; // 6 or 8 digits before the serial
  let serialAt: number;
  if ((run === 10 || run === 12) && i + run === j) {
    datePart = run - 4;
    serialAt = i + datePart;
  } else if (run === 6 || run === 8) {
    datePart = run;
    const sep = separatorAt(s, i + run);
    if (sep === 0 || i + run + sep + 4 !== j) return PNR_FORMAT;
    for (let k = i + run; k < i + run + sep; k++) if (s.charCodeAt(k) === 43) plus = true;
    serialAt = i + run + sep;
  } else {
    return PNR_FORMAT;
  }
  const off = datePart === 8 ? 0 : 2;
  for (let k = 0; k < datePart; k++) {
    const d = digit(s.charCodeAt(i + k));
    if (d < 0) return PNR_FORMAT;
    buf[off + k] = d;
  }
  for (let k = 0; k < 4; k++) {
    const d = digit(s.charCodeAt(serialAt + k));
    if (d < 0) return PNR_FORMAT;
    buf[8 + k] = d;
  }
  const yy = buf[2] * 10 + buf[3];
  let year: number;
  if (datePart === 8) {
    year = buf[0] * 1000 + buf[1] * 100 + yy;
  } else {
    year = Math.floor(referenceYear / 100) * 100 + yy;
    if (year > referenceYear) year -= 100;
    if (plus) year -= 100;
    buf[0] = Math.floor(year / 1000);
    buf[1] = Math.floor(year / 100) % 10;
  }
  const month = buf[4] * 10 + buf[5];
  let day = buf[6] * 10 + buf[7];
  const coordination = day > 60;
  if (coordination) day -= 60;
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return PNR_DATE;
  if (!luhnOk()) return PNR_CHECKSUM;
  let key = 0;
  for (let k = 0; k < 12; k++) key = key * 10 + buf[k];
  pnr.key = key;
  pnr.birthYear = year;
  pnr.gender = buf[10] % 2 === 1 ? "M" : "K";
  pnr.coordination = coordination;
  return PNR_OK;
}

/** The normalised 12-digit string `YYYYMMDDNNNN` of a `PnrResult.key`. */
export function pnrDigits(key: number): string {
  return String(key).padStart(12, "0");
}

/** True when the text has the shape of an identity number (ignores check digit and date). */
export function looksLikePnr(s: string): boolean {
  let i = 0;
  let j = s.length;
  while (i < j && isSpace(s.charCodeAt(i))) i++;
  while (j > i && isSpace(s.charCodeAt(j - 1))) j--;
  let run = 0;
  while (i + run < j && digit(s.charCodeAt(i + run)) >= 0) run++;
  if (run === 10 || run === 12) return i + run === j;
  if (run !== 6 && run !== 8) return false;
  const sep = separatorAt(s, i + run);
  if (sep === 0 || i + run + sep + 4 !== j) return false;
  for (let k = i + run + sep; k < j; k++) if (digit(s.charCodeAt(k)) < 0) return false;
  return true;
}

/**
 * Does the text contain anything shaped like an identity number (10 or 12 digits, or 6 / 8 and 4
 * with a separator; date and check digit not tested), also with invisible characters inside?
 */
export function containsPnrLike(s: string): boolean {
  if (containsIdentityNumberShape(s)) return true;
  const visible = visibleText(s);
  return visible !== s && containsIdentityNumberShape(visible);
}
