/**
 * Shared plumbing of the metrics: reading columns of loaded tables, UTC dates and periods,
 * deterministic key ordering and building output tables with every declared column.
 *
 * The metrics read columns as arrays and aggregate in plain loops instead of arquero verbs:
 * that keeps money sums exact (integers), works on empty tables and on tables without the
 * optional columns, and makes the results independent of row order.
 */
import * as aq from "arquero";
import type { ColumnTable } from "arquero";
import { CodedBooleans, CodedStrings } from "../schema/coded-columns.ts";

export type { ColumnTable };

/** A date as `"YYYY-MM-DD"` (or `"YYYY-MM"`), or UTC epoch milliseconds. */
export type DateLike = string | number;
/** An inclusive period. `"YYYY-MM"` as `to` means the last day of that month. */
export interface Period {
  from: DateLike;
  to: DateLike;
}

export const DAY_MS = 86_400_000;

/** Parse a date parameter to UTC epoch ms. `endOfMonth` picks the month's last day for "YYYY-MM". */
export function toMs(d: DateLike, endOfMonth = false): number {
  if (typeof d === "number") {
    if (!Number.isFinite(d)) throw new RangeError("date must be a finite number of epoch ms");
    return d;
  }
  const m = /^(\d{4})-(\d{2})(?:-(\d{2}))?$/.exec(d.trim());
  if (!m) throw new RangeError(`invalid date ${JSON.stringify(d)}: expected YYYY-MM-DD`);
  const y = Number(m[1]);
  const mo = Number(m[2]) - 1;
  if (m[3] !== undefined) return Date.UTC(y, mo, Number(m[3]));
  return endOfMonth ? Date.UTC(y, mo + 1, 0) : Date.UTC(y, mo, 1);
}

/** A period as `[fromMs, toMs]`, both inclusive. */
export function periodMs(p: Period): [number, number] {
  const f = toMs(p.from);
  const t = toMs(p.to, true);
  if (t < f) throw new RangeError("period: `to` is before `from`");
  return [f, t];
}

/** `[first day, last day]` of a month `"YYYY-MM"` in UTC ms. */
export function monthMs(month: string): [number, number] {
  if (!/^\d{4}-\d{2}$/.test(month)) throw new RangeError(`invalid month ${JSON.stringify(month)}: expected YYYY-MM`);
  return [toMs(month), toMs(month, true)];
}

/** `"YYYY-MM"` of a UTC epoch ms. */
export function monthOf(ms: number): string {
  const d = new Date(ms);
  return `${d.getUTCFullYear()}-${String(d.getUTCMonth() + 1).padStart(2, "0")}`;
}

export function inRange(v: number, from: number, to: number): boolean {
  return v >= from && v <= to;
}

/**
 * The values of a column in row order. A loaded table is neither filtered nor ordered, so its
 * stored array is read as is (a coded column's array made once); otherwise arquero materialises
 * the column (row by row, slower).
 */
function values(table: ColumnTable, name: string): ArrayLike<unknown> {
  if (!table.isFiltered() && !table.isOrdered()) {
    let stored = table.column(name) as unknown;
    if (stored instanceof CodedStrings || stored instanceof CodedBooleans) stored = stored.toArray();
    if ((Array.isArray(stored) || ArrayBuffer.isView(stored)) && (stored as ArrayLike<unknown>).length === table.numRows()) {
      return stored as ArrayLike<unknown>;
    }
  }
  return table.array(name) as ArrayLike<unknown>;
}

/** A column as a plain array; a column the table does not have reads as nulls. */
export function col(table: ColumnTable, name: string): unknown[] {
  const n = table.numRows();
  if (!table.columnNames().includes(name)) return new Array(n).fill(null);
  return Array.from(values(table, name));
}

/** A number column (dates, money, counts); missing column or values read as NaN. */
export function numCol(table: ColumnTable, name: string): number[] {
  return col(table, name).map(toNum);
}

/** A string column; missing values read as null. */
export function strCol(table: ColumnTable, name: string): (string | null)[] {
  return col(table, name).map((v) => (v === null || v === undefined ? null : String(v)));
}

export function toNum(v: unknown): number {
  if (typeof v === "number") return v;
  if (v === null || v === undefined || v === "") return NaN;
  if (v instanceof Date) return v.getTime();
  if (typeof v === "string" && /^\d{4}-\d{2}-\d{2}$/.test(v)) return toMs(v);
  return Number(v);
}

/** Compare key values: numbers numerically, strings by code unit, null/undefined last. */
export function compareValues(a: unknown, b: unknown): number {
  const an = a === null || a === undefined;
  const bn = b === null || b === undefined;
  if (an || bn) return an === bn ? 0 : an ? 1 : -1;
  if (typeof a === "number" && typeof b === "number") return a - b;
  const as = String(a);
  const bs = String(b);
  return as < bs ? -1 : as > bs ? 1 : 0;
}

export function compareKeys(a: readonly unknown[], b: readonly unknown[]): number {
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    const c = compareValues(a[i], b[i]);
    if (c !== 0) return c;
  }
  return 0;
}

export function keyOf(values: readonly unknown[]): string {
  return JSON.stringify(values.map((v) => (v === undefined ? null : v)));
}

/** Build a table from row objects with exactly `columns`, in that order, also when empty. */
export function toTable(rows: readonly Record<string, unknown>[], columns: readonly string[]): ColumnTable {
  const data: Record<string, unknown[]> = {};
  for (const c of columns) data[c] = rows.map((r) => (r[c] === undefined ? null : r[c]));
  return aq.table(data, [...columns]);
}

/** Integer sum that treats NaN/null as 0 (a sum over no rows is 0). */
export function sumInt(values: Iterable<number>): number {
  let s = 0;
  for (const v of values) if (Number.isFinite(v)) s += v;
  return s;
}

/** `num / den`, or null when the denominator is 0 or either is missing. */
export function ratio(num: number | null, den: number | null): number | null {
  if (num === null || den === null || !Number.isFinite(num) || !Number.isFinite(den) || den === 0) return null;
  return num / den;
}

/** Age in whole years at a reference date from a birth year (Kolada counts age during the year). */
export function ageAt(birthYear: number, refMs: number): number {
  return new Date(refMs).getUTCFullYear() - birthYear;
}
