/**
 * Budget deviation and forecast (Västerås 002 §67). All amounts are whole öre and all sums are
 * exact integer sums.
 *
 * Amounts are shown as **net cost**: cost accounts count positive, revenue accounts (default:
 * account starting with "3") negative. Then every deviation is budget − outcome of net cost, which
 * is the sign rule of DOMAIN.md (costs: budget − outcome; revenues: outcome − budget): positive
 * is better than budget.
 */
import type { ColumnTable } from "./util.ts";
import { compareKeys, keyOf, monthMs, numCol, strCol, toTable } from "./util.ts";
import { codeMap, coded, numbers } from "./columns.ts";
import { GroupIndex, Tally } from "./grouping.ts";

export type LedgerKey = "unit" | "activity" | "account";

export interface BudgetOptions {
  /** Last month of the period "YYYY-MM"; the period runs from January of that year. */
  period: string;
  by: LedgerKey[];
  /** `forecastMonth`, the `by` columns, optional `account`, `forecast` (full-year outcome, öre).
   *  Rows without an account are net cost. */
  forecasts?: ColumnTable;
  /** The year's budget instead of the ledger's monthly budget: the `by` columns, optional
   *  `account`, `budget` (öre for the whole year). Periodised linearly or by `key`. */
  annualBudget?: ColumnTable;
  /** Twelve monthly weights for periodising `annualBudget` (default equal weights). */
  key?: number[];
  /** Which accounts are revenues (default: starts with "3"). */
  revenueAccount?: (account: string) => boolean;
}

export interface BudgetDeviation {
  /** One row per group, sorted by the `by` keys. */
  groups: ColumnTable;
  /** One row, same columns (keys null), each money column the exact sum of the groups. */
  total: ColumnTable;
  /** The forecast month used (latest ≤ period in the same year), or null. */
  forecastMonth: string | null;
  /** The forecast month before it, or null. */
  previousForecastMonth: string | null;
}

const MONEY = ["budgetPeriod", "outcomePeriod", "deviationPeriod", "budgetYear", "forecast", "deviationForecast", "previousForecast", "forecastChange"] as const;

const defaultRevenue = (a: string) => a.startsWith("3");

function signOf(account: string | null, isRevenue: (a: string) => boolean): number {
  return account !== null && isRevenue(account) ? -1 : 1;
}

function requireColumns(t: ColumnTable, by: readonly string[], what: string): void {
  const missing = by.filter((k) => !t.columnNames().includes(k));
  if (missing.length) throw new RangeError(`${what} lacks the grouping column(s) ${missing.join(", ")}`);
}

/** Periodised share of an annual amount after `months` months, rounded half away from zero. */
function periodise(annual: number, months: number, key: readonly number[]): number {
  const total = key.reduce((a, b) => a + b, 0);
  const cum = key.slice(0, months).reduce((a, b) => a + b, 0);
  return Math.sign(annual) * Math.round((Math.abs(annual) * cum) / total) + 0;
}

/**
 * Budget deviation for January..`period` and the full-year forecast, per group.
 * @param ledger `period` "YYYY-MM", `unit`, `activity`, `account`, `budget`, `outcome` (öre; NaN = 0).
 * @returns `{ groups, total, forecastMonth, previousForecastMonth }`; table columns: the `by` keys,
 *   `budgetPeriod`, `outcomePeriod` (net cost Jan..period), `deviationPeriod` = budgetPeriod −
 *   outcomePeriod, `budgetYear` (net cost, whole year), `forecast` (net cost of the latest forecast),
 *   `deviationForecast` = budgetYear − forecast, `previousForecast` (net cost of the forecast month
 *   before), `forecastChange` = deviationForecast − (budgetYear − previousForecast). Forecast
 *   columns are null without forecasts (or without a forecast month); a group without forecast
 *   rows in that month has forecast 0.
 * @example budgetDeviation(ledger, { period: "2023-04", by: ["unit"], forecasts })
 */
export function budgetDeviation(ledger: ColumnTable, opts: BudgetOptions): BudgetDeviation {
  const [first] = monthMs(opts.period);
  const year = opts.period.slice(0, 4);
  const monthNo = new Date(first).getUTCMonth() + 1;
  const isRev = opts.revenueAccount ?? defaultRevenue;
  const key = opts.key ?? new Array(12).fill(1);
  if (key.length !== 12 || key.some((w) => !(w >= 0)) || !(key.reduce((a, b) => a + b, 0) > 0))
    throw new RangeError("key must be 12 non-negative weights with a positive sum");
  const groups = new Map<string, { keys: (string | null)[]; v: Record<string, number> }>();
  const add = (keys: (string | null)[], measure: string, amount: number) => {
    const k = keyOf(keys);
    let g = groups.get(k);
    if (!g) groups.set(k, (g = { keys, v: { budgetPeriod: 0, outcomePeriod: 0, budgetYear: 0, forecast: 0, previousForecast: 0 } }));
    if (Number.isFinite(amount)) g.v[measure] += amount;
  };
  const keysOf = (cols: (string | null)[][], i: number) => cols.map((c) => c[i]);

  // the ledger on dictionary codes: per distinct period and account once, per row only integers
  const lp = coded(ledger, "period");
  const lk = opts.by.map((b) => coded(ledger, b));
  const la = coded(ledger, "account");
  const lb = numbers(ledger, "budget");
  const lo = numbers(ledger, "outcome");
  const periodState = codeMap(lp, (p) => (p.slice(0, 4) !== year ? 0 : p <= opts.period ? 2 : 1)); // 0 other year, 1 later, 2 in period
  const accountSign = codeMap(la, (a) => signOf(a, isRev));
  const noAccountSign = signOf(null, isRev);
  const index = new GroupIndex(lk.map((c) => c.values));
  const sums = new Tally(["outcomePeriod", "budgetYear", "budgetPeriod"]);
  const gkey = new Int32Array(lk.length);
  for (let i = 0; i < lp.codes.length; i++) {
    const pc = lp.codes[i];
    if (pc < 0 || periodState[pc] === 0) continue;
    const ac = la.codes[i];
    const s = ac < 0 ? noAccountSign : accountSign[ac];
    for (let j = 0; j < lk.length; j++) gkey[j] = lk[j].codes[i];
    const g = index.of(gkey);
    const inPeriod = periodState[pc] === 2;
    if (inPeriod && lo[i] === lo[i]) sums.add(0, g, 0, s * lo[i]);
    if (!opts.annualBudget && lb[i] === lb[i]) {
      sums.add(1, g, 0, s * lb[i]);
      if (inPeriod) sums.add(2, g, 0, s * lb[i]);
    }
  }
  for (let g = 0; g < index.size; g++) {
    const keys = index.keys(g) as (string | null)[];
    add(keys, "outcomePeriod", sums.get(0, g, 0));
    add(keys, "budgetYear", sums.get(1, g, 0));
    add(keys, "budgetPeriod", sums.get(2, g, 0));
  }
  if (opts.annualBudget) {
    const ab = opts.annualBudget;
    requireColumns(ab, opts.by, "annualBudget");
    const ak = opts.by.map((b) => strCol(ab, b));
    const aa = strCol(ab, "account");
    const av = numCol(ab, "budget");
    for (let i = 0; i < av.length; i++) {
      if (!Number.isFinite(av[i])) continue;
      const s = signOf(aa[i], isRev);
      add(keysOf(ak, i), "budgetYear", s * av[i]);
      add(keysOf(ak, i), "budgetPeriod", s * periodise(av[i], monthNo, key));
    }
  }
  let fm: string | null = null;
  let pm: string | null = null;
  if (opts.forecasts) {
    const f = opts.forecasts;
    requireColumns(f, opts.by, "forecasts");
    const months = strCol(f, "forecastMonth");
    const cand = [...new Set(months.filter((m): m is string => m !== null && m.slice(0, 4) === year && m <= opts.period))].sort();
    fm = cand.at(-1) ?? null;
    pm = cand.at(-2) ?? null;
    const fk = opts.by.map((b) => strCol(f, b));
    const fa = strCol(f, "account");
    const fv = numCol(f, "forecast");
    for (let i = 0; i < months.length; i++) {
      const m = months[i];
      if (m === null || (m !== fm && m !== pm)) continue;
      add(keysOf(fk, i), m === fm ? "forecast" : "previousForecast", signOf(fa[i], isRev) * fv[i]);
    }
  }
  const rowOf = (keys: (string | null)[], v: Record<string, number>) => {
    const r: Record<string, unknown> = {};
    opts.by.forEach((b, j) => (r[b] = keys[j]));
    r.budgetPeriod = v.budgetPeriod;
    r.outcomePeriod = v.outcomePeriod;
    r.deviationPeriod = v.budgetPeriod - v.outcomePeriod;
    r.budgetYear = v.budgetYear;
    r.forecast = fm === null ? null : v.forecast;
    r.deviationForecast = fm === null ? null : v.budgetYear - v.forecast;
    r.previousForecast = pm === null ? null : v.previousForecast;
    r.forecastChange = pm === null ? null : v.previousForecast - v.forecast;
    return r;
  };
  const sorted = [...groups.values()].sort((a, b) => compareKeys(a.keys, b.keys));
  const totals: Record<string, number> = { budgetPeriod: 0, outcomePeriod: 0, budgetYear: 0, forecast: 0, previousForecast: 0 };
  for (const g of sorted) for (const m of Object.keys(totals)) totals[m] += g.v[m];
  const columns = [...opts.by, ...MONEY];
  return {
    groups: toTable(sorted.map((g) => rowOf(g.keys, g.v)), columns),
    total: toTable([rowOf(opts.by.map(() => null), totals)], columns),
    forecastMonth: fm,
    previousForecastMonth: pm,
  };
}

/**
 * Monthly and cumulative budget and outcome (net cost) for a year, for a burn-up chart.
 * @param ledger as for {@link budgetDeviation}.
 * @param opts `year`, optional `revenueAccount`.
 * @returns columns: `month` (all twelve, "YYYY-01".."YYYY-12"; no rows when the ledger has none
 *   in the year), `budget`, `outcome` (net cost,
 *   öre; null for a month where no ledger row has a value), `budgetCumulative`,
 *   `outcomeCumulative` (running sums; null where the month's value is null).
 * @example monthlyCumulative(ledger, { year: 2023 })
 */
export function monthlyCumulative(
  ledger: ColumnTable,
  opts: { year: number; revenueAccount?: (account: string) => boolean },
): ColumnTable {
  const isRev = opts.revenueAccount ?? defaultRevenue;
  const months = Array.from({ length: 12 }, (_, i) => `${opts.year}-${String(i + 1).padStart(2, "0")}`);
  const b = new Map<string, number>();
  const o = new Map<string, number>();
  const lp = coded(ledger, "period");
  const la = coded(ledger, "account");
  const lb = numbers(ledger, "budget");
  const lo = numbers(ledger, "outcome");
  const monthIndex = codeMap(lp, (m) => months.indexOf(m));
  const accountSign = codeMap(la, (a) => signOf(a, isRev));
  const noAccountSign = signOf(null, isRev);
  const budget = new Float64Array(12);
  const outcome = new Float64Array(12);
  const hasB = new Uint8Array(12);
  const hasO = new Uint8Array(12);
  for (let i = 0; i < lp.codes.length; i++) {
    const pc = lp.codes[i];
    const m = pc < 0 ? -1 : monthIndex[pc];
    if (m < 0) continue;
    const s = la.codes[i] < 0 ? noAccountSign : accountSign[la.codes[i]];
    if (lb[i] === lb[i]) {
      budget[m] += s * lb[i];
      hasB[m] = 1;
    }
    if (lo[i] === lo[i]) {
      outcome[m] += s * lo[i];
      hasO[m] = 1;
    }
  }
  months.forEach((m, j) => {
    if (hasB[j]) b.set(m, budget[j]);
    if (hasO[j]) o.set(m, outcome[j]);
  });
  let cb = 0;
  let co = 0;
  const empty = b.size === 0 && o.size === 0;
  const rows = (empty ? [] : months).map((m) => {
    const budget = b.get(m) ?? null;
    const outcome = o.get(m) ?? null;
    if (budget !== null) cb += budget;
    if (outcome !== null) co += outcome;
    return { month: m, budget, outcome, budgetCumulative: budget === null ? null : cb, outcomeCumulative: outcome === null ? null : co };
  });
  return toTable(rows, ["month", "budget", "outcome", "budgetCumulative", "outcomeCumulative"]);
}
