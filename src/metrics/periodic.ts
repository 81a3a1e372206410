/**
 * Participant counts per calendar period (month or year) for a set of programmes: the figures a
 * provider reports every month and sums up every year (Linköping 004: participants, new, ended,
 * by gender; places used against agreed places; outcomes).
 *
 * Per period `[first, last]` (inclusive) and gender part, over the enrolments of the programmes:
 * - `participants`: unique persons with an enrolment overlapping the period;
 * - `new`: unique persons with an enrolment starting in the period;
 * - `ended`: unique persons with an enrolment ending in the period;
 * - `enrolledAtEnd`: unique persons enrolled on the period's last day;
 * - `personDays`: days enrolled within the period, summed over enrolments (inclusive: the end
 *   date is the enrolment's last day); `personDays / days in the period` is the average number of
 *   places used;
 * - `endedWork`, `endedStudies`, `endedOther`: enrolments ending in the period by outcome, as
 *   U40455 counts it: work = reason A unless the employment form is a municipal labour-market
 *   employment, studies = reason B, other = every other ending.
 *
 * Linear in rows × periods: the programme's rows are listed once, then each period is one pass
 * over that list with a stamp per person (no per-row objects or string keys).
 */
import type { ColumnTable } from "./util.ts";
import { DAY_MS, toTable } from "./util.ts";
import { codeMask } from "./columns.ts";
import { GENDER_PARTS } from "./gender.ts";
import { readEnrolments, reasonIndex, valid, type Enrolments } from "./enrolments.ts";
import { MUNICIPAL_EMPLOYMENT } from "./outcomes.ts";

/** A calendar period with its label (`"2023-04"`, `2023`). */
export interface LabelledPeriod {
  label: string | number;
  first: number;
  last: number;
}

export const PERIODIC_COUNTS = ["participants", "new", "ended", "enrolledAtEnd", "personDays", "endedWork", "endedStudies", "endedOther"] as const;
export type PeriodicCount = (typeof PERIODIC_COUNTS)[number];

/** Counts per period: `counts[measure][period * 3 + genderPart]`. */
export interface PeriodicCounts {
  periods: readonly LabelledPeriod[];
  counts: Record<PeriodicCount, Float64Array>;
}

/** The months `"YYYY-MM"` from the month of `first` to the month of `last`, each clipped to [first, last]. */
export function monthsBetween(first: number, last: number): LabelledPeriod[] {
  const out: LabelledPeriod[] = [];
  const d = new Date(first);
  let y = d.getUTCFullYear();
  let m = d.getUTCMonth();
  for (;;) {
    const f = Date.UTC(y, m, 1);
    if (f > last) break;
    const l = Date.UTC(y, m + 1, 0);
    out.push({ label: `${y}-${String(m + 1).padStart(2, "0")}`, first: Math.max(f, first), last: Math.min(l, last) });
    if (++m === 12) {
      m = 0;
      y++;
    }
  }
  return out;
}

/** The calendar years from the year of `first` to the year of `last`, each clipped to [first, last]. */
export function yearsBetween(first: number, last: number): LabelledPeriod[] {
  const out: LabelledPeriod[] = [];
  for (let y = new Date(first).getUTCFullYear(); y <= new Date(last).getUTCFullYear(); y++) {
    out.push({ label: y, first: Math.max(Date.UTC(y, 0, 1), first), last: Math.min(Date.UTC(y, 11, 31), last) });
  }
  return out;
}

/** Days in a period, both ends included. */
export function daysIn(p: LabelledPeriod): number {
  return Math.round((p.last - p.first) / DAY_MS) + 1;
}

/** Rows of the given programme codes (all rows with a person and a start date when `programmes` is null). */
export function programmeRows(e: Enrolments, programmes: readonly string[] | null): Int32Array {
  const only = programmes ? new Set(programmes) : null;
  const mask = only ? codeMask(e.programme, (c) => only.has(c)) : null;
  const rows = new Int32Array(e.n);
  let n = 0;
  for (let i = 0; i < e.n; i++) {
    if (!valid(e, i)) continue;
    if (mask) {
      const c = e.programme.codes[i];
      if (c < 0 || mask[c] === 0) continue;
    }
    rows[n++] = i;
  }
  return rows.subarray(0, n);
}

/**
 * The counts of the module doc for each period.
 * @param programmes programme codes (null: every programme).
 * @param municipalEmployment employment forms that are not work (default {@link MUNICIPAL_EMPLOYMENT}).
 */
export function periodicCounts(
  participants: ColumnTable,
  programmes: readonly string[] | null,
  periods: readonly LabelledPeriod[],
  municipalEmployment: readonly string[] = MUNICIPAL_EMPLOYMENT,
): PeriodicCounts {
  const e = readEnrolments(participants);
  const rows = programmeRows(e, programmes);
  const forms = new Set(municipalEmployment.map((f) => f.toLowerCase()));
  const municipal = codeMask(e.employmentForm, (f) => forms.has(f.toLowerCase()));
  const size = periods.length * 3;
  const counts = Object.fromEntries(PERIODIC_COUNTS.map((m) => [m, new Float64Array(size)])) as Record<PeriodicCount, Float64Array>;
  // one stamp per unique measure: the period a person was last counted in
  const stampP = new Int32Array(e.persons).fill(-1);
  const stampN = new Int32Array(e.persons).fill(-1);
  const stampE = new Int32Array(e.persons).fill(-1);
  const stampA = new Int32Array(e.persons).fill(-1);
  periods.forEach((per, k) => {
    const { first, last } = per;
    for (let r = 0; r < rows.length; r++) {
      const i = rows[r];
      const start = e.start[i];
      const end = e.end[i];
      if (start > last || end < first) continue; // no overlap (a missing end never compares)
      const p = e.pid[i];
      const j = k * 3 + e.personGender[p];
      if (stampP[p] !== k) {
        stampP[p] = k;
        counts.participants[j]++;
      }
      if (start >= first && stampN[p] !== k) {
        stampN[p] = k;
        counts.new[j]++;
      }
      const ended = end >= first && end <= last;
      if (ended && stampE[p] !== k) {
        stampE[p] = k;
        counts.ended[j]++;
      }
      if (!(end < last) && stampA[p] !== k) {
        stampA[p] = k;
        counts.enrolledAtEnd[j]++;
      }
      const from = start > first ? start : first;
      const to = end === end && end < last ? end : last;
      counts.personDays[j] += Math.round((to - from) / DAY_MS) + 1;
      if (ended) {
        const reason = reasonIndex(e, i);
        const f = e.employmentForm.codes[i];
        if (reason === 1) counts.endedStudies[j]++;
        else if (reason === 0 && !(f >= 0 && municipal[f] === 1)) counts.endedWork[j]++;
        else counts.endedOther[j]++;
      }
    }
  });
  return { periods, counts };
}

/**
 * The counts as a long-form table: the period label column (named `labelName`), `gender`
 * (K, M, X, T; T = K + M + X), every {@link PERIODIC_COUNTS} measure, then `extraColumns`
 * filled by `extra` (called for each row of each period, the T row last).
 */
export function periodicTable(
  pc: PeriodicCounts,
  labelName: string,
  genderSplit = true,
  extraColumns: readonly string[] = [],
  extra?: (row: Record<string, unknown>, period: LabelledPeriod, index: number) => void,
): ColumnTable {
  const rows: Record<string, unknown>[] = [];
  pc.periods.forEach((per, k) => {
    const total: Record<string, unknown> = { [labelName]: per.label, gender: "T" };
    for (const m of PERIODIC_COUNTS) total[m] = 0;
    GENDER_PARTS.forEach((g, gi) => {
      const row: Record<string, unknown> = { [labelName]: per.label, gender: g };
      for (const m of PERIODIC_COUNTS) {
        row[m] = pc.counts[m][k * 3 + gi];
        (total[m] as number) += row[m] as number;
      }
      if (genderSplit) rows.push(row);
    });
    rows.push(total);
    if (extra) for (let r = rows.length - (genderSplit ? 4 : 1); r < rows.length; r++) extra(rows[r], per, k);
  });
  return toTable(rows, [labelName, "gender", ...PERIODIC_COUNTS, ...extraColumns]);
}
