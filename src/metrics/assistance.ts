/**
 * Offer rate (Sundbyberg 003, Västerås 002 §74): of the recipients of financial assistance in a
 * month, the share with an active programme enrolment in that month.
 */
import type { ColumnTable, Period } from "./util.ts";
import { monthMs, periodMs, ratio, strCol, toTable } from "./util.ts";
import { GenderGroups, personGenders } from "./gender.ts";
import { readEnrolments, valid } from "./enrolments.ts";

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
  const only = opts.programmes ? new Set(opts.programmes) : null;
  const e = readEnrolments(participants);
  const spans = new Map<string, [number, number][]>();
  for (let i = 0; i < e.n; i++) {
    if (!valid(e, i) || (only && !only.has(e.programme[i] ?? ""))) continue;
    const p = e.person[i] as string;
    let s = spans.get(p);
    if (!s) spans.set(p, (s = []));
    s.push([e.start[i], Number.isFinite(e.end[i]) ? e.end[i] : Infinity]);
  }
  const genders = personGenders(assistance);
  const person = strCol(assistance, "person");
  const month = strCol(assistance, "month");
  const gg = new GenderGroups(["month"], ["recipients", "withProgramme"]);
  for (let i = 0; i < person.length; i++) {
    const p = person[i];
    const m = month[i];
    if (p === null || m === null) continue;
    const [first, last] = monthMs(m);
    if (range && (last < range[0] || first > range[1])) continue;
    const g = genders.get(p) ?? "X";
    gg.person([m], g, "recipients", p);
    if ((spans.get(p) ?? []).some(([s, end]) => s <= last && end >= first)) gg.person([m], g, "withProgramme", p);
  }
  const rows = gg.rows(opts.genderSplit ?? true).map((r) => ({ ...r, offerRate: ratio(r.withProgramme as number, r.recipients as number) }));
  return toTable(rows, ["month", "gender", "recipients", "withProgramme", "offerRate"]);
}
