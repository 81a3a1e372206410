/**
 * The workbook writer shares SheetJS with the output scan, which reads every written workbook
 * back (and SheetJS keeps the number formats it reads in a process-wide table): a workbook's bytes
 * must not depend on what was read before it.
 */
import * as XLSX from "@e965/xlsx";
import { expect, it } from "vitest";
import { workbook } from "../../src/render/xlsx.ts";
import { scanOutputs } from "../../src/guard/scan-outputs.ts";
import { buildFixture } from "./xlsx-fixture.ts";

/** A workbook with number formats of its own, in the slots SheetJS gives custom formats. */
function foreignWorkbook(): Uint8Array {
  const ws: XLSX.WorkSheet = {
    A1: { t: "n", v: 1.5, z: '0.000" zz"' },
    A2: { t: "n", v: 2, z: "#,##0.00;[Red]-#,##0.00" },
    A3: { t: "n", v: 0.25, z: "0.0000%" },
    "!ref": "A1:A3",
  };
  const wb = XLSX.utils.book_new();
  XLSX.utils.book_append_sheet(wb, ws, "Främmande");
  return new Uint8Array(XLSX.write(wb, { type: "array", bookType: "xlsx" }) as ArrayBuffer);
}

it("a workbook's bytes do not depend on the workbooks read (scanned) before it", async () => {
  const built = await buildFixture();
  const first = workbook(built.figures);
  expect(Buffer.from(first).equals(Buffer.from(built.files.get("tabeller.xlsx")!))).toBe(true);
  const foreign = foreignWorkbook();
  XLSX.read(foreign, { type: "array" });
  expect(scanOutputs(new Map([["a.xlsx", foreign], ["tabeller.xlsx", first]])).scanned).toEqual(["a.xlsx", "tabeller.xlsx"]);
  expect(Buffer.from(workbook(built.figures)).equals(Buffer.from(first))).toBe(true);
});
