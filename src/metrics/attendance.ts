/**
 * Attendance (Sundbyberg 003: attendance is required; several providers are compared).
 */
import type { ColumnTable, Period } from "./util.ts";
import { monthMs, periodMs, ratio, toTable } from "./util.ts";
import { coded, numbers, personIds, personIdsIn } from "./columns.ts";
import { GroupIndex, Tally, bucketRows, longRows, personGenderCodes } from "./grouping.ts";

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
  const ids = personIds(attendance);
  // one gender per person, from the `genders` table (matched on the pseudonym) or the attendance table
  const gt = opts.genders ?? attendance;
  const gids = gt === attendance ? ids : personIdsIn(gt, ids);
  const gender = personGenderCodes(gids.ids, gids.count, coded(gt, "gender"));
  const month = coded(attendance, "month");
  const provider = coded(attendance, "provider");
  const sched = numbers(attendance, "scheduledHours");
  const att = numbers(attendance, "attendedHours");
  const monthOk = new Uint8Array(month.values.length);
  month.values.forEach((m, j) => {
    const [first, last] = monthMs(m);
    monthOk[j] = range && (last < range[0] || first > range[1]) ? 0 : 1;
  });
  const index = new GroupIndex([provider.values, month.values]);
  const groupOf = new Int32Array(ids.ids.length).fill(-1);
  const key = new Int32Array(2);
  for (let i = 0; i < ids.ids.length; i++) {
    const m = month.codes[i];
    if (ids.ids[i] < 0 || m < 0 || !monthOk[m]) continue;
    key[0] = provider.codes[i];
    key[1] = m;
    groupOf[i] = index.of(key);
  }
  // hours per person within each provider and month (rows bucketed by group, sums per person)
  const tally = new Tally(["scheduled", "attended", "participants", "meetingRequirement"]);
  const { offsets, order } = bucketRows(groupOf, index.size);
  const stamp = new Int32Array(ids.count).fill(-1);
  const sumS = new Float64Array(ids.count);
  const sumA = new Float64Array(ids.count);
  const seen: number[] = [];
  const hundredths = (v: number) => (v === v ? Math.round(v * 100) : 0);
  for (let g = 0; g < index.size; g++) {
    seen.length = 0;
    for (let k = offsets[g]; k < offsets[g + 1]; k++) {
      const i = order[k];
      const p = ids.ids[i];
      if (stamp[p] !== g) {
        stamp[p] = g;
        sumS[p] = 0;
        sumA[p] = 0;
        seen.push(p);
      }
      sumS[p] += hundredths(sched[i]);
      sumA[p] += hundredths(att[i]);
    }
    for (const p of seen) {
      const gp = gender[p];
      tally.add(0, g, gp, sumS[p]);
      tally.add(1, g, gp, sumA[p]);
      if (sumS[p] > 0) {
        tally.add(2, g, gp);
        if (sumA[p] * 1e6 >= reqMillionths * sumS[p]) tally.add(3, g, gp);
      }
    }
  }
  const rows = longRows(index, ["provider", "month"], tally, opts.genderSplit ?? true).map((r) => ({
    ...r,
    scheduledHours: (r.scheduled as number) / 100,
    attendedHours: (r.attended as number) / 100,
    attendanceRate: ratio(r.attended as number, r.scheduled as number),
    shareMeetingRequirement: ratio(r.meetingRequirement as number, r.participants as number),
  }));
  return toTable(rows, ["provider", "month", "gender", "scheduledHours", "attendedHours", "attendanceRate", "participants", "meetingRequirement", "shareMeetingRequirement"]);
}
