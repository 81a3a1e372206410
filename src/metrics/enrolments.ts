/**
 * Reading the participants table (one row per enrolment, see data/README.md) as typed columns,
 * and the period rules every participant metric shares (all dates UTC, all bounds inclusive):
 *
 * - an enrolment *overlaps* `[from, to]` when `start <= to` and (`end` missing or `end >= from`);
 * - a person is *enrolled at* a date `d` when `start <= d` and (`end` missing or `end >= d`);
 *   the end date is the enrolment's last day, so an enrolment lasts `end − start + 1` days;
 * - an enrolment *starts* / *ends* / has its *decision* in a period when that date lies in it.
 *
 * Rows without a person or a start date are ignored by these rules.
 *
 * Nothing is copied or built per row: dates and birth years are the stored `Float64Array`s,
 * strings are dictionary codes, persons dense integer ids (see columns.ts).
 */
import type { ColumnTable } from "./util.ts";
import { DAY_MS } from "./util.ts";
import { codeMap, coded, flags, numbers, personIds, type Coded, type Flags } from "./columns.ts";
import { personGenderCodes, X } from "./grouping.ts";

export type ParticipantKey = "programme" | "provider" | "unit";
export const PARTICIPANT_KEYS: readonly ParticipantKey[] = ["programme", "provider", "unit"];

/** Boolean target-group flags of the participants table. */
export const FLAG_COLUMNS = ["disability", "financialAssistance", "foreignBorn", "academicDegree", "childrenUnder18"] as const;
export type FlagColumn = (typeof FLAG_COLUMNS)[number];

/** Kolada's end reasons by index (see {@link reasonIndex}). */
export const REASONS = ["A", "B", "C", "D", "E"] as const;
export type Reason = (typeof REASONS)[number];

export interface Enrolments {
  n: number;
  /** Person as a dense integer id (−1 when missing). */
  pid: Int32Array;
  /** Number of distinct persons (ids 0 … persons − 1). */
  persons: number;
  /** Pseudonym of each person id. */
  personValues: readonly string[];
  /** Gender part code per person id (0 K, 1 M, 2 X; see grouping.ts). */
  personGender: Uint8Array;
  birthYear: Float64Array;
  programme: Coded;
  provider: Coded;
  unit: Coded;
  decisionDate: Float64Array;
  start: Float64Array;
  end: Float64Array;
  endReason: Coded;
  /** Per code of `endReason`: index into {@link REASONS} (anything but A–D is E). */
  reasonByCode: Int32Array;
  endDetail: Coded;
  employmentForm: Coded;
  flags: Record<FlagColumn, Flags>;
}

/** Arquero tables are immutable, so one read serves every metric a report computes on a table. */
const cache = new WeakMap<ColumnTable, Readonly<Enrolments>>();

/** The participants table as typed columns (read once per table; treat the result as read-only). */
export function readEnrolments(table: ColumnTable): Readonly<Enrolments> {
  let e = cache.get(table);
  if (!e) cache.set(table, (e = read(table)));
  return e;
}

function read(table: ColumnTable): Enrolments {
  const persons = personIds(table);
  const endReason = coded(table, "endReason");
  // Each flag is read when a metric first asks for it (most read none), then held as a value.
  const f = {} as Record<FlagColumn, Flags>;
  for (const name of FLAG_COLUMNS) {
    Object.defineProperty(f, name, {
      configurable: true,
      enumerable: true,
      get: () => {
        const value = flags(table, name);
        Object.defineProperty(f, name, { value, enumerable: true });
        return value;
      },
    });
  }
  return {
    n: table.numRows(),
    pid: persons.ids,
    persons: persons.count,
    personValues: persons.values,
    personGender: personGenderCodes(persons.ids, persons.count, coded(table, "gender")),
    birthYear: numbers(table, "birthYear"),
    programme: coded(table, "programme"),
    provider: coded(table, "provider"),
    unit: coded(table, "unit"),
    decisionDate: numbers(table, "decisionDate"),
    start: numbers(table, "start"),
    end: numbers(table, "end"),
    endReason,
    reasonByCode: codeMap(endReason, (v) => {
      const r = REASONS.indexOf(v.toUpperCase() as Reason);
      return r < 0 || r > 3 ? 4 : r;
    }),
    endDetail: coded(table, "endDetail"),
    employmentForm: coded(table, "employmentForm"),
    flags: f,
  };
}

/** A row takes part in the period rules: it has a person and a start date. */
export function valid(e: Enrolments, i: number): boolean {
  return e.pid[i] >= 0 && e.start[i] === e.start[i];
}

export function overlaps(e: Enrolments, i: number, from: number, to: number): boolean {
  return valid(e, i) && e.start[i] <= to && !(e.end[i] < from);
}

export function enrolledAt(e: Enrolments, i: number, d: number): boolean {
  return valid(e, i) && e.start[i] <= d && !(e.end[i] < d);
}

export function endedIn(e: Enrolments, i: number, from: number, to: number): boolean {
  return valid(e, i) && e.end[i] >= from && e.end[i] <= to;
}

/** The end reason as an index into {@link REASONS}: A–D as given, anything else (missing included) is E. */
export function reasonIndex(e: Enrolments, i: number): number {
  const c = e.endReason.codes[i];
  return c < 0 ? 4 : e.reasonByCode[c];
}

/** The end reason as Kolada counts it: A–D as given, anything else (null included) is E. */
export function reasonOf(e: Enrolments, i: number): Reason {
  return REASONS[reasonIndex(e, i)];
}

/** Gender part code of a row: its person's (0 K, 1 M, 2 X). */
export function genderOf(e: Enrolments, i: number): number {
  const p = e.pid[i];
  return p < 0 ? X : e.personGender[p];
}

/** The value of a coded column at row i (null when missing). */
export function valueAt(c: Coded, i: number): string | null {
  const k = c.codes[i];
  return k < 0 ? null : c.values[k];
}

/**
 * Days in programme of an enrolment up to `ref` (inclusive on both ends: a same-day enrolment
 * counts 1 day); 0 when it starts after `ref`.
 */
export function daysUpTo(e: Enrolments, i: number, ref: number): number {
  const end = e.end[i];
  const stop = end === end && end < ref ? end : ref;
  return Math.max(0, Math.round((stop - e.start[i]) / DAY_MS) + 1);
}

/** The coded columns of grouping keys. */
export function keyColumns(e: Enrolments, by: readonly ParticipantKey[]): Coded[] {
  return by.map((k) => e[k]);
}

export function checkBy(by: readonly string[]): void {
  for (const k of by) {
    if (!(PARTICIPANT_KEYS as readonly string[]).includes(k)) throw new RangeError(`unknown grouping key ${JSON.stringify(k)}`);
  }
  if (new Set(by).size !== by.length) throw new RangeError("grouping keys must not repeat");
}
