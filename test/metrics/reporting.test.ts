/** Offer rate, attendance, Kolada comparison, suppression, budget details, rounding, empty inputs. */
import { describe, expect, it } from "vitest";
import * as aq from "arquero";
import { offerRate } from "../../src/metrics/assistance.ts";
import { attendanceRate } from "../../src/metrics/attendance.ts";
import { koladaComparison, ourKoladaValue } from "../../src/metrics/kolada.ts";
import { suppressCounts } from "../../src/metrics/suppress.ts";
import { budgetDeviation, monthlyCumulative } from "../../src/metrics/budget.ts";
import { roundAmount, roundParts, roundRatio } from "../../src/metrics/rounding.ts";
import * as m from "../../src/metrics/index.ts";
import { participantsTable } from "./fixtures.ts";

const P = (i: number) => `p${String(i).padStart(16, "0")}`;
const participants = participantsTable([
  { person: P(1), gender: "K", programme: "JOBBSP", start: "2023-01-20", end: "2023-02-10", endReason: "A", employmentForm: "visstid" },
  { person: P(2), gender: "M", programme: "PRAKT", start: "2023-02-28" },
  { person: P(3), gender: "M", programme: "JOBBSP", start: "2022-06-01", end: "2023-01-31", endReason: "E" },
  { person: P(4), gender: "K", programme: "SOMMAR", start: "2023-06-15", end: "2023-08-15", endReason: "D" },
]);

describe("offerRate", () => {
  it("joins recipients to enrolments on the pseudonym, per month", () => {
    const assistance = aq.table({
      person: [P(1), P(2), P(5), P(1), P(2), P(5), P(2)],
      gender: ["K", "M", "K", "K", "M", "K", "M"],
      month: ["2023-01", "2023-01", "2023-01", "2023-02", "2023-02", "2023-02", "2023-02"],
    });
    const t = (offerRate(assistance, participants).objects() as Record<string, unknown>[]).filter((r) => r.gender !== "X");
    expect(t.map((r) => [r.month, r.gender, r.recipients, r.withProgramme])).toEqual([
      ["2023-01", "K", 2, 1], ["2023-01", "M", 1, 0], ["2023-01", "T", 3, 1],
      ["2023-02", "K", 2, 1], ["2023-02", "M", 1, 1], ["2023-02", "T", 3, 2],
    ]);
    expect(t[5].offerRate).toBeCloseTo(2 / 3, 12);
    const only = offerRate(assistance, participants, { programmes: ["PRAKT"], period: { from: "2023-02", to: "2023-02" }, genderSplit: false });
    expect(only.objects()).toEqual([{ month: "2023-02", gender: "T", recipients: 3, withProgramme: 1, offerRate: 1 / 3 }]);
  });
});

describe("attendanceRate", () => {
  it("gives hours, rate and share meeting the requirement per provider and month", () => {
    const att = aq.table({
      person: [P(1), P(1), P(2), P(3), P(3)],
      month: ["2023-03", "2023-03", "2023-03", "2023-03", "2023-04"],
      provider: ["Lärande AB", "Lärande AB", "Lärande AB", "AME", "AME"],
      scheduledHours: Float64Array.from([40, 24, 64, 10, 0]),
      attendedHours: Float64Array.from([30.5, 22, 51.2, 7.9, 0]),
    });
    const rows = attendanceRate(att, { requirement: 0.8, genders: participants }).objects() as Record<string, unknown>[];
    const lar = rows.find((r) => r.provider === "Lärande AB" && r.gender === "T")!;
    expect(lar).toMatchObject({ scheduledHours: 128, attendedHours: 103.7, participants: 2, meetingRequirement: 2 });
    expect(lar.attendanceRate).toBeCloseTo(103.7 / 128, 12);
    const ame = rows.filter((r) => r.provider === "AME" && r.gender === "T");
    expect(ame.map((r) => [r.month, r.participants, r.meetingRequirement, r.shareMeetingRequirement])).toEqual([["2023-03", 1, 0, 0], ["2023-04", 0, 0, null]]);
    // 51.2 / 64 = 0.8 exactly meets the requirement
    expect(rows.find((r) => r.provider === "Lärande AB" && r.gender === "M")!.meetingRequirement).toBe(1);
  });
});

describe("Kolada", () => {
  const kolada = aq.table({
    kpi: ["U40455", "U40455", "U40455", "U40455", "U40455", "U40800"],
    municipalityId: ["1980", "0180", "1280", "0380", "1980", "1980"],
    municipality: ["Västerås", "Stockholm", "Malmö", "Uppsala", "Västerås", "Västerås"],
    period: Float64Array.from([2023, 2023, 2023, 2023, 2022, 2023]),
    gender: ["T", "T", "T", "T", "T", "T"],
    value: Float64Array.from([38.2, 41, NaN, 30, 35, 2100]),
    status: ["ok", "ok", "suppressed", "ok", "ok", "ok"],
  });

  it("puts our value beside the peers and their average", () => {
    // ended in 2023: P1 A (visstid), P3 E, and P4's summer job D, which Kolada leaves out
    expect(ourKoladaValue(participants, { kpi: "U40455", year: 2023 })).toBeCloseTo(100 / 3, 12);
    const own = ourKoladaValue(participants, { kpi: "U40455", year: 2023, exclude: ["SOMMAR"] });
    expect(own).toBe(50);
    expect(ourKoladaValue(participants, { kpi: "U40800", year: 2023, exclude: ["SOMMAR"] })).toBe(3);
    expect(ourKoladaValue(participants, { kpi: "U40800", year: 2023, gender: "K" })).toBe(2);
    const t = koladaComparison(kolada, { kpi: "U40455", year: 2023, municipalityId: "1980", peers: ["1280", "0180", "0380", "2480"], ownComputed: own });
    expect(t.objects()).toEqual([
      { municipalityId: "1980", municipality: "Västerås", value: 38.2, status: "ok", isOwn: true, source: "kolada" },
      { municipalityId: "1980", municipality: "Västerås (egen beräkning)", value: 50, status: "ok", isOwn: true, source: "computed" },
      { municipalityId: "0180", municipality: "Stockholm", value: 41, status: "ok", isOwn: false, source: "kolada" },
      { municipalityId: "0380", municipality: "Uppsala", value: 30, status: "ok", isOwn: false, source: "kolada" },
      { municipalityId: "1280", municipality: "Malmö", value: null, status: "suppressed", isOwn: false, source: "kolada" },
      { municipalityId: "2480", municipality: null, value: null, status: "missing", isOwn: false, source: "kolada" },
      { municipalityId: "avg", municipality: "Jämförda kommuner", value: 35.5, status: "ok", isOwn: false, source: "average" },
    ]);
  });
});

describe("suppressCounts", () => {
  const t = aq.table({
    programme: ["A", "A", "A", "A", "B", "B", "B", "B", "Totalt", "Totalt", "Totalt", "Totalt"],
    gender: ["K", "M", "X", "T", "K", "M", "X", "T", "K", "M", "X", "T"],
    participants: [3, 20, 0, 23, 12, 9, 0, 21, 15, 29, 0, 44],
    workOrStudies: [1, 8, 0, 9, 6, 6, 0, 12, 7, 14, 0, 21],
    ended: [2, 12, 0, 14, 8, 8, 0, 16, 10, 20, 0, 30],
    shareWorkOrStudies: [0.5, 8 / 12, null, 9 / 14, 0.75, 0.75, null, 0.75, 0.7, 0.7, null, 0.7],
  });

  it("suppresses small cells, then enough others that none can be recomputed", () => {
    const s = suppressCounts(t, { measures: ["participants", "workOrStudies", "ended"], groupKeys: ["programme"], total: { key: "programme", value: "Totalt" } });
    const col = (c: string) => s.array(c) as unknown[];
    // A/K = 3 primary; A/M secondary in the gender group; B/K secondary across programmes (K total shown), then B/M in B's gender group
    expect(col("participants")).toEqual([null, null, 0, 23, null, null, 0, 21, 15, 29, 0, 44]);
    expect(col("suppressed_participants")).toEqual([true, true, false, false, true, true, false, false, false, false, false, false]);
    // workOrStudies: A/K 1 primary, A/M 8 secondary; B/K and then B/M 6 secondary
    expect(col("workOrStudies")).toEqual([null, null, 0, 9, null, null, 0, 12, 7, 14, 0, 21]);
    expect(col("shareWorkOrStudies")).toEqual([null, null, null, 9 / 14, null, null, null, 0.75, 0.7, 0.7, null, 0.7]);
    expect(s.columnNames()).toContain("suppressed_ended");
  });

  it("does nothing when every count is 0 or at least the threshold", () => {
    const s = suppressCounts(t, { measures: ["participants"], groupKeys: ["programme"], threshold: 3 });
    expect(s.array("participants")).toEqual(t.array("participants"));
  });
});

describe("budget details", () => {
  const ledger = aq.table({
    period: ["2023-01", "2023-02", "2023-01", "2023-02", "2023-03"],
    unit: ["10", "10", "20", "20", "20"],
    account: ["4610", "4610", "3090", "3090", "3090"],
    budget: Float64Array.from([10_000, 10_000, 5_000, 5_000, 5_000]),
    outcome: Float64Array.from([8_000, 9_000, 6_000, 7_000, NaN]),
  });

  it("applies the sign rule: lower cost and higher revenue are both positive", () => {
    const r = budgetDeviation(ledger, { period: "2023-02", by: ["unit"] });
    expect(r.groups.objects()).toEqual([
      { unit: "10", budgetPeriod: 20_000, outcomePeriod: 17_000, deviationPeriod: 3_000, budgetYear: 20_000, forecast: null, deviationForecast: null, previousForecast: null, forecastChange: null },
      { unit: "20", budgetPeriod: -10_000, outcomePeriod: -13_000, deviationPeriod: 3_000, budgetYear: -15_000, forecast: null, deviationForecast: null, previousForecast: null, forecastChange: null },
    ]);
    expect((r.total.objects()[0] as Record<string, unknown>).deviationPeriod).toBe(6_000);
  });

  it("periodises an annual budget linearly or by a key", () => {
    const annualBudget = aq.table({ unit: ["10", "20"], account: ["4610", "3090"], budget: Float64Array.from([120_000, 60_001]) });
    const lin = budgetDeviation(ledger, { period: "2023-02", by: ["unit"], annualBudget }).groups.objects() as Record<string, number>[];
    expect(lin.map((x) => [x.budgetPeriod, x.budgetYear])).toEqual([[20_000, 120_000], [-10_000, -60_001]]);
    const key = [3, 3, 1, 1, 1, 1, 0, 0, 1, 1, 1, 2];
    const keyed = budgetDeviation(ledger, { period: "2023-02", by: ["unit"], annualBudget, key }).groups.objects() as Record<string, number>[];
    expect(keyed.map((x) => x.budgetPeriod)).toEqual([48_000, -24_000]); // 6/15 of the year (60 001 × 0.4 = 24 000.4)
    expect(() => budgetDeviation(ledger, { period: "2023-02", by: ["unit"], annualBudget, key: [1, 2] })).toThrow(RangeError);
    expect(() => budgetDeviation(ledger, { period: "2023-02", by: ["account"], forecasts: aq.table({ forecastMonth: ["2023-02"], unit: ["10"], forecast: [1] }) })).toThrow(/account/);
  });

  it("accumulates month by month", () => {
    const c = monthlyCumulative(ledger, { year: 2023 }).objects() as Record<string, unknown>[];
    expect(c.slice(0, 4)).toEqual([
      { month: "2023-01", budget: 5_000, outcome: 2_000, budgetCumulative: 5_000, outcomeCumulative: 2_000 },
      { month: "2023-02", budget: 5_000, outcome: 2_000, budgetCumulative: 10_000, outcomeCumulative: 4_000 },
      { month: "2023-03", budget: -5_000, outcome: null, budgetCumulative: 5_000, outcomeCumulative: null },
      { month: "2023-04", budget: null, outcome: null, budgetCumulative: null, outcomeCumulative: null },
    ]);
  });
});

describe("rounding", () => {
  it("rounds as a controller prints", () => {
    expect(roundAmount(1_325_000_000, "mnkr", 1)).toBe(13.3);
    expect(roundAmount(-1_325_000_000, "mnkr", 1)).toBe(-13.3);
    expect(roundAmount(1_324_999_999, "mnkr", 1)).toBe(13.2);
    expect(roundAmount(169_400_000, "tkr", 0)).toBe(1_694);
    expect(roundParts([450_000_000, 450_000_000, 100_000_000], "mnkr", 0)).toEqual({ parts: [5, 4, 1], total: 10 });
    expect(roundParts([33_333, 33_333, 33_334], "kr", 0)).toEqual({ parts: [333, 333, 334], total: 1000 });
    expect(roundRatio(380 / 23, 1)).toBe(16.5);
    expect(roundRatio(2.675, 2)).toBe(2.68);
    expect(roundRatio(-0.05, 1)).toBe(-0.1);
    expect(() => roundParts([1.5], "kr", 0)).toThrow(RangeError);
    expect(() => roundAmount(1, "kr", 3)).toThrow(RangeError);
  });
});

describe("empty inputs", () => {
  const empty = aq.table({});
  const cols = (t: aq.ColumnTable) => [t.numRows(), t.columnNames()];
  it("return empty tables with every declared column", () => {
    const period = { from: "2023-01-01", to: "2023-04-30" };
    expect(cols(m.programmeOutcomes(empty, { ...period, refDate: "2023-04-30", by: ["unit"], programmes: empty }))).toEqual([0, ["unit", "gender", "participants", "starts", "enrolled", "ended", "endedA", "endedB", "endedC", "endedD", "endedE", "workOrStudies", "shareWorkOrStudies", "decisions", "places", "capacityUse"]]);
    expect(cols(m.endedByDetail(empty, { ...period, by: [] }))).toEqual([0, ["endDetail", "gender", "ended"]]);
    expect(cols(m.continuedEmployment(empty, period))).toEqual([0, ["gender", "ended", "continued", "shareContinued"]]);
    expect(cols(m.participantsByAgeBand(empty, { ...period, refDate: "2023-04-30" }))).toEqual([0, ["ageBand", "gender", "participants"]]);
    expect(cols(m.participantsByTargetGroup(empty, period))).toEqual([0, ["targetGroup", "gender", "participants", "allParticipants", "share"]]);
    expect(cols(m.durationBands(empty, { refDate: "2023-04-30" }))).toEqual([0, ["ageGroup", "band", "gender", "persons"]]);
    expect(cols(m.durationSummary(empty, { refDate: "2023-04-30" }))).toEqual([0, ["ageGroup", "gender", "persons", "medianDays", "medianMonths"]]);
    expect(cols(m.goalProgressTable(empty, { value: 1, ...period }, { refDate: "2023-04-30" }))[0]).toBe(0);
    expect(m.goalProgress(empty, { value: 1, ...period }, { refDate: "2023-04-30" })).toMatchObject({ covered: 0, projection: 0, willMeet: false });
    expect(cols(m.programmeCapacity(empty))).toEqual([0, ["programme", "name", "places", "annualCost", "costPerPlace", "participants", "costPerParticipant"]]);
    expect(cols(m.caseload(empty, { month: "2023-04" }))).toEqual([0, ["unit", "specialists", "activeClients", "clientsPerSpecialist", "clientsPerSpecialistRounded"]]);
    expect(cols(m.offerRate(empty, empty))).toEqual([0, ["month", "gender", "recipients", "withProgramme", "offerRate"]]);
    expect(cols(m.attendanceRate(empty))[0]).toBe(0);
    const b = m.budgetDeviation(empty, { period: "2023-04", by: ["unit"], forecasts: aq.table({ forecastMonth: [], unit: [], forecast: [] }) });
    expect(cols(b.groups)).toEqual([0, ["unit", "budgetPeriod", "outcomePeriod", "deviationPeriod", "budgetYear", "forecast", "deviationForecast", "previousForecast", "forecastChange"]]);
    expect(b.total.objects()[0]).toMatchObject({ unit: null, deviationPeriod: 0, budgetYear: 0 });
    expect(cols(m.monthlyCumulative(empty, { year: 2023 }))[0]).toBe(0);
    expect(m.koladaComparison(empty, { kpi: "U40455", year: 2023, municipalityId: "1980" }).numRows()).toBe(2); // own (missing) + avg
    expect(cols(m.genderShares(empty, "participants", []))).toEqual([0, ["women", "men", "other", "total", "shareWomen", "shareMen"]]);
    expect(cols(m.suppressCounts(empty, { measures: ["n"], groupKeys: [] }))).toEqual([0, ["suppressed_n"]]);
  });
});

describe("genderShares", () => {
  it("finds the text keys itself and keeps suppressed parts null", () => {
    const out = m.programmeOutcomes(participants, { from: "2023-01-01", to: "2023-12-31", refDate: "2023-12-31", by: ["programme"] });
    const w = m.genderShares(out, "ended");
    expect(w.columnNames()).toEqual(["programme", "women", "men", "other", "total", "shareWomen", "shareMen"]);
    expect(w.objects()[0]).toEqual({ programme: "JOBBSP", women: 1, men: 1, other: 0, total: 2, shareWomen: 0.5, shareMen: 0.5 });
    const s = m.suppressCounts(out, { measures: ["ended"], groupKeys: ["programme"] });
    expect(m.genderShares(s, "ended").objects()[0]).toMatchObject({ women: null, men: null, other: 0, total: null, shareWomen: null });
  });
});
