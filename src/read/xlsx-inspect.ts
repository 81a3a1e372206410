/**
 * `inspect` on an Excel workbook: the sheet's cells are read as the text Swedish Excel would save
 * (see xlsx.ts) and inspected like a CSV export; sizes and hash are the workbook's, lines are
 * sheet rows.
 */
import { createHash } from "node:crypto";
import { inspectBytes, type InspectResult } from "./inspect.ts";
import { utf8 } from "./text-table.ts";
import { readSheet } from "./xlsx.ts";

export interface WorkbookInspectResult extends InspectResult {
  /** The sheet inspected. */
  sheet: string;
  /** Every sheet of the workbook, in order. */
  sheets: string[];
}

export function inspectWorkbook(bytes: Uint8Array, name: string, opts: { sheet?: string; referenceYear?: number } = {}): WorkbookInspectResult {
  const { sheet, sheets, rows } = readSheet(bytes, { sheet: opts.sheet, name });
  const r = inspectBytes(utf8(rows.text()), name, { referenceYear: opts.referenceYear });
  const row = (line: number) => rows.lineSource[line] ?? line;
  const seen = new Set<string>();
  return {
    ...r,
    bytes: bytes.byteLength,
    sha256: createHash("sha256").update(bytes).digest("hex"),
    headerLine: r.headerLine === 0 ? 0 : row(r.headerLine),
    skippedLines: r.skippedLines.map((s) => ({ line: row(s.line), kind: s.kind })).filter((s) => !seen.has(`${s.line}`) && seen.add(`${s.line}`) !== undefined),
    badQuoteLines: r.badQuoteLines.map(row),
    sheet,
    sheets,
  };
}
