/**
 * Column builders: each turns the raw cells of one field into its loaded array, written
 * directly by row index (no row objects). Row `n` may be written several times: a row that
 * turns out bad is simply overwritten by the next one, and `finish(n)` trims to the accepted rows.
 */
import { isTick, parseBoolean, TRUE, FALSE } from "../read/booleans.ts";
import { parseDate, parseMonth } from "../read/dates.ts";
import { parseGender } from "../read/gender.ts";
import { EMPTY, PRESENT, statusOf, type MissingKind } from "../read/missing.ts";
import { lastRefusal, NO_REFUSAL, parseDecimal, parseInteger, parseMoneyOre, REFUSAL_TEXT, type DecimalSeparator, type NumberRefusal } from "../read/numbers.ts";
import { parsePnr, pnr, PNR_OK, PNR_STATUS_TEXT, type PnrStatus } from "../read/pnr.ts";
import type { Pseudonymizer } from "../read/pseudonym.ts";
import { detach, trimValue } from "../read/chars.ts";
import { cellHoldsIdentityNumber } from "../guard/cell-check.ts";
import { CodedBooleans, CodedStrings } from "./coded-columns.ts";
import { normaliseHeader } from "./headers.ts";
import { firstRows, fit } from "./typed-arrays.ts";
import type { ColumnSpec, ValueType } from "./types.ts";

/**
 * A loaded column: numbers, money and dates as a Float64Array; text (and pseudonyms) as codes
 * into a dictionary, or a plain array when the values are nearly all distinct; yes/no as codes.
 */
export type LoadedColumn = Float64Array | CodedStrings | (string | null)[] | CodedBooleans;

/**
 * A builder's first n rows in a form that crosses a worker boundary cheaply (issue 11 §2):
 * numbers as their Float64Array, strings dictionary-coded (-1 = null), booleans as their loading
 * codes with the column's tick-mark flag (an empty cell means false when any part used `x`).
 */
export type PackedColumn =
  | { type: "f64"; data: Float64Array }
  | { type: "str"; codes: Int32Array; dict: string[] }
  | { type: "bool"; codes: Int8Array; sawTick: boolean }
  /**
   * Identity numbers: a dense person id per row (-1 = null) and the 12-digit key of each id,
   * pseudonymised in the merge; keys null when the ids are already those of the merge's (eager)
   * pseudonymiser.
   */
  | { type: "pnr"; codes: Int32Array; keys: Float64Array | null };

/**
 * What `present` found in a cell: a valid value; an invalid one; or, in a text column, a valid
 * text that holds an identity number (issue 7: never outside the declared identity-number column).
 * A number, date or yes/no cell is not text: an identity number in it does not parse.
 */
export const VALID = 0;
export const INVALID = 1;
export const HOLDS_IDENTITY_NUMBER = 2;
export type Presence = typeof VALID | typeof INVALID | typeof HOLDS_IDENTITY_NUMBER;

export interface ColumnBuilder {
  /** What a valid value looks like, for messages. */
  readonly expected: string;
  /** Error kind for invalid values (the value type). */
  readonly kind: string;
  /** Write a present cell at row n and say what it held. */
  present(n: number, raw: string): Presence;
  /**
   * The same as `present(n, raw)` for a cell whose distinct value has the raw code `code` (its
   * column's codes of one range, src/schema/range-fast.ts): a value seen before as valid is
   * written from a memo by code, without reading `raw` again (issue 11).
   */
  presentCoded(n: number, code: number, raw: string): Presence;
  /** Is the raw code's value in the memo, valid and (text) holding no identity number? */
  memoized(code: number): boolean;
  /**
   * Write rows `rows[i]` (ascending) from their raw codes `codes[bases[i] + field]`, every one
   * `memoized` or missing (`missing[code]` = its missing kind + 1): the rows of a window that
   * `RowReader.dataCoded` numbered and left to be written column by column.
   */
  fillCoded(rows: Int32Array, bases: Int32Array, count: number, codes: Int32Array, field: number, missing: Int8Array): void;
  /** Write a missing cell at row n. */
  missing(n: number, kind: MissingKind): void;
  /** Extra detail about the last invalid value that reveals nothing of it (identity numbers). */
  detail(): string | undefined;
  /** The loaded column with the first n rows. */
  finish(n: number): LoadedColumn;
  /** The first n rows packed (see PackedColumn). */
  pack(n: number): PackedColumn;
}

/** Float64Array grown by doubling. */
class F64 {
  arr: Float64Array;
  constructor(capacity: number) {
    this.arr = new Float64Array(Math.max(16, capacity));
  }
  set(n: number, v: number): void {
    this.arr = fit(this.arr, n);
    this.arr[n] = v;
  }
  finish(n: number): Float64Array {
    return n === this.arr.length ? this.arr : this.arr.slice(0, n);
  }
}


/**
 * The string cells of one column by row: dictionary codes (4 bytes a cell, one string object per
 * distinct value) while the distinct values are few, else a plain array (switched to when the
 * dictionary grows past 65 536 values and a quarter of the rows). Codes make a column cheap to
 * hand from a worker thread (issue 11 §2) and keep the loading memory small.
 */
class StringStore {
  private codes: Int32Array;
  private readonly dict: string[] = [];
  private readonly index = new Map<string, number>();
  /** Per code: 0 not yet checked, 1 holds no identity number, 2 holds one. */
  private identity = new Uint8Array(16);
  private plain: (string | null)[] | null = null;
  /** Rows written so far (one past the highest row). */
  private high = 0;

  constructor(capacity: number) {
    this.codes = new Int32Array(Math.max(16, capacity));
  }

  /**
   * Write row n; its dictionary code, or -1 (null, or the store is plain). v may be a slice of a
   * window of text: copied before it is kept, so it never keeps the window alive.
   */
  put(n: number, v: string | null): number {
    if (n >= this.high) this.high = n + 1;
    const plain = this.plain;
    if (plain !== null) {
      if (v === null) {
        plain[n] = v;
        return -1;
      }
      // Known values still share the dictionary's string.
      const k = this.index.get(v);
      plain[n] = k !== undefined ? this.dict[k] : detach(v);
      return -1;
    }
    this.codes = fit(this.codes, n);
    if (v === null) {
      this.codes[n] = -1;
      return -1;
    }
    let k = this.index.get(v);
    if (k === undefined) {
      if (this.dict.length >= 65_536 && this.dict.length * 4 > this.high) {
        this.toPlain();
        this.plain![n] = detach(v);
        return -1;
      }
      k = this.add(v);
    }
    this.codes[n] = k;
    return k;
  }

  private add(v: string): number {
    const k = this.dict.length;
    const own = detach(v);
    this.dict.push(own);
    this.index.set(own, k);
    return k;
  }

  /** Does the value of code k hold an identity number? Checked once per distinct value. */
  holdsIdentityNumber(k: number): boolean {
    this.identity = fit(this.identity, k);
    let f = this.identity[k];
    if (f === 0) f = this.identity[k] = cellHoldsIdentityNumber(this.dict[k]) ? 2 : 1;
    return f === 2;
  }

  /** The dictionary code of a value (adding it), or -1 once the store is plain: then use `put`. */
  codeOf(v: string): number {
    if (this.plain !== null) return -1;
    let k = this.index.get(v);
    if (k === undefined) {
      if (this.dict.length >= 65_536 && this.dict.length * 4 > this.high) return -1;
      k = this.add(v);
    }
    return k;
  }

  /**
   * Write rows `rows[i]` (ascending) as dictionary codes `byCode[code] - 1 >> 1` of their raw
   * codes, or null where the cell is missing (`missing[code] - 1` not PRESENT): see
   * ColumnBuilder.fillCoded.
   */
  fillCoded(rows: Int32Array, bases: Int32Array, count: number, codes: Int32Array, field: number, missing: Int8Array, byCode: Int32Array): void {
    if (count === 0) return;
    if (this.plain !== null) {
      for (let i = 0; i < count; i++) {
        const code = codes[bases[i] + field];
        if (missing[code] - 1 === PRESENT) this.putKnown(rows[i], (byCode[code] - 1) >> 1);
        else this.put(rows[i], null);
      }
      return;
    }
    const last = rows[count - 1];
    if (last >= this.high) this.high = last + 1;
    const out = (this.codes = fit(this.codes, last));
    for (let i = 0; i < count; i++) {
      const code = codes[bases[i] + field];
      out[rows[i]] = missing[code] - 1 === PRESENT ? (byCode[code] - 1) >> 1 : -1;
    }
  }

  /** Write row n as the value of dictionary code k (in a plain store, its string). */
  putKnown(n: number, k: number): void {
    if (this.plain !== null) {
      if (n >= this.high) this.high = n + 1;
      this.plain[n] = this.dict[k];
    } else {
      this.putCode(n, k);
    }
  }

  /** Write row n as a code from `codeOf` (dictionary mode only). */
  putCode(n: number, k: number): void {
    if (n >= this.high) this.high = n + 1;
    this.codes = fit(this.codes, n);
    this.codes[n] = k;
  }

  /** True once the store keeps a plain array. */
  get isPlain(): boolean {
    return this.plain !== null;
  }

  private toPlain(): void {
    const out = new Array<string | null>(this.high);
    for (let i = 0; i < this.high; i++) out[i] = this.codes[i] < 0 ? null : this.dict[this.codes[i]];
    this.plain = out;
    this.codes = new Int32Array(0);
  }

  finish(n: number): CodedStrings | (string | null)[] {
    if (this.plain !== null) {
      this.plain.length = n;
      return this.plain;
    }
    // The metrics read the column through these codes instead of coding the strings again.
    return new CodedStrings(this.codes.length === n ? this.codes : this.codes.slice(0, n), this.dict);
  }

  pack(n: number): PackedColumn {
    if (this.plain === null) return { type: "str", codes: firstRows(this.codes, n), dict: this.dict.slice() };
    const codes = new Int32Array(n);
    const dict: string[] = [];
    const index = new Map<string, number>();
    const data = this.plain;
    for (let i = 0; i < n; i++) {
      const v = data[i];
      if (v === null || v === undefined) {
        codes[i] = -1;
        continue;
      }
      let k = index.get(v);
      if (k === undefined) {
        k = dict.length;
        dict.push(v);
        index.set(v, k);
      }
      codes[i] = k;
    }
    return { type: "str", codes, dict };
  }
}

class NumberColumn implements ColumnBuilder {
  private readonly data: F64;
  private refused: NumberRefusal = NO_REFUSAL;
  constructor(
    capacity: number,
    private readonly parse: (s: string) => number,
    readonly kind: string,
    readonly expected: string,
    private readonly statusOut: StatusColumn | null,
  ) {
    this.data = new F64(capacity);
  }
  present(n: number, raw: string): Presence {
    const v = this.parse(raw);
    this.data.set(n, v);
    if (this.statusOut) this.statusOut.set(n, "ok");
    if (v !== v) {
      this.refused = lastRefusal();
      return INVALID;
    }
    return VALID;
  }
  presentCoded(n: number, code: number, raw: string): Presence {
    const known = this.known;
    if (code < known.length && known[code] === 1) {
      this.data.set(n, this.byCode[code]);
      if (this.statusOut) this.statusOut.set(n, "ok");
      return VALID;
    }
    const p = this.present(n, raw);
    if (p === VALID) {
      this.known = fit(known, code);
      this.byCode = fit(this.byCode, code);
      this.known[code] = 1;
      this.byCode[code] = this.data.arr[n];
    }
    return p;
  }
  /** Valid values by raw code (presentCoded): known[code] = 1 when byCode[code] holds one. */
  private known = new Uint8Array(0);
  private byCode = new Float64Array(0);
  memoized(code: number): boolean {
    return code < this.known.length && this.known[code] === 1;
  }
  fillCoded(rows: Int32Array, bases: Int32Array, count: number, codes: Int32Array, field: number, missing: Int8Array): void {
    if (count === 0) return;
    this.data.set(rows[count - 1], NaN);
    const arr = this.data.arr;
    const byCode = this.byCode;
    const status = this.statusOut;
    for (let i = 0; i < count; i++) {
      const code = codes[bases[i] + field];
      const mk = missing[code] - 1;
      arr[rows[i]] = mk === PRESENT ? byCode[code] : NaN;
      if (status !== null) status.set(rows[i], statusOf(mk as MissingKind));
    }
  }
  missing(n: number, kind: MissingKind): void {
    this.data.set(n, NaN);
    if (this.statusOut) this.statusOut.set(n, statusOf(kind));
  }
  setValue(n: number, v: number): void {
    this.data.set(n, v);
  }
  /** Why the last invalid value was refused, when it was for its separator (`1.000`). */
  detail(): string | undefined {
    return this.refused === NO_REFUSAL ? undefined : REFUSAL_TEXT[this.refused];
  }
  finish(n: number): Float64Array {
    return this.data.finish(n);
  }
  pack(n: number): PackedColumn {
    return { type: "f64", data: firstRows(this.data.arr, n) };
  }
}

/**
 * Strings (and the common base of the other text-valued columns: month, gender, code). Every
 * text cell is checked for an identity number; a value written exactly as its cell (nothing
 * trimmed or converted) is checked once per distinct value.
 */
class StringColumn implements ColumnBuilder {
  readonly kind: string = "string";
  readonly expected: string = "text";
  protected readonly data: StringStore;
  constructor(
    protected readonly statusOut: StatusColumn | null = null,
    capacity = 16,
  ) {
    this.data = new StringStore(capacity);
  }
  protected value(raw: string): string | null {
    return trimValue(raw);
  }
  present(n: number, raw: string): Presence {
    return this.write(n, raw, -1);
  }
  /** Write row n from its cell; a valid value's dictionary code is kept in the memo under the raw code `code` (when not -1). */
  private write(n: number, raw: string, code: number): Presence {
    const v = this.value(raw);
    const k = this.data.put(n, v);
    if (this.statusOut) this.statusOut.set(n, "ok");
    if (v === null) return INVALID;
    const holds = k >= 0 && v === raw ? this.data.holdsIdentityNumber(k) : cellHoldsIdentityNumber(raw);
    if (code !== -1 && k >= 0) {
      this.byCode = fit(this.byCode, code);
      this.byCode[code] = ((k << 1) | (holds ? 1 : 0)) + 1;
    }
    return holds ? HOLDS_IDENTITY_NUMBER : VALID;
  }
  /** By raw code: (dictionary code << 1 | holds an identity number) + 1; 0 = not yet seen as valid. */
  private byCode = new Int32Array(0);
  memoized(code: number): boolean {
    return code < this.byCode.length && this.byCode[code] !== 0 && ((this.byCode[code] - 1) & 1) === 0;
  }
  fillCoded(rows: Int32Array, bases: Int32Array, count: number, codes: Int32Array, field: number, missing: Int8Array): void {
    this.data.fillCoded(rows, bases, count, codes, field, missing, this.byCode);
    const status = this.statusOut;
    if (status !== null) for (let i = 0; i < count; i++) status.set(rows[i], statusOf((missing[codes[bases[i] + field]] - 1) as MissingKind));
  }

  presentCoded(n: number, code: number, raw: string): Presence {
    const byCode = this.byCode;
    const m = code < byCode.length ? byCode[code] : 0;
    if (m !== 0 && !this.data.isPlain) {
      this.data.putCode(n, (m - 1) >> 1);
      if (this.statusOut) this.statusOut.set(n, "ok");
      return ((m - 1) & 1) === 1 ? HOLDS_IDENTITY_NUMBER : VALID;
    }
    // (`write`, not `present`: a subclass's own `present` gives the same value, without the memo.)
    return this.write(n, raw, code);
  }
  missing(n: number, kind: MissingKind): void {
    this.data.put(n, null);
    if (this.statusOut) this.statusOut.set(n, statusOf(kind));
  }
  set(n: number, v: string | null): void {
    this.data.put(n, v);
  }
  detail(): string | undefined {
    return undefined;
  }
  finish(n: number): CodedStrings | (string | null)[] {
    return this.data.finish(n);
  }
  pack(n: number): PackedColumn {
    return this.data.pack(n);
  }
}

class MonthColumn extends StringColumn {
  override readonly kind = "month";
  override readonly expected = "a month (YYYY-MM, YYYYMM, YYYYMmm or a date)";
  protected override value(raw: string): string | null {
    return parseMonth(raw);
  }
}

/**
 * Memoised raw → value for low-cardinality columns. The memo also holds the value's dictionary
 * code, so a repeated cell costs one Map lookup.
 */
class MemoColumn extends StringColumn {
  private readonly memo = new Map<string, string | null>();
  private readonly memoCode = new Map<string, number>();
  constructor(
    readonly kind: string,
    readonly expected: string,
    private readonly convert: (raw: string) => string | null,
    statusOut: StatusColumn | null,
    capacity: number,
  ) {
    super(statusOut, capacity);
  }
  protected override value(raw: string): string | null {
    let v = this.memo.get(raw);
    if (v === undefined) {
      v = this.convert(raw);
      if (v !== null) v = detach(v);
      if (this.memo.size < 10_000) this.memo.set(detach(raw), v);
    }
    return v;
  }
  /**
   * Memo entries: (code << 1) | 1 when the cell holds an identity number (else | 0); -2 for a cell
   * that is no valid value.
   */
  override present(n: number, raw: string): Presence {
    const k = this.memoCode.get(raw);
    if (k !== undefined && !this.data.isPlain) {
      // A cell seen before whose value is valid (-2 marks an invalid one).
      if (k === -2) return super.present(n, raw);
      this.data.putCode(n, k >> 1);
      if (this.statusOut) this.statusOut.set(n, "ok");
      return (k & 1) === 1 ? HOLDS_IDENTITY_NUMBER : VALID;
    }
    const v = this.value(raw);
    if (v !== null && !this.data.isPlain && this.memoCode.size < 10_000) {
      const code = this.data.codeOf(v);
      if (code !== -1) {
        const holds = cellHoldsIdentityNumber(raw);
        this.memoCode.set(detach(raw), (code << 1) | (holds ? 1 : 0));
        this.data.putCode(n, code);
        if (this.statusOut) this.statusOut.set(n, "ok");
        return holds ? HOLDS_IDENTITY_NUMBER : VALID;
      }
    } else if (v === null && this.memoCode.size < 10_000) {
      this.memoCode.set(detach(raw), -2);
    }
    this.data.put(n, v);
    if (this.statusOut) this.statusOut.set(n, "ok");
    return v === null ? INVALID : cellHoldsIdentityNumber(raw) ? HOLDS_IDENTITY_NUMBER : VALID;
  }
}

/** Derived status column (`ok` / `suppressed` / `missing`), written by its target column. */
export class StatusColumn extends StringColumn {
  override readonly kind = "status";
}

/** Booleans, kept as Int8 codes while loading: 1, 0, -1 missing marker, -2 empty cell. */
class BooleanColumn implements ColumnBuilder {
  readonly kind = "boolean";
  readonly expected = "a yes/no value (ja/nej, j/n, 1/0, x/empty, true/false, sant/falskt)";
  private codes: Int8Array;
  private sawTick = false;
  constructor(capacity: number, private readonly statusOut: StatusColumn | null) {
    this.codes = new Int8Array(Math.max(16, capacity));
  }
  private put(n: number, v: number): void {
    this.codes = fit(this.codes, n);
    this.codes[n] = v;
  }
  present(n: number, raw: string): Presence {
    const v = parseBoolean(raw);
    if (v === TRUE && !this.sawTick && isTick(raw)) this.sawTick = true;
    this.put(n, v === TRUE ? 1 : v === FALSE ? 0 : -1);
    if (this.statusOut) this.statusOut.set(n, "ok");
    return v === -1 ? INVALID : VALID;
  }
  /** By raw code: 1 true, 2 false, 0 not yet seen as valid. */
  private byCode = new Int8Array(0);
  memoized(code: number): boolean {
    return code < this.byCode.length && this.byCode[code] !== 0;
  }
  fillCoded(rows: Int32Array, bases: Int32Array, count: number, codes: Int32Array, field: number, missing: Int8Array): void {
    if (count === 0) return;
    this.put(rows[count - 1], 0);
    const out = this.codes;
    const byCode = this.byCode;
    const status = this.statusOut;
    for (let i = 0; i < count; i++) {
      const code = codes[bases[i] + field];
      const mk = missing[code] - 1;
      out[rows[i]] = mk === PRESENT ? (byCode[code] === 1 ? 1 : 0) : mk === EMPTY ? -2 : -1;
      if (status !== null) status.set(rows[i], statusOf(mk as MissingKind));
    }
  }
  presentCoded(n: number, code: number, raw: string): Presence {
    const byCode = this.byCode;
    const m = code < byCode.length ? byCode[code] : 0;
    if (m !== 0) {
      // (A tick mark was seen when this value was first read.)
      this.put(n, m === 1 ? 1 : 0);
      if (this.statusOut) this.statusOut.set(n, "ok");
      return VALID;
    }
    const p = this.present(n, raw);
    if (p === VALID) {
      this.byCode = fit(byCode, code);
      this.byCode[code] = this.codes[n] === 1 ? 1 : 2;
    }
    return p;
  }
  missing(n: number, kind: MissingKind): void {
    this.put(n, kind === EMPTY ? -2 : -1);
    if (this.statusOut) this.statusOut.set(n, statusOf(kind));
  }
  detail(): undefined {
    return undefined;
  }
  /** In a column that uses the tick mark `x`, an empty cell means false. */
  finish(n: number): CodedBooleans {
    return new CodedBooleans(this.codes.length === n ? this.codes : this.codes.slice(0, n), this.sawTick);
  }
  pack(n: number): PackedColumn {
    return { type: "bool", codes: firstRows(this.codes, n), sawTick: this.sawTick };
  }
}

/**
 * Identity numbers → pseudonyms; also fills the columns derived from them. A row holds its
 * person's dense id (the pseudonymiser's `persons`, -1 = null): the pseudonyms are made once per
 * person when the column is finished, and a packed column carries ids and keys only, so a worker
 * thread never computes a pseudonym the merge would compute again.
 */
class PnrColumn implements ColumnBuilder {
  readonly kind = "pnr";
  readonly expected = "a personal identity number (YYYYMMDD-NNNN, YYMMDD-NNNN or YYYYMMDDNNNN)";
  private lastStatus: PnrStatus = PNR_OK;
  private codes: Int32Array;
  genderOut: StringColumn | null = null;
  birthYearOut: NumberColumn | null = null;
  constructor(
    capacity: number,
    private readonly pseudonyms: Pseudonymizer,
    private readonly referenceYear: number,
  ) {
    this.codes = new Int32Array(Math.max(16, capacity));
  }
  private put(n: number, id: number): void {
    this.codes = fit(this.codes, n);
    this.codes[n] = id;
  }
  present(n: number, raw: string): Presence {
    return this.read(n, raw, false);
  }
  /** `present`; `newRaw`: the raw value is new to this builder (`Pseudonymizer.idOfNew`). */
  private read(n: number, raw: string, newRaw: boolean): Presence {
    const status = parsePnr(raw, this.referenceYear);
    this.lastStatus = status;
    if (status !== PNR_OK) {
      this.missing(n);
      return INVALID;
    }
    this.put(n, newRaw ? this.pseudonyms.idOfNew(pnr.key) : this.pseudonyms.idOf(pnr.key));
    this.genderOut?.set(n, pnr.gender);
    this.birthYearOut?.setValue(n, pnr.birthYear);
    return VALID;
  }
  /** By raw code: the person's id + 1 (0 = not yet seen as valid), its gender and birth year. */
  private idByCode = new Int32Array(0);
  private genderByCode: string[] = [];
  private birthYearByCode = new Float64Array(0);
  memoized(code: number): boolean {
    return code < this.idByCode.length && this.idByCode[code] !== 0;
  }
  fillCoded(rows: Int32Array, bases: Int32Array, count: number, codes: Int32Array, field: number, missing: Int8Array): void {
    if (count === 0) return;
    this.put(rows[count - 1], -1);
    const out = this.codes;
    const ids = this.idByCode;
    for (let i = 0; i < count; i++) {
      const code = codes[bases[i] + field];
      out[rows[i]] = missing[code] - 1 === PRESENT ? ids[code] - 1 : -1;
    }
    const gender = this.genderOut;
    const birthYear = this.birthYearOut;
    if (gender === null && birthYear === null) return;
    for (let i = 0; i < count; i++) {
      const code = codes[bases[i] + field];
      const present = missing[code] - 1 === PRESENT;
      gender?.set(rows[i], present ? this.genderByCode[code] : null);
      birthYear?.setValue(rows[i], present ? this.birthYearByCode[code] : NaN);
    }
  }
  presentCoded(n: number, code: number, raw: string): Presence {
    const ids = this.idByCode;
    const m = code < ids.length ? ids[code] : 0;
    if (m !== 0) {
      this.put(n, m - 1);
      this.genderOut?.set(n, this.genderByCode[code]);
      this.birthYearOut?.setValue(n, this.birthYearByCode[code]);
      return VALID;
    }
    const p = this.read(n, raw, true);
    if (p === VALID) {
      this.idByCode = fit(ids, code);
      this.birthYearByCode = fit(this.birthYearByCode, code);
      this.idByCode[code] = this.codes[n] + 1;
      this.genderByCode[code] = pnr.gender;
      this.birthYearByCode[code] = pnr.birthYear;
    }
    return p;
  }
  missing(n: number): void {
    this.put(n, -1);
    this.genderOut?.set(n, null);
    this.birthYearOut?.setValue(n, NaN);
  }
  detail(): string {
    return `the value has ${PNR_STATUS_TEXT[this.lastStatus]}; it is personal and not shown`;
  }
  finish(n: number): CodedStrings {
    // Persons seen only in rows that were overwritten (quarantined) are dropped, and the rest
    // numbered by first appearance, when the column's codes are first read (CodedStrings).
    return new CodedStrings(this.codes.length === n ? this.codes : this.codes.slice(0, n), this.pseudonyms.all());
  }
  pack(n: number): PackedColumn {
    const pz = this.pseudonyms;
    return { type: "pnr", codes: firstRows(this.codes, n), keys: pz.eager ? null : pz.persons.keys() };
  }
}

/** Parsers and descriptions of the number-valued types, for a decimal separator. */
function numberParser(type: ValueType, decimal: DecimalSeparator): { parse: (s: string) => number; expected: string } | undefined {
  const point = decimal === ".";
  switch (type) {
    case "integer":
      return { parse: point ? (s) => parseInteger(s, ".") : parseInteger, expected: "an integer (1 234, -5)" };
    case "decimal":
      return point
        ? { parse: (s) => parseDecimal(s, "."), expected: "a number with a decimal point (12.5, 1 234.75, -0.5)" }
        : { parse: parseDecimal, expected: "a number (12,5, 1 234,75, -0,5)" };
    case "money":
      return point
        ? { parse: (s) => parseMoneyOre(s, "."), expected: "an amount in kronor with at most two decimals (1 234.50)" }
        : { parse: parseMoneyOre, expected: "an amount in kronor with at most two decimals (1 234,50)" };
    case "date":
      return { parse: parseDate, expected: "a date (YYYY-MM-DD or YYYYMMDD)" };
    default:
      return undefined;
  }
}

/** Code lookup of a `code` column: normalised spelling → code. */
function codeConverter(spec: ColumnSpec): { convert: (raw: string) => string | null; expected: string } {
  const codes = spec.codes;
  if (!codes) return { convert: (raw) => trimValue(raw), expected: "a code" };
  const lookup = new Map<string, string>();
  for (const [code, spellings] of Object.entries(codes)) {
    lookup.set(normaliseHeader(code), code);
    for (const s of spellings) if (!lookup.has(normaliseHeader(s))) lookup.set(normaliseHeader(s), code);
  }
  const list = Object.keys(codes);
  return {
    convert: (raw) => lookup.get(normaliseHeader(raw)) ?? null,
    expected: `one of ${list.length > 12 ? list.slice(0, 12).join(", ") + ", …" : list.join(", ")}`,
  };
}

export interface BuilderContext {
  capacity: number;
  /** Decimal separator of the export's numbers (default `,`). */
  decimal?: DecimalSeparator;
  referenceYear: number;
  pseudonyms: () => Pseudonymizer;
}

/** Create the builder of a field read from the file (or derived: pass statusOut for its status sibling). */
export function createBuilder(spec: ColumnSpec, ctx: BuilderContext, statusOut: StatusColumn | null): ColumnBuilder {
  const num = numberParser(spec.type, ctx.decimal ?? ",");
  if (num) return new NumberColumn(ctx.capacity, num.parse, spec.type, num.expected, statusOut);
  switch (spec.type) {
    case "string":
      return new StringColumn(statusOut, ctx.capacity);
    case "month":
      return new MonthColumn(statusOut, ctx.capacity);
    case "boolean":
      return new BooleanColumn(ctx.capacity, statusOut);
    case "gender":
      return new MemoColumn("gender", "a gender", parseGender, statusOut, ctx.capacity);
    case "code": {
      const c = codeConverter(spec);
      return new MemoColumn("code", c.expected, c.convert, statusOut, ctx.capacity);
    }
    case "pnr":
      return new PnrColumn(ctx.capacity, ctx.pseudonyms(), ctx.referenceYear);
    default:
      throw new Error(`unknown column type ${String(spec.type)}`);
  }
}

/** Connect a pnr column to the columns derived from it. */
export function deriveFromPnr(pnrCol: ColumnBuilder, target: ColumnBuilder, what: "gender" | "birthYear"): void {
  if (!(pnrCol instanceof PnrColumn)) throw new Error("deriveFromPnr needs a pnr column");
  if (what === "gender") {
    if (!(target instanceof StringColumn)) throw new Error("a gender derived from the identity number needs a text column (type gender or string)");
    pnrCol.genderOut = target;
  } else {
    if (!(target instanceof NumberColumn)) throw new Error("a birth year derived from the identity number needs a numeric column (type integer)");
    pnrCol.birthYearOut = target;
  }
}

/** A column of n missing values of the given type. */
export function missingColumn(type: ValueType, n: number): LoadedColumn {
  if (type === "integer" || type === "decimal" || type === "money" || type === "date") return new Float64Array(n).fill(NaN);
  return new Array(n).fill(null);
}

export { PRESENT };

/** For a `code` column: does the column take this cell as one of its codes? */
export function codeAccepts(spec: ColumnSpec): (raw: string) => boolean {
  const { convert } = codeConverter(spec);
  return (raw) => convert(raw) !== null;
}
