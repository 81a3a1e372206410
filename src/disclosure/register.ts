/**
 * From a long-form metric table (one row per group and gender K/M/X/T) to cells and relations of
 * the report's disclosure model, and back: the same table with the suppressed counts set to null
 * and a link from every count to its cell.
 */
import * as aq from "arquero";
import type { ColumnTable } from "arquero";
import { DisclosureError, type CellId, type DisclosureModel } from "./model.ts";

/** How a table of person counts is registered (`r.publishable(table, spec)`). */
export interface PersonTableSpec {
  /**
   * What the table counts, e.g. "utfall". Tables registered under the same name share cells:
   * the same measure for the same keys and gender is one cell wherever it is shown, and
   * `rollup` relates sub-groups to groups of the same name. Without a name the table is a
   * population of its own.
   */
  name?: string;
  /** Count columns (persons, enrolments, decisions). */
  measures: readonly string[];
  /** Columns identifying a row apart from `gender` (e.g. `["programme"]`). */
  groupKeys: readonly string[];
  /**
   * Measures made of other measures of the same row: `{ total: "ended", parts: ["endedA", …] }`
   * (A + … + E = ended), `{ total: "ended", parts: ["workOrStudies"] }` (a subset). Whether the
   * parts add up to the total or only stay under it is read from the data.
   */
  sums?: readonly { total: string; parts: readonly string[] }[];
  /**
   * Rows where column `key` equals `value` hold the totals of the other rows with the same other
   * keys and gender (e.g. `{ key: "programme", value: "Totalt" }`).
   */
  total?: { key: string; value: unknown };
  /**
   * Keys that can be summed away to reach a coarser table registered under the same name, e.g.
   * `[["provider"]]` for provider × programme inside programme, `[["programme"]]` for programme
   * inside the whole. The coarser table may be registered before or after this one.
   */
  rollup?: readonly (readonly string[])[];
  /**
   * Columns computed from the counts of a row (shares, rates, averages, medians) and the counts
   * they come from, added to (and overriding) {@link DERIVED}. A count may be named in another
   * gender row of the same group as `measure@G` (`"participants@T"`: K's share of T). A named
   * count the table lacks makes the column count as computed from every count of its group
   * (see {@link derivedSources}).
   */
  derived?: Readonly<Record<string, readonly string[]>>;
  /**
   * Numeric columns that count or measure no persons of the table (money, places, staff), added to
   * {@link NOT_PERSONS}: shown as they are. Every other column that is neither a key nor a count
   * is about the row's persons and hidden with its counts (see {@link derivedColumns}).
   */
  notPersons?: readonly string[];
  /**
   * Measures counted on one day or within the period's month alone (persons enrolled on the
   * reference date, clients active in the month), added to {@link AT_DATE}. Every other measure is
   * taken to gather persons from January to the period, so that a later period's count less an
   * earlier one's of the same year counts the persons in between, which is protected like any count
   * (joint.ts); for a measure at a date that difference is a net change, not persons.
   */
  atDate?: readonly string[];
}

/**
 * The columns of the metrics (src/metrics) computed from a group's persons, and the counts of the
 * group behind them: a share, a rate, an average or a median is hidden whenever one of those
 * counts is suppressed, and wherever it is shown those counts count as shown. A column of a
 * registered table that is neither a key, a count, one of these nor one of {@link NOT_PERSONS} is
 * hidden with every count of its row (see {@link derivedColumns}): a new statistic cannot be
 * published about a group whose counts are hidden by being left out of this list.
 */
export const DERIVED: Readonly<Record<string, readonly string[]>> = {
  // programmeOutcomes, providerOutcomes
  shareWorkOrStudies: ["workOrStudies", "ended"],
  capacityUse: ["enrolled"],
  // continuedEmployment
  shareContinued: ["continued", "ended"],
  // participantsByTargetGroup
  share: ["participants", "allParticipants"],
  // offerRate
  offerRate: ["withProgramme", "recipients"],
  // attendanceRate: hours of the group's persons; a rate of 100 % or 0 % also tells how many meet the requirement
  attendanceRate: ["participants", "meetingRequirement"],
  scheduledHours: ["participants", "meetingRequirement"],
  attendedHours: ["participants", "meetingRequirement"],
  shareMeetingRequirement: ["meetingRequirement", "participants"],
  // assistanceFocusGroups
  shareWithActivity: ["withActivity", "inGroup"],
  shareOfRecipients: ["inGroup", "recipients"],
  // genderShares
  shareWomen: ["women", "total"],
  shareMen: ["men", "total"],
  // caseload
  clientsPerSpecialist: ["activeClients"],
  clientsPerSpecialistRounded: ["activeClients"],
  // durationSummary: the median over the group's persons
  medianDays: ["persons"],
  medianMonths: ["persons"],
  // goalProgressTable: achieved = employed
  achieved: ["employed"],
  // resourceJobsByYear
  shareDisability: ["resourceJobsDisability", "resourceJobs"],
  shareContinuedDisability: ["continuedDisability", "endedDisability"],
  shareTargetGroup: ["targetGroupWithResourceJob", "targetGroup"],
  // agreementMonthly, agreementYearly, programmeCapacity: days in programme, places used and the
  // cost per participant tell the participants; a gender's share tells its count and the total's
  personDays: ["participants"],
  placesUsed: ["participants"],
  useOfPlaces: ["participants"],
  costPerParticipant: ["participants"],
  shareOfParticipants: ["participants", "participants@T"],
  percentOfParticipants: ["participants@K", "participants@M", "participants@X", "participants@T"],
};

/**
 * Numeric columns of the metrics that count or measure no persons (places of the catalogue, money,
 * staff in full-time equivalents): a registered table shows them as they are.
 */
export const NOT_PERSONS: readonly string[] = ["places", "agreedPlaces", "annualCost", "costPerPlace", "specialists"];

/**
 * Count columns of the metrics taken on one day or within one month, not from January to the
 * period (see {@link PersonTableSpec.atDate}): `enrolled` (programmeOutcomes, providerOutcomes:
 * enrolled on the reference date), `enrolledAtEnd` (agreementMonthly: at the end of the month),
 * `activeClients` (caseload: in the month).
 */
export const AT_DATE: readonly string[] = ["enrolled", "enrolledAtEnd", "activeClients"];

/** The table and measure of the counts of a table counted at one date (`table|measure`, the start of their cell ids). */
export function atDateMeasures(spec: PersonTableSpec): string[] {
  const name = specName(spec);
  const at = new Set([...AT_DATE, ...(spec.atDate ?? [])]);
  return spec.measures.filter((m) => at.has(m)).map((m) => `${name}|${m}`);
}

/** A count behind a derived column: `measure` in this row, or in the row of `gender` of the same group. */
export interface DerivedSource {
  measure: string;
  gender?: string;
}

/**
 * Which columns of a table are derived from its counts, and from which: the columns named in
 * `derived` (over {@link DERIVED}) from the counts they name; every other column that is not a
 * key, `gender`, a count, a link column or one of `notPersons` (over {@link NOT_PERSONS}) and that
 * holds no text, from every count of its row. A named column none of whose counts is a count of the
 * table (its counts are not registered here) is also hidden with every count of its row.
 */
export function derivedColumns(
  names: readonly string[],
  rows: readonly Row[],
  spec: Pick<PersonTableSpec, "measures" | "groupKeys" | "derived" | "notPersons">,
): Map<string, DerivedSource[]> {
  const named = { ...DERIVED, ...spec.derived };
  const skip = new Set([...spec.groupKeys, "gender", ...spec.measures, ...NOT_PERSONS, ...(spec.notPersons ?? [])]);
  const own = spec.measures.map((measure) => ({ measure }));
  const out = new Map<string, DerivedSource[]>();
  for (const n of names) {
    if (skip.has(n) || n.startsWith(LINK_PREFIX) || n.startsWith(SHARE_LINK_PREFIX)) continue;
    if (!Object.hasOwn(named, n) && rows.some((r) => typeof r[n] === "string")) continue; // a label, not a statistic
    const sources = (Object.hasOwn(named, n) ? named[n] : [])
      .map((s): DerivedSource => {
        const at = s.lastIndexOf("@");
        return at < 0 ? { measure: s } : { measure: s.slice(0, at), gender: s.slice(at + 1) };
      })
      .filter((s) => spec.measures.includes(s.measure));
    out.set(n, sources.length > 0 ? sources : own);
  }
  return out;
}

/** A count of a table: `measure` in the row at index `row`. */
export interface CountAt {
  row: number;
  measure: string;
}

/**
 * The counts each derived column of a row is computed from ({@link derivedColumns}), one rule for
 * the report's {@link applySuppression} and the one-table `suppressCounts` (src/metrics/suppress.ts):
 * the value is hidden when any of them is hidden, and wherever it is shown they count as shown.
 *
 * A count named `measure` is the row's own; `measure@G` is the one in the row of gender G of the
 * same group (same `groupKeys`; a row without a gender is the T row). When a named count is missing
 * from the table (the group has no row of gender G, or the row holds no number for the count), the
 * value was computed from a count the table does not show but the group's other counts may tell
 * (K + M + X = T: K's share of a T the table lacks gives T, and with it a hidden X). It then counts
 * as computed from every count of its group, every measure of every row, and is hidden whenever
 * any of them is hidden. Only counts that hold a number are returned (a blank count has no cell).
 */
export function derivedSources(
  names: readonly string[],
  rows: readonly Row[],
  spec: Pick<PersonTableSpec, "measures" | "groupKeys" | "derived" | "notPersons">,
): { derived: Map<string, DerivedSource[]>; countsOf: (row: number, column: string) => CountAt[] } {
  const derived = derivedColumns(names, rows, spec);
  const groupOf = rows.map((row) => JSON.stringify(spec.groupKeys.map((k) => keyText(row[k]))));
  const groups = new Map<string, { byGender: Map<string, number>; rows: number[] }>();
  rows.forEach((row, i) => {
    const g = groups.get(groupOf[i]) ?? { byGender: new Map<string, number>(), rows: [] };
    g.byGender.set(genderOf(row), i);
    g.rows.push(i);
    groups.set(groupOf[i], g);
  });
  const counted = (i: number, measure: string) => countValue(rows[i], measure) !== null;
  const wholeGroup = (i: number): CountAt[] =>
    groups.get(groupOf[i])!.rows.flatMap((row) => spec.measures.filter((measure) => counted(row, measure)).map((measure) => ({ row, measure })));
  const countsOf = (i: number, column: string): CountAt[] => {
    const out: CountAt[] = [];
    for (const s of derived.get(column) ?? []) {
      const row = s.gender === undefined ? i : groups.get(groupOf[i])!.byGender.get(s.gender);
      if (row === undefined || !counted(row, s.measure)) return wholeGroup(i);
      out.push({ row, measure: s.measure });
    }
    return out;
  };
  return { derived, countsOf };
}

/** Columns that link a count to its cell: `cell:<measure>`. */
export const LINK_PREFIX = "cell:";
export const linkColumn = (measure: string) => `${LINK_PREFIX}${measure}`;

/**
 * Columns that link a share to the cells of the counts it is computed from: `cells:<share>`, a
 * list of cell ids. A share shown exactly tells its counts (0,39325842696629215 is 35 of 89), so
 * wherever it is shown, its counts count as shown.
 */
export const SHARE_LINK_PREFIX = "cells:";
export const shareLinkColumn = (share: string) => `${SHARE_LINK_PREFIX}${share}`;

const PARTS = ["K", "M", "X"] as const;

type Row = Record<string, unknown>;

function keyText(v: unknown): string {
  return v === null || v === undefined ? "–" : typeof v === "string" ? v : JSON.stringify(v);
}

/** Cell id of a measure for keys (an object of key → value) and gender. */
export function cellId(name: string, measure: string, keys: Readonly<Record<string, unknown>>, gender: string): CellId {
  const k = Object.keys(keys)
    .sort()
    .map((key) => `${key}=${keyText(keys[key])}`)
    .join(",");
  return `${name}|${measure}|${k}|${gender}`;
}

function specName(spec: PersonTableSpec): string {
  if (spec.name === undefined) throw new DisclosureError("registerTable: the table needs a name");
  return spec.name;
}

function genderOf(row: Row): string {
  const g = row.gender;
  return g === undefined || g === null ? "T" : String(g);
}

function pick(row: Row, keys: readonly string[]): Record<string, unknown> {
  return Object.fromEntries(keys.map((k) => [k, row[k] ?? null]));
}

function countValue(row: Row, measure: string): number | null {
  const v = row[measure];
  return typeof v === "number" && Number.isFinite(v) ? v : null;
}

/** Pending rollups are resolved once every table is registered. */
export interface PendingRollup {
  name: string;
  measure: string;
  coarse: Record<string, unknown>;
  gender: string;
  parts: CellId[];
}

/**
 * Register a table's counts and the relations among them. Returns the rollups to resolve at
 * the end (their coarser cells may come later).
 */
export function registerTable(model: DisclosureModel, table: ColumnTable, spec: PersonTableSpec): PendingRollup[] {
  const name = specName(spec);
  const names = table.columnNames();
  for (const m of spec.measures) if (!names.includes(m)) throw new DisclosureError(`${name}: kolumnen ${m} saknas (column missing)`);
  for (const k of spec.groupKeys) if (!names.includes(k)) throw new DisclosureError(`${name}: nyckelkolumnen ${k} saknas (key column missing)`);
  const rows = table.objects() as Row[];
  const id = (row: Row, m: string) => cellId(name, m, pick(row, spec.groupKeys), genderOf(row));
  const isTotalRow = (row: Row) => spec.total !== undefined && row[spec.total.key] === spec.total.value;
  const grand = (row: Row) =>
    genderOf(row) === "T" && (spec.groupKeys.length === 0 || (spec.groupKeys.length === 1 && isTotalRow(row)));
  const label = (row: Row, m: string) => {
    const keys = spec.groupKeys.map((k) => keyText(row[k])).join(", ");
    return `${name}: ${m}${keys ? ` (${keys})` : ""}, ${genderOf(row)}`;
  };

  for (const row of rows) {
    for (const m of spec.measures) {
      const v = countValue(row, m);
      if (v !== null) model.addCell(id(row, m), v, label(row, m), grand(row));
    }
  }

  // Gender: K + M + X = T for every group and measure.
  const byGroup = new Map<string, Partial<Record<string, Row>>>();
  for (const row of rows) {
    const k = JSON.stringify(spec.groupKeys.map((key) => keyText(row[key])));
    const g = byGroup.get(k) ?? {};
    g[genderOf(row)] = row;
    byGroup.set(k, g);
  }
  for (const g of byGroup.values()) {
    const t = g.T;
    if (!t) continue;
    const parts = PARTS.map((p) => g[p]).filter((r): r is Row => r !== undefined);
    if (parts.length === 0) continue;
    for (const m of spec.measures) model.relate(id(t, m), parts.map((r) => id(r, m)), "kön");
  }

  // Measures made of other measures of the same row.
  for (const { total, parts } of spec.sums ?? []) {
    for (const row of rows) model.relate(id(row, total), parts.map((p) => id(row, p)), `${total} = ${parts.join(" + ")}`);
  }

  // A total row and the rows it sums.
  if (spec.total) {
    const others = spec.groupKeys.filter((k) => k !== spec.total!.key);
    const groups = new Map<string, { total?: Row; parts: Row[] }>();
    for (const row of rows) {
      const k = JSON.stringify([...others.map((key) => keyText(row[key])), genderOf(row)]);
      const grp = groups.get(k) ?? { parts: [] };
      if (isTotalRow(row)) grp.total = row;
      else grp.parts.push(row);
      groups.set(k, grp);
    }
    for (const grp of groups.values()) {
      if (!grp.total) continue;
      for (const m of spec.measures) model.relate(id(grp.total, m), grp.parts.map((r) => id(r, m)), "rader och totalrad");
    }
  }

  // Sub-groups inside coarser groups of the same name.
  const pending: PendingRollup[] = [];
  for (const drop of spec.rollup ?? []) {
    const coarseKeys = spec.groupKeys.filter((k) => !drop.includes(k));
    const groups = new Map<string, PendingRollup>();
    for (const row of rows) {
      if (isTotalRow(row)) continue;
      for (const m of spec.measures) {
        if (countValue(row, m) === null) continue;
        const coarse = pick(row, coarseKeys);
        const k = JSON.stringify([m, coarseKeys.map((key) => keyText(row[key])), genderOf(row)]);
        const p = groups.get(k) ?? { name, measure: m, coarse, gender: genderOf(row), parts: [] };
        p.parts.push(id(row, m));
        groups.set(k, p);
      }
    }
    pending.push(...groups.values());
  }
  return pending;
}

/** Add the relations of sub-groups to their coarser groups, now that every table is registered. */
export function resolveRollups(model: DisclosureModel, pending: readonly PendingRollup[]): void {
  for (const p of pending) model.relate(cellId(p.name, p.measure, p.coarse, p.gender), p.parts, "undergrupper och grupp");
}

/**
 * The table as it may be shown: counts whose cell is suppressed become null, columns derived from
 * them (shares, rates, averages, medians: {@link derivedSources}) become null, a `cell:<measure>`
 * column links every count to its cell, and a `cells:<column>` column every derived column to the
 * cells of its counts.
 */
export function applySuppression(table: ColumnTable, spec: PersonTableSpec, suppressed: ReadonlySet<CellId>): ColumnTable {
  const name = specName(spec);
  const names = table.columnNames();
  const rows = table.objects() as Row[];
  const { derived, countsOf } = derivedSources(names, rows, spec);
  const out: Record<string, unknown[]> = Object.fromEntries(names.map((n) => [n, [] as unknown[]]));
  for (const m of spec.measures) out[linkColumn(m)] = [];
  for (const s of derived.keys()) out[shareLinkColumn(s)] = [];
  // Per row: each count's cell (null without a count) and whether it is suppressed.
  const ids = rows.map((row) =>
    Object.fromEntries(spec.measures.map((m) => [m, countValue(row, m) === null ? null : cellId(name, m, pick(row, spec.groupKeys), genderOf(row))])),
  );
  rows.forEach((row, i) => {
    for (const m of spec.measures) out[linkColumn(m)].push(ids[i][m]);
    const hiddenDerived = new Set<string>();
    for (const s of derived.keys()) {
      const cells = countsOf(i, s).map((c) => ids[c.row][c.measure] as CellId);
      out[shareLinkColumn(s)].push(cells);
      if (cells.some((c) => suppressed.has(c))) hiddenDerived.add(s);
    }
    for (const n of names) {
      const hidden = (spec.measures.includes(n) && ids[i][n] !== null && suppressed.has(ids[i][n]!)) || hiddenDerived.has(n);
      out[n].push(hidden ? null : row[n]);
    }
  });
  return aq.table(out);
}
