/** Programme outcomes, age bands, target groups and durations on small hand-checked data
 * (Västerås 002 §73/§74: per programme enrolled, capacity, work or studies, decisions, over 60,
 * time in programmes, focus groups). */
import { describe, expect, it } from "vitest";
import * as aq from "arquero";
import { continuedEmployment, endedByDetail, MUNICIPAL_EMPLOYMENT, programmeOutcomes, U40455_NOTE } from "../../src/metrics/outcomes.ts";
import { ourKoladaValue } from "../../src/metrics/kolada.ts";
import { participantsByAgeBand, participantsByTargetGroup } from "../../src/metrics/groups.ts";
import { durationBands, durationSummary, personDurations } from "../../src/metrics/duration.ts";
import { participantsTable, type Enrolment } from "./fixtures.ts";

const P = (i: number) => `p${String(i).padStart(16, "0")}`;
const rows: Enrolment[] = [
  // JOBBSP
  { person: P(1), gender: "K", birthYear: 2000, programme: "JOBBSP", start: "2022-11-01", end: "2023-02-15", endReason: "A", employmentForm: "visstid", decisionDate: "2022-10-20" },
  { person: P(1), gender: "K", birthYear: 2000, programme: "JOBBSP", start: "2023-03-01", decisionDate: "2023-02-20" },
  { person: P(2), gender: "M", birthYear: 1960, programme: "JOBBSP", start: "2023-01-10", end: "2023-03-31", endReason: "A", employmentForm: "resursjobb" },
  { person: P(3), gender: null, birthYear: 1990, programme: "JOBBSP", start: "2023-02-01", end: "2023-04-10", endReason: null, endDetail: "flytt" },
  { person: P(4), gender: "M", birthYear: 1962, programme: "JOBBSP", start: "2021-01-01", end: "2023-04-30", endReason: "B" },
  // PRAKT
  { person: P(5), gender: "K", birthYear: 1985, programme: "PRAKT", start: "2023-04-01", decisionDate: "2023-03-25", financialAssistance: true, childrenUnder18: true },
  { person: P(6), gender: "K", birthYear: 1999, programme: "PRAKT", start: "2023-05-02", decisionDate: "2023-04-28", foreignBorn: true, academicDegree: true },
  { person: P(7), gender: "M", birthYear: 1970, programme: "PRAKT", start: "2022-01-01", end: "2023-01-15", endReason: "A", foreignBorn: true },
  { person: P(7), gender: "M", birthYear: 1970, programme: "PRAKT", start: "2023-02-01", end: "2023-02-28", endReason: "x", academicDegree: true, endDetail: "sjukdom" },
  { person: P(8), gender: "M", birthYear: 1958, programme: "RESURS", employmentForm: "resursjobb", start: "2022-01-01", end: "2023-03-31", endReason: "A" },
];
const participants = participantsTable(rows);
const period = { from: "2023-01-01", to: "2023-04-30", refDate: "2023-04-30" };
const catalogue = aq.table({ code: ["JOBBSP", "PRAKT", "OSPEC"], places: Float64Array.from([4, 10, 8]) });
const T = (t: aq.ColumnTable, where: Record<string, unknown> = {}) =>
  (t.objects() as Record<string, unknown>[]).find((r) => r.gender === "T" && Object.entries(where).every(([k, v]) => r[k] === v))!;

describe("programmeOutcomes", () => {
  const out = programmeOutcomes(participants, { ...period, by: ["programme"], programmes: catalogue });

  it("counts per programme as Kolada does", () => {
    const j = T(out, { programme: "JOBBSP" });
    expect(j).toMatchObject({ participants: 4, starts: 3, enrolled: 2, ended: 4, endedA: 2, endedB: 1, endedC: 0, endedD: 0, endedE: 1, decisions: 1, places: 4 });
    // A with visstid and B count; A with resursjobb is a municipal employment, not work
    expect(j.workOrStudies).toBe(2);
    expect(j.shareWorkOrStudies).toBe(0.5);
    expect(j.capacityUse).toBe(0.5);
    const p = T(out, { programme: "PRAKT" });
    // P(6) starts in May: not a participant in Jan–Apr, but decided in April (decisions: P5, P6)
    expect(p).toMatchObject({ participants: 2, starts: 2, enrolled: 1, ended: 2, endedA: 1, endedE: 1, workOrStudies: 1, decisions: 2, capacityUse: 0.1 });
    // a catalogue programme without enrolments still gets its row
    expect(T(out, { programme: "OSPEC" })).toMatchObject({ participants: 0, ended: 0, shareWorkOrStudies: null, places: 8, capacityUse: 0 });
  });

  it("keeps the unknown gender as X and can drop the split", () => {
    const x = (out.objects() as Record<string, unknown>[]).find((r) => r.programme === "JOBBSP" && r.gender === "X")!;
    expect(x.participants).toBe(1);
    expect(x.capacityUse).toBeNull();
    const t = programmeOutcomes(participants, { ...period, by: [], genderSplit: false });
    expect(t.objects()).toHaveLength(1);
    expect(T(t).participants).toBe(7);
  });

  it("counts a municipal employment as work when told so", () => {
    const t = programmeOutcomes(participants, { ...period, by: ["programme"], municipalEmployment: [] });
    expect(T(t, { programme: "JOBBSP" }).workOrStudies).toBe(3);
  });

  it("counts U40455 work as Kolada does: wage subsidy is work, municipal labour-market employments are not", () => {
    const t = participantsTable([
      { person: P(30), gender: "K", programme: "JOBBSP", start: "2023-01-02", end: "2023-02-28", endReason: "A", employmentForm: "lonebidrag" },
      { person: P(31), gender: "M", programme: "JOBBSP", start: "2023-01-02", end: "2023-03-15", endReason: "A", employmentForm: "resursjobb" },
      { person: P(32), gender: "K", programme: "JOBBSP", start: "2023-01-02", end: "2023-03-20", endReason: "A", employmentForm: "valfardsjobb" },
      { person: P(33), gender: "M", programme: "JOBBSP", start: "2023-01-02", end: "2023-04-01", endReason: "B" },
      { person: P(34), gender: "M", programme: "JOBBSP", start: "2023-01-02", end: "2023-04-02", endReason: "A", employmentForm: "tillsvidare" },
      { person: P(35), gender: "K", programme: "JOBBSP", start: "2023-01-02", end: "2023-04-03", endReason: "E", employmentForm: "lonebidrag" },
    ]);
    const j = T(programmeOutcomes(t, { ...period, by: ["programme"] }), { programme: "JOBBSP" });
    expect(j).toMatchObject({ ended: 6, endedA: 4, endedB: 1, endedE: 1, workOrStudies: 3, shareWorkOrStudies: 0.5 });
    expect(ourKoladaValue(t, { kpi: "U40455", year: 2023 })).toBe(50);
    expect(MUNICIPAL_EMPLOYMENT).toEqual(["resursjobb", "valfardsjobb"]);
    // the report's note names the same forms: wage subsidy counts, the municipal employments do not
    expect(U40455_NOTE).toMatch(/lönebidrag\), men inte kommunala arbetsmarknadsanställningar \(resursjobb och välfärdsjobb\)/);
  });

  it("lists endings by detail and continued employment after a subsidised job", () => {
    const e = endedByDetail(participants, { from: "2023-01-01", to: "2023-04-30", by: [] }).objects() as Record<string, unknown>[];
    expect(e.filter((r) => r.gender === "T").map((r) => [r.endDetail, r.ended])).toEqual([["flytt", 1], ["sjukdom", 1], [null, 5]]);
    const c = T(continuedEmployment(participants, { from: "2023-01-01", to: "2023-12-31", subsidised: ["resursjobb"] }));
    expect(c).toMatchObject({ ended: 2, continued: 2, shareContinued: 1 });
  });
});

describe("age bands, target groups, time in programme", () => {
  it("bands ages at the reference date", () => {
    const t = participantsByAgeBand(participants, { ...period, by: [] });
    const band = (b: string) => T(t, { ageBand: b }).participants;
    // ages 2023: P1 23, P2 63, P3 33, P4 61, P5 38, P7 53, P8 65
    expect([band("–24"), band("25–"), band("under30"), band("60+"), band("okänd")]).toEqual([1, 6, 1, 3, 0]);
  });

  it("counts the focus groups of §74", () => {
    const t = participantsByTargetGroup(participants, { ...period, by: ["programme"] });
    expect(T(t, { programme: "PRAKT", targetGroup: "foreignBornAcademic" }).participants).toBe(1); // P7 over two rows
    expect(T(t, { programme: "PRAKT", targetGroup: "childrenUnder18" })).toMatchObject({ participants: 1, allParticipants: 2, share: 0.5 });
  });

  it("sums days per person and bands them, also for 60+", () => {
    const s = (durationSummary(participants, { refDate: "2023-04-30" }).objects() as Record<string, unknown>[]).filter((r) => r.gender === "T");
    // enrolled at 30 April, days counted inclusively: P1 (107 + 61 days), P4 (850), P5 (30)
    expect(s).toEqual([
      { ageGroup: "alla", gender: "T", persons: 3, medianDays: 168, medianMonths: 168 / (365.25 / 12) },
      { ageGroup: "60+", gender: "T", persons: 1, medianDays: 850, medianMonths: 850 / (365.25 / 12) },
    ]);
    const b = (durationBands(participants, { refDate: "2023-04-30" }).objects() as Record<string, unknown>[]).filter((r) => r.gender === "T" && r.persons);
    expect(b.map((r) => [r.ageGroup, r.band, r.persons])).toEqual([["alla", "0–3 mån", 1], ["alla", "3–6 mån", 1], ["alla", "24+ mån", 1], ["60+", "24+ mån", 1]]);
  });

  it("counts the end date as a day in programme: a same-day enrolment is 1 day", () => {
    const t = participantsTable([
      { person: P(20), gender: "K", birthYear: 1990, programme: "KORT", start: "2023-03-10", end: "2023-03-10", endReason: "D" },
      { person: P(21), gender: "M", birthYear: 1990, programme: "KORT", start: "2023-03-01", end: "2023-03-31", endReason: "D" },
      // started on the reference date: 1 day so far
      { person: P(22), gender: "K", birthYear: 1990, programme: "KORT", start: "2023-04-30" },
    ]);
    const d = personDurations(t, { refDate: "2023-04-30", population: "all" });
    expect([...d.values()].map((x) => x.days)).toEqual([1, 31, 1]);
  });
});
