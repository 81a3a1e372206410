/**
 * Participants by age band and by target group (Västerås 002 §73/§74, Kolada U40811/U40812).
 * Participants = unique persons with an enrolment overlapping the period (see enrolments.ts).
 */
import type { ColumnTable, DateLike, Period } from "./util.ts";
import { ageAt, keyOf, periodMs, ratio, toMs, toTable } from "./util.ts";
import { GenderGroups } from "./gender.ts";
import { checkBy, keysOf, overlaps, readEnrolments, type Enrolments, type ParticipantKey } from "./enrolments.ts";

/** `"–24"` age ≤ 24 (U40811), `"25–"` ≥ 25 (U40812), `"under30"` < 30, `"60+"` ≥ 60, `"okänd"` no birth year. */
export type AgeBand = "–24" | "25–" | "under30" | "60+" | "okänd";
export const AGE_BANDS: readonly AgeBand[] = ["–24", "25–", "under30", "60+", "okänd"];

export function inAgeBand(band: AgeBand, age: number): boolean {
  if (!Number.isFinite(age)) return band === "okänd";
  switch (band) {
    case "–24": return age <= 24;
    case "25–": return age >= 25;
    case "under30": return age < 30;
    case "60+": return age >= 60;
    default: return false;
  }
}

/** One birth year per person id (`Enrolments.pid`), independent of row order: the person's single
 *  finite value, NaN when missing or contradictory. */
export function personBirthYears(e: Enrolments): Float64Array {
  const n = e.pid.reduce((m, id) => Math.max(m, id + 1), 0);
  const out = new Float64Array(n).fill(NaN);
  const conflict = new Uint8Array(n);
  for (let i = 0; i < e.n; i++) {
    const id = e.pid[i];
    const y = e.birthYear[i];
    if (id < 0 || !Number.isFinite(y)) continue;
    if (Number.isNaN(out[id])) out[id] = y;
    else if (out[id] !== y) conflict[id] = 1;
  }
  conflict.forEach((c, id) => c && (out[id] = NaN));
  return out;
}

export interface GroupOptions extends Period {
  by?: ParticipantKey[];
  genderSplit?: boolean;
}

/**
 * Unique participants per age band. Age = year of `refDate` − birth year (whole years, as Kolada).
 * The bands overlap on purpose: `"–24"` + `"25–"` + `"okänd"` partition the participants,
 * `"under30"` and `"60+"` are focus groups.
 * @param opts period, `refDate`, optional `by` keys, `genderSplit`, `bands` (default all, in order).
 * @returns columns: the `by` keys, `ageBand`, `gender`, `participants`. Every band appears for every
 *   group (zeros included), in the order of `bands`.
 * @example participantsByAgeBand(p, { from: "2023-01-01", to: "2023-04-30", refDate: "2023-04-30", bands: ["60+"] })
 */
export function participantsByAgeBand(
  participants: ColumnTable,
  opts: GroupOptions & { refDate: DateLike; bands?: AgeBand[] },
): ColumnTable {
  const by = opts.by ?? [];
  checkBy(by);
  const [from, to] = periodMs(opts);
  const ref = toMs(opts.refDate);
  const bands = opts.bands ?? [...AGE_BANDS];
  const e = readEnrolments(participants);
  const years = personBirthYears(e);
  const gg = new GenderGroups([...by, "band"], ["participants"]);
  for (let i = 0; i < e.n; i++) {
    if (!overlaps(e, i, from, to)) continue;
    const p = e.pid[i];
    const age = ageAt(years[p], ref);
    const keys = keysOf(e, i, by);
    bands.forEach((b, j) => {
      gg.ensure([...keys, j]);
      if (inAgeBand(b, age)) gg.person([...keys, j], e.gender[i], "participants", p);
    });
  }
  const rows = gg.rows(opts.genderSplit ?? true).map((r) => ({ ...r, ageBand: bands[r.band as number] }));
  return toTable(rows, [...by, "ageBand", "gender", "participants"]);
}

/** Target groups of §74: flags of the participants table. */
export type TargetGroup = "disability" | "financialAssistance" | "foreignBornAcademic" | "childrenUnder18";
export const TARGET_GROUPS: readonly TargetGroup[] = ["disability", "financialAssistance", "foreignBornAcademic", "childrenUnder18"];

/**
 * Unique participants per target group. A person belongs to a group when any of their enrolments
 * overlapping the period (in the same `by` group) has the flag true; `foreignBornAcademic` needs
 * both `foreignBorn` and `academicDegree` true (in any of those rows).
 * @returns columns: the `by` keys, `targetGroup`, `gender`, `participants` (in the target group),
 *   `allParticipants` (all participants of the group and gender), `share` = participants /
 *   allParticipants (null when 0). Every target group appears for every group.
 * @example participantsByTargetGroup(p, { from: "2023-01-01", to: "2023-04-30" })
 */
export function participantsByTargetGroup(participants: ColumnTable, opts: GroupOptions): ColumnTable {
  const by = opts.by ?? [];
  checkBy(by);
  const [from, to] = periodMs(opts);
  const e = readEnrolments(participants);
  const persons = new Map<string, { keys: (string | null)[]; p: number; g: Enrolments["gender"][number]; f: Set<string> }>();
  for (let i = 0; i < e.n; i++) {
    if (!overlaps(e, i, from, to)) continue;
    const keys = keysOf(e, i, by);
    const p = e.pid[i];
    const k = `${keyOf(keys)}|${p}`;
    let rec = persons.get(k);
    if (!rec) persons.set(k, (rec = { keys, p, g: e.gender[i], f: new Set() }));
    for (const [name, values] of Object.entries(e.flags)) if (values[i] === true) rec.f.add(name);
  }
  const gg = new GenderGroups([...by, "tg"], ["participants", "allParticipants"]);
  for (const rec of persons.values()) {
    const member: Record<TargetGroup, boolean> = {
      disability: rec.f.has("disability"),
      financialAssistance: rec.f.has("financialAssistance"),
      foreignBornAcademic: rec.f.has("foreignBorn") && rec.f.has("academicDegree"),
      childrenUnder18: rec.f.has("childrenUnder18"),
    };
    TARGET_GROUPS.forEach((t, j) => {
      const keys = [...rec.keys, j];
      gg.person(keys, rec.g, "allParticipants", rec.p);
      if (member[t]) gg.person(keys, rec.g, "participants", rec.p);
    });
  }
  const rows = gg.rows(opts.genderSplit ?? true).map((r) => ({
    ...r,
    targetGroup: TARGET_GROUPS[r.tg as number],
    share: ratio(r.participants as number, r.allParticipants as number),
  }));
  return toTable(rows, [...by, "targetGroup", "gender", "participants", "allParticipants", "share"]);
}
