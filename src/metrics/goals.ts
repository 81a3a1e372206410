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
 * - `employedAtStart`: persons employed (same rule) on the target's first day `from`.
 * - Projection, by {@link ProjectionMethod}:
 *   - `"change"` (default): from the change over the period so far, extended at the same pace to
 *     `to`: employedAtStart + (achieved − employedAtStart) × (to − from) / (min(refDate, to) − from),
 *     in days. 62 employed on 1 January and 63 on 30 September project 62 + 1 × 364 / 272 ≈ 63,3
 *     at 31 December. Null when no day has passed (`refDate` ≤ `from`).
 *   - `"fromZero"`: as if nobody was employed at the start: achieved / elapsedDays × totalDays
 *     (the same 63 would project 84).
 *   elapsedDays = days from `from` to `refDate` inclusive (capped to the target period), totalDays
 *   = days from `from` to `to` inclusive. `willMeet` = projection ≥ value.
 */
import type { ColumnTable, DateLike } from "./util.ts";
import { DAY_MS, compareValues, toMs, toTable } from "./util.ts";
import { GENDER_PARTS, type GenderCode } from "./gender.ts";
import { codeMap } from "./columns.ts";
import { enrolledAt, endedIn, readEnrolments } from "./enrolments.ts";

export const EMPLOYMENT_FORMS: readonly string[] = ["tillsvidare", "visstid", "lonebidrag", "resursjobb", "valfardsjobb"];
export const STATUS_PRIORITY: readonly string[] = [...EMPLOYMENT_FORMS, "praktik", "arbetstraning", "studier", "ingen"];

/** How the projection to the end of the target period is made (see the module doc). */
export type ProjectionMethod = "change" | "fromZero";
export const PROJECTION_METHODS: readonly ProjectionMethod[] = ["change", "fromZero"];

/** What each projection method means, in Swedish, for the report's text. */
export const PROJECTION_METHOD_TEXT: Readonly<Record<ProjectionMethod, string>> = {
  change: "Prognosen utgår från förändringen sedan periodens början: antalet anställda vid periodens start plus ökningen hittills, framskriven i samma takt till periodens slut.",
  fromZero: "Prognosen räknar fram antalet anställda hittills i samma takt till periodens slut, som om ingen var anställd vid periodens start.",
};

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
  /** Persons employed on the target's first day (the projection's starting point for `"change"`). */
  employedAtStart: number;
  elapsedDays: number;
  totalDays: number;
  projection: number | null;
  /** The method the projection used. */
  projectionMethod: ProjectionMethod;
  willMeet: boolean;
  coveredByGender: Counts;
}

/** Person counts per gender part (index 0 K, 1 M, 2 X). */
interface StatusCounts {
  covered: number[];
  employed: number[];
  fixedTerm: number[];
  internship: number[];
  ended: number[];
  /** Ended persons by the detail of their last ending. */
  details: Map<string | null, number>;
  employedAtStart: number;
}

const NO_RANK = STATUS_PRIORITY.length;

function statusCounts(participants: ColumnTable, target: Target, ref: number): StatusCounts {
  const from = toMs(target.from);
  const endTo = Math.min(toMs(target.to, true), ref);
  const e = readEnrolments(participants);
  const progCode = target.programme == null ? -2 : e.programme.values.indexOf(target.programme);
  const rankOf = codeMap(e.employmentForm, (f) => {
    const i = STATUS_PRIORITY.indexOf(f.toLowerCase());
    return i < 0 ? NO_RANK : i;
  });
  // per person id: status rank at refDate and at `from` (NO_RANK + 1 = not enrolled), latest ending
  const rank = new Int32Array(e.persons).fill(NO_RANK + 1);
  const rankStart = new Int32Array(e.persons).fill(NO_RANK + 1);
  const lastEnd = new Float64Array(e.persons).fill(NaN);
  const lastDetail = new Int32Array(e.persons).fill(-1);
  const inTarget = new Uint8Array(e.persons);
  const detail = e.endDetail;
  for (let i = 0; i < e.n; i++) {
    if (progCode !== -2 && e.programme.codes[i] !== progCode) continue;
    const p = e.pid[i];
    if (p < 0) continue;
    inTarget[p] = 1;
    const f = e.employmentForm.codes[i];
    const r = f < 0 ? NO_RANK : rankOf[f];
    if (enrolledAt(e, i, ref) && r < rank[p]) rank[p] = r;
    if (enrolledAt(e, i, from) && r < rankStart[p]) rankStart[p] = r;
    if (endedIn(e, i, from, endTo)) {
      const end = e.end[i];
      const d = detail.codes[i];
      // latest ending wins; ties by detail so the result does not depend on row order
      const prev = lastEnd[p];
      const valueOf = (c: number) => (c < 0 ? null : detail.values[c]);
      if (prev !== prev || end > prev || (end === prev && compareValues(valueOf(d), valueOf(lastDetail[p])) < 0)) {
        lastEnd[p] = end;
        lastDetail[p] = d;
      }
    }
  }
  const c: StatusCounts = { covered: [0, 0, 0], employed: [0, 0, 0], fixedTerm: [0, 0, 0], internship: [0, 0, 0], ended: [0, 0, 0], details: new Map(), employedAtStart: 0 };
  const FIXED = STATUS_PRIORITY.indexOf("visstid");
  const INTERN = STATUS_PRIORITY.indexOf("praktik");
  for (let p = 0; p < e.persons; p++) {
    if (!inTarget[p]) continue;
    if (rankStart[p] < EMPLOYMENT_FORMS.length) c.employedAtStart++;
    const g = e.personGender[p];
    const r = rank[p];
    if (r <= NO_RANK) {
      c.covered[g]++;
      if (r < EMPLOYMENT_FORMS.length) c.employed[g]++;
      if (r === FIXED) c.fixedTerm[g]++;
      if (r === INTERN) c.internship[g]++;
    } else if (lastEnd[p] === lastEnd[p]) {
      c.ended[g]++;
      const d = lastDetail[p] < 0 ? null : detail.values[lastDetail[p]];
      c.details.set(d, (c.details.get(d) ?? 0) + 1);
    }
  }
  return c;
}
/**
 * Progress toward a target at `refDate` (see the module doc for every definition).
 * @param participants enrolments as loaded.
 * @param target `{ value, from, to, programme? }` (a row of the targets table).
 * @param opts `refDate`; `projection` method (default `"change"`).
 * @returns the figures as an object; {@link goalProgressTable} gives the gender long form.
 * @example goalProgress(p, { value: 150, from: "2023-01-01", to: "2023-12-31", programme: "IPS" }, { refDate: "2023-09-30" })
 */
export function goalProgress(
  participants: ColumnTable,
  target: Target,
  opts: { refDate: DateLike; projection?: ProjectionMethod },
): GoalProgress {
  const ref = toMs(opts.refDate);
  const from = toMs(target.from);
  const to = toMs(target.to, true);
  if (to < from) throw new RangeError("target: `to` is before `from`");
  const method = opts.projection ?? "change";
  if (!PROJECTION_METHODS.includes(method)) throw new RangeError(`unknown projection method ${JSON.stringify(method)}`);
  const c = statusCounts(participants, target, ref);
  const sum = (a: number[]) => a[0] + a[1] + a[2];
  const covered = sum(c.covered);
  const employed = sum(c.employed);
  const internship = sum(c.internship);
  const employedAtStart = c.employedAtStart;
  const totalDays = Math.round((to - from) / DAY_MS) + 1;
  const elapsedDays = Math.max(0, Math.min(totalDays, Math.round((ref - from) / DAY_MS) + 1));
  const spanDays = Math.round((Math.min(ref, to) - from) / DAY_MS);
  const projection =
    method === "fromZero"
      ? elapsedDays === 0 ? null : (employed / elapsedDays) * totalDays
      : spanDays <= 0 ? null : employedAtStart + ((employed - employedAtStart) * (totalDays - 1)) / spanDays;
  const coveredByGender: Counts = { K: c.covered[0], M: c.covered[1], X: c.covered[2], T: covered };
  return {
    target: target.value,
    covered,
    employed,
    fixedTerm: sum(c.fixedTerm),
    internship,
    other: covered - employed - internship,
    ended: sum(c.ended),
    endedByDetail: [...c.details.entries()]
      .sort((a, b) => compareValues(a[0], b[0]))
      .map(([endDetail, persons]) => ({ endDetail, persons })),
    achieved: employed,
    employedAtStart,
    elapsedDays,
    totalDays,
    projection,
    projectionMethod: method,
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
  const c = statusCounts(participants, target, toMs(opts.refDate));
  const genders: GenderCode[] = opts.genderSplit === false ? ["T"] : [...GENDER_PARTS, "T"];
  const pick = (a: number[], g: GenderCode) => (g === "T" ? a[0] + a[1] + a[2] : a[GENDER_PARTS.indexOf(g)]);
  const rows = genders.map((g) => {
    const covered = pick(c.covered, g);
    const employed = pick(c.employed, g);
    const internship = pick(c.internship, g);
    return {
      gender: g,
      covered,
      employed,
      fixedTerm: pick(c.fixedTerm, g),
      internship,
      other: covered - employed - internship,
      ended: pick(c.ended, g),
      achieved: employed,
    };
  });
  const any = pick(c.covered, "T") + pick(c.ended, "T") > 0;
  return toTable(any ? rows : [], ["gender", "covered", "employed", "fixedTerm", "internship", "other", "ended", "achieved"]);
}
