/**
 * Excel workbooks (`.xlsx`) as input: one sheet read into the rows of text the CSV path reads.
 *
 * Reader: `@e965/xlsx`, the maintained SheetJS line (0.20.x) republished on npm. The `xlsx`
 * package on npm is frozen at 0.18.5 with a known prototype-pollution CVE (CVE-2023-30533);
 * ExcelJS is largely unmaintained.
 *
 * Cells become the text a Swedish Excel writes when it saves the sheet as CSV, so an `.xlsx` and
 * its CSV twin load to the same table with the same problems:
 * - real dates (numbers with a date format) → `YYYY-MM-DD` computed in UTC days from the serial
 *   (1900 and 1904 date systems, Excel's phantom 1900-02-29 accounted for), so no time zone can
 *   shift a day; a date format without a day (`yyyy-mm`, `mmm yyyy`) → `YYYY-MM`;
 * - numbers → decimal comma (a point for a schema that declares one, e.g. kolada), no grouping,
 *   at most 15 significant digits (what Excel shows);
 * - booleans → `SANT` / `FALSKT`; error cells → their text (`#N/A`); text cells as they are.
 * The sheet is read from A1 and row 1, so text line N is sheet row N (unless a cell holds a
 * line break; `TextTableWriter` keeps the map) and column index i is column letter i.
 */
import { createRequire } from "node:module";
import type * as XLSXLib from "@e965/xlsx";
import { TextTableWriter } from "./text-table.ts";

type CellObject = XLSXLib.CellObject;
let lib: typeof XLSXLib | null = null;
/** SheetJS, loaded on first use (~0.2 s), so loading a CSV never pays for it. */
function sheetjs(): typeof XLSXLib {
  return (lib ??= createRequire(import.meta.url)("@e965/xlsx") as typeof XLSXLib);
}

/** True for a zip container (`PK\x03\x04`, what an `.xlsx` is) or a name ending in `.xlsx`. */
export function isWorkbook(bytes: Uint8Array, name?: string): boolean {
  const zip = bytes.length >= 4 && bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04;
  return zip || (name !== undefined && /\.xlsx$/i.test(name));
}

/** A sheet that is not in the workbook, or bytes that are no workbook. */
export class SheetError extends Error {
  override name = "SheetError";
}

export interface SheetRows {
  /** The sheet read. */
  sheet: string;
  /** All sheets of the workbook, in order. */
  sheets: string[];
  /** The sheet's rows as text, line → sheet row. */
  rows: TextTableWriter;
}

/** Read one sheet (default the first) into text rows. Throws SheetError. */
export function readSheet(bytes: Uint8Array, opts: { sheet?: string; name?: string; decimal?: "," | "." } = {}): SheetRows {
  const label = opts.name ?? "arbetsboken";
  const XLSX = sheetjs();
  let wb: XLSXLib.WorkBook;
  try {
    wb = XLSX.read(bytes, { type: "array", dense: true, cellNF: true, cellDates: false, cellHTML: false, cellFormula: false });
  } catch (e) {
    throw new SheetError(`${label}: kan inte läsas som Excel-arbetsbok (cannot be read as an Excel workbook): ${e instanceof Error ? e.message : String(e)}`);
  }
  const sheets = wb.SheetNames.slice();
  const sheet = opts.sheet ?? sheets[0];
  if (sheet === undefined || !(sheet in wb.Sheets)) {
    throw new SheetError(`${label}: bladet ${JSON.stringify(opts.sheet ?? "")} finns inte (no such sheet); blad (sheets): ${sheets.join(", ")}`);
  }
  const ws = wb.Sheets[sheet] as XLSXLib.WorkSheet & { "!data"?: (CellObject | undefined)[][] };
  const date1904 = wb.Workbook?.WBProps?.date1904 === true;
  const rows = new TextTableWriter();
  const data = ws["!data"] ?? [];
  // The sheet's extent: its `!ref` (the `<dimension>` tag) widened to every cell parsed, as a
  // stale dimension (streaming writers, Apache POI) may be smaller than the data.
  let height = data.length;
  let width = 0;
  for (const cells of data) if (cells) width = Math.max(width, cells.length);
  const ref = ws["!ref"];
  if (ref !== undefined) {
    const range = XLSX.utils.decode_range(ref);
    height = Math.max(height, range.e.r + 1);
    width = Math.max(width, range.e.c + 1);
  }
  const decimal = opts.decimal ?? ",";
  const fields = new Array<string>(width);
  for (let r = 0; r < height; r++) {
    const cells = data[r];
    for (let c = 0; c < width; c++) {
      fields[c] = cells?.[c] ? cellText(cells[c]!, date1904, decimal) : "";
      // A NUL (`_x0000_` in the sheet's XML) is no text: named by its cell, as a CSV's by its line and byte.
      if (fields[c].includes("\0")) throw new SheetError(`${label}: cellen ${cellRef(sheet, c, r + 1)} innehåller ett NUL-tecken (the cell holds a NUL character); arbetsboken kan vara skadad (the workbook may be damaged)`);
    }
    rows.row(fields, r + 1);
  }
  return { sheet, sheets, rows };
}

/** `Blad1!C17`; a sheet name with other characters than letters, digits and `_` is quoted. */
export function cellRef(sheet: string, column: number, row: number): string {
  const name = /^[\p{L}_][\p{L}\p{N}_]*$/u.test(sheet) ? sheet : `'${sheet.replace(/'/g, "''")}'`;
  return `${name}!${columnLetters(Math.max(0, column))}${row}`;
}

/** Column index (0-based) as Excel's letters: 0 → A, 25 → Z, 26 → AA. */
export function columnLetters(index: number): string {
  let s = "";
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

const DAY_MS = 86_400_000;

/** The text of one cell, as a Swedish Excel saves it to CSV (see the module comment). */
export function cellText(cell: CellObject, date1904: boolean, decimal: "," | "." = ","): string {
  switch (cell.t) {
    case "n": {
      const v = cell.v as number;
      const fmt = typeof cell.z === "string" ? cell.z : "";
      if (fmt !== "" && sheetjs().SSF.is_date(fmt)) return excelDate(v, date1904, !/d/i.test(fmt.replace(/"[^"]*"|\[[^\]]*\]/g, "")));
      return excelNumber(v, decimal);
    }
    case "d": {
      // A cell stored as an ISO date (`t="d"`): its calendar day as written, never shifted by a zone.
      const iso = /^(\d{4}-\d{2}-\d{2})/.exec(String(cell.v));
      if (!(cell.v instanceof Date) && iso) return iso[1];
      const ms = cell.v instanceof Date ? cell.v.getTime() : NaN;
      return Number.isFinite(ms) ? new Date(Math.floor(ms / DAY_MS) * DAY_MS).toISOString().slice(0, 10) : String(cell.v);
    }
    case "b":
      return cell.v ? "SANT" : "FALSKT";
    case "e":
      return cell.w ?? "#FEL";
    case "s":
      return String(cell.v ?? "");
    default:
      return "";
  }
}

/** A date serial as `YYYY-MM-DD` (or `YYYY-MM`), in UTC days; the time of day is dropped. */
export function excelDate(serial: number, date1904: boolean, monthOnly = false): string {
  if (!Number.isFinite(serial) || serial < 0) return String(serial);
  const ms = Math.round(serial * DAY_MS); // the stored fraction is binary: round to the millisecond first
  let day = Math.floor(ms / DAY_MS);
  if (date1904) day += 1462;
  else if (day < 60) day += 1; // Excel counts a 1900-02-29 that never was
  const iso = new Date((day - 25_569) * DAY_MS).toISOString();
  return monthOnly ? iso.slice(0, 7) : iso.slice(0, 10);
}

/**
 * A number as Excel shows it in a Swedish CSV: decimal comma (or the point a schema such as
 * Kolada's declares), no grouping, at most 15 significant digits.
 */
export function excelNumber(v: number, decimal: "," | "." = ","): string {
  if (!Number.isFinite(v)) return String(v);
  let s = String(Number(v.toPrecision(15)));
  if (s.includes("e")) {
    const abs = Math.abs(v);
    s = abs >= 1 ? BigInt(Math.round(v)).toString() : v.toFixed(20).replace(/0+$/, "");
  }
  return decimal === "," ? s.replace(".", ",") : s;
}
