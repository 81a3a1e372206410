/**
 * Reading the participants table (one row per enrolment, see data/README.md) into plain arrays,
 * and the period rules every participant metric shares (all dates UTC, all bounds inclusive):
 *
 * - an enrolment *overlaps* `[from, to]` when `start <= to` and (`end` missing or `end >= from`);
 * - a person is *enrolled at* a date `d` when `start <= d` and (`end` missing or `end >= d`);
 *   the end date is the enrolment's last day;
 * - an enrolment *starts* / *ends* / has its *decision* in a period when that date lies in it.
 *
 * Rows without a person or a start date are ignored by these rules.
 */
import type { ColumnTable } from "./util.ts";
import { col, numCol, strCol } from "./util.ts";
import type { GenderPart } from "./gender.ts";

export type ParticipantKey = "programme" | "provider" | "unit";
export const PARTICIPANT_KEYS: readonly ParticipantKey[] = ["programme", "provider", "unit"];

/** Boolean target-group flags of the participants table. */
export const FLAG_COLUMNS = ["disability", "financialAssistance", "foreignBorn", "academicDegree", "childrenUnder18"] as const;
export type FlagColumn = (typeof FLAG_COLUMNS)[number];

export interface Enrolments {
  n: number;
  person: (string | null)[];
  /** Person as a dense integer id (−1 when missing): cheaper than the string in sets and maps. */
  pid: Int32Array;
  gender: GenderPart[];
  birthYear: number[];
  programme: (string | null)[];
  provider: (string | null)[];
  unit: (string | null)[];
  decisionDate: number[];
  start: number[];
  end: number[];
  endReason: (string | null)[];
  endDetail: (string | null)[];
  employmentForm: (string | null)[];
  flags: Record<FlagColumn, (boolean | null)[]>;
}

/** Arquero tables are immutable, so one read serves every metric a report computes on a table. */
const cache = new WeakMap<ColumnTable, Readonly<Enrolments>>();

/** The participants table as plain arrays (read once per table; treat the result as read-only). */
export function readEnrolments(table: ColumnTable): Readonly<Enrolments> {
  let e = cache.get(table);
  if (!e) cache.set(table, (e = read(table)));
  return e;
}

function read(table: ColumnTable): Enrolments {
  const person = strCol(table, "person");
  const genderRaw = col(table, "gender");
  // one pass: person → dense id, and per person which of K (bit 1) / M (bit 2) its rows say
  const ids = new Map<string, number>();
  const pid = new Int32Array(person.length);
  const bits: number[] = [];
  for (let i = 0; i < person.length; i++) {
    const p = person[i];
    if (p === null) {
      pid[i] = -1;
      continue;
    }
    let id = ids.get(p);
    if (id === undefined) ids.set(p, (id = bits.push(0) - 1));
    pid[i] = id;
    const g = genderRaw[i];
    bits[id] |= g === "K" ? 1 : g === "M" ? 2 : 0;
  }
  const flags = {} as Record<FlagColumn, (boolean | null)[]>;
  for (const f of FLAG_COLUMNS) flags[f] = col(table, f).map((v) => (v === true ? true : v === false ? false : null));
  return {
    n: table.numRows(),
    person,
    pid,
    // same rule as personGenders: the single K/M value a person's rows agree on, else X
    gender: Array.from(pid, (id): GenderPart => (id < 0 ? "X" : bits[id] === 1 ? "K" : bits[id] === 2 ? "M" : "X")),
    birthYear: numCol(table, "birthYear"),
    programme: strCol(table, "programme"),
    provider: strCol(table, "provider"),
    unit: strCol(table, "unit"),
    decisionDate: numCol(table, "decisionDate"),
    start: numCol(table, "start"),
    end: numCol(table, "end"),
    endReason: strCol(table, "endReason"),
    endDetail: strCol(table, "endDetail"),
    employmentForm: strCol(table, "employmentForm"),
    flags,
  };
}

/** A row takes part in the period rules: it has a person and a start date. */
export function valid(e: Enrolments, i: number): boolean {
  return e.person[i] !== null && Number.isFinite(e.start[i]);
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

/** The end reason as Kolada counts it: A–D as given, anything else (null included) is E. */
export function reasonOf(e: Enrolments, i: number): "A" | "B" | "C" | "D" | "E" {
  const r = e.endReason[i]?.toUpperCase();
  return r === "A" || r === "B" || r === "C" || r === "D" ? r : "E";
}

export function keysOf(e: Enrolments, i: number, by: readonly ParticipantKey[]): (string | null)[] {
  return by.map((k) => e[k][i]);
}

export function checkBy(by: readonly string[]): void {
  for (const k of by) {
    if (!(PARTICIPANT_KEYS as readonly string[]).includes(k)) throw new RangeError(`unknown grouping key ${JSON.stringify(k)}`);
  }
  if (new Set(by).size !== by.length) throw new RangeError("grouping keys must not repeat");
}
