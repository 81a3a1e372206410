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

  const lp = strCol(ledger, "period");
  const lk = opts.by.map((b) => strCol(ledger, b));
  const la = strCol(ledger, "account");
  const lb = numCol(ledger, "budget");
  const lo = numCol(ledger, "outcome");
  for (let i = 0; i < lp.length; i++) {
    const p = lp[i];
    if (p === null || p.slice(0, 4) !== year) continue;
    const s = signOf(la[i], isRev);
    const keys = keysOf(lk, i);
    const inPeriod = p <= opts.period;
    add(keys, "outcomePeriod", inPeriod ? s * lo[i] : 0);
    if (!opts.annualBudget) {
      add(keys, "budgetYear", s * lb[i]);
      add(keys, "budgetPeriod", inPeriod ? s * lb[i] : 0);
    }
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
  const lp = strCol(ledger, "period");
  const la = strCol(ledger, "account");
  const lb = numCol(ledger, "budget");
  const lo = numCol(ledger, "outcome");
  for (let i = 0; i < lp.length; i++) {
    const m = lp[i];
    if (m === null || !months.includes(m)) continue;
    const s = signOf(la[i], isRev);
    if (Number.isFinite(lb[i])) b.set(m, (b.get(m) ?? 0) + s * lb[i]);
    if (Number.isFinite(lo[i])) o.set(m, (o.get(m) ?? 0) + s * lo[i]);
  }
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
