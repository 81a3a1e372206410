import { describe, expect, it } from "vitest";
import type { CellObject as XLSXCell } from "@e965/xlsx";
import { cellRef, cellText, columnLetters, excelDate, excelNumber, isWorkbook, readSheet, SheetError } from "../../src/read/xlsx.ts";
import { LoadError, loadBytes, type LoadIssue } from "../../src/schema/load.ts";
import { participantsSchema } from "../../src/sources/participants.ts";
import { koladaSchema } from "../../src/sources/kolada.ts";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { bytes, KEY } from "./helpers.ts";
import { P1, P2, P3, ROWS, workbook } from "./xlsx-fixture.ts";
import { tempDir } from "../temp-dirs.ts";

const XLSX_BYTES = workbook({ Blad1: ROWS.map(([cells]) => cells) });
const CSV_BYTES = bytes(ROWS.map(([, line]) => line).join("\r\n") + "\r\n");
const opts = { pseudonymKey: KEY, referenceYear: 2024, mode: "lenient" as const };

const withoutLocation = ({ message: _m, cell: _c, ...rest }: LoadIssue) => rest;

describe("an .xlsx export and its CSV twin", () => {
  const x = loadBytes(participantsSchema, XLSX_BYTES, { ...opts, name: "deltagare.xlsx" });
  const c = loadBytes(participantsSchema, CSV_BYTES, { ...opts, name: "deltagare.csv" });

  it("is a zip container and not text", () => {
    expect(isWorkbook(XLSX_BYTES)).toBe(true);
    expect(isWorkbook(CSV_BYTES)).toBe(false);
  });

  it("a text file named .xlsx is refused, not read as text", () => {
    expect(() => loadBytes(participantsSchema, CSV_BYTES, { ...opts, name: "deltagare.xlsx" })).toThrow(/är ingen Excel-arbetsbok.*not an \.xlsx workbook/);
  });

  it("loads to exactly the same table", () => {
    expect(x.table.numRows()).toBe(2);
    expect(x.table.objects()).toEqual(c.table.objects());
    expect(Array.from(x.columns.start)).toEqual([Date.UTC(2023, 0, 16), Date.UTC(2023, 1, 1)]);
    expect(Array.from(x.columns.end)).toEqual([Date.UTC(2023, 5, 30), NaN]);
    expect(x.columns.disability).toEqual([true, false]);
    expect(x.columns.provider).toEqual(["AME Egen regi", "Lärande; AB"]);
  });

  it("gives the same problems at the same rows, located as Blad1!D5 plus the row", () => {
    expect(x.report.errors.map(withoutLocation)).toEqual(c.report.errors.map(withoutLocation));
    expect(x.report.errors.map((e) => [e.line, e.cell, e.kind])).toEqual([
      [5, "Blad1!D5", "date"],
      [6, "Blad1!F6", "code"],
    ]);
    for (const e of c.report.errors) {
      const twin = x.report.errors.find((i) => i.line === e.line && i.field === e.field)!;
      expect(twin.message).toBe(e.message.replace(`deltagare.csv:${e.line}:`, `deltagare.xlsx:${twin.cell} (rad ${e.line}):`));
    }
    expect(x.report.errors[0].message).toBe('deltagare.xlsx:Blad1!D5 (rad 5): column "Startdatum" (start): expected a date (YYYY-MM-DD or YYYYMMDD), got "2023-02-30"');
  });

  it("detects the title row and the footer row as for CSV, and reports the sheet", () => {
    for (const k of ["headerLine", "skippedLines", "quarantinedLines", "rowsRead", "rowsAccepted", "rowsQuarantined", "header", "columns", "unknownColumns", "errorsByKind"] as const) {
      expect(x.report[k]).toEqual(c.report[k]);
    }
    expect(x.report.headerLine).toBe(2);
    expect(x.report.skippedLines).toEqual([{ line: 1, kind: "title" }, { line: 7, kind: "footer" }]);
    expect(x.report.sheet).toBe("Blad1");
    expect(x.report.bytes).toBe(XLSX_BYTES.byteLength);
    expect(c.report.sheet).toBeUndefined();
  });

  it("strict mode fails with the cell in the message and never shows an identity number", () => {
    let err: unknown;
    try {
      loadBytes(participantsSchema, XLSX_BYTES, { ...opts, mode: "strict", name: "deltagare.xlsx" });
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(LoadError);
    const msg = (err as LoadError).message;
    expect(msg).toContain("deltagare.xlsx: 2 problem(s) in 2 of 4 rows");
    expect(msg).toContain("deltagare.xlsx:Blad1!F6 (rad 6): column \"Avslutsorsak\"");
    for (const p of [P1, P2, P3]) expect(JSON.stringify((err as LoadError).report) + msg).not.toContain(p.replace("-", "").slice(2));
  });
});

describe("sheets", () => {
  const wb = workbook({ Översikt: [["Bara en sammanfattning"]], "Deltagare 2023": ROWS.slice(1, 4).map(([cells]) => cells) });

  it("reads the first sheet by default and another by name; cells of quoted sheet names are quoted", () => {
    expect(readSheet(wb).sheet).toBe("Översikt");
    expect(readSheet(wb).sheets).toEqual(["Översikt", "Deltagare 2023"]);
    const loaded = loadBytes(participantsSchema, wb, { ...opts, name: "w.xlsx", sheet: "Deltagare 2023" });
    expect(loaded.table.numRows()).toBe(2);
    expect(loaded.report.headerLine).toBe(1);
    expect(cellRef("Deltagare 2023", 2, 17)).toBe("'Deltagare 2023'!C17");
    expect(cellRef("Blad1", 27, 3)).toBe("Blad1!AB3");
    expect([0, 25, 26, 701, 702, 16383].map(columnLetters)).toEqual(["A", "Z", "AA", "ZZ", "AAA", "XFD"]);
  });

  it("an unknown sheet is an error naming the sheets there are", () => {
    expect(() => loadBytes(participantsSchema, wb, { ...opts, name: "w.xlsx", sheet: "Blad9" })).toThrow(SheetError);
    expect(() => readSheet(wb, { sheet: "Blad9" })).toThrow(/Översikt, Deltagare 2023/);
  });

  it("a NUL in a cell is an error naming the cell, never its text", () => {
    const nul = workbook({ Blad1: [["Personnummer", "Insats", "Avslutsorsak detalj"], [P1, "IPS", "a"], [P2, "IPS", `flytt\u0000${P3}`]] });
    let message = "";
    try {
      loadBytes(participantsSchema, nul, { ...opts, name: "w.xlsx" });
    } catch (e) {
      expect(e).toBeInstanceOf(SheetError);
      message = (e as Error).message;
    }
    expect(message).toBe("w.xlsx: cellen Blad1!C3 innehåller ett NUL-tecken (the cell holds a NUL character); arbetsboken kan vara skadad (the workbook may be damaged)");
  });
});

describe("cell values", () => {
  it("date serials are UTC days: 1900 system with its phantom leap day, 1904 system, months", () => {
    expect(excelDate(1, false)).toBe("1900-01-01");
    expect(excelDate(59, false)).toBe("1900-02-28");
    expect(excelDate(61, false)).toBe("1900-03-01");
    expect(excelDate(45046, false)).toBe("2023-04-30");
    expect(excelDate(45046.999999, false)).toBe("2023-04-30"); // 23:59:59.9 stays on its day
    expect(excelDate(45046 - 1462, true)).toBe("2023-04-30");
    expect(excelDate(45046, false, true)).toBe("2023-04");
  });

  it("cells stored as ISO dates keep their calendar day", () => {
    expect(cellText({ t: "d", v: "2023-04-30T00:00:00" } as XLSXCell, false)).toBe("2023-04-30");
    expect(cellText({ t: "d", v: "2023-04-30" } as XLSXCell, false)).toBe("2023-04-30");
    expect(cellText({ t: "b", v: false } as XLSXCell, false)).toBe("FALSKT");
  });

  it("numbers as a Swedish Excel saves them", () => {
    expect(excelNumber(0.1 + 0.2)).toBe("0,3");
    expect(excelNumber(-1234.5)).toBe("-1234,5");
    expect(excelNumber(198504121234)).toBe("198504121234");
    expect(excelNumber(1e21)).toBe("1000000000000000000000");
  });
});

describe("a wide workbook through a mapping with unpivot", () => {
  it("loads long rows and locates a bad cell in the sheet", () => {
    const wb = workbook({ Data: [["Arbetslösa efter region och år"], ["region", "2021", "2022"], ["0180 Stockholm", { t: "n", v: 31 }, "tjugo"], ["1980 Västerås", { t: "n", v: 5 }, { t: "n", v: 4.5 }]] });
    const mappingFile = path.join(tempDir("utfall-xlsx-map-"), "m.json");
    fs.writeFileSync(mappingFile, JSON.stringify({ kpi: { value: "N03926" }, gender: { value: "T" }, municipalityId: { header: "region", part: "first" }, unpivot: { columns: "years", key: "år", value: "value" } }));
    const { table, report } = loadBytes(koladaSchema, wb, { name: "px.xlsx", mappingFile, mode: "lenient" });
    expect((table.objects() as Record<string, unknown>[]).map((r) => [r.municipalityId, r.period, r.value])).toEqual([["0180", 2021, 31], ["1980", 2021, 5], ["1980", 2022, 4.5]]);
    expect(report.errors.map((e) => [e.cell, e.line, e.column, e.field])).toEqual([["Data!C3", 3, "2022", "value"]]);
    expect(report.errors[0].message).toMatch(/^px\.xlsx:Data!C3 \(rad 3\): column "2022" \(value\): expected /);
    expect(report.headerLine).toBe(2);
  });
});

describe("the decimal separator follows the schema", () => {
  it("a kolada workbook (decimal point) reads 1.234 as a number and a text cell 3.4 as in its CSV", () => {
    const wb = workbook({ Blad1: [["kpi", "municipality_id", "period", "gender", "value"], ["U1", "0180", { t: "n", v: 2022 }, "T", { t: "n", v: 1.234 }], ["U1", "1980", { t: "n", v: 2022 }, "T", "3.4"]] });
    const { columns } = loadBytes(koladaSchema, wb, { name: "k.xlsx" });
    expect(Array.from(columns.value)).toEqual([1.234, 3.4]);
    expect(excelNumber(1.234, ".")).toBe("1.234");
  });

  it("a mapping file's decimalSeparator holds through an unpivot", () => {
    const mappingFile = path.join(tempDir("utfall-xlsx-dec-"), "m.json");
    fs.writeFileSync(mappingFile, JSON.stringify({ decimalSeparator: ",", kpi: { value: "U1" }, gender: { value: "T" }, municipalityId: "region", unpivot: { columns: "years", key: "period", value: "value" } }));
    const { columns } = loadBytes(koladaSchema, bytes("region;2022\n0180;\"12,5\"\n"), { name: "w.csv", mappingFile });
    expect(Array.from(columns.value)).toEqual([12.5]);
  });
});
