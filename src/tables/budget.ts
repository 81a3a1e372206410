/**
 * The budget table of an interim report: per unit, the period's budget, outcome and deviation,
 * the year's budget, the full-year forecast, its deviation and the change since the previous
 * forecast — rounded the way a controller prints them, so that the rounded rows add up to the
 * rounded total row (largest-remainder rounding, see metrics/rounding.ts).
 */
import type { TableSpec } from "../charts/types.ts";
import type { BudgetDeviation } from "../metrics/budget.ts";
import { ORE_PER, roundParts, type MoneyUnit } from "../metrics/rounding.ts";
import { rowsOf, type Row } from "./rows.ts";

const MONEY = [
  ["budgetPeriod", "Budget perioden"],
  ["outcomePeriod", "Utfall perioden"],
  ["deviationPeriod", "Avvikelse perioden"],
  ["budgetYear", "Budget helår"],
  ["forecast", "Helårsprognos"],
  ["deviationForecast", "Avvikelse helår"],
  ["forecastChange", "Förändring mot föregående prognos"],
] as const;

export interface BudgetTableOptions {
  name: string;
  caption: string;
  /** The grouping key of the deviation (`unit`, `activity` or `account`). */
  by: string;
  byLabel: string;
  labels?: Readonly<Record<string, string>>;
  note?: string;
}

/** Round a column so parts and total agree; back in öre so the cell formatter prints them as is. */
function roundColumn(values: (number | null)[], total: number | null, unit: MoneyUnit, decimals: number) {
  if (total === null || values.some((v) => v === null)) return { parts: values, total };
  const { parts, total: t } = roundParts(values as number[], unit, decimals);
  const toOre = (x: number) => Math.round(x * ORE_PER[unit]);
  return { parts: parts.map(toOre), total: toOre(t) };
}

/** Build the table from `budgetDeviation(...)`. Money columns are in öre, rounded consistently. */
export function budgetTable(deviation: BudgetDeviation, opts: BudgetTableOptions): TableSpec {
  // Printed as a committee reads it: mnkr with one decimal.
  const unit: MoneyUnit = "mnkr";
  const decimals = 1;
  const groups = rowsOf(deviation.groups);
  const [total] = rowsOf(deviation.total) as Row[];
  const hasForecast = total !== undefined && total.forecast !== null && total.forecast !== undefined;
  const columns = MONEY.filter(([key]) => hasForecast || !["forecast", "deviationForecast", "forecastChange"].includes(key));
  const rounded = new Map(
    columns.map(([key]) => [
      key,
      roundColumn(
        groups.map((g) => (g[key] as number | null) ?? null),
        (total?.[key] as number | null) ?? null,
        unit,
        decimals,
      ),
    ]),
  );
  const rows = [...groups, total].map((g, i) => {
    const isTotal = i === groups.length;
    const key = String(g[opts.by] ?? "");
    const row: Record<string, string | number | null> = {
      group: isTotal ? "Totalt" : (opts.labels?.[key] ?? key),
    };
    for (const [col] of columns) {
      const r = rounded.get(col)!;
      row[col] = isTotal ? r.total : r.parts[i];
    }
    return row;
  });
  return {
    name: opts.name,
    caption: opts.caption,
    columns: [
      { key: "group", label: opts.byLabel, format: "text" },
      ...columns.map(([key, label]) => ({
        key,
        label,
        format: key === "deviationPeriod" || key === "deviationForecast" || key === "forecastChange" ? ("deviationMnkr" as const) : ("mnkr" as const),
      })),
    ],
    rows,
    note:
      opts.note ??
      "Avvikelse: budget − utfall för kostnader, utfall − budget för intäkter; positivt tal betyder bättre än budget. Raderna är avrundade så att de summerar till totalen.",
  };
}
