// Places used add up over the months (inscribed days): in a public build, a month whose
// participants are too few to show hides its places used, and the year's average, which with the
// other months would tell that month's days and so a lower bound on its participants, is not
// shown either.
import { rm } from "node:fs/promises";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { BuiltReport } from "../../src/report/build.ts";
import { AGREEMENT_CATALOGUE as CATALOGUE, buildScript, dataFolder, figuresById, plain, pnr, tableRows } from "./fixture.ts";

const HEADER = ["Personnummer", "Kön", "Insats", "Startdatum", "Slutdatum", "Avslutsorsak", "Anställningsform"];

/** 20 persons in AIR in the first half of 2016, 3 in July only, 20 from August to December. */
function participants(): string[][] {
  const rows = [HEADER];
  for (let i = 0; i < 20; i++) rows.push([pnr(1990, i), i % 2 === 0 ? "K" : "M", "AIR", "2016-01-01", "2016-06-30", "E", ""]);
  for (let i = 20; i < 23; i++) rows.push([pnr(1990, i), i % 2 === 0 ? "K" : "M", "AIR", "2016-07-01", "2016-07-31", "E", ""]);
  for (let i = 23; i < 43; i++) rows.push([pnr(1990, i), i % 2 === 0 ? "K" : "M", "AIR", "2016-08-01", "", "", ""]);
  // The export reaches December (another programme's start).
  rows.push([pnr(1980, 51), "M", "JOBBSP", "2016-12-15", "", "", ""]);
  return rows;
}

const STAFFING = [["Månad", "Enhet", "Arbetsspecialister", "Aktiva brukare"], ["2016-12", "Arbetsinriktad rehabilitering", "4,5", "15"]];

describe("places used when a month has few participants", () => {
  let dir: string;
  let internal: BuiltReport;
  let published: BuiltReport;
  beforeAll(async () => {
    dir = await dataFolder({ "deltagare.csv": participants(), "insatser.csv": CATALOGUE, "bemanning.csv": STAFFING });
    internal = await buildScript("overenskommelse", dir, "2016-12");
    published = await buildScript("overenskommelse", dir, "2016-12", true);
  });
  afterAll(async () => {
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it("an internal build shows July and the year's average (3 × 31 days of 366 … )", () => {
    const july = tableRows(internal, "manadsstatistik").find((r) => r.month === "2016-07")!;
    expect(july.placesUsed_T).toBeCloseTo(3, 10);
    // (20 × 182 + 3 × 31 + 20 × 153) days over 366
    expect(figuresById(internal).get("platser-anvanda")!.value).toBeCloseTo((20 * 182 + 3 * 31 + 20 * 153) / 366, 10);
    expect(tableRows(internal, "arssammanstallning")[0]).toHaveProperty("placesUsed_T");
  });

  it("a public build hides July's places used and does not show the year's", () => {
    const july = tableRows(published, "manadsstatistik").find((r) => r.month === "2016-07")!;
    expect(july.placesUsed_T).toBeNull();
    expect(figuresById(published).has("platser-anvanda")).toBe(false);
    expect(figuresById(published).has("nyttjandegrad")).toBe(false);
    for (const row of tableRows(published, "arssammanstallning")) expect(row).not.toHaveProperty("placesUsed_T");
    const html = plain(new TextDecoder().decode(published.files.get("index.html"))).replace(/<[^>]+>/g, "");
    expect(html).toContain("Genomsnittet av använda platser från januari 2016 till december 2016 visas inte");
  });
});
