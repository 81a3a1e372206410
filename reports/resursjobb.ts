// Resource jobs for the disability committee's target groups (Västerås 2021, seed 000): per year
// since the model started in 2018, how many resource jobs went to persons with a disability of all
// resource jobs, how many got continued employment afterwards, by gender, and what share of the
// target group in programmes had a resource job.
import * as aq from "arquero";
import { report, month } from "utfall/report";
import * as m from "utfall/metrics";
import * as chart from "utfall/charts";
import { genderTable } from "utfall/tables";

const FROM_YEAR = 2018;

export default report({ title: "Resursjobb för personer med funktionsnedsättning", period: "2023-12", unit: "Utbildnings- och arbetsmarknadsnämnden" }, async (r) => {
  const participants = (await r.load.participants()).table;
  const { year, refDate } = m.yearToDate(r.period);
  const perYear = m.resourceJobsByYear(participants, { fromYear: FROM_YEAR, toYear: year, refDate });
  const years = `${FROM_YEAR}–${year}`;

  r.heading("Resursjobb till personer med funktionsnedsättning");
  // Jobs started are counted per job, so the years add up to the whole period (the "Totalt" row).
  const jobsCounts = { name: "resursjobb", measures: ["resourceJobs", "resourceJobsDisability"], sums: [{ total: "resourceJobs", parts: ["resourceJobsDisability"] }] };
  const jobs = r.publishable(perYear.select("year", "gender", "resourceJobs", "resourceJobsDisability", "shareDisability"), { ...jobsCounts, groupKeys: ["year"], rollup: [["year"]] });
  const all = r.publishable(
    perYear.groupby("gender").rollup({ resourceJobs: aq.op.sum("resourceJobs"), resourceJobsDisability: aq.op.sum("resourceJobsDisability") })
      .derive({ shareDisability: (d: { resourceJobs: number; resourceJobsDisability: number }) => (d.resourceJobs > 0 ? d.resourceJobsDisability / d.resourceJobs : null) }),
    { ...jobsCounts, groupKeys: [] },
  );
  r.text`Sedan modellen infördes ${String(FROM_YEAR)} har ${r.count(all, "resourceJobs", {}, "resursjobb-totalt")} resursjobb påbörjats till och med ${month(r.period)}.
    ${r.count(all, "resourceJobsDisability", {}, "resursjobb-malgrupp")} av dem, ${r.share(all, "shareDisability", {}, "andel-malgrupp")}, gick till personer med funktionsnedsättning:
    ${r.count(all, "resourceJobsDisability", { gender: "K" }, "resursjobb-malgrupp-kvinnor")} kvinnor och ${r.count(all, "resourceJobsDisability", { gender: "M" }, "resursjobb-malgrupp-man")} män.`;
  r.chart(chart.genderBars(jobs, { bandField: "year", measure: "resourceJobsDisability", bandLabel: "År", bandNoun: "år", bandDefinite: "året", noun: "resursjobb", xTitle: "År",
    title: `Påbörjade resursjobb till personer med funktionsnedsättning per år och kön ${years}`, name: "resursjobb-malgrupp-per-ar", period: r.period }));
  r.table(genderTable(jobs, {
    name: "resursjobb-per-ar",
    caption: `Påbörjade resursjobb per år: till personer med funktionsnedsättning, efter kön, och av alla resursjobb ${years}`,
    keys: [{ key: "year", label: "År" }],
    measure: "resourceJobsDisability",
    measureLabel: "Till målgruppen,",
    extra: [
      { column: "resourceJobs", label: "Alla resursjobb", format: "integer" },
      { column: "shareDisability", label: "Andel till målgruppen", format: "percent" },
    ],
    note: "Ett resursjobb är en inskrivning med anställningsformen eller insatsen resursjobb; det räknas det år det börjar. Målgruppen ett år är de personer som det året har en inskrivning där funktionsnedsättning är markerad.",
  }));

  r.heading("Fortsatt anställning efter resursjobbet");
  const persons = r.publishable(perYear, {
    name: "resursjobb-personer",
    measures: ["ended", "continued", "endedDisability", "continuedDisability", "targetGroup", "targetGroupWithResourceJob"],
    groupKeys: ["year"],
    sums: [
      { total: "ended", parts: ["continued"] },
      { total: "ended", parts: ["endedDisability"] },
      { total: "endedDisability", parts: ["continuedDisability"] },
      { total: "continued", parts: ["continuedDisability"] },
      { total: "targetGroup", parts: ["targetGroupWithResourceJob"] },
    ],
  });
  r.text`Under ${String(year)} avslutade ${r.count(persons, "endedDisability", { year }, "avslutade-malgrupp")} personer med funktionsnedsättning ett resursjobb.
    ${r.count(persons, "continuedDisability", { year }, "fortsatt-malgrupp")} av dem, ${r.share(persons, "shareContinuedDisability", { year }, "andel-fortsatt-malgrupp")}, gick vidare till en anställning.`;
  r.table(genderTable(persons, {
    name: "fortsatt-anstallning-per-ar",
    caption: `Personer med funktionsnedsättning som avslutat ett resursjobb och fått fortsatt anställning, per år ${years}`,
    keys: [{ key: "year", label: "År" }],
    measure: "endedDisability",
    measureLabel: "Avslutade",
    extra: [
      { column: "continuedDisability", label: "Fortsatt anställning kvinnor", format: "integer", gender: "K" },
      { column: "continuedDisability", label: "Fortsatt anställning män", format: "integer", gender: "M" },
      { column: "continuedDisability", label: "Fortsatt anställning totalt", format: "integer" },
      { column: "shareContinuedDisability", label: "Andel med fortsatt anställning", format: "percent" },
    ],
    note: "Exporterna saknar arbetsgivare: fortsatt anställning räknas som ett avslut till arbete (avslutsorsak A) efter resursjobbet, inte bara i stadens förvaltningar. Personer räknas en gång per år.",
  }));

  r.heading("Andel av målgruppen i insatser som haft resursjobb");
  r.text`Av de ${r.count(persons, "targetGroup", { year }, "malgrupp")} personer med funktionsnedsättning som var inskrivna i någon insats under ${String(year)} hade
    ${r.count(persons, "targetGroupWithResourceJob", { year }, "malgrupp-med-resursjobb")}, ${r.share(persons, "shareTargetGroup", { year }, "andel-malgrupp-resursjobb")}, ett resursjobb.`;
  r.table(genderTable(persons, {
    name: "malgruppen-per-ar",
    caption: `Personer med funktionsnedsättning i insatser och andel som haft resursjobb, per år ${years}`,
    keys: [{ key: "year", label: "År" }],
    measure: "targetGroup",
    measureLabel: "I insatser,",
    extra: [
      { column: "targetGroupWithResourceJob", label: "Med resursjobb", format: "integer" },
      { column: "shareTargetGroup", label: "Andel med resursjobb", format: "percent" },
      { column: "shareTargetGroup", label: "Andel kvinnor med resursjobb", format: "percent", gender: "K" },
      { column: "shareTargetGroup", label: "Andel män med resursjobb", format: "percent", gender: "M" },
    ],
  }));
});
