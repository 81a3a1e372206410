/**
 * Agreement follow-up (Linköping 004): 60 places, 1 694 000 kr a year → 28 233 kr per place;
 * 13 women and 12 men → 52 % / 48 %; monthly provider statistics and a yearly summary.
 */
import { describe, expect, it } from "vitest";
import * as aq from "arquero";
import { agreementFromCatalogue, agreementKeyFigures, agreementMonthly, agreementYearly, type Agreement } from "../../src/metrics/agreement.ts";
import { roundPercents } from "../../src/metrics/rounding.ts";
import { addDays, d, participantsTable, pid, type Enrolment } from "./fixtures.ts";

const DAY = 86_400_000;
const agreement: Agreement = { programmes: ["AIR"], places: 60, annualCost: 169_400_000, from: "2016-01-01", to: "2019-12-31" };

/** 25 persons in AIR during 2016 (13 women, 12 men), with known endings; others outside. */
function rows(): Enrolment[] {
  const out: Enrolment[] = [];
  const reasons: [string | null, string | null][] = [["A", "visstid"], ["B", null], ["D", null], ["A", "resursjobb"], [null, null]];
  for (let i = 0; i < 25; i++) {
    const person = pid("a", i);
    const gender = i < 13 ? "K" : "M";
    const start = addDays("2015-12-01", i * 13); // 2015-12-01 … 2016-11-12
    const ends = i % 3 !== 2; // every third is still enrolled at year end
    const [endReason, employmentForm] = reasons[i % 5];
    out.push({ person, gender, programme: "AIR", start, end: ends ? addDays(start, 40 + i) : null, endReason: ends ? endReason : null, employmentForm: ends ? employmentForm : null });
  }
  // person 0 comes back for a second enrolment in May (counted once per period)
  out.push({ person: pid("a", 0), gender: "K", programme: "AIR", start: "2016-05-02", end: "2016-05-31", endReason: "E" });
  // not in 2016's figures: ended in 2015, starts in 2017, another programme
  out.push({ person: pid("a", 90), gender: "K", programme: "AIR", start: "2015-03-01", end: "2015-11-30", endReason: "A" });
  out.push({ person: pid("a", 91), gender: "M", programme: "AIR", start: "2017-01-02" });
  out.push({ person: pid("a", 92), gender: "M", programme: "JOBBSP", start: "2016-03-01" });
  return out;
}

/** Independent oracle over the row objects: the figures of one period. */
function oracle(rs: Enrolment[], first: string, last: string) {
  const f = d(first);
  const l = d(last);
  const air = rs.filter((r) => r.programme === "AIR");
  const endMs = (r: Enrolment) => (r.end ? d(r.end) : Infinity);
  const overl = air.filter((r) => d(r.start) <= l && endMs(r) >= f);
  const uniq = (xs: Enrolment[], g?: string) => new Set(xs.filter((r) => !g || r.gender === g).map((r) => r.person)).size;
  const ended = air.filter((r) => r.end && d(r.end) >= f && d(r.end) <= l);
  const personDays = overl.reduce((s, r) => s + (Math.min(endMs(r), l) - Math.max(d(r.start), f)) / DAY + 1, 0);
  return {
    participants: uniq(overl),
    women: uniq(overl, "K"),
    men: uniq(overl, "M"),
    newPersons: uniq(overl.filter((r) => d(r.start) >= f)),
    ended: uniq(ended),
    atEnd: uniq(air.filter((r) => d(r.start) <= l && endMs(r) >= l)),
    personDays,
    work: ended.filter((r) => r.endReason === "A" && r.employmentForm !== "resursjobb").length,
    studies: ended.filter((r) => r.endReason === "B").length,
    other: ended.filter((r) => !(r.endReason === "B" || (r.endReason === "A" && r.employmentForm !== "resursjobb"))).length,
  };
}

const table = participantsTable(rows());
type Row = Record<string, number | string | null>;
const byGender = (t: aq.ColumnTable, key: string, value: unknown) =>
  Object.fromEntries((t.objects() as Row[]).filter((r) => r[key] === value).map((r) => [r.gender, r]));

describe("agreement yearly summary (seed 004)", () => {
  const y = agreementYearly(table, agreement, { period: { from: "2016-01-01", to: "2016-12-31" } });
  const g = byGender(y, "year", 2016);

  it("reproduces 28 233 kr per place, 25 participants split 13 / 12 = 52 % / 48 %", () => {
    expect(y.numRows()).toBe(4);
    expect(g.T).toMatchObject({ participants: 25, annualCost: 169_400_000, costPerPlace: 2_823_300, costPerParticipant: 6_776_000, agreedPlaces: 60, percentOfParticipants: 100 });
    expect([g.K.participants, g.M.participants, g.X.participants]).toEqual([13, 12, 0]);
    expect([g.K.shareOfParticipants, g.M.shareOfParticipants]).toEqual([0.52, 0.48]);
    expect([g.K.percentOfParticipants, g.M.percentOfParticipants, g.X.percentOfParticipants]).toEqual([52, 48, 0]);
    expect(g.K.costPerPlace).toBeNull(); // money on T rows only
  });

  it("counts new, ended, outcomes and places used as the rows say", () => {
    const o = oracle(rows(), "2016-01-01", "2016-12-31");
    expect(o.ended).toBeGreaterThan(10);
    expect(g.T).toMatchObject({ new: o.newPersons, ended: o.ended, enrolledAtEnd: o.atEnd, personDays: o.personDays, endedWork: o.work, endedStudies: o.studies, endedOther: o.other });
    expect(g.T.placesUsed).toBeCloseTo(o.personDays / 366, 12); // 2016 is a leap year
    expect(g.T.useOfPlaces).toBeCloseTo(o.personDays / 366 / 60, 12);
    for (const m of ["participants", "new", "ended", "enrolledAtEnd", "personDays", "endedWork", "endedStudies", "endedOther"]) {
      expect((g.K[m] as number) + (g.M[m] as number) + (g.X[m] as number)).toBe(g.T[m]);
    }
  });

  it("gives the key figures as one object for the text", () => {
    const k = agreementKeyFigures(table, agreement, { year: 2016 });
    expect(k).toMatchObject({ places: 60, annualCost: 169_400_000, costPerPlace: 2_823_300, participants: 25, women: 13, men: 12, other: 0, percentWomen: 52, percentMen: 48, percentOther: 0 });
  });
});

describe("agreement monthly statistics", () => {
  const t = agreementMonthly(table, agreement, { period: { from: "2016-01", to: "2016-12" } });

  it("has a row per month and gender, each month as the rows say", () => {
    const months = [...new Set(t.array("month") as string[])];
    expect(months).toHaveLength(12);
    for (const [i, m] of months.entries()) {
      expect(m).toBe(`2016-${String(i + 1).padStart(2, "0")}`);
      const last = new Date(Date.UTC(2016, i + 1, 0)).toISOString().slice(0, 10);
      const o = oracle(rows(), `${m}-01`, last);
      const g = byGender(t, "month", m);
      expect(g.T).toMatchObject({ participants: o.participants, new: o.newPersons, ended: o.ended, enrolledAtEnd: o.atEnd, personDays: o.personDays, agreedPlaces: 60 });
      expect([g.K.participants, g.M.participants]).toEqual([o.women, o.men]);
      expect(g.T.placesUsed).toBeCloseTo(o.personDays / Number(last.slice(8)), 12);
    }
    // person 0's second enrolment in May: counted once in May's participants
    const may = byGender(t, "month", "2016-05").T;
    expect(may.participants).toBe(oracle(rows(), "2016-05-01", "2016-05-31").participants);
  });

  it("leaves out months outside the agreement", () => {
    const early = agreementMonthly(table, agreement, { period: { from: "2015-11", to: "2016-02" } });
    expect([...new Set(early.array("month") as string[])]).toEqual(["2016-01", "2016-02"]);
    const none = agreementMonthly(table, agreement, { period: { from: "2014-01", to: "2014-12" } });
    expect(none.numRows()).toBe(0);
    expect(none.columnNames()).toContain("useOfPlaces");
  });
});

describe("agreement terms from the catalogue", () => {
  const catalogue = aq.table({
    code: ["AIR", "AIR", "JOBBSP"],
    places: Float64Array.from([55, 60, 40]),
    annualCost: Float64Array.from([150_000_000, 169_400_000, 310_000_000]),
    validFrom: Float64Array.from([d("2012-01-01"), d("2016-01-01"), d("2015-01-01")]),
    validTo: Float64Array.from([d("2015-12-31"), NaN, NaN]),
  });

  it("takes the row valid at the reference date", () => {
    expect(agreementFromCatalogue(catalogue, "AIR", "2016-06-30")).toEqual({ programmes: ["AIR"], places: 60, annualCost: 169_400_000, from: d("2016-01-01"), to: null });
    expect(agreementFromCatalogue(catalogue, "AIR", "2014-06-30")?.places).toBe(55);
    expect(agreementFromCatalogue(catalogue, "AIR", "2011-06-30")).toBeNull();
  });
});

describe("roundPercents", () => {
  it("rounds shares so that they add up to 100", () => {
    expect(roundPercents([13, 12])).toEqual([52, 48]);
    expect(roundPercents([1, 1, 1])).toEqual([34, 33, 33]);
    expect(roundPercents([2, 1], 1)).toEqual([66.7, 33.3]);
    expect(roundPercents([0, 0])).toEqual([null, null]);
    expect(() => roundPercents([1.5])).toThrow(RangeError);
  });
});
