// Mapping of the administration's programmes (Västerås 002 §73 and §74): every programme with
// its purpose, target group, places, enrolment and outcomes; participants 60 or older and their
// time in programmes; the focus groups; continued employment after a resource job (000).
import { report, decimal, number, CONTINUED_SUMS, OUTCOME_SUMS } from "utfall/report";
import * as m from "utfall/metrics";
import * as chart from "utfall/charts";
import { catalogueTable, codeNames, genderTable } from "utfall/tables";

const TARGET_GROUPS = {
  disability: "Personer med funktionsnedsättning",
  financialAssistance: "Personer med ekonomiskt bistånd",
  foreignBornAcademic: "Utrikesfödda med avslutad akademisk utbildning",
  childrenUnder18: "Föräldrar med barn under 18 år",
};

/** The kind of place of the catalogue's programmes (the catalogue has no such column). */
const PLACE_KIND_OF: Readonly<Record<string, "praktik" | "arbetstraning" | "valfardsjobb">> = { PRAKTIK: "praktik", VERKSTAN: "arbetstraning", VALFARDSJOBB: "valfardsjobb" };

export default report({ title: "Kartläggning av arbetsmarknadsinsatser", period: "2023-06", unit: "Arbetsmarknadsnämnden" }, async (r) => {
  const participants = (await r.load.participants()).table;
  const programmes = (await r.load.programmes()).table;
  const period = m.yearToDate(r.period);
  const names = codeNames(programmes);
  // One population ("utfall"): provider × programme inside programme inside the whole.
  const counts = { name: "utfall", measures: m.OUTCOME_COUNTS, sums: OUTCOME_SUMS };
  // The provider chart shows the ended enrolments and their reasons only.
  const ENDED_COUNTS = ["ended", "endedA", "endedB", "endedC", "endedD", "endedE", "workOrStudies"];

  r.heading("Insatserna");
  const outcomes = r.publishable(m.programmeOutcomes(participants, { ...period, by: ["programme"], programmes }), { ...counts, groupKeys: ["programme"], rollup: [["programme"]] });
  const capacity = m.programmeCapacity(programmes, participants, { refDate: period.refDate, period });
  r.table(catalogueTable(programmes, outcomes, capacity, { name: "insatser", caption: `Insatser ${period.from} – ${period.to}`, period }));
  const all = r.publishable(m.programmeOutcomes(participants, { ...period, by: [] }), { ...counts, groupKeys: [] });
  const byProvider = r.publishable(m.programmeOutcomes(participants, { ...period, by: ["provider", "programme"] }), { ...counts, measures: ENDED_COUNTS, groupKeys: ["provider", "programme"], rollup: [["provider"]] });
  r.chart(chart.outcomesByReasonPer(byProvider, { by: "programme", labels: names, facet: "provider", facetLabel: "Utförare", title: "Avslutade per utförare, insats och avslutsorsak", name: "avslut-per-utforare" }));
  r.text`Under perioden fattades ${r.count(all, "decisions", {}, "beslut")} beslut om insats för enskilda.`;

  r.heading("Deltagare 60 år eller äldre");
  const older = r.publishable(m.participantsByAgeBand(participants, { ...period, bands: ["60+"] }), { name: "alder-60", measures: ["participants"], groupKeys: ["ageBand"] });
  const olderCount = r.count(older, "participants", { ageBand: "60+" }, "deltagare-60");
  // Those enrolled now, by age group: the group the median is taken over, one population with the
  // duration bands below (the bands of an age group add up to it). The median is hidden with the
  // group's count: a median of one to four persons is their own time.
  const duration = { name: "tid-i-insats", measures: ["persons"], atDate: ["persons"] };
  const enrolledNow = r.publishable(m.durationSummary(participants, { refDate: period.refDate }), { ...duration, groupKeys: ["ageGroup"] });
  const olderNow = enrolledNow.numRows() === 0 ? null : r.count(enrolledNow, "persons", { ageGroup: "60+" });
  const olderMedian = olderNow === null ? null : r.statistic(enrolledNow, "medianMonths", { ageGroup: "60+" }, decimal, "median-manader-60");
  // No one aged 60+ enrolled now: there is no median to show, which is not a hidden one.
  if (olderNow === null || olderNow.value === 0) r.text`${olderCount} deltagare var 60 år eller äldre. Ingen av dem är inskriven nu, så det finns ingen mediantid att redovisa.`;
  else if (olderMedian === null || olderMedian.value === null) r.text`${olderCount} deltagare var 60 år eller äldre. Mediantiden för dem som är inskrivna nu visas inte eftersom de är för få för att redovisas.`;
  else r.text`${olderCount} deltagare var 60 år eller äldre. Bland dem som är inskrivna nu har
    den mittersta (medianen) varit aktuell i ${olderMedian} månader.`;
  const bands = r.publishable(m.durationBands(participants, { refDate: period.refDate }), { ...duration, groupKeys: ["ageGroup", "band"], rollup: [["band"]] });
  r.chart(chart.timeInProgramme(bands.filter((d: { ageGroup: string }) => d.ageGroup === "60+").rename({ persons: "participants", "cell:persons": "cell:participants" }), {
    title: "Inskrivna 60 år eller äldre efter tid i insats",
    name: "tid-i-insats-60",
  }));

  r.heading("Fokusgrupper");
  const groups = r.publishable(m.participantsByTargetGroup(participants, period), { name: "fokusgrupper", measures: ["participants", "allParticipants"], groupKeys: ["targetGroup"] });
  r.table(genderTable(groups, {
    name: "fokusgrupper",
    caption: "Deltagare i fokusgrupperna",
    keys: [{ key: "targetGroup", label: "Grupp", names: TARGET_GROUPS }],
    measure: "participants",
    measureLabel: "Deltagare",
    extra: [{ column: "share", label: "Andel av alla deltagare", format: "percent" }],
  }));
  const young = r.publishable(m.participantsByAgeBand(participants, { ...period, refDate: period.refDate, bands: ["under30"] }), { name: "unga", measures: ["participants"], groupKeys: ["ageBand"] });
  r.table(genderTable(young, { name: "unga-under-30", caption: "Deltagare under 30 år", keys: [{ key: "ageBand", label: "Ålder", names: { under30: "Under 30 år" } }], measure: "participants", measureLabel: "Deltagare" }));

  r.heading("Fortsatt anställning efter resursjobb");
  const continued = r.publishable(m.continuedEmployment(participants, { ...period, subsidised: ["resursjobb"] }), { name: "resursjobb", measures: ["ended", "continued"], groupKeys: [], sums: CONTINUED_SUMS });
  r.table(genderTable(continued, {
    name: "fortsatt-anstallning",
    caption: "Avslutade resursjobb och fortsatt anställning",
    keys: [],
    measure: "ended",
    measureLabel: "Avslutade resursjobb",
    extra: [
      { column: "continued", label: "Fortsatt anställning", format: "integer" },
      { column: "shareContinued", label: "Andel med fortsatt anställning", format: "percent" },
    ],
  }));

  // §73, last question: the places the city's administrations ask for, against the catalogue's.
  r.heading("Efterfrågade platser i stadens förvaltningar");
  const requests = (await r.load.requestedPlaces()).table;
  const wanted = m.requestedPlaces(requests, programmes, { year: period.year, kindOf: PLACE_KIND_OF });
  const kinds = wanted.byKind.objects() as { placeKind: m.PlaceKind; requested: number; available: number | null; gap: number | null }[];
  const kindName = (k: string) => (m.PLACE_KIND_NAMES as Record<string, string>)[k] ?? k;
  for (const k of kinds.filter((d) => d.available !== null)) {
    r.text`${kindName(k.placeKind)}: förvaltningarna efterfrågar ${number(k.requested, `efterfragade-${k.placeKind}`)} för ${String(period.year)}, katalogen har ${number(k.available!, `katalog-${k.placeKind}`)}
      – ${k.gap! > 0 ? "det saknas" : "det finns"} ${number(Math.abs(k.gap!), `skillnad-${k.placeKind}`)} ${k.gap! > 0 ? "platser" : "platser utöver efterfrågan"}.`;
  }
  const places = (key: string, label: string) => ({ key, label, format: "integer" as const, persons: false });
  r.table({
    name: "efterfragade-platser",
    caption: `Efterfrågade platser och platser i insatskatalogen ${period.year}, per typ av plats`,
    columns: [{ key: "kind", label: "Typ av plats", format: "text" }, places("requested", "Efterfrågade"), places("available", "I katalogen"), places("gap", "Saknas")],
    rows: kinds.map((k) => ({ kind: kindName(k.placeKind), requested: k.requested, available: k.available, gap: k.gap })),
    note: `Platser i katalogen: ${Object.entries(PLACE_KIND_OF).map(([code, kind]) => `${names[code] ?? code} (${kindName(kind).toLowerCase()})`).join(", ")}, de rader som gäller den 31 december. Saknas: efterfrågade minus katalogens; negativt när katalogen har fler.`,
  });
  const perAdmin = wanted.byAdministration.objects() as { administration: string; placeKind: string; requested: number }[];
  const admins = [...new Set(perAdmin.map((d) => d.administration))];
  const req = (a: string, k: string) => perAdmin.filter((d) => d.administration === a && d.placeKind === k).reduce((s, d) => s + d.requested, 0);
  r.table({
    name: "efterfragade-per-forvaltning",
    caption: `Efterfrågade platser per förvaltning ${period.year}`,
    columns: [{ key: "administration", label: "Förvaltning", format: "text" }, ...m.PLACE_KINDS.map((k) => places(k, kindName(k))), places("total", "Totalt")],
    rows: admins.map((a) => ({ administration: a, ...Object.fromEntries(m.PLACE_KINDS.map((k) => [k, req(a, k)])), total: perAdmin.filter((d) => d.administration === a).reduce((s, d) => s + d.requested, 0) })),
  });
});
