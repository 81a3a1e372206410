/**
 * Time in programme (Västerås 002 §73: "how long the persons have been in the administration's
 * programmes", also for those aged 60 or more).
 *
 * Per person: the sum over their enrolments started on or before `refDate` of the days from
 * `start` to min(`end`, `refDate`), both inclusive (the end date is the enrolment's last day, so
 * an enrolment that starts and ends on the same day counts 1 day; see enrolments.ts); overlapping
 * enrolments are each counted. Months = days / 30,4375 (365,25 / 12). Bands include their lower bound:
 * `0–3 mån` [0, 3), `3–6 mån` [3, 6), `6–12 mån` [6, 12), `12–24 mån` [12, 24), `24+ mån` ≥ 24.
 */
import type { ColumnTable, DateLike } from "./util.ts";
import { ageAt, toMs, toTable } from "./util.ts";
import { GENDER_PARTS, type GenderCode, type GenderPart } from "./gender.ts";
import { GroupIndex, Tally, longRows } from "./grouping.ts";
import { codeMask } from "./columns.ts";
import { daysUpTo, enrolledAt, readEnrolments, valid } from "./enrolments.ts";
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

/** Per person id: days in programme, and whether the person is in the population. */
interface Durations {
  days: Float64Array;
  inPop: Uint8Array;
  age: Float64Array;
  gender: Uint8Array;
  persons: readonly string[];
}

function durations(participants: ColumnTable, opts: DurationOptions): Durations {
  const ref = toMs(opts.refDate);
  const e = readEnrolments(participants);
  const years = personBirthYears(e);
  const only = opts.programmes ? new Set(opts.programmes) : null;
  const inProgrammes = only ? codeMask(e.programme, (c) => only.has(c)) : null;
  const days = new Float64Array(e.persons);
  const inPop = new Uint8Array(e.persons);
  const all = opts.population === "all";
  for (let i = 0; i < e.n; i++) {
    if (!valid(e, i) || e.start[i] > ref) continue;
    if (inProgrammes) {
      const c = e.programme.codes[i];
      if (c < 0 || inProgrammes[c] === 0) continue;
    }
    const p = e.pid[i];
    days[p] += daysUpTo(e, i, ref);
    if (all || enrolledAt(e, i, ref)) inPop[p] = 1;
  }
  const age = new Float64Array(e.persons);
  for (let p = 0; p < e.persons; p++) age[p] = ageAt(years[p], ref);
  return { days, inPop, age, gender: e.personGender, persons: e.personValues };
}

/** Days in programme per person of the population (see module doc), by pseudonym. */
export function personDurations(participants: ColumnTable, opts: DurationOptions): Map<string, PersonDuration> {
  const d = durations(participants, opts);
  const out = new Map<string, PersonDuration>();
  for (let p = 0; p < d.days.length; p++) {
    if (d.inPop[p]) out.set(d.persons[p], { days: d.days[p], gender: GENDER_PARTS[d.gender[p]], age: d.age[p] });
  }
  return out;
}

function bandIndex(days: number): number {
  const months = days / DAYS_PER_MONTH;
  const i = BAND_LIMITS.findIndex((l) => months < l);
  return i < 0 ? 4 : i;
}

export function durationBand(days: number): (typeof DURATION_BANDS)[number] {
  return DURATION_BANDS[bandIndex(days)];
}

/**
 * Persons per duration band.
 * @returns columns: `ageGroup` (`"alla"`, `"60+"`), `band` (all five, in order), `gender`, `persons`.
 * @example durationBands(p, { refDate: "2023-04-30" })
 */
export function durationBands(participants: ColumnTable, opts: DurationOptions): ColumnTable {
  const d = durations(participants, opts);
  // numeric dimensions keep the declared order of age groups and bands
  const index = new GroupIndex([[0, 1], [0, 1, 2, 3, 4]]);
  const tally = new Tally(["persons"]);
  const key = new Int32Array(2);
  let any = false;
  for (let p = 0; p < d.days.length && !any; p++) any = d.inPop[p] === 1;
  if (any) for (key[0] = 0; key[0] < 2; key[0]++) for (key[1] = 0; key[1] < DURATION_BANDS.length; key[1]++) index.of(key);
  for (let p = 0; p < d.days.length; p++) {
    if (!d.inPop[p]) continue;
    key[1] = bandIndex(d.days[p]);
    key[0] = 0;
    tally.add(0, index.of(key), d.gender[p]);
    if (d.age[p] >= 60) {
      key[0] = 1;
      tally.add(0, index.of(key), d.gender[p]);
    }
  }
  const rows = longRows(index, ["a", "b"], tally, opts.genderSplit ?? true).map((r) => ({
    ...r,
    ageGroup: AGE_GROUPS[r.a as number],
    band: DURATION_BANDS[r.b as number],
  }));
  return toTable(rows, ["ageGroup", "band", "gender", "persons"]);
}

export function median(values: ArrayLike<number>): number | null {
  if (values.length === 0) return null;
  const s = Float64Array.from(values).sort();
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
  const d = durations(participants, opts);
  const rows: Record<string, unknown>[] = [];
  let any = false;
  for (let p = 0; p < d.days.length && !any; p++) any = d.inPop[p] === 1;
  if (any) {
    const sel = new Float64Array(d.days.length);
    const genders: GenderCode[] = opts.genderSplit === false ? ["T"] : [...GENDER_PARTS, "T"];
    AGE_GROUPS.forEach((ag, a) => {
      for (const g of genders) {
        const gi = g === "T" ? -1 : GENDER_PARTS.indexOf(g);
        let n = 0;
        for (let p = 0; p < d.days.length; p++) {
          if (d.inPop[p] && (a === 0 || d.age[p] >= 60) && (gi < 0 || d.gender[p] === gi)) sel[n++] = d.days[p];
        }
        const m = median(sel.subarray(0, n));
        rows.push({ ageGroup: ag, gender: g, persons: n, medianDays: m, medianMonths: m === null ? null : m / DAYS_PER_MONTH });
      }
    });
  }
  return toTable(rows, ["ageGroup", "gender", "persons", "medianDays", "medianMonths"]);
}
