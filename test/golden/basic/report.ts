// Golden case "basic": a small report over a participants fixture (with personal identity
// numbers), loaded through the real loader. The chart spec is written out here so the case does
// not depend on which chart builders exist; its look comes from the spec alone.
import * as aq from "arquero";
import { THEME_CONFIG } from "../../../src/charts/theme.ts";
import type { Chart, TableSpec } from "../../../src/charts/types.ts";
import { count, deviation, kr, percent, report } from "../../../src/report/index.ts";

const NAMES: Record<string, string> = { JOBBSP: "Jobbspåret", IPS: "IPS", PRAKTIK: "Praktik" };

/** Primary suppression for the fixture: counts 1–4 are hidden in public mode. */
const hide = (n: number, isPublic: boolean): number | null => (isPublic && n > 0 && n < 5 ? null : n);

export default report(
  { title: "Uppföljning av arbetsmarknadsinsatser", period: "2023-04", unit: "Arbetsmarknadsnämnden", subtitle: "Testrapport" },
  async (r) => {
    // The fixture has one bad row (no start date): this report opts in to quarantining it, so
    // the footer and figures.json show it (loads are strict by default).
    const { table: p } = await r.load.participants("deltagare.csv", { mode: "lenient" });

    const byProgramme = p
      .groupby("programme")
      .rollup({
        total: aq.op.count(),
        women: (d: { gender: string }) => aq.op.sum(d.gender === "K" ? 1 : 0),
        men: (d: { gender: string }) => aq.op.sum(d.gender === "M" ? 1 : 0),
      })
      .orderby(aq.desc("total"))
      .objects() as { programme: string; total: number; women: number; men: number }[];
    const ended = p.filter((d: { end: number }) => !aq.op.is_nan(d.end));
    const toWorkOrStudies = ended.filter((d: { endReason: string }) => d.endReason === "A" || d.endReason === "B").numRows();

    r.keyFigures([
      { label: "Deltagare", value: count(p.numRows(), "deltagare") },
      { label: "Avslutade", value: count(ended.numRows(), "avslutade") },
      { label: "Till arbete eller studier", value: percent(toWorkOrStudies / ended.numRows(), "andel-arbete-studier"), note: "av de avslutade" },
    ]);

    r.heading("Deltagare");
    r.text`Under perioden deltog ${count(p.numRows())} personer i ${count(byProgramme.length)} insatser.
      Av de ${count(ended.numRows())} som avslutades gick ${percent(toWorkOrStudies / ended.numRows())} till **arbete eller studier**.`;

    const table: TableSpec = {
      name: "deltagare-per-insats",
      caption: "Deltagare per insats och kön",
      columns: [
        { key: "insats", label: "Insats", format: "text" },
        { key: "kvinnor", label: "Kvinnor", format: "integer" },
        { key: "man", label: "Män", format: "integer" },
        { key: "totalt", label: "Totalt", format: "integer" },
      ],
      rows: byProgramme.map((d) => ({
        insats: NAMES[d.programme] ?? d.programme,
        kvinnor: hide(d.women, r.public),
        man: hide(d.men, r.public),
        totalt: hide(d.total, r.public),
      })),
      note: "Källa: verksamhetssystemet, egen bearbetning.",
    };

    const values = byProgramme.map((d) => ({ insats: NAMES[d.programme] ?? d.programme, antal: hide(d.total, r.public) }));
    const chart: Chart = {
      name: "deltagare-per-insats",
      title: "Antal deltagare per insats",
      alt: "Liggande stapeldiagram över antal deltagare per insats: Jobbspåret 8, IPS 6, Praktik färre än 5 (dolt).",
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
        caption: "Antal deltagare per insats",
        columns: [
          { key: "insats", label: "Insats", format: "text" },
          { key: "antal", label: "Antal deltagare", format: "integer" },
        ],
        rows: values,
      },
    };
    r.chart(chart);
    r.table(table);

    r.heading("Ekonomi");
    r.heading("Budgetavvikelse", 3);
    r.text`Nämnden redovisar en avvikelse för perioden på ${deviation(1_330_000_000, "avvikelse-perioden")}.
      Helårsprognosen för köpta platser är ${deviation(-110_000_000)} och avtalet kostar ${kr(169_400_000)} per år.

      - Färre hushåll med ekonomiskt bistånd
      - Vakanta tjänster`;
    r.note`Beloppen i detta avsnitt är påhittade för testet.`;
  },
);
