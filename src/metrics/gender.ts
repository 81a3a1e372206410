/**
 * The gender long form shared by every person-based metric.
 *
 * Each group of a metric gets four rows: `gender` = `"K"` (women), `"M"` (men), `"X"` (any
 * other value, including missing) and `"T"` (total). The T row is computed as K + M + X, so
 * the parts always add up to the total. Every person has exactly one gender for the whole
 * table (see {@link personGenders}), so unique-person counts add up too.
 */
import type { ColumnTable } from "./util.ts";
import { col, compareKeys, keyOf, ratio, strCol, toTable } from "./util.ts";

export type GenderPart = "K" | "M" | "X";
export type GenderCode = GenderPart | "T";
export const GENDER_PARTS: readonly GenderPart[] = ["K", "M", "X"];
export const GENDERS: readonly GenderCode[] = ["K", "M", "X", "T"];

/** `"K"` and `"M"` stay, anything else (other values, null) is `"X"`. */
export function normGender(g: unknown): GenderPart {
  return g === "K" || g === "M" ? g : "X";
}

/**
 * One gender per person over the whole table, independent of row order: the person's single
 * K/M value when the rows agree (missing values ignored); `"X"` when they say both K and M or
 * never say K or M.
 */
export function personGenders(table: ColumnTable, personCol = "person", genderCol = "gender"): Map<string, GenderPart> {
  const persons = strCol(table, personCol);
  const genders = col(table, genderCol);
  // bit 1: some row says K, bit 2: some row says M
  const seen = new Map<string, number>();
  for (let i = 0; i < persons.length; i++) {
    const p = persons[i];
    if (p === null) continue;
    const g = genders[i];
    seen.set(p, (seen.get(p) ?? 0) | (g === "K" ? 1 : g === "M" ? 2 : 0));
  }
  const out = new Map<string, GenderPart>();
  for (const [p, bits] of seen) out.set(p, bits === 1 ? "K" : bits === 2 ? "M" : "X");
  return out;
}

export interface Group {
  keys: unknown[];
  counts: Map<string, [number, number, number]>;
  persons: Map<string, [Set<string | number>, Set<string | number>, Set<string | number>]>;
}

/**
 * Accumulates measures per group and gender part and emits the long form. Plain counts are
 * added with {@link count}; unique-person counts with {@link person} (a person counts once per
 * group and measure).
 */
export class GenderGroups {
  private groups = new Map<string, Group>();
  constructor(
    readonly keyNames: readonly string[],
    readonly measures: readonly string[],
  ) {}

  /** Make sure a group exists (all measures 0). */
  ensure(keys: readonly unknown[]): Group {
    const k = keyOf(keys);
    let g = this.groups.get(k);
    if (!g) {
      g = { keys: [...keys], counts: new Map(), persons: new Map() };
      this.groups.set(k, g);
    }
    return g;
  }

  /** Add `n` to a measure; `keys` may be a group returned by {@link ensure} (saves the key lookup). */
  count(keys: readonly unknown[] | Group, gender: GenderPart, measure: string, n = 1): void {
    const g = Array.isArray(keys) ? this.ensure(keys) : (keys as Group);
    let c = g.counts.get(measure);
    if (!c) g.counts.set(measure, (c = [0, 0, 0]));
    c[GENDER_PARTS.indexOf(gender)] += n;
  }

  /** Add a person (a pseudonym, or a dense id such as `Enrolments.pid`: use one kind per measure). */
  person(keys: readonly unknown[] | Group, gender: GenderPart, measure: string, person: string | number): void {
    const g = Array.isArray(keys) ? this.ensure(keys) : (keys as Group);
    let s = g.persons.get(measure);
    if (!s) g.persons.set(measure, (s = [new Set(), new Set(), new Set()]));
    s[GENDER_PARTS.indexOf(gender)].add(person);
  }

  /** Rows sorted by keys then K, M, X, T; with `genderSplit: false` only the T rows. */
  rows(genderSplit = true): Record<string, unknown>[] {
    const out: Record<string, unknown>[] = [];
    const groups = [...this.groups.values()].sort((a, b) => compareKeys(a.keys, b.keys));
    for (const g of groups) {
      const total: Record<string, number> = Object.fromEntries(this.measures.map((m) => [m, 0]));
      GENDER_PARTS.forEach((gp, i) => {
        const row: Record<string, unknown> = {};
        this.keyNames.forEach((k, j) => (row[k] = g.keys[j]));
        row.gender = gp;
        for (const m of this.measures) {
          const v = (g.counts.get(m)?.[i] ?? 0) + (g.persons.get(m)?.[i].size ?? 0);
          row[m] = v;
          total[m] += v;
        }
        if (genderSplit) out.push(row);
      });
      const t: Record<string, unknown> = {};
      this.keyNames.forEach((k, j) => (t[k] = g.keys[j]));
      t.gender = "T";
      Object.assign(t, total);
      out.push(t);
    }
    return out;
  }
}

/**
 * Wide gender shares of one measure of a long-form table.
 *
 * @param table long form with a `gender` column (K/M/X/T) and the measure.
 * @param measure the count column, e.g. `"participants"`.
 * @param keys the group columns (default: every column other than `gender` holding text and nulls
 *   only, e.g. `programme`, `month`; pass `keys` when a key is numeric or entirely null).
 * @returns keys, `women`, `men`, `other`, `total`, `shareWomen`, `shareMen` (fractions of
 *   `total`; null when total is 0 or a part is null, e.g. suppressed). `total` is the T row's
 *   value, or K + M + X when the table has no T row.
 * @example genderShares(programmeOutcomes(p, opts), "participants") // 13, 12, 0, 25, 0.52, 0.48
 */
export function genderShares(table: ColumnTable, measure: string, keys?: string[]): ColumnTable {
  const names = table.columnNames();
  const keyNames =
    keys ??
    names.filter((c) => {
      if (c === "gender" || c === measure) return false;
      const v = col(table, c);
      return v.some((x) => typeof x === "string") && v.every((x) => x === null || typeof x === "string");
    });
  const genders = col(table, "gender");
  const values = col(table, measure);
  const keyCols = keyNames.map((k) => col(table, k));
  const groups = new Map<string, { keys: unknown[]; v: Record<string, number | null> }>();
  for (let i = 0; i < genders.length; i++) {
    const kv = keyCols.map((c) => c[i]);
    const k = keyOf(kv);
    let g = groups.get(k);
    if (!g) groups.set(k, (g = { keys: kv, v: {} }));
    const raw = values[i];
    const v = typeof raw === "number" && Number.isFinite(raw) ? raw : null;
    const gc = genders[i] === "T" ? "T" : normGender(genders[i]);
    const prev = g.v[gc];
    g.v[gc] = prev === undefined ? v : prev === null || v === null ? null : prev + v;
  }
  const rows = [...groups.values()]
    .sort((a, b) => compareKeys(a.keys, b.keys))
    .map((g) => {
      const women = g.v.K ?? (g.v.K === null ? null : 0);
      const men = g.v.M ?? (g.v.M === null ? null : 0);
      const other = g.v.X ?? (g.v.X === null ? null : 0);
      const total =
        g.v.T !== undefined ? g.v.T : women === null || men === null || other === null ? null : women + men + other;
      const row: Record<string, unknown> = {};
      keyNames.forEach((k, j) => (row[k] = g.keys[j]));
      Object.assign(row, { women, men, other, total, shareWomen: ratio(women, total), shareMen: ratio(men, total) });
      return row;
    });
  return toTable(rows, [...keyNames, "women", "men", "other", "total", "shareWomen", "shareMen"]);
}
