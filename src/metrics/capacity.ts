/**
 * Capacity and unit costs (Linköping 004: 60 places, 1 694 000 kr a year) and job-specialist
 * caseload (Eskilstuna 001: about 380 clients on 23 specialists).
 */
import type { ColumnTable, DateLike, Period } from "./util.ts";
import { compareKeys, monthMs, numCol, periodMs, ratio, strCol, toMs, toTable } from "./util.ts";
import { divToWholeKr, roundRatio } from "./rounding.ts";
import { overlaps, readEnrolments } from "./enrolments.ts";
import { Tally, countUnique } from "./grouping.ts";

export interface CapacityOptions {
  /** Catalogue rows valid at this date are used (default: all rows). */
  refDate?: DateLike;
  /** With `participants`: the period whose unique participants divide the annual cost (normally a year). */
  period?: Period;
}

/**
 * Places and costs per programme from the catalogue, optionally with participants.
 * @param programmes catalogue (`code`, `name`, `places`, `annualCost` in öre, `validFrom`, `validTo`);
 *   several valid rows of one code are summed.
 * @param participants optional enrolments; needs `opts.period`.
 * @returns columns: `programme`, `name`, `places`, `annualCost` (öre), `costPerPlace` (öre, rounded
 *   to whole kr as printed; null when places is 0 or missing), `participants` (unique persons with
 *   an enrolment overlapping the period; null without participants), `costPerParticipant` (öre,
 *   annualCost / participants rounded to whole kr; null when 0 or without participants).
 * @example programmeCapacity(catalogue) // JOBBSP: 60 places, 169 400 000 öre, 2 823 300 öre per place
 */
export function programmeCapacity(programmes: ColumnTable, participants?: ColumnTable, opts: CapacityOptions = {}): ColumnTable {
  const ref = opts.refDate === undefined ? null : toMs(opts.refDate);
  const code = strCol(programmes, "code");
  const name = strCol(programmes, "name");
  const places = numCol(programmes, "places");
  const cost = numCol(programmes, "annualCost");
  const vf = numCol(programmes, "validFrom");
  const vt = numCol(programmes, "validTo");
  const acc = new Map<string, { name: string | null; places: number | null; cost: number | null }>();
  for (let i = 0; i < code.length; i++) {
    const c = code[i];
    if (c === null || (ref !== null && (vf[i] > ref || vt[i] < ref))) continue;
    const a = acc.get(c) ?? { name: null, places: null, cost: null };
    if (a.name === null || (name[i] !== null && (name[i] as string) < a.name)) a.name = name[i] ?? a.name;
    if (Number.isFinite(places[i])) a.places = (a.places ?? 0) + places[i];
    if (Number.isFinite(cost[i])) a.cost = (a.cost ?? 0) + cost[i];
    acc.set(c, a);
  }
  let persons: Map<string, number> | null = null;
  if (participants) {
    if (!opts.period) throw new RangeError("programmeCapacity: participants need opts.period");
    const [from, to] = periodMs(opts.period);
    const e = readEnrolments(participants);
    // unique persons per programme code: rows bucketed by code, each person stamped once per code
    const groupOf = new Int32Array(e.n).fill(-1);
    const mask = new Uint8Array(e.n);
    for (let i = 0; i < e.n; i++) {
      const c = e.programme.codes[i];
      if (c < 0 || !overlaps(e, i, from, to)) continue;
      groupOf[i] = c;
      mask[i] = 1;
    }
    const tally = new Tally(["persons"]);
    countUnique(groupOf, e.programme.values.length, mask, e.pid, e.personGender, tally, [0]);
    persons = new Map();
    e.programme.values.forEach((code, c) => persons!.set(code, tally.get(0, c, 0) + tally.get(0, c, 1) + tally.get(0, c, 2)));
  }
  const rows = [...acc.entries()]
    .sort((a, b) => compareKeys([a[0]], [b[0]]))
    .map(([c, a]) => {
      const n = persons ? (persons.get(c) ?? 0) : null;
      return {
        programme: c,
        name: a.name,
        places: a.places,
        annualCost: a.cost,
        costPerPlace: a.cost === null || !a.places ? null : divToWholeKr(a.cost, a.places),
        participants: n,
        costPerParticipant: a.cost === null || !n ? null : divToWholeKr(a.cost, n),
      };
    });
  return toTable(rows, ["programme", "name", "places", "annualCost", "costPerPlace", "participants", "costPerParticipant"]);
}

/**
 * Caseload per unit in one month (rows of the same unit and month are summed).
 * @param staffing `month`, `unit`, `specialists` (FTE), `activeClients`.
 * @param opts `month` "YYYY-MM".
 * @returns columns: `unit`, `specialists`, `activeClients`, `clientsPerSpecialist` (exact ratio,
 *   null when specialists is 0), `clientsPerSpecialistRounded` (one decimal, half away from zero, as
 *   printed: 380 / 23 = 16,52… → 16.5).
 * @example caseload(staffing, { month: "2023-09" })
 */
export function caseload(staffing: ColumnTable, opts: { month: string }): ColumnTable {
  monthMs(opts.month);
  const month = strCol(staffing, "month");
  const unit = strCol(staffing, "unit");
  const spec = numCol(staffing, "specialists");
  const clients = numCol(staffing, "activeClients");
  const acc = new Map<string | null, { s: number; c: number }>();
  for (let i = 0; i < month.length; i++) {
    if (month[i] !== opts.month) continue;
    const a = acc.get(unit[i]) ?? { s: 0, c: 0 };
    // specialists are decimals (FTE): sum in hundredths to keep the result independent of order
    if (Number.isFinite(spec[i])) a.s += Math.round(spec[i] * 100);
    if (Number.isFinite(clients[i])) a.c += clients[i];
    acc.set(unit[i], a);
  }
  const rows = [...acc.entries()]
    .sort((a, b) => compareKeys([a[0]], [b[0]]))
    .map(([u, a]) => {
      const r = ratio(a.c, a.s / 100);
      return { unit: u, specialists: a.s / 100, activeClients: a.c, clientsPerSpecialist: r, clientsPerSpecialistRounded: r === null ? null : roundRatio(r, 1) };
    });
  return toTable(rows, ["unit", "specialists", "activeClients", "clientsPerSpecialist", "clientsPerSpecialistRounded"]);
}
