/**
 * The parallel load's columns, merged from the packed parts of its byte ranges (issue 11 §2).
 *
 * A `ColumnMerger` takes the parts of one column in file order and appends each to the column as
 * it comes: numbers and yes/no codes copied, text codes renumbered into one dictionary for the
 * whole column, identity numbers renumbered into the load's one pseudonymiser and then into
 * persons in order of first appearance (what `finish` of one builder over all rows gives). The
 * parallel load feeds it each range as soon as the ranges before it are in, while the threads
 * still parse, so that the copy into the column's memory is not left for the end.
 */
import type { Pseudonymizer } from "../read/pseudonym.ts";
import { CodedBooleans, CodedStrings } from "./coded-columns.ts";
import type { LoadedColumn, PackedColumn } from "./columns.ts";
import { firstRows, fit } from "./typed-arrays.ts";

/** `ColumnMerger.firstUnseen` once the codes are not in order of first appearance. */
const OUT_OF_ORDER = 0x7fffffff;

/**
 * A packed identity-number column of another pseudonymiser (a worker's: `keys` set) renumbered in
 * place into `pz`'s person ids, its keys then dropped; `pz` makes the pseudonyms of new persons
 * when it is eager. Other columns, and one already in `pz`'s ids, are left as they are. The
 * parallel load does this as each worker range arrives, while the main thread still parses.
 */
export function adoptPersons(p: PackedColumn, pz: Pseudonymizer): void {
  if (p.type !== "pnr" || p.keys === null) return;
  const keys = p.keys;
  const global = new Int32Array(keys.length);
  for (let k = 0; k < keys.length; k++) global[k] = pz.idOf(keys[k]);
  const codes = p.codes;
  for (let i = 0; i < codes.length; i++) if (codes[i] >= 0) codes[i] = global[codes[i]];
  p.keys = null;
}

/** One column from its parts in file order; `capacity` is the expected row count (it grows beyond). */
export class ColumnMerger {
  private type: PackedColumn["type"] | null = null;
  private n = 0;
  private f64: Float64Array | null = null;
  private bools: Int8Array | null = null;
  private sawTick = false;
  private codes: Int32Array | null = null;
  /** Text: the column's dictionary; identity numbers: the pseudonyms in order of first appearance. */
  private readonly values: string[] = [];
  private readonly shared = new Map<string, number>();
  /** Identity numbers: person id of the pseudonymiser → code in the column (−1 not yet met). */
  private personCode = new Int32Array(0);
  private pz: Pseudonymizer | null = null;
  /**
   * Text: the code the next value met for the first time must have for the codes to be in order of
   * first appearance (OUT_OF_ORDER once one was not); identity numbers are numbered so by the merge.
   */
  private firstUnseen = 0;

  constructor(
    private readonly capacity: number,
    private readonly pseudonyms: () => Pseudonymizer,
  ) {}

  /** Append the next part (a range's rows, in file order). */
  add(p: PackedColumn): void {
    if (this.type === null) this.type = p.type;
    else if (p.type !== this.type) throw new Error("ColumnMerger: mixed column types");
    const at = this.n;
    const rows = p.type === "f64" ? p.data.length : p.codes.length;
    const need = at + rows;
    // Made at once for the expected rows; `fit(…, need - 1)` makes room up to row need − 1.
    const size = Math.max(need, this.capacity);
    switch (p.type) {
      case "f64":
        this.f64 = fit(this.f64 ?? new Float64Array(size), need - 1);
        this.f64.set(p.data, at);
        break;
      case "bool":
        this.bools = fit(this.bools ?? new Int8Array(size), need - 1);
        this.bools.set(p.codes, at);
        this.sawTick ||= p.sawTick;
        break;
      case "str": {
        const all = (this.codes = fit(this.codes ?? new Int32Array(size), need - 1));
        // The part's codes renumbered into one dictionary for the whole column: `global[c + 1]`
        // for the part's code c (−1 missing stays −1).
        const global = new Int32Array(p.dict.length + 1);
        global[0] = -1;
        for (let k = 0; k < p.dict.length; k++) {
          const v = p.dict[k];
          let c = this.shared.get(v);
          if (c === undefined) {
            c = this.values.push(v) - 1;
            this.shared.set(v, c);
          }
          global[k + 1] = c;
        }
        this.firstUnseen = renumber(p.codes, global, all, at, this.firstUnseen);
        break;
      }
      case "pnr": {
        // Persons numbered in order of first appearance, so that the metrics use the codes as they are.
        const pz = (this.pz ??= this.pseudonyms());
        adoptPersons(p, pz);
        const byId = pz.all();
        const all = (this.codes = fit(this.codes ?? new Int32Array(size), need - 1));
        if (this.personCode.length < byId.length) {
          const next = new Int32Array(Math.max(byId.length, this.personCode.length * 2)).fill(-1);
          next.set(this.personCode);
          this.personCode = next;
        }
        numberPersons(p.codes, this.personCode, byId, this.values, all, at);
        break;
      }
    }
    this.n = need;
  }

  /** The merged column (text when no part came: an empty one). */
  finish(): LoadedColumn {
    const n = this.n;
    switch (this.type) {
      case "f64":
        return firstRows(this.f64!, n);
      case "bool":
        return new CodedBooleans(firstRows(this.bools!, n), this.sawTick);
      case "str":
        return new CodedStrings(firstRows(this.codes!, n), this.values, this.firstUnseen === this.values.length);
      case "pnr":
        return new CodedStrings(firstRows(this.codes!, n), this.values, true);
      default:
        return new CodedStrings(new Int32Array(0), []);
    }
  }
}

// The loops of `add`, each a function of its own: one of a large function's type cases would be
// compiled, and dropped, again and again as the other cases came.

/**
 * A part's text codes renumbered (`global[c + 1]` for its code c) into `all` from row `at`;
 * `next` is the code a value met for the first time must have for the codes to stay in order of
 * first appearance. Returns the next such code, or OUT_OF_ORDER.
 */
function renumber(codes: Int32Array, global: Int32Array, all: Int32Array, at: number, next: number): number {
  for (let i = 0; i < codes.length; i++) {
    const c = global[codes[i] + 1];
    all[at + i] = c;
    if (c >= next) next = c === next ? next + 1 : OUT_OF_ORDER;
  }
  return next;
}

/**
 * A part's person ids written into `all` from row `at` as codes in order of first appearance:
 * `personCode` by id (−1 not yet met), a new person's pseudonym (`byId`) appended to `values`.
 */
function numberPersons(ids: Int32Array, personCode: Int32Array, byId: readonly string[], values: string[], all: Int32Array, at: number): void {
  for (let i = 0; i < ids.length; i++) {
    const id = ids[i];
    if (id < 0) {
      all[at + i] = -1;
      continue;
    }
    let code = personCode[id];
    if (code < 0) code = personCode[id] = values.push(byId[id]) - 1;
    all[at + i] = code;
  }
}

/**
 * One column from the packed parts of consecutive row ranges, as `finish` of one builder over all
 * rows would give it (strings: one string per distinct value across the parts).
 */
export function unpackColumn(parts: readonly PackedColumn[], pseudonyms: () => Pseudonymizer): LoadedColumn {
  let n = 0;
  for (const p of parts) n += p.type === "f64" ? p.data.length : p.codes.length;
  const m = new ColumnMerger(n, pseudonyms);
  for (const p of parts) m.add(p);
  return m.finish();
}
