import { describe, expect, it } from "vitest";
import * as aq from "arquero";
import { compile } from "vega-lite";
import type { Chart } from "../../src/charts/types.ts";
import { renderSvg } from "../../src/render/svg.ts";
import { formatCell } from "../../src/render/format.ts";
import { outcomesByReason } from "../../src/charts/outcomes-by-reason.ts";
import { genderSplit } from "../../src/charts/gender-split.ts";
import { budgetByUnit } from "../../src/charts/budget-by-unit.ts";
import { cumulativeOutcome } from "../../src/charts/cumulative-outcome.ts";
import { goalProgress } from "../../src/charts/goal-progress.ts";
import { ageDistribution } from "../../src/charts/age-distribution.ts";
import { timeInProgramme } from "../../src/charts/time-in-programme.ts";
import { koladaComparison } from "../../src/charts/kolada-comparison.ts";
import { koladaComparison as koladaRows } from "../../src/metrics/kolada.ts";
import { outcomesByReasonPer } from "../../src/charts/small-multiples.ts";
import { GENDER_COLORS } from "../../src/charts/theme.ts";
import { AGES, BUDGET, CUMULATIVE, GENDER, KOLADA, LONG_LABEL, OUTCOMES, PROGRAMME_NAMES, TIMES } from "./fixtures.ts";

let n = 0;
const render = (c: Chart) => renderSvg(c.spec, { idPrefix: `b${++n}-` });

/** Items of the mark groups of one kind (rect, text, line, symbol, rule) in a rendered SVG. */
function markItems(svg: string, kind: string): number {
  let count = 0;
  for (const m of svg.matchAll(new RegExp(`<g class="mark-${kind} role-mark[^"]*"[^>]*>(.*?)</g>`, "g"))) {
    count += (m[1].match(kind === "text" ? /<text\b/g : kind === "line" ? /<path\b/g : kind === "rule" ? /<line\b/g : /<path\b/g) ?? []).length;
  }
  return count;
}
const texts = (svg: string) => [...svg.matchAll(/<text\b[^>]*>([^<]*)<\/text>/g)].map((m) => m[1]);
/** Table cells as the report shows them. */
const shown = (c: Chart) => c.table.rows.map((r) => Object.fromEntries(c.table.columns.map((col) => [col.key, formatCell(r[col.key], col.format)])));

function commonChecks(c: Chart): void {
  expect(() => compile(c.spec)).not.toThrow();
  expect(c.alt.length).toBeGreaterThan(40);
  expect(c.title.length).toBeGreaterThan(0);
  expect(c.source).toMatch(/^Källa: /);
  expect(c.name).toMatch(/^[a-z0-9-]+$/);
  expect(c.table.name).toBe(c.name);
  expect(c.table.columns.length).toBeGreaterThan(1);
}

async function commonRender(c: Chart): Promise<string> {
  const svg = await render(c);
  const w = Number(/width="(\d+)"/.exec(svg)?.[1]);
  expect(w).toBeGreaterThan(400);
  expect(w).toBeLessThanOrEqual(640); // fits an A4 page
  expect(texts(svg)).toContain(c.source);
  expect(texts(svg)).toContain(c.title);
  expect(svg).not.toContain("\u2026");
  return svg;
}

describe("outcomesByReason", () => {
  const c = outcomesByReason(OUTCOMES, { labels: PROGRAMME_NAMES });

  it("draws one segment per non-zero reason and a total per programme", async () => {
    commonChecks(c);
    const svg = await commonRender(c);
    expect(markItems(svg, "rect")).toBe(15); // 3 programmes × 5 reasons, all non-zero
    const t = texts(svg);
    expect(t).toEqual(expect.arrayContaining(["Jobbspåret", "IPS", LONG_LABEL, "212", "52", "50", "Arbete", "Studier", "Annan myndighet", "Fullföljt uppdrag", "Övrigt"]));
  });

  it("describes the data in the alt text", () => {
    // T rows only: 212 + 50 + 52 = 314 ended; 139 to work = 44 %; Jobbspåret 87/212 = 41 %; IPS 40/52 = 77 %.
    expect(c.alt).toContain("Totalt 314 avslut, varav 44\u00a0% till arbete");
    expect(c.alt).toContain("Flest avslut hade Jobbspåret (212), varav 41\u00a0% till arbete.");
    expect(c.alt).toContain("IPS (77\u00a0%)");
  });

  it("has the data as a table, T rows only", () => {
    expect(c.table.columns.map((x) => x.label)).toEqual(["Insats", "Arbete", "Studier", "Annan myndighet", "Fullföljt uppdrag", "Övrigt", "Totalt", "Andel till arbete"]);
    expect(c.table.rows).toHaveLength(3);
    expect(c.table.rows[0]).toMatchObject({ group: "Jobbspåret", endedA: 87, endedE: 25, total: 212 });
    expect(shown(c)[0].shareWork).toBe("41\u00a0%");
  });

  it("accepts an arquero table and sums genders when there are no T rows", () => {
    const kmOnly = aq.from([
      { programme: "A", gender: "K", endedA: 3, endedB: 1, endedC: 0, endedD: 2, endedE: 0 },
      { programme: "A", gender: "M", endedA: 4, endedB: 0, endedC: 1, endedD: 0, endedE: 1 },
    ]);
    const k = outcomesByReason(kmOnly);
    expect(k.table.rows[0]).toMatchObject({ endedA: 7, total: 12 });
    expect(k.alt).toContain("Totalt 12 avslut");
  });

  it("keeps a group with a suppressed count, its total hidden, not recomputed", async () => {
    const k = outcomesByReason([...OUTCOMES, { programme: "PRAKTIK", gender: "T", endedA: null, endedB: 9, endedC: 0, endedD: 0, endedE: 0 }]);
    expect(k.table.rows.find((r) => r.group === "PRAKTIK")).toMatchObject({ endedA: null, endedB: 9, total: null, shareWork: null });
    expect(k.alt).toContain("2 värden visas inte eftersom de avser eller skulle avslöja ett litet antal personer. Dolt: PRAKTIK (arbete, totalt).");
    expect(k.alt).toContain("Totalt 314 avslut för de 3 staplar där totalen visas, varav 44\u00a0% till arbete");
    const t = texts(await render(k));
    expect(t).toEqual(expect.arrayContaining(["PRAKTIK", "9", "dolt"]));
  });

  it("draws small multiples per provider", async () => {
    const f = outcomesByReasonPer(OUTCOMES, { labels: PROGRAMME_NAMES });
    commonChecks(f);
    const svg = await render(f);
    expect(texts(svg)).toEqual(expect.arrayContaining(["AME Egen regi", "Lärande AB"]));
    expect(markItems(svg, "rect")).toBe(15);
    expect(f.table.columns[0]).toEqual({ key: "facet", label: "Utförare", format: "text" });
  });
});

describe("genderSplit", () => {
  const c = genderSplit(GENDER, { measure: "participants", by: "programme" });

  it("draws K/M/X segments with percentage labels", async () => {
    commonChecks(c);
    const svg = await commonRender(c);
    // Jobbspåret K, M; long label K, M, X; IPS (suppressed K, no T row: total hidden) one "dolt" bar.
    expect(markItems(svg, "rect")).toBe(6);
    expect(texts(svg)).toEqual(expect.arrayContaining(["IPS", "dolt", "Dolt"]));
    const t = texts(svg);
    expect(t).toEqual(expect.arrayContaining(["Kvinnor 68\u00a0%", "Män 32\u00a0%", "Kvinnor 31\u00a0%", "Män 66\u00a0%"]));
    expect(svg.toLowerCase()).toContain(`fill="${GENDER_COLORS.K.toLowerCase()}"`);
  });

  it("describes the data in the alt text", () => {
    // Groups with a published total: K 68 + 31 = 99, M 32 + 66 = 98, X 3: 200 persons.
    expect(c.alt).toContain("Totalt 200 deltagare (summerat över de 2 grupper där totalen visas; den som finns i flera grupper räknas en gång per grupp): 50\u00a0% kvinnor, 49\u00a0% män och 2\u00a0% annat eller okänt kön.");
    expect(c.alt).toContain("Störst andel kvinnor hade Jobbspåret (68\u00a0%)");
    expect(c.alt).toContain("2 värden visas inte eftersom de avser eller skulle avslöja ett litet antal personer. Dolt: IPS (kvinnor, totalt).");
  });

  it("has the data as a table with suppressed cells kept as null", () => {
    expect(c.table.columns.map((x) => x.label)).toEqual(["Insats", "Kvinnor", "Män", "Annat/okänt", "Totalt", "Andel kvinnor", "Andel män", "Andel annat/okänt"]);
    expect(c.table.rows[0]).toMatchObject({ group: "Jobbspåret", nK: 68, nM: 32, nX: 0, total: 100, shareK: 0.68 });
    expect(shown(c)[2]).toMatchObject({ group: "IPS", nK: "..", nM: "12", total: ".." });
  });
});

describe("budgetByUnit", () => {
  const c = budgetByUnit(BUDGET, { period: "januari–april 2023" });

  it("draws budget and outcome for the period per unit with signed deviation labels", async () => {
    commonChecks(c);
    const svg = await commonRender(c);
    expect(markItems(svg, "rect")).toBe(6); // 3 units × budget, outcome: no full-year amounts on the period axis
    const t = texts(svg);
    expect(t).toEqual(expect.arrayContaining(["Avvikelse +12,0\u00a0mnkr", "Avvikelse \u22121,1\u00a0mnkr", "Avvikelse +2,5\u00a0mnkr", LONG_LABEL, "Budget", "Utfall"]));
    expect(t).not.toContain("Prognos");
    expect(t).not.toContain("Helårsprognos");
    // the axis ends at the largest period amount (120 mnkr), not at the forecast (340 mnkr)
    expect(t).toContain("120");
    expect(t).not.toContain("300");
  });

  it("describes the data in the alt text", () => {
    // Budget 120 + 40 + 15 = 175,0 mnkr; outcome 108 + 41,1 + 12,5 = 161,6; deviation +13,4.
    expect(c.alt).toContain("Totalt är budgeten 175,0\u00a0mnkr och utfallet 161,6\u00a0mnkr, en avvikelse på +13,4\u00a0mnkr.");
    expect(c.alt).toContain("Störst negativ avvikelse har Arbetsmarknadsenheten (\u22121,1\u00a0mnkr)");
  });

  it("has the data as a table in öre with mnkr formats", () => {
    expect(c.table.columns.map((x) => [x.label, x.format])).toEqual([
      ["Enhet", "text"],
      ["Budget", "mnkr"],
      ["Utfall", "mnkr"],
      ["Avvikelse", "deviationMnkr"],
    ]);
    expect(c.table.rows[1]).toEqual({ unit: "Arbetsmarknadsenheten", budgetPeriod: 4_000_000_000, outcomePeriod: 4_110_000_000, deviationPeriod: -110_000_000 });
    expect(shown(c)[1].deviationPeriod).toBe("\u22121,1\u00a0mnkr");
  });

  it("switches to tkr for small amounts", async () => {
    const small = budgetByUnit([{ unit: "IPS", budgetPeriod: 50_000_000, outcomePeriod: 38_000_000, deviationPeriod: 12_000_000 }]);
    const t = texts(await render(small));
    expect(t).toContain("Avvikelse +120\u00a0tkr");
    expect(small.alt).toContain("budgeten 500\u00a0tkr och utfallet 380\u00a0tkr");
  });

  it("names a YYYY-MM period in Swedish words", () => {
    expect(budgetByUnit(BUDGET, { period: "2023-04" }).title).toBe("Budget och utfall per enhet, januari–april 2023");
    expect(budgetByUnit(BUDGET, { period: "2023-01" }).title).toBe("Budget och utfall per enhet, januari 2023");
    expect(budgetByUnit(BUDGET, { period: "2023-12" }).alt).toContain("budget och utfall per enhet, januari–december 2023, i mnkr.");
    expect(budgetByUnit(BUDGET, { period: "2023-04", show: "year" }).title).toBe("Årsbudget och helårsprognos per enhet, helår 2023");
    expect(budgetByUnit(BUDGET).title).toBe("Budget och utfall per enhet");
    expect(() => budgetByUnit(BUDGET, { show: "month" as "year" })).toThrow(RangeError);
  });

  describe('show: "year"', () => {
    const y = budgetByUnit(BUDGET, { period: "2023-04", show: "year" });

    it("encodes the year budget and the full-year forecast with the forecast deviation", async () => {
      commonChecks(y);
      const bars = (y.spec as unknown as { vconcat: { data: { values: Record<string, unknown>[] } }[] }).vconcat[0].data.values.filter((v) => v.kind === "bar");
      expect(bars.map((v) => [v.unit, v.series, v.value])).toEqual([
        ["Ekonomiskt bistånd", "Årsbudget", 360], ["Ekonomiskt bistånd", "Helårsprognos", 340],
        ["Arbetsmarknadsenheten", "Årsbudget", 120], ["Arbetsmarknadsenheten", "Helårsprognos", 125],
        [LONG_LABEL, "Årsbudget", 45], [LONG_LABEL, "Helårsprognos", 40],
      ]);
      const svg = await commonRender(y);
      expect(markItems(svg, "rect")).toBe(6);
      const t = texts(svg);
      expect(t).toEqual(expect.arrayContaining(["Avvikelse +20,0\u00a0mnkr", "Avvikelse \u22125,0\u00a0mnkr", "Avvikelse +5,0\u00a0mnkr", "Årsbudget", "Helårsprognos"]));
      expect(t).not.toContain("Utfall");
      expect(t).not.toContain("Avvikelse +12,0\u00a0mnkr"); // the period deviation is not shown
    });

    it("describes the year in the alt text and the table", () => {
      // 360 + 120 + 45 = 525,0; 340 + 125 + 40 = 505,0; +20 − 5 + 5 = +20,0
      expect(y.alt).toContain("årsbudget och helårsprognos per enhet, helår 2023, i mnkr.");
      expect(y.alt).toContain("Totalt är årsbudgeten 525,0\u00a0mnkr och helårsprognosen 505,0\u00a0mnkr, en avvikelse på +20,0\u00a0mnkr.");
      expect(y.alt).toContain("Störst negativ avvikelse har Arbetsmarknadsenheten (\u22125,0\u00a0mnkr)");
      expect(y.name).toBe("budget-helar-per-enhet");
      expect(y.table.columns.map((x) => [x.key, x.label, x.format])).toEqual([
        ["unit", "Enhet", "text"],
        ["budgetYear", "Årsbudget", "mnkr"],
        ["forecast", "Helårsprognos", "mnkr"],
        ["deviationForecast", "Avvikelse mot årsbudget", "deviationMnkr"],
      ]);
      expect(y.table.rows[1]).toEqual({ unit: "Arbetsmarknadsenheten", budgetYear: 12_000_000_000, forecast: 12_500_000_000, deviationForecast: -500_000_000 });
    });
  });
});

describe("cumulativeOutcome", () => {
  const c = cumulativeOutcome(CUMULATIVE);

  it("draws two lines with a point per month and Swedish month names", async () => {
    commonChecks(c);
    const svg = await commonRender(c);
    expect(markItems(svg, "line")).toBe(2);
    expect(markItems(svg, "symbol")).toBe(8);
    expect(texts(svg)).toEqual(expect.arrayContaining(["januari", "februari", "mars", "april", "Budget", "Utfall"]));
  });

  it("describes the data in the alt text", () => {
    expect(c.alt).toContain("Till och med april 2023 är utfallet 36,7\u00a0mnkr mot en budget på 40,0\u00a0mnkr, en avvikelse på +3,3\u00a0mnkr");
    expect(c.alt).toContain("första gången sämre än budget i februari 2023");
    expect(c.title).toContain("januari 2023–april 2023");
  });

  it("has the data as a table", () => {
    expect(c.table.rows).toHaveLength(4);
    expect(shown(c)[3]).toEqual({ month: "april 2023", budgetCumulative: "40,0\u00a0mnkr", outcomeCumulative: "36,7\u00a0mnkr" });
  });
});

describe("cumulativeOutcome through a month", () => {
  // A whole year of budget and outcome; from July the outcome runs over the budget.
  const YEAR = Array.from({ length: 12 }, (_, i) => ({
    month: `2023-${String(i + 1).padStart(2, "0")}`,
    budgetCumulative: (i + 1) * 1_000_000_000,
    outcomeCumulative: (i + 1) * (i >= 6 ? 1_050_000_000 : 950_000_000),
  }));
  const c = cumulativeOutcome(YEAR, { through: "2023-04" });
  const points = (ch: Chart) =>
    (ch.spec as unknown as { vconcat: { data: { values: Record<string, unknown>[] } }[] }).vconcat[0].data.values.filter((v) => v.kind === "point");

  it("ends the outcome line at the month and keeps the budget line for the whole year", async () => {
    commonChecks(c);
    const april = Date.UTC(2023, 3, 1);
    const outcome = points(c).filter((v) => v.series === "Utfall");
    expect(outcome.map((v) => v.t)).toEqual([0, 1, 2, 3].map((m) => Date.UTC(2023, m, 1)));
    expect(outcome.every((v) => (v.t as number) <= april)).toBe(true);
    expect(points(c).filter((v) => v.series === "Budget")).toHaveLength(12);
    const svg = await commonRender(c);
    expect(markItems(svg, "line")).toBe(2);
    expect(markItems(svg, "symbol")).toBe(16); // 12 budget + 4 outcome
    expect(texts(svg)).toEqual(expect.arrayContaining(["Budget", "Utfall", "dec"]));
    // without `through` the outcome runs to December
    expect(points(cumulativeOutcome(YEAR)).filter((v) => v.series === "Utfall")).toHaveLength(12);
  });

  it("says what the outcome is through the month, and ignores the months after it", () => {
    expect(c.title).toBe("Ackumulerat utfall januari–april 2023 och budget januari–december 2023");
    expect(c.alt).toBe(
      "Linjediagram: ackumulerat utfall per månad januari–april 2023 och ackumulerad budget per månad januari–december 2023, i mnkr. " +
        "Till och med april 2023 är utfallet 38,0\u00a0mnkr mot en budget på 40,0\u00a0mnkr, en avvikelse på +2,0\u00a0mnkr (positiv = bättre än budget). " +
        "Budgeten till och med december 2023 är 120,0\u00a0mnkr. Utfallet var inte i någon månad sämre än budget.",
    );
    const full = cumulativeOutcome(YEAR);
    expect(full.alt).toContain("Till och med december 2023 är utfallet 126,0\u00a0mnkr");
    expect(full.alt).toContain("första gången sämre än budget i juli 2023");
  });

  it("shows no outcome after the month in the table", () => {
    expect(c.table.rows).toHaveLength(12);
    expect(shown(c)[3]).toEqual({ month: "april 2023", budgetCumulative: "40,0\u00a0mnkr", outcomeCumulative: "38,0\u00a0mnkr" });
    expect(shown(c)[4]).toEqual({ month: "maj 2023", budgetCumulative: "50,0\u00a0mnkr", outcomeCumulative: "\u2013" });
    expect(c.table.rows.slice(4).every((r) => Number.isNaN(r.outcomeCumulative))).toBe(true);
  });

  it("treats a month at or after the last one as no cut, and rejects bad months", () => {
    const last = cumulativeOutcome(CUMULATIVE, { through: "2023-04" });
    const plain = cumulativeOutcome(CUMULATIVE);
    expect([last.title, last.alt, last.table.rows]).toEqual([plain.title, plain.alt, plain.table.rows]);
    expect(() => cumulativeOutcome(YEAR, { through: "2023-4" })).toThrow(RangeError);
    expect(() => cumulativeOutcome(YEAR, { through: "2022-12" })).toThrow(/before the first month/);
  });
});

describe("goalProgress", () => {
  const c = goalProgress({ target: 150, achieved: 74, projected: 132, refDate: Date.UTC(2023, 3, 30), to: Date.UTC(2023, 11, 31), label: "150 jobb", unit: "anställda" });

  it("draws achieved and projected bars and the target line", async () => {
    commonChecks(c);
    const svg = await commonRender(c);
    expect(markItems(svg, "rect")).toBe(2);
    expect(markItems(svg, "rule")).toBe(1);
    expect(texts(svg)).toEqual(expect.arrayContaining(["74", "132", "Mål 150 jobb: 150", "Uppnått 30 april 2023", "Prognos 31 december 2023"]));
  });

  it("says whether the target will be met", () => {
    expect(c.alt).toContain("74 anställda den 30 april 2023, 49\u00a0% av målet");
    expect(c.alt).toContain("132, 18 under målet: målet nås inte");
    const met = goalProgress({ target: 150, achieved: 91, projected: 160, refDate: Date.UTC(2023, 7, 31), to: Date.UTC(2023, 11, 31), label: "150 jobb" });
    expect(met.alt).toContain("10 över målet: målet nås enligt prognosen");
    expect(shown(c).map((r) => r.share)).toEqual(["49\u00a0%", "88\u00a0%", "100\u00a0%"]);
  });
});

describe("ageDistribution and timeInProgramme", () => {
  it("draws a bar per band and gender and marks suppressed counts 'dolt'", async () => {
    const c = ageDistribution(AGES);
    commonChecks(c);
    const svg = await commonRender(c);
    expect(markItems(svg, "rect")).toBe(8); // 4 bands × K, M: 7 bars and the stub of the suppressed K 60–
    expect(texts(svg)).toEqual(expect.arrayContaining(["51", "47", "7", "dolt", "Dolt"]));
    expect(c.alt).toContain("Flest deltagare fanns i åldersgruppen 25–29 (98, varav 52\u00a0% kvinnor).");
    expect(c.alt).toContain("Totalt 221 deltagare i de 3 grupper där totalen visas.");
    expect(c.alt).toContain("Dolt: 60– (kvinnor, totalt).");
    expect(c.table.rows.map((r) => r.total)).toEqual([45, 98, 78, null]);
  });

  it("keeps other/unknown gender as its own bars", async () => {
    const c = timeInProgramme(TIMES);
    const svg = await commonRender(c);
    expect(markItems(svg, "rect")).toBe(9);
    expect(c.table.columns.map((x) => x.label)).toEqual(["Tid i insats", "Kvinnor", "Män", "Annat/okänt", "Totalt"]);
    expect(c.table.rows[0]).toEqual({ band: "0–3 mån", nK: 30, nM: 28, nX: 1, total: 59 });
    expect(c.alt).toContain("Totalt 185 deltagare.");
    expect(c.alt).toContain("4–12 mån (105, varav 42\u00a0% kvinnor)");
  });
});

describe("koladaComparison", () => {
  const c = koladaComparison(KOLADA, { kpi: "U40455", title: "Andel avslutade till arbete eller studier", unit: "%", period: 2023 });

  it("highlights the own municipality by colour and text", async () => {
    commonChecks(c);
    const svg = await commonRender(c);
    expect(markItems(svg, "rect")).toBe(5); // Sundbyberg suppressed
    const t = texts(svg);
    expect(t).toEqual(expect.arrayContaining(["Exempelby (egen kommun)", "Riket (genomsnitt)", "38,2\u00a0%", "44,8\u00a0%", "Egen kommun"]));
    expect(svg).toMatch(/font-weight="bold"[^>]*>38,2\u00a0%</);
  });

  it("describes the data in the alt text", () => {
    expect(c.alt).toContain("Högst: Linköping (44,8\u00a0%). Lägst: Eskilstuna (29,0\u00a0%).");
    expect(c.alt).toContain("Exempelby har 38,2\u00a0%, plats 3 av 4, över genomsnittet (35,1\u00a0%).");
    expect(c.alt).toContain("Värdet är dolt (..) för Sundbyberg.");
    expect(shown(c).at(-1)).toEqual({ municipality: "Sundbyberg", value: "..", note: "" });
  });
});

describe("koladaComparison with the metric's rows", () => {
  const kolada = aq.table({
    kpi: ["U40455", "U40455", "U40455", "U40455"],
    municipalityId: ["1980", "0180", "1280", "0380"],
    municipality: ["Västerås", "Stockholm", "Malmö", "Uppsala"],
    period: Float64Array.from([2023, 2023, 2023, 2023]),
    gender: ["T", "T", "T", "T"],
    value: Float64Array.from([38.2, 41, NaN, 30]),
    status: ["ok", "ok", "suppressed", "ok"],
  });
  const title = "Andel avslutade till arbete eller studier 2023, procent";
  const rows = koladaRows(kolada, { kpi: "U40455", year: 2023, municipalityId: "1980", peers: ["0180", "1280", "0380", "2480"], ownComputed: 50 });
  const c = koladaComparison(rows, { kpi: "U40455", title, period: 2023 });

  it("labels the computed row, the average and a peer without a name, never 'null'", async () => {
    commonChecks(c);
    const svg = await commonRender(c);
    expect(svg).not.toMatch(/>(null|undefined|NaN)</);
    expect(c.alt).not.toMatch(/\b(null|undefined)\b/);
    // own, computed, Stockholm, Uppsala, average: one bar each (no two rows stacked on one label)
    expect(markItems(svg, "rect")).toBe(5);
    const t = texts(svg);
    expect(t).toEqual(
      expect.arrayContaining(["Västerås (egen kommun)", "Västerås (egen beräkning)", "Jämförda kommuner (genomsnitt)", "Stockholm", "Uppsala", "Egen kommun", "Egen beräkning", "Genomsnitt", "50,0", "38,2", "35,5"]),
    );
    expect(svg).toMatch(/font-weight="bold"[^>]*>50,0</);
    // the value axis is named by what it shows, not by the key figure id
    expect(t).toContain("Andel avslutade till arbete eller studier, procent");
    expect(t).not.toContain("U40455");
    expect(t).toContain("Källa: Kolada (RKA), nyckeltal U40455, 2023.");
  });

  it("reads well in the alt text: the year once, the computed value apart from the ranking", () => {
    expect(c.alt).toBe(
      "Liggande stapeldiagram: andel avslutade till arbete eller studier 2023, procent. " +
        "3 kommuner, genomsnittet och den egna beräkningen, sorterade från högst till lägst. " +
        "Högst: Stockholm (41,0). Lägst: Uppsala (30,0). " +
        "Västerås har 38,2, plats 2 av 3, över genomsnittet (35,5). Den egna beräkningen ger 50,0. " +
        "Värdet är dolt (..) för Malmö. Värde saknas för 2480.",
    );
    expect(c.alt.match(/2023/g)).toHaveLength(1);
  });

  it("has the rows as a table with names and notes", () => {
    expect(shown(c)).toEqual([
      { municipality: "Västerås (egen beräkning)", value: "50,0", note: "Egen beräkning" },
      { municipality: "Stockholm", value: "41,0", note: "" },
      { municipality: "Västerås", value: "38,2", note: "Egen kommun" },
      { municipality: "Jämförda kommuner", value: "35,5", note: "Genomsnitt" },
      { municipality: "Uppsala", value: "30,0", note: "" },
      { municipality: "Malmö", value: "..", note: "" },
      { municipality: "2480", value: "\u2013", note: "" },
    ]);
    expect(c.table.caption).toBe(title);
  });

  it("takes a value label, and adds the year to a title without it", () => {
    const d = koladaComparison(rows, { kpi: "U40455", title: "Andel till arbete eller studier", valueLabel: "Andel, procent", period: 2023 });
    expect(d.alt).toContain("Liggande stapeldiagram: andel till arbete eller studier år 2023.");
    expect(d.table.caption).toBe("Andel till arbete eller studier 2023");
    const x = (d.spec as unknown as { vconcat: { layer: { encoding: { x: { title: string } } }[] }[] }).vconcat[0].layer[0].encoding.x.title;
    expect(x).toBe("Andel, procent");
  });

  it("falls back to the id or a word when a row has no name", async () => {
    const noOwn = koladaRows(kolada, { kpi: "U40455", year: 2023, municipalityId: "2480", peers: ["0180", "0380"], ownComputed: 44 });
    expect(noOwn.objects().map((r) => (r as { municipality: unknown }).municipality)).toEqual([null, "Egen beräkning", "Stockholm", "Uppsala", "Jämförda kommuner"]);
    const d = koladaComparison(noOwn, { kpi: "U40455", title: "Andel", period: 2023 });
    const t = texts(await render(d));
    expect(t).toEqual(expect.arrayContaining(["Egen beräkning", "Jämförda kommuner (genomsnitt)"]));
    expect(t.join("|")).not.toMatch(/null|undefined/);
    expect(d.alt).toContain("För 2480 finns inget publicerat värde.");
    // plain rows: a null name with an id, and a nameless average
    const e = koladaComparison(
      [
        { municipality: null, municipalityId: "0180", value: 41 },
        { municipality: "Exempelby", value: 38, isOwn: true },
        { municipality: null, value: 39.5, isAverage: true },
      ],
      { kpi: "U40455", title: "Andel" },
    );
    expect(texts(await render(e))).toEqual(expect.arrayContaining(["0180", "Exempelby (egen kommun)", "Genomsnitt"]));
  });
});
