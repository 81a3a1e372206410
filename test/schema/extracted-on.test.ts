// The load report's `extractedOn`: the extraction date a title line states, the same on the
// single-threaded and the parallel path, for a CSV file read in windows and for a workbook's title
// row; never the title's text.
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { encode } from "../../src/read/encoding.ts";
import { loadBytes, loadFile } from "../../src/schema/load.ts";
import { parallelStats } from "../../src/schema/parallel.ts";
import { participantsSchema } from "../../src/sources/participants.ts";
import { serial, workbook } from "../read/xlsx-fixture.ts";

const KEY = new Uint8Array(16);
const common = { pseudonymKey: KEY, referenceYear: 2024, name: "deltagare.csv" };
const HEADER = "Personnummer;Kön;Insats;Startdatum;Slutdatum;Avslutsorsak";
const TITLE = "Deltagare i arbetsmarknadsinsatser – Exempelby kommun, uttag 2024-01-05";

/** A participants export of `n` rows (enough bytes for several parallel ranges), with title lines. */
function exportText(titles: string[], n = 400): string {
  const pnrs = ["19850412-1230", "19900101-2385", "19921224-9875", "19780605-4412", "20010315-5560"];
  const rows: string[] = [];
  for (let i = 0; i < n; i++) rows.push(`${pnrs[i % pnrs.length]};K;JOBBSP;2023-0${1 + (i % 9)}-16;${i % 3 === 0 ? "" : "2023-11-28"};${i % 3 === 0 ? "" : "A"}`);
  return [...titles, HEADER, ...rows, ""].join("\r\n");
}

const extractedOn = (bytes: Uint8Array, parallel: false | { workers: number; minBytes: number; ranges?: number }) =>
  loadBytes(participantsSchema, bytes, { ...common, parallel }).report;

describe("extractedOn in the load report", () => {
  it("is the date of the title line, on the single-threaded and the parallel path alike", () => {
    const before = parallelStats.mainRanges + parallelStats.workerRanges;
    for (const titles of [[TITLE], ["Deltagare;;;;;", "", `"Exempelby kommun; uttagen den 2024-01-05";;;;;`], ["Deltagare per 2024-01-05;;;;;"]]) {
      const bytes = encode(exportText(titles), "windows-1252");
      const single = extractedOn(bytes, false);
      const parallel = loadBytes(participantsSchema, bytes, { ...common, chunkBytes: 256, parallel: { workers: 2, minBytes: 0, ranges: 5 } }).report;
      expect(single.extractedOn).toBe("2024-01-05");
      expect(parallel).toEqual(single);
      expect(single.skippedLines.filter((s) => s.kind === "title").length).toBeGreaterThan(0);
    }
    expect(parallelStats.mainRanges + parallelStats.workerRanges - before).toBeGreaterThanOrEqual(15); // the parallel path was taken
  });

  it("is null without a title line, with two different dates and with a date that does not exist — on both paths", () => {
    const cases: [string[], string | null][] = [
      [[], null],
      [["Deltagare i arbetsmarknadsinsatser – Exempelby kommun"], null],
      [[TITLE, "Hämtad 2024-01-08"], null],
      [["Deltagare i arbetsmarknadsinsatser, uttag 2023-02-30"], null],
      [[TITLE, "Uttag 2024-01-05"], "2024-01-05"],
    ];
    for (const [titles, date] of cases) {
      for (const encoding of ["windows-1252", "utf-8-bom", "utf-16le"] as const) {
        const bytes = encode(exportText(titles), encoding);
        const single = extractedOn(bytes, false);
        expect(single.extractedOn, `${titles.join(" / ")} ${encoding}`).toBe(date);
        expect(extractedOn(bytes, { workers: 2, minBytes: 0 })).toEqual(single);
      }
    }
  });

  it("reads only title lines: not a footer, not a data cell", () => {
    const text = exportText([]).replace("2023-11-28;A\r\n", "2023-11-28;uttag 2024-01-05\r\n") + "Källa: Procapita, uttag 2024-01-05\r\n";
    const report = loadBytes(participantsSchema, encode(text, "utf-8"), { ...common, mode: "lenient" }).report;
    expect(report.skippedLines.at(-1)).toEqual({ line: 402, kind: "footer" });
    expect(report.extractedOn).toBeNull();
  });

  it("a file read in windows gives the date too, and the title's text goes nowhere", async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), "utfall-extracted-"));
    try {
      const file = path.join(dir, "deltagare.csv");
      await writeFile(file, encode(exportText([TITLE]), "windows-1252"));
      const loaded = await loadFile(participantsSchema, file, { ...common, chunkBytes: 64 });
      expect(loaded.report.extractedOn).toBe("2024-01-05");
      expect(JSON.stringify(loaded.report)).not.toContain("Exempelby");
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it("a workbook's title row goes the same way: in one cell, or the word and a real date in cells of their own", () => {
    const header = HEADER.split(";");
    const row = ["19850412-1230", "K", "JOBBSP", "2023-01-16", "2023-11-28", "A"];
    const one = workbook({ Blad1: [[TITLE], header, row] });
    expect(loadBytes(participantsSchema, one, { ...common, name: "deltagare.xlsx" }).report).toMatchObject({ sheet: "Blad1", extractedOn: "2024-01-05" });
    const cells = workbook({ Blad1: [["Deltagare"], ["Uttag", { t: "n", v: serial(2024, 1, 5), z: "yyyy-mm-dd" }], header, row] });
    expect(loadBytes(participantsSchema, cells, { ...common, name: "deltagare.xlsx" }).report.extractedOn).toBe("2024-01-05");
    const none = workbook({ Blad1: [["Deltagare"], header, row] });
    expect(loadBytes(participantsSchema, none, { ...common, name: "deltagare.xlsx" }).report.extractedOn).toBeNull();
  });
});
