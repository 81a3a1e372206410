/**
 * A chart on the page shows its title and source once (as HTML around an SVG that has neither),
 * keeps its text alternative accessible without printing it under the chart, and the standalone
 * figure (figures/<name>.svg|png) has a title that names its period.
 */
import { describe, expect, it } from "vitest";
import type { Chart } from "../../src/charts/types.ts";
import { renderSvg } from "../../src/render/svg.ts";
import { renderPage, standaloneSvg } from "../../src/render/html.ts";
import { figureSpec, figureTitle, pageSpec } from "../../src/charts/figure.ts";
import { genderSplit } from "../../src/charts/gender-split.ts";
import { budgetByUnit } from "../../src/charts/budget-by-unit.ts";
import { goalProgress } from "../../src/charts/goal-progress.ts";
import { timeInProgramme } from "../../src/charts/time-in-programme.ts";
import { ageDistribution } from "../../src/charts/age-distribution.ts";
import { outcomesByReasonPer } from "../../src/charts/small-multiples.ts";
import { BUDGET, GENDER, OUTCOMES } from "./fixtures.ts";

const texts = (svg: string) => [...svg.matchAll(/<text\b[^>]*>([^<]*)<\/text>/g)].map((m) => m[1]);
const count = (hay: string, needle: string) => hay.split(needle).length - 1;
/** Text a reader sees: the page without closed details, tags, and the SVG's own text. */
function visibleText(html: string): string {
  return html
    .replace(/<details>[\s\S]*?<\/details>/g, "")
    .replace(/<style>[\s\S]*?<\/style>/g, "")
    .replace(/<title>[\s\S]*?<\/title>/g, "")
    .replace(/<[^>]+>/g, " ");
}

describe("figureTitle", () => {
  const chart = genderSplit(GENDER);
  it("adds the report's period (January to the period's month) to a title without one", () => {
    expect(figureTitle(chart, "2023-04")).toBe("Deltagare per insats och kön, januari–april 2023");
    expect(figureTitle(chart, "2023-01")).toBe("Deltagare per insats och kön, januari 2023");
  });
  it("prefers the chart's own period and never names a period twice", () => {
    expect(figureTitle(genderSplit(GENDER, { period: "2023-06-30" }), "2023-04")).toBe("Deltagare per insats och kön, 30 juni 2023");
    const budget = budgetByUnit(BUDGET, { period: "2023-04" });
    expect(budget.title).toBe("Budget och utfall per enhet, januari–april 2023");
    expect(figureTitle(budget, "2023-04")).toBe(budget.title);
    const yearInTitle = genderSplit(GENDER, { title: "Deltagare 2022 per insats" });
    expect(figureTitle(yearInTitle, "2023-04")).toBe("Deltagare 2022 per insats");
    const goal = goalProgress({ target: 150, achieved: 74, projected: 132, refDate: Date.UTC(2023, 8, 30), to: Date.UTC(2023, 11, 31), label: "150 jobb" });
    expect(figureTitle(goal, "2023-09")).toBe("Måluppfyllelse: 150 jobb, per 30 september 2023");
  });
  it("takes a date for charts of a day (time in programme at the reference date)", () => {
    const c = timeInProgramme([{ band: "0–3 mån", gender: "K", participants: 8 }], { title: "Inskrivna efter tid i insats", period: "2023-06-30" });
    expect(figureTitle(c, "2023-06")).toBe("Inskrivna efter tid i insats, 30 juni 2023");
    expect(figureTitle(ageDistribution([{ ageBand: "–24", gender: "K", participants: 8 }], { period: "2023-06" }), null)).toBe("Deltagare per åldersgrupp och kön, januari–juni 2023");
  });
  it("leaves the title alone without any period", () => {
    expect(figureTitle(chart, null)).toBe(chart.title);
  });
});

describe("page and figure specs", () => {
  it("draws neither title nor source on the page, both (with the period) in the standalone figure", async () => {
    const chart = genderSplit(GENDER);
    const page = texts(await renderSvg(pageSpec(chart), { idPrefix: "p-" }));
    expect(page).not.toContain(chart.title);
    expect(page).not.toContain(chart.source);
    expect(page).toEqual(expect.arrayContaining(["Jobbspåret", "Kvinnor 68\u00a0%"]));
    const title = figureTitle(chart, "2023-04");
    const figure = texts(await renderSvg(figureSpec(chart, title), { idPrefix: "f-" }));
    expect(figure).toContain("Deltagare per insats och kön, januari–april 2023");
    expect(figure).toContain(chart.source);
  });

  it("keeps small multiples whole on the page", async () => {
    const chart = outcomesByReasonPer(OUTCOMES);
    const page = texts(await renderSvg(pageSpec(chart), { idPrefix: "p-" }));
    expect(page).toEqual(expect.arrayContaining(["AME Egen regi", "Lärande AB", "212"]));
    expect(page).not.toContain(chart.title);
  });

  it("keeps a subtitle on the page as the only title line", async () => {
    const chart = genderSplit(GENDER, { subtitle: "Personer, januari–april" });
    const page = texts(await renderSvg(pageSpec(chart), { idPrefix: "p-" }));
    expect(page).toContain("Personer, januari–april");
    expect(page).not.toContain(chart.title);
  });

  it("standaloneSvg carries the figure title and the text alternative as <title> and <desc>", async () => {
    const chart = genderSplit(GENDER);
    const title = figureTitle(chart, "2023-04");
    const svg = standaloneSvg(await renderSvg(figureSpec(chart, title), { idPrefix: "f-" }), title, chart.alt);
    expect(svg).toContain("<title>Deltagare per insats och kön, januari–april 2023</title>");
    expect(svg).toContain(`<desc>${chart.alt.replace(/&/g, "&amp;")}</desc>`);
  });
});

describe("a chart block on the page", async () => {
  const chart: Chart = genderSplit(GENDER);
  const svg = await renderSvg(pageSpec(chart), { idPrefix: "d1-" });
  const html = renderPage({
    title: "Rapport",
    blocks: [{ kind: "chart", id: "diagram-x", number: 1, chart, svg }],
    provenance: { inputs: [], parameters: [] },
  });
  const figure = /<figure[\s\S]*?<\/figure>/.exec(html)![0];

  it("shows the title and the source once each", () => {
    const visible = visibleText(figure);
    expect(count(visible, chart.title)).toBe(1);
    expect(count(visible, "verksamhetssystemet, egen bearbetning")).toBe(1);
    // The whole figure, details included, names the source once.
    expect(count(figure, "verksamhetssystemet, egen bearbetning")).toBe(1);
  });

  it("keeps the text alternative out of sight but linked to the image, with the data table", () => {
    expect(visibleText(figure)).not.toContain("Liggande stapeldiagram");
    const details = /<details>([\s\S]*?)<\/details>/.exec(figure)![1];
    expect(details).toContain('<summary>Beskrivning och data för diagram 1</summary>');
    expect(details).toContain('<p class="alt" id="diagram-x-beskrivning">Liggande stapeldiagram');
    expect(details).toContain("<table>");
    expect(details).toContain("Dolt: IPS (kvinnor, totalt).");
    expect(figure).toMatch(/<svg[^>]* role="img" aria-labelledby="diagram-x-titel" aria-describedby="diagram-x-beskrivning"/);
    expect(figure).toContain('<figcaption id="diagram-x-titel"><span class="number">Diagram 1.</span> Deltagare per insats och kön</figcaption>');
  });
});

describe("a long figure title", () => {
  it("wraps onto lines that fit the figure instead of being cut", async () => {
    const chart = genderSplit(GENDER);
    const title = `${figureTitle(chart, "2023-04")} (Intern version – får inte publiceras)`;
    const svg = await renderSvg(figureSpec(chart, title), { idPrefix: "w-" });
    // A title of several lines is one <text> with a <tspan> per line.
    const title0 = /<g class="mark-text role-title-text"[^>]*>(.*?)<\/g>/.exec(svg)![1];
    const lines = [...title0.matchAll(/<tspan\b[^>]*>([^<]*)<\/tspan>/g)].map((m) => m[1]);
    expect(lines.length).toBeGreaterThanOrEqual(2);
    expect(svg).not.toContain("\u2026");
    expect(lines.join(" ")).toBe(title);
    expect(figureSpec(chart, "Kort titel").title).toMatchObject({ text: "Kort titel" });
  });
});
