/**
 * Follow-up of an agreement between two committees (Linköping 004): a provider is paid a fixed
 * annual cost for a number of places (60 places, 1 694 000 kr a year → 28 233 kr per place) and
 * reports monthly statistics (participants, new, ended, by gender) and a yearly summary with the
 * gender split (52 % women, 48 % men) and outcomes (work, studies, other).
 *
 * The agreement's terms are parameters ({@link Agreement}); {@link agreementFromCatalogue} reads
 * them from the programme catalogue (places, annual cost, validity of the catalogue row). Counts
 * follow periodic.ts; money is whole öre and unit costs are rounded to whole kronor as a
 * controller prints them (half away from zero).
 */
import type { ColumnTable, DateLike, Period } from "./util.ts";
import { numCol, periodMs, ratio, strCol, toMs } from "./util.ts";
import { divToWholeKr, roundPercents } from "./rounding.ts";
import { daysIn, monthsBetween, periodicCounts, periodicTable, yearsBetween, type LabelledPeriod, type PeriodicCounts } from "./periodic.ts";

/** The terms of an agreement. */
export interface Agreement {
  /** Programme codes the agreement pays for. */
  programmes: readonly string[];
  /** Agreed places (at any time during the year). */
  places: number;
  /** Cost per year in öre (1 694 000 kr = 169 400 000). */
  annualCost: number;
  /** First and last day of the agreement; months and years outside it are left out. Missing: open. */
  from?: DateLike | null;
  to?: DateLike | null;
}

/**
 * An agreement's terms from the programme catalogue: the row of `code` valid at `refDate`
 * (`validFrom` ≤ refDate ≤ `validTo`, missing bounds open); places and annual cost summed when
 * several rows are valid; the period is the latest `validFrom` and earliest `validTo` of those
 * rows. Null when no row is valid or it has no places.
 * @example agreementFromCatalogue(insatser, "AIR", "2023-06-30") // { programmes: ["AIR"], places: 60, annualCost: 169_400_000, from: …, to: … }
 */
export function agreementFromCatalogue(programmes: ColumnTable, code: string, refDate: DateLike): Agreement | null {
  const ref = toMs(refDate);
  const codes = strCol(programmes, "code");
  const places = numCol(programmes, "places");
  const cost = numCol(programmes, "annualCost");
  const vf = numCol(programmes, "validFrom");
  const vt = numCol(programmes, "validTo");
  let p = 0;
  let c = 0;
  let from = -Infinity;
  let to = Infinity;
  let found = false;
  for (let i = 0; i < codes.length; i++) {
    if (codes[i] !== code || vf[i] > ref || vt[i] < ref) continue;
    found = true;
    if (Number.isFinite(places[i])) p += places[i];
    if (Number.isFinite(cost[i])) c += cost[i];
    if (vf[i] > from) from = vf[i];
    if (vt[i] < to) to = vt[i];
  }
  if (!found || p === 0) return null;
  return { programmes: [code], places: p, annualCost: c, from: Number.isFinite(from) ? from : null, to: Number.isFinite(to) ? to : null };
}

export interface AgreementOptions {
  /** The months or years to report (clipped to the agreement's period). */
  period: Period;
  genderSplit?: boolean;
}

function clip(agreement: Agreement, period: Period): [number, number] {
  let [first, last] = periodMs(period);
  if (agreement.from != null) first = Math.max(first, toMs(agreement.from));
  if (agreement.to != null) last = Math.min(last, toMs(agreement.to, true));
  return [first, last];
}

function checkAgreement(a: Agreement): void {
  if (!(a.places > 0)) throw new RangeError("agreement: places must be positive");
  if (!Number.isSafeInteger(a.annualCost)) throw new RangeError("agreement: annualCost must be whole öre");
  if (a.programmes.length === 0) throw new RangeError("agreement: name at least one programme");
}

const total = (pc: PeriodicCounts, m: keyof PeriodicCounts["counts"], k: number) =>
  pc.counts[m][k * 3] + pc.counts[m][k * 3 + 1] + pc.counts[m][k * 3 + 2];

/** `placesUsed` and the T-only agreed places and use of them. */
function placeColumns(row: Record<string, unknown>, per: LabelledPeriod, places: number): void {
  row.placesUsed = (row.personDays as number) / daysIn(per);
  const isT = row.gender === "T";
  row.agreedPlaces = isT ? places : null;
  row.useOfPlaces = isT ? ratio(row.placesUsed as number, places) : null;
}

/**
 * The provider's monthly statistics and places used per month against the agreed places.
 * @param participants enrolments as loaded.
 * @param agreement the terms (see {@link Agreement}).
 * @param opts `period` (months from its first to its last month, within the agreement), `genderSplit`.
 * @returns columns: `month` ("YYYY-MM"), `gender` (K, M, X, T), `participants`, `new`, `ended`,
 *   `enrolledAtEnd` (unique persons, see periodic.ts), `personDays`, `endedWork`, `endedStudies`,
 *   `endedOther` (enrolments), `placesUsed` (personDays / days in the month: the average number of
 *   places in use; the parts add up to T up to rounding of the division), `agreedPlaces` and
 *   `useOfPlaces` = placesUsed / agreedPlaces (T rows only, null elsewhere).
 * @example agreementMonthly(p, { programmes: ["AIR"], places: 60, annualCost: 169_400_000 }, { period: { from: "2023-01", to: "2023-12" } })
 */
export function agreementMonthly(participants: ColumnTable, agreement: Agreement, opts: AgreementOptions): ColumnTable {
  checkAgreement(agreement);
  const [first, last] = clip(agreement, opts.period);
  const pc = periodicCounts(participants, agreement.programmes, first <= last ? monthsBetween(first, last) : []);
  return periodicTable(pc, "month", opts.genderSplit ?? true, ["placesUsed", "agreedPlaces", "useOfPlaces"], (row, per) =>
    placeColumns(row, per, agreement.places),
  );
}

/**
 * The yearly summary: the monthly figures per calendar year, the gender split with shares, and
 * the unit costs.
 * @returns columns: `year` (number), `gender`, the counts of {@link agreementMonthly},
 *   `placesUsed`, `agreedPlaces`, `useOfPlaces`, then `shareOfParticipants` (participants / T
 *   participants, exact; 13 of 25 = 0.52), `percentOfParticipants` (rounded so K + M + X = 100,
 *   T = 100; null when there are none), and on T rows only (null elsewhere) `annualCost` (öre),
 *   `costPerPlace` (annualCost / agreed places, öre rounded to whole kr: 2 823 300 = 28 233 kr)
 *   and `costPerParticipant` (annualCost / participants of the year, öre rounded to whole kr;
 *   null without participants). A year cut by the period or the agreement still divides the whole
 *   annual cost.
 * @example agreementYearly(p, agreement, { period: { from: "2016-01-01", to: "2016-12-31" } })
 */
export function agreementYearly(participants: ColumnTable, agreement: Agreement, opts: AgreementOptions): ColumnTable {
  checkAgreement(agreement);
  const [first, last] = clip(agreement, opts.period);
  const pc = periodicCounts(participants, agreement.programmes, first <= last ? yearsBetween(first, last) : []);
  const extra = ["placesUsed", "agreedPlaces", "useOfPlaces", "shareOfParticipants", "percentOfParticipants", "annualCost", "costPerPlace", "costPerParticipant"];
  return periodicTable(pc, "year", opts.genderSplit ?? true, extra, (row, per, k) => {
    placeColumns(row, per, agreement.places);
    const t = total(pc, "participants", k);
    const parts = [0, 1, 2].map((g) => pc.counts.participants[k * 3 + g]);
    const percents = roundPercents(parts);
    const gi = ["K", "M", "X"].indexOf(row.gender as string);
    row.shareOfParticipants = ratio(row.participants as number, t);
    row.percentOfParticipants = t === 0 ? null : gi < 0 ? 100 : percents[gi];
    const isT = row.gender === "T";
    row.annualCost = isT ? agreement.annualCost : null;
    row.costPerPlace = isT ? divToWholeKr(agreement.annualCost, agreement.places) : null;
    row.costPerParticipant = isT && t > 0 ? divToWholeKr(agreement.annualCost, t) : null;
  });
}

/** The key figures of one year of an agreement, for the report's text. */
export interface AgreementKeyFigures {
  year: number;
  places: number;
  /** Öre. */
  annualCost: number;
  /** Öre, rounded to whole kr. */
  costPerPlace: number;
  participants: number;
  /** Öre, rounded to whole kr; null without participants. */
  costPerParticipant: number | null;
  women: number;
  men: number;
  /** Other or unknown gender. */
  other: number;
  /** Percentages that add up to 100 with `percentOther` (null without participants). */
  percentWomen: number | null;
  percentMen: number | null;
  percentOther: number | null;
  /** Average places used over the year (person-days / days). */
  placesUsed: number;
  endedWork: number;
  endedStudies: number;
  endedOther: number;
}

/**
 * One year's key figures (the T and part rows of {@link agreementYearly} as one object).
 * @example agreementKeyFigures(p, agreement, { year: 2016 }) // { costPerPlace: 2_823_300, participants: 25, percentWomen: 52, percentMen: 48, … }
 */
export function agreementKeyFigures(participants: ColumnTable, agreement: Agreement, opts: { year: number }): AgreementKeyFigures {
  const rows = agreementYearly(participants, agreement, { period: { from: `${opts.year}-01-01`, to: `${opts.year}-12-31` } }).objects() as Record<string, unknown>[];
  const get = (g: string) => rows.find((r) => r.gender === g);
  const T = get("T");
  const n = (g: string, m: string) => (get(g)?.[m] as number | undefined) ?? 0;
  return {
    year: opts.year,
    places: agreement.places,
    annualCost: agreement.annualCost,
    costPerPlace: divToWholeKr(agreement.annualCost, agreement.places) as number,
    participants: n("T", "participants"),
    costPerParticipant: (T?.costPerParticipant as number | null | undefined) ?? null,
    women: n("K", "participants"),
    men: n("M", "participants"),
    other: n("X", "participants"),
    percentWomen: (get("K")?.percentOfParticipants as number | null | undefined) ?? null,
    percentMen: (get("M")?.percentOfParticipants as number | null | undefined) ?? null,
    percentOther: (get("X")?.percentOfParticipants as number | null | undefined) ?? null,
    placesUsed: (T?.placesUsed as number | undefined) ?? 0,
    endedWork: n("T", "endedWork"),
    endedStudies: n("T", "endedStudies"),
    endedOther: n("T", "endedOther"),
  };
}
