/**
 * The text and yes/no columns of a loaded table as the loader built them: integer codes, not an
 * array of a million strings or booleans (issue 11 §1, §3).
 *
 * arquero reads any column with `length`, `at(row)` and an iterator (its Arrow columns are read
 * the same way), so a loaded table holds these objects as they are. The metrics read the codes
 * (src/metrics/columns.ts); `toArray()` makes the plain array once, when a script asks for it
 * (`table.array(name)` and the loader's `columns` give the same values).
 */

/**
 * Strings by row: `dictionary[codes[i]]`, −1 is missing (null). The dictionary holds each value
 * once; a value may be held that no row has (a row the loader overwrote).
 */
export class CodedStrings {
  private array: (string | null)[] | null = null;
  constructor(
    readonly codes: Int32Array,
    readonly dictionary: readonly string[],
  ) {}

  get length(): number {
    return this.codes.length;
  }

  at(row: number): string | null {
    const c = this.codes[row];
    return c === undefined || c < 0 ? null : this.dictionary[c];
  }

  *[Symbol.iterator](): Iterator<string | null> {
    for (let i = 0; i < this.codes.length; i++) yield this.at(i);
  }

  /** The values as a plain array (made once, then shared: treat it as read-only). */
  toArray(): (string | null)[] {
    if (this.array !== null) return this.array;
    const codes = this.codes;
    const dict = this.dictionary;
    const out = new Array<string | null>(codes.length);
    for (let i = 0; i < codes.length; i++) out[i] = codes[i] < 0 ? null : dict[codes[i]];
    return (this.array = out);
  }
}

/** Yes/no codes of a loaded column: 1 yes, 0 no, −1 a missing marker, −2 an empty cell. */
export class CodedBooleans {
  private array: (boolean | null)[] | null = null;
  /** What an empty cell means: false in a column that ticks its yeses with `x`, else null. */
  readonly empty: false | null;
  constructor(
    readonly codes: Int8Array,
    sawTick: boolean,
  ) {
    this.empty = sawTick ? false : null;
  }

  get length(): number {
    return this.codes.length;
  }

  at(row: number): boolean | null {
    const c = this.codes[row];
    return c === 1 ? true : c === 0 ? false : c === -2 ? this.empty : null;
  }

  *[Symbol.iterator](): Iterator<boolean | null> {
    for (let i = 0; i < this.codes.length; i++) yield this.at(i);
  }

  /** The values as a plain array (made once, then shared: treat it as read-only). */
  toArray(): (boolean | null)[] {
    if (this.array !== null) return this.array;
    const out = new Array<boolean | null>(this.codes.length);
    for (let i = 0; i < out.length; i++) out[i] = this.at(i);
    return (this.array = out);
  }

  /** Per row 1 yes, 0 no, −1 missing (an empty cell read as the column reads it). */
  truth(): Int8Array {
    const out = new Int8Array(this.codes.length);
    const empty = this.empty === false ? 0 : -1;
    for (let i = 0; i < out.length; i++) {
      const c = this.codes[i];
      out[i] = c === -2 ? empty : c;
    }
    return out;
  }
}

/** A loaded column as a plain array (numbers stay their Float64Array). */
export function plainColumn(
  column: Float64Array | CodedStrings | (string | null)[] | CodedBooleans,
): Float64Array | (string | null)[] | (boolean | null)[] {
  return column instanceof CodedStrings || column instanceof CodedBooleans ? column.toArray() : column;
}
