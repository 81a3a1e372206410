/** Focus groups of Västerås 002 §74 among recipients of financial assistance, and providers
 * compared on outcomes for them. */
import { describe, expect, it } from "vitest";
import * as aq from "arquero";
import { assistanceFocusGroups, providerOutcomes } from "../../src/metrics/assistance-focus.ts";
import { participantsTable } from "./fixtures.ts";

const P = (i: number) => `p${String(i).padStart(16, "0")}`;
const participants = participantsTable([
  { person: P(1), gender: "K", birthYear: 1998, programme: "JOBBSP", provider: "AME", start: "2023-02-01", end: "2023-02-28", endReason: "A", employmentForm: "visstid" },
  { person: P(3), gender: "K", birthYear: 1980, programme: "PRAKT", provider: "AME", start: "2022-06-01", end: "2022-12-15", endReason: "D", foreignBorn: true, academicDegree: true },
  { person: P(4), gender: "M", birthYear: 2001, programme: "PRAKT", provider: "Lärande AB", start: "2023-03-06", foreignBorn: true, academicDegree: false },
  { person: P(5), gender: null, birthYear: 1995, programme: "SPRAK", provider: "Lärande AB", start: "2022-11-01", end: "2023-01-31", endReason: "B", childrenUnder18: true },
  // not a recipient: ends in work at AME too
  { person: P(9), gender: "M", birthYear: 1990, programme: "JOBBSP", provider: "AME", start: "2023-01-09", end: "2023-02-20", endReason: "B" },
]);

const assistance = aq.table({
  person: [P(1), P(1), P(2), P(3), P(4), P(5), P(6), P(2)],
  gender: ["K", "K", "M", "K", "M", null, "K", "M"],
  month: ["2023-01", "2023-02", "2023-01", "2023-03", "2023-03", "2023-01", "2023-05", "2023-02"],
  household: ["Ensamstående med barn", "Ensamstående med barn", "Ensamstående utan barn", "Sammanboende med barn", null, null, "Ensamstående med barn", "Ensamstående utan barn"],
});
const period = { from: "2023-01", to: "2023-03" };

type Row = Record<string, unknown>;
const pick = (t: aq.ColumnTable, fg: string, g: string) => (t.objects() as Row[]).find((r) => r.focusGroup === fg && r.gender === g)!;

describe("assistanceFocusGroups", () => {
  const t = assistanceFocusGroups(assistance, participants, { period });

  it("counts recipients in the period once, split by gender", () => {
    expect(t.numRows()).toBe(12);
    // P1, P2, P3, P4, P5 (P6 only in May)
    expect([pick(t, "under30", "K").recipients, pick(t, "under30", "M").recipients, pick(t, "under30", "X").recipients, pick(t, "under30", "T").recipients]).toEqual([2, 2, 1, 5]);
  });

  it("finds under 30 from birth years, unknown when no table has one", () => {
    // ages at 31 March 2023: P1 25, P3 43, P4 22, P5 28; P2 has no birth year
    expect(pick(t, "under30", "T")).toMatchObject({ inGroup: 3, unknown: 1, withActivity: 3, shareWithActivity: 1, shareOfRecipients: 0.6 });
  });

  it("finds parents from the household type, else the participants' flag", () => {
    // P1 and P3 "med barn", P2 "utan barn", P5 by flag, P4 unknown; active: P1 (Feb), P5 (Jan)
    expect(pick(t, "parentsUnder18", "T")).toMatchObject({ inGroup: 3, unknown: 1, withActivity: 2 });
    expect(pick(t, "parentsUnder18", "T").shareWithActivity).toBeCloseTo(2 / 3, 12);
    expect(pick(t, "parentsUnder18", "K")).toMatchObject({ inGroup: 2, withActivity: 1 });
    expect(pick(t, "parentsUnder18", "M")).toMatchObject({ inGroup: 0, unknown: 1 });
  });

  it("finds foreign-born with an academic degree; P3's programme ended before the period", () => {
    expect(pick(t, "foreignBornAcademic", "T")).toMatchObject({ inGroup: 1, unknown: 3, withActivity: 0, shareWithActivity: 0 });
  });

  it("prefers the assistance table's own columns", () => {
    const own = aq.table({
      person: [P(2), P(4)],
      gender: ["M", "M"],
      month: ["2023-01", "2023-03"],
      birthYear: Float64Array.from([1999, 1970]),
      childrenUnder18: [true, false],
      foreignBorn: [true, true],
      academicDegree: [true, true],
    });
    const o = assistanceFocusGroups(own, participants, { period, genderSplit: false });
    expect(o.numRows()).toBe(3);
    expect(pick(o, "under30", "T")).toMatchObject({ recipients: 2, inGroup: 1, withActivity: 0 }); // P2 24; P4's 1970 wins over 2001
    expect(pick(o, "parentsUnder18", "T")).toMatchObject({ inGroup: 1, unknown: 0 });
    expect(pick(o, "foreignBornAcademic", "T")).toMatchObject({ inGroup: 2, withActivity: 1 });
  });

  it("returns no rows without recipients in the period", () => {
    const none = assistanceFocusGroups(assistance, participants, { period: { from: "2022-01", to: "2022-03" } });
    expect(none.numRows()).toBe(0);
    expect(none.columnNames()).toContain("shareWithActivity");
  });
});

describe("providerOutcomes", () => {
  const opts = { from: "2023-01-01", to: "2023-03-31", refDate: "2023-03-31" };
  const T = (t: aq.ColumnTable, provider: string) => (t.objects() as Row[]).find((r) => r.provider === provider && r.gender === "T")!;

  it("compares providers on work or studies for recipients only", () => {
    const t = providerOutcomes(participants, assistance, opts);
    expect(T(t, "AME")).toMatchObject({ participants: 1, ended: 1, workOrStudies: 1, shareWorkOrStudies: 1 });
    expect(T(t, "Lärande AB")).toMatchObject({ participants: 2, ended: 1, workOrStudies: 1, enrolled: 1 });
    const all = providerOutcomes(participants, null, opts);
    expect(T(all, "AME")).toMatchObject({ participants: 2, ended: 2, workOrStudies: 2 });
  });
});
