/**
 * Budget, outcome (and forecast) per unit for the period: grouped horizontal bars in mnkr or tkr,
 * with the budget deviation written with its sign next to each unit ("+1,2 mnkr", "−0,4 mnkr";
 * positive = better than budget, as computed by the metric).
 */
import type { Chart, TableColumn } from "./types.ts";
import { measureText } from "../render/fonts.ts";
import { formatDeviation, formatMnkr, formatTkr, type MoneyUnit } from "../render/format.ts";
import {
  DEFAULT_FINANCE_SOURCE,
  bandAxisWidth,
  cell,
  drawable,
  frame,
  legendFor,
  listSv,
  plotWidth,
  requireRows,
  rowsOf,
  type BodySpec,
  type RowsInput,
} from "./common.ts";
import { FONT_SIZE, OKABE_ITO } from "./theme.ts";

/** One unit; amounts in öre. */
export interface BudgetRow {
  unit: string;
  budgetPeriod: number | null;
  outcomePeriod: number | null;
  forecast?: number | null;
  /** Budget deviation for the period (positive = better than budget). */
  deviationPeriod: number | null;
}

export interface BudgetByUnitOptions {
  /** "mnkr" or "tkr"; default mnkr when the largest amount is at least 10 mnkr, else tkr. */
  unit?: "mnkr" | "tkr";
  /** Period in words for titles and text, e.g. "januari–april 2023". */
  period?: string;
  /** Display names of the unit codes. */
  labels?: Readonly<Record<string, string>>;
  title?: string;
  subtitle?: string;
  source?: string;
  name?: string;
}

const SERIES = [
  { key: "budgetPeriod", label: "Budget", color: OKABE_ITO.grey },
  { key: "outcomePeriod", label: "Utfall", color: OKABE_ITO.blue },
  { key: "forecast", label: "Prognos", color: OKABE_ITO.orange },
] as const;

const SCALE: Record<"mnkr" | "tkr", number> = { mnkr: 1e8, tkr: 1e5 };

export function budgetByUnit(input: RowsInput<BudgetRow>, opts: BudgetByUnitOptions = {}): Chart {
  const rows = rowsOf(input).map((r) => ({
    unit: opts.labels?.[String(r.unit)] ?? String(r.unit),
    budgetPeriod: cell(r.budgetPeriod),
    outcomePeriod: cell(r.outcomePeriod),
    forecast: cell(r.forecast),
    deviationPeriod: cell(r.deviationPeriod),
  }));
  requireRows(rows, "budgetByUnit");
  const hasForecast = rows.some((r) => drawable(r.forecast));
  const series = SERIES.filter((s) => s.key !== "forecast" || hasForecast);
  const amounts = rows.flatMap((r) => series.map((s) => r[s.key])).filter(drawable);
  const maxAbs = Math.max(0, ...amounts.map(Math.abs));
  const unit: "mnkr" | "tkr" = opts.unit ?? (maxAbs >= 1e9 ? "mnkr" : "tkr");
  const decimals = unit === "mnkr" ? 1 : 0;
  const money = (ore: number) => (unit === "mnkr" ? formatMnkr(ore, decimals) : formatTkr(ore, decimals));
  const dev = (ore: number | null) => (ore === null ? ".." : formatDeviation(ore, unit as MoneyUnit, decimals));

  const devLabels = rows.map((r) => `Avvikelse ${dev(r.deviationPeriod)}`);
  const right = Math.ceil(Math.max(...devLabels.map((l) => measureText(l, FONT_SIZE, "bold")))) + 8;
  const width = plotWidth(rows.map((r) => r.unit), right);

  const values: Record<string, unknown>[] = [];
  for (const [i, r] of rows.entries()) {
    for (const s of series) {
      const v = r[s.key];
      if (drawable(v)) values.push({ kind: "bar", unit: r.unit, series: s.label, value: v / SCALE[unit], text: money(v) });
    }
    const top = Math.max(0, ...series.map((s) => r[s.key]).filter(drawable)) / SCALE[unit];
    values.push({ kind: "deviation", unit: r.unit, value: top, text: devLabels[i] });
  }
  const minValue = Math.min(0, ...amounts) / SCALE[unit];
  const maxValue = Math.max(0, ...amounts) / SCALE[unit];
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

  const period = opts.period ? ` ${opts.period}` : "";
  const title = opts.title ?? `Budget och utfall per enhet${period}`;
  const source = opts.source ?? DEFAULT_FINANCE_SOURCE;

  // Text alternative.
  const sumOf = (k: "budgetPeriod" | "outcomePeriod" | "deviationPeriod" | "forecast") => {
    const vs = rows.map((r) => r[k]);
    return vs.every(drawable) ? vs.reduce((s: number, v) => s + (v as number), 0) : null;
  };
  const sentences = [`Liggande grupperat stapeldiagram: ${listSv(seriesLabels.map((s) => s.toLowerCase()))} per enhet${period}, i ${unit}.`];
  const [tb, to, td] = [sumOf("budgetPeriod"), sumOf("outcomePeriod"), sumOf("deviationPeriod")];
  if (tb !== null && to !== null && td !== null) {
    sentences.push(`Totalt är budgeten ${money(tb)} och utfallet ${money(to)}, en avvikelse på ${dev(td)}.`);
  }
  const withDev = rows.filter((r) => drawable(r.deviationPeriod));
  if (withDev.length > 0) {
    const best = withDev.reduce((a, b) => ((b.deviationPeriod as number) > (a.deviationPeriod as number) ? b : a));
    const worst = withDev.reduce((a, b) => ((b.deviationPeriod as number) < (a.deviationPeriod as number) ? b : a));
    if ((best.deviationPeriod as number) > 0) sentences.push(`Störst positiv avvikelse har ${best.unit} (${dev(best.deviationPeriod)}).`);
    if ((worst.deviationPeriod as number) < 0) sentences.push(`Störst negativ avvikelse har ${worst.unit} (${dev(worst.deviationPeriod)}).`);
    const negatives = withDev.filter((r) => (r.deviationPeriod as number) < 0).length;
    sentences.push(negatives === 0 ? "Ingen enhet har negativ avvikelse." : `${negatives} av ${withDev.length} enheter har negativ avvikelse.`);
  }
  const alt = `${sentences.join(" ")} Positiv avvikelse betyder bättre än budget.`;

  // The table keeps öre; its formats print mnkr (CellFormat has no signed tkr format).
  const amountFormat = unit === "mnkr" ? "mnkr" : "tkr";
  const columns: TableColumn[] = [
    { key: "unit", label: "Enhet", format: "text" },
    { key: "budgetPeriod", label: "Budget", format: amountFormat },
    { key: "outcomePeriod", label: "Utfall", format: amountFormat },
    ...(hasForecast ? [{ key: "forecast", label: "Helårsprognos", format: amountFormat } as TableColumn] : []),
    { key: "deviationPeriod", label: "Avvikelse", format: "deviationMnkr" },
  ];
  const tableRows = rows.map((r) => {
    const row: Record<string, string | number | null> = {
      unit: r.unit,
      budgetPeriod: r.budgetPeriod,
      outcomePeriod: r.outcomePeriod,
      deviationPeriod: r.deviationPeriod,
    };
    if (hasForecast) row.forecast = r.forecast;
    return row;
  });
  const name = opts.name ?? "budget-per-enhet";
  return {
    name,
    title,
    alt,
    spec: frame(body, { title, subtitle: opts.subtitle, source, left: bandAxisWidth(rows.map((r) => r.unit)) }),
    table: { name, caption: title, columns, rows: tableRows, note: `${source} Avvikelse: positiv = bättre än budget.` },
    source,
  };
}
