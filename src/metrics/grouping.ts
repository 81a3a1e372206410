/**
 * Grouping on integer codes and the gender long form built from typed counters.
 *
 * A group key is a tuple of small integers (dictionary codes of string columns, or indexes such
 * as an age band); {@link GroupIndex} turns it into a dense group number with one numeric lookup,
 * never a string key. {@link Tally} adds counts per group, gender part and measure in typed
 * arrays; {@link countUnique} counts each person once per group in linear time (rows bucketed by
 * group, then a stamp per person). Decoded keys are only built for the output rows.
 */
import type { Coded } from "./columns.ts";
import { GENDER_PARTS, type GenderPart } from "./gender.ts";
import { compareKeys } from "./util.ts";

/** Gender part codes: 0 = K, 1 = M, 2 = X. */
export const K = 0;
export const M = 1;
export const X = 2;

/** One gender part per person id, independent of row order (the rule of `personGenders`). */
export function personGenderCodes(personIds: Int32Array, persons: number, gender: Coded): Uint8Array {
  const isK = gender.values.indexOf("K");
  const isM = gender.values.indexOf("M");
  // bit 1: some row says K, bit 2: some row says M
  const bits = new Uint8Array(persons);
  const g = gender.codes;
  for (let i = 0; i < personIds.length; i++) {
    const p = personIds[i];
    if (p < 0) continue;
    const c = g[i];
    if (c < 0) continue;
    if (c === isK) bits[p] |= 1;
    else if (c === isM) bits[p] |= 2;
  }
  for (let p = 0; p < persons; p++) bits[p] = bits[p] === 1 ? K : bits[p] === 2 ? M : X;
  return bits;
}

/** A dimension of a group key: its decoded values by code (code −1 decodes to null). */
export type Dimension = readonly unknown[];

/** Dense group numbers for tuples of codes (each code −1 … size−1). */
export class GroupIndex {
  private readonly radix: number[];
  private readonly direct: Int32Array | null;
  private readonly map: Map<number, number> | null;
  /** Codes of each group, `dims.length` per group. */
  private codes: Int32Array = new Int32Array(64);
  size = 0;

  constructor(readonly dims: readonly Dimension[]) {
    this.radix = dims.map((d) => d.length + 1);
    const space = this.radix.reduce((a, b) => a * b, 1);
    // a direct table when the key space is small, else a map on one number (exact below 2^53)
    this.direct = space <= 1 << 20 ? new Int32Array(space).fill(-1) : null;
    this.map = this.direct ? null : new Map();
    if (space > Number.MAX_SAFE_INTEGER) throw new RangeError("too many distinct group keys");
  }

  private flat(codes: ArrayLike<number>): number {
    let k = 0;
    for (let j = this.radix.length - 1; j >= 0; j--) k = k * this.radix[j] + codes[j] + 1;
    return k;
  }

  /** The group of a key tuple, created when new. */
  of(codes: ArrayLike<number>): number {
    const k = this.flat(codes);
    let g = this.direct ? this.direct[k] : (this.map!.get(k) ?? -1);
    if (g < 0) {
      g = this.size++;
      const w = this.dims.length;
      if (this.size * w > this.codes.length) {
        const next = new Int32Array(Math.max(64, this.codes.length * 2, this.size * w));
        next.set(this.codes);
        this.codes = next;
      }
      for (let j = 0; j < w; j++) this.codes[g * w + j] = codes[j];
      if (this.direct) this.direct[k] = g;
      else this.map!.set(k, g);
    }
    return g;
  }

  /** Decoded key values of a group. */
  keys(g: number): unknown[] {
    const w = this.dims.length;
    const out = new Array<unknown>(w);
    for (let j = 0; j < w; j++) {
      const c = this.codes[g * w + j];
      out[j] = c < 0 ? null : this.dims[j][c];
    }
    return out;
  }
}

/** Counts per group × gender part × measure in typed arrays. */
export class Tally {
  private data: Float64Array[];
  constructor(readonly measures: readonly string[]) {
    this.data = measures.map(() => new Float64Array(3 * 64));
  }
  /** Make room for `groups` groups. */
  reserve(groups: number): void {
    for (let m = 0; m < this.data.length; m++) {
      const a = this.data[m];
      if (a.length >= groups * 3) continue;
      const next = new Float64Array(Math.max(a.length * 2, groups * 3));
      next.set(a);
      this.data[m] = next;
    }
  }
  add(measure: number, group: number, gender: number, n = 1): void {
    const a = this.data[measure];
    const j = group * 3 + gender;
    if (j >= a.length) {
      this.reserve(group + 1);
      this.data[measure][j] += n;
    } else a[j] += n;
  }
  get(measure: number, group: number, gender: number): number {
    const a = this.data[measure];
    const j = group * 3 + gender;
    return j < a.length ? a[j] : 0;
  }
}

/** Rows ordered by group: `order[offsets[g]] … order[offsets[g + 1] − 1]` are group g's rows. */
export interface Buckets {
  offsets: Int32Array;
  order: Int32Array;
}

/** Counting sort of the rows with `groupOf[i] >= 0` by group (linear). */
export function bucketRows(groupOf: Int32Array, groups: number): Buckets {
  const offsets = new Int32Array(groups + 1);
  for (let i = 0; i < groupOf.length; i++) if (groupOf[i] >= 0) offsets[groupOf[i] + 1]++;
  for (let g = 0; g < groups; g++) offsets[g + 1] += offsets[g];
  const order = new Int32Array(offsets[groups]);
  const fill = offsets.slice(0, groups);
  for (let i = 0; i < groupOf.length; i++) {
    const g = groupOf[i];
    if (g >= 0) order[fill[g]++] = i;
  }
  return { offsets, order };
}

/** Largest person × group × measure bit set `countUnique` makes (16 MiB); beyond it, it buckets the rows. */
export const UNIQUE_BITS_MAX = 1 << 27;

/**
 * Count each person once per group (`groupOf[i]`, −1 = no group, groups 0 … groups − 1) for
 * every measure bit set in `mask[i]` (bit b → measure `measures[b]` of the tally). Linear, one
 * pass over the rows with a bit per person, group and measure (when they fit `bitsMax`), else
 * over the rows sorted by group with a stamp per person and measure.
 */
export function countUnique(
  groupOf: Int32Array,
  groups: number,
  mask: Uint8Array,
  personIds: Int32Array,
  personGender: Uint8Array,
  tally: Tally,
  measures: readonly number[],
  bitsMax = UNIQUE_BITS_MAX,
): void {
  const persons = personGender.length;
  if (persons * groups * measures.length <= bitsMax) {
    // seen[b]: bit p × groups + g is set once person p has been counted in group g.
    const seen = measures.map(() => new Uint8Array(Math.ceil((persons * groups) / 8)));
    for (let i = 0; i < groupOf.length; i++) {
      const g = groupOf[i];
      const bits = mask[i];
      if (g < 0 || bits === 0) continue;
      const p = personIds[i];
      if (p < 0) continue;
      const at = p * groups + g;
      const byte = at >>> 3;
      const bit = 1 << (at & 7);
      for (let b = 0; b < measures.length; b++) {
        if ((bits & (1 << b)) === 0) continue;
        const s = seen[b];
        if ((s[byte] & bit) !== 0) continue;
        s[byte] |= bit;
        tally.add(measures[b], g, personGender[p]);
      }
    }
    return;
  }
  const stamps = measures.map(() => new Int32Array(persons).fill(-1));
  const { offsets, order } = bucketRows(groupOf, groups);
  for (let g = 0; g + 1 < offsets.length; g++) {
    for (let k = offsets[g]; k < offsets[g + 1]; k++) {
      const i = order[k];
      const bits = mask[i];
      if (bits === 0) continue;
      const p = personIds[i];
      if (p < 0) continue;
      for (let b = 0; b < measures.length; b++) {
        if ((bits & (1 << b)) === 0) continue;
        const s = stamps[b];
        if (s[p] === g) continue;
        s[p] = g;
        tally.add(measures[b], g, personGender[p]);
      }
    }
  }
}

/**
 * The long form: per group (sorted by decoded keys), rows K, M, X and T (T = K + M + X), or only
 * T with `genderSplit: false`. `extraGroups` adds groups by decoded keys with all measures 0 when
 * they are not there yet (e.g. catalogue programmes without enrolments).
 */
export function longRows(
  index: GroupIndex,
  keyNames: readonly string[],
  tally: Tally,
  genderSplit = true,
  extraGroups: readonly unknown[][] = [],
): Record<string, unknown>[] {
  const groups: { keys: unknown[]; g: number }[] = [];
  for (let g = 0; g < index.size; g++) groups.push({ keys: index.keys(g), g });
  const seen = new Set(groups.map((x) => JSON.stringify(x.keys)));
  for (const keys of extraGroups) {
    const s = JSON.stringify(keys);
    if (!seen.has(s)) {
      seen.add(s);
      groups.push({ keys, g: -1 });
    }
  }
  groups.sort((a, b) => compareKeys(a.keys, b.keys));
  const out: Record<string, unknown>[] = [];
  for (const { keys, g } of groups) {
    const total: Record<string, unknown> = {};
    keyNames.forEach((k, j) => (total[k] = keys[j]));
    total.gender = "T";
    for (const m of tally.measures) total[m] = 0;
    GENDER_PARTS.forEach((gp: GenderPart, gi) => {
      const row: Record<string, unknown> = {};
      keyNames.forEach((k, j) => (row[k] = keys[j]));
      row.gender = gp;
      tally.measures.forEach((m, mi) => {
        const v = g < 0 ? 0 : tally.get(mi, g, gi);
        row[m] = v;
        (total[m] as number) += v;
      });
      if (genderSplit) out.push(row);
    });
    out.push(total);
  }
  return out;
}
