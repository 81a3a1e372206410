/**
 * Linköping (seed 004): 60 places a year, 1 694 000 kr a year (28 233 kr per place), and the
 * gender split 52 % women, 48 % men.
 */
import { describe, expect, it } from "vitest";
import * as aq from "arquero";
import { programmeCapacity } from "../../src/metrics/capacity.ts";
import { programmeOutcomes } from "../../src/metrics/outcomes.ts";
import { genderShares } from "../../src/metrics/gender.ts";
import { roundAmount } from "../../src/metrics/rounding.ts";
import { addDays, d, participantsTable, pid, rng, type Enrolment } from "./fixtures.ts";

const catalogue = aq.table({
  code: ["ARBREH", "JOBBSP", "PRAKT", "ARBREH"],
  name: ["Arbetslivsinriktad rehabilitering", "Jobbspåret", "Praktik", "Arbetslivsinriktad rehabilitering"],
  places: Float64Array.from([60, 40, 25, 55]),
  annualCost: Float64Array.from([169_400_000, 310_000_000, NaN, 150_000_000]),
  validFrom: Float64Array.from([d("2016-01-01"), d("2015-01-01"), d("2015-01-01"), d("2012-01-01")]),
  validTo: Float64Array.from([NaN, NaN, NaN, d("2015-12-31")]),
});

function linkopingRows(): Enrolment[] {
  const r = rng(4);
  const rows: Enrolment[] = [];
  // 25 persons in the programme during 2016: 13 women, 12 men; every third has two enrolments
  for (let i = 0; i < 25; i++) {
    const b = { person: pid("l", i), gender: i < 13 ? "K" : "M", birthYear: 1965 + Math.floor(r() * 30), programme: "ARBREH", provider: "Jobb- och kunskapstorget", unit: "Omsorgskontoret" };
    const start = addDays("2015-11-15", Math.floor(r() * 380)); // overlaps 2016 for sure
    const end = addDays(start, 60 + Math.floor(r() * 200));
    rows.push({ ...b, start, end, endReason: i % 4 === 0 ? "A" : i % 4 === 1 ? "B" : "D", employmentForm: i % 4 === 0 ? "visstid" : null });
    if (i % 3 === 0) rows.push({ ...b, start: addDays(end, 30), endReason: null, decisionDate: addDays(end, 20) });
  }
  // others: the programme before 2016 only, and other programmes (one with unknown gender)
  for (let j = 0; j < 8; j++) rows.push({ person: pid("l", 100 + j), gender: j % 2 ? "K" : "M", programme: "ARBREH", start: "2014-03-01", end: addDays("2015-06-01", j * 10), endReason: "E" });
  for (let j = 0; j < 20; j++) rows.push({ person: pid("l", 200 + j), gender: j === 0 ? "annat" : j % 3 ? "K" : "M", programme: j % 2 ? "JOBBSP" : "PRAKT", start: addDays("2016-01-11", j * 9) });
  return rows;
}

describe("Linköping agreement (seed 004)", () => {
  const participants = participantsTable(linkopingRows());

  it("costs 1 694 000 kr / 60 places = 28 233 kr per place", () => {
    const t = programmeCapacity(catalogue, participants, { refDate: "2016-06-30", period: { from: "2016-01-01", to: "2016-12-31" } });
    const rows = t.objects() as Record<string, unknown>[];
    expect(rows.map((x) => x.programme)).toEqual(["ARBREH", "JOBBSP", "PRAKT"]);
    const reh = rows[0];
    expect(reh.places).toBe(60);
    expect(reh.annualCost).toBe(169_400_000);
    expect(reh.costPerPlace).toBe(2_823_300);
    expect(roundAmount(reh.costPerPlace as number, "kr", 0)).toBe(28_233);
    expect(reh.participants).toBe(25);
    expect(reh.costPerParticipant).toBe(6_776_000); // 67 760 kr
    expect(rows[2].costPerPlace).toBeNull(); // no cost given
  });

  it("splits the 25 participants 52 % women, 48 % men", () => {
    const out = programmeOutcomes(participants, { from: "2016-01-01", to: "2016-12-31", refDate: "2016-12-31", by: ["programme"], programmes: catalogue });
    const reh = out.filter((x: { programme: string }) => x.programme === "ARBREH");
    const T = (reh.objects() as Record<string, unknown>[]).find((x) => x.gender === "T")!;
    expect(T.participants).toBe(25);
    expect(T.places).toBe(60);
    const shares = genderShares(reh, "participants", ["programme"]).objects() as Record<string, number>[];
    expect(shares).toHaveLength(1);
    expect([shares[0].women, shares[0].men, shares[0].other, shares[0].total]).toEqual([13, 12, 0, 25]);
    expect(Math.round(shares[0].shareWomen * 100)).toBe(52);
    expect(Math.round(shares[0].shareMen * 100)).toBe(48);
    const all = genderShares(out, "participants", ["programme"]).objects() as Record<string, unknown>[];
    const jobbsp = all.find((x) => x.programme === "JOBBSP") as Record<string, number>;
    const prakt = all.find((x) => x.programme === "PRAKT") as Record<string, number>;
    expect(jobbsp.total + prakt.total).toBe(20);
    expect(prakt.other).toBe(1); // the one with gender "annat" is kept
  });
});
