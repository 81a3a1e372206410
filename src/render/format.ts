/**
 * Swedish number, money and date formatting for reports, tables and chart labels. Pure functions.
 *
 * Conventions (Språkrådet / SCB style):
 * - Thousands are separated by a NO-BREAK SPACE, U+00A0 (`NBSP`), so "1 694 000" never wraps.
 * - The decimal separator is a comma: "16,5".
 * - Negative numbers carry a real MINUS SIGN, U+2212 (`MINUS`), not a hyphen: "−1,1".
 *   A value that rounds to zero is printed without a sign: never "−0" or "+0,0".
 * - A unit is separated from the number by a no-break space: "52 %", "13,3 mnkr", "1 694 000 kr".
 * - Rounding is half away from zero on the decimal value (2,5 → 3; −2,5 → −3; 0,285 → 0,29),
 *   computed on the decimal representation, so binary float artefacts (1.005, 0.285 * 100) do
 *   not bias it. Money is given in whole öre (see data/README.md) and divided exactly.
 * - Non-finite input (NaN, ±Infinity) — a missing value — prints `MISSING_MARK` "–" (en dash).
 *
 * Marker convention shared with the report engine (src/render/html.ts, src/report/figures.ts):
 * - a `null` number cell means **suppressed** (a small count hidden in public mode) and prints
 *   `SUPPRESSED_MARK` "..", as Kolada does; the table gets the note "..: dolt för att skydda enskilda personer".
 *   We do not print Arbetsförmedlingen's "<5": ".." is the one marker in all tables and charts.
 * - `NaN` / `undefined` means **missing / not applicable** and prints `MISSING_MARK` "–".
 * - A `null` text cell prints "" (empty).
 */
import type { CellFormat } from "../charts/types.ts";
import type { MoneyUnit } from "../metrics/rounding.ts";

/** U+00A0 NO-BREAK SPACE: the thousands separator and the space before a unit. */
export const NBSP = "\u00a0";
/** U+2212 MINUS SIGN: the sign of negative numbers. */
export const MINUS = "\u2212";
/** Printed for a suppressed value (a `null` number cell). */
export const SUPPRESSED_MARK = "..";
/** U+2013 EN DASH: printed for a missing value (NaN, undefined). */
export const MISSING_MARK = "\u2013";

export const MONTHS_SV = [
  "januari", "februari", "mars", "april", "maj", "juni",
  "juli", "augusti", "september", "oktober", "november", "december",
] as const;
export const MONTHS_SHORT_SV = ["jan", "feb", "mar", "apr", "maj", "jun", "jul", "aug", "sep", "okt", "nov", "dec"] as const;
export const DAYS_SV = ["söndag", "måndag", "tisdag", "onsdag", "torsdag", "fredag", "lördag"] as const;
export const DAYS_SHORT_SV = ["sön", "mån", "tis", "ons", "tor", "fre", "lör"] as const;

/** |x| · 10^shift as a number, shifting the decimal representation (no binary multiplication error). */
function shifted(abs: number, shift: number): number {
  const [mantissa, exp] = abs.toString().split("e");
  return Number(`${mantissa}e${Number(exp ?? 0) + shift}`);
}

/** A whole number as BigInt from its shortest decimal representation (1e+25 → 10^25 exactly). */
function toBigInt(whole: number): bigint {
  if (Number.isSafeInteger(whole)) return BigInt(whole);
  const [mantissa, exp] = whole.toString().split("e");
  if (exp === undefined) return BigInt(mantissa);
  const [i, f = ""] = mantissa.split(".");
  return BigInt(i + f) * 10n ** BigInt(Number(exp) - f.length);
}

/** `|x| / 10^scale` rounded half away from zero to `decimals` places: the sign, integer and fraction digits. */
interface Rounded {
  negative: boolean;
  int: string;
  frac: string;
}

function rounded(x: number, decimals: number, scale: number): Rounded {
  if (!Number.isInteger(decimals) || decimals < 0 || decimals > 20) throw new RangeError(`decimals must be 0..20, got ${decimals}`);
  const abs = Math.abs(x);
  const drop = scale - decimals; // decimal places to remove from abs
  let units: bigint; // abs / 10^scale in units of 10^-decimals
  if (Number.isSafeInteger(abs) && drop >= 0) {
    const big = BigInt(abs);
    const div = 10n ** BigInt(drop);
    const q = big / div;
    const r = big - q * div;
    units = r * 2n >= div && drop > 0 ? q + 1n : q;
  } else {
    units = toBigInt(Math.round(shifted(abs, -drop)));
  }
  let digits = units.toString();
  if (decimals > 0) digits = digits.padStart(decimals + 1, "0");
  return {
    negative: x < 0 && units !== 0n,
    int: decimals > 0 ? digits.slice(0, -decimals) : digits,
    frac: decimals > 0 ? digits.slice(-decimals) : "",
  };
}

/**
 * `x / 10^scale` rounded half away from zero to `decimals` places, as Swedish digits
 * (grouped, decimal comma, U+2212). Exact for integer `x` below 2^53 (öre amounts).
 * With `trimZero`, a fraction of only zeros is left out ("23" rather than "23,0").
 */
function fixed(x: number, decimals: number, scale = 0, trimZero = false): string {
  if (!Number.isFinite(x)) return MISSING_MARK;
  const { negative, int, frac } = rounded(x, decimals, scale);
  const grouped = int.replace(/\B(?=(\d{3})+(?!\d))/g, NBSP);
  const shownFrac = trimZero && /^0*$/.test(frac) ? "" : frac;
  return (negative ? MINUS : "") + grouped + (shownFrac ? `,${shownFrac}` : "");
}

/** True when `fixed` printed a non-zero value. */
function isZero(s: string): boolean {
  return /^[0,]+$/.test(s);
}

/** 1694000 → "1 694 000" (U+00A0 between groups); −5 → "−5" (U+2212). Rounds half away from zero. */
export function formatInteger(n: number): string {
  return fixed(n, 0);
}

/** (16.5, 1) → "16,5"; (2.345, 2) → "2,35". */
export function formatDecimal(n: number, decimals = 1): string {
  return fixed(n, decimals);
}

/**
 * A number that is mostly whole (staff, full-time equivalents): one decimal, left out when it is
 * zero. (23, 1) → "23"; (22.5, 1) → "22,5"; (22.96, 1) → "23" (rounded first).
 */
export function formatHeadcount(n: number, decimals = 1): string {
  return fixed(n, decimals, 0, true);
}

/** A share 0..1: (0.52) → "52 %"; (0.1234, 1) → "12,3 %". */
export function formatPercent(share: number, decimals = 0): string {
  if (!Number.isFinite(share)) return MISSING_MARK;
  return `${fixed(share, decimals, -2)}${NBSP}%`;
}

/** Öre to whole kronor: 169400000 → "1 694 000 kr". */
export function formatKr(ore: number, decimals = 0): string {
  if (!Number.isFinite(ore)) return MISSING_MARK;
  return `${fixed(ore, decimals, 2)}${NBSP}kr`;
}

/** Öre to thousands of kronor: 169400000 → "1 694 tkr". */
export function formatTkr(ore: number, decimals = 0): string {
  if (!Number.isFinite(ore)) return MISSING_MARK;
  return `${fixed(ore, decimals, 5)}${NBSP}tkr`;
}

/** Öre to millions of kronor: 1330000000 → "13,3 mnkr". */
export function formatMnkr(ore: number, decimals = 1): string {
  if (!Number.isFinite(ore)) return MISSING_MARK;
  return `${fixed(ore, decimals, 8)}${NBSP}mnkr`;
}

export type { MoneyUnit };
const UNIT_SCALE: Record<MoneyUnit, number> = { kr: 2, tkr: 5, mnkr: 8 };

/**
 * A budget deviation with its sign (positive = better than budget):
 * 1330000000 → "+13,3 mnkr", −110000000 → "−1,1 mnkr" (U+2212), 0 → "0,0 mnkr" (no sign,
 * also when the value rounds to zero).
 */
export function formatDeviation(ore: number, unit: MoneyUnit = "mnkr", decimals = unit === "mnkr" ? 1 : 0): string {
  if (!Number.isFinite(ore)) return MISSING_MARK;
  const s = fixed(ore, decimals, UNIT_SCALE[unit]);
  const signed = ore > 0 && !isZero(s) ? `+${s}` : s;
  return `${signed}${NBSP}${unit}`;
}

function parseMonth(yyyyMm: string): { year: string; month: number } {
  const m = /^(\d{4})-(\d{2})$/.exec(yyyyMm);
  const month = m ? Number(m[2]) : NaN;
  if (!m || month < 1 || month > 12) throw new RangeError(`expected a month "YYYY-MM", got ${JSON.stringify(yyyyMm)}`);
  return { year: m[1], month };
}

/** "2023-04" → "april 2023". */
export function formatMonth(yyyyMm: string): string {
  const { year, month } = parseMonth(yyyyMm);
  return `${MONTHS_SV[month - 1]} ${year}`;
}

/** "2023-04" → "apr" (same abbreviations as the chart axes, see locale.ts). */
export function formatMonthShort(yyyyMm: string): string {
  return MONTHS_SHORT_SV[parseMonth(yyyyMm).month - 1];
}

/** Epoch milliseconds (UTC) → "30 april 2023". Uses the UTC calendar date, whatever TZ is. */
export function formatDate(epochMsUtc: number): string {
  if (!Number.isFinite(epochMsUtc)) return MISSING_MARK;
  const d = new Date(epochMsUtc);
  return `${d.getUTCDate()} ${MONTHS_SV[d.getUTCMonth()]} ${d.getUTCFullYear()}`;
}

/**
 * One table cell as shown in a report (see the marker convention at the top of this file):
 * `null` → ".." for number formats ("" for text), NaN/undefined → "–". A string in a number
 * column is taken as already formatted and printed as is; "month" takes "YYYY-MM"; "date" takes
 * epoch ms or an ISO date string "YYYY-MM-DD".
 */
export function formatCell(value: string | number | null | undefined, format: CellFormat): string {
  if (value === null) return format === "text" ? "" : SUPPRESSED_MARK;
  if (value === undefined) return format === "text" ? "" : MISSING_MARK;
  if (format === "text") return String(value);
  if (typeof value === "string") {
    if (format === "month" && /^\d{4}-\d{2}$/.test(value)) return formatMonth(value);
    if (format === "date" && /^\d{4}-\d{2}-\d{2}$/.test(value)) return formatDate(Date.parse(`${value}T00:00:00Z`));
    return value;
  }
  if (!Number.isFinite(value)) return MISSING_MARK;
  switch (format) {
    case "integer":
      return formatInteger(value);
    case "decimal1":
      return formatDecimal(value, 1);
    case "headcount":
      return formatHeadcount(value, 1);
    case "percent":
      return formatPercent(value);
    case "kr":
      return formatKr(value);
    case "tkr":
      return formatTkr(value);
    case "mnkr":
      return formatMnkr(value);
    case "deviationMnkr":
      return formatDeviation(value, "mnkr", 1);
    case "date":
      return formatDate(value);
    case "month":
      return String(value);
  }
}

/**
 * How many decimals a number cell shows, of the value divided by 10^scale (öre → kr, tkr, mnkr;
 * a share → percent): the precision `formatCell` prints, and the CSV writes
 * (src/render/csv.ts). `trimZero`: an all-zero fraction is left out.
 */
export const CELL_PRECISION: Readonly<Record<Exclude<CellFormat, "text" | "month" | "date">, { decimals: number; scale: number; trimZero?: boolean }>> = {
  integer: { decimals: 0, scale: 0 },
  decimal1: { decimals: 1, scale: 0 },
  headcount: { decimals: 1, scale: 0, trimZero: true },
  percent: { decimals: 0, scale: -2 },
  kr: { decimals: 0, scale: 2 },
  tkr: { decimals: 0, scale: 5 },
  mnkr: { decimals: 1, scale: 8 },
  deviationMnkr: { decimals: 1, scale: 8 },
};

/**
 * A finite number with the precision its table cell shows (`CELL_PRECISION`), for a file a
 * program reads: no thousands separator, decimal comma, hyphen-minus, no unit and no "+";
 * a value that rounds to zero has no sign: (523333332, "mnkr") → "5,2"; (0.469696, "percent")
 * → "47"; (-65890836, "deviationMnkr") → "-0,7"; (169400050, "kr") → "1694001".
 */
export function plainCellNumber(value: number, format: keyof typeof CELL_PRECISION): string {
  if (!Number.isFinite(value)) throw new RangeError(`${value} is not a finite number`);
  const { decimals, scale, trimZero } = CELL_PRECISION[format];
  const { negative, int, frac } = rounded(value, decimals, scale);
  const shownFrac = trimZero && /^0*$/.test(frac) ? "" : frac;
  return (negative ? "-" : "") + int + (shownFrac ? `,${shownFrac}` : "");
}
