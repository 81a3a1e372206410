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
 * Strings by row: `dictionary[codes[i]]`, −1 is missing (null). The loader may hand over a
 * dictionary that also holds values no row has (a row it overwrote: a quarantined row, whose
 * text may even hold an identity number); `codes` and `dictionary` are read through a compaction
 * that drops them and numbers the values in order of first appearance (done once, on first use,
 * usually a single pass that changes nothing), so a script that lists the dictionary sees only the
 * table's values.
 */
export class CodedStrings {
  private array: (string | null)[] | null = null;
  private compacted: boolean;
  /**
   * `ordered`: the maker knows that the codes are in order of first appearance and that every
   * value of the dictionary is held by some row (the compaction would change nothing).
   */
  constructor(
    private rawCodes: Int32Array,
    private rawDictionary: readonly string[],
    ordered = false,
  ) {
    this.compacted = ordered;
  }

  get length(): number {
    return this.rawCodes.length;
  }

  /** Per row the code of its value in `dictionary` (−1: missing), in order of first appearance. */
  get codes(): Int32Array {
    this.compact();
    return this.rawCodes;
  }

  /** The distinct values of the column, each held by some row, in order of first appearance. */
  get dictionary(): readonly string[] {
    this.compact();
    return this.rawDictionary;
  }

  at(row: number): string | null {
    const c = this.rawCodes[row];
    return c >= 0 ? this.rawDictionary[c] : null; // also null beyond the last row (c undefined)
  }

  *[Symbol.iterator](): Iterator<string | null> {
    for (let i = 0; i < this.rawCodes.length; i++) yield this.at(i);
  }

  /** The values as a plain array (made once, then shared: treat it as read-only). */
  toArray(): (string | null)[] {
    if (this.array !== null) return this.array;
    const codes = this.rawCodes;
    const dict = this.rawDictionary;
    const out = new Array<string | null>(codes.length);
    for (let i = 0; i < codes.length; i++) out[i] = codes[i] < 0 ? null : dict[codes[i]];
    return (this.array = out);
  }

  private compact(): void {
    if (this.compacted) return;
    this.compacted = true;
    const codes = this.rawCodes;
    const dict = this.rawDictionary;
    let next = 0;
    let ordered = true;
    for (let i = 0; i < codes.length; i++) {
      const c = codes[i];
      if (c === next) next++;
      else if (c > next || c < -1) {
        ordered = false;
        break;
      }
    }
    if (ordered && next === dict.length) return;
    const remap = new Int32Array(dict.length).fill(-1);
    const values: string[] = [];
    const out = new Int32Array(codes.length);
    for (let i = 0; i < codes.length; i++) {
      const c = codes[i];
      if (c < 0) {
        out[i] = -1;
        continue;
      }
      let r = remap[c];
      if (r < 0) r = remap[c] = values.push(dict[c]) - 1;
      out[i] = r;
    }
    this.rawCodes = out;
    this.rawDictionary = values;
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
