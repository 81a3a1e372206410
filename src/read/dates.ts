/**
 * Dates and months, always in UTC (never the machine's time zone).
 *
 * - Dates: `2023-04-30`, `20230430`; a midnight time after the date is accepted
 *   (`2023-04-30 00:00:00`, `2023-04-30T00:00`), any other time is not. Result: UTC midnight as
 *   epoch milliseconds, `NaN` when invalid (including impossible dates such as `2023-02-29`).
 * - Months: `2023-04`, `2023M04`, `202304`, or a full date (`2023-04-01`, `20230401`). Result:
 *   `"2023-04"` (one shared string per month), `null` when invalid.
 */
import { digit, isSpace } from "./chars.ts";

const MS_PER_DAY = 86_400_000;

/** Days in month `m` (1–12) of year `y` (proleptic Gregorian). */
export function daysInMonth(y: number, m: number): number {
  if (m === 2) return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0 ? 29 : 28;
  return m === 4 || m === 6 || m === 9 || m === 11 ? 30 : 31;
}

/** Epoch milliseconds of UTC midnight, for a valid calendar date (no validation here). */
export function utcDay(y: number, m: number, d: number): number {
  // Days from civil (Howard Hinnant's algorithm): exact, no Date object.
  const yy = m <= 2 ? y - 1 : y;
  const era = Math.floor(yy / 400);
  const yoe = yy - era * 400;
  const mp = (m + 9) % 12;
  const doy = Math.floor((153 * mp + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return (era * 146097 + doe - 719468) * MS_PER_DAY;
}

/** Read `len` digits at `i`; -1 when one is not a digit. */
function digitsAt(s: string, i: number, len: number): number {
  let v = 0;
  for (let k = 0; k < len; k++) {
    const d = digit(s.charCodeAt(i + k));
    if (d < 0) return -1;
    v = v * 10 + d;
  }
  return v;
}

// Scratch results of scanDate.
let sy = 0;
let sm = 0;
let sd = 0;

/** Scan a date between i and j into sy/sm/sd; true when it is a real calendar date. */
function scanDate(s: string, i: number, j: number): boolean {
  let end: number;
  if (j - i >= 10 && s.charCodeAt(i + 4) === 45 && s.charCodeAt(i + 7) === 45) {
    sy = digitsAt(s, i, 4);
    sm = digitsAt(s, i + 5, 2);
    sd = digitsAt(s, i + 8, 2);
    end = i + 10;
  } else if (j - i >= 8) {
    sy = digitsAt(s, i, 4);
    sm = digitsAt(s, i + 4, 2);
    sd = digitsAt(s, i + 6, 2);
    end = i + 8;
  } else {
    return false;
  }
  if (sy < 0 || sm < 1 || sm > 12 || sd < 1 || sd > daysInMonth(sy, sm)) return false;
  return end === j || isMidnight(s, end, j);
}

/** ` 00:00`, `T00:00:00`, ` 00:00:00.000` between i and j. */
function isMidnight(s: string, i: number, j: number): boolean {
  const sep = s.charCodeAt(i);
  if (sep !== 32 && sep !== 84 /* T */) return false;
  let sawDigit = false;
  for (let k = i + 1; k < j; k++) {
    const c = s.charCodeAt(k);
    if (c === 48) sawDigit = true;
    else if (c !== 58 /* : */ && c !== 46 /* . */) return false;
  }
  return sawDigit;
}

/** A date as UTC-midnight epoch milliseconds; `NaN` when invalid. */
export function parseDate(s: string): number {
  // Fast path for the common exact form `YYYY-MM-DD` (same result as the general path below).
  if (s.length === 10 && s.charCodeAt(4) === 45 && s.charCodeAt(7) === 45) {
    const y0 = s.charCodeAt(0) - 48, y1 = s.charCodeAt(1) - 48, y2 = s.charCodeAt(2) - 48, y3 = s.charCodeAt(3) - 48;
    const m0 = s.charCodeAt(5) - 48, m1 = s.charCodeAt(6) - 48, d0 = s.charCodeAt(8) - 48, d1 = s.charCodeAt(9) - 48;
    if (y0 >>> 0 <= 9 && y1 >>> 0 <= 9 && y2 >>> 0 <= 9 && y3 >>> 0 <= 9 && m0 >>> 0 <= 9 && m1 >>> 0 <= 9 && d0 >>> 0 <= 9 && d1 >>> 0 <= 9) {
      const y = y0 * 1000 + y1 * 100 + y2 * 10 + y3;
      const m = m0 * 10 + m1;
      const d = d0 * 10 + d1;
      if (m < 1 || m > 12 || d < 1 || d > daysInMonth(y, m)) return NaN;
      return utcDay(y, m, d);
    }
  }
  let i = 0;
  let j = s.length;
  while (i < j && isSpace(s.charCodeAt(i))) i++;
  while (j > i && isSpace(s.charCodeAt(j - 1))) j--;
  if (!scanDate(s, i, j)) return NaN;
  return utcDay(sy, sm, sd);
}

/** Shared month strings, by year*12+month−1, for years 0–9999. */
const monthCache = new Map<number, string>();

/** The canonical `"YYYY-MM"` string of a month. */
export function monthString(y: number, m: number): string {
  const key = y * 12 + m - 1;
  let v = monthCache.get(key);
  if (v === undefined) {
    v = `${String(y).padStart(4, "0")}-${m < 10 ? "0" : ""}${m}`;
    monthCache.set(key, v);
  }
  return v;
}

/** A month as `"YYYY-MM"`; `null` when invalid. */
export function parseMonth(s: string): string | null {
  let i = 0;
  let j = s.length;
  while (i < j && isSpace(s.charCodeAt(i))) i++;
  while (j > i && isSpace(s.charCodeAt(j - 1))) j--;
  const len = j - i;
  let y = -1;
  let m = -1;
  if (len === 7) {
    const sep = s.charCodeAt(i + 4);
    if (sep === 45 || sep === 77 /* M */ || sep === 109 /* m */) {
      y = digitsAt(s, i, 4);
      m = digitsAt(s, i + 5, 2);
    }
  } else if (len === 6) {
    y = digitsAt(s, i, 4);
    m = digitsAt(s, i + 4, 2);
  } else if (scanDate(s, i, j)) {
    y = sy;
    m = sm;
  }
  if (y < 0 || m < 1 || m > 12) return null;
  return monthString(y, m);
}

/** `"YYYY-MM-DD"` of a UTC epoch-milliseconds date (for messages and tests). */
export function formatDate(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}
