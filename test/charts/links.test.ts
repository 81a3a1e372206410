/**
 * A chart's data table links each count it shows to the disclosure-model cell of the metric row
 * it came from (the `cell:<measure>` columns of a registered table), so the report can check that
 * charts show the same cells as its tables. Sums of several rows get no link.
 */
import { describe, expect, it } from "vitest";
import { genderSplit } from "../../src/charts/gender-split.ts";
import { outcomesByReason } from "../../src/charts/outcomes-by-reason.ts";
import { ageDistribution } from "../../src/charts/age-distribution.ts";
import { LINK_PREFIX } from "../../src/charts/links.ts";
import { linkColumn } from "../../src/disclosure/register.ts";

describe("chart table links", () => {
  it("use the link columns of the disclosure register", () => {
    expect(`${LINK_PREFIX}participants`).toBe(linkColumn("participants"));
  });

  it("genderSplit links each part and the total to its row's cell; a hidden cell keeps its link", () => {
    const c = genderSplit([
      { programme: "A", gender: "K", participants: 20, "cell:participants": "t1/A/K" },
      { programme: "A", gender: "M", participants: null, "cell:participants": "t1/A/M" },
      { programme: "A", gender: "T", participants: 24, "cell:participants": "t1/A/T" },
      { programme: "B", gender: "K", participants: 7, "cell:participants": "t1/B/K" },
      { programme: "B", gender: "M", participants: 9, "cell:participants": "t1/B/M" },
      { programme: "B", gender: "T", participants: 16, "cell:participants": "t1/B/T" },
    ]);
    expect(c.table.links).toEqual([
      { nK: "t1/A/K", nM: "t1/A/M", total: "t1/A/T" },
      { nK: "t1/B/K", nM: "t1/B/M", total: "t1/B/T" },
    ]);
    expect(c.table.rows[0]).toMatchObject({ nK: 20, nM: null, total: 24 });
  });

  it("outcomesByReason links reasons and `ended`; summed genders get no link", () => {
    const t = outcomesByReason([
      { programme: "A", gender: "T", endedA: 5, endedB: null, endedC: 0, endedD: 0, endedE: 0, ended: 9, "cell:endedA": "a", "cell:endedB": "b", "cell:endedC": "c", "cell:endedD": "d", "cell:endedE": "e", "cell:ended": "t" },
    ]);
    expect(t.table.links).toEqual([{ endedA: "a", endedB: "b", endedC: "c", endedD: "d", endedE: "e", total: "t" }]);
    const summed = outcomesByReason([
      { programme: "A", gender: "K", endedA: 5, endedB: 1, endedC: 0, endedD: 0, endedE: 0, "cell:endedA": "ak", "cell:endedB": "bk" },
      { programme: "A", gender: "M", endedA: 6, endedB: 2, endedC: 0, endedD: 0, endedE: 0, "cell:endedA": "am", "cell:endedB": "bm" },
    ]);
    expect(summed.table.rows[0]).toMatchObject({ endedA: 11, endedB: 3 });
    expect(Object.keys(summed.table.links?.[0] ?? {})).toEqual([]);
  });

  it("an unregistered table gives no links at all", () => {
    const a = ageDistribution([
      { ageBand: "–24", gender: "K", participants: 6 },
      { ageBand: "–24", gender: "M", participants: 7 },
    ]);
    expect(a.table.links).toBeUndefined();
  });
});
