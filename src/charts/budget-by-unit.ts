/**
 * Budget per unit as grouped horizontal bars in mnkr or tkr, with a deviation written with its
 * sign next to each unit ("+1,2 mnkr", "−0,4 mnkr"; positive = better than budget, as computed by
 * the metric). Two views, never mixed on one axis (a full-year amount dwarfs a period amount):
 * - `show: "period"` (default): budget and outcome for the period (January..period) and
 *   `deviationPeriod`;
 * - `show: "year"`: the year's budget and the full-year forecast and `deviationForecast`.
 */
import type { Chart, TableColumn } from "./types.ts";
import { measureText } from "../render/fonts.ts";
import { formatDeviation, formatMnkr, formatTkr, type MoneyUnit } from "../render/format.ts";
import { ORE_PER } from "../metrics/rounding.ts";
import {
  DEFAULT_FINANCE_SOURCE,
  bandAxisWidth,
  cell,
  drawable,
  frame,
  legendFor,
  monthSpan,
  plotWidth,
  requireRows,
  rowsOf,
  type BodySpec,
  type RowsInput,
} from "./common.ts";
import { FONT_SIZE, OKABE_ITO } from "./theme.ts";
import { HIDDEN_MARK, hiddenText, isHidden, type HiddenItem } from "./hidden.ts";

/** One unit; amounts in öre (the `groups` of `budgetDeviation`). */
export interface BudgetRow {
  unit: string;
  budgetPeriod?: number | null;
  outcomePeriod?: number | null;
  /** Budget deviation for the period (positive = better than budget). */
  deviationPeriod?: number | null;
  /** The whole year's budget (for `show: "year"`). */
  budgetYear?: number | null;
  /** Full-year forecast (for `show: "year"`). */
  forecast?: number | null;
  /** budgetYear − forecast (positive = better than budget; for `show: "year"`). */
  deviationForecast?: number | null;
}

export interface BudgetByUnitOptions {
  /** "period" (default): period budget, outcome and deviation; "year": year budget, full-year
   *  forecast and forecast deviation. */
  show?: "period" | "year";
  /** "mnkr" or "tkr"; default mnkr when the largest amount is at least 10 mnkr, else tkr. */
  unit?: "mnkr" | "tkr";
  /** Last month of the period, "YYYY-MM" ("2023-04" → "januari–april 2023", with show "year"
   *  → "helår 2023"), or the period already in words (used as is). */
  period?: string;
  /** Display names of the unit codes. */
  labels?: Readonly<Record<string, string>>;
  title?: string;
  subtitle?: string;
  source?: string;
  name?: string;
}

type Key = "budgetPeriod" | "outcomePeriod" | "deviationPeriod" | "budgetYear" | "forecast" | "deviationForecast";

const VIEWS = {
  period: {
    series: [
      { key: "budgetPeriod", label: "Budget", color: OKABE_ITO.grey, column: "Budget" },
      { key: "outcomePeriod", label: "Utfall", color: OKABE_ITO.blue, column: "Utfall" },
    ],
    deviation: "deviationPeriod",
    deviationColumn: "Avvikelse",
    what: "budget och utfall",
    titleStart: "Budget och utfall per enhet",
    totals: (b: string, o: string) => `Totalt är budgeten ${b} och utfallet ${o}`,
    defaultName: "budget-per-enhet",
  },
  year: {
    series: [
      { key: "budgetYear", label: "Årsbudget", color: OKABE_ITO.grey, column: "Årsbudget" },
      { key: "forecast", label: "Helårsprognos", color: OKABE_ITO.orange, column: "Helårsprognos" },
    ],
    deviation: "deviationForecast",
    deviationColumn: "Avvikelse mot årsbudget",
    what: "årsbudget och helårsprognos",
    titleStart: "Årsbudget och helårsprognos per enhet",
    totals: (b: string, o: string) => `Totalt är årsbudgeten ${b} och helårsprognosen ${o}`,
    defaultName: "budget-helar-per-enhet",
  },
} as const;

const MONTH = /^(\d{4})-(0[1-9]|1[0-2])$/;

/** The period in words: "2023-04" → "januari–april 2023" (period) or "helår 2023" (year). */
function periodWords(period: string | undefined, show: "period" | "year"): string | undefined {
  if (period === undefined) return undefined;
  const m = MONTH.exec(period);
  if (!m) return period;
  return show === "year" ? `helår ${m[1]}` : monthSpan(`${m[1]}-01`, period);
}

export function budgetByUnit(input: RowsInput<BudgetRow>, opts: BudgetByUnitOptions = {}): Chart {
  const show = opts.show ?? "period";
  if (show !== "period" && show !== "year") throw new RangeError(`budgetByUnit: show must be "period" or "year", got ${JSON.stringify(show)}`);
  const view = VIEWS[show];
  const rows = rowsOf(input).map((r) => {
    const row = { unit: opts.labels?.[String(r.unit)] ?? String(r.unit) } as { unit: string } & Record<Key, number | null>;
    for (const k of ["budgetPeriod", "outcomePeriod", "deviationPeriod", "budgetYear", "forecast", "deviationForecast"] as const) row[k] = cell(r[k]);
    return row;
  });
  requireRows(rows, "budgetByUnit");
  const series = view.series;
  const devKey = view.deviation;
  const amounts = rows.flatMap((r) => series.map((s) => r[s.key])).filter(drawable);
  const maxAbs = Math.max(0, ...amounts.map(Math.abs));
  const unit: "mnkr" | "tkr" = opts.unit ?? (maxAbs >= 1e9 ? "mnkr" : "tkr");
  const decimals = unit === "mnkr" ? 1 : 0;
  const money = (ore: number) => (unit === "mnkr" ? formatMnkr(ore, decimals) : formatTkr(ore, decimals));
  const dev = (ore: number | null) => (isHidden(ore) ? HIDDEN_MARK : formatDeviation(ore, unit as MoneyUnit, decimals));

  const devLabels = rows.map((r) => `Avvikelse ${dev(r[devKey])}`);
  const right = Math.ceil(Math.max(...devLabels.map((l) => measureText(l, FONT_SIZE, "bold")))) + 8;
  const width = plotWidth(rows.map((r) => r.unit), right);

  const values: Record<string, unknown>[] = [];
  for (const [i, r] of rows.entries()) {
    for (const s of series) {
      const v = r[s.key];
      if (drawable(v)) values.push({ kind: "bar", unit: r.unit, series: s.label, value: v / ORE_PER[unit], text: money(v) });
    }
    const top = Math.max(0, ...series.map((s) => r[s.key]).filter(drawable)) / ORE_PER[unit];
    values.push({ kind: "deviation", unit: r.unit, value: top, text: devLabels[i] });
  }
  const minValue = Math.min(0, ...amounts) / ORE_PER[unit];
  const maxValue = Math.max(0, ...amounts) / ORE_PER[unit];
  const seriesLabels = series.map((s) => s.label);
  const y = { field: "unit", type: "nominal", sort: rows.map((r) => r.unit), title: null };
  const xScale = { domain: [minValue, maxValue], nice: true, zero: true };
  const body: BodySpec = {
    data: { values },
    width,
    height: rows.length * (series.length * 16 + 14),
    encoding: { y },
    layer: [
      {
        transform: [{ filter: { field: "kind", equal: "bar" } }],
        mark: { type: "bar" },
        encoding: {
          x: { field: "value", type: "quantitative", scale: xScale, title: unit === "mnkr" ? "Miljoner kronor (mnkr)" : "Tusental kronor (tkr)", axis: { format: unit === "mnkr" ? ",.1~f" : ",d" } },
          yOffset: { field: "series", type: "nominal", sort: seriesLabels, scale: { paddingInner: 0.1 } },
          color: {
            field: "series",
            type: "nominal",
            scale: { domain: seriesLabels, range: series.map((s) => s.color) },
            legend: legendFor("Belopp", seriesLabels, width + right),
          },
        },
      },
      {
        transform: [{ filter: { field: "kind", equal: "deviation" } }],
        mark: { type: "text", align: "left", baseline: "middle", dx: 6, fontWeight: "bold" },
        encoding: { x: { field: "value", type: "quantitative", scale: xScale }, text: { field: "text", type: "nominal" } },
      },
    ],
  };

  const words = periodWords(opts.period, show);
  const title = opts.title ?? (words ? `${view.titleStart}, ${words}` : view.titleStart);
  const source = opts.source ?? DEFAULT_FINANCE_SOURCE;

  // Text alternative.
  const sumOf = (k: Key) => {
    const vs = rows.map((r) => r[k]);
    return vs.every(drawable) ? vs.reduce((s: number, v) => s + (v as number), 0) : null;
  };
  const sentences = [`Liggande grupperat stapeldiagram: ${view.what} per enhet${words ? `, ${words}` : ""}, i ${unit}.`];
  const [tb, to, td] = [sumOf(series[0].key), sumOf(series[1].key), sumOf(devKey)];
  if (tb !== null && to !== null && td !== null) {
    sentences.push(`${view.totals(money(tb), money(to))}, en avvikelse på ${dev(td)}.`);
  }
  const withDev = rows.filter((r) => drawable(r[devKey]));
  if (withDev.length > 0) {
    const d = (r: (typeof rows)[number]) => r[devKey] as number;
    const best = withDev.reduce((a, b) => (d(b) > d(a) ? b : a));
    const worst = withDev.reduce((a, b) => (d(b) < d(a) ? b : a));
    if (d(best) > 0) sentences.push(`Störst positiv avvikelse har ${best.unit} (${dev(d(best))}).`);
    if (d(worst) < 0) sentences.push(`Störst negativ avvikelse har ${worst.unit} (${dev(d(worst))}).`);
    const negatives = withDev.filter((r) => d(r) < 0).length;
    sentences.push(negatives === 0 ? "Ingen enhet har negativ avvikelse." : `${negatives} av ${withDev.length} enheter har negativ avvikelse.`);
  }
  // Amounts hidden in the input (null) are named, never recomputed from the others.
  const hiddenItems: HiddenItem[] = [];
  for (const r of rows) {
    for (const s of series) if (isHidden(r[s.key])) hiddenItems.push({ row: r.unit, what: s.column.toLowerCase() });
    if (isHidden(r[devKey])) hiddenItems.push({ row: r.unit, what: view.deviationColumn.toLowerCase() });
  }
  const alt = `${sentences.join(" ")} Positiv avvikelse betyder bättre än budget.${hiddenText(hiddenItems)}`;

  // The table keeps öre; its formats print mnkr (CellFormat has no signed tkr format).
  const amountFormat = unit === "mnkr" ? "mnkr" : "tkr";
  const columns: TableColumn[] = [
    { key: "unit", label: "Enhet", format: "text" },
    ...series.map((s): TableColumn => ({ key: s.key, label: s.column, format: amountFormat })),
    { key: devKey, label: view.deviationColumn, format: "deviationMnkr" },
  ];
  const tableRows = rows.map((r) => {
    const row: Record<string, string | number | null> = { unit: r.unit };
    for (const s of series) row[s.key] = r[s.key];
    row[devKey] = r[devKey];
    return row;
  });
  const name = opts.name ?? view.defaultName;
  return {
    name,
    title,
    alt,
    spec: frame(body, { title, subtitle: opts.subtitle, source, left: bandAxisWidth(rows.map((r) => r.unit)) }),
    table: { name, caption: title, columns, rows: tableRows, note: `${source} Avvikelse: positiv = bättre än budget.${hiddenText(hiddenItems)}` },
    source,
    ...(words !== undefined ? { period: words } : {}),
  };
}
