/**
 * Västerås labour-market committee, interim report 1 2023 (seed 002 §67): budget deviation for
 * the period +13,3 mnkr, full-year forecast +15,4 mnkr, an improvement of 11,1 mnkr on the
 * previous forecast.
 */
import { describe, expect, it } from "vitest";
import * as aq from "arquero";
import { budgetDeviation, monthlyCumulative } from "../../src/metrics/budget.ts";
import { roundAmount, roundParts } from "../../src/metrics/rounding.ts";
import { rng } from "./fixtures.ts";

// unit, activity, account, annual budget in kr (revenues positive as in the export)
const LINES: [string, string, string, number][] = [
  ["4510", "ekbist", "4610", 236_000_000], ["4510", "ekbist", "4620", 9_400_000], ["4510", "ekbist", "5010", 31_200_000],
  ["4510", "ekbist", "6110", 4_100_000], ["4510", "ekbist", "3090", 2_600_000],
  ["4520", "arbmark", "5010", 58_300_000], ["4520", "arbmark", "5410", 22_750_000], ["4520", "arbmark", "6110", 7_900_000],
  ["4520", "arbmark", "7690", 3_150_000], ["4520", "arbmark", "3090", 24_800_000], ["4520", "arbmark", "3150", 4_650_000],
  ["4530", "jobbcentrum", "5010", 18_600_000], ["4530", "jobbcentrum", "6110", 2_300_000], ["4530", "jobbcentrum", "3090", 6_200_000],
  ["4540", "adm", "5010", 12_450_000], ["4540", "adm", "7690", 1_870_000],
];
const TARGET_DEV_PERIOD = 1_328_123_456; // öre: +13,28 mnkr
const TARGET_DEV_APRIL = 1_541_234_567; // +15,41 mnkr
const TARGET_DEV_FEB = 430_600_000; // +4,31 mnkr: April − February = +11,11 mnkr

const isRevenue = (a: string) => a.startsWith("3");
/** Signed deviation of one amount pair: costs budget − outcome, revenues outcome − budget. */
const dev = (account: string, budget: number, outcome: number) => (isRevenue(account) ? outcome - budget : budget - outcome);

function build() {
  const r = rng(67);
  const ledger: Record<string, unknown>[] = [];
  const annual = new Map<string, number>();
  for (const [unit, activity, account, kr] of LINES) {
    const yearOre = kr * 100;
    annual.set(`${unit}/${account}`, yearOre);
    const monthly = Math.floor(yearOre / 12);
    for (let m = 1; m <= 12; m++) {
      const budget = m === 12 ? yearOre - 11 * monthly : monthly;
      // fewer households on financial assistance: outcome well below budget on 4610
      const factor = account === "4610" ? 0.87 + r() * 0.03 : 0.97 + r() * 0.06;
      const outcome = m <= 4 ? Math.round(budget * factor) + Math.floor(r() * 100) : NaN;
      ledger.push({ period: `2023-${String(m).padStart(2, "0")}`, unit, activity, account, budget, outcome });
    }
  }
  // hit the period deviation exactly by adjusting April's outcome on 4510/4610 (a cost)
  const periodDev = ledger.filter((l) => (l.period as string) <= "2023-04").reduce((s, l) => s + dev(l.account as string, l.budget as number, l.outcome as number), 0);
  const april = ledger.find((l) => l.period === "2023-04" && l.unit === "4510" && l.account === "4610")!;
  april.outcome = (april.outcome as number) - (TARGET_DEV_PERIOD - periodDev);
  // forecasts: February and April per unit and account, plus rounds that must be ignored
  const forecasts: Record<string, unknown>[] = [];
  for (const [fm, targetDev, spread] of [["2023-02", TARGET_DEV_FEB, 0.01], ["2023-04", TARGET_DEV_APRIL, 0.02]] as const) {
    const rows = LINES.map(([unit, activity, account]) => {
      const y = annual.get(`${unit}/${account}`)!;
      return { forecastMonth: fm, unit, activity, account, forecast: Math.round(y * (1 - spread + r() * 2 * spread)) };
    });
    const got = rows.reduce((s, f) => s + dev(f.account, annual.get(`${f.unit}/${f.account}`)!, f.forecast), 0);
    rows[0].forecast -= targetDev - got; // 4510/4610 is a cost: lower forecast = better
    forecasts.push(...rows);
  }
  forecasts.push({ forecastMonth: "2022-12", unit: "4510", activity: "ekbist", account: "4610", forecast: 250_000_000_00 });
  forecasts.push({ forecastMonth: "2023-05", unit: "4510", activity: "ekbist", account: "4610", forecast: 1 });
  const money = (rows: Record<string, unknown>[], cols: string[]) =>
    aq.table(Object.fromEntries([...Object.keys(rows[0]).filter((c) => !cols.includes(c)).map((c) => [c, rows.map((x) => x[c])]), ...cols.map((c) => [c, Float64Array.from(rows.map((x) => x[c] as number))])]));
  return { ledger: money(ledger, ["budget", "outcome"]), forecasts: money(forecasts, ["forecast"]) };
}

describe("Västerås interim report 1 2023 (seed 002 §67)", () => {
  const { ledger, forecasts } = build();
  const res = budgetDeviation(ledger, { period: "2023-04", by: ["unit"], forecasts });
  const total = res.total.objects()[0] as Record<string, number>;
  const units = res.groups.objects() as Record<string, number & string>[];

  it("gives +13,3 mnkr for January–April, +15,4 mnkr for the year, +11,1 mnkr on February's forecast", () => {
    expect(ledger.numRows()).toBe(LINES.length * 12);
    expect(res.forecastMonth).toBe("2023-04");
    expect(res.previousForecastMonth).toBe("2023-02");
    expect(total.deviationPeriod).toBe(TARGET_DEV_PERIOD);
    expect(roundAmount(total.deviationPeriod, "mnkr", 1)).toBe(13.3);
    expect(roundAmount(total.deviationForecast, "mnkr", 1)).toBe(15.4);
    expect(roundAmount(total.forecastChange, "mnkr", 1)).toBe(11.1);
    expect(total.deviationForecast).toBe(TARGET_DEV_APRIL);
    expect(total.forecastChange).toBe(TARGET_DEV_APRIL - TARGET_DEV_FEB);
  });

  it("is mostly explained by financial assistance, and the units add up exactly", () => {
    expect(units.map((u) => u.unit)).toEqual(["4510", "4520", "4530", "4540"]);
    const ekbist = units[0];
    expect(ekbist.deviationPeriod).toBeGreaterThan(total.deviationPeriod / 2);
    for (const m of ["budgetPeriod", "outcomePeriod", "deviationPeriod", "budgetYear", "forecast", "deviationForecast", "previousForecast", "forecastChange"]) {
      expect(units.reduce((s, u) => s + (u[m] as number), 0)).toBe(total[m]);
      expect(Number.isInteger(total[m])).toBe(true);
    }
    const printed = roundParts(units.map((u) => u.deviationPeriod), "mnkr", 1);
    expect(printed.total).toBe(13.3);
    expect(Math.round(printed.parts.reduce((a, b) => a + b, 0) * 10)).toBe(133);
  });

  it("uses net cost: revenues count negative in budget and outcome", () => {
    const byAccount = budgetDeviation(ledger, { period: "2023-04", by: ["unit", "account"] }).groups.objects() as Record<string, unknown>[];
    const rev = byAccount.find((x) => x.unit === "4520" && x.account === "3090")!;
    expect(rev.budgetYear).toBe(-2_480_000_000);
    expect(rev.forecast).toBeNull();
    const cum = monthlyCumulative(ledger, { year: 2023 }).objects() as Record<string, number | null>[];
    expect(cum).toHaveLength(12);
    expect(cum[3].budgetCumulative! - cum[3].outcomeCumulative!).toBe(TARGET_DEV_PERIOD);
    expect(cum[4].outcome).toBeNull();
    expect(cum[11].budgetCumulative).toBe(total.budgetYear);
  });
});
