/**
 * Progress toward a target such as Eskilstuna's "150 jobb" (001).
 *
 * Population: enrolments in the target's programme (all programmes when it has none).
 * - `covered`: persons enrolled at `refDate` (the seed's "91 persons, of whom 56 in employment
 *   and 35 in internship"); `ended` is counted beside it ("in addition, 7 ended").
 * - A covered person's status is taken from their enrolments ongoing at `refDate`, the first in
 *   {@link STATUS_PRIORITY}: `employed` = status in {@link EMPLOYMENT_FORMS}, `fixedTerm` = `visstid`,
 *   `internship` = `praktik`, otherwise `other`.
 * - `ended`: persons not covered with an enrolment that ended between the target's `from` and
 *   min(`to`, `refDate`); `endedByDetail` counts them by the `endDetail` of their last such ending.
 * - `achieved` = `employed` (what counts toward the target).
 * - Projection (linear from zero at the target's start): achieved / elapsedDays × totalDays, with
 *   elapsedDays = days from `from` to `refDate` inclusive (capped to the target period) and
 *   totalDays = days from `from` to `to` inclusive. `willMeet` = projection ≥ value.
 */
import type { ColumnTable, DateLike } from "./util.ts";
import { DAY_MS, compareValues, toMs, toTable } from "./util.ts";
import { GENDER_PARTS, type GenderCode, type GenderPart } from "./gender.ts";
import { enrolledAt, endedIn, readEnrolments } from "./enrolments.ts";

export const EMPLOYMENT_FORMS: readonly string[] = ["tillsvidare", "visstid", "lonebidrag", "resursjobb", "valfardsjobb"];
export const STATUS_PRIORITY: readonly string[] = [...EMPLOYMENT_FORMS, "praktik", "arbetstraning", "studier", "ingen"];

export interface Target {
  value: number;
  from: DateLike;
  to: DateLike;
  /** Programme code the target applies to; missing = all programmes. */
  programme?: string | null;
}

type Counts = Record<GenderCode, number>;

export interface GoalProgress {
  target: number;
  covered: number;
  employed: number;
  fixedTerm: number;
  internship: number;
  other: number;
  ended: number;
  endedByDetail: { endDetail: string | null; persons: number }[];
  achieved: number;
  elapsedDays: number;
  totalDays: number;
  projection: number | null;
  willMeet: boolean;
  coveredByGender: Counts;
}

function statusRank(form: string | null): number {
  const i = form === null ? -1 : STATUS_PRIORITY.indexOf(form.toLowerCase());
  return i < 0 ? STATUS_PRIORITY.length : i;
}

interface PersonState {
  gender: GenderPart;
  status: string;
  ended: boolean;
  detail: string | null;
}

function personStates(participants: ColumnTable, target: Target, ref: number): Map<string, PersonState> {
  const from = toMs(target.from);
  const endTo = Math.min(toMs(target.to, true), ref);
  const e = readEnrolments(participants);
  const rank = new Map<string, number>();
  const lastEnd = new Map<string, { end: number; detail: string | null }>();
  const gender = new Map<string, GenderPart>();
  for (let i = 0; i < e.n; i++) {
    if (target.programme != null && e.programme[i] !== target.programme) continue;
    const p = e.person[i];
    if (p === null) continue;
    gender.set(p, e.gender[i]);
    if (enrolledAt(e, i, ref)) rank.set(p, Math.min(rank.get(p) ?? Infinity, statusRank(e.employmentForm[i])));
    if (endedIn(e, i, from, endTo)) {
      const prev = lastEnd.get(p);
      const cur = { end: e.end[i], detail: e.endDetail[i] };
      // latest ending wins; ties by detail so the result does not depend on row order
      if (!prev || cur.end > prev.end || (cur.end === prev.end && compareValues(cur.detail, prev.detail) < 0)) lastEnd.set(p, cur);
    }
  }
  const out = new Map<string, PersonState>();
  for (const [p, r] of rank) out.set(p, { gender: gender.get(p) ?? "X", status: STATUS_PRIORITY[r] ?? "other", ended: false, detail: null });
  for (const [p, l] of lastEnd) if (!out.has(p)) out.set(p, { gender: gender.get(p) ?? "X", status: "ended", ended: true, detail: l.detail });
  return out;
}

/**
 * Progress toward a target at `refDate` (see the module doc for every definition).
 * @param participants enrolments as loaded.
 * @param target `{ value, from, to, programme? }` (a row of the targets table).
 * @param opts `refDate`.
 * @returns the figures as an object; {@link goalProgressTable} gives the gender long form.
 * @example goalProgress(p, { value: 150, from: "2023-01-01", to: "2023-12-31", programme: "IPS" }, { refDate: "2023-09-30" })
 */
export function goalProgress(participants: ColumnTable, target: Target, opts: { refDate: DateLike }): GoalProgress {
  const ref = toMs(opts.refDate);
  const from = toMs(target.from);
  const to = toMs(target.to, true);
  if (to < from) throw new RangeError("target: `to` is before `from`");
  const states = [...personStates(participants, target, ref).values()];
  const cnt = (f: (s: PersonState) => boolean) => states.filter(f).length;
  const covered = states.filter((s) => !s.ended);
  const employed = cnt((s) => EMPLOYMENT_FORMS.includes(s.status));
  const details = new Map<string | null, number>();
  for (const s of states) if (s.ended) details.set(s.detail, (details.get(s.detail) ?? 0) + 1);
  const totalDays = Math.round((to - from) / DAY_MS) + 1;
  const elapsedDays = Math.max(0, Math.min(totalDays, Math.round((ref - from) / DAY_MS) + 1));
  const projection = elapsedDays === 0 ? null : (employed / elapsedDays) * totalDays;
  const coveredByGender = { K: 0, M: 0, X: 0, T: covered.length } as Counts;
  for (const s of covered) coveredByGender[s.gender] += 1;
  return {
    target: target.value,
    covered: covered.length,
    employed,
    fixedTerm: cnt((s) => s.status === "visstid"),
    internship: cnt((s) => s.status === "praktik"),
    other: covered.length - employed - cnt((s) => s.status === "praktik"),
    ended: cnt((s) => s.ended),
    endedByDetail: [...details.entries()]
      .sort((a, b) => compareValues(a[0], b[0]))
      .map(([endDetail, persons]) => ({ endDetail, persons })),
    achieved: employed,
    elapsedDays,
    totalDays,
    projection,
    willMeet: projection !== null && projection >= target.value,
    coveredByGender,
  };
}

/**
 * The goal's person counts in gender long form.
 * @returns columns: `gender` (K, M, X, T), `covered`, `employed`, `fixedTerm`, `internship`,
 *   `other`, `ended`, `achieved` (persons; K + M + X = T for each).
 * @example goalProgressTable(p, target, { refDate: "2023-09-30" })
 */
export function goalProgressTable(
  participants: ColumnTable,
  target: Target,
  opts: { refDate: DateLike; genderSplit?: boolean },
): ColumnTable {
  const states = [...personStates(participants, target, toMs(opts.refDate)).values()];
  const genders: GenderCode[] = opts.genderSplit === false ? ["T"] : [...GENDER_PARTS, "T"];
  const rows = genders.map((g) => {
    const sel = g === "T" ? states : states.filter((s) => s.gender === g);
    const c = (f: (s: PersonState) => boolean) => sel.filter(f).length;
    const employed = c((s) => EMPLOYMENT_FORMS.includes(s.status));
    const internship = c((s) => s.status === "praktik");
    const covered = c((s) => !s.ended);
    return {
      gender: g,
      covered,
      employed,
      fixedTerm: c((s) => s.status === "visstid"),
      internship,
      other: covered - employed - internship,
      ended: c((s) => s.ended),
      achieved: employed,
    };
  });
  return toTable(states.length ? rows : [], ["gender", "covered", "employed", "fixedTerm", "internship", "other", "ended", "achieved"]);
}
