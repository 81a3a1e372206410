// Golden case "basic": a small report over a participants fixture (with personal identity
// numbers), loaded through the real loader, built in public mode: one programme has fewer than 5
// participants, and the sentence that names its count shows it suppressed like the table.
import * as aq from "arquero";
import * as chart from "../../../src/charts/index.ts";
import { deviation, kr, number, report } from "../../../src/report/index.ts";
import { genderTable } from "../../../src/tables/index.ts";

const NAMES: Record<string, string> = { JOBBSP: "Jobbspåret", IPS: "IPS", PRAKTIK: "Praktik" };

/** Participants per programme and gender in long form (K/M/X/T), counted the simple way. */
function perProgramme(p: aq.ColumnTable, by: string[]): aq.ColumnTable {
  const rows: Record<string, unknown>[] = [];
  const groups = by.length ? (p.groupby(...by).objects({ grouped: "entries" }) as unknown as [unknown, Record<string, unknown>[]][]) : [[null, p.objects() as Record<string, unknown>[]]];
  for (const [, members] of groups as [unknown, Record<string, unknown>[]][]) {
    const keys = Object.fromEntries(by.map((k) => [k, members[0][k]]));
    const n = (g: string | null) => members.filter((d) => (g === null ? true : g === "X" ? d.gender !== "K" && d.gender !== "M" : d.gender === g)).length;
    for (const gender of ["K", "M", "X"]) rows.push({ ...keys, gender, participants: n(gender) });
    rows.push({ ...keys, gender: "T", participants: n(null) });
  }
  return aq.from(rows);
}

/** Enrolments ended, and ended in work or studies (reason A or B), per gender (K/M/X/T), with the share. */
function endings(p: aq.ColumnTable): aq.ColumnTable {
  const ended = (p.objects() as { end: number; gender: string; endReason: string }[]).filter((d) => Number.isFinite(d.end));
  const rows = ["K", "M", "X", "T"].map((gender) => {
    const of = ended.filter((d) => gender === "T" || (gender === "X" ? d.gender !== "K" && d.gender !== "M" : d.gender === gender));
    const workOrStudies = of.filter((d) => d.endReason === "A" || d.endReason === "B").length;
    return { gender, ended: of.length, workOrStudies, shareWorkOrStudies: of.length > 0 ? workOrStudies / of.length : null };
  });
  return aq.from(rows);
}

export default report(
  { title: "Uppföljning av arbetsmarknadsinsatser", period: "2023-04", unit: "Arbetsmarknadsnämnden", subtitle: "Testrapport" },
  async (r) => {
    // The fixture has one bad row (no start date): this report opts in to quarantining it, so
    // the footer and figures.json show it (loads are strict by default).
    const { table: p } = await r.load.participants("deltagare.csv", { mode: "lenient" });

    // Every person count goes through the report's disclosure model: programmes roll up to the
    // whole, so a small programme cannot be recomputed from the total and the others.
    const spec = { name: "deltagare", measures: ["participants"] };
    const byProgramme = r.publishable(perProgramme(p, ["programme"]), { ...spec, groupKeys: ["programme"], rollup: [["programme"]] });
    const all = r.publishable(perProgramme(p, []), { ...spec, groupKeys: [] });
    // A share of persons is quoted through r.share: linked to its counts, hidden with them.
    const endedTable = r.publishable(endings(p), { name: "avslut", measures: ["ended", "workOrStudies"], groupKeys: [], sums: [{ total: "ended", parts: ["workOrStudies"] }] });

    r.keyFigures([
      { label: "Deltagare", value: r.count(all, "participants", {}, "deltagare") },
      { label: "Till arbete eller studier", value: r.share(endedTable, "shareWorkOrStudies", {}, "andel-arbete-studier"), note: "av de avslutade" },
    ]);

    r.heading("Deltagare");
    const programmes = (byProgramme.objects() as { programme: string; gender: string }[]).filter((d) => d.gender === "T").length;
    r.text`Under perioden deltog ${r.count(all, "participants")} personer i ${number(programmes)} insatser.
      Av de avslutade gick ${r.share(endedTable, "shareWorkOrStudies")} till **arbete eller studier**.
      I praktiken i kommunen deltog ${r.count(byProgramme, "participants", { programme: "PRAKTIK" }, "deltagare-praktik")} personer.`;

    r.chart(chart.genderSplit(byProgramme, { measure: "participants", by: "programme", labels: NAMES, title: "Deltagare per insats och kön", name: "diagram-deltagare-per-insats" }));
    r.table(genderTable(byProgramme, {
      name: "deltagare-per-insats",
      caption: "Deltagare per insats och kön",
      keys: [{ key: "programme", label: "Insats", names: NAMES }],
      measure: "participants",
      measureLabel: "Deltagare",
      note: "Källa: verksamhetssystemet, egen bearbetning.",
    }));

    r.heading("Ekonomi");
    r.heading("Budgetavvikelse", 3);
    r.text`Nämnden redovisar en avvikelse för perioden på ${deviation(1_330_000_000, "avvikelse-perioden", { persons: false })}.
      Helårsprognosen för köpta platser är ${deviation(-110_000_000, undefined, { persons: false })} och avtalet kostar ${kr(169_400_000, undefined, { persons: false })} per år.

      - Färre hushåll med ekonomiskt bistånd
      - Vakanta tjänster`;
    r.note`Beloppen i detta avsnitt är påhittade för testet.`;
  },
);
