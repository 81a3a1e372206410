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

  it("draws only groups whose every part is shown, and names the hidden ones", () => {
    expect(rowB).toMatchObject({ nK: 12, nM: 10, total: 22 });
    const spec = JSON.stringify(chart.spec);
    expect(spec).toContain('"group":"B"');
    expect(spec).not.toContain('"group":"A"');
    expect(chart.alt).toMatch(/\bA\b/);
  });
});
