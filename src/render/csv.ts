/**
 * Tables as CSV that Swedish Excel opens right: UTF-8 with BOM, `;` between fields, decimal comma,
 * CRLF line ends, no thousands separators. Each number is written with the precision its table
 * cell shows in the report (the same rounding as `formatCell`, see `CELL_PRECISION` in format.ts):
 * money in the unit the column shows (whole kr, whole tkr, mnkr with one decimal), percentages as
 * whole percent (52 for 0.52), `decimal1` with one decimal, counts whole. figures.json keeps the
 * exact values. Suppressed cells (null in a number column) are written as "..", as Kolada does;
 * missing values (NaN, undefined) as an empty cell.
 *
 * Only TEXT cells that look like formulas (=, +, -, @, tab, CR first) get a leading apostrophe;
 * numbers are never escaped (a negative deviation stays a number).
 */
import type { CellFormat, TableColumn, TableSpec } from "../charts/types.ts";
import { SUPPRESSED_MARK, plainCellNumber } from "./format.ts";

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

function isoDate(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

function numberCell(value: number, format: Exclude<CellFormat, "text">): string {
  switch (format) {
    case "date":
      return isoDate(value);
    case "month":
      // A month column holds "YYYY-MM" strings; a number there is written as it is.
      return String(value).replace(".", ",");
    default:
      return plainCellNumber(value, format);
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
