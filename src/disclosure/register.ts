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
  /** Share columns and the counts they are computed from (default {@link DERIVED}). */
  derived?: Readonly<Record<string, readonly string[]>>;
}

/** The shares of the metrics and the counts behind them: a share is hidden with its counts. */
export const DERIVED: Readonly<Record<string, readonly string[]>> = {
  shareWorkOrStudies: ["workOrStudies", "ended"],
  capacityUse: ["enrolled"],
  shareContinued: ["continued", "ended"],
  share: ["participants", "allParticipants"],
  offerRate: ["withProgramme", "recipients"],
  shareMeetingRequirement: ["meetingRequirement", "participants"],
  shareWomen: ["women", "total"],
  shareMen: ["men", "total"],
  clientsPerSpecialist: ["activeClients"],
};

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
 * The table as it may be shown: counts whose cell is suppressed become null, shares computed
 * from them become null, a `cell:<measure>` column links every count to its cell, and a
 * `cells:<share>` column every share to the cells of its counts.
 */
export function applySuppression(table: ColumnTable, spec: PersonTableSpec, suppressed: ReadonlySet<CellId>): ColumnTable {
  const name = specName(spec);
  const names = table.columnNames();
  const rows = table.objects() as Row[];
  const derived = spec.derived ?? DERIVED;
  const shares = names.filter((n) => derived[n]?.some((c) => spec.measures.includes(c)));
  const out: Record<string, unknown[]> = Object.fromEntries(names.map((n) => [n, [] as unknown[]]));
  for (const m of spec.measures) out[linkColumn(m)] = [];
  for (const s of shares) out[shareLinkColumn(s)] = [];
  for (const row of rows) {
    const hidden = new Set<string>();
    const ids: Record<string, CellId | null> = {};
    for (const m of spec.measures) {
      const cid = cellId(name, m, pick(row, spec.groupKeys), genderOf(row));
      ids[m] = countValue(row, m) === null ? null : cid;
      out[linkColumn(m)].push(ids[m]);
      if (suppressed.has(cid)) hidden.add(m);
    }
    for (const s of shares) out[shareLinkColumn(s)].push(derived[s].flatMap((c) => (ids[c] ? [ids[c]] : [])));
    for (const n of names) {
      let v = row[n];
      if (hidden.has(n)) v = null;
      else if (derived[n]?.some((c) => hidden.has(c))) v = null;
      out[n].push(v);
    }
  }
  return aq.table(out);
}
