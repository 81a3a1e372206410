/**
 * Rounding of öre amounts to kr / tkr / mnkr as a controller prints them, and rounding of
 * ratios. Rounding is half away from zero (13,25 → 13,3; −13,25 → −13,3), done on integers so
 * no binary-float artefacts appear.
 */

export type MoneyUnit = "kr" | "tkr" | "mnkr";

/** Öre per unit. */
export const ORE_PER: Record<MoneyUnit, number> = { kr: 100, tkr: 100_000, mnkr: 100_000_000 };

/** Öre in one step of the last printed decimal, e.g. mnkr with 1 decimal = 10 000 000 öre. */
function stepOre(unit: MoneyUnit, decimals: number): number {
  if (!Number.isInteger(decimals) || decimals < 0) throw new RangeError("decimals must be a non-negative integer");
  const step = ORE_PER[unit] / 10 ** decimals;
  if (!Number.isInteger(step)) throw new RangeError(`${decimals} decimals of ${unit} is finer than one öre`);
  return step;
}

function checkOre(v: number): void {
  if (!Number.isSafeInteger(v)) throw new RangeError("amounts must be whole öre (safe integers)");
}

/** Integer division rounded half away from zero. */
function divRound(n: number, d: number): number {
  const q = Math.trunc(n / d);
  const r = n - q * d;
  // `+ 0` turns −0 into 0
  if (2 * Math.abs(r) >= d) return q + Math.sign(n) + 0;
  return q + 0;
}

/**
 * Round one amount in öre to a unit.
 * @example roundAmount(1_328_123_456, "mnkr", 1) // 13.3
 */
export function roundAmount(ore: number, unit: MoneyUnit, decimals: number): number {
  checkOre(ore);
  return divRound(ore, stepOre(unit, decimals)) / 10 ** decimals;
}

/**
 * Round parts and their total so that the printed parts add up to the printed total
 * (largest-remainder method, Hare–Niemeyer).
 *
 * The total is the exact sum rounded half away from zero. Each part is first rounded down to the
 * printed step; the steps still missing to reach the total go to the parts with the largest
 * remainders (ties: the earlier part). Each part then differs from its exact value by less than
 * one step.
 *
 * @param valuesInOre whole öre (may be negative).
 * @param unit `"kr"`, `"tkr"` or `"mnkr"`.
 * @param decimals printed decimals (the step must be at least one öre).
 * @returns `{ parts, total }` in the unit, e.g. mnkr with one decimal.
 * @example roundParts([450_000_000, 450_000_000, 100_000_000], "mnkr", 0) // parts [5, 4, 1], total 10
 */
export function roundParts(
  valuesInOre: readonly number[],
  unit: MoneyUnit,
  decimals: number,
): { parts: number[]; total: number } {
  const step = stepOre(unit, decimals);
  let sum = 0;
  for (const v of valuesInOre) {
    checkOre(v);
    sum += v;
  }
  checkOre(sum);
  const target = divRound(sum, step);
  const floors = valuesInOre.map((v) => Math.floor(v / step));
  const rems = valuesInOre.map((v, i) => v - floors[i] * step);
  let missing = target - floors.reduce((a, b) => a + b, 0);
  const order = rems.map((r, i) => [r, i] as const).sort((a, b) => b[0] - a[0] || a[1] - b[1]);
  const steps = [...floors];
  for (const [, i] of order) {
    if (missing <= 0) break;
    steps[i] += 1;
    missing -= 1;
  }
  const scale = 10 ** decimals;
  return { parts: steps.map((s) => s / scale + 0), total: target / scale + 0 };
}

/**
 * Round a ratio half away from zero to `decimals` (e.g. 380 / 23 = 16,52… → 16,5). Works on the
 * value's 15 significant digits, so float noise does not flip a printed half (2.675 → 2.68).
 */
export function roundRatio(value: number, decimals: number): number {
  if (!Number.isFinite(value)) return value;
  const [m, e] = Math.abs(value).toExponential(14).split("e");
  const r = Math.round(Number(`${m}e${Number(e) + decimals}`));
  return Math.sign(value) * Number(`${r}e${-decimals}`) + 0;
}

/**
 * `numOre / den` rounded half away from zero to whole kronor, returned in öre
 * (169 400 000 öre / 60 places → 2 823 300 öre = 28 233 kr). Exact for integer inputs.
 */
export function divToWholeKr(numOre: number, den: number): number | null {
  if (!Number.isFinite(numOre) || !Number.isFinite(den) || den === 0) return null;
  if (Number.isSafeInteger(numOre) && Number.isSafeInteger(den)) {
    const d = den < 0 ? -den * 100 : den * 100;
    const n = den < 0 ? -numOre : numOre;
    return divRound(n, d) * 100 + 0;
  }
  return roundRatio(numOre / den / 100, 0) * 100 + 0;
}

/**
 * Percentages of counts rounded so that they add up to exactly 100 (largest remainder; ties go to
 * the earlier part), as a controller prints a split: 13 women and 12 men → [52, 48].
 * @param counts non-negative integers; all zero gives all null.
 * @param decimals printed decimals (default 0).
 * @example roundPercents([13, 12]) // [52, 48]
 */
export function roundPercents(counts: readonly number[], decimals = 0): (number | null)[] {
  if (!Number.isInteger(decimals) || decimals < 0 || decimals > 6) throw new RangeError("decimals must be an integer 0–6");
  for (const c of counts) if (!Number.isSafeInteger(c) || c < 0) throw new RangeError("counts must be non-negative integers");
  const total = counts.reduce((a, b) => a + b, 0);
  if (total === 0) return counts.map(() => null);
  const scale = 10 ** decimals;
  const steps = 100 * scale;
  // exact: count × steps / total as integer quotient and remainder
  const floors = counts.map((c) => Math.floor((c * steps) / total));
  const rems = counts.map((c, i) => c * steps - floors[i] * total);
  let missing = steps - floors.reduce((a, b) => a + b, 0);
  const order = rems.map((r, i) => [r, i] as const).sort((a, b) => b[0] - a[0] || a[1] - b[1]);
  const out = [...floors];
  for (const [r, i] of order) {
    if (missing <= 0 || r === 0) break;
    out[i] += 1;
    missing -= 1;
  }
  return out.map((s) => s / scale);
}
