// The chart the new report sections use for a share against a goal or requirement (offer rate
// against 100 %, attendance against 80 %, places used against the agreed places).
import { describe, expect, it } from "vitest";
import { shareAgainstGoal } from "../../src/charts/share-against-goal.ts";
import { renderSvg } from "../../src/render/svg.ts";
import { plain } from "./fixture.ts";

const rows = [
  { month: "2023-01", gender: "T", offerRate: 0.5 },
  { month: "2023-01", gender: "K", offerRate: 0.9 },
  { month: "2023-02", gender: "T", offerRate: null }, // hidden: its counts are suppressed
  { month: "2023-03", gender: "T", offerRate: Number.NaN }, // missing: no one to divide by
  { month: "2023-04", gender: "T", offerRate: 1 },
];

describe("shareAgainstGoal", () => {
  const c = shareAgainstGoal(rows, { by: "month", byLabel: "Månad", measure: "offerRate", measureLabel: "Andel med insats", goal: 1, title: "Andel med insats per månad", name: "andel", period: "2023-04" });

  it("keeps every group of the T rows, months in words, hidden and missing apart", () => {
    expect(c.table.rows).toEqual([
      { group: "januari 2023", share: 0.5, goal: 1 },
      { group: "februari 2023", share: null, goal: 1 },
      { group: "mars 2023", share: null, goal: 1 },
      { group: "april 2023", share: 1, goal: 1 },
    ]);
    expect(c.table.columns.map((col) => col.format)).toEqual(["text", "percent", "percent"]);
    expect(c.period).toBe("januari–april 2023");
  });

  it("says in words what is shown, lowest and highest, how many reach the goal, and what is hidden", () => {
    expect(plain(c.alt)).toContain("andel med insats per månad mot målet 100 %");
    expect(plain(c.alt)).toContain("Lägst januari 2023 (50 %), högst april 2023 (100 %).");
    expect(plain(c.alt)).toContain("1 av 2 når målet.");
    expect(plain(c.alt)).toContain("februari 2023");
    expect(c.table.note).toContain("februari 2023");
  });

  it("names a requirement as such and draws the line with its label", async () => {
    const req = shareAgainstGoal([{ provider: "Lärande AB", attendanceRate: 0.72 }], { by: "provider", byLabel: "Utförare", measure: "attendanceRate", measureLabel: "Närvaro", goal: 0.8, goalLabel: "Krav", title: "Närvaro", name: "narvaro" });
    expect(plain(req.alt)).toContain("mot kravet 80 %");
    expect(plain(req.alt)).toContain("0 av 1 når kravet.");
    const svg = plain(await renderSvg(req.spec, { idPrefix: "t" }));
    expect(svg).toContain("Krav 80 %");
    expect(svg).toContain("72 %");
  });

  it("refuses a goal that is not a positive share, and no rows", () => {
    expect(() => shareAgainstGoal(rows, { by: "month", byLabel: "Månad", measure: "offerRate", measureLabel: "x", goal: 0, title: "t", name: "n" })).toThrow(RangeError);
    expect(() => shareAgainstGoal([], { by: "month", byLabel: "Månad", measure: "offerRate", measureLabel: "x", goal: 1, title: "t", name: "n" })).toThrow();
  });
});
