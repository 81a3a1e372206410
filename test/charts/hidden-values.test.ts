/**
 * Public charts show what may be shown: every chart kind built from metric tables with hidden
 * (suppressed, null) counts keeps every category, marks hidden segments "dolt" with a legend
 * entry, draws published totals, marks hidden totals, says in its text alternative and table
 * note what is hidden, and never prints a number computed from a hidden one.
 */
import { describe, expect, it } from "vitest";
import type { Chart } from "../../src/charts/types.ts";
import { renderSvg } from "../../src/render/svg.ts";
import { outcomesByReason } from "../../src/charts/outcomes-by-reason.ts";
import { genderSplit } from "../../src/charts/gender-split.ts";
import { ageDistribution } from "../../src/charts/age-distribution.ts";
import { timeInProgramme } from "../../src/charts/time-in-programme.ts";
import { goalProgress } from "../../src/charts/goal-progress.ts";
import { outcomesByReasonPer, genderSplitPer } from "../../src/charts/small-multiples.ts";
import { koladaComparison } from "../../src/charts/kolada-comparison.ts";
import { budgetByUnit } from "../../src/charts/budget-by-unit.ts";
import { cumulativeOutcome } from "../../src/charts/cumulative-outcome.ts";
import { HIDDEN_LEGEND } from "../../src/charts/hidden.ts";

let n = 0;
const render = (c: Chart) => renderSvg(c.spec, { idPrefix: `h${++n}-` });
const texts = (svg: string) => [...svg.matchAll(/<text\b[^>]*>([^<]*)<\/text>/g)].map((m) => m[1]);
/** Data values of the chart body (first view of the frame). */
function values(c: Chart): Record<string, unknown>[] {
  return (c.spec as unknown as { vconcat: { data: { values: Record<string, unknown>[] } }[] }).vconcat[0].data.values;
}
/** Numbers written in a text, ignoring the count of hidden values ("3 värden visas inte"). */
function numbersIn(text: string): string[] {
  return text.replace(/\d+ värden? visas inte/g, "").replace(/ett litet antal/g, "").match(/\d[\d\u00a0]*/g)?.map((s) => s.replace(/\u00a0/g, "")) ?? [];
}
/** Texts of the plot that are not axis tick labels (numbers on the axes are ticks, not data). */
function dataTexts(svg: string): string[] {
  const axes = [...svg.matchAll(/<g class="mark-text role-axis-label"[^>]*>(.*?)<\/g>/g)].flatMap((m) => [...m[1].matchAll(/>([^<]*)<\/text>/g)].map((t) => t[1]));
  const all = texts(svg);
  for (const a of axes) all.splice(all.indexOf(a), 1);
  return all;
}
const DASHED = 'stroke-dasharray="3,2"';

describe("outcomesByReason: one small cell in a row, with secondary suppression", () => {
  // Truth: Jobbspåret B = 3 (primary), D = 6 (secondary); ended 43 is published. Hidden sums 9 and 10.
  const rows = [
    { programme: "JOBB", gender: "T", endedA: 22, endedB: null, endedC: 7, endedD: null, endedE: 5, ended: 43 },
    { programme: "IPS", gender: "T", endedA: 30, endedB: null, endedC: null, endedD: 7, endedE: 11, ended: 58 },
    { programme: "AMU", gender: "T", endedA: 12, endedB: 8, endedC: 5, endedD: 20, endedE: 7, ended: 52 },
  ];
  const c = outcomesByReason(rows, { labels: { JOBB: "Jobbspåret" } });

  it("keeps every programme, draws the shown reasons and one 'dolt' segment for the hidden ones", async () => {
    const v = values(c);
    expect(new Set(v.map((d) => d.group))).toEqual(new Set(["Jobbspåret", "IPS", "AMU"]));
    const hidden = v.filter((d) => d.hidden === true);
    // The hidden segment spans what the published total leaves: 34..43 and 48..58.
    expect(hidden.map((d) => [d.group, d.x0, d.x1, d.count])).toEqual([
      ["IPS", 48, 58, null],
      ["Jobbspåret", 34, 43, null],
    ]);
    const svg = await render(c);
    const t = texts(svg);
    expect(t).toEqual(expect.arrayContaining(["Jobbspåret", "IPS", "AMU", "43", "58", "52", "dolt", HIDDEN_LEGEND]));
    expect(svg).toContain(DASHED);
    // The hidden values, their sums (9 and 10) or their parts are not written anywhere in the chart.
    for (const x of ["3", "6", "9", "10"]) expect(dataTexts(svg)).not.toContain(x);
  });

  it("says in the text alternative and the table note what is hidden, and no number from it", () => {
    expect(c.alt).toContain("4 värden visas inte eftersom de avser eller skulle avslöja ett litet antal personer.");
    expect(c.alt).toContain("Dolt: IPS (studier, annan myndighet), Jobbspåret (studier, fullföljt uppdrag).");
    expect(c.table.note).toContain("4 värden visas inte");
    // Totals are published (153); the share to work uses shown A of every programme (64/153 = 42 %),
    // the share to studies is not given since B is hidden for two programmes.
    expect(c.alt).toContain("Totalt 153 avslut, varav 42\u00a0% till arbete.");
    expect(c.alt).not.toContain("till studier");
    for (const x of ["3", "6", "9", "10"]) expect(numbersIn(c.alt)).not.toContain(x);
    expect(c.table.rows.map((r) => [r.group, r.endedB, r.total])).toEqual([
      ["IPS", null, 58],
      ["AMU", 8, 52],
      ["Jobbspåret", null, 43],
    ]);
  });

  it("is never empty when every row has a hidden cell (the public chart that showed only an axis)", async () => {
    const allHiddenSomewhere = rows.map((r) => ({ ...r, endedE: null }));
    const k = outcomesByReason(allHiddenSomewhere);
    const svg = await render(k);
    // Shown reasons: Jobbspåret A, C; IPS A, D; AMU A–D.
    expect(values(k).filter((d) => d.kind === "segment" && d.hidden !== true)).toHaveLength(8);
    expect(values(k).filter((d) => d.hidden === true)).toHaveLength(3);
    expect(texts(svg)).toEqual(expect.arrayContaining(["JOBB", "IPS", "AMU", "22", "30", "12"]));
  });
});

describe("outcomesByReason: a hidden total", () => {
  // Praktik: ended hidden, A hidden; the shown parts sum to 15, which must not be shown as a total.
  const rows = [
    { programme: "Praktik", gender: "T", endedA: null, endedB: 9, endedC: 6, endedD: 0, endedE: 0, ended: null },
    { programme: "AMU", gender: "T", endedA: 12, endedB: 8, endedC: 5, endedD: 20, endedE: 6, ended: 51 },
  ];
  const c = outcomesByReason(rows);

  it("draws the shown reasons and 'dolt' instead of the total, never the sum of the shown parts", async () => {
    const svg = await render(c);
    expect(texts(svg)).toEqual(expect.arrayContaining(["Praktik", "AMU"]));
    const t = dataTexts(svg);
    expect(t).toEqual(expect.arrayContaining(["9", "6", "dolt", "51"]));
    expect(t).not.toContain("15");
    const end = values(c).find((d) => d.kind === "total" && d.group === "Praktik");
    expect(end).toMatchObject({ label: "dolt", x1: 15 });
    expect(c.table.rows.find((r) => r.group === "Praktik")).toMatchObject({ total: null, shareWork: null });
  });

  it("names the hidden total and gives the totals of the other bars only", () => {
    expect(c.alt).toContain("Totalt 51 avslut för de 1 staplar där totalen visas".replace("1 staplar", "1 stapel"));
    expect(c.alt).toContain("Dolt: Praktik (arbete, totalt).");
    expect(numbersIn(c.alt)).not.toContain("15");
  });

  it("without an `ended` column a hidden part hides the total too (no recomputation around it)", () => {
    const k = outcomesByReason([{ programme: "X", gender: "T", endedA: 10, endedB: null, endedC: 0, endedD: 0, endedE: 0 }]);
    expect(k.table.rows[0]).toMatchObject({ endedA: 10, total: null });
    expect(values(k).find((d) => d.kind === "total")).toMatchObject({ label: "dolt" });
  });
});

describe("genderSplit: a whole gender part hidden", () => {
  // Men and other/unknown hidden in every programme; totals published.
  const rows = ["A", "B", "C"].flatMap((p, i) => [
    { programme: p, gender: "K", participants: 20 + i },
    { programme: p, gender: "M", participants: null },
    { programme: p, gender: "X", participants: null },
    { programme: p, gender: "T", participants: 40 + 2 * i },
  ]);
  const c = genderSplit(rows);

  it("keeps every programme with the women's share of the published total and a 'dolt' rest", async () => {
    const v = values(c);
    for (const p of ["A", "B", "C"]) {
      const g = v.filter((d) => d.group === p);
      expect(g.map((d) => d.gender)).toEqual(["Kvinnor", HIDDEN_LEGEND]);
      expect(g[0].share).toBe(0.5); // 20/40, 21/42, 22/44
      expect(g[1]).toMatchObject({ hidden: true, x0: 0.5, x1: 1, count: null, share: null });
    }
    const svg = await render(c);
    expect(texts(svg)).toEqual(expect.arrayContaining(["A", "B", "C", "Kvinnor 50\u00a0%", "dolt", HIDDEN_LEGEND]));
    expect(svg).toContain(DASHED);
  });

  it("gives published totals and the women's share, nothing about men", () => {
    expect(c.alt).toContain("Totalt 126 deltagare (summerat över alla grupper; den som finns i flera grupper räknas en gång per grupp): 50\u00a0% kvinnor.");
    expect(c.alt).not.toMatch(/%\smän/);
    expect(c.alt).toContain("6 värden visas inte");
    expect(c.alt).toContain("Dolt: A (män, annat/okänt), B (män, annat/okänt), C (män, annat/okänt).");
    expect(c.table.rows.map((r) => [r.group, r.nK, r.nM, r.total, r.shareK, r.shareM])).toEqual([
      ["A", 20, null, 40, 0.5, null],
      ["B", 21, null, 42, 0.5, null],
      ["C", 22, null, 44, 0.5, null],
    ]);
  });

  it("a hidden total hides the whole bar's split, and is not the sum of the parts", async () => {
    const k = genderSplit([
      { programme: "A", gender: "K", participants: 12 },
      { programme: "A", gender: "M", participants: 20 },
      { programme: "A", gender: "T", participants: null },
      { programme: "B", gender: "K", participants: 10 },
      { programme: "B", gender: "M", participants: 15 },
      { programme: "B", gender: "T", participants: 25 },
    ]);
    const a = values(k).filter((d) => d.group === "A");
    expect(a).toEqual([expect.objectContaining({ hidden: true, x0: 0, x1: 1, label: "dolt" })]);
    expect(k.table.rows[0]).toMatchObject({ total: null, shareK: null, shareM: null });
    expect(numbersIn(k.alt)).not.toContain("32");
    expect(k.alt).toContain("Totalt 25 deltagare (summerat över de 1 grupper där totalen visas");
    expect(texts(await render(k))).toEqual(expect.arrayContaining(["A", "B", "dolt"]));
  });
});

describe("small multiples with hidden cells", () => {
  it("keeps every provider's panel and every programme in it", async () => {
    const rows = [
      { provider: "Egen regi", programme: "IPS", gender: "T", endedA: 10, endedB: null, endedC: null, endedD: 5, endedE: 5, ended: 26 },
      { provider: "Egen regi", programme: "Praktik", gender: "T", endedA: 7, endedB: 6, endedC: 0, endedD: 0, endedE: 5, ended: 18 },
      { provider: "Lärande AB", programme: "AMU", gender: "T", endedA: null, endedB: null, endedC: null, endedD: null, endedE: null, ended: null },
    ];
    const c = outcomesByReasonPer(rows);
    const t = texts(await render(c));
    expect(t).toEqual(expect.arrayContaining(["Egen regi", "Lärande AB", "IPS", "Praktik", "AMU", "26", "dolt"]));
    expect(c.alt).toContain("Dolt: IPS (Egen regi) (studier, annan myndighet), AMU (Lärande AB) (arbete, studier, annan myndighet, fullföljt uppdrag, övrigt, totalt).");
    const g = genderSplitPer([
      { provider: "P1", programme: "IPS", gender: "K", participants: null },
      { provider: "P1", programme: "IPS", gender: "M", participants: 12 },
      { provider: "P1", programme: "IPS", gender: "T", participants: null },
      { provider: "P2", programme: "AMU", gender: "K", participants: 9 },
      { provider: "P2", programme: "AMU", gender: "M", participants: 11 },
      { provider: "P2", programme: "AMU", gender: "T", participants: 20 },
    ]);
    expect(texts(await render(g))).toEqual(expect.arrayContaining(["P1", "P2", "IPS", "AMU", "dolt"]));
  });
});

describe("ageDistribution and timeInProgramme with hidden cells", () => {
  it("marks each hidden bar with a stub and 'dolt', and writes a published total of a band with hidden parts", async () => {
    // 60–: K 4 and M 5 (secondary) hidden, T 9 published.
    const c = ageDistribution([
      { ageBand: "–24", gender: "K", participants: 20 },
      { ageBand: "–24", gender: "M", participants: 25 },
      { ageBand: "–24", gender: "T", participants: 45 },
      { ageBand: "60–", gender: "K", participants: null },
      { ageBand: "60–", gender: "M", participants: null },
      { ageBand: "60–", gender: "T", participants: 9 },
    ]);
    const svg = await render(c);
    const t = dataTexts(svg);
    expect(t).toEqual(expect.arrayContaining(["20", "25", "dolt", "Totalt 9", HIDDEN_LEGEND]));
    expect(t.filter((x) => x === "dolt")).toHaveLength(2);
    expect(t).not.toContain("4");
    expect(t).not.toContain("5");
    expect(svg.match(new RegExp(DASHED, "g"))?.length).toBeGreaterThanOrEqual(2);
    expect(c.alt).toContain("Totalt 54 deltagare.");
    expect(c.alt).toContain("2 värden visas inte eftersom de avser eller skulle avslöja ett litet antal personer. Dolt: 60– (kvinnor, män).");
    expect(c.table.rows).toEqual([
      { band: "–24", nK: 20, nM: 25, total: 45 },
      { band: "60–", nK: null, nM: null, total: 9 },
    ]);
  });

  it("marks a hidden total as hidden, not as the sum of the shown parts", async () => {
    const c = timeInProgramme([
      { band: "0–3 mån", gender: "K", participants: 30 },
      { band: "0–3 mån", gender: "M", participants: 28 },
      { band: "0–3 mån", gender: "T", participants: 58 },
      { band: "över 12 mån", gender: "K", participants: 12 },
      { band: "över 12 mån", gender: "M", participants: null },
      { band: "över 12 mån", gender: "T", participants: null },
    ]);
    expect(c.table.rows[1]).toEqual({ band: "över 12 mån", nK: 12, nM: null, total: null });
    expect(c.alt).toContain("Totalt 58 deltagare i de 1 grupper där totalen visas.");
    expect(c.alt).toContain("Dolt: över 12 mån (män, totalt).");
    const t = texts(await render(c));
    expect(t).toEqual(expect.arrayContaining(["0–3 mån", "över 12 mån", "12", "dolt"]));
  });
});

describe("goalProgress with a hidden achieved count", () => {
  it("keeps the row, marks it 'dolt' and gives no share of the target", async () => {
    const c = goalProgress({ target: 150, achieved: null, projected: null, refDate: Date.UTC(2023, 3, 30), to: Date.UTC(2023, 11, 31), label: "150 jobb" });
    const t = texts(await render(c));
    expect(t).toEqual(expect.arrayContaining(["Uppnått 30 april 2023", "dolt", "Mål 150 jobb: 150"]));
    expect(c.alt).toContain("antalet uppnådda den 30 april 2023 visas inte.");
    expect(c.alt).toContain("1 värde visas inte");
    expect(c.table.rows[0]).toMatchObject({ value: null, share: null });
    expect(c.period).toBe("per 30 april 2023");
  });
});

describe("koladaComparison with a suppressed value", () => {
  it("keeps the municipality on the axis with 'dolt (..)' instead of a bar", async () => {
    const c = koladaComparison(
      [
        { municipality: "Exempelby", value: 38.2, isOwn: true },
        { municipality: "Sundbyberg", value: null, status: "suppressed" },
        { municipality: "Linköping", value: NaN, status: "missing" },
      ],
      { kpi: "U40455", title: "Andel till arbete eller studier", unit: "%", period: 2022 },
    );
    const t = texts(await render(c));
    expect(t).toEqual(expect.arrayContaining(["Sundbyberg", "dolt (..)", "Linköping", "uppgift saknas"]));
    expect(c.alt).toContain("Värdet är dolt (..) för Sundbyberg.");
  });
});

describe("money charts with a hidden amount", () => {
  it("budgetByUnit keeps the unit, writes 'dolt' for a hidden deviation and names it", async () => {
    const c = budgetByUnit([
      { unit: "AME", budgetPeriod: 4_000_000_000, outcomePeriod: 4_110_000_000, deviationPeriod: -110_000_000 },
      { unit: "IPS", budgetPeriod: 1_500_000_000, outcomePeriod: null, deviationPeriod: null },
    ]);
    const t = texts(await render(c));
    expect(t).toEqual(expect.arrayContaining(["AME", "IPS", "Avvikelse dolt"]));
    expect(c.alt).toContain("Dolt: IPS (utfall, avvikelse).");
    expect(c.alt).not.toContain("Totalt är budgeten");
  });

  it("cumulativeOutcome names a hidden month", () => {
    const c = cumulativeOutcome([
      { month: "2023-01", budgetCumulative: 1_000_000_000, outcomeCumulative: 950_000_000 },
      { month: "2023-02", budgetCumulative: 2_000_000_000, outcomeCumulative: null },
    ]);
    expect(c.alt).toContain("Dolt: februari 2023 (utfall).");
    expect(c.table.note).toContain("1 värde visas inte");
  });
});
