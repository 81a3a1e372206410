/** Rendering prints nothing: Vega-Lite/vega warnings go to an injected handler, and the chart builders cause none. */
import { afterEach, beforeEach, describe, expect, it, vi, type MockInstance } from "vitest";
import type { TopLevelSpec } from "vega-lite";
import { renderSvg } from "../../src/render/svg.ts";
import type { Chart } from "../../src/charts/types.ts";
import { budgetByUnit } from "../../src/charts/budget-by-unit.ts";
import { cumulativeOutcome } from "../../src/charts/cumulative-outcome.ts";
import { koladaComparison } from "../../src/charts/kolada-comparison.ts";
import { outcomesByReason } from "../../src/charts/outcomes-by-reason.ts";
import { genderSplit } from "../../src/charts/gender-split.ts";
import { ageDistribution } from "../../src/charts/age-distribution.ts";
import { timeInProgramme } from "../../src/charts/time-in-programme.ts";
import { goalProgress } from "../../src/charts/goal-progress.ts";
import { THEME_CONFIG } from "../../src/charts/theme.ts";
import { AGES, BUDGET, CUMULATIVE, GENDER, KOLADA, OUTCOMES, PROGRAMME_NAMES, TIMES } from "./fixtures.ts";

let spies: MockInstance[] = [];
beforeEach(() => {
  spies = (["warn", "error", "log", "info", "debug"] as const).map((m) => vi.spyOn(console, m).mockImplementation(() => undefined));
});
afterEach(() => {
  for (const s of spies) s.mockRestore();
});
const consoleCalls = () => spies.reduce((n, s) => n + s.mock.calls.length, 0);

/** The cumulative chart as it was before its legends were unified: shape with `legend: null`
 *  beside colour with a legend on the same field makes Vega-Lite warn "Conflicting legend property". */
function conflictingSpec(): TopLevelSpec {
  const spec = structuredClone(cumulativeOutcome(CUMULATIVE).spec) as unknown as { vconcat: { layer: { encoding: Record<string, { legend?: unknown }> }[] }[] };
  const layers = spec.vconcat[0].layer;
  layers[0].encoding.strokeDash.legend = null;
  layers[1].encoding.shape.legend = null;
  return spec as unknown as TopLevelSpec;
}
const conflicting = conflictingSpec();

describe("renderSvg logging", () => {
  it("sends Vega-Lite warnings to onWarning, not the console", async () => {
    const warnings: string[] = [];
    const svg = await renderSvg(conflicting, { idPrefix: "q1-", onWarning: (w) => warnings.push(w) });
    expect(svg).toMatch(/^<svg/);
    expect(warnings.length).toBeGreaterThan(0);
    expect(warnings.join("\n")).toContain("Conflicting legend property");
    expect(consoleCalls()).toBe(0);
  });

  it("drops warnings without a handler, and prints nothing", async () => {
    await renderSvg(conflicting, { idPrefix: "q2-" });
    expect(consoleCalls()).toBe(0);
  });

  it("gives the same SVG with and without a handler", async () => {
    const a = await renderSvg(conflicting, { idPrefix: "q3-" });
    const b = await renderSvg(conflicting, { idPrefix: "q3-", onWarning: () => undefined });
    expect(a).toBe(b);
  });
});

describe("chart builders", () => {
  const YEAR = Array.from({ length: 12 }, (_, i) => ({ month: `2023-${String(i + 1).padStart(2, "0")}`, budgetCumulative: (i + 1) * 1e9, outcomeCumulative: (i + 1) * 9.5e8, forecastCumulative: (i + 1) * 9.8e8 }));
  const charts: [string, () => Chart][] = [
    ["budgetByUnit period", () => budgetByUnit(BUDGET, { period: "2023-04" })],
    ["budgetByUnit year", () => budgetByUnit(BUDGET, { period: "2023-04", show: "year" })],
    ["cumulativeOutcome", () => cumulativeOutcome(CUMULATIVE)],
    ["cumulativeOutcome through, with forecast", () => cumulativeOutcome(YEAR, { through: "2023-04" })],
    ["koladaComparison", () => koladaComparison(KOLADA, { kpi: "U40455", title: "Andel", unit: "%", period: 2023 })],
    ["outcomesByReason", () => outcomesByReason(OUTCOMES, { labels: PROGRAMME_NAMES })],
    ["genderSplit", () => genderSplit(GENDER, { measure: "participants", by: "programme" })],
    ["ageDistribution", () => ageDistribution(AGES)],
    ["timeInProgramme", () => timeInProgramme(TIMES)],
    ["goalProgress", () => goalProgress({ target: 150, achieved: 74, projected: 132, refDate: Date.UTC(2023, 3, 30), to: Date.UTC(2023, 11, 31), label: "150 jobb" })],
  ];
  it.each(charts)("%s compiles and renders without a warning", async (_name, build) => {
    const warnings: string[] = [];
    await renderSvg(build().spec, { idPrefix: "q-", onWarning: (w) => warnings.push(w) });
    expect(warnings).toEqual([]);
    expect(consoleCalls()).toBe(0);
  });
});
