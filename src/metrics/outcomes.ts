/**
 * Programme outcomes: participants, starts, enrolment, endings by Kolada reason, work or
 * studies (U40455), decisions and capacity use. Period rules: see enrolments.ts.
 */
import type { ColumnTable, DateLike, Period } from "./util.ts";
import { numCol, periodMs, ratio, strCol, toMs, toTable } from "./util.ts";
import { codeMask } from "./columns.ts";
import { GroupIndex, Tally, countUnique, longRows } from "./grouping.ts";
import {
  checkBy,
  endedIn,
  enrolledAt,
  genderOf,
  keyColumns,
  overlaps,
  readEnrolments,
  reasonIndex,
  type Enrolments,
  type ParticipantKey,
} from "./enrolments.ts";

/**
 * Employment forms that are municipal labour-market employments, which do not count as work in
 * Kolada U40455. Kolada counts as work an employment lasting at least a month, subsidised or not,
 * except municipal labour-market employments: so `lonebidrag` (work with a wage subsidy) counts,
 * `resursjobb` and `valfardsjobb` do not. The export's reason A is taken as such work (it holds
 * no length of the job that follows).
 */
export const MUNICIPAL_EMPLOYMENT: readonly string[] = ["resursjobb", "valfardsjobb"];

/** What U40455 counts, in Swedish, for a report's note (the same rule as {@link MUNICIPAL_EMPLOYMENT}). */
export const U40455_NOTE =
  "Kolada U40455: andel av de avslutade deltagarna i kommunala arbetsmarknadsinsatser som gått vidare till arbete eller studier. " +
  "Som arbete räknas en anställning som varar minst en månad, med eller utan subvention (till exempel lönebidrag), " +
  "men inte kommunala arbetsmarknadsanställningar (resursjobb och välfärdsjobb).";

export interface OutcomeOptions extends Period {
  /** Date for `enrolled` (persons enrolled that day) and for the catalogue's validity. */
  refDate: DateLike;
  by: ParticipantKey[];
  genderSplit?: boolean;
  /** Programme catalogue (`code`, `places`, optional `validFrom`/`validTo`): adds places and capacity use. */
  programmes?: ColumnTable;
  /** Employment forms that do not count as work (default `resursjobb`, `valfardsjobb`). */
  municipalEmployment?: readonly string[];
  /** Programme codes left out entirely (Kolada leaves out summer jobs). */
  exclude?: readonly string[];
}

const ENDED = ["ended", "endedA", "endedB", "endedC", "endedD", "endedE", "workOrStudies"];
const MEASURES = ["participants", "starts", "enrolled", ...ENDED, "decisions"];
/** The person and enrolment counts of {@link programmeOutcomes}: what public reports suppress. */
export const OUTCOME_COUNTS: readonly string[] = MEASURES;
const [PARTICIPANTS, STARTS, ENROLLED, ENDED_AT, WORK_OR_STUDIES, DECISIONS] = ["participants", "starts", "enrolled", "ended", "workOrStudies", "decisions"].map((m) => MEASURES.indexOf(m));

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
  return outcomesOf(participants, opts, null);
}

/**
 * {@link programmeOutcomes} over the persons marked in `persons` (indexed by the participants'
 * person id, see enrolments.ts), or over everyone when null.
 */
export function outcomesOf(participants: ColumnTable, opts: OutcomeOptions, persons: Uint8Array | null): ColumnTable {
  checkBy(opts.by);
  const [from, to] = periodMs(opts);
  const ref = toMs(opts.refDate);
  const municipalForms = new Set((opts.municipalEmployment ?? MUNICIPAL_EMPLOYMENT).map((f) => f.toLowerCase()));
  const e = readEnrolments(participants);
  const keys = keyColumns(e, opts.by);
  const index = new GroupIndex(keys.map((k) => k.values));
  const tally = new Tally(MEASURES);
  const municipal = codeMask(e.employmentForm, (f) => municipalForms.has(f.toLowerCase()));
  const form = e.employmentForm.codes;
  const excluded = excludedProgrammes(e, opts.exclude);
  const groupOf = new Int32Array(e.n).fill(-1);
  const unique = new Uint8Array(e.n); // bit 0 participants, bit 1 enrolled
  const key = new Int32Array(keys.length);
  for (let i = 0; i < e.n; i++) {
    if (e.pid[i] < 0 || (persons !== null && persons[e.pid[i]] !== 1)) continue;
    if (excluded !== null && e.programme.codes[i] >= 0 && excluded[e.programme.codes[i]] === 1) continue;
    const inPeriod = overlaps(e, i, from, to);
    const enrolled = enrolledAt(e, i, ref);
    const ended = endedIn(e, i, from, to);
    const decided = e.decisionDate[i] >= from && e.decisionDate[i] <= to;
    if (!inPeriod && !enrolled && !ended && !decided) continue; // a group exists only when a row counts
    for (let j = 0; j < keys.length; j++) key[j] = keys[j].codes[i];
    const g = index.of(key);
    groupOf[i] = g;
    const gender = genderOf(e, i);
    unique[i] = (inPeriod ? 1 : 0) | (enrolled ? 2 : 0);
    if (inPeriod && e.start[i] >= from) tally.add(STARTS, g, gender);
    if (ended) {
      const r = reasonIndex(e, i);
      tally.add(ENDED_AT, g, gender);
      tally.add(ENDED_AT + 1 + r, g, gender);
      if (r === 1 || (r === 0 && !(form[i] >= 0 && municipal[form[i]] === 1))) tally.add(WORK_OR_STUDIES, g, gender);
    }
    if (decided) tally.add(DECISIONS, g, gender);
  }
  countUnique(groupOf, index.size, unique, e.pid, e.personGender, tally, [PARTICIPANTS, ENROLLED]);
  const places = opts.programmes ? catalogPlaces(opts.programmes, ref) : null;
  const extra = places && opts.by.length === 1 && opts.by[0] === "programme" ? [...places.keys()].map((c) => [c]) : [];
  const pi = opts.by.indexOf("programme");
  const rows = longRows(index, opts.by, tally, opts.genderSplit ?? true, extra).map((r) => {
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

/** Per programme code, 1 when the programme is left out; null when nothing is. */
export function excludedProgrammes(e: Enrolments, exclude: readonly string[] | undefined): Uint8Array | null {
  if (!exclude || exclude.length === 0) return null;
  const ex = new Set(exclude);
  return codeMask(e.programme, (c) => ex.has(c));
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
  const keys = [...keyColumns(e, opts.by), e.endDetail];
  const index = new GroupIndex(keys.map((k) => k.values));
  const tally = new Tally(["ended"]);
  const key = new Int32Array(keys.length);
  for (let i = 0; i < e.n; i++) {
    if (!endedIn(e, i, from, to)) continue;
    for (let j = 0; j < keys.length; j++) key[j] = keys[j].codes[i];
    tally.add(0, index.of(key), genderOf(e, i));
  }
  return toTable(longRows(index, names, tally, opts.genderSplit ?? true), [...names, "gender", "ended"]);
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
  const keys = keyColumns(e, by);
  const index = new GroupIndex(keys.map((k) => k.values));
  const tally = new Tally(["ended", "continued"]);
  const formSub = codeMask(e.employmentForm, (f) => subsidised.has(f.toLowerCase()));
  const progSub = codeMask(e.programme, (p) => subsidised.has(p.toLowerCase()));
  const groupOf = new Int32Array(e.n).fill(-1);
  const unique = new Uint8Array(e.n); // bit 0 ended, bit 1 continued
  const key = new Int32Array(keys.length);
  for (let i = 0; i < e.n; i++) {
    if (!endedIn(e, i, from, to)) continue;
    const f = e.employmentForm.codes[i];
    const p = e.programme.codes[i];
    if (!(f >= 0 && formSub[f] === 1) && !(p >= 0 && progSub[p] === 1)) continue;
    for (let j = 0; j < keys.length; j++) key[j] = keys[j].codes[i];
    groupOf[i] = index.of(key);
    unique[i] = 1 | (reasonIndex(e, i) === 0 ? 2 : 0);
  }
  countUnique(groupOf, index.size, unique, e.pid, e.personGender, tally, [0, 1]);
  const rows = longRows(index, by, tally, opts.genderSplit ?? true).map((r) => ({ ...r, shareContinued: ratio(r.continued as number, r.ended as number) }));
  return toTable(rows, [...by, "gender", "ended", "continued", "shareContinued"]);
}
