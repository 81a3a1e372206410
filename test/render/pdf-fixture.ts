// A report for the PDF tests: the workbook fixture's text and table, then enough charts that
// some would straddle a page break if the print stylesheet let them. Chart k's labels are
// "Insats k:a" … and its axis title "Antal deltagare i diagram k", so the test can find on which
// page each part of each chart landed.
import { THEME_CONFIG } from "../../src/charts/theme.ts";
import type { Chart } from "../../src/charts/types.ts";
import { deviation, kr, percent, report } from "../../src/report/index.ts";
import { BUDGET } from "./xlsx-fixture.ts";

export const CHART_COUNT = 7;
export const chartLabels = (k: number) => ["a", "b", "c", "d", "e"].map((x) => `Insats ${k}:${x}`);
export const chartAxis = (k: number) => `Antal deltagare i diagram ${k}`;

function chart(k: number): Chart {
  const values = chartLabels(k).map((insats, i) => ({ insats, antal: 10 + 7 * i + k }));
  return {
    name: `diagram-${k}`,
    title: `Deltagare per insats, del ${k}`,
    alt: `Liggande stapeldiagram: ${values.map((v) => `${v.insats} ${v.antal}`).join(", ")}.`,
    source: "Verksamhetssystemet",
    spec: {
      $schema: "https://vega.github.io/schema/vega-lite/v6.json",
      width: 420,
      height: 190,
      data: { values },
      mark: { type: "bar" },
      encoding: {
        y: { field: "insats", type: "nominal", sort: null, title: null },
        x: { field: "antal", type: "quantitative", title: chartAxis(k) },
      },
      config: THEME_CONFIG,
    },
    table: {
      name: `diagram-${k}-data`,
      caption: `Deltagare per insats, del ${k}`,
      columns: [
        { key: "insats", label: "Insats", format: "text" },
        { key: "antal", label: "Antal deltagare", format: "integer" },
      ],
      rows: values,
    },
  };
}

export const pdfReport = report({ title: "Utskriftstest för PDF", period: "2023-04", unit: "Arbetsmarknadsnämnden" }, (r) => {
  r.heading("Ekonomi");
  r.text`Nämnden redovisar en avvikelse på ${deviation(1_330_000_000, "avvikelse-perioden")}; avtalet kostar ${kr(169_400_000, "avtal")} per år och beläggningen är ${percent(0.52, "belaggning")}.`;
  r.table(BUDGET);
  r.heading("Deltagare");
  for (let k = 1; k <= CHART_COUNT; k++) {
    if (k === 4) r.heading("Fler insatser", 3);
    r.chart(chart(k));
  }
});
