/**
 * Resource jobs (resursjobb) for the disability committee's target groups (Västerås 000): per
 * year since the model started (2018), how many resource jobs went to persons with a disability,
 * of all resource jobs; how many of them went on to continued employment; by gender; and what
 * share of the target group in programmes had a resource job.
 *
 * Definitions, per calendar year Y (all dates UTC, bounds inclusive, see enrolments.ts):
 * - a *resource job* is an enrolment whose `employmentForm` or `programme` code is one of
 *   `forms` (case-insensitive; default `resursjobb`);
 * - a person is *in the target group* in Y when any of their enrolments overlapping Y (in any
 *   programme) has `disability` true;
 * - `resourceJobs`: resource jobs starting in Y (jobs the model created that year);
 *   `resourceJobsDisability`: of those, jobs of persons in the target group in Y;
 * - `ended` / `endedDisability`: unique persons (in the target group) who ended a resource job in
 *   Y; `continued` / `continuedDisability`: of those, persons with such an ending with reason A
 *   (work). The exports hold no employer, so "continued employment in the city's administrations"
 *   is counted as any work after the resource job;
 * - `targetGroup`: unique persons in the target group with an enrolment overlapping Y;
 *   `targetGroupWithResourceJob`: of those, persons with a resource job overlapping Y.
 * Every count is split by the person's gender (K, M, X; T = K + M + X).
 */
import type { ColumnTable, DateLike } from "./util.ts";
import { ratio, toMs, toTable } from "./util.ts";
import { codeMask, isTrue } from "./columns.ts";
import { GENDER_PARTS } from "./gender.ts";
import { readEnrolments, reasonIndex, valid } from "./enrolments.ts";

export interface ResourceJobOptions {
  /** First year (default 2018, when Västerås introduced the model). */
  fromYear?: number;
  /** Last year (default: the year of `refDate`). */
  toYear?: number;
  /** Counts stop at this date (default: the end of `toYear`): a later start or ending is not counted. */
  refDate?: DateLike;
  /** Employment forms or programme codes of resource jobs (default `resursjobb`). */
  forms?: readonly string[];
  genderSplit?: boolean;
}

const COUNTS = [
  "resourceJobs", "resourceJobsDisability", "ended", "continued", "endedDisability", "continuedDisability",
  "targetGroup", "targetGroupWithResourceJob",
] as const;
const [JOBS, JOBS_DIS, ENDED, CONT, ENDED_DIS, CONT_DIS, TG, TG_RJ] = COUNTS.map((_, i) => i);

/**
 * Resource jobs per year and gender (see the module doc for every definition).
 * @param participants enrolments as loaded (needs `disability` for the target group).
 * @returns columns: `year`, `gender` (K, M, X, T), `resourceJobs`, `resourceJobsDisability`,
 *   `shareDisability` = resourceJobsDisability / resourceJobs, `ended`, `continued`,
 *   `endedDisability`, `continuedDisability`, `shareContinuedDisability` = continuedDisability /
 *   endedDisability, `targetGroup`, `targetGroupWithResourceJob`, `shareTargetGroup` =
 *   targetGroupWithResourceJob / targetGroup (shares null when the denominator is 0). One row per
 *   year and gender from `fromYear` to `toYear`, zeros included.
 * @example resourceJobsByYear(p, { fromYear: 2018, toYear: 2023 })
 */
export function resourceJobsByYear(participants: ColumnTable, opts: ResourceJobOptions = {}): ColumnTable {
  const fromYear = opts.fromYear ?? 2018;
  const refLimit = opts.refDate === undefined ? Infinity : toMs(opts.refDate);
  const toYear = opts.toYear ?? (opts.refDate === undefined ? NaN : new Date(refLimit).getUTCFullYear());
  if (!Number.isInteger(fromYear) || !Number.isInteger(toYear)) throw new RangeError("resourceJobsByYear: give toYear or refDate");
  if (toYear < fromYear) throw new RangeError("resourceJobsByYear: toYear is before fromYear");
  const forms = new Set((opts.forms ?? ["resursjobb"]).map((f) => f.toLowerCase()));
  const e = readEnrolments(participants);
  const formMask = codeMask(e.employmentForm, (f) => forms.has(f.toLowerCase()));
  const progMask = codeMask(e.programme, (p) => forms.has(p.toLowerCase()));
  const isJob = (i: number) => {
    const f = e.employmentForm.codes[i];
    const p = e.programme.codes[i];
    return (f >= 0 && formMask[f] === 1) || (p >= 0 && progMask[p] === 1);
  };
  const disability = e.flags.disability;
  const years = toYear - fromYear + 1;
  const counts = COUNTS.map(() => new Float64Array(years * 3));
  const stamp = (): Int32Array => new Int32Array(e.persons).fill(-1);
  const inGroup = stamp();
  const seenTg = stamp();
  const seenTgRj = stamp();
  const seenEnded = stamp();
  const seenCont = stamp();
  for (let k = 0; k < years; k++) {
    const first = Date.UTC(fromYear + k, 0, 1);
    const last = Math.min(Date.UTC(fromYear + k, 11, 31), refLimit);
    if (last < first) continue;
    // pass 1: who is in the target group this year
    for (let i = 0; i < e.n; i++) {
      if (valid(e, i) && e.start[i] <= last && !(e.end[i] < first) && isTrue(disability, i)) inGroup[e.pid[i]] = k;
    }
    // pass 2: the counts
    for (let i = 0; i < e.n; i++) {
      if (!valid(e, i) || e.start[i] > last || e.end[i] < first) continue;
      const p = e.pid[i];
      const j = k * 3 + e.personGender[p];
      const dis = inGroup[p] === k;
      const job = isJob(i);
      if (dis && seenTg[p] !== k) {
        seenTg[p] = k;
        counts[TG][j]++;
      }
      if (!job) continue;
      if (dis && seenTgRj[p] !== k) {
        seenTgRj[p] = k;
        counts[TG_RJ][j]++;
      }
      if (e.start[i] >= first) {
        counts[JOBS][j]++;
        if (dis) counts[JOBS_DIS][j]++;
      }
      if (e.end[i] >= first && e.end[i] <= last) {
        if (seenEnded[p] !== k) {
          seenEnded[p] = k;
          counts[ENDED][j]++;
          if (dis) counts[ENDED_DIS][j]++;
        }
        if (reasonIndex(e, i) === 0 && seenCont[p] !== k) {
          seenCont[p] = k;
          counts[CONT][j]++;
          if (dis) counts[CONT_DIS][j]++;
        }
      }
    }
  }
  const rows: Record<string, unknown>[] = [];
  const split = opts.genderSplit ?? true;
  for (let k = 0; k < years; k++) {
    const total: Record<string, unknown> = { year: fromYear + k, gender: "T" };
    COUNTS.forEach((m) => (total[m] = 0));
    GENDER_PARTS.forEach((g, gi) => {
      const row: Record<string, unknown> = { year: fromYear + k, gender: g };
      COUNTS.forEach((m, mi) => {
        row[m] = counts[mi][k * 3 + gi];
        (total[m] as number) += row[m] as number;
      });
      if (split) rows.push(row);
    });
    rows.push(total);
  }
  for (const r of rows) {
    r.shareDisability = ratio(r.resourceJobsDisability as number, r.resourceJobs as number);
    r.shareContinuedDisability = ratio(r.continuedDisability as number, r.endedDisability as number);
    r.shareTargetGroup = ratio(r.targetGroupWithResourceJob as number, r.targetGroup as number);
  }
  return toTable(rows, [
    "year", "gender", "resourceJobs", "resourceJobsDisability", "shareDisability", "ended", "continued",
    "endedDisability", "continuedDisability", "shareContinuedDisability", "targetGroup", "targetGroupWithResourceJob", "shareTargetGroup",
  ]);
}
