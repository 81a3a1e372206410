// Follow-up of the target "150 jobb" (as in Eskilstuna's answer to an interpellation, seed 001):
// persons covered by status, the projection to the end of the year, and the job specialists'
// caseload.
import * as aq from "arquero";
import { report, number, decimal, headcount, date, month, GOAL_STATUS_SUMS } from "utfall/report";
import * as m from "utfall/metrics";
import * as chart from "utfall/charts";
import { genderTable, measuresByGender } from "utfall/tables";

const TARGET = "150 jobb";

export default report({ title: "Uppföljning av målet 150 jobb", period: "2023-09", unit: "Arbetsmarknadsnämnden" }, async (r) => {
  const participants = (await r.load.participants()).table;
  const targets = (await r.load.targets()).table;
  const staffing = (await r.load.staffing()).table;
  const { refDate } = m.yearToDate(r.period);
  const row = targets.filter(aq.escape((d: { target: string }) => d.target === TARGET)).object() as { value: number; from: number; to: number; programme: string | null };
  const target = { value: row.value, from: row.from, to: row.to, programme: row.programme };

  r.heading("Måluppfyllelse");
  const goal = m.goalProgress(participants, target, { refDate });
  const status = r.publishable(m.goalProgressTable(participants, target, { refDate }), {
    name: "mal-status",
    measures: ["covered", "employed", "fixedTerm", "internship", "other", "ended"],
    groupKeys: [],
    sums: GOAL_STATUS_SUMS,
    // Status on the reference date; only `ended` gathers persons over the target's time.
    atDate: ["covered", "employed", "fixedTerm", "internship", "other"],
  });
  const employed = r.count(status, "employed", {}, "anstallda");
  r.text`Satsningen omfattar ${r.count(status, "covered", {}, "omfattade")} personer, varav ${employed} i aktiv anställning
    och ${r.count(status, "internship", {}, "praktik")} i aktiv praktik med målet att bli anställda. Utöver dem har ${r.count(status, "ended", {}, "slutat")} personer slutat.
    ${r.count(status, "fixedTerm", {}, "visstid")} personer har en visstidsanställning.`;
  // The projection is computed from the employed now and, by default, the employed at the start:
  // shown, it tells both (63 now and a projection of 83,6 tell 2 at the start), so both are
  // published counts, and it is hidden when either is too small to show.
  const start = r.publishable(aq.table({ employedAtStart: [goal.employedAtStart] }), { name: "mal-start", measures: ["employedAtStart"], groupKeys: [] });
  const employedAtStart = r.count(start, "employedAtStart", {}, "anstallda-vid-start");
  const fromStart = goal.projectionMethod === "change";
  const projection = employed.value === null || (fromStart && employedAtStart.value === null) ? null : goal.projection;
  if (projection === null) r.text`Prognosen för den ${date(target.to)} visas inte eftersom antalet anställda är för litet för att redovisas.`;
  else {
    if (fromStart) r.text`Den ${date(target.from)} var ${employedAtStart} personer i aktiv anställning.`;
    r.text`${m.PROJECTION_METHOD_TEXT[goal.projectionMethod]} Enligt prognosen blir det ${number(Math.round(projection), "prognos")} anställda den ${date(target.to)}:
    målet om ${number(target.value, "malvarde")} jobb ${goal.willMeet ? "nås" : "nås inte"} i år.`;
  }
  r.chart(chart.goalProgress({ target: target.value, achieved: employed.value as number | null, achievedCell: employed.cell, projected: projection, refDate: Date.parse(refDate), to: target.to, label: TARGET }));

  r.table(measuresByGender(status, {
    name: "status-per-kon",
    caption: `Personer i satsningen ${TARGET} efter status och kön`,
    label: "Status",
    measures: [
      { column: "covered", label: "Omfattas" },
      { column: "employed", label: "I anställning" },
      { column: "fixedTerm", label: "varav visstidsanställning" },
      { column: "internship", label: "I praktik med mål anställning" },
      { column: "other", label: "Annan status" },
      { column: "ended", label: "Har slutat" },
    ],
  }));

  r.heading("Arbetsspecialister");
  const caseload = r.publishable(m.caseload(staffing, { month: r.period }), { name: "brukare", measures: ["activeClients"], groupKeys: ["unit"] });
  const load = caseload.objects() as { unit: string; specialists: number; activeClients: number | null; clientsPerSpecialist: number | null }[];
  const ips = load.find((d) => d.unit === target.programme) ?? load[0];
  // No staffing row for the month: say so rather than fail or show zeros.
  if (ips === undefined) r.text`Bemanningsexporten saknar uppgifter för ${month(r.period)}.`;
  else r.text`${headcount(ips.specialists, "arbetsspecialister")} arbetsspecialister arbetar aktivt med ${r.count(caseload, "activeClients", { unit: ips.unit }, "brukare")} brukare,
    ${r.statistic(caseload, "clientsPerSpecialist", { unit: ips.unit }, decimal, "brukare-per-specialist")} brukare per arbetsspecialist.`;

  r.heading("Avslut", 3);
  const ended = r.publishable(m.endedByDetail(participants, { from: target.from, to: refDate, by: ["programme"] }).filter(aq.escape((d: { programme: string }) => d.programme === target.programme)), {
    name: "avslut-orsak",
    measures: ["ended"],
    groupKeys: ["endDetail"],
  });
  r.table(genderTable(ended, { name: "avslut-per-orsak", caption: "Avslutade inskrivningar efter orsak och kön", keys: [{ key: "endDetail", label: "Orsak" }], measure: "ended", measureLabel: "Avslutade" }));
});
