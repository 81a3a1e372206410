/**
 * Small helpers for turning long-form metric tables (a `gender` column with K, M, X, T) into
 * the wide rows a report table shows.
 */
import type { ColumnTable } from "arquero";
import { shareLinkKey } from "../charts/links.ts";
import { linkColumn, shareLinkColumn } from "../disclosure/register.ts";

export type Row = Record<string, unknown>;

/** The rows of a metric table. */
export function rowsOf(table: ColumnTable): Row[] {
  return table.objects() as Row[];
}

/** A cell value for a TableSpec row: numbers and strings pass, null stays null (suppressed). */
export function cellValue(v: unknown): string | number | null {
  if (v === null || v === undefined) return null;
  if (typeof v === "number" || typeof v === "string") return v;
  return String(v);
}

/**
 * Group long-form rows by their keys: for each key combination, the row of each gender.
 * Keeps the order in which key combinations first appear.
 */
export function byGender(rows: readonly Row[], keys: readonly string[]): { key: Row; K?: Row; M?: Row; X?: Row; T?: Row }[] {
  const groups = new Map<string, { key: Row; K?: Row; M?: Row; X?: Row; T?: Row }>();
  for (const row of rows) {
    const id = JSON.stringify(keys.map((k) => row[k] ?? null));
    let g = groups.get(id);
    if (!g) {
      g = { key: Object.fromEntries(keys.map((k) => [k, row[k] ?? null])) };
      groups.set(id, g);
    }
    const gender = row.gender as "K" | "M" | "X" | "T";
    g[gender] = row;
  }
  return [...groups.values()];
}

/**
 * The disclosure links of one table row: for each column key, the cell of the count it shows
 * (read from the `cell:<measure>` columns that `r.publishable` adds). Counts without a cell
 * (tables not registered, missing data) get no link.
 */
export function linksOf(entries: readonly [column: string, row: Row | undefined, measure: string][]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [column, row, measure] of entries) {
    const id = row?.[linkColumn(measure)];
    if (typeof id === "string") out[column] = id;
    else Object.assign(out, shareLinks(column, row, measure));
  }
  return out;
}

/**
 * For a share shown in `column`: the cells of the counts it is computed from (the row's
 * `cells:<share>` column), under the keys `<column>:1`, `<column>:2`, … that are no column of the
 * table. A share shown exactly tells its counts, so the report counts them as shown.
 */
export function shareLinks(column: string, row: Row | undefined, share: string): Record<string, string> {
  const ids = row?.[shareLinkColumn(share)];
  const out: Record<string, string> = {};
  if (Array.isArray(ids)) ids.forEach((id, i) => typeof id === "string" && (out[shareLinkKey(column, i + 1)] = id));
  return out;
}
