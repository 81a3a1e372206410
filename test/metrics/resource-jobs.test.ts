/**
 * Resource jobs for the disability committee (Västerås 000): known counts per year and gender,
 * continued employment, and the share of the target group with a resource job.
 */
import { describe, expect, it } from "vitest";
import { resourceJobsByYear } from "../../src/metrics/resource-jobs.ts";
import { participantsTable, type Enrolment } from "./fixtures.ts";

const P = (i: number) => `p${String(i).padStart(16, "0")}`;
const RJ = { employmentForm: "resursjobb", programme: "ANST" };
const rows: Enrolment[] = [
  // 2018: three resource jobs start (P1 K and P2 M with a disability, P3 K without)
  { person: P(1), gender: "K", ...RJ, start: "2018-02-01", end: "2018-12-15", endReason: "A", disability: true },
  { person: P(2), gender: "M", ...RJ, start: "2018-04-01", end: "2019-06-30", endReason: "E", disability: true },
  { person: P(3), gender: "K", ...RJ, start: "2018-09-01", end: "2018-12-31", endReason: "D", disability: false },
  // P4: disability, internship in 2018, then a resource job in 2019 that ends in work
  { person: P(4), gender: "M", programme: "PRAKT", start: "2018-05-01", end: "2019-02-28", endReason: "D", disability: true },
  { person: P(4), gender: "M", ...RJ, start: "2019-03-01", end: "2019-11-30", endReason: "A", disability: true },
  // 2019: P5 (gender unknown, disability) starts one that goes on; P3 a second one ending in work
  { person: P(5), gender: null, ...RJ, start: "2019-05-01", disability: true },
  { person: P(3), gender: "K", ...RJ, start: "2019-02-01", end: "2019-08-31", endReason: "A", disability: false },
  // P6: disability, in a programme in 2019 but no resource job
  { person: P(6), gender: "K", programme: "PRAKT", start: "2019-01-10", end: "2019-04-30", endReason: "B", disability: true },
  // 2020: a resource job recognised by its programme code only
  { person: P(7), gender: "K", programme: "Resursjobb", start: "2020-02-01", disability: true },
  // before the model: not counted
  { person: P(8), gender: "M", ...RJ, start: "2017-05-01", end: "2017-12-31", endReason: "A", disability: true },
];

type Row = Record<string, number | string | null>;
const table = resourceJobsByYear(participantsTable(rows), { fromYear: 2018, toYear: 2020 });
const at = (year: number, gender: string) => (table.objects() as Row[]).find((r) => r.year === year && r.gender === gender)!;

describe("resourceJobsByYear", () => {
  it("has every year and gender, parts adding up to the total", () => {
    expect(table.numRows()).toBe(12);
    for (const y of [2018, 2019, 2020]) {
      for (const m of ["resourceJobs", "resourceJobsDisability", "ended", "continued", "endedDisability", "continuedDisability", "targetGroup", "targetGroupWithResourceJob"]) {
        expect((at(y, "K")[m] as number) + (at(y, "M")[m] as number) + (at(y, "X")[m] as number)).toBe(at(y, "T")[m]);
      }
    }
  });

  it("counts 2018: three jobs, two to persons with a disability, one continued in work", () => {
    expect(at(2018, "T")).toMatchObject({ resourceJobs: 3, resourceJobsDisability: 2, ended: 2, continued: 1, endedDisability: 1, continuedDisability: 1, targetGroup: 3, targetGroupWithResourceJob: 2 });
    expect([at(2018, "K").resourceJobs, at(2018, "M").resourceJobs]).toEqual([2, 1]);
    expect([at(2018, "K").resourceJobsDisability, at(2018, "M").resourceJobsDisability]).toEqual([1, 1]);
    expect(at(2018, "T").shareDisability).toBeCloseTo(2 / 3, 12);
    expect(at(2018, "T").shareTargetGroup).toBeCloseTo(2 / 3, 12);
  });

  it("counts 2019 by gender, the unknown gender kept as X", () => {
    expect(at(2019, "T")).toMatchObject({ resourceJobs: 3, resourceJobsDisability: 2, ended: 3, continued: 2, endedDisability: 2, continuedDisability: 1, targetGroup: 4, targetGroupWithResourceJob: 3 });
    expect(at(2019, "M")).toMatchObject({ resourceJobsDisability: 1, endedDisability: 2, continuedDisability: 1, targetGroup: 2, targetGroupWithResourceJob: 2 });
    expect(at(2019, "X")).toMatchObject({ resourceJobs: 1, resourceJobsDisability: 1, targetGroup: 1, targetGroupWithResourceJob: 1 });
    expect(at(2019, "K")).toMatchObject({ resourceJobs: 1, resourceJobsDisability: 0, continued: 1, targetGroup: 1, targetGroupWithResourceJob: 0 });
    expect(at(2019, "T").shareContinuedDisability).toBe(0.5);
    expect(at(2019, "T").shareTargetGroup).toBe(0.75);
  });

  it("recognises a resource job by its programme code and stops at refDate", () => {
    expect(at(2020, "T")).toMatchObject({ resourceJobs: 1, resourceJobsDisability: 1, ended: 0, targetGroup: 2, targetGroupWithResourceJob: 2, shareContinuedDisability: null });
    const early = resourceJobsByYear(participantsTable(rows), { fromYear: 2018, refDate: "2019-04-30", genderSplit: false }).objects() as Row[];
    expect(early.map((r) => [r.year, r.resourceJobs, r.ended])).toEqual([[2018, 3, 2], [2019, 2, 0]]);
    expect(() => resourceJobsByYear(participantsTable(rows))).toThrow(RangeError);
  });
});
