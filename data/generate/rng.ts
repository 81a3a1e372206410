/**
 * A small seeded PRNG (sfc32, seeded through splitmix32) with the few distributions the sample
 * generator needs. Only integer and basic floating-point arithmetic (+ − × ÷, floor, round) is
 * used — no Math.random, no clock, no transcendental functions (Math.log, Math.exp, Math.cos may
 * differ in the last bit between engines) — so the same seed gives the same bytes everywhere.
 */

/** FNV-1a hash of a string (32 bits), to derive independent streams from labels. */
export function hashString(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

export class Rng {
  private a: number;
  private b: number;
  private c: number;
  private d: number;

  constructor(
    readonly seed: number,
    stream = 0,
  ) {
    let s = (seed ^ Math.imul(stream | 0, 0x9e3779b9)) | 0;
    const splitmix = (): number => {
      s = (s + 0x9e3779b9) | 0;
      let z = s;
      z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
      z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
      return (z ^ (z >>> 16)) >>> 0;
    };
    this.a = splitmix();
    this.b = splitmix();
    this.c = splitmix();
    this.d = splitmix();
    for (let i = 0; i < 12; i++) this.u32();
  }

  /** An independent stream for a named part of the data (adding a draw elsewhere does not shift it). */
  fork(label: string): Rng {
    return new Rng(this.seed, hashString(label));
  }

  /** Next 32-bit unsigned integer (sfc32). */
  u32(): number {
    const t = (((this.a + this.b) | 0) + this.d) | 0;
    this.d = (this.d + 1) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.c = (this.c + t) | 0;
    return t >>> 0;
  }

  /** Uniform in [0, 1). */
  next(): number {
    return this.u32() / 4294967296;
  }

  /** Uniform integer in [lo, hi] (inclusive). */
  int(lo: number, hi: number): number {
    return lo + Math.floor(this.next() * (hi - lo + 1));
  }

  /** Uniform real in [lo, hi). */
  real(lo: number, hi: number): number {
    return lo + this.next() * (hi - lo);
  }

  chance(p: number): boolean {
    return this.next() < p;
  }

  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)];
  }

  /** One key of `weights`, with probability proportional to its weight (keys in insertion order). */
  weighted<K extends string>(weights: Readonly<Record<K, number>>): K {
    const keys = Object.keys(weights) as K[];
    let total = 0;
    for (const k of keys) total += weights[k];
    let x = this.next() * total;
    for (const k of keys) {
      x -= weights[k];
      if (x < 0) return k;
    }
    return keys[keys.length - 1];
  }

  /** Approximately normal (Irwin–Hall, four uniforms): mean, standard deviation. */
  normal(mean: number, sd: number): number {
    const s = this.next() + this.next() + this.next() + this.next() - 2;
    return mean + s * 1.7320508075688772 * sd;
  }

  /** A count around `mean` (rounded normal, never negative). */
  count(mean: number, relSd = 0.15): number {
    if (mean <= 0) return 0;
    const sd = Math.max(relSd * mean, mean < 4 ? 0.8 : 0);
    return Math.max(0, Math.round(this.normal(mean, sd)));
  }
}
