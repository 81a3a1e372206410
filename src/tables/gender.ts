/**
 * A person figure split by gender as a report table: one row per group, columns women, men,
 * other/unknown and total (the parts add up to the total, as the metric guarantees), plus
 * optional columns taken from the total row (e.g. a share).
 */
import type { ColumnTable } from "arquero";
import type { CellFormat, TableSpec } from "../charts/types.ts";
import { byGender, cellValue, linksOf, rowsOf } from "./rows.ts";
import { categoryLabel } from "./labels.ts";

export interface GenderTableOptions {
  name: string;
  caption: string;
  /** Group columns of the metric table, with their headers and optional display names. */
  keys: { key: string; label: string; names?: Readonly<Record<string, string>>; format?: "text" | "month" }[];
  /** The count column split by gender, e.g. `participants`. */
  measure: string;
  /** What is counted, e.g. "Deltagare": headers become "Deltagare kvinnor", … */
  measureLabel: string;
  /** Further columns read from the gender rows (`gender` "T" unless given). */
  extra?: { column: string; label: string; format: CellFormat; gender?: "K" | "M" | "X" | "T" }[];
  note?: string;
}

export function genderTable(table: ColumnTable, opts: GenderTableOptions): TableSpec {
  const groups = byGender(rowsOf(table), opts.keys.map((k) => k.key));
  const links = groups.map((g) =>
    linksOf([
      ...(["K", "M", "X", "T"] as const).map((p) => [p, g[p], opts.measure] as [string, typeof g.T, string]),
      ...(opts.extra ?? []).map((e) => [`${e.column}_${e.gender ?? "T"}`, g[e.gender ?? "T"], e.column] as [string, typeof g.T, string]),
    ]),
  );
  const rows = groups.map((g) => {
    const row: Record<string, string | number | null> = {};
    for (const k of opts.keys) {
      const raw = g.key[k.key];
      const v = String(raw ?? "–");
      row[k.key] = k.names?.[v] ?? (k.format === "month" ? v : categoryLabel(raw));
    }
    row.K = cellValue(g.K?.[opts.measure]);
    row.M = cellValue(g.M?.[opts.measure]);
    row.X = cellValue(g.X?.[opts.measure]);
    row.T = cellValue(g.T?.[opts.measure]);
    for (const e of opts.extra ?? []) row[`${e.column}_${e.gender ?? "T"}`] = cellValue(g[e.gender ?? "T"]?.[e.column]);
    return row;
  });
  return {
    name: opts.name,
    caption: opts.caption,
    columns: [
      ...opts.keys.map((k) => ({ key: k.key, label: k.label, format: k.format ?? ("text" as const) })),
      { key: "K", label: `${opts.measureLabel} kvinnor`, format: "integer" },
      { key: "M", label: `${opts.measureLabel} män`, format: "integer" },
      { key: "X", label: `${opts.measureLabel} annat/okänt kön`, format: "integer" },
      { key: "T", label: `${opts.measureLabel} totalt`, format: "integer" },
      ...(opts.extra ?? []).map((e) => ({ key: `${e.column}_${e.gender ?? "T"}`, label: e.label, format: e.format })),
    ],
    rows,
    links,
    note: opts.note,
  };
}

export interface MeasuresTableOptions {
  name: string;
  caption: string;
  /** Header of the first column, e.g. "Status". */
  label: string;
  /** The count columns of a long-form table with one row per gender, shown as rows. */
  measures: { column: string; label: string }[];
  note?: string;
}

/**
 * Several person counts of one population as rows, split by gender in columns (e.g. the status
 * of those covered by a target: employed, of which fixed-term, in internship, ended).
 */
export function measuresByGender(table: ColumnTable, opts: MeasuresTableOptions): TableSpec {
  const [g] = byGender(rowsOf(table), []);
  const links = opts.measures.map((m) => linksOf((["K", "M", "X", "T"] as const).map((p) => [p, g?.[p], m.column])));
  const rows = opts.measures.map((m) => ({
    measure: m.label,
    K: cellValue(g?.K?.[m.column]),
    M: cellValue(g?.M?.[m.column]),
    X: cellValue(g?.X?.[m.column]),
    T: cellValue(g?.T?.[m.column]),
  }));
  return {
    name: opts.name,
    caption: opts.caption,
    columns: [
      { key: "measure", label: opts.label, format: "text" },
      { key: "K", label: "Kvinnor", format: "integer" },
      { key: "M", label: "Män", format: "integer" },
      { key: "X", label: "Annat/okänt kön", format: "integer" },
      { key: "T", label: "Totalt", format: "integer" },
    ],
    rows,
    links,
    note: opts.note,
  };
}
