/**
 * Eskilstuna "150 jobb" (seed 001): 91 persons covered, of whom 56 in employment and 35 in
 * internship; 7 more ended (pension, moving, illness); 18 fixed-term; 23 job specialists with
 * about 380 clients; the target of 150 will not be met this year.
 */
import { describe, expect, it } from "vitest";
import * as aq from "arquero";
import { goalProgress, goalProgressTable } from "../../src/metrics/goals.ts";
import { caseload } from "../../src/metrics/capacity.ts";
import { addDays, d, participantsTable, pid, rng, type Enrolment } from "./fixtures.ts";

const PROG = "IPS150";
const REF = "2023-09-30";
const target = { value: 150, from: "2023-01-01", to: "2023-12-31", programme: PROG };

function eskilstunaRows(): Enrolment[] {
  const r = rng(1);
  const rows: Enrolment[] = [];
  const base = (i: number): Omit<Enrolment, "start" | "programme"> => ({
    person: pid("e", i),
    gender: i % 17 === 0 ? null : r() < 0.45 ? "K" : "M",
    birthYear: 1960 + Math.floor(r() * 40),
    unit: "IPS",
    provider: "AME Egen regi",
    disability: true,
  });
  // 56 in employment: 18 fixed-term, 20 permanent, 10 wage subsidy, 5 resource job, 3 welfare job
  const forms = [
    ...Array(18).fill("visstid"), ...Array(20).fill("tillsvidare"), ...Array(10).fill("lonebidrag"),
    ...Array(5).fill("resursjobb"), ...Array(3).fill("valfardsjobb"), ...Array(35).fill("praktik"),
  ] as string[];
  forms.forEach((form, i) => {
    const b = base(i);
    const start = addDays("2022-03-01", Math.floor(r() * 540)); // 2022-03 .. 2023-08
    if (form !== "praktik" && i % 2 === 0) {
      // came from an internship in the same programme that ended with work: still covered, not "ended"
      const prevStart = addDays(start, -120 - Math.floor(r() * 60));
      rows.push({ ...b, programme: PROG, start: prevStart, end: addDays(start, -1), endReason: "A", employmentForm: "praktik", decisionDate: addDays(prevStart, -7) });
    }
    rows.push({ ...b, programme: PROG, start, decisionDate: addDays(start, -10), employmentForm: form });
    // some also have an ongoing enrolment in another programme (not part of the target)
    if (i % 9 === 0) rows.push({ ...b, programme: "ARBTR", start: addDays(start, 5), employmentForm: "arbetstraning" });
  });
  // 7 ended in the target period: pension 3, moving 2, illness 2
  const ended = ["pension", "pension", "pension", "flytt", "flytt", "sjukdom", "sjukdom"];
  ended.forEach((detail, j) => {
    const b = base(200 + j);
    const end = addDays("2023-02-01", j * 30);
    rows.push({ ...b, programme: PROG, start: addDays(end, -300), end, endReason: detail === "sjukdom" ? "C" : "E", endDetail: detail, employmentForm: j % 2 ? "praktik" : "visstid" });
  });
  // not counted: ended before the target period, starts after refDate, other programmes only
  for (let j = 0; j < 6; j++) rows.push({ ...base(300 + j), programme: PROG, start: "2021-05-01", end: addDays("2022-06-01", j * 20), endReason: "A", employmentForm: "tillsvidare" });
  rows.push({ ...base(310), programme: PROG, start: "2023-10-16", employmentForm: "praktik" });
  for (let j = 0; j < 12; j++) rows.push({ ...base(400 + j), programme: "ARBTR", start: addDays("2023-01-09", j * 7), employmentForm: "tillsvidare" });
  return rows;
}

describe("Eskilstuna 150 jobb (seed 001)", () => {
  const participants = participantsTable(eskilstunaRows());

  it("reproduces covered 91 = 56 employed + 35 internship, 18 fixed-term, 7 ended", () => {
    expect(participants.numRows()).toBeGreaterThan(150);
    const g = goalProgress(participants, target, { refDate: REF });
    expect(g.covered).toBe(91);
    expect(g.employed).toBe(56);
    expect(g.internship).toBe(35);
    expect(g.other).toBe(0);
    expect(g.fixedTerm).toBe(18);
    expect(g.ended).toBe(7);
    expect(g.endedByDetail).toEqual([
      { endDetail: "flytt", persons: 2 },
      { endDetail: "pension", persons: 3 },
      { endDetail: "sjukdom", persons: 2 },
    ]);
    expect(g.achieved).toBe(56);
    expect(g.coveredByGender.K + g.coveredByGender.M + g.coveredByGender.X).toBe(91);
  });

  it("projects from the change since 1 January and reports the target of 150 as not met", () => {
    const g = goalProgress(participants, target, { refDate: REF });
    expect(g.totalDays).toBe(365);
    expect(g.elapsedDays).toBe(273); // 1 Jan – 30 Sep inclusive
    // oracle from the rows: persons of the programme in an employment on 1 January
    const employment = ["tillsvidare", "visstid", "lonebidrag", "resursjobb", "valfardsjobb"];
    const atStart = new Set(
      eskilstunaRows()
        .filter((r) => r.programme === PROG && d(r.start) <= d("2023-01-01") && (!r.end || d(r.end) >= d("2023-01-01")))
        .filter((r) => employment.includes(r.employmentForm ?? ""))
        .map((r) => r.person),
    ).size;
    expect(atStart).toBeGreaterThan(10);
    expect(g.employedAtStart).toBe(atStart);
    expect(g.projectionMethod).toBe("change");
    // 364 days from 1 Jan to 31 Dec, 272 from 1 Jan to 30 Sep
    expect(g.projection).toBeCloseTo(atStart + ((56 - atStart) * 364) / 272, 10);
    expect(g.willMeet).toBe(false);
    // the old method, from zero on 1 January, is still there when asked for
    const z = goalProgress(participants, target, { refDate: REF, projection: "fromZero" });
    expect(z.projectionMethod).toBe("fromZero");
    expect(z.projection).toBeCloseTo((56 / 273) * 365, 10);
    expect(Math.round(z.projection as number)).toBe(75);
    // the same people and a target of 60 would be met
    expect(goalProgress(participants, { ...target, value: 60 }, { refDate: REF }).willMeet).toBe(true);
  });

  it("projects 62 employed on 1 January and 63 on 30 September to about 63, not 84", () => {
    const rows: Enrolment[] = [];
    for (let i = 0; i < 62; i++) rows.push({ person: pid("g", i), gender: i % 2 ? "K" : "M", programme: PROG, start: addDays("2022-02-01", i), employmentForm: "tillsvidare" });
    rows.push({ person: pid("g", 62), gender: "K", programme: PROG, start: "2022-06-01", employmentForm: "praktik" });
    rows.push({ person: pid("g", 62), gender: "K", programme: PROG, start: "2023-05-02", employmentForm: "visstid" });
    const t = participantsTable(rows);
    const g = goalProgress(t, target, { refDate: REF });
    expect([g.employedAtStart, g.employed]).toEqual([62, 63]);
    expect(g.projection).toBeCloseTo(62 + 364 / 272, 10);
    expect(Math.round(g.projection as number)).toBe(63);
    expect(Math.round(goalProgress(t, target, { refDate: REF, projection: "fromZero" }).projection as number)).toBe(84);
    // no day has passed: nothing to project from
    expect(goalProgress(t, target, { refDate: "2023-01-01" }).projection).toBeNull();
  });

  it("gives the same figures in gender long form, parts adding to the total", () => {
    const t = goalProgressTable(participants, target, { refDate: REF }).objects() as Record<string, number | string>[];
    expect(t.map((r) => r.gender)).toEqual(["K", "M", "X", "T"]);
    const T = t[3];
    expect([T.covered, T.employed, T.internship, T.fixedTerm, T.ended]).toEqual([91, 56, 35, 18, 7]);
    for (const m of ["covered", "employed", "fixedTerm", "internship", "other", "ended"]) {
      expect((t[0][m] as number) + (t[1][m] as number) + (t[2][m] as number)).toBe(T[m]);
    }
    expect(t[2].covered).toBeGreaterThan(0); // persons without gender are kept as X
  });

  it("computes 380 clients on 23 specialists = 16.52… printed 16.5", () => {
    const staffing = aq.table({
      month: ["2023-07", "2023-07", "2023-08", "2023-08", "2023-09", "2023-09", "2023-09", "2023-09"],
      unit: ["IPS", "Stödteam", "IPS", "Stödteam", "IPS", "IPS", "Stödteam", "Stödteam"],
      specialists: Float64Array.from([22, 4.5, 22.5, 4.5, 12, 11, 4, 0.5]),
      activeClients: Float64Array.from([361, 40, 372, 41, 198, 182, 38, 4]),
    });
    const rows = caseload(staffing, { month: "2023-09" }).objects() as Record<string, unknown>[];
    expect(rows).toHaveLength(2);
    const ips = rows.find((x) => x.unit === "IPS")!;
    expect(ips.specialists).toBe(23);
    expect(ips.activeClients).toBe(380);
    expect(ips.clientsPerSpecialist).toBe(380 / 23);
    expect(ips.clientsPerSpecialistRounded).toBe(16.5);
    const st = rows.find((x) => x.unit === "Stödteam")!;
    expect(st.clientsPerSpecialistRounded).toBe(9.3); // 42 / 4.5 = 9.33…
  });
});
