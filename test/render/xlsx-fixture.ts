// A small report for the workbook, PDF and figure-metadata tests: every number format, a chart,
// no input files (so it depends on no loader). Built internally (no disclosure control needed).
import { THEME_CONFIG } from "../../src/charts/theme.ts";
import type { Chart, TableSpec } from "../../src/charts/types.ts";
import { buildReport, type BuiltReport } from "../../src/report/build.ts";
import { deviation, kr, month, percent, report } from "../../src/report/index.ts";
import { BUILD_TIME, silentEffects } from "../report/helpers.ts";

export const BUDGET: TableSpec = {
  name: "budget-per-ansvar",
  caption: "Budget och utfall per ansvar, januari–april 2023",
  columns: [
    { key: "unit", label: "Ansvar", format: "text" },
    { key: "budget", label: "Budget", format: "mnkr" },
    { key: "outcome", label: "Utfall", format: "mnkr" },
    { key: "deviation", label: "Avvikelse", format: "deviationMnkr" },
    { key: "perPlace", label: "Kostnad per plats", format: "kr" },
    { key: "thousands", label: "Utfall, tkr", format: "tkr" },
    { key: "places", label: "Platser", format: "integer" },
    { key: "use", label: "Beläggning", format: "percent" },
    { key: "caseload", label: "Klienter per handläggare", format: "decimal1" },
    { key: "month", label: "Senaste månad", format: "month" },
    { key: "decided", label: "Beslutsdatum", format: "date" },
  ],
  rows: [
    { unit: "Ekonomiskt bistånd", budget: 8_006_666_660, outcome: 6_929_577_667, deviation: 1_077_088_993, perPlace: 2_823_333, thousands: 6_929_577_667, places: 60, use: 0.8571428571428571, caseload: 16.52, month: "2023-04", decided: Date.UTC(2023, 2, 15) },
    { unit: "Arbetsmarknadsinsatser med ett mycket långt namn", budget: 2_400_000_000, outcome: 2_510_000_000, deviation: -110_000_000, perPlace: 169_400_000, thousands: 2_510_000_000, places: 1694, use: 0.52, caseload: 9.25, month: "2023-03", decided: Date.UTC(2023, 0, 31) },
    { unit: "Administration", budget: 523_333_332, outcome: 523_333_332, deviation: 0, perPlace: 0, thousands: 523_333_332, places: 0, use: 0, caseload: 0, month: "2023-01", decided: Date.UTC(2022, 11, 1) },
  ],
  note: "Källa: ekonomisystemet, egen bearbetning.",
};

const values = [
  { insats: "Jobbspåret", antal: 18 },
  { insats: "IPS – individuellt stöd", antal: 56 },
  { insats: "Praktik", antal: 35 },
];

export const CHART: Chart = {
  name: "deltagare-per-insats",
  title: "Deltagare per insats, januari–april 2023",
  alt: "Liggande stapeldiagram: deltagare per insats. IPS – individuellt stöd 56, Praktik 35, Jobbspåret 18; avvikelsen är −1,1 mnkr.",
  source: "Verksamhetssystemet",
  spec: {
    $schema: "https://vega.github.io/schema/vega-lite/v6.json",
    width: 360,
    height: 90,
    data: { values },
    mark: { type: "bar" },
    encoding: {
      y: { field: "insats", type: "nominal", sort: null, title: null },
      x: { field: "antal", type: "quantitative", title: "Antal deltagare" },
    },
    config: THEME_CONFIG,
  },
  table: {
    name: "diagram-deltagare-per-insats",
    caption: "Deltagare per insats",
    columns: [
      { key: "insats", label: "Insats", format: "text" },
      { key: "antal", label: "Antal deltagare", format: "integer" },
    ],
    rows: values,
  },
};

export const fixtureReport = report({ title: "Arbetsbok för test", period: "2023-04", unit: "Arbetsmarknadsnämnden" }, (r) => {
  r.heading("Ekonomi");
  r.text`Nämnden redovisar en avvikelse på ${deviation(1_330_000_000, "avvikelse-perioden")}; avtalet kostar ${kr(169_400_000, "avtal")} per år och beläggningen är ${percent(0.52, "belaggning")} i ${month("2023-04", "manad")}.`;
  r.table(BUDGET);
  r.heading("Deltagare");
  r.chart(CHART);
});

export function buildFixture(): Promise<BuiltReport> {
  return buildReport(fixtureReport, { name: "arbetsbok", dataDir: "test/golden/basic/input", public: false, buildTime: BUILD_TIME, libraryVersion: "0.0.0-test" }, silentEffects());
}
