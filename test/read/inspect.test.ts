import { describe, expect, it } from "vitest";
import { inspectBytes } from "../../src/read/inspect.ts";
import { bytes, makePnr } from "./helpers.ts";

describe("inspectBytes", () => {
  const pnrs = [makePnr("19850412", "123"), makePnr("19920704", "246"), makePnr("20010101", "117")];
  const text = [
    "Uttag ur verksamhetssystemet;;;;;;;",
    "Personnummer;Kommun;Belopp;Datum;Månad;Aktiv;Kön;Anteckning",
    `${pnrs[0]};0180;1 234,50 kr;2023-01-16;2023-01;ja;K;ring ${pnrs[1]}`,
    `${pnrs[1]};0181;-500 kr;2023-02-01;2023M02;nej;M;ok`,
    `${pnrs[2]};0180;..;2023-03-01;202303;;kvinna;"rad 1\nrad 2"`,
    "Källa: Viva",
    "",
  ].join("\r\n");
  const r = inspectBytes(bytes(text, "windows-1252"), "okand.csv");

  it("reports encoding, dialect, header, skipped lines and counts", () => {
    expect(r).toMatchObject({
      file: "okand.csv",
      encoding: "windows-1252",
      delimiter: ";",
      lineBreak: "\r\n",
      headerLine: 2,
      skippedLines: [{ line: 1, kind: "title" }, { line: 7, kind: "footer" }],
      physicalLines: 7,
      dataRows: 3,
      fieldCountMismatches: 0,
    });
  });

  it("infers the column types", () => {
    expect(r.columns.map((c) => [c.header, c.inferredType])).toEqual([
      ["Personnummer", "pnr"],
      ["Kommun", "string"], // leading zeros: an id, not a number
      ["Belopp", "money"],
      ["Datum", "date"],
      ["Månad", "month"],
      ["Aktiv", "boolean"],
      ["Kön", "gender"],
      ["Anteckning", "string"],
    ]);
    const belopp = r.columns[2];
    expect(belopp).toMatchObject({ missing: 1, unparsable: 0, distinct: 2, examples: ["1 234,50 kr", "-500 kr"] });
    expect(r.columns[1]).toMatchObject({ distinct: 2, examples: ["0180", "0181"] });
  });

  it("never shows an identity number, not even inside a free-text column", () => {
    expect(r.columns[0]).toMatchObject({ personal: true, examples: [], unparsable: 0, distinct: 3 });
    const json = JSON.stringify(r);
    for (const p of pnrs) {
      expect(json).not.toContain(p);
      expect(json).not.toContain(p.replace("-", "").slice(2));
    }
    expect(r.columns[7].examples).toEqual(["ok", "rad 1\nrad 2"]);
  });
});
