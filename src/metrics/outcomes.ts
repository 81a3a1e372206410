/**
 * Programme outcomes: participants, starts, enrolment, endings by Kolada reason, work or
 * studies (U40455), decisions and capacity use. Period rules: see enrolments.ts.
 */
import type { ColumnTable, DateLike, Period } from "./util.ts";
import { numCol, periodMs, ratio, strCol, toMs, toTable } from "./util.ts";
import { GenderGroups, type Group } from "./gender.ts";
import {
  checkBy,
  endedIn,
  enrolledAt,
  keysOf,
  overlaps,
  readEnrolments,
  reasonOf,
  type ParticipantKey,
} from "./enrolments.ts";

/** Employment forms that are municipal labour-market employments (not work in U40455). */
export const MUNICIPAL_EMPLOYMENT: readonly string[] = ["resursjobb", "valfardsjobb"];

export interface OutcomeOptions extends Period {
  /** Date for `enrolled` (persons enrolled that day) and for the catalogue's validity. */
  refDate: DateLike;
  by: ParticipantKey[];
  genderSplit?: boolean;
  /** Programme catalogue (`code`, `places`, optional `validFrom`/`validTo`): adds places and capacity use. */
  programmes?: ColumnTable;
  /** Employment forms that do not count as work (default `resursjobb`, `valfardsjobb`). */
  municipalEmployment?: readonly string[];
}

const ENDED = ["ended", "endedA", "endedB", "endedC", "endedD", "endedE", "workOrStudies"];
const MEASURES = ["participants", "starts", "enrolled", ...ENDED, "decisions"];
/** The person and enrolment counts of {@link programmeOutcomes}: what public reports suppress. */
export const OUTCOME_COUNTS: readonly string[] = MEASURES;

/**
 * Outcomes per group and gender (long form, K/M/X/T).
 *
 * @param participants enrolments as loaded (data/README.md, participants).
 * @param opts `from`/`to` period (inclusive), `refDate`, `by` keys, `genderSplit` (default true),
 *   optional `programmes` catalogue and `municipalEmployment` forms.
 * @returns columns: the `by` keys, `gender`,
 *   `participants` unique persons with an enrolment overlapping the period (once per group, U40800),
 *   `starts` enrolments starting in the period, `enrolled` unique persons enrolled at `refDate`,
 *   `ended` enrolments ending in the period, `endedA`..`endedE` of those by reason (missing or
 *   unknown reason = E), `workOrStudies` ended with B, or with A unless the employment form is a
 *   municipal labour-market employment, `shareWorkOrStudies` = workOrStudies / ended (null when
 *   ended = 0), `decisions` enrolments with the decision date in the period; with `programmes`
 *   also `places` (sum of the places of the catalogue rows of the programme valid at `refDate`,
 *   null when the programme is not in the catalogue or `by` lacks `programme`) and `capacityUse`
 *   = enrolled / places (T rows only, null elsewhere). With `by: ["programme"]` and a catalogue,
 *   programmes without enrolments get rows of zeros.
 * @example programmeOutcomes(p, { from: "2023-01-01", to: "2023-04-30", refDate: "2023-04-30", by: ["programme"] })
 */
export function programmeOutcomes(participants: ColumnTable, opts: OutcomeOptions): ColumnTable {
  checkBy(opts.by);
  const [from, to] = periodMs(opts);
  const ref = toMs(opts.refDate);
  const municipal = new Set(opts.municipalEmployment ?? MUNICIPAL_EMPLOYMENT);
  const e = readEnrolments(participants);
  const gg = new GenderGroups(opts.by, MEASURES);
  for (let i = 0; i < e.n; i++) {
    const inPeriod = overlaps(e, i, from, to);
    const enrolled = enrolledAt(e, i, ref);
    const ended = endedIn(e, i, from, to);
    const decided = e.person[i] !== null && e.decisionDate[i] >= from && e.decisionDate[i] <= to;
    if (!inPeriod && !enrolled && !ended && !decided) continue; // a group exists only when a row counts
    const grp = gg.ensure(keysOf(e, i, opts.by));
    const g = e.gender[i];
    const p = e.pid[i];
    if (inPeriod) gg.person(grp, g, "participants", p);
    if (inPeriod && e.start[i] >= from) gg.count(grp, g, "starts");
    if (enrolled) gg.person(grp, g, "enrolled", p);
    if (ended) {
      const r = reasonOf(e, i);
      gg.count(grp, g, "ended");
      gg.count(grp, g, `ended${r}`);
      const form = e.employmentForm[i]?.toLowerCase() ?? null;
      if (r === "B" || (r === "A" && !(form !== null && municipal.has(form)))) gg.count(grp, g, "workOrStudies");
    }
    if (decided) gg.count(grp, g, "decisions");
  }
  const places = opts.programmes ? catalogPlaces(opts.programmes, ref) : null;
  if (places && opts.by.length === 1 && opts.by[0] === "programme") for (const code of places.keys()) gg.ensure([code]);
  const pi = opts.by.indexOf("programme");
  const rows = gg.rows(opts.genderSplit ?? true).map((r) => {
    r.shareWorkOrStudies = ratio(r.workOrStudies as number, r.ended as number);
    if (places) {
      const pl = pi < 0 ? undefined : places.get(r[opts.by[pi]] as string);
      r.places = pl ?? null;
      r.capacityUse = r.gender === "T" && pl !== undefined ? ratio(r.enrolled as number, pl) : null;
    }
    return r;
  });
  const columns = [...opts.by, "gender", "participants", "starts", "enrolled", ...ENDED, "shareWorkOrStudies", "decisions"];
  if (places) columns.push("places", "capacityUse");
  return toTable(rows, columns);
}

/** Places per programme code over the catalogue rows valid at `ref` (validFrom/validTo inclusive). */
function catalogPlaces(programmes: ColumnTable, ref: number): Map<string, number> {
  const code = strCol(programmes, "code");
  const places = numCol(programmes, "places");
  const vf = numCol(programmes, "validFrom");
  const vt = numCol(programmes, "validTo");
  const out = new Map<string, number>();
  for (let i = 0; i < code.length; i++) {
    const c = code[i];
    if (c === null || vf[i] > ref || vt[i] < ref) continue;
    out.set(c, (out.get(c) ?? 0) + (Number.isFinite(places[i]) ? places[i] : 0));
  }
  return out;
}

/**
 * Enrolments ended in the period by end detail (`pension`, `flytt`, …; missing detail = null).
 * @returns columns: the `by` keys, `endDetail`, `gender`, `ended` (enrolments).
 * @example endedByDetail(p, { from: "2023-01-01", to: "2023-12-31", by: [] })
 */
export function endedByDetail(
  participants: ColumnTable,
  opts: Period & { by: ParticipantKey[]; genderSplit?: boolean },
): ColumnTable {
  checkBy(opts.by);
  const [from, to] = periodMs(opts);
  const e = readEnrolments(participants);
  const names = [...opts.by, "endDetail"];
  const gg = new GenderGroups(names, ["ended"]);
  for (let i = 0; i < e.n; i++) {
    if (endedIn(e, i, from, to)) gg.count([...keysOf(e, i, opts.by), e.endDetail[i]], e.gender[i], "ended");
  }
  return toTable(gg.rows(opts.genderSplit ?? true), [...names, "gender", "ended"]);
}

export interface ContinuedOptions extends Period {
  /** Employment forms (or programme codes) of subsidised jobs, default resursjobb, valfardsjobb, lonebidrag. */
  subsidised?: readonly string[];
  by?: ParticipantKey[];
  genderSplit?: boolean;
}

/**
 * Persons who ended a subsidised job in the period and went on to work (Västerås 000: continued
 * employment after a resource job). A row is a subsidised job when its `employmentForm` or its
 * `programme` (case-insensitive) is in `subsidised`; "went on to work" = that ending's reason is A.
 * @returns columns: the `by` keys, `gender`, `ended` (unique persons who ended a subsidised job in
 *   the period), `continued` (of those, persons with such an ending with reason A),
 *   `shareContinued` = continued / ended (null when ended = 0).
 * @example continuedEmployment(p, { from: "2022-01-01", to: "2022-12-31", subsidised: ["resursjobb"] })
 */
export function continuedEmployment(participants: ColumnTable, opts: ContinuedOptions): ColumnTable {
  const by = opts.by ?? [];
  checkBy(by);
  const [from, to] = periodMs(opts);
  const subsidised = new Set((opts.subsidised ?? ["resursjobb", "valfardsjobb", "lonebidrag"]).map((s) => s.toLowerCase()));
  const e = readEnrolments(participants);
  const gg = new GenderGroups(by, ["ended", "continued"]);
  for (let i = 0; i < e.n; i++) {
    if (!endedIn(e, i, from, to)) continue;
    const form = e.employmentForm[i]?.toLowerCase();
    const prog = e.programme[i]?.toLowerCase();
    if (!(form !== undefined && subsidised.has(form)) && !(prog !== undefined && subsidised.has(prog))) continue;
    const keys = keysOf(e, i, by);
    gg.person(keys, e.gender[i], "ended", e.pid[i]);
    if (reasonOf(e, i) === "A") gg.person(keys, e.gender[i], "continued", e.pid[i]);
  }
  const rows = gg.rows(opts.genderSplit ?? true).map((r) => ({ ...r, shareContinued: ratio(r.continued as number, r.ended as number) }));
  return toTable(rows, [...by, "gender", "ended", "continued", "shareContinued"]);
}
