/**
 * Tables as CSV that Swedish Excel opens right: UTF-8 with BOM, `;` between fields, decimal comma,
 * CRLF line ends, no thousands separators. Money is written in the unit the column shows (kr, tkr,
 * mnkr) without rounding; percentages as percent (52 for 0.52). Suppressed cells (null in a number
 * column) are written as "..", as Kolada does; missing values (NaN, undefined) as an empty cell.
 *
 * Only TEXT cells that look like formulas (=, +, -, @, tab, CR first) get a leading apostrophe;
 * numbers are never escaped (a negative deviation stays a number).
 */
import type { CellFormat, TableColumn, TableSpec } from "../charts/types.ts";
import { SUPPRESSED_MARK } from "./format.ts";

const BOM = "\uFEFF";
const CRLF = "\r\n";

/** Unit written after the header, unless the label already names it. */
const UNIT: Partial<Record<CellFormat, { suffix: string; test: RegExp }>> = {
  kr: { suffix: "kr", test: /(^|[^\p{L}])kr([^\p{L}]|$)/iu },
  tkr: { suffix: "tkr", test: /(^|[^\p{L}])tkr([^\p{L}]|$)/iu },
  mnkr: { suffix: "mnkr", test: /(^|[^\p{L}])mnkr([^\p{L}]|$)/iu },
  deviationMnkr: { suffix: "mnkr", test: /(^|[^\p{L}])mnkr([^\p{L}]|$)/iu },
  percent: { suffix: "%", test: /%/ },
};

export function csvHeader(column: TableColumn): string {
  const unit = UNIT[column.format];
  return unit && !unit.test.test(column.label) ? `${column.label} (${unit.suffix})` : column.label;
}

/** A finite number without exponent, rounded to 12 significant digits to drop float noise. */
function plain(x: number): string {
  let s = String(Number(x.toPrecision(12)));
  if (/e/i.test(s)) s = x.toFixed(Math.min(20, Math.max(0, 12 - Math.floor(Math.log10(Math.abs(x)))))).replace(/\.?0+$/, "");
  return s.replace(".", ",");
}

/** An integer divided by 10^places, exactly, with decimal comma: shift(169400050, 2) → "1694000,5". */
function shift(n: number, places: number): string {
  if (!Number.isSafeInteger(n)) return plain(n / 10 ** places);
  const neg = n < 0;
  const digits = Math.abs(n).toString().padStart(places + 1, "0");
  const int = digits.slice(0, digits.length - places);
  const frac = digits.slice(digits.length - places).replace(/0+$/, "");
  return (neg ? "-" : "") + int + (frac ? `,${frac}` : "");
}

function isoDate(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

function numberCell(value: number, format: CellFormat): string {
  switch (format) {
    case "kr":
      return shift(value, 2);
    case "tkr":
      return shift(value, 5);
    case "mnkr":
    case "deviationMnkr":
      return shift(value, 8);
    case "percent":
      return plain(value * 100);
    case "date":
      return isoDate(value);
    default:
      return Number.isSafeInteger(value) ? String(value) : plain(value);
  }
}

/** Text that a spreadsheet would run as a formula gets a leading apostrophe. */
export function escapeFormula(text: string): string {
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}

function quote(field: string): string {
  return /[;"\r\n]|^\s|\s$/.test(field) ? `"${field.replace(/"/g, '""')}"` : field;
}

export function csvCell(value: string | number | null | undefined, format: CellFormat): string {
  // Same markers as formatCell: null in a number column = suppressed (".."); NaN/undefined =
  // missing, written as an empty cell (Excel keeps it apart from 0).
  if (value === null) return format === "text" ? "" : SUPPRESSED_MARK;
  if (value === undefined || (typeof value === "number" && Number.isNaN(value))) return "";
  if (typeof value === "number" && format !== "text") {
    if (!Number.isFinite(value)) throw new RangeError(`CSV: ${value} is not a finite number`);
    return numberCell(value, format);
  }
  // Text, or a string in a number column (month "2023-04", a marker like "<5").
  return format === "month" ? String(value) : escapeFormula(String(value));
}

export function tableToCsv(table: TableSpec): string {
  const lines = [table.columns.map((c) => quote(csvHeader(c))).join(";")];
  for (const row of table.rows) {
    lines.push(table.columns.map((c) => quote(csvCell(row[c.key], c.format))).join(";"));
  }
  return BOM + lines.join(CRLF) + CRLF;
}
