// Financial assistance and programmes (Sundbyberg 2016, seed 003): is every recipient offered a
// programme, is attendance met, and how do the providers compare?
import { report, percent, month, ATTENDANCE_SUMS, OFFER_SUMS, OUTCOME_SUMS } from "utfall/report";
import * as m from "utfall/metrics";
import * as chart from "utfall/charts";
import { genderTable, outcomesTable } from "utfall/tables";

const REQUIREMENT = 0.8;
// The focus groups of Västerås 002 §74.
const FOCUS_GROUPS = {
  under30: "Under 30 år",
  parentsUnder18: "Föräldrar med barn under 18 år",
  foreignBornAcademic: "Utrikesfödda med akademisk examen",
};

export default report({ title: "Ekonomiskt bistånd och arbetsmarknadsinsatser", period: "2023-06", unit: "Arbetsmarknadsnämnden" }, async (r) => {
  const assistance = (await r.load.assistance()).table;
  const participants = (await r.load.participants()).table;
  const attendance = (await r.load.attendance()).table;
  const period = m.yearToDate(r.period);

  r.heading("Erbjudande om insats");
  const offers = r.publishable(m.offerRate(assistance, participants, { period }), { name: "erbjudande", measures: ["recipients", "withProgramme"], groupKeys: ["month"], sums: OFFER_SUMS });
  const hasMonth = offers.objects().some((d) => (d as { month: string }).month === r.period);
  // No recipient in the period month (a gap in the export): say so rather than fail or show zero.
  if (!hasMonth) r.text`Exporten om ekonomiskt bistånd saknar uppgifter för ${month(r.period)}.`;
  else r.text`I ${month(r.period)} hade ${r.share(offers, "offerRate", { month: r.period }, "erbjudandegrad")} av de vuxna som fick ekonomiskt bistånd en pågående arbetsmarknadsinsats.
    Målet är att alla ska erbjudas en insats.`;
  r.chart(chart.shareAgainstGoal(offers, { by: "month", byLabel: "Månad", measure: "offerRate", measureLabel: "Andel med insats", goal: 1,
    title: "Andel av vuxna med ekonomiskt bistånd som har en insats, per månad", name: "andel-med-insats-per-manad", period: r.period }));
  r.table(genderTable(offers, {
    name: "erbjudande-per-manad",
    caption: "Vuxna med ekonomiskt bistånd och andel med pågående insats, per månad",
    keys: [{ key: "month", label: "Månad", format: "month" }],
    measure: "recipients",
    measureLabel: "Mottagare",
    extra: [
      { column: "withProgramme", label: "Med insats", format: "integer" },
      { column: "offerRate", label: "Andel med insats", format: "percent" },
      { column: "offerRate", label: "Andel kvinnor med insats", format: "percent", gender: "K" },
      { column: "offerRate", label: "Andel män med insats", format: "percent", gender: "M" },
    ],
  }));

  r.heading("Närvaro per utförare");
  const presence = r.publishable(
    m.attendanceRate(attendance, { requirement: REQUIREMENT, period: { from: r.period, to: r.period }, genders: participants }),
    { name: "narvaro", measures: ["participants", "meetingRequirement"], groupKeys: ["provider", "month"], sums: ATTENDANCE_SUMS },
  );
  r.text`Närvarokravet är ${percent(REQUIREMENT, "narvarokrav", { persons: false })} av de schemalagda timmarna. Diagrammet och tabellen visar ${month(r.period)}.`;
  r.chart(chart.shareAgainstGoal(presence, { by: "provider", byLabel: "Utförare", measure: "attendanceRate", measureLabel: "Närvaro av schemalagd tid", goal: REQUIREMENT, goalLabel: "Krav",
    title: "Närvaro per utförare mot närvarokravet", name: "narvaro-mot-krav", period: chart.monthSpan(r.period, r.period) }));
  r.table(genderTable(presence, {
    name: "narvaro-per-utforare",
    caption: "Deltagare, närvaro och andel som uppfyller närvarokravet per utförare",
    keys: [{ key: "provider", label: "Utförare" }],
    measure: "participants",
    measureLabel: "Deltagare",
    extra: [
      { column: "attendanceRate", label: "Närvaro av schemalagd tid", format: "percent" },
      { column: "meetingRequirement", label: "Uppfyller närvarokravet", format: "integer" },
      { column: "shareMeetingRequirement", label: "Andel som uppfyller kravet", format: "percent" },
    ],
  }));

  r.heading("Fokusgrupperna bland mottagarna");
  const focus = r.publishable(m.assistanceFocusGroups(assistance, participants, { period, refDate: period.refDate }), {
    name: "fokusgrupper-bistand",
    measures: ["recipients", "inGroup", "unknown", "withActivity"],
    groupKeys: ["focusGroup"],
    sums: [{ total: "recipients", parts: ["inGroup", "unknown"] }, { total: "inGroup", parts: ["withActivity"] }],
  });
  r.text`Tre grupper ska särskilt få insatser: unga under 30 år, föräldrar med barn under 18 år och utrikesfödda med akademisk examen.
    Diagrammet visar hur stor andel av mottagarna i varje grupp som hade en insats någon gång från ${month(`${period.year}-01`)} till ${month(r.period)}.`;
  const active = (g: string, name: string) => r.share(focus, "shareWithActivity", { focusGroup: g }, name);
  if (focus.numRows() > 0) r.text`En insats hade ${active("under30", "andel-insats-under-30")} av mottagarna under 30 år, ${active("parentsUnder18", "andel-insats-foraldrar")} av föräldrarna
    och ${active("foreignBornAcademic", "andel-insats-akademiker")} av de utrikesfödda med akademisk examen.`;
  r.chart(chart.shareAgainstGoal(focus, { by: "focusGroup", byLabel: "Grupp", labels: FOCUS_GROUPS, measure: "shareWithActivity", measureLabel: "Andel med insats", goal: 1,
    title: "Andel med insats i fokusgrupperna bland vuxna med ekonomiskt bistånd", name: "fokusgrupper-andel-med-insats", period: r.period }));
  r.table(genderTable(focus, {
    name: "fokusgrupper-bistand",
    caption: "Vuxna med ekonomiskt bistånd i fokusgrupperna och andel med insats",
    keys: [{ key: "focusGroup", label: "Grupp", names: FOCUS_GROUPS }],
    measure: "inGroup",
    measureLabel: "I gruppen,",
    extra: [
      { column: "withActivity", label: "Med insats", format: "integer" },
      { column: "shareWithActivity", label: "Andel med insats", format: "percent" },
      { column: "unknown", label: "Uppgift saknas", format: "integer" },
    ],
    note: "Ålder räknas vid periodens slut. Barn i hushållet från bidragsexportens hushållstyp, annars deltagarexporten; utländsk födelse och examen från deltagarexporten. Mottagare som ingen export säger något om räknas under Uppgift saknas.",
  }));

  r.heading("Utförarna jämförda på resultat");
  const byProvider = r.publishable(m.providerOutcomes(participants, assistance, { from: period.from, to: period.to, refDate: period.refDate }),
    { name: "utfall-bistand", measures: m.OUTCOME_COUNTS, sums: OUTCOME_SUMS, groupKeys: ["provider"] });
  r.text`Jämförelsen gäller deltagare som fick ekonomiskt bistånd under perioden: hur deras inskrivningar hos varje utförare avslutades.`;
  r.chart(chart.outcomesByReason(byProvider, { by: "provider", byLabel: "Utförare", title: "Avslutade inskrivningar per utförare och avslutsorsak, mottagare av ekonomiskt bistånd", name: "avslut-per-utforare", period: r.period }));
  r.table(outcomesTable(byProvider, { name: "resultat-per-utforare", caption: "Deltagare med ekonomiskt bistånd och resultat per utförare", by: "provider", byLabel: "Utförare" }));
  r.note`Arbete eller studier enligt Kolada U40455: kommunala arbetsmarknadsanställningar räknas inte som arbete.`;
});
