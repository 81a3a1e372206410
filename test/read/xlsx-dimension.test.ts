/**
 * A sheet whose `<dimension>` tag (SheetJS's `!ref`) does not match its cells: a stale, too small
 * dimension (streaming writers, Apache POI) must lose no row or column; a dimension larger than
 * the cells keeps its empty rows and columns as before.
 */
import { describe, expect, it } from "vitest";
import * as XLSX from "@e965/xlsx";
import { readSheet } from "../../src/read/xlsx.ts";
import { loadBytes } from "../../src/schema/load.ts";
import { participantsSchema } from "../../src/sources/participants.ts";
import { KEY } from "./helpers.ts";
import { P1, P2, P3, workbook } from "./xlsx-fixture.ts";

const SHEET = workbook({
  Blad1: [
    ["Personnummer", "Insats", "Startdatum", "Avslutsorsak detalj"],
    [P1, "IPS", "2023-01-01", "a"],
    [P2, "IPS", "2023-01-02", "b"],
    [P3, "JOBBSP", "2023-01-03", "c"],
  ],
});

/** The workbook with the first sheet's `<dimension ref="…"/>` replaced. */
function withDimension(book: Uint8Array, ref: string): Uint8Array {
  const cfb = XLSX.CFB.read(book, { type: "array" });
  const entry = XLSX.CFB.find(cfb, "/xl/worksheets/sheet1.xml")!;
  const xml = new TextDecoder().decode(entry.content as Uint8Array);
  const changed = xml.replace(/<dimension ref="[^"]*"\/>/, `<dimension ref="${ref}"/>`);
  expect(changed).not.toBe(xml);
  entry.content = new TextEncoder().encode(changed);
  return new Uint8Array(XLSX.CFB.write(cfb, { type: "array", fileType: "zip" }) as ArrayBuffer);
}

const FULL = [
  '"Personnummer";"Insats";"Startdatum";"Avslutsorsak detalj"',
  `"${P1}";"IPS";"2023-01-01";"a"`,
  `"${P2}";"IPS";"2023-01-02";"b"`,
  `"${P3}";"JOBBSP";"2023-01-03";"c"`,
].join("\n") + "\n";

describe("readSheet and the sheet's dimension", () => {
  it("reads the sheet as written when the dimension is right", () => {
    expect(readSheet(SHEET).rows.text()).toBe(FULL);
  });

  it.each(["A1:C2", "A1:D2", "A1:B1", "B2:C3"])("reads every row and column under a too small dimension %s", (ref) => {
    const { rows } = readSheet(withDimension(SHEET, ref));
    expect(rows.text()).toBe(FULL);
    expect(rows.lineSource).toEqual([0, 1, 2, 3, 4]);
  });

  it("keeps the empty rows and columns of a dimension larger than the cells", () => {
    const { rows } = readSheet(withDimension(SHEET, "A1:E6"));
    const full = FULL.split("\n").slice(0, 4).map((l) => l + ";");
    expect(rows.text()).toBe([...full, ";;;;", ";;;;"].join("\n") + "\n");
  });

  it("loads every row of a sheet with a stale dimension: rows read = accepted = 3", () => {
    const opts = { name: "deltagare.xlsx", pseudonymKey: KEY, referenceYear: 2024 };
    const good = loadBytes(participantsSchema, SHEET, opts);
    const stale = loadBytes(participantsSchema, withDimension(SHEET, "A1:C2"), opts);
    expect(stale.report.ok).toBe(true);
    expect([stale.report.rowsRead, stale.report.rowsAccepted]).toEqual([3, 3]);
    expect(stale.report.header).toEqual(["Personnummer", "Insats", "Startdatum", "Avslutsorsak detalj"]);
    expect(stale.table.array("endDetail")).toEqual(["a", "b", "c"]);
    expect(stale.table.objects()).toEqual(good.table.objects());
  });
});
