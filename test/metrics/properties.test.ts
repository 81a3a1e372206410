/** Property tests (fast-check) of the conventions every metric keeps. */
import { describe, expect, it } from "vitest";
import fc from "fast-check";
import * as aq from "arquero";
import type { ColumnTable } from "arquero";
import { programmeOutcomes } from "../../src/metrics/outcomes.ts";
import { participantsByAgeBand, participantsByTargetGroup } from "../../src/metrics/groups.ts";
import { durationBands, durationSummary } from "../../src/metrics/duration.ts";
import { goalProgress } from "../../src/metrics/goals.ts";
import { budgetDeviation } from "../../src/metrics/budget.ts";
import { roundParts, type MoneyUnit } from "../../src/metrics/rounding.ts";
import { suppressCounts } from "../../src/metrics/suppress.ts";
import { agreementMonthly, agreementYearly } from "../../src/metrics/agreement.ts";
import { resourceJobsByYear } from "../../src/metrics/resource-jobs.ts";
import { addDays, d, participantsTable, sortedObjects, type Enrolment } from "./fixtures.ts";

const FROM = "2023-01-01";
const TO = "2023-06-30";
const REF = "2023-06-30";

const arbEnrolment: fc.Arbitrary<Enrolment> = fc
  .record({
    p: fc.integer({ min: 0, max: 12 }),
    gender: fc.constantFrom("K", "M", null, "annat"),
    birthYear: fc.integer({ min: 1955, max: 2005 }),
    programme: fc.constantFrom("JOBBSP", "PRAKT", "IPS"),
    provider: fc.constantFrom("AME", "Lärande AB"),
    unit: fc.constantFrom("U1", "U2", null),
    startDay: fc.integer({ min: 0, max: 400 }),
    len: fc.option(fc.integer({ min: 0, max: 250 }), { nil: null }),
    decisionLag: fc.option(fc.integer({ min: 0, max: 40 }), { nil: null }),
    endReason: fc.constantFrom("A", "B", "C", "D", "E", null),
    endDetail: fc.constantFrom("pension", "flytt", null),
    employmentForm: fc.constantFrom("tillsvidare", "visstid", "resursjobb", "valfardsjobb", "praktik", null),
    flag: fc.boolean(),
  })
  .map((x) => {
    const start = addDays("2022-09-01", x.startDay);
    return {
      person: `p${String(x.p).padStart(16, "0")}`,
      gender: x.gender,
      birthYear: x.birthYear,
      programme: x.programme,
      provider: x.provider,
      unit: x.unit,
      start,
      end: x.len === null ? null : addDays(start, x.len),
      decisionDate: x.decisionLag === null ? null : addDays(start, -x.decisionLag),
      endReason: x.len === null ? null : x.endReason,
      endDetail: x.len === null ? null : x.endDetail,
      employmentForm: x.employmentForm,
      disability: x.flag,
      financialAssistance: !x.flag,
    };
  });

const arbBy = fc.subarray(["programme", "provider", "unit"] as const).chain((s) => fc.shuffledSubarray([...s], { minLength: s.length }));

/** K + M + X = T for every numeric column of every group of a long-form table. */
function expectPartsSumToTotal(t: ColumnTable, keys: string[], measures: string[]): void {
  const groups = new Map<string, Record<string, Record<string, number>>>();
  for (const r of t.objects() as Record<string, unknown>[]) {
    const k = JSON.stringify(keys.map((c) => r[c]));
    const g = groups.get(k) ?? {};
    g[r.gender as string] = r as Record<string, number>;
    groups.set(k, g);
  }
  for (const g of groups.values()) {
    expect(Object.keys(g).sort()).toEqual(["K", "M", "T", "X"]);
    for (const m of measures) expect(g.K[m] + g.M[m] + g.X[m]).toBe(g.T[m]);
  }
}

const OUTCOME_COUNTS = ["participants", "starts", "enrolled", "ended", "endedA", "endedB", "endedC", "endedD", "endedE", "workOrStudies", "decisions"];

describe("gender parts add up to the total", () => {
  it("for every measure of programmeOutcomes, age bands, target groups and durations", () => {
    fc.assert(
      fc.property(fc.array(arbEnrolment, { maxLength: 40 }), arbBy, (rows, by) => {
        const p = participantsTable(rows);
        expectPartsSumToTotal(programmeOutcomes(p, { from: FROM, to: TO, refDate: REF, by }), [...by], OUTCOME_COUNTS);
        expectPartsSumToTotal(participantsByAgeBand(p, { from: FROM, to: TO, refDate: REF, by }), [...by, "ageBand"], ["participants"]);
        expectPartsSumToTotal(participantsByTargetGroup(p, { from: FROM, to: TO, by }), [...by, "targetGroup"], ["participants", "allParticipants"]);
        expectPartsSumToTotal(durationBands(p, { refDate: REF }), ["ageGroup", "band"], ["persons"]);
        const agreement = { programmes: ["JOBBSP", "IPS"], places: 10, annualCost: 100_000_000 };
        const periodic = ["participants", "new", "ended", "enrolledAtEnd", "personDays", "endedWork", "endedStudies", "endedOther"];
        expectPartsSumToTotal(agreementMonthly(p, agreement, { period: { from: "2022-10", to: "2023-09" } }), ["month"], periodic);
        expectPartsSumToTotal(agreementYearly(p, agreement, { period: { from: "2022-01-01", to: "2023-12-31" } }), ["year"], periodic);
        const rj = ["resourceJobs", "resourceJobsDisability", "ended", "continued", "endedDisability", "continuedDisability", "targetGroup", "targetGroupWithResourceJob"];
        expectPartsSumToTotal(resourceJobsByYear(p, { fromYear: 2022, toYear: 2023 }), ["year"], rj);
      }),
      { numRuns: 150 },
    );
  });
});

describe("unique participants", () => {
  it("counts a person with several enrolments once", () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 150 }), { minLength: 2, maxLength: 8 }), fc.constantFrom("K", "M", null), (starts, g) => {
        const rows = starts.map((s) => ({ person: "p0000000000000001", gender: g, programme: "JOBBSP", start: addDays(FROM, s), end: addDays(FROM, s + 10), endReason: "D" }));
        const T = (programmeOutcomes(participantsTable(rows), { from: FROM, to: TO, refDate: REF, by: ["programme"] }).objects() as Record<string, unknown>[]).find((r) => r.gender === "T")!;
        expect(T.participants).toBe(1);
        expect(T.starts).toBe(starts.length);
        expect(T.ended).toBe(starts.length);
      }),
    );
  });

  it("equals the number of distinct persons with an overlapping enrolment", () => {
    fc.assert(
      fc.property(fc.array(arbEnrolment, { maxLength: 40 }), (rows) => {
        const expected = new Set(rows.filter((r) => d(r.start) <= d(TO) && (!r.end || d(r.end) >= d(FROM))).map((r) => r.person)).size;
        const out = programmeOutcomes(participantsTable(rows), { from: FROM, to: TO, refDate: REF, by: [], genderSplit: false }).objects() as Record<string, number>[];
        expect(out.length ? out[0].participants : 0).toBe(expected);
      }),
    );
  });
});

function shuffleRows(t: ColumnTable, order: number[]): ColumnTable {
  const cols: Record<string, unknown[]> = {};
  for (const c of t.columnNames()) {
    const a = Array.from(t.array(c) as ArrayLike<unknown>);
    cols[c] = order.map((i) => a[i]);
  }
  return aq.table(cols);
}

const withPermutation = <T,>(arb: fc.Arbitrary<T[]>) =>
  arb.chain((rows) => fc.tuple(fc.constant(rows), fc.shuffledSubarray([...rows.keys()], { minLength: rows.length, maxLength: rows.length })));

describe("row order changes no figure", () => {
  it("participant metrics", () => {
    fc.assert(
      fc.property(withPermutation(fc.array(arbEnrolment, { maxLength: 30 })), ([rows, order]) => {
        const a = participantsTable(rows);
        const b = shuffleRows(a, order);
        const run = (t: ColumnTable) => [
          sortedObjects(programmeOutcomes(t, { from: FROM, to: TO, refDate: REF, by: ["programme", "unit"] })),
          sortedObjects(participantsByAgeBand(t, { from: FROM, to: TO, refDate: REF })),
          sortedObjects(durationSummary(t, { refDate: REF, population: "all" })),
          JSON.stringify(goalProgress(t, { value: 10, from: FROM, to: "2023-12-31", programme: "IPS" }, { refDate: REF })),
          sortedObjects(agreementMonthly(t, { programmes: ["JOBBSP"], places: 5, annualCost: 1_000_000 }, { period: { from: "2022-10", to: "2023-06" } })),
          sortedObjects(resourceJobsByYear(t, { fromYear: 2022, toYear: 2023 })),
          sortedObjects(participantsByTargetGroup(t, { from: FROM, to: TO, by: ["programme"] })),
        ];
        expect(run(b)).toEqual(run(a));
      }),
      { numRuns: 100 },
    );
  });

  const arbLedgerRow = fc.record({
    period: fc.constantFrom("2023-01", "2023-02", "2023-03", "2023-04", "2023-05", "2023-12", "2022-12"),
    unit: fc.constantFrom("4510", "4520", "4530"),
    activity: fc.constantFrom("ekbist", "arbmark"),
    account: fc.constantFrom("3090", "3150", "4610", "5010", "6110"),
    budget: fc.integer({ min: 0, max: 5_000_000_000 }),
    outcome: fc.oneof(fc.integer({ min: 0, max: 5_000_000_000 }), fc.constant(NaN)),
  });
  const ledgerTable = (rows: { period: string; unit: string; activity: string; account: string; budget: number; outcome: number }[]) =>
    aq.table({
      period: rows.map((r) => r.period),
      unit: rows.map((r) => r.unit),
      activity: rows.map((r) => r.activity),
      account: rows.map((r) => r.account),
      budget: Float64Array.from(rows.map((r) => r.budget)),
      outcome: Float64Array.from(rows.map((r) => r.outcome)),
    });

  it("budget deviation, and per-unit deviations sum exactly to the total", () => {
    fc.assert(
      fc.property(withPermutation(fc.array(arbLedgerRow, { maxLength: 60 })), fc.subarray(["unit", "activity", "account"] as const), ([rows, order], by) => {
        const a = ledgerTable(rows);
        const ra = budgetDeviation(a, { period: "2023-04", by: [...by] });
        const rb = budgetDeviation(shuffleRows(a, order), { period: "2023-04", by: [...by] });
        expect(sortedObjects(rb.groups)).toEqual(sortedObjects(ra.groups));
        expect(rb.total.objects()).toEqual(ra.total.objects());
        const total = ra.total.objects()[0] as Record<string, number>;
        const groups = ra.groups.objects() as Record<string, number>[];
        for (const m of ["budgetPeriod", "outcomePeriod", "deviationPeriod", "budgetYear"]) {
          expect(Number.isInteger(total[m])).toBe(true);
          expect(groups.reduce((s, g) => s + g[m], 0)).toBe(total[m]);
        }
        // the sign rule line by line: costs budget − outcome, revenues outcome − budget
        const oracle = rows
          .filter((r) => r.period >= "2023-01" && r.period <= "2023-04")
          .reduce((s, r) => s + (r.account.startsWith("3") ? 1 : -1) * ((Number.isNaN(r.outcome) ? 0 : r.outcome) - r.budget), 0);
        expect(total.deviationPeriod).toBe(oracle);
      }),
      { numRuns: 150 },
    );
  });

  it("suppression", () => {
    const arbCounts = fc.array(fc.record({ programme: fc.constantFrom("A", "B", "C", "D"), k: fc.nat(12), m: fc.nat(12), x: fc.nat(3) }), { maxLength: 6 });
    fc.assert(
      fc.property(arbCounts, fc.integer({ min: 0, max: 1000 }), (groups, seed) => {
        const uniq = [...new Map(groups.map((g) => [g.programme, g])).values()];
        const rows = uniq.flatMap((g) => [["K", g.k], ["M", g.m], ["X", g.x], ["T", g.k + g.m + g.x]].map(([gender, n]) => ({ programme: g.programme, gender, n })));
        const order = rows.map((_, i) => i).sort((i, j) => ((i * 7919 + seed) % 97) - ((j * 7919 + seed) % 97) || i - j);
        const t = aq.from(rows);
        const opts = { measures: ["n"], threshold: 5, groupKeys: ["programme"] };
        const a = suppressCounts(t, opts);
        expect(sortedObjects(suppressCounts(aq.from(order.map((i) => rows[i])), opts))).toEqual(sortedObjects(a));
        // no shown count is small, and no gender group with a shown total has exactly one hidden part
        const out = a.objects() as { programme: string; gender: string; n: number | null }[];
        for (const r of out) expect(r.n === null || r.n === 0 || r.n >= 5).toBe(true);
        for (const g of uniq) {
          const rs = out.filter((r) => r.programme === g.programme);
          const hidden = rs.filter((r) => r.gender !== "T" && r.n === null).length;
          if (rs.find((r) => r.gender === "T")!.n !== null) expect(hidden).not.toBe(1);
        }
      }),
    );
  });
});

describe("rounding", () => {
  it("rounded parts add up to the rounded total, each within one step", () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: -50_000_000_000, max: 50_000_000_000 }), { maxLength: 20 }),
        fc.constantFrom<MoneyUnit>("kr", "tkr", "mnkr"),
        fc.integer({ min: 0, max: 2 }),
        (values, unit, decimals) => {
          const { parts, total } = roundParts(values, unit, decimals);
          const scale = 10 ** decimals;
          const steps = parts.map((p) => Math.round(p * scale));
          expect(steps.reduce((a, b) => a + b, 0)).toBe(Math.round(total * scale));
          const stepOre = { kr: 100, tkr: 100_000, mnkr: 100_000_000 }[unit] / scale;
          steps.forEach((s, i) => expect(Math.abs(s * stepOre - values[i])).toBeLessThan(stepOre));
          const sum = values.reduce((a, b) => a + b, 0);
          expect(Math.abs(Math.round(total * scale) * stepOre - sum)).toBeLessThanOrEqual(stepOre / 2);
        },
      ),
      { numRuns: 300 },
    );
  });
});
