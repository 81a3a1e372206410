/**
 * Category labels read alike: free-text categories start with a capital ("avbrott" beside
 * "Arbetsförmedlingen"), and a missing one reads "Uppgift saknas", not "–", in tables and charts.
 */
import { describe, expect, it } from "vitest";
import * as aq from "arquero";
import { categoryLabel, MISSING_CATEGORY } from "../../src/tables/labels.ts";
import { genderTable } from "../../src/tables/gender.ts";
import { outcomesByReason } from "../../src/charts/outcomes-by-reason.ts";
import { ageDistribution } from "../../src/charts/age-distribution.ts";

describe("categoryLabel", () => {
  it("capitalises the first letter and names a missing value", () => {
    expect(categoryLabel("avbrott")).toBe("Avbrott");
    expect(categoryLabel("Arbetsförmedlingen")).toBe("Arbetsförmedlingen");
    expect(categoryLabel("övrigt")).toBe("Övrigt");
    expect(categoryLabel("60+")).toBe("60+");
    for (const v of [null, undefined, "", "  ", "–", "-"]) expect(categoryLabel(v)).toBe(MISSING_CATEGORY);
    expect(MISSING_CATEGORY).toBe("Uppgift saknas");
  });
});

describe("ended by reason detail as a table", () => {
  // endedByDetail-shaped rows: a lower-case detail, a capitalised one and a missing one.
  const rows = [
    { endDetail: "avbrott", gender: "K", ended: 2 },
    { endDetail: "avbrott", gender: "M", ended: 3 },
    { endDetail: "avbrott", gender: "X", ended: 0 },
    { endDetail: "avbrott", gender: "T", ended: 5 },
    { endDetail: "Arbetsförmedlingen", gender: "K", ended: 4 },
    { endDetail: "Arbetsförmedlingen", gender: "M", ended: 4 },
    { endDetail: "Arbetsförmedlingen", gender: "X", ended: 0 },
    { endDetail: "Arbetsförmedlingen", gender: "T", ended: 8 },
    { endDetail: null, gender: "K", ended: 1 },
    { endDetail: null, gender: "M", ended: 6 },
    { endDetail: null, gender: "X", ended: 0 },
    { endDetail: null, gender: "T", ended: 7 },
  ];
  it("shows every reason with a capital and the missing one as 'Uppgift saknas'", () => {
    const t = genderTable(aq.from(rows), { name: "avslut", caption: "Avslut", keys: [{ key: "endDetail", label: "Orsak" }], measure: "ended", measureLabel: "Avslutade" });
    expect(t.rows.map((r) => [r.endDetail, r.T])).toEqual(
      expect.arrayContaining([["Avbrott", 5], ["Arbetsförmedlingen", 8], ["Uppgift saknas", 7]]),
    );
    expect(t.rows.map((r) => r.endDetail)).not.toContain("–");
  });
});

describe("charts name a missing group", () => {
  it("outcomesByReason and ageDistribution label a missing key 'Uppgift saknas'", () => {
    const o = outcomesByReason([{ programme: null, gender: "T", endedA: 5, endedB: 5, endedC: 0, endedD: 0, endedE: 0 }]);
    expect(o.table.rows[0].group).toBe("Uppgift saknas");
    const a = ageDistribution([
      { ageBand: null as unknown as string, gender: "K", participants: 6 },
      { ageBand: null as unknown as string, gender: "M", participants: 7 },
    ]);
    expect(a.table.rows[0].band).toBe("Uppgift saknas");
  });
});
