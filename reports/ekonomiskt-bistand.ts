// Financial assistance and programmes (Sundbyberg 2016, seed 003): is every recipient offered a
// programme, is attendance met, and how do the providers compare?
import { report, percent, month, ATTENDANCE_SUMS, OFFER_SUMS } from "utfall/report";
import * as m from "utfall/metrics";
import { genderTable } from "utfall/tables";

const REQUIREMENT = 0.8;

export default report({ title: "Ekonomiskt bistånd och arbetsmarknadsinsatser", period: "2023-06", unit: "Arbetsmarknadsnämnden" }, async (r) => {
  const assistance = (await r.load.assistance()).table;
  const participants = (await r.load.participants()).table;
  const attendance = (await r.load.attendance()).table;
  const period = m.yearToDate(r.period);

  r.heading("Erbjudande om insats");
  const offers = r.publishable(m.offerRate(assistance, participants, { period }), { name: "erbjudande", measures: ["recipients", "withProgramme"], groupKeys: ["month"], sums: OFFER_SUMS });
  const last = offers.objects().find((d) => (d as { month: string; gender: string }).month === r.period && (d as { gender: string }).gender === "T") as { offerRate: number | null } | undefined;
  // No recipient in the period month (the export ends earlier): say so rather than fail or show zero.
  if (last === undefined) r.text`Exporten om ekonomiskt bistånd saknar uppgifter för ${month(r.period)}.`;
  else r.text`I ${month(r.period)} hade ${percent(last.offerRate, "erbjudandegrad")} av de vuxna som fick ekonomiskt bistånd en pågående arbetsmarknadsinsats.
    Målet är att alla ska erbjudas en insats.`;
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
  r.text`Närvarokravet är ${percent(REQUIREMENT, "narvarokrav")} av de schemalagda timmarna. Tabellen visar ${month(r.period)}.`;
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
});
