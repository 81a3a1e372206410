// The counts a derived column (a share, a rate, a median of a row's group) is computed from are
// resolved by one function (derivedSources in src/disclosure/register.ts) for both the report's
// applySuppression and the one-table suppressCounts. A named count the table lacks (no row of its
// gender in the group, or no number in its row) makes the value count as computed from every count
// of its group: it is hidden whenever any of them is.
import * as aq from "arquero";
import { describe, expect, it } from "vitest";
import { applySuppression, cellId, derivedSources, type PersonTableSpec } from "../../src/disclosure/register.ts";
import { suppressCounts } from "../../src/metrics/suppress.ts";

type Row = Record<string, unknown>;

/**
 * The table through suppressCounts, and through applySuppression with the cells of the counts
 * suppressCounts hid: the same hidden counts, so the derived columns must come out the same.
 */
function bothWays(rows: Row[], spec: PersonTableSpec, threshold = 5): { one: Row[]; report: Row[]; suppressed: Set<string> } {
  const table = aq.from(rows);
  const one = suppressCounts(table, {
    measures: [...spec.measures],
    groupKeys: [...spec.groupKeys],
    derived: spec.derived as Record<string, string[]> | undefined,
    threshold,
  }).objects() as Row[];
  const suppressed = new Set<string>();
  rows.forEach((row, i) => {
    const keys = Object.fromEntries(spec.groupKeys.map((k) => [k, row[k] ?? null]));
    for (const m of spec.measures) {
      if (one[i][`suppressed_${m}`] === true && typeof row[m] === "number") suppressed.add(cellId(spec.name!, m, keys, (row.gender as string | undefined) ?? "T"));
    }
  });
  const report = applySuppression(table, spec, suppressed).objects() as Row[];
  return { one, report, suppressed };
}

const column = (rows: Row[], c: string) => rows.map((r) => r[c]);

const YEARS: PersonTableSpec = { name: "ar", measures: ["participants"], groupKeys: ["year"] };

/** A year's participants by gender, each with its share of the year's K + M + X. */
function yearOf(year: number, participants: Record<string, number>): Row[] {
  const total = Object.entries(participants).reduce((sum, [g, n]) => (g === "T" ? sum : sum + n), 0);
  return Object.entries(participants).map(([gender, n]) => ({ year, gender, participants: n, shareOfParticipants: n / total }));
}

describe("one resolution of a derived column's counts for applySuppression and suppressCounts", () => {
  it("a count named in a row that has no number for it: both hide the value with the group's hidden counts", () => {
    // The rate is computed from T's x, which the table leaves blank; K's x (3) is small.
    // Before: applySuppression fell back to the row's own counts (hidden), suppressCounts counted
    // the blank as a shown count (the rate shown beside K's hidden 3).
    const spec: PersonTableSpec = { name: "p", measures: ["x", "y"], groupKeys: ["g"], derived: { rate: ["x@T"] } };
    const rows = [
      { g: "a", gender: "K", x: 3, y: 40, rate: 0.6 },
      { g: "a", gender: "T", x: null, y: 80, rate: 1 },
    ];
    const { one, report } = bothWays(rows, spec);
    expect(column(one, "x")).toEqual([null, null]);
    expect(column(one, "rate")).toEqual([null, null]);
    expect(column(report, "rate")).toEqual(column(one, "rate"));
  });

  it("a table without a gender column: percentOfParticipants (of K, M, X, T) is hidden with the row's hidden counts by both", () => {
    // Before: applySuppression read the row as the T row, so the share depended on its
    // participants only (shown); suppressCounts found no K/M/X/T row and hid it with `ended`.
    const spec: PersonTableSpec = { name: "ar", measures: ["participants", "ended"], groupKeys: ["year"] };
    const rows = [
      { year: 2023, participants: 30, ended: 2, percentOfParticipants: 100 },
      { year: 2024, participants: 40, ended: 12, percentOfParticipants: 100 },
    ];
    const { one, report } = bothWays(rows, spec);
    expect(column(one, "ended")).toEqual([null, 12]);
    expect(column(one, "percentOfParticipants")).toEqual([null, 100]);
    expect(column(report, "percentOfParticipants")).toEqual(column(one, "percentOfParticipants"));
  });

  it("a gender's share of a T the table lacks is hidden when a count of the group is (K + M + X = T would tell it)", () => {
    // No T row: 13 / 0.48148 gives T = 27, and 27 − 13 − 12 the hidden X = 2. Before, both
    // callers showed K's and M's shares (their named counts: their own participants only).
    const rows = [...yearOf(2023, { K: 13, M: 12, X: 2 }), ...yearOf(2024, { K: 20, M: 20 })];
    const { one, report } = bothWays(rows, YEARS);
    expect(column(one, "participants")).toEqual([13, 12, null, 20, 20]);
    expect(column(one, "shareOfParticipants")).toEqual([null, null, null, 0.5, 0.5]);
    expect(column(report, "shareOfParticipants")).toEqual(column(one, "shareOfParticipants"));
    // Wherever such a share is shown, every count of its group counts as shown.
    const id = (year: number, gender: string) => cellId("ar", "participants", { year }, gender);
    expect(report[0]["cells:shareOfParticipants"]).toEqual([id(2023, "K"), id(2023, "M"), id(2023, "X")]);
    expect(report[3]["cells:shareOfParticipants"]).toEqual([id(2024, "K"), id(2024, "M")]);
  });

  it("a group with its T row is unchanged: a share is hidden with its own count or T's only", () => {
    const { one, report } = bothWays(yearOf(2023, { K: 13, M: 12, X: 2, T: 27 }), YEARS);
    // X primary, M (the smaller other part) secondary; K's share shown beside the shown T.
    expect(column(one, "participants")).toEqual([13, null, null, 27]);
    expect(column(one, "shareOfParticipants")).toEqual([13 / 27, null, null, 1]);
    expect(column(report, "shareOfParticipants")).toEqual(column(one, "shareOfParticipants"));
    const id = (gender: string) => cellId("ar", "participants", { year: 2023 }, gender);
    expect(report[0]["cells:shareOfParticipants"]).toEqual([id("K"), id("T")]);
  });

  it("derivedSources names the counts by row and measure", () => {
    const rows: Row[] = [
      { year: 2023, gender: "K", participants: 13, ended: 4, shareOfParticipants: 0.5, medianDays: 30 },
      { year: 2023, gender: "T", participants: 26, ended: null, shareOfParticipants: 1, medianDays: 40 },
    ];
    const spec = { measures: ["participants", "ended"], groupKeys: ["year"], derived: { medianDays: ["ended"] } };
    const { derived, countsOf } = derivedSources(Object.keys(rows[0]), rows, spec);
    expect([...derived.keys()]).toEqual(["shareOfParticipants", "medianDays"]);
    expect(countsOf(0, "shareOfParticipants")).toEqual([{ row: 0, measure: "participants" }, { row: 1, measure: "participants" }]);
    expect(countsOf(0, "medianDays")).toEqual([{ row: 0, measure: "ended" }]);
    // T's `ended` is blank: its median counts as computed from every count of the group.
    expect(countsOf(1, "medianDays")).toEqual([{ row: 0, measure: "participants" }, { row: 0, measure: "ended" }, { row: 1, measure: "participants" }]);
  });
});
