/**
 * Offer rate (Sundbyberg 003, Västerås 002 §74): of the recipients of financial assistance in a
 * month, the share with an active programme enrolment in that month.
 */
import type { ColumnTable, Period } from "./util.ts";
import { monthMs, periodMs, ratio, toTable } from "./util.ts";
import { codeMask, coded, personIdsIn, type Coded } from "./columns.ts";
import { GroupIndex, Tally, countUnique, longRows, personGenderCodes } from "./grouping.ts";
import { readEnrolments, valid, type Enrolments } from "./enrolments.ts";

export interface OfferRateOptions {
  /** Only months overlapping this period (default: every month in `assistance`). */
  period?: Period;
  /** Only enrolments in these programme codes count as an offer (default: all). */
  programmes?: readonly string[];
  genderSplit?: boolean;
}

/**
 * Offer rate per month. Recipients are the unique persons of `assistance` with that month; a
 * recipient has a programme when an enrolment of the same pseudonym overlaps the month (start on
 * or before its last day, end missing or on or after its first day). Gender comes from the
 * assistance table (one per person, see `personGenders`).
 * @param assistance `person`, `gender`, `month` (data/README.md, assistance).
 * @param participants enrolments (`person`, `programme`, `start`, `end`).
 * @returns columns: `month`, `gender`, `recipients`, `withProgramme`, `offerRate` = withProgramme /
 *   recipients (null when 0). Months in ascending order.
 * @example offerRate(assistance, participants, { period: { from: "2023-01", to: "2023-04" } })
 */
export function offerRate(assistance: ColumnTable, participants: ColumnTable, opts: OfferRateOptions = {}): ColumnTable {
  const range = opts.period ? periodMs(opts.period) : null;
  const e = readEnrolments(participants);
  const spans = enrolmentSpans(e, opts.programmes);
  const ids = personIdsIn(assistance, { ids: e.pid, count: e.persons, values: e.personValues });
  const gender = personGenderCodes(ids.ids, ids.count, coded(assistance, "gender"));
  const month = coded(assistance, "month");
  const bounds = monthBounds(month);
  const index = new GroupIndex([month.values]);
  const tally = new Tally(["recipients", "withProgramme"]);
  const groupOf = new Int32Array(ids.ids.length).fill(-1);
  const mask = new Uint8Array(ids.ids.length);
  const key = new Int32Array(1);
  for (let i = 0; i < ids.ids.length; i++) {
    const p = ids.ids[i];
    const m = month.codes[i];
    if (p < 0 || m < 0) continue;
    const first = bounds[2 * m];
    const last = bounds[2 * m + 1];
    if (range && (last < range[0] || first > range[1])) continue;
    key[0] = m;
    groupOf[i] = index.of(key);
    mask[i] = 1 | (hasSpan(spans, p, first, last) ? 2 : 0);
  }
  countUnique(groupOf, index.size, mask, ids.ids, gender, tally, [0, 1]);
  const rows = longRows(index, ["month"], tally, opts.genderSplit ?? true).map((r) => ({ ...r, offerRate: ratio(r.withProgramme as number, r.recipients as number) }));
  return toTable(rows, ["month", "gender", "recipients", "withProgramme", "offerRate"]);
}

/** First and last day (UTC ms) of each month code: `[first0, last0, first1, last1, …]`. */
function monthBounds(month: Coded): Float64Array {
  const out = new Float64Array(2 * month.values.length);
  month.values.forEach((m, j) => {
    const [f, l] = monthMs(m);
    out[2 * j] = f;
    out[2 * j + 1] = l;
  });
  return out;
}

/** Enrolment spans per person id, in compressed rows: person p's spans are `offsets[p] … offsets[p + 1] − 1`. */
export interface Spans {
  offsets: Int32Array;
  start: Float64Array;
  end: Float64Array;
}

/** The enrolments (optionally only some programme codes) as spans per person; an open end is +∞. */
export function enrolmentSpans(e: Enrolments, programmes?: readonly string[]): Spans {
  const only = programmes ? new Set(programmes) : null;
  const inProg = only ? codeMask(e.programme, (c) => only.has(c)) : null;
  const take = (i: number) => {
    if (!valid(e, i)) return false;
    if (!inProg) return true;
    const c = e.programme.codes[i];
    return c >= 0 && inProg[c] === 1;
  };
  const offsets = new Int32Array(e.persons + 1);
  for (let i = 0; i < e.n; i++) if (take(i)) offsets[e.pid[i] + 1]++;
  for (let p = 0; p < e.persons; p++) offsets[p + 1] += offsets[p];
  const start = new Float64Array(offsets[e.persons]);
  const end = new Float64Array(offsets[e.persons]);
  const fill = offsets.slice(0, e.persons);
  for (let i = 0; i < e.n; i++) {
    if (!take(i)) continue;
    const k = fill[e.pid[i]]++;
    start[k] = e.start[i];
    end[k] = e.end[i] === e.end[i] ? e.end[i] : Infinity;
  }
  return { offsets, start, end };
}

/** Whether person p (an id of the spans' id space, or beyond it: none) has a span overlapping [first, last]. */
export function hasSpan(s: Spans, p: number, first: number, last: number): boolean {
  if (p + 1 >= s.offsets.length) return false;
  for (let k = s.offsets[p]; k < s.offsets[p + 1]; k++) if (s.start[k] <= last && s.end[k] >= first) return true;
  return false;
}
