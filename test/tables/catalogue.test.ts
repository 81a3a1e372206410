// The programme catalogue table (insatser, Västerås 002 §73) shows only the catalogue rows valid
// in the report's period: the sample catalogue, with the earlier agreement of AIR (2016–2017)
// added before its 2018 agreement, as the controller's catalogue had it.
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ColumnTable } from "arquero";
import { programmeCapacity } from "../../src/metrics/capacity.ts";
import { programmeOutcomes } from "../../src/metrics/outcomes.ts";
import { yearToDate } from "../../src/metrics/period.ts";
import { loadParticipants } from "../../src/sources/participants.ts";
import { loadProgrammes } from "../../src/sources/programmes.ts";
import { catalogueTable } from "../../src/tables/catalogue.ts";

const AIR_2016 =
  "AIR;Arbetsinriktad rehabilitering;Arbetsinriktad rehabilitering enligt den första överenskommelsen med omsorgsnämnden;" +
  "Egen försörjning genom arbete eller studier;Personer 18–30 år med funktionsnedsättning;50;Jobb & Kunskap;1 500 000;2016-01-01;2017-12-31\r\n";

describe("catalogueTable: rows valid in the report's period", () => {
  let dir: string;
  let programmes: ColumnTable;
  let participants: ColumnTable;

  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), "utfall-catalogue-"));
    const sample = await readFile("data/sample/insatser.csv", "utf8");
    await writeFile(path.join(dir, "insatser.csv"), sample.replace(/\r?\n?$/, "\r\n") + AIR_2016);
    programmes = (await loadProgrammes(path.join(dir, "insatser.csv"))).table;
    participants = (await loadParticipants("data/sample/deltagare.csv")).table;
    expect(programmes.numRows()).toBe(11);
  }, 60_000);

  afterAll(async () => {
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  function table(month: string, withPeriod = true) {
    const period = yearToDate(month);
    const outcomes = programmeOutcomes(participants, { ...period, by: ["programme"], programmes });
    const capacity = programmeCapacity(programmes, participants, { refDate: period.refDate, period });
    return { period, outcomes, spec: catalogueTable(programmes, outcomes, capacity, { name: "insatser", caption: "Insatser", ...(withPeriod ? { period } : {}) }) };
  }
  const column = (spec: ReturnType<typeof table>["spec"], key: string) => spec.rows.map((r) => r[key]);

  it("a 2016 report shows the 2016 agreement only, with its own places and cost", () => {
    const { spec } = table("2016-12");
    expect(column(spec, "name")).toEqual(["Arbetsinriktad rehabilitering"]);
    expect(spec.rows[0]).toMatchObject({
      description: "Arbetsinriktad rehabilitering enligt den första överenskommelsen med omsorgsnämnden",
      places: 50,
      costPerPlace: 3_000_000, // 1 500 000 kr / 50 places = 30 000 kr, in öre
      enrolled: 0,
    });
    expect(spec.links).toHaveLength(1);
  });

  it("a 2019 report leaves out the 2016 agreement and the programmes that start later", () => {
    const { spec, outcomes } = table("2019-06");
    expect(column(spec, "name")).toEqual([
      "Jobbspåret",
      "IPS – individuellt stöd",
      "Resursjobb",
      "Arbetsträning Verkstan",
      "Praktik i kommunen",
      "Språkpraktik",
      "Arbetsinriktad rehabilitering",
    ]);
    const air = spec.rows.find((r) => r.name === "Arbetsinriktad rehabilitering")!;
    // The 2018 agreement: 1 694 000 kr for 60 places → 28 233 kr per place (seed 004).
    expect(air).toMatchObject({ places: 60, costPerPlace: 2_823_300 });
    expect(air.description).toBe("Arbetsinriktad rehabilitering och stöd enligt överenskommelse med omsorgsnämnden");
    const airT = (outcomes.objects() as Record<string, unknown>[]).find((r) => r.programme === "AIR" && r.gender === "T")!;
    expect(air.enrolled).toBe(airT.enrolled);
    expect(air.ended).toBe(airT.ended);
    expect(spec.links).toHaveLength(spec.rows.length);
  });

  it("a programme that ended within the period is still shown; one that starts after it is not", () => {
    // Studiemotivation: 2022-03-01 – 2024-06-30; Ung Framtid from 2019-08-01.
    expect(column(table("2024-12").spec, "name")).toContain("Studiemotivation");
    expect(column(table("2025-06").spec, "name")).not.toContain("Studiemotivation");
    expect(column(table("2019-07").spec, "name")).not.toContain("Ung Framtid (under 30)");
    expect(column(table("2019-08").spec, "name")).toContain("Ung Framtid (under 30)");
  });

  it("without a period (as reports/insatser.ts calls it), the sample's 2018 agreement is not listed in 2017", async () => {
    const sample = (await loadProgrammes("data/sample/insatser.csv")).table;
    const period = yearToDate("2017-06");
    const outcomes = programmeOutcomes(participants, { ...period, by: ["programme"], programmes: sample });
    const capacity = programmeCapacity(sample, participants, { refDate: period.refDate, period });
    const spec = catalogueTable(sample, outcomes, capacity, { name: "insatser", caption: "Insatser" });
    // Only Arbetsträning Verkstan (from 2017-01-01) existed then; AIR, Resursjobb and Språkpraktik start in 2018.
    expect(column(spec, "name")).toEqual(["Arbetsträning Verkstan"]);
  });

  it("without a period, shows the programmes valid on the capacity's reference date", () => {
    const names = column(table("2019-06", false).spec, "name");
    expect(names).not.toContain("Välfärdsjobb");
    expect(names).not.toContain("Studiemotivation");
    expect(names).toContain("Jobbspåret");
  });
});
