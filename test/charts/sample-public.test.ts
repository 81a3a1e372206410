/**
 * The public charts of the sample that were broken: "Avslutade per insats" (empty, only an axis)
 * and "Deltagare per insats och kön" (3 of 10 programmes, "Totalt 326 deltagare"). Built from the
 * sample participants after small-count suppression, every programme stays in both charts.
 */
import { describe, expect, it } from "vitest";
import { loadParticipants } from "../../src/sources/participants.ts";
import { programmeOutcomes, OUTCOME_COUNTS } from "../../src/metrics/outcomes.ts";
import { yearToDate } from "../../src/metrics/period.ts";
import { suppressCounts } from "../../src/metrics/suppress.ts";
import { outcomesByReason } from "../../src/charts/outcomes-by-reason.ts";
import { genderSplit } from "../../src/charts/gender-split.ts";
import { renderSvg } from "../../src/render/svg.ts";

const texts = (svg: string) => [...svg.matchAll(/<text\b[^>]*>([^<]*)<\/text>/g)].map((m) => m[1]);

describe("public charts of the sample interim report (2023-04)", async () => {
  const participants = (await loadParticipants("data/sample/deltagare.csv")).table;
  const metric = programmeOutcomes(participants, { ...yearToDate("2023-04"), by: ["programme"] });
  const shown = suppressCounts(metric, { measures: [...OUTCOME_COUNTS], groupKeys: ["programme"] });
  const rows = shown.objects() as Record<string, unknown>[];
  const programmes = [...new Set(rows.map((r) => String(r.programme)))];
  const totals = (measure: string) => new Map(rows.filter((r) => r.gender === "T").map((r) => [String(r.programme), r[measure] as number | null]));

  it("has hidden cells to begin with (else this test proves nothing)", () => {
    expect(programmes.length).toBeGreaterThanOrEqual(5);
    expect(rows.some((r) => r.gender === "T" && ["endedA", "endedB", "endedC", "endedD", "endedE"].some((k) => r[k] === null))).toBe(true);
    expect(rows.some((r) => r.gender !== "T" && r.participants === null)).toBe(true);
  });

  it("'Avslutade per insats' keeps every programme, with shown segments and the published totals", async () => {
    const c = outcomesByReason(shown);
    const svg = await renderSvg(c.spec, { idPrefix: "s1-" });
    const t = texts(svg);
    for (const p of programmes) expect(t).toContain(p);
    expect((svg.match(/<path\b[^>]*fill="#0072B2"/g) ?? []).length).toBeGreaterThan(0); // reason A bars
    for (const [p, ended] of totals("ended")) {
      expect(c.table.rows.find((r) => r.group === p)?.total).toBe(ended);
      expect(t).toContain(ended === null ? "dolt" : String(ended));
    }
  });

  it("'Deltagare per insats och kön' keeps every programme and sums the published totals", async () => {
    const c = genderSplit(shown, { measure: "participants" });
    const t = texts(await renderSvg(c.spec, { idPrefix: "s2-" }));
    for (const p of programmes) expect(t).toContain(p);
    const published = [...totals("participants").values()];
    const sum = published.filter((v): v is number => v !== null).reduce((s, v) => s + v, 0);
    expect(c.alt).toContain(`Totalt ${sum.toLocaleString("sv-SE").replace(/\s/g, "\u00a0")} deltagare`);
    expect(c.table.rows).toHaveLength(programmes.length);
  });
});
