/**
 * Time in programme (Västerås 002 §73: "how long the persons have been in the administration's
 * programmes", also for those aged 60 or more).
 *
 * Per person: the sum over their enrolments started on or before `refDate` of the days from
 * `start` to min(`end`, `refDate`) (end − start in whole days; overlapping enrolments are each
 * counted). Months = days / 30,4375 (365,25 / 12). Bands include their lower bound:
 * `0–3 mån` [0, 3), `3–6 mån` [3, 6), `6–12 mån` [6, 12), `12–24 mån` [12, 24), `24+ mån` ≥ 24.
 */
import type { ColumnTable, DateLike } from "./util.ts";
import { DAY_MS, ageAt, toMs, toTable } from "./util.ts";
import { GENDER_PARTS, GenderGroups, type GenderCode, type GenderPart } from "./gender.ts";
import { enrolledAt, readEnrolments, valid } from "./enrolments.ts";
import { personBirthYears } from "./groups.ts";

export const DURATION_BANDS = ["0–3 mån", "3–6 mån", "6–12 mån", "12–24 mån", "24+ mån"] as const;
const BAND_LIMITS = [3, 6, 12, 24];
export const DAYS_PER_MONTH = 365.25 / 12;
/** `"alla"` every person of the population, `"60+"` those aged 60 or more at `refDate`. */
export const AGE_GROUPS = ["alla", "60+"] as const;

export interface DurationOptions {
  refDate: DateLike;
  /** `"enrolled"` (default): persons enrolled at `refDate`; `"all"`: everyone with an enrolment started by then. */
  population?: "enrolled" | "all";
  /** Only enrolments in these programme codes (default all). */
  programmes?: readonly string[];
  genderSplit?: boolean;
}

interface PersonDuration {
  days: number;
  gender: GenderPart;
  age: number;
}

/** Days in programme per person of the population (see module doc). */
export function personDurations(participants: ColumnTable, opts: DurationOptions): Map<string, PersonDuration> {
  const ref = toMs(opts.refDate);
  const e = readEnrolments(participants);
  const years = personBirthYears(e);
  const only = opts.programmes ? new Set(opts.programmes) : null;
  const days = new Map<number, number>();
  const inPop = new Map<number, number>(); // pid → a row of the person
  for (let i = 0; i < e.n; i++) {
    if (!valid(e, i) || e.start[i] > ref || (only && !only.has(e.programme[i] ?? ""))) continue;
    const p = e.pid[i];
    const stop = Number.isFinite(e.end[i]) ? Math.min(e.end[i], ref) : ref;
    days.set(p, (days.get(p) ?? 0) + Math.max(0, Math.round((stop - e.start[i]) / DAY_MS)));
    if (opts.population === "all" || enrolledAt(e, i, ref)) inPop.set(p, i);
  }
  const out = new Map<string, PersonDuration>();
  for (const [p, i] of inPop) out.set(e.person[i] as string, { days: days.get(p) ?? 0, gender: e.gender[i], age: ageAt(years[p], ref) });
  return out;
}

export function durationBand(days: number): (typeof DURATION_BANDS)[number] {
  const months = days / DAYS_PER_MONTH;
  const i = BAND_LIMITS.findIndex((l) => months < l);
  return DURATION_BANDS[i < 0 ? 4 : i];
}

/**
 * Persons per duration band.
 * @returns columns: `ageGroup` (`"alla"`, `"60+"`), `band` (all five, in order), `gender`, `persons`.
 * @example durationBands(p, { refDate: "2023-04-30" })
 */
export function durationBands(participants: ColumnTable, opts: DurationOptions): ColumnTable {
  const d = personDurations(participants, opts);
  const gg = new GenderGroups(["a", "b"], ["persons"]);
  if (d.size > 0) for (let a = 0; a < 2; a++) for (let b = 0; b < DURATION_BANDS.length; b++) gg.ensure([a, b]);
  for (const [p, r] of d) {
    const b = DURATION_BANDS.indexOf(durationBand(r.days));
    gg.person([0, b], r.gender, "persons", p);
    if (r.age >= 60) gg.person([1, b], r.gender, "persons", p);
  }
  const rows = gg.rows(opts.genderSplit ?? true).map((r) => ({
    ...r,
    ageGroup: AGE_GROUPS[r.a as number],
    band: DURATION_BANDS[r.b as number],
  }));
  return toTable(rows, ["ageGroup", "band", "gender", "persons"]);
}

export function median(values: number[]): number | null {
  if (values.length === 0) return null;
  const s = [...values].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/**
 * Median time in programme.
 * @returns columns: `ageGroup` (`"alla"`, `"60+"`), `gender`, `persons`, `medianDays`,
 *   `medianMonths` (days / 30,4375; both null when no persons). The medians of the parts do not
 *   add up to anything; `persons` does (K + M + X = T).
 * @example durationSummary(p, { refDate: "2023-04-30" })
 */
export function durationSummary(participants: ColumnTable, opts: DurationOptions): ColumnTable {
  const d = [...personDurations(participants, opts).values()];
  const rows: Record<string, unknown>[] = [];
  if (d.length > 0) {
    AGE_GROUPS.forEach((ag) => {
      const pop = ag === "alla" ? d : d.filter((r) => r.age >= 60);
      const genders: GenderCode[] = opts.genderSplit === false ? ["T"] : [...GENDER_PARTS, "T"];
      for (const g of genders) {
        const sel = g === "T" ? pop : pop.filter((r) => r.gender === g);
        const m = median(sel.map((r) => r.days));
        rows.push({ ageGroup: ag, gender: g, persons: sel.length, medianDays: m, medianMonths: m === null ? null : m / DAYS_PER_MONTH });
      }
    });
  }
  return toTable(rows, ["ageGroup", "gender", "persons", "medianDays", "medianMonths"]);
}
