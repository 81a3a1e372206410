// The sections added for issue 9 to the existing sample reports, built from data/sample: the
// requested places of §73 in insatser (the fixed table of data/sample/efterfragade-platser.csv),
// and the charts of ekonomiskt-bistand.
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import type { BuiltReport } from "../../src/report/build.ts";
import { ROOT, text } from "../report/helpers.ts";
import { buildScript, figuresById, pageText, tableRows } from "./fixture.ts";

const SAMPLE = path.join(ROOT, "data/sample");

describe("insatser: requested places against the catalogue (§73)", () => {
  let built: BuiltReport;
  beforeAll(async () => {
    built = await buildScript("insatser", SAMPLE, "2023-06");
  });

  it("sets the 2023 requests per kind against the catalogue's places", () => {
    const f = figuresById(built);
    expect([f.get("efterfragade-praktik")!.value, f.get("katalog-praktik")!.value, f.get("skillnad-praktik")!.value]).toEqual([73, 60, 13]);
    expect([f.get("efterfragade-arbetstraning")!.value, f.get("katalog-arbetstraning")!.value, f.get("skillnad-arbetstraning")!.value]).toEqual([50, 45, 5]);
    expect([f.get("efterfragade-valfardsjobb")!.value, f.get("katalog-valfardsjobb")!.value, f.get("skillnad-valfardsjobb")!.value]).toEqual([72, 50, 22]);
    expect(tableRows(built, "efterfragade-platser").map((r) => [r.kind, r.requested, r.available, r.gap])).toEqual([
      ["Praktikplatser", 73, 60, 13],
      ["Arbetsträningsplatser", 50, 45, 5],
      ["Välfärdsjobb", 72, 50, 22],
    ]);
    const html = pageText(text(built.files.get("index.html")));
    expect(html).toContain("Välfärdsjobb: förvaltningarna efterfrågar 72 för 2023, katalogen har 50 – det saknas 22 platser.");
  });

  it("lists the requests per administration, and records the new input", () => {
    const rows = tableRows(built, "efterfragade-per-forvaltning");
    expect(rows).toHaveLength(5);
    expect(rows.find((r) => r.administration === "Tekniska förvaltningen")).toEqual({ administration: "Tekniska förvaltningen", praktik: 12, arbetstraning: 6, valfardsjobb: 10, total: 28 });
    expect(rows.reduce((s, r) => s + (r.total as number), 0)).toBe(73 + 50 + 72);
    const input = built.figures.inputs.find((i) => i.name === "efterfragade-platser.csv");
    expect(input).toMatchObject({ kind: "requestedPlaces", rowsRead: 45, rowsAccepted: 45, rowsQuarantined: 0 });
  });
});

describe("ekonomiskt-bistand: charts against the goal and the requirement, focus groups, providers", () => {
  let built: BuiltReport;
  beforeAll(async () => {
    built = await buildScript("ekonomiskt-bistand", SAMPLE, "2023-06");
  });

  it("charts the offer rate per month against 100 %, attendance per provider against 80 %, the focus groups and the providers' outcomes", () => {
    const charts = built.figures.charts.map((c) => c.name);
    expect(charts).toEqual(["andel-med-insats-per-manad", "narvaro-mot-krav", "fokusgrupper-andel-med-insats", "avslut-per-utforare"]);
    const offer = tableRows(built, "andel-med-insats-per-manad");
    expect(offer.map((r) => r.group)).toEqual(["januari 2023", "februari 2023", "mars 2023", "april 2023", "maj 2023", "juni 2023"]);
    expect(offer.every((r) => r.goal === 1)).toBe(true);
    // the chart shows the same share as the table of offers
    const months = tableRows(built, "erbjudande-per-manad");
    expect(offer.map((r) => r.share)).toEqual(months.map((r) => r.offerRate_T));
    const presence = tableRows(built, "narvaro-mot-krav");
    expect(presence.every((r) => r.goal === 0.8)).toBe(true);
    expect(presence.map((r) => r.share)).toEqual(tableRows(built, "narvaro-per-utforare").map((r) => r.attendanceRate_T));
  });

  it("gives each focus group of §74 its share with a programme, in words and in the table", () => {
    const rows = tableRows(built, "fokusgrupper-bistand");
    expect(rows.map((r) => r.focusGroup)).toEqual(["Under 30 år", "Föräldrar med barn under 18 år", "Utrikesfödda med akademisk examen"]);
    const f = figuresById(built);
    expect(f.get("andel-insats-under-30")!.value).toBe(rows[0].shareWithActivity_T);
    expect(f.get("andel-insats-foraldrar")!.value).toBe(rows[1].shareWithActivity_T);
    for (const r of rows) expect(r.withActivity_T as number).toBeLessThanOrEqual(r.T as number);
  });

  it("compares the providers on outcomes of recipients of assistance", () => {
    const rows = tableRows(built, "resultat-per-utforare");
    expect(rows.length).toBeGreaterThan(1);
    for (const r of rows) expect(typeof r.participants === "number" || r.participants === null).toBe(true);
  });
});
