// Delårsrapport (interim report) of the labour-market committee: economy, participants and
// outcomes per programme, and how the municipality compares in Kolada.
import { report, deviation, interimReportTitle, ownKoladaFigure, OUTCOME_SUMS } from "utfall/report";
import * as m from "utfall/metrics";
import * as chart from "utfall/charts";
import { budgetTable, codeNames, outcomesTable } from "utfall/tables";
import { OWN_MUNICIPALITY, UNIT_NAMES } from "./_municipality.ts";

export default report({ title: interimReportTitle, period: "2023-04", unit: "Arbetsmarknadsnämnden" }, async (r) => {
  const ledgerInput = await r.load.ledger();
  const ledger = ledgerInput.table;
  const forecasts = (await r.load.forecasts()).table;
  const participants = (await r.load.participants()).table;
  const programmes = (await r.load.programmes()).table;
  const kolada = (await r.load.kolada()).table;
  const period = m.yearToDate(r.period);
  const names = codeNames(programmes);

  r.heading("Ekonomi");
  // A ledger with no rows for the period (a gap, e.g. a change of finance system): say so in words
  // and build the other sections, rather than charting nothing or showing zeros.
  if (ledgerInput.coverage?.rowsInPeriod === 0) {
    r.text(ledgerInput.coverage.rowsInYear === 0
      ? `Huvudboken saknar uppgifter för ${period.year}. Budget, utfall och prognos kan därför inte redovisas.`
      : `Huvudboken saknar uppgifter för perioden ${period.from} – ${period.to}. Budget, utfall och prognos kan därför inte redovisas.`);
  } else {
    const economy = m.budgetDeviation(ledger, { period: r.period, by: ["unit"], forecasts });
    const total = economy.total.object() as Record<string, number>;
    r.text`Nämnden redovisar en budgetavvikelse för perioden på ${deviation(total.deviationPeriod, "avvikelse-perioden", { persons: false })}.`;
    if (economy.forecastMonth === null) r.text(`Någon helårsprognos för ${period.year} har ännu inte lämnats.`);
    else if (economy.previousForecastMonth === null) r.text`Helårsprognosen visar en avvikelse på ${deviation(total.deviationForecast, "avvikelse-helar", { persons: false })}. Det är årets första prognos.`;
    else r.text`Helårsprognosen visar en avvikelse på ${deviation(total.deviationForecast, "avvikelse-helar", { persons: false })},
      en förändring mot föregående prognos med ${deviation(total.forecastChange, "forandring-prognos", { persons: false })}.`;
    r.chart(chart.budgetByUnit(economy.groups, { labels: UNIT_NAMES, period: r.period }));
    r.table(budgetTable(economy, { name: "budget-per-ansvar", caption: "Budget, utfall och prognos per ansvar, mnkr", by: "unit", byLabel: "Ansvar", labels: UNIT_NAMES }));
    if (economy.forecastMonth !== null) r.chart(chart.budgetByUnit(economy.groups, { labels: UNIT_NAMES, period: r.period, show: "year" }));
    r.chart(chart.cumulativeOutcome(m.monthlyCumulative(ledger, { year: period.year }), { through: r.period }));
  }

  r.heading("Deltagare och resultat");
  // One population ("utfall"): programmes roll up to the whole, age bands split the whole.
  const counts = { name: "utfall", measures: m.OUTCOME_COUNTS, sums: OUTCOME_SUMS };
  const outcomes = r.publishable(m.programmeOutcomes(participants, { ...period, by: ["programme"], programmes }), { ...counts, groupKeys: ["programme"], rollup: [["programme"]] });
  const all = r.publishable(m.programmeOutcomes(participants, { ...period, by: [] }), { ...counts, groupKeys: [] });
  r.keyFigures([
    { label: "Deltagare under perioden", value: r.count(all, "participants", {}, "deltagare") },
    { label: "Inskrivna per den " + period.refDate, value: r.count(all, "enrolled", {}, "inskrivna") },
    { label: "Avslutade till arbete eller studier", value: r.share(all, "shareWorkOrStudies", {}, "andel-arbete-studier"), note: "av de avslutade" },
  ]);
  r.text`Deltagare under perioden räknar varje person en gång, även den som deltagit i flera insatser. Diagrammet
    Deltagare per insats och kön räknar en person en gång i varje insats hen deltagit i; dess totalsumma är därför större.`;
  r.chart(chart.genderSplit(outcomes, { measure: "participants", by: "programme", labels: names, title: "Deltagare per insats och kön" }));
  r.chart(chart.outcomesByReason(outcomes, { by: "programme", labels: names }));
  r.note`Andelen avslutade till arbete eller studier i nyckeltalen räknas som Kolada U40455: studier (orsak B) och arbete (orsak A)
    utom kommunala arbetsmarknadsanställningar (resursjobb och välfärdsjobb). Orsak A och B i diagrammet räknar alla avslut med
    den orsaken, även till en kommunal arbetsmarknadsanställning, så deras andelar kan tillsammans bli större än nyckeltalet.`;
  r.table(outcomesTable(outcomes, { name: "resultat-per-insats", caption: "Deltagare och resultat per insats", by: "programme", byLabel: "Insats", labels: names }));

  r.heading("Åldersgrupper", 3);
  const ages = r.publishable(m.participantsByAgeBand(participants, { ...period, bands: ["–24", "25–", "okänd"] }), {
    name: "utfall",
    measures: ["participants"],
    groupKeys: ["ageBand"],
    rollup: [["ageBand"]],
  });
  r.chart(chart.ageDistribution(ages));

  r.heading("Jämförelse med andra kommuner");
  const year = period.year - 1;
  const own = ownKoladaFigure(r, participants, { kpi: "U40455", year });
  r.chart(chart.koladaComparison(m.koladaComparison(kolada, { kpi: "U40455", year, municipalityId: OWN_MUNICIPALITY, ownComputed: own }), {
    kpi: "U40455",
    title: `Andel avslutade till arbete eller studier ${year}, procent`,
    period: year,
  }));
  r.note(m.U40455_NOTE);
});
