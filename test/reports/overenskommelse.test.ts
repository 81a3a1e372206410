// The agreement report (reports/overenskommelse.ts, Linköping 004) built from a data folder made
// row by row: 60 places, 1 694 000 kr a year → 28 233 kr per place; 13 women and 12 men → 52 % / 48 %.
import { rm } from "node:fs/promises";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { BuiltReport } from "../../src/report/build.ts";
import { text } from "../report/helpers.ts";
import { AGREEMENT_CATALOGUE as CATALOGUE, buildScript, dataFolder, figuresById, plain, pnr, tableRows } from "./fixture.ts";

const HEADER = ["Personnummer", "Kön", "Insats", "Startdatum", "Slutdatum", "Avslutsorsak", "Anställningsform"];

/**
 * 25 persons in AIR from 1 January 2016, women at even i (13), men at odd i (12). Ended: i 0–4 on
 * 30 June to work (visstid), 5–7 on 30 September to studies, 8–9 on 31 October for another reason;
 * the other 15 stay. Not counted: an AIR enrolment that ended in 2015 and a JOBBSP participant.
 */
function participants(): string[][] {
  const rows = [HEADER];
  for (let i = 0; i < 25; i++) {
    const [end, reason, form] = i < 5 ? ["2016-06-30", "A", "visstid"] : i < 8 ? ["2016-09-30", "B", ""] : i < 10 ? ["2016-10-31", "E", ""] : ["", "", ""];
    rows.push([pnr(1990, i), i % 2 === 0 ? "K" : "M", "AIR", "2016-01-01", end, reason, form]);
  }
  rows.push([pnr(1980, 50), "K", "AIR", "2015-02-01", "2015-11-30", "E", ""]);
  rows.push([pnr(1980, 51), "M", "JOBBSP", "2016-03-01", "", "", ""]);
  // The export reaches December (a start in another programme): the report's period is covered.
  rows.push([pnr(1980, 52), "K", "JOBBSP", "2016-12-12", "", "", ""]);
  return rows;
}


const STAFFING = [
  ["Månad", "Enhet", "Arbetsspecialister", "Aktiva brukare"],
  ["2016-12", "Arbetsinriktad rehabilitering", "4,5", "15"],
  ["2016-12", "Jobbspåret", "6", "70"],
];

describe("the agreement report from a row-level data folder", () => {
  let dir: string;
  let built: BuiltReport;
  let figures: ReturnType<typeof figuresById>;

  beforeAll(async () => {
    dir = await dataFolder({ "deltagare.csv": participants(), "insatser.csv": CATALOGUE, "bemanning.csv": STAFFING });
    built = await buildScript("overenskommelse", dir, "2016-12");
    figures = figuresById(built);
  });
  afterAll(async () => {
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it("takes 60 places and 1 694 000 kr from the catalogue: 28 233 kr per place, 67 760 kr per participant", () => {
    expect(figures.get("platser")).toMatchObject({ value: 60, shown: "60" });
    expect(figures.get("arskostnad")).toMatchObject({ value: 169_400_000, shown: "1 694 000 kr" });
    expect(figures.get("kostnad-per-plats")).toMatchObject({ value: 2_823_300, shown: "28 233 kr" });
    expect(figures.get("deltagare")).toMatchObject({ value: 25, shown: "25" });
    expect(figures.get("kostnad-per-deltagare")).toMatchObject({ value: 6_776_000, shown: "67 760 kr" });
  });

  it("splits the 25 participants into 13 women and 12 men: 52 % and 48 %", () => {
    expect(figures.get("kvinnor")).toMatchObject({ value: 13, shown: "13" });
    expect(figures.get("man")).toMatchObject({ value: 12, shown: "12" });
    expect(figures.get("andel-kvinnor")).toMatchObject({ value: 0.52, shown: "52 %" });
    expect(figures.get("andel-man")).toMatchObject({ value: 0.48, shown: "48 %" });
    const html = plain(text(built.files.get("index.html")));
    expect(html).toContain("52 %");
    expect(html).toContain("28 233 kr");
  });

  it("counts places used: 7 832 enrolled days over 366 days, and 25 then 15 places in March and December", () => {
    expect(figures.get("platser-anvanda")!.value).toBeCloseTo(7832 / 366, 10);
    expect(figures.get("platser-anvanda")!.shown).toBe("21,4");
    const months = tableRows(built, "manadsstatistik");
    expect(months).toHaveLength(12);
    const march = months.find((r) => r.month === "2016-03")!;
    expect([march.K, march.M, march.X, march.T, march.new_T, march.ended_T]).toEqual([13, 12, 0, 25, 0, 0]);
    expect(march.placesUsed_T).toBe(25);
    expect(march.useOfPlaces_T).toBeCloseTo(25 / 60, 12);
    const jan = months.find((r) => r.month === "2016-01")!;
    expect(jan.new_T).toBe(25);
    const dec = months.find((r) => r.month === "2016-12")!;
    expect([dec.T, dec.placesUsed_T]).toEqual([15, 15]);
    const june = months.find((r) => r.month === "2016-06")!;
    expect(june.ended_T).toBe(5);
  });

  it("reports the outcomes of the year: 5 to work, 3 to studies, 2 other, by gender", () => {
    const rows = tableRows(built, "resultat");
    const get = (label: string) => rows.find((r) => r.measure === label)!;
    expect([get("Avslut till arbete").K, get("Avslut till arbete").M, get("Avslut till arbete").T]).toEqual([3, 2, 5]);
    expect(get("Avslut till studier").T).toBe(3);
    expect(get("Avslut av annat skäl").T).toBe(2);
    expect(get("Avslutade").T).toBe(10);
    expect(get("Nya").T).toBe(25);
  });

  it("shows the staff perspective from the staffing export of the agreement's unit", () => {
    expect(figures.get("arbetsspecialister")!.value).toBe(4.5);
    expect(figures.get("brukare")!.value).toBe(15);
    expect(figures.get("brukare-per-specialist")!.shown).toBe("3,3");
  });

  it("has its charts: places used against the agreed places, participants per month, the gender split per year", () => {
    expect(built.figures.charts.map((c) => c.name)).toEqual(["platser-per-manad", "deltagare-per-manad", "konsfordelning-per-ar"]);
    const years = tableRows(built, "arssammanstallning");
    expect(years.map((r) => r.year)).toEqual(["2016"]);
    expect(years[0].shareOfParticipants_K).toBe(0.52);
  });

  it("builds the public version with the same figures (no count under 5 in them)", async () => {
    const pub = figuresById(await buildScript("overenskommelse", dir, "2016-12", true));
    for (const id of ["kostnad-per-plats", "deltagare", "kvinnor", "man", "andel-kvinnor", "andel-man", "kostnad-per-deltagare"]) {
      expect(pub.get(id), id).toMatchObject({ value: figures.get(id)!.value, suppressed: false });
    }
  });
});
