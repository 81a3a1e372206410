/**
 * Child task: build 20 charts with the real builders (src/charts/) from small fixture data and
 * render each to SVG (src/render/svg.ts), one after the other, as a report build does.
 *
 *   node --expose-gc --import tsx bench/tasks/charts.ts
 *
 * Reports the whole cold cost (importing the chart and render modules, which loads vega,
 * vega-lite and the fonts, plus 20 builds and renders) and its parts.
 */
import type { OutcomeRow } from "../../src/charts/index.ts";
import { emit } from "../lib.ts";

const LONG = "Arbetsmarknadsutbildning för nyanlända vuxna";
const PROGRAMMES = ["JOBBSP", "IPS", "RESURS", "PRAKTIK", "UNGA", "AIR", "AMU"];
const NAMES: Record<string, string> = {
  JOBBSP: "Jobbspåret", IPS: "IPS – individanpassat stöd", RESURS: "Resursjobb", PRAKTIK: "Praktik i kommunen",
  UNGA: "Unga till arbete", AIR: "Arbetsintegrerande rekrytering", AMU: LONG,
};
const PROVIDERS = ["AME Egen regi", "Lärande AB", "Kompetensbyrån"];

// Deterministic small counts (no PRNG needed: a fixed arithmetic pattern).
const n = (i: number, k: number) => ((i * 37 + k * 11) % 53) + 3;

function outcomes(withProvider: boolean): OutcomeRow[] {
  const rows: OutcomeRow[] = [];
  PROGRAMMES.forEach((programme, i) => {
    const provs = withProvider ? PROVIDERS : [null];
    provs.forEach((provider, j) => {
      for (const gender of ["K", "M", "T"]) {
        const f = gender === "T" ? 2 : 1;
        rows.push({
          programme, ...(provider ? { provider } : {}), gender,
          endedA: n(i + j, 1) * f, endedB: n(i + j, 2) * f, endedC: n(i + j, 3) * f, endedD: n(i + j, 4) * f,
          endedE: i === 3 && gender === "K" ? null : n(i + j, 5) * f,
        });
      }
    });
  });
  return rows;
}

function genders(withProvider: boolean) {
  const rows: Record<string, unknown>[] = [];
  PROGRAMMES.forEach((programme, i) => {
    for (const provider of withProvider ? PROVIDERS : [null]) {
      for (const gender of ["K", "M", "X", "T"]) {
        const v = gender === "X" ? (i % 3 === 0 ? 0 : 1) : gender === "T" ? 100 + i : n(i, gender === "K" ? 7 : 8);
        rows.push({ programme, ...(provider ? { provider } : {}), gender, participants: i === 5 && gender === "K" ? null : v });
      }
    }
  });
  return rows;
}

const BUDGET = (scale: number) => [
  { unit: "Ekonomiskt bistånd", budgetPeriod: 12_000_000_000 * scale, outcomePeriod: 10_800_000_000 * scale, forecast: 34_000_000_000 * scale, deviationPeriod: 1_200_000_000 * scale },
  { unit: "Arbetsmarknadsenheten", budgetPeriod: 4_000_000_000 * scale, outcomePeriod: 4_110_000_000 * scale, forecast: 12_500_000_000 * scale, deviationPeriod: -110_000_000 * scale },
  { unit: LONG, budgetPeriod: 1_500_000_000 * scale, outcomePeriod: 1_250_000_000 * scale, forecast: 4_000_000_000 * scale, deviationPeriod: 250_000_000 * scale },
  { unit: "Ungdomsteamet", budgetPeriod: 900_000_000 * scale, outcomePeriod: 955_000_000 * scale, forecast: 2_800_000_000 * scale, deviationPeriod: -55_000_000 * scale },
];

const CUMULATIVE = (months: number, forecast: boolean) =>
  Array.from({ length: months }, (_, i) => ({
    month: `2023-${String(i + 1).padStart(2, "0")}`,
    budgetCumulative: 1_000_000_000 * (i + 1),
    outcomeCumulative: 1_000_000_000 * (i + 1) - 30_000_000 * ((i * 7) % 5),
    ...(forecast ? { forecastCumulative: 1_010_000_000 * (i + 1) } : {}),
  }));

const AGES = ["16–24", "25–29", "30–39", "40–49", "50–59", "60–"].flatMap((ageBand, i) =>
  ["K", "M"].map((gender, j) => ({ ageBand, gender, participants: i === 5 && j === 0 ? null : n(i, j + 9) })));
const TIMES = ["0–3 mån", "4–6 mån", "7–12 mån", "13–24 mån", "över 24 mån"].flatMap((band, i) =>
  ["K", "M", "X"].map((gender, j) => ({ band, gender, participants: j === 2 ? i % 2 : n(i, j + 4) })));
const KOLADA = [
  { municipality: "Exempelby", value: 38.2, isOwn: true },
  { municipality: "Västerås", value: 41.5 },
  { municipality: "Eskilstuna", value: 29.04 },
  { municipality: "Linköping", value: 44.75 },
  { municipality: "Örebro", value: 36.9 },
  { municipality: "Norrköping", value: 33.3 },
  { municipality: "Sundbyberg", value: NaN, status: "suppressed" },
  { municipality: "Riket", value: 35.1, isAverage: true },
];

const t0 = performance.now();
const charts = await import("../../src/charts/index.ts");
const { renderSvg } = await import("../../src/render/svg.ts");
const importMs = performance.now() - t0;

const d = (y: number, m: number, day: number) => Date.UTC(y, m - 1, day);
const builders: (() => { name: string; spec: unknown })[] = [
  () => charts.outcomesByReason(outcomes(false), { labels: NAMES }),
  () => charts.outcomesByReason(outcomes(false).filter((r) => r.gender !== "T"), { labels: NAMES, name: "avslut-kon" }),
  () => charts.outcomesByReasonPer(outcomes(true), { labels: NAMES }),
  () => charts.outcomesByReasonPer(outcomes(true).filter((r) => r.programme !== "AMU"), { labels: NAMES, name: "avslut-per-2" }),
  () => charts.genderSplit(genders(false), { labels: NAMES }),
  () => charts.genderSplit(genders(false).slice(0, 12), { labels: NAMES, name: "kon-2" }),
  () => charts.genderSplitPer(genders(true), { labels: NAMES }),
  () => charts.genderSplitPer(genders(true).filter((r) => r.provider !== "Kompetensbyrån"), { labels: NAMES, name: "kon-per-2" }),
  () => charts.budgetByUnit(BUDGET(1), { period: "januari–april 2023" }),
  () => charts.budgetByUnit(BUDGET(0.01), { period: "januari–april 2023", name: "budget-tkr" }),
  () => charts.cumulativeOutcome(CUMULATIVE(4, true)),
  () => charts.cumulativeOutcome(CUMULATIVE(12, false), { kind: "revenue", name: "ackumulerat-intakter" }),
  () => charts.goalProgress({ target: 150, achieved: 74, projected: 132, refDate: d(2023, 4, 30), to: d(2023, 12, 31), label: "150 jobb", unit: "anställda" }),
  () => charts.goalProgress({ target: 150, achieved: 91, projected: null, refDate: d(2023, 8, 31), to: d(2023, 12, 31), label: "150 jobb", name: "mal-2" }),
  () => charts.ageDistribution(AGES),
  () => charts.ageDistribution(AGES.slice(0, 8), { name: "alder-2" }),
  () => charts.timeInProgramme(TIMES),
  () => charts.timeInProgramme(TIMES.slice(0, 9), { name: "tid-2" }),
  () => charts.koladaComparison(KOLADA, { kpi: "U40455", title: "Andel avslutade till arbete eller studier", unit: "%", period: 2023 }),
  () => charts.koladaComparison(KOLADA.map((r) => ({ ...r, value: r.value / 100 })), { kpi: "U40455", title: "Andel", format: "percent", name: "kolada-2" }),
];

const t1 = performance.now();
const times: { name: string; build: number; render: number; bytes: number }[] = [];
for (const [i, build] of builders.entries()) {
  const a = performance.now();
  const chart = build();
  const b = performance.now();
  const svg = await renderSvg(chart.spec as Parameters<typeof renderSvg>[0], { idPrefix: `c${i}-` });
  const c = performance.now();
  if (!svg.startsWith("<svg")) throw new Error(`chart ${chart.name}: output is not an SVG`);
  times.push({ name: chart.name, build: b - a, render: c - b, bytes: svg.length });
}
const chartsMs = performance.now() - t1;
emit({ charts: times.length, importMs, chartsMs, totalMs: importMs + chartsMs, first: times[0], maxRender: Math.max(...times.slice(1).map((t) => t.render)), svgBytes: times.reduce((s, t) => s + t.bytes, 0) });
