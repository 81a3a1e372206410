/** Formatting helpers for the sample exports: Swedish numbers, dates, CSV fields, identity numbers. */

export const DAY_MS = 86_400_000;
export const NBSP = "\u00a0";
export const MINUS = "\u2212";

/** Day number (days since 1970-01-01, UTC) of a calendar date. */
export function dayOf(y: number, m: number, d: number): number {
  return Date.UTC(y, m - 1, d) / DAY_MS;
}

export interface Ymd {
  y: number;
  m: number;
  d: number;
}

export function ymdOf(day: number): Ymd {
  const dt = new Date(day * DAY_MS);
  return { y: dt.getUTCFullYear(), m: dt.getUTCMonth() + 1, d: dt.getUTCDate() };
}

/** 0 = Sunday … 6 = Saturday. */
export function weekday(day: number): number {
  return new Date(day * DAY_MS).getUTCDay();
}

const pad2 = (n: number) => (n < 10 ? "0" : "") + n;

/** `2023-04-30`. */
export function isoDate(day: number): string {
  const { y, m, d } = ymdOf(day);
  return `${y}-${pad2(m)}-${pad2(d)}`;
}

/** `20230430`. */
export function compactDate(day: number): string {
  const { y, m, d } = ymdOf(day);
  return `${y}${pad2(m)}${pad2(d)}`;
}

/** Month index (months since 0000-01) → `2023-04`. */
export function monthStr(mi: number): string {
  return `${Math.floor(mi / 12)}-${pad2((mi % 12) + 1)}`;
}

export function monthIndex(y: number, m: number): number {
  return y * 12 + (m - 1);
}

export function monthOfDay(day: number): number {
  const { y, m } = ymdOf(day);
  return monthIndex(y, m);
}

export function firstDayOfMonth(mi: number): number {
  return dayOf(Math.floor(mi / 12), (mi % 12) + 1, 1);
}

export function lastDayOfMonth(mi: number): number {
  return firstDayOfMonth(mi + 1) - 1;
}

/** Digits of a non-negative integer in groups of three: `1 694 000`. */
export function groupDigits(n: number, sep: string): string {
  const s = String(n);
  let out = "";
  for (let i = 0; i < s.length; i++) {
    if (i > 0 && (s.length - i) % 3 === 0) out += sep;
    out += s[i];
  }
  return out;
}

/** Whole kronor, grouped: `14 100 000`. */
export function kronor(kr: number, sep = " ", minus = "-"): string {
  return (kr < 0 ? minus : "") + groupDigits(Math.abs(kr), sep);
}

/** An amount in öre as kronor with two decimals and a decimal comma: `1 198 512,40`. */
export function ore(amount: number, sep = " ", minus = "-"): string {
  const a = Math.abs(amount);
  const kr = Math.floor(a / 100);
  const rest = a % 100;
  return (amount < 0 ? minus : "") + groupDigits(kr, sep) + "," + pad2(rest);
}

/** A number of tenths as a Swedish decimal: 585 → `58,5`, 640 → `64`. */
export function tenths(t: number): string {
  const whole = Math.floor(t / 10);
  const frac = t % 10;
  return frac === 0 ? String(whole) : `${whole},${frac}`;
}

/** A CSV field, quoted when it holds the delimiter, a quote or a line break. */
export function csvField(value: string, delimiter: string): string {
  if (value.includes(delimiter) || value.includes('"') || value.includes("\n") || value.includes("\r")) {
    return '"' + value.replace(/"/g, '""') + '"';
  }
  return value;
}

export function csvLine(fields: readonly string[], delimiter: string): string {
  let out = "";
  for (let i = 0; i < fields.length; i++) {
    if (i > 0) out += delimiter;
    out += csvField(fields[i], delimiter);
  }
  return out;
}

/** Luhn check digit over the nine digits YYMMDDNNN. */
export function luhnDigit(nine: string): number {
  let sum = 0;
  for (let k = 0; k < 9; k++) {
    let v = nine.charCodeAt(k) - 48;
    if (k % 2 === 0) {
      v *= 2;
      if (v > 9) v -= 9;
    }
    sum += v;
  }
  return (10 - (sum % 10)) % 10;
}

export type PnrFormat = "long" | "short" | "plain";

/** A personal identity number in one of the export formats. */
export function formatPnr(birthDay: number, serial3: string, format: PnrFormat): string {
  const { y, m, d } = ymdOf(birthDay);
  const yymmdd = `${pad2(y % 100)}${pad2(m)}${pad2(d)}`;
  const check = luhnDigit(yymmdd + serial3);
  const last4 = serial3 + check;
  if (format === "short") return `${yymmdd}-${last4}`;
  const yyyy = String(y);
  return format === "plain" ? `${yyyy}${pad2(m)}${pad2(d)}${last4}` : `${yyyy}${pad2(m)}${pad2(d)}-${last4}`;
}
