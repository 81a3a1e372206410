// A statistic of a group (a share, a rate, an average, a median) is hidden with the counts of the
// group it is computed from. The columns of the metrics are classified in DERIVED (computed from
// which counts) and NOT_PERSONS (money, places, staff); any other column of a registered table
// that is not a key, a count or text is hidden with every count of its row, so a statistic left
// out of the lists is hidden rather than published.
import * as aq from "arquero";
import { describe, expect, it } from "vitest";
import { applySuppression, cellId, derivedColumns, DERIVED, NOT_PERSONS, type PersonTableSpec } from "../../src/disclosure/register.ts";
import { suppressCounts } from "../../src/metrics/suppress.ts";
import {
  agreementMonthly, agreementYearly, assistanceFocusGroups, attendanceRate, caseload, continuedEmployment, durationBands, durationSummary, endedByDetail, genderShares,
  goalProgressTable, offerRate, OUTCOME_COUNTS, participantsByAgeBand, participantsByTargetGroup, programmeCapacity, programmeOutcomes, resourceJobsByYear,
} from "../../src/metrics/index.ts";

type Row = Record<string, unknown>;

const ATTENDANCE: PersonTableSpec = { name: "narvaro", measures: ["participants", "meetingRequirement"], groupKeys: ["provider", "month"] };

/** One provider's month: the T row with the hours and the rate of its participants. */
function attendanceRow(provider: string, participants: number, meeting: number, rate: number): Row {
  return { provider, month: "2023-06", gender: "T", scheduledHours: 80 * participants, attendedHours: 80 * participants * rate, attendanceRate: rate, participants, meetingRequirement: meeting, shareMeetingRequirement: meeting / participants };
}

const id = (spec: PersonTableSpec, measure: string, keys: Row, gender = "T") => cellId(spec.name!, measure, keys, gender);

describe("columns derived from a group's counts", () => {
  it("an attendance rate is hidden with the participants it is the rate of (one person: their own hours)", () => {
    const table = aq.from([attendanceRow("Nya Vägar AB", 1, 0, 0.61875), attendanceRow("Jobb & Kunskap", 30, 20, 0.81)]);
    const keys = { provider: "Nya Vägar AB", month: "2023-06" };
    const shown = applySuppression(table, ATTENDANCE, new Set([id(ATTENDANCE, "participants", keys), id(ATTENDANCE, "meetingRequirement", keys)])).objects() as Row[];
    expect(shown[0]).toMatchObject({ participants: null, attendanceRate: null, scheduledHours: null, attendedHours: null, shareMeetingRequirement: null });
    expect(shown[1]).toMatchObject({ participants: 30, attendanceRate: 0.81, attendedHours: 80 * 30 * 0.81 });
    // Wherever the rate is shown, the counts of its group count as shown.
    expect(shown[1]["cells:attendanceRate"]).toEqual([id(ATTENDANCE, "participants", { provider: "Jobb & Kunskap", month: "2023-06" }), id(ATTENDANCE, "meetingRequirement", { provider: "Jobb & Kunskap", month: "2023-06" })]);
  });

  it("a rate of 100 % is hidden when the count it would tell is (all of 30 meet the requirement, or none)", () => {
    const keys = { provider: "Kompetensbyrån", month: "2023-06" };
    // 30 participants of whom 3 meet the requirement: the 3 is suppressed, the 30 is shown.
    const table = aq.from([attendanceRow("Kompetensbyrån", 30, 3, 0.5)]);
    const [row] = applySuppression(table, ATTENDANCE, new Set([id(ATTENDANCE, "meetingRequirement", keys)])).objects() as Row[];
    expect(row).toMatchObject({ participants: 30, meetingRequirement: null, attendanceRate: null, shareMeetingRequirement: null });
  });

  it("a median is hidden with the count of the group it is taken over", () => {
    const spec: PersonTableSpec = { name: "tid", measures: ["persons"], groupKeys: ["ageGroup"] };
    const table = aq.from([
      { ageGroup: "alla", gender: "T", persons: 40, medianDays: 300, medianMonths: 9.9 },
      { ageGroup: "60+", gender: "T", persons: 1, medianDays: 606, medianMonths: 19.9 },
    ]);
    const shown = applySuppression(table, spec, new Set([id(spec, "persons", { ageGroup: "60+" })])).objects() as Row[];
    expect(shown[1]).toMatchObject({ persons: null, medianDays: null, medianMonths: null });
    expect(shown[0]).toMatchObject({ persons: 40, medianMonths: 9.9 });
    expect(shown[1]["cells:medianMonths"]).toEqual([id(spec, "persons", { ageGroup: "60+" })]);
  });

  it("a statistic no list names is hidden with every count of its row; text, places and money are kept", () => {
    const spec: PersonTableSpec = { name: "x", measures: ["participants", "ended"], groupKeys: ["programme"], notPersons: ["budget"] };
    const table = aq.from([{ programme: "IPS", gender: "T", label: "Individuellt stöd", participants: 40, ended: 3, meanAge: 61.5, places: 20, budget: 1_000_000 }]);
    const [row] = applySuppression(table, spec, new Set([id(spec, "ended", { programme: "IPS" })])).objects() as Row[];
    expect(row).toMatchObject({ participants: 40, ended: null, meanAge: null, label: "Individuellt stöd", places: 20, budget: 1_000_000 });
    expect(row["cells:meanAge"]).toEqual([id(spec, "participants", { programme: "IPS" }), id(spec, "ended", { programme: "IPS" })]);
    for (const kept of ["label", "places", "budget"]) expect(row).not.toHaveProperty(`cells:${kept}`);
  });

  it("a named share whose counts are not counts of the table is hidden with every count of its row", () => {
    const spec: PersonTableSpec = { name: "p", measures: ["ended", "continued"], groupKeys: ["year"] };
    const table = aq.from([{ year: 2023, gender: "T", ended: 10, continued: 2, resourceJobs: 7, shareDisability: 0.5 }]);
    const [row] = applySuppression(table, spec, new Set([id(spec, "continued", { year: 2023 })])).objects() as Row[];
    expect(row).toMatchObject({ ended: 10, continued: null, resourceJobs: null, shareDisability: null });
  });

  it("a gender's share of the total is hidden when the total is, though its own count is shown (measure@T)", () => {
    const spec: PersonTableSpec = { name: "ar", measures: ["participants"], groupKeys: ["year"] };
    const rows = [
      { year: 2023, gender: "K", participants: 13, shareOfParticipants: 13 / 27 },
      { year: 2023, gender: "M", participants: 12, shareOfParticipants: 12 / 27 },
      { year: 2023, gender: "X", participants: 2, shareOfParticipants: 2 / 27 },
      { year: 2023, gender: "T", participants: 27, shareOfParticipants: 1 },
    ];
    // X is small, and the total is hidden to protect it: 13 / share would give the total, and X.
    const hidden = new Set([id(spec, "participants", { year: 2023 }, "X"), id(spec, "participants", { year: 2023 }, "T")]);
    const shown = applySuppression(aq.from(rows), spec, hidden).objects() as Row[];
    expect(shown.map((r) => r.participants)).toEqual([13, 12, null, null]);
    expect(shown.map((r) => r.shareOfParticipants)).toEqual([null, null, null, null]);
    expect(shown[0]["cells:shareOfParticipants"]).toEqual([id(spec, "participants", { year: 2023 }, "K"), id(spec, "participants", { year: 2023 }, "T")]);
    // Nothing hidden: every share is shown.
    expect((applySuppression(aq.from(rows), spec, new Set()).objects() as Row[]).map((r) => r.shareOfParticipants)).toEqual(rows.map((r) => r.shareOfParticipants));
  });

  it("the one-table suppression of suppressCounts hides the same columns", () => {
    const table = aq.from([
      { ...attendanceRow("Nya Vägar AB", 1, 0, 0.61875), gender: "T" },
      { ...attendanceRow("Jobb & Kunskap", 30, 20, 0.81), gender: "T" },
    ]);
    const out = suppressCounts(table, { measures: ["participants", "meetingRequirement"], groupKeys: ["provider", "month"] }).objects() as Row[];
    expect(out[0]).toMatchObject({ participants: null, attendanceRate: null, attendedHours: null });
    expect(out[1]).toMatchObject({ participants: 30, attendanceRate: 0.81 });
  });
});

describe("every column of the metrics is classified", () => {
  // The metric tables the reports register, with the counts they register: every other column
  // must be a key, named in DERIVED or NOT_PERSONS. A new column of a metric fails here until it
  // is classified (and meanwhile it is hidden with every count of its row).
  const empty = aq.table({});
  const period = { from: "2023-01-01", to: "2023-06-30", refDate: "2023-06-30" };
  const agreement = { programmes: ["AIR"], places: 60, annualCost: 169_400_000 };
  const cases: [string, aq.ColumnTable, string[], readonly string[]][] = [
    ["programmeOutcomes", programmeOutcomes(empty, { ...period, by: ["programme"], programmes: empty }), ["programme"], OUTCOME_COUNTS],
    ["continuedEmployment", continuedEmployment(empty, period), [], ["ended", "continued"]],
    ["participantsByAgeBand", participantsByAgeBand(empty, period), ["ageBand"], ["participants"]],
    ["participantsByTargetGroup", participantsByTargetGroup(empty, period), ["targetGroup"], ["participants", "allParticipants"]],
    ["durationBands", durationBands(empty, { refDate: period.refDate }), ["ageGroup", "band"], ["persons"]],
    ["durationSummary", durationSummary(empty, { refDate: period.refDate }), ["ageGroup"], ["persons"]],
    ["endedByDetail", endedByDetail(empty, { ...period, by: [] }), ["endDetail"], ["ended"]],
    ["resourceJobsByYear", resourceJobsByYear(empty, { fromYear: 2022, toYear: 2023, refDate: period.refDate }), ["year"],
      ["resourceJobs", "resourceJobsDisability", "ended", "continued", "endedDisability", "continuedDisability", "targetGroup", "targetGroupWithResourceJob"]],
    ["goalProgressTable", goalProgressTable(empty, { value: 1, from: period.from, to: period.to }, { refDate: period.refDate }), [], ["covered", "employed", "fixedTerm", "internship", "other", "ended"]],
    ["agreementMonthly", agreementMonthly(empty, agreement, { period: { from: "2023-01", to: "2023-06" } }), ["month"], ["participants", "new", "ended", "enrolledAtEnd", "endedWork", "endedStudies", "endedOther"]],
    ["agreementYearly", agreementYearly(empty, agreement, { period: { from: "2023-01-01", to: "2023-06-30" } }), ["year"], ["participants", "new", "ended", "enrolledAtEnd", "endedWork", "endedStudies", "endedOther"]],
    ["attendanceRate", attendanceRate(empty), ["provider", "month"], ["participants", "meetingRequirement"]],
    ["offerRate", offerRate(empty, empty), ["month"], ["recipients", "withProgramme"]],
    ["assistanceFocusGroups", assistanceFocusGroups(empty, empty, { period: { from: "2023-01", to: "2023-06" } }), ["focusGroup"], ["recipients", "inGroup", "unknown", "withActivity"]],
    ["caseload", caseload(empty, { month: "2023-06" }), ["unit"], ["activeClients"]],
    ["programmeCapacity", programmeCapacity(empty), ["programme", "name"], ["participants"]],
    ["genderShares", genderShares(empty, "participants", []), [], ["women", "men", "other", "total"]],
  ];
  it.each(cases)("%s", (_, table, groupKeys, measures) => {
    const names = table.columnNames().filter((n) => n !== "gender" && !groupKeys.includes(n) && !measures.includes(n));
    expect(names.filter((n) => !Object.hasOwn(DERIVED, n) && !NOT_PERSONS.includes(n)), "columns neither a count, a statistic of DERIVED nor one of NOT_PERSONS").toEqual([]);
    // The named statistics are computed from counts the table registers.
    const derived = derivedColumns(table.columnNames(), [], { measures, groupKeys });
    for (const n of names.filter((c) => Object.hasOwn(DERIVED, c))) {
      const named = DERIVED[n].map((c) => c.split("@")[0]);
      expect(named.every((c) => measures.includes(c)), `${n}: ${named.join(", ")}`).toBe(true);
      expect(derived.get(n)!.map((c) => c.measure)).toEqual(named);
    }
  });
});
