// Follow-up of the target "150 jobb" (as in Eskilstuna's answer to an interpellation, seed 001):
// persons covered by status, the projection to the end of the year, and the job specialists'
// caseload.
import * as aq from "arquero";
import { report, count, decimal, date } from "utfall/report";
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
  r.text`Satsningen omfattar ${count(goal.covered, "omfattade")} personer, varav ${count(goal.employed, "anstallda")} i aktiv anställning
    och ${count(goal.internship, "praktik")} i aktiv praktik med målet att bli anställda. Utöver dem har ${count(goal.ended, "slutat")} personer slutat.
    ${count(goal.fixedTerm, "visstid")} personer har en visstidsanställning.`;
  r.text`Med samma takt som hittills blir det ${count(Math.round(goal.projection ?? 0), "prognos")} anställda den ${date(target.to)}:
    målet om ${count(target.value, "malvarde")} jobb ${goal.willMeet ? "nås" : "nås inte"} i år.`;
  r.chart(chart.goalProgress({ target: target.value, achieved: goal.achieved, projected: goal.projection, refDate: Date.parse(refDate), to: target.to, label: TARGET }));

  const status = r.publishable(m.goalProgressTable(participants, target, { refDate }), {
    measures: ["covered", "employed", "fixedTerm", "internship", "other", "ended"],
    groupKeys: [],
  });
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
  const load = m.caseload(staffing, { month: r.period }).objects() as { unit: string; specialists: number; activeClients: number; clientsPerSpecialist: number }[];
  const ips = load.find((d) => d.unit === target.programme) ?? load[0];
  r.text`${decimal(ips.specialists, "arbetsspecialister")} arbetsspecialister arbetar aktivt med ${count(ips.activeClients, "brukare")} brukare,
    ${decimal(ips.clientsPerSpecialist, "brukare-per-specialist")} brukare per arbetsspecialist.`;

  r.heading("Avslut", 3);
  const ended = r.publishable(m.endedByDetail(participants, { from: target.from, to: refDate, by: ["programme"] }).filter(aq.escape((d: { programme: string }) => d.programme === target.programme)), {
    measures: ["ended"],
    groupKeys: ["endDetail"],
  });
  r.table(genderTable(ended, { name: "avslut-per-orsak", caption: "Avslutade inskrivningar efter orsak och kön", keys: [{ key: "endDetail", label: "Orsak" }], measure: "ended", measureLabel: "Avslutade" }));
});
