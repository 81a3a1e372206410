/**
 * Attendance (Sundbyberg 003: attendance is required; several providers are compared).
 */
import type { ColumnTable, Period } from "./util.ts";
import { keyOf, monthMs, numCol, periodMs, ratio, strCol, toTable } from "./util.ts";
import { GenderGroups, personGenders, type GenderPart } from "./gender.ts";

export interface AttendanceOptions {
  /** Attendance requirement as a fraction of scheduled hours (default 0.8). */
  requirement?: number;
  /** Only months overlapping this period. */
  period?: Period;
  /** A table with `person` and `gender` (e.g. participants) to split by gender; default: the
   *  attendance table's own `gender` column if any. Persons without a known gender are X. */
  genders?: ColumnTable;
  genderSplit?: boolean;
}

/**
 * Attendance rate and share meeting the requirement per provider and month.
 * Hours are summed in hundredths, so sums are exact and independent of row order.
 * A participant is a person with scheduled hours > 0 at the provider that month; they meet the
 * requirement when their attended / scheduled hours (summed over their rows) ≥ `requirement`.
 * @param attendance `person`, `month`, `provider`, `scheduledHours`, `attendedHours`.
 * @returns columns: `provider`, `month`, `gender`, `scheduledHours`, `attendedHours`,
 *   `attendanceRate` (attended / scheduled; null when 0), `participants`, `meetingRequirement`,
 *   `shareMeetingRequirement` (null when no participants).
 * @example attendanceRate(narvaro, { requirement: 0.8, genders: participants })
 */
export function attendanceRate(attendance: ColumnTable, opts: AttendanceOptions = {}): ColumnTable {
  const req = opts.requirement ?? 0.8;
  // compared in integers: attended × 10^6 ≥ requirement in millionths × scheduled
  const reqMillionths = Math.round(req * 1e6);
  const range = opts.period ? periodMs(opts.period) : null;
  const genders = personGenders(opts.genders ?? attendance);
  const person = strCol(attendance, "person");
  const month = strCol(attendance, "month");
  const provider = strCol(attendance, "provider");
  const sched = numCol(attendance, "scheduledHours");
  const att = numCol(attendance, "attendedHours");
  const hundredths = (v: number) => (Number.isFinite(v) ? Math.round(v * 100) : 0);
  const per = new Map<string, { keys: (string | null)[]; p: string; g: GenderPart; s: number; a: number }>();
  for (let i = 0; i < person.length; i++) {
    const p = person[i];
    const m = month[i];
    if (p === null || m === null) continue;
    const [first, last] = monthMs(m);
    if (range && (last < range[0] || first > range[1])) continue;
    const keys = [provider[i], m];
    const k = keyOf([...keys, p]);
    const r = per.get(k) ?? { keys, p, g: genders.get(p) ?? "X", s: 0, a: 0 };
    r.s += hundredths(sched[i]);
    r.a += hundredths(att[i]);
    per.set(k, r);
  }
  const gg = new GenderGroups(["provider", "month"], ["scheduled", "attended", "participants", "meetingRequirement"]);
  for (const r of per.values()) {
    gg.count(r.keys, r.g, "scheduled", r.s);
    gg.count(r.keys, r.g, "attended", r.a);
    if (r.s > 0) {
      gg.person(r.keys, r.g, "participants", r.p);
      if (r.a * 1e6 >= reqMillionths * r.s) gg.person(r.keys, r.g, "meetingRequirement", r.p);
    }
  }
  const rows = gg.rows(opts.genderSplit ?? true).map((r) => ({
    ...r,
    scheduledHours: (r.scheduled as number) / 100,
    attendedHours: (r.attended as number) / 100,
    attendanceRate: ratio(r.attended as number, r.scheduled as number),
    shareMeetingRequirement: ratio(r.meetingRequirement as number, r.participants as number),
  }));
  return toTable(rows, ["provider", "month", "gender", "scheduledHours", "attendedHours", "attendanceRate", "participants", "meetingRequirement", "shareMeetingRequirement"]);
}
