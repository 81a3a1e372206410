/**
 * Participants by age band and by target group (Västerås 002 §73/§74, Kolada U40811/U40812).
 * Participants = unique persons with an enrolment overlapping the period (see enrolments.ts).
 */
import type { ColumnTable, DateLike, Period } from "./util.ts";
import { ageAt, periodMs, ratio, toMs, toTable } from "./util.ts";
import { isTrue } from "./columns.ts";
import { GroupIndex, Tally, bucketRows, countUnique, longRows } from "./grouping.ts";
import { excludedProgrammes } from "./outcomes.ts";
import { checkBy, keyColumns, overlaps, readEnrolments, type Enrolments, type ParticipantKey } from "./enrolments.ts";
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
  const out = new Float64Array(e.persons).fill(NaN);
  const conflict = new Uint8Array(e.persons);
  for (let i = 0; i < e.n; i++) {
    const id = e.pid[i];
    const y = e.birthYear[i];
    if (id < 0 || y !== y) continue;
    if (out[id] !== out[id]) out[id] = y;
    else if (out[id] !== y) conflict[id] = 1;
  }
  for (let id = 0; id < e.persons; id++) if (conflict[id]) out[id] = NaN;
  return out;
}

export interface GroupOptions extends Period {
  by?: ParticipantKey[];
  genderSplit?: boolean;
  /** Programme codes left out entirely (Kolada leaves out summer jobs). */
  exclude?: readonly string[];
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
  if (bands.length > 8) throw new RangeError("participantsByAgeBand: at most 8 bands");
  const e = readEnrolments(participants);
  const years = personBirthYears(e);
  const keys = keyColumns(e, by);
  const index = new GroupIndex(keys.map((k) => k.values));
  // one measure per band; a person counts once per group and band
  const tally = new Tally(bands.map((_, j) => `b${j}`));
  const excluded = excludedProgrammes(e, opts.exclude);
  // the bands of each person, once per person (bit j = band j)
  const bandBits = new Uint8Array(e.persons);
  for (let p = 0; p < e.persons; p++) {
    const age = ageAt(years[p], ref);
    for (let j = 0; j < bands.length; j++) if (inAgeBand(bands[j], age)) bandBits[p] |= 1 << j;
  }
  const groupOf = new Int32Array(e.n).fill(-1);
  const mask = new Uint8Array(e.n);
  const key = new Int32Array(keys.length);
  for (let i = 0; i < e.n; i++) {
    if (!overlaps(e, i, from, to)) continue;
    if (excluded !== null && e.programme.codes[i] >= 0 && excluded[e.programme.codes[i]] === 1) continue;
    for (let j = 0; j < keys.length; j++) key[j] = keys[j].codes[i];
    groupOf[i] = index.of(key);
    mask[i] = bandBits[e.pid[i]];
  }
  countUnique(groupOf, index.size, mask, e.pid, e.personGender, tally, bands.map((_, j) => j));
  const rows = perDimension(longRows(index, by, tally, opts.genderSplit ?? true), by, bands.length, (r, j) => ({
    ageBand: bands[j],
    participants: r[`b${j}`],
  }));
  return toTable(rows, [...by, "ageBand", "gender", "participants"]);
}

/**
 * Reshape long-form rows that hold one measure set per index j (a band, a target group) into rows
 * per group, j and gender, in the order keys, j, then K, M, X, T.
 */
function perDimension(
  rows: Record<string, unknown>[],
  keyNames: readonly string[],
  size: number,
  pick: (row: Record<string, unknown>, j: number) => Record<string, unknown>,
): Record<string, unknown>[] {
  const out: Record<string, unknown>[] = [];
  let k = 0;
  while (k < rows.length) {
    // the rows of one group end with its T row
    let end = k;
    while (rows[end].gender !== "T") end++;
    for (let j = 0; j < size; j++) {
      for (let r = k; r <= end; r++) {
        const row: Record<string, unknown> = {};
        for (const name of keyNames) row[name] = rows[r][name];
        row.gender = rows[r].gender;
        Object.assign(row, pick(rows[r], j));
        out.push(row);
      }
    }
    k = end + 1;
  }
  return out;
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
  const keys = keyColumns(e, by);
  const index = new GroupIndex(keys.map((k) => k.values));
  const groupOf = new Int32Array(e.n).fill(-1);
  // flag bits of a row: 1 disability, 2 financialAssistance, 4 foreignBorn, 8 academicDegree, 16 childrenUnder18
  const rowFlags = new Uint8Array(e.n);
  const { disability, financialAssistance, foreignBorn, academicDegree, childrenUnder18 } = e.flags;
  const key = new Int32Array(keys.length);
  for (let i = 0; i < e.n; i++) {
    if (!overlaps(e, i, from, to)) continue;
    for (let j = 0; j < keys.length; j++) key[j] = keys[j].codes[i];
    groupOf[i] = index.of(key);
    rowFlags[i] =
      (isTrue(disability, i) ? 1 : 0) | (isTrue(financialAssistance, i) ? 2 : 0) | (isTrue(foreignBorn, i) ? 4 : 0) |
      (isTrue(academicDegree, i) ? 8 : 0) | (isTrue(childrenUnder18, i) ? 16 : 0);
  }
  const measures = TARGET_GROUPS.flatMap((_, j) => [`in${j}`, `all${j}`]);
  const tally = new Tally(measures);
  const { offsets, order } = bucketRows(groupOf, index.size);
  const stamp = new Int32Array(e.persons).fill(-1);
  const acc = new Uint8Array(e.persons);
  const seen: number[] = [];
  for (let g = 0; g < index.size; g++) {
    seen.length = 0;
    for (let k = offsets[g]; k < offsets[g + 1]; k++) {
      const i = order[k];
      const p = e.pid[i];
      if (stamp[p] !== g) {
        stamp[p] = g;
        acc[p] = 0;
        seen.push(p);
      }
      acc[p] |= rowFlags[i];
    }
    for (const p of seen) {
      const bits = acc[p];
      const member = [(bits & 1) !== 0, (bits & 2) !== 0, (bits & 12) === 12, (bits & 16) !== 0];
      const gender = e.personGender[p];
      for (let j = 0; j < TARGET_GROUPS.length; j++) {
        tally.add(2 * j + 1, g, gender);
        if (member[j]) tally.add(2 * j, g, gender);
      }
    }
  }
  const rows = perDimension(longRows(index, by, tally, opts.genderSplit ?? true), by, TARGET_GROUPS.length, (r, j) => ({
    targetGroup: TARGET_GROUPS[j],
    participants: r[`in${j}`],
    allParticipants: r[`all${j}`],
    share: ratio(r[`in${j}`] as number, r[`all${j}`] as number),
  }));
  return toTable(rows, [...by, "targetGroup", "gender", "participants", "allParticipants", "share"]);
}
