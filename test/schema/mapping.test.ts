import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { isPlainMapping, parseMapping } from "../../src/schema/mapping.ts";
import { LoadError, loadBytes } from "../../src/schema/load.ts";
import { koladaSchema } from "../../src/sources/kolada.ts";
import { participantsSchema } from "../../src/sources/participants.ts";
import * as forecasts from "../../src/sources/forecasts.ts";
import { bytes, KEY, makePnr } from "../read/helpers.ts";
import { tempDir } from "../temp-dirs.ts";

function mappingFile(json: unknown): string {
  const dir = tempDir("utfall-mapping-");
  const file = path.join(dir, "mapping.json");
  fs.writeFileSync(file, JSON.stringify(json));
  return file;
}

/** A wide PxWeb-style download: Windows-1252, `,`, quoted text, years as columns, title and footer. */
const PXWEB = [
  '"Öppet arbetslösa 16–64 år efter region och år"',
  "",
  '"region","2020","2021","2022"',
  '"0180 Stockholm",31234,29876,..',
  '"1980 Västerås",5123,4987,4650',
  '"1280 Malmö",21000,"20 t",19000',
  "",
  '"Källa: SCB, Arbetsförmedlingen"',
  "",
].join("\r\n");

const WIDE_MAPPING = {
  kpi: { value: "N03926" },
  gender: { value: "T" },
  municipalityId: { header: "Region", part: "first" },
  municipality: { header: "region", part: "rest" },
  unpivot: { columns: "years", key: "år", value: "value" },
};

describe("a wide Windows-1252 PxWeb file through a mapping with unpivot", () => {
  const input = bytes(PXWEB, "windows-1252");
  const loaded = loadBytes(koladaSchema, input, { name: "px.csv", mappingFile: mappingFile(WIDE_MAPPING), mode: "lenient" });
  const { table, report } = loaded;

  it("is really Windows-1252 (– is the single byte 0x96)", () => {
    expect(input.includes(0x96)).toBe(true);
    expect(report.encoding).toBe("windows-1252");
    expect(report.delimiter).toBe(",");
  });

  it("turns years as columns into long rows with constants and one header feeding two fields", () => {
    // The API v3 columns (groupSize, unweightedAverage, koladaStatus) are absent from a PxWeb file.
    expect(report.absentColumns).toEqual(["groupSize", "unweightedAverage", "koladaStatus"]);
    expect(table.select("kpi", "municipalityId", "municipality", "period", "gender", "value", "status").objects()).toEqual([
      { kpi: "N03926", municipalityId: "0180", municipality: "Stockholm", period: 2020, gender: "T", value: 31234, status: "ok" },
      { kpi: "N03926", municipalityId: "0180", municipality: "Stockholm", period: 2021, gender: "T", value: 29876, status: "ok" },
      { kpi: "N03926", municipalityId: "0180", municipality: "Stockholm", period: 2022, gender: "T", value: NaN, status: "suppressed" },
      { kpi: "N03926", municipalityId: "1980", municipality: "Västerås", period: 2020, gender: "T", value: 5123, status: "ok" },
      { kpi: "N03926", municipalityId: "1980", municipality: "Västerås", period: 2021, gender: "T", value: 4987, status: "ok" },
      { kpi: "N03926", municipalityId: "1980", municipality: "Västerås", period: 2022, gender: "T", value: 4650, status: "ok" },
      { kpi: "N03926", municipalityId: "1280", municipality: "Malmö", period: 2020, gender: "T", value: 21000, status: "ok" },
      { kpi: "N03926", municipalityId: "1280", municipality: "Malmö", period: 2022, gender: "T", value: 19000, status: "ok" },
    ]);
  });

  it("reports problems at the file's own line and year column", () => {
    expect(report.rowsRead).toBe(9);
    expect(report.rowsQuarantined).toBe(1);
    expect(report.quarantinedLines).toEqual([6]);
    expect(report.errors).toHaveLength(1);
    expect(report.errors[0]).toMatchObject({ line: 6, column: "2021", field: "value", kind: "decimal", value: "20 t" });
    expect(report.errors[0].message).toMatch(/^px\.csv:6: column "2021" \(value\): expected /);
  });

  it("keeps the file's header, lines and bytes in the report", () => {
    expect(report.headerLine).toBe(3);
    expect(report.header).toEqual(["region", "2020", "2021", "2022"]);
    expect(report.skippedLines).toEqual([
      { line: 1, kind: "title" }, { line: 2, kind: "blank" }, { line: 7, kind: "blank" }, { line: 8, kind: "footer" },
    ]);
    expect(report.physicalLines).toBe(8);
    expect(report.bytes).toBe(input.byteLength);
    expect(report.columns).toContainEqual({ field: "municipalityId", header: "region" });
    expect(report.columns).toContainEqual({ field: "kpi", header: '(konstant "N03926")' });
    expect(report.unknownColumns).toEqual([]);
  });
});

describe("mapping entries", () => {
  it("år/year name the period of yearly data; a header may feed two fields as a whole", () => {
    const text = "Nyckeltal;Kommun;Tid;Värde\nU40455;0180;2022;38,5\nU40455;1980;2022;41\n";
    const file = mappingFile({ municipalityId: "Kommun", municipality: "Kommun", year: "Tid", gender: { value: "T" } });
    const { table, report } = loadBytes(koladaSchema, bytes(text), { name: "k.csv", mappingFile: file });
    expect(Array.from(table.array("period") as ArrayLike<number>)).toEqual([2022, 2022]);
    expect(table.array("municipalityId")).toEqual(["0180", "1980"]);
    expect(table.array("municipality")).toEqual(["0180", "1980"]);
    expect(table.array("gender")).toEqual(["T", "T"]);
    expect(Array.from(table.array("value") as Float64Array)).toEqual([38.5, 41]);
    expect(report.columns).toContainEqual({ field: "period", header: "Tid" });
  });

  it("months as columns unpivot into a month field", () => {
    const text = "Ansvar;Konto;2023M03;2023-04\n1100;4550;1 200 000,00;1 150 000,50\n1200;4550;-;300 000\n";
    const file = mappingFile({ unpivot: { columns: "months", key: "forecastMonth", value: "forecast" } });
    const { forecastsSchema } = forecasts;
    const { table, report } = loadBytes(forecastsSchema, bytes(text), { name: "f.csv", mappingFile: file, mode: "lenient" });
    expect((table.objects() as Record<string, unknown>[]).map((r) => [r.unit, r.forecastMonth, r.forecast])).toEqual([
      ["1100", "2023-03", 120_000_000], ["1100", "2023-04", 115_000_050], ["1200", "2023-04", 30_000_000],
    ]);
    // The missing forecast is a required value: reported at its own line and month column.
    expect(report.errors.map((e) => [e.line, e.column, e.kind])).toEqual([[3, "2023M03", "required"]]);
  });

  it("a mapped header missing from the file is reported by the loader as before", () => {
    const file = mappingFile({ municipalityId: { header: "Område", part: "first" }, gender: { value: "T" } });
    expect(() => loadBytes(koladaSchema, bytes("kpi;Kommun;period;value\nU1;0180;2022;1\n"), { name: "k.csv", mappingFile: file })).toThrow(
      /the mapping says field "municipalityId" is the column "Område", but the file has no such column/,
    );
  });

  it("a bad constant fails on every row, named as the constant", () => {
    const file = mappingFile({ person: "Pnr", programme: "Insats", start: "Start", gender: { value: "K" }, birthYear: { value: "nittonhundra" } });
    let err: unknown;
    try {
      loadBytes(participantsSchema, bytes(`Pnr;Insats;Start\n${makePnr("19850412", "123")};IPS;2023-01-01\n`), { name: "d.csv", mappingFile: file, pseudonymKey: KEY });
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(LoadError);
    expect((err as LoadError).report.errors.map((e) => [e.line, e.column, e.kind])).toEqual([[2, '(konstant "nittonhundra")', "integer"]]);
  });

  it("rejects entries of the wrong shape, naming the file", () => {
    expect(() => parseMapping({ kpi: { value: 3 } }, "m.json")).toThrow(/mapping file.*"kpi"/);
    expect(() => parseMapping({ kpi: { header: "K", part: "middle" } }, "m.json")).toThrow(/"part" of field "kpi"/);
    expect(() => parseMapping({ unpivot: { columns: "weeks", key: "period", value: "value" } }, "m.json")).toThrow(/unpivot.columns/);
    expect(isPlainMapping(parseMapping({ person: "Pnr", programme: "Insats" }, "m.json"))).toBe(true);
    expect(isPlainMapping(parseMapping({ municipalityId: "Kommun", municipality: "Kommun" }, "m.json"))).toBe(false);
  });
});
