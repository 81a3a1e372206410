/**
 * Small-count suppression of one table (Kolada `..`, Arbetsförmedlingen "<5"), for an analyst's
 * own tables. Reports do not use it: they register every count in the report-level disclosure
 * model (src/disclosure/), which protects all tables, charts and text of a report together.
 */
import type { ColumnTable } from "./util.ts";
import { compareKeys, keyOf, toTable } from "./util.ts";
import { DERIVED, NOT_PERSONS, derivedSources } from "../disclosure/register.ts";

export interface SuppressOptions {
  /** Count columns to suppress. */
  measures: string[];
  /** Counts with 0 < n < threshold are suppressed (default 5). */
  threshold?: number;
  /** Columns that identify a row apart from `gender` (e.g. `["programme"]`). */
  groupKeys: string[];
  /** Rows where column `key` equals `value` hold the totals of the other rows with the same other
   *  group keys and gender (e.g. `{ key: "programme", value: "Totalt" }`). */
  total?: { key: string; value: unknown };
  /** Columns computed from the counts (shares, rates, medians) and the counts they come from,
   *  over the metrics' own ({@link DERIVED}); such a column becomes null when one of them is
   *  suppressed (when one of them is missing from the table, when any count of its group is).
   *  Any other column that is neither a key, a count nor one of `notPersons` (over
   *  {@link NOT_PERSONS}) and holds no text becomes null with any suppressed count of its row. */
  derived?: Record<string, string[]>;
  /** Numeric columns that count no persons (money, places): kept as they are. */
  notPersons?: string[];
}

/** The shares of the metrics and the counts behind them (one list, shared with the report-level model). */
export { DERIVED, NOT_PERSONS };

const PARTS = ["K", "M", "X"];

/**
 * Primary and secondary suppression.
 *
 * - Primary: a count with 0 < n < threshold becomes null.
 * - Secondary, gender: in a group (same `groupKeys`) whose T row is shown, if exactly one of the
 *   K/M/X parts is suppressed, the smallest other part is suppressed too, preferring a non-zero
 *   one (a suppressed 0 hides nothing when X is usually 0); ties go to K, then M, then X.
 * - Secondary, total rows (with `total`): the same rule across the rows that add up to a shown
 *   total row (ties: the row with the smallest keys).
 * - Both rules are repeated until nothing changes. Columns derived from a suppressed count (shares,
 *   rates, medians of the row's group) become null, with the counts they are computed from resolved
 *   as in the report-level model (`derivedSources` in src/disclosure/register.ts): a named count the
 *   table lacks makes the column depend on every count of its group.
 * The result depends only on the values, not on row order.
 *
 * @returns the table with the same rows and columns, suppressed counts null, plus a boolean column
 *   `suppressed_<measure>` per measure (true for primary and secondary suppression).
 * @example suppressCounts(outcomes, { measures: ["participants", "ended"], threshold: 5, groupKeys: ["programme"] })
 */
export function suppressCounts(table: ColumnTable, opts: SuppressOptions): ColumnTable {
  const threshold = opts.threshold ?? 5;
  const names = table.columnNames();
  const rows = table.objects() as Record<string, unknown>[];
  const value = (r: number, m: string) => {
    const v = rows[r][m];
    return typeof v === "number" && Number.isFinite(v) ? v : 0;
  };
  const sup = rows.map(() => new Set<string>());
  for (const m of opts.measures) {
    rows.forEach((row, r) => {
      const v = row[m];
      if (typeof v === "number" && v > 0 && v < threshold) sup[r].add(m);
    });
  }
  // candidate sets: { total row, parts with a sort key }
  const sets: { total: number; parts: { r: number; order: unknown[] }[] }[] = [];
  const byKey = (r: number, keys: string[]) => keyOf(keys.map((k) => rows[r][k]));
  const genderGroups = new Map<string, Record<string, number>>();
  rows.forEach((row, r) => {
    const k = byKey(r, opts.groupKeys);
    const g = genderGroups.get(k) ?? {};
    g[String(row.gender)] = r;
    genderGroups.set(k, g);
  });
  for (const g of genderGroups.values()) {
    if (g.T === undefined) continue;
    sets.push({ total: g.T, parts: PARTS.filter((p) => g[p] !== undefined).map((p, i) => ({ r: g[p], order: [i] })) });
  }
  if (opts.total) {
    const { key, value: tv } = opts.total;
    const others = [...opts.groupKeys.filter((k) => k !== key), "gender"];
    const groups = new Map<string, { total?: number; parts: { r: number; order: unknown[] }[] }>();
    rows.forEach((row, r) => {
      const k = byKey(r, others);
      const grp = groups.get(k) ?? { parts: [] };
      if (row[key] === tv) grp.total = r;
      else grp.parts.push({ r, order: opts.groupKeys.map((c) => row[c]) });
      groups.set(k, grp);
    });
    for (const grp of groups.values()) if (grp.total !== undefined) sets.push({ total: grp.total, parts: grp.parts });
  }
  for (const s of sets) s.parts.sort((a, b) => compareKeys(a.order, b.order));
  for (let changed = true; changed; ) {
    changed = false;
    for (const m of opts.measures) {
      for (const s of sets) {
        if (sup[s.total].has(m)) continue;
        const open = s.parts.filter((p) => !sup[p.r].has(m));
        if (s.parts.length - open.length !== 1 || open.length === 0) continue;
        const nonZero = open.filter((p) => value(p.r, m) !== 0);
        const pool = nonZero.length ? nonZero : open;
        let best = pool[0];
        for (const p of pool) if (value(p.r, m) < value(best.r, m)) best = p;
        sup[best.r].add(m);
        changed = true;
      }
    }
  }
  const { derived, countsOf } = derivedSources(names, rows, { measures: opts.measures, groupKeys: opts.groupKeys, derived: opts.derived, notPersons: opts.notPersons });
  const out = rows.map((row, r) => {
    const o: Record<string, unknown> = { ...row };
    for (const m of opts.measures) {
      if (sup[r].has(m)) o[m] = null;
      o[`suppressed_${m}`] = sup[r].has(m);
    }
    for (const column of derived.keys()) if (countsOf(r, column).some((c) => sup[c.row].has(c.measure))) o[column] = null;
    return o;
  });
  const flags = opts.measures.map((m) => `suppressed_${m}`).filter((c) => !names.includes(c));
  return toTable(out, [...names, ...flags]);
}
