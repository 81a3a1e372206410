// The resource-job report (reports/resursjobb.ts, Västerås 000) built from a data folder made row
// by row, with known counts per year and gender and known continued employment.
import { rm } from "node:fs/promises";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { BuiltReport } from "../../src/report/build.ts";
import { buildScript, dataFolder, figuresById, pnr, tableRows } from "./fixture.ts";

const HEADER = ["Personnummer", "Kön", "Insats", "Startdatum", "Slutdatum", "Avslutsorsak", "Anställningsform", "Funktionsnedsättning"];
const job = (id: string, gender: string, start: string, end: string, reason: string, disability: string) =>
  [id, gender, "RESURSJOBB", start, end, reason, "resursjobb", disability];

// Target group (disability): d1–d5; others n1–n3 without; t1, t2 in the target group in JOBBSP only.
const d1 = pnr(1985, 1), d2 = pnr(1986, 2), d3 = pnr(1987, 3), d4 = pnr(1988, 4), d5 = pnr(1989, 5);
const n1 = pnr(1990, 6), n2 = pnr(1991, 7), n3 = pnr(1992, 8), t1 = pnr(1993, 9), t2 = pnr(1994, 10);

const ROWS = [
  HEADER,
  // 2018: five jobs start, three in the target group (d1 K, d2 K, d3 M), two not (n1 M, n2 M)
  job(d1, "K", "2018-02-01", "2019-06-30", "A", "ja"),
  job(d2, "K", "2018-03-01", "2019-03-31", "E", "ja"),
  job(d3, "M", "2018-09-01", "2020-02-29", "A", "ja"),
  job(n1, "M", "2018-04-01", "2018-12-31", "E", "nej"),
  job(n2, "M", "2018-05-01", "2018-12-31", "A", "nej"),
  // 2019: two jobs, one in the target group (d4 M, still employed), one not (n3 K, to work)
  job(d4, "M", "2019-05-01", "", "", "ja"),
  job(n3, "K", "2019-02-01", "2019-12-31", "A", "nej"),
  // 2020: one job in the target group (d5 K, to work)
  job(d5, "K", "2020-03-01", "2020-11-30", "A", "ja"),
  // in the target group, in another programme, no resource job
  [t1, "K", "JOBBSP", "2019-01-15", "", "", "", "ja"],
  [t2, "M", "JOBBSP", "2019-06-01", "", "", "", "ja"],
  // The export reaches December (a start in another programme): the report's period is covered.
  [pnr(1995, 11), "K", "JOBBSP", "2020-12-07", "", "", "", "nej"],
];

describe("the resource-job report from a row-level data folder", () => {
  let dir: string;
  let built: BuiltReport;
  let figures: ReturnType<typeof figuresById>;

  beforeAll(async () => {
    dir = await dataFolder({ "deltagare.csv": ROWS });
    built = await buildScript("resursjobb", dir, "2020-12");
    figures = figuresById(built);
  });
  afterAll(async () => {
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it("counts resource jobs since 2018: 8, of which 5 to persons with a disability (3 women, 2 men)", () => {
    expect(figures.get("resursjobb-totalt")!.value).toBe(8);
    expect(figures.get("resursjobb-malgrupp")!.value).toBe(5);
    expect(figures.get("resursjobb-malgrupp-kvinnor")!.value).toBe(3);
    expect(figures.get("resursjobb-malgrupp-man")!.value).toBe(2);
    expect(figures.get("andel-malgrupp")).toMatchObject({ value: 0.625, shown: "63 %" });
  });

  it("per year and gender: 2018 3 of 5, 2019 1 of 2, 2020 1 of 1", () => {
    const rows = tableRows(built, "resursjobb-per-ar");
    expect(rows.map((r) => [r.year, r.K, r.M, r.X, r.T, r.resourceJobs_T, r.shareDisability_T])).toEqual([
      ["2018", 2, 1, 0, 3, 5, 0.6],
      ["2019", 0, 1, 0, 1, 2, 0.5],
      ["2020", 1, 0, 0, 1, 1, 1],
    ]);
    const chart = built.figures.charts.find((c) => c.name === "resursjobb-malgrupp-per-ar");
    expect(chart).toBeDefined();
  });

  it("counts continued employment: 2019 one of two, 2020 both (one woman, one man)", () => {
    const rows = tableRows(built, "fortsatt-anstallning-per-ar");
    expect(rows.map((r) => [r.year, r.K, r.M, r.T, r.continuedDisability_K, r.continuedDisability_M, r.continuedDisability_T, r.shareContinuedDisability_T])).toEqual([
      ["2018", 0, 0, 0, 0, 0, 0, null],
      ["2019", 2, 0, 2, 1, 0, 1, 0.5],
      ["2020", 1, 1, 2, 1, 1, 2, 1],
    ]);
    expect(figures.get("avslutade-malgrupp")!.value).toBe(2);
    expect(figures.get("fortsatt-malgrupp")!.value).toBe(2);
    expect(figures.get("andel-fortsatt-malgrupp")).toMatchObject({ value: 1, shown: "100 %" });
  });

  it("gives the share of the target group in programmes who had a resource job", () => {
    const rows = tableRows(built, "malgruppen-per-ar");
    expect(rows.map((r) => [r.year, r.K, r.M, r.T, r.targetGroupWithResourceJob_T])).toEqual([
      ["2018", 2, 1, 3, 3],
      ["2019", 3, 3, 6, 4],
      ["2020", 2, 3, 5, 3],
    ]);
    expect(figures.get("malgrupp")!.value).toBe(5);
    expect(figures.get("malgrupp-med-resursjobb")!.value).toBe(3);
    expect(figures.get("andel-malgrupp-resursjobb")).toMatchObject({ value: 0.6, shown: "60 %" });
  });

  it("hides every count under 5 in the public version, and the shares made from them", async () => {
    const pub = await buildScript("resursjobb", dir, "2020-12", true);
    const f = figuresById(pub);
    expect(f.get("resursjobb-malgrupp")).toMatchObject({ value: null, suppressed: true });
    expect(f.get("andel-malgrupp")!.value).toBeNull();
    expect(tableRows(pub, "resursjobb-per-ar").every((r) => r.K === null || r.K === 0)).toBe(true);
  });
});
