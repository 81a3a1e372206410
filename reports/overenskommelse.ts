// Follow-up of the agreement between the care committee and the education committee on
// work-oriented rehabilitation (Linköping 2017, seed 004): places used against the agreed 60, cost
// per place and per participant, the gender split, outcomes, the provider's monthly statistics and
// the yearly summary, from the individual, staff and operations perspectives the agreement names.
// The agreement's terms (places, annual cost, period) are the programme catalogue's row for AIR.
import * as aq from "arquero";
import { report, kr, number, decimal, month } from "utfall/report";
import * as m from "utfall/metrics";
import * as chart from "utfall/charts";
import { codeNames, genderTable, measuresByGender } from "utfall/tables";

const PROGRAMME = "AIR";
// Shares, places used and the cost per participant are hidden with the participants they are
// computed from (DERIVED in src/disclosure/register.ts); places and money are not about persons.
const COUNTS = ["participants", "new", "ended", "enrolledAtEnd", "endedWork", "endedStudies", "endedOther"];

export default report({ title: "Uppföljning av överenskommelsen om arbetsinriktad rehabilitering", period: "2023-12", unit: "Omsorgsnämnden och bildningsnämnden" }, async (r) => {
  const participants = (await r.load.participants()).table;
  const programmes = (await r.load.programmes()).table;
  const staffing = (await r.load.staffing()).table;
  const period = m.yearToDate(r.period);
  const agreement = m.agreementFromCatalogue(programmes, PROGRAMME, period.refDate);
  if (agreement === null) {
    r.text`Insatskatalogen har ingen giltig rad med platser för ${PROGRAMME} den ${period.refDate}, så överenskommelsen kan inte följas upp.`;
    return;
  }
  const costPerPlace = m.agreementKeyFigures(participants, agreement, { year: period.year }).costPerPlace;
  // The yearly summary (up to five years) and the report's year: one population, registered once.
  const from = Math.max(new Date(agreement.from ?? Date.UTC(period.year, 0, 1)).getUTCFullYear(), period.year - 4);
  const years = r.publishable(m.agreementYearly(participants, agreement, { period: { from: `${from}-01-01`, to: period.refDate } }),
    { name: "overenskommelse-ar", measures: COUNTS, groupKeys: ["year"] });
  const year = years.filter(aq.escape((d: { year: number }) => d.year === period.year));
  const statistic = (column: string, as: Parameters<typeof r.statistic>[3], name: string) => r.statistic(year, column, { year: period.year }, as, name);

  const monthly = r.publishable(m.agreementMonthly(participants, agreement, { period }),
    { name: "overenskommelse-manad", measures: COUNTS, groupKeys: ["month"] });
  // Places used add up over the months (inscribed days): with a month's figure hidden, the year's
  // average and the other months' would tell its days, and so a lower bound on its participants.
  const yearHidesAMonth = (monthly.objects() as { gender: string; placesUsed: number | null }[]).some((d) => d.gender === "T" && d.placesUsed === null);

  r.heading("Verksamhetsperspektiv: platser och kostnad");
  r.keyFigures([
    { label: "Avtalade platser", value: number(agreement.places, "platser") },
    { label: "Årskostnad", value: kr(agreement.annualCost, "arskostnad", { persons: false }) },
    { label: "Kostnad per plats", value: kr(costPerPlace, "kostnad-per-plats", { persons: false }) },
    { label: `Deltagare ${period.year}`, value: r.count(year, "participants", { year: period.year }, "deltagare") },
    { label: "Kostnad per deltagare", value: statistic("costPerParticipant", kr, "kostnad-per-deltagare") },
  ]);
  r.text`Överenskommelsen omfattar ${number(agreement.places, "platser-text")} platser till en kostnad av ${kr(agreement.annualCost, "arskostnad-text", { persons: false })} per år,
    ${kr(costPerPlace, "kostnad-per-plats-text", { persons: false })} per plats.`;
  if (yearHidesAMonth) r.text`Genomsnittet av använda platser från ${month(`${period.year}-01`)} till ${month(r.period)} visas inte: tillsammans med månaderna skulle det avslöja antalet deltagare en månad med få deltagare.`;
  else r.text`Från ${month(`${period.year}-01`)} till ${month(r.period)} användes i genomsnitt ${statistic("placesUsed", decimal, "platser-anvanda")} platser,
    ${r.share(year, "useOfPlaces", { year: period.year }, "nyttjandegrad")} av de avtalade.`;
  r.chart(chart.shareAgainstGoal(monthly, { by: "month", byLabel: "Månad", measure: "useOfPlaces", measureLabel: "Använda platser av de avtalade", goal: 1, goalLabel: "Avtal",
    title: `Använda platser per månad i procent av de ${agreement.places} avtalade`, name: "platser-per-manad", period: r.period }));
  r.note`Platser, årskostnad och avtalsperiod är insatskatalogens rad för ${PROGRAMME} (insatser.csv). Använda platser är antalet inskrivningsdagar delat med dagarna i perioden: det genomsnittliga antalet upptagna platser.
    Kostnad per deltagare är årskostnaden delad med antalet deltagare under året.`;

  r.heading("Individperspektiv: deltagare, kön och resultat");
  const women = r.count(year, "participants", { year: period.year, gender: "K" }, "kvinnor");
  const men = r.count(year, "participants", { year: period.year, gender: "M" }, "man");
  r.text`Under ${String(period.year)} deltog ${women} kvinnor och ${men} män: ${r.share(year, "shareOfParticipants", { year: period.year, gender: "K" }, "andel-kvinnor")} kvinnor och ${r.share(year, "shareOfParticipants", { year: period.year, gender: "M" }, "andel-man")} män.`;
  r.chart(chart.genderBars(monthly, { bandField: "month", measure: "participants", bandLabel: "Månad", bandNoun: "månad", noun: "deltagare", xTitle: "Månad",
    title: "Deltagare per månad och kön", name: "deltagare-per-manad", period: r.period }));
  r.table(measuresByGender(year, {
    name: "resultat",
    caption: `Deltagare och avslut ${period.year} efter resultat och kön`,
    label: "Mått",
    measures: [
      { column: "participants", label: "Deltagare" },
      { column: "new", label: "Nya" },
      { column: "ended", label: "Avslutade" },
      { column: "endedWork", label: "Avslut till arbete" },
      { column: "endedStudies", label: "Avslut till studier" },
      { column: "endedOther", label: "Avslut av annat skäl" },
    ],
    note: "Deltagare, nya och avslutade räknas som personer; avslut efter resultat räknas som inskrivningar. Arbete enligt Kolada U40455: kommunala arbetsmarknadsanställningar räknas inte som arbete.",
  }));

  r.heading("Månadsstatistik enligt enkäten", 3);
  r.table(genderTable(monthly, {
    name: "manadsstatistik",
    caption: `Deltagare per månad och kön, nya, avslutade och använda platser av ${agreement.places}`,
    keys: [{ key: "month", label: "Månad", format: "month" }],
    measure: "participants",
    measureLabel: "Deltagare",
    extra: [
      { column: "new", label: "Nya", format: "integer" },
      { column: "ended", label: "Avslutade", format: "integer" },
      { column: "placesUsed", label: "Använda platser", format: "decimal1" },
      { column: "useOfPlaces", label: "Andel av platserna", format: "percent" },
    ],
  }));
  r.table(genderTable(monthly, {
    name: "nya-och-avslutade",
    caption: "Nya deltagare per månad och kön, med avslutade kvinnor och män",
    keys: [{ key: "month", label: "Månad", format: "month" }],
    measure: "new",
    measureLabel: "Nya",
    extra: [
      { column: "ended", label: "Avslutade kvinnor", format: "integer", gender: "K" },
      { column: "ended", label: "Avslutade män", format: "integer", gender: "M" },
      { column: "ended", label: "Avslutade totalt", format: "integer" },
    ],
  }));

  r.heading("Årssammanställning", 3);
  r.chart(chart.genderSplit(years, { by: "year", byLabel: "År", title: `Deltagare per år och kön ${from}–${period.year}`, name: "konsfordelning-per-ar" }));
  r.table(genderTable(years, {
    name: "arssammanstallning",
    caption: `Deltagare per år och kön,${yearHidesAMonth ? "" : " använda platser"} och kostnad per deltagare ${from}–${period.year}`,
    keys: [{ key: "year", label: "År" }],
    measure: "participants",
    measureLabel: "Deltagare",
    extra: [
      { column: "shareOfParticipants", label: "Andel kvinnor", format: "percent", gender: "K" },
      ...(yearHidesAMonth ? [] : [{ column: "placesUsed", label: "Använda platser", format: "decimal1" as const }]),
      { column: "costPerParticipant", label: "Kostnad per deltagare", format: "kr" },
    ],
  }));

  r.heading("Personalperspektiv");
  const caseload = r.publishable(m.caseload(staffing, { month: r.period }), { name: "brukare", measures: ["activeClients"], groupKeys: ["unit"] });
  const name = codeNames(programmes)[PROGRAMME];
  const unit = (caseload.objects() as { unit: string; specialists: number; clientsPerSpecialist: number | null }[]).find((d) => d.unit === PROGRAMME || d.unit === name);
  // No staffing row of the agreement's unit for the month: say so rather than fail or show zeros.
  if (unit === undefined) r.text`Bemanningsexporten saknar uppgifter om ${name} för ${month(r.period)}.`;
  else r.text`I ${month(r.period)} arbetade ${decimal(unit.specialists, "arbetsspecialister", { persons: false })} arbetsspecialister (årsarbetare) aktivt med
    ${r.count(caseload, "activeClients", { unit: unit.unit }, "brukare")} deltagare, ${r.statistic(caseload, "clientsPerSpecialist", { unit: unit.unit }, decimal, "brukare-per-specialist")} per arbetsspecialist.`;
});
