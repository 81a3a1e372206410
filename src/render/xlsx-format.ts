/**
 * Cell values and display formats for the report's workbook (tabeller.xlsx).
 *
 * Numbers are stored as numbers, in the unit a controller sums in Excel: money in kronor
 * (öre / 100, so sums stay exact to the öre), shares as shares (0.52, shown as "52,0 %"),
 * months and dates as Excel dates. Format codes are written in Excel's invariant (en-US) syntax;
 * a Swedish Excel shows `#,##0.0` as "1 694,5": thousands space, decimal comma. Units follow the
 * number after a no-break space, as in the HTML report ("13,3 mnkr"); mnkr and tkr are scaled by
 * the format (each trailing `,` divides by 1 000), so the cell keeps the exact kronor amount.
 */
import type { CellFormat } from "../charts/types.ts";

const NBSP = "\u00a0";
const MINUS = "\u2212";
const unit = (u: string) => `"${NBSP}${u}"`;

/** Excel number format codes per numeric cell format. */
export const EXCEL_FORMATS: Readonly<Record<Exclude<CellFormat, "text">, string>> = {
  integer: "#,##0",
  decimal1: "#,##0.0",
  // No Excel code drops a zero decimal only ("#,##0.#" leaves "23,"): General shows 23 and 22,5.
  headcount: "General",
  // `\` + no-break space: a literal space that never wraps; `%` unquoted multiplies by 100.
  // (SheetJS's own formatter cannot render a literal before `%`; Excel and LibreOffice can.)
  percent: `0.0\\${NBSP}%`,
  kr: `#,##0${unit("kr")}`,
  tkr: `#,##0,${unit("tkr")}`,
  mnkr: `#,##0.0,,${unit("mnkr")}`,
  // Positive with "+", negative with a real minus sign (U+2212), zero without a sign.
  deviationMnkr: `"+"#,##0.0,,${unit("mnkr")};"${MINUS}"#,##0.0,,${unit("mnkr")};0.0,,${unit("mnkr")}`,
  // [$-41D]: Swedish month names ("april 2023") whatever the reader's Excel language.
  month: "[$-41D]mmmm yyyy",
  date: "yyyy-mm-dd",
};

/** Öre per krona: money formats hold öre in figures.json and kronor in the workbook. */
const ORE_PER_KR = 100;
const MONEY: ReadonlySet<CellFormat> = new Set<CellFormat>(["kr", "tkr", "mnkr", "deviationMnkr"]);
/** Days from Excel's day 0 (1899-12-30, with the 1900 leap-year bug) to 1970-01-01. */
const EXCEL_EPOCH_DAYS = 25569;
const DAY_MS = 86_400_000;

/** Epoch milliseconds UTC → Excel date serial (days since 1899-12-30). */
export function excelSerial(epochMsUtc: number): number {
  return epochMsUtc / DAY_MS + EXCEL_EPOCH_DAYS;
}

/** Excel date serial → epoch milliseconds UTC (the inverse of `excelSerial`). */
export function fromExcelSerial(serial: number): number {
  return Math.round((serial - EXCEL_EPOCH_DAYS) * DAY_MS);
}

/** What one cell of the workbook holds. */
export type ExcelCell =
  | { kind: "number"; value: number; format: string }
  | { kind: "text"; value: string }
  | { kind: "suppressed" }
  | { kind: "missing" }
  | { kind: "empty" };

function parseMonth(s: string): number | undefined {
  const m = /^(\d{4})-(0[1-9]|1[0-2])$/.exec(s);
  return m ? Date.UTC(Number(m[1]), Number(m[2]) - 1, 1) : undefined;
}

function parseDate(s: string): number | undefined {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(s)) return undefined;
  const ms = Date.parse(`${s}T00:00:00Z`);
  return Number.isNaN(ms) ? undefined : ms;
}

/**
 * One value as figures.json records it (its format's unit: öre, share, "YYYY-MM", epoch ms) →
 * the workbook cell. `null` in a number column is a suppressed value (".." in the report);
 * NaN is missing ("–"). A string in a number column (already formatted) stays text.
 */
export function excelCell(value: string | number | null | undefined, format: CellFormat): ExcelCell {
  if (format === "text") return value === null || value === undefined || value === "" ? { kind: "empty" } : { kind: "text", value: String(value) };
  if (value === null) return { kind: "suppressed" };
  if (value === undefined) return { kind: "missing" };
  const code = EXCEL_FORMATS[format];
  if (typeof value === "string") {
    const ms = format === "month" ? parseMonth(value) : format === "date" ? parseDate(value) : undefined;
    return ms === undefined ? { kind: "text", value } : { kind: "number", value: excelSerial(ms), format: code };
  }
  if (!Number.isFinite(value)) return { kind: "missing" };
  if (MONEY.has(format)) return { kind: "number", value: value / ORE_PER_KR, format: code };
  if (format === "date") return { kind: "number", value: excelSerial(value), format: code };
  return { kind: "number", value, format: code };
}

/**
 * A workbook cell's value back in figures.json's unit (the inverse of `excelCell` for numbers):
 * kronor → öre, Excel date → "YYYY-MM" or epoch ms.
 */
export function fromExcelValue(value: number, format: Exclude<CellFormat, "text">): number | string {
  if (MONEY.has(format)) {
    // kronor · 100 is off by a rounding error for most amounts (5233333.32 · 100): whole öre
    // come back whole.
    const ore = value * ORE_PER_KR;
    const whole = Math.round(ore);
    return Math.abs(ore - whole) <= 8 * Number.EPSILON * Math.max(1, Math.abs(ore)) ? whole : ore;
  }
  if (format === "month") return new Date(fromExcelSerial(value)).toISOString().slice(0, 7);
  if (format === "date") return fromExcelSerial(value);
  return value;
}
