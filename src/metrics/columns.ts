/**
 * Reading loaded columns as they are stored, without materialising them: numbers as the stored
 * `Float64Array`, strings as dictionary codes, persons as dense integer ids.
 *
 * A loaded table stores numbers, money and dates in `Float64Array`s, strings and pseudonyms as
 * dictionary codes and yes/no values as small integer codes (src/schema/coded-columns.ts). The
 * metrics read them in place. A string column is read as {@link Coded}: an `Int32Array` of codes
 * (−1 = missing) into a dictionary of its distinct values, so group keys are integers and no
 * string key is built per row. A loader's codes are used as they are; another dictionary-coded
 * column ({@link DictionaryColumn}: `codes` plus `dictionary`) is renumbered once, and a plain
 * array is coded once. Everything read from a table is cached per table (arquero tables are
 * immutable).
 *
 * Filtered or ordered tables (e.g. after `table.filter`) are materialised once by arquero; that
 * path is correct but not the fast one.
 */
import type { ColumnTable } from "arquero";
import { CodedBooleans, CodedStrings } from "../schema/coded-columns.ts";
import { toNum } from "./util.ts";

/** A string column as integer codes: `codes[i]` indexes `values`, −1 means missing. */
export interface Coded {
  readonly codes: Int32Array;
  readonly values: readonly string[];
}

/**
 * A dictionary-coded string column as a loader may store it: `dictionary[codes[i]]` is the
 * value of row `i`; a negative code or a `null` dictionary entry is missing.
 */
export interface DictionaryColumn {
  readonly codes: ArrayLike<number>;
  readonly dictionary: readonly (string | null)[];
}

function isDictionaryColumn(c: unknown): c is DictionaryColumn {
  if (typeof c !== "object" || c === null) return false;
  const d = c as Partial<DictionaryColumn>;
  return d.codes !== undefined && ArrayBuffer.isView(d.codes) && Array.isArray(d.dictionary);
}

const caches = new WeakMap<ColumnTable, Map<string, unknown>>();

function cached<T>(table: ColumnTable, key: string, make: () => T): T {
  let c = caches.get(table);
  if (!c) caches.set(table, (c = new Map()));
  let v = c.get(key) as T | undefined;
  if (v === undefined) c.set(key, (v = make()));
  return v;
}

export function hasColumn(table: ColumnTable, name: string): boolean {
  return table.columnNames().includes(name);
}

/** The stored column of an unfiltered, unordered table (no copy); null when arquero must materialise. */
function stored(table: ColumnTable, name: string): unknown {
  if (table.isFiltered() || table.isOrdered()) return null;
  return table.column(name) as unknown;
}

/**
 * Values of a column in row order: the stored array when possible (a loader's coded column makes
 * its array once), else arquero's materialised one.
 */
function rowValues(table: ColumnTable, name: string): ArrayLike<unknown> {
  let s = stored(table, name);
  if (s instanceof CodedStrings || s instanceof CodedBooleans) s = s.toArray();
  if ((Array.isArray(s) || ArrayBuffer.isView(s)) && (s as ArrayLike<unknown>).length === table.numRows()) return s as ArrayLike<unknown>;
  return table.array(name) as ArrayLike<unknown>;
}

/**
 * A number column (dates as UTC epoch ms, money in öre): the stored `Float64Array` itself; other
 * storage is converted once. A missing column or value reads as NaN. Treat as read-only.
 */
export function numbers(table: ColumnTable, name: string): Float64Array {
  return cached(table, `n:${name}`, () => {
    const n = table.numRows();
    if (!hasColumn(table, name)) return new Float64Array(n).fill(NaN);
    const v = rowValues(table, name);
    if (v instanceof Float64Array) return v;
    const out = new Float64Array(n);
    for (let i = 0; i < n; i++) out[i] = toNum(v[i]);
    return out;
  });
}

const EMPTY_VALUES: readonly string[] = [];

/**
 * A string column as dictionary codes. Values are taken as strings (`String(v)`), `null` and
 * `undefined` are missing. Codes follow first appearance; a missing column is all −1.
 */
export function coded(table: ColumnTable, name: string): Coded {
  return cached(table, `c:${name}`, () => {
    const n = table.numRows();
    if (!hasColumn(table, name)) return { codes: new Int32Array(n).fill(-1), values: EMPTY_VALUES };
    const s = stored(table, name);
    // The loader's own codes (in order of first appearance): no second coding.
    if (s instanceof CodedStrings && s.length === n) return { codes: s.codes, values: s.dictionary };
    if (isDictionaryColumn(s) && s.codes.length === n) return fromDictionary(s);
    return encode(rowValues(table, name), new Int32Array(n).fill(-1));
  });
}

function fromDictionary(d: DictionaryColumn): Coded {
  const n = d.codes.length;
  // remap so that a null entry (or a repeated value) never gets a code of its own
  const remap = new Int32Array(d.dictionary.length).fill(-1);
  const values: string[] = [];
  const seen = new Map<string, number>();
  d.dictionary.forEach((v, j) => {
    if (v === null || v === undefined) return;
    let c = seen.get(v);
    if (c === undefined) seen.set(v, (c = values.push(v) - 1));
    remap[j] = c;
  });
  const codes = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const c = d.codes[i];
    codes[i] = c >= 0 && c < remap.length ? remap[c] : -1;
  }
  return { codes, values };
}

function encode(v: ArrayLike<unknown>, codes: Int32Array): Coded {
  const ids = new Map<unknown, number>();
  const values: string[] = [];
  for (let i = 0; i < codes.length; i++) {
    const x = v[i];
    if (x === null || x === undefined) continue;
    // interned strings hash once; a lookup per row builds no new string
    let c = ids.get(x);
    if (c === undefined) {
      if (typeof x === "string") ids.set(x, (c = values.push(x) - 1));
      else {
        // a non-string value shares the code of its string form
        const s = String(x);
        c = ids.get(s);
        if (c === undefined) ids.set(s, (c = values.push(s) - 1));
        ids.set(x, c);
      }
    }
    codes[i] = c;
  }
  return { codes, values };
}

/** Code of a value in a coded column, or −1 when the column never holds it. */
export function codeOf(c: Coded, value: string): number {
  return c.values.indexOf(value);
}

/** Per code, whether `test(value)` holds (computed once per distinct value, not per row). */
export function codeMask(c: Coded, test: (value: string) => boolean): Uint8Array {
  const m = new Uint8Array(c.values.length);
  c.values.forEach((v, j) => (m[j] = test(v) ? 1 : 0));
  return m;
}

/** Per code, a small integer computed once per distinct value (e.g. Kolada's reason A–E). */
export function codeMap(c: Coded, f: (value: string) => number): Int32Array {
  const m = new Int32Array(c.values.length);
  c.values.forEach((v, j) => (m[j] = f(v)));
  return m;
}

/** A boolean column by row: `truth[i]` is 1 yes, 0 no, −1 missing. */
export interface Flags {
  readonly truth: Int8Array;
}

/**
 * A boolean column: a loader's codes (an empty cell read as its column reads it); in an array,
 * `true` is yes, null or undefined missing and any other value no; in a typed array, 1 is yes and
 * any other number no. A missing column is missing on every row.
 */
export function flags(table: ColumnTable, name: string): Flags {
  return cached(table, `b:${name}`, () => {
    const n = table.numRows();
    if (!hasColumn(table, name)) return { truth: new Int8Array(n).fill(-1) };
    const s = stored(table, name);
    if (s instanceof CodedBooleans && s.length === n) return { truth: s.truth() };
    const v = rowValues(table, name);
    const truth = new Int8Array(n);
    const typed = ArrayBuffer.isView(v);
    for (let i = 0; i < n; i++) {
      const x = v[i];
      truth[i] = typed ? (x === 1 ? 1 : 0) : x === true ? 1 : x === null || x === undefined ? -1 : 0;
    }
    return { truth };
  });
}

export function isTrue(f: Flags, i: number): boolean {
  return f.truth[i] === 1;
}

/** Persons of a table as dense ids: `ids[i]` (−1 = no person), `count` distinct persons. */
export interface PersonIds {
  readonly ids: Int32Array;
  readonly count: number;
  /** Pseudonym of each id. */
  readonly values: readonly string[];
}

/** The `person` column (or another) as dense ids: the codes of {@link coded}. */
export function personIds(table: ColumnTable, name = "person"): PersonIds {
  const c = coded(table, name);
  return { ids: c.codes, count: c.values.length, values: c.values };
}

/**
 * Persons of another table in the id space of `base` (e.g. recipients of assistance matched to
 * participants): a pseudonym `base` holds gets its id there, others get new ids from
 * `base.count` on. Built once per distinct pseudonym, not per row.
 */
export function personIdsIn(table: ColumnTable, base: PersonIds, name = "person"): PersonIds {
  const own = coded(table, name);
  const index = new Map<string, number>();
  base.values.forEach((v, j) => index.set(v, j));
  const values = [...base.values];
  const remap = new Int32Array(own.values.length);
  own.values.forEach((v, j) => {
    let id = index.get(v);
    if (id === undefined) index.set(v, (id = values.push(v) - 1));
    remap[j] = id;
  });
  const ids = new Int32Array(own.codes.length);
  for (let i = 0; i < ids.length; i++) ids[i] = own.codes[i] < 0 ? -1 : remap[own.codes[i]];
  return { ids, count: values.length, values };
}
