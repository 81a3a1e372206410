/**
 * In a public report the same cells must be hidden in every chart and table: a chart's data table
 * shows the metric's own totals, not totals recomputed (and so re-suppressed) from the parts.
 */
import { describe, expect, it } from "vitest";
import * as aq from "arquero";
import { genderSplit } from "../../src/charts/gender-split.ts";
import { suppressCounts } from "../../src/metrics/suppress.ts";

describe("genderSplit after suppression", () => {
  // Programme A: 30 women, 33 men, 3 other/unknown → X suppressed, and one more part secondarily.
  const long = aq.from([
    { programme: "A", gender: "K", participants: 30 },
    { programme: "A", gender: "M", participants: 33 },
    { programme: "A", gender: "X", participants: 3 },
    { programme: "A", gender: "T", participants: 66 },
    { programme: "B", gender: "K", participants: 12 },
    { programme: "B", gender: "M", participants: 10 },
    { programme: "B", gender: "X", participants: 0 },
    { programme: "B", gender: "T", participants: 22 },
  ]);
  const shown = suppressCounts(long, { measures: ["participants"], groupKeys: ["programme"] });
  const chart = genderSplit(shown, { measure: "participants", by: "programme" });
  const rowA = chart.table.rows.find((r) => r.group === "A")!;
  const rowB = chart.table.rows.find((r) => r.group === "B")!;

  it("keeps the shown total of a group whose parts are partly suppressed", () => {
    const tA = (shown.objects() as { programme: string; gender: string; participants: number | null }[]).find((r) => r.programme === "A" && r.gender === "T")!;
    expect(tA.participants).toBe(66);
    expect(rowA.total).toBe(66);
    expect(rowA.nX).toBeNull();
    expect([rowA.nK, rowA.nM].filter((v) => v === null)).toHaveLength(1); // secondary suppression
  });

  it("draws every group: shown parts as shares of the shown total, hidden parts as one 'dolt' segment", () => {
    const values = (chart.spec as unknown as { vconcat: { data: { values: Record<string, unknown>[] } }[] }).vconcat[0].data.values;
    const a = values.filter((v) => v.group === "A");
    // A: the shown part is a share of the published total 66; K or M (secondary) and X are one hidden segment.
    const shownA = a.filter((v) => v.hidden !== true);
    expect(shownA).toHaveLength(1);
    expect([30 / 66, 33 / 66]).toContain(shownA[0].share);
    const hiddenA = a.filter((v) => v.hidden === true);
    expect(hiddenA).toHaveLength(1);
    expect(hiddenA[0]).toMatchObject({ x1: 1, count: null, label: "dolt" });
    expect(values.filter((v) => v.group === "B").map((v) => v.count)).toEqual([12, 10]);
    expect(chart.alt).toContain("Dolt: A (");
    // No hidden count, and nothing derived from hidden counts (their sum or shares), in the text.
    const hiddenValue = rowA.nK === null ? 30 : 33;
    const hiddenSum = 66 - ((rowA.nK ?? rowA.nM) as number);
    const numbers = chart.alt.replace(/\d+ värden visas inte/, "").match(/\d+/g) ?? [];
    for (const n of [3, hiddenValue, hiddenSum, Math.round((100 * hiddenSum) / 66)]) expect(numbers).not.toContain(String(n));
  });
});
