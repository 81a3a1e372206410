/**
 * Accumulated budget and outcome (and forecast) month by month: lines in mnkr with Swedish month
 * names on the x axis, each line named at its end (colour is not the only key: the budget line
 * is also dashed and each line has its own point shape; the one legend shows colour, dash and
 * shape together). With `through` the outcome line ends at that month (an interim report per
 * April shows no outcome after April) while the budget (and forecast) lines run on.
 */
import type { Chart, TableColumn } from "./types.ts";
import { measureText } from "../render/fonts.ts";
import { formatDeviation, formatMnkr, formatMonth } from "../render/format.ts";
import { ORE_PER } from "../metrics/rounding.ts";
import { DEFAULT_FINANCE_SOURCE, cell, drawable, frame, legendFor, monthSpan, requireRows, rowsOf, type BodySpec, type RowsInput } from "./common.ts";
import { CHART_PADDING, CHART_WIDTH, FONT_SIZE, OKABE_ITO } from "./theme.ts";
import { hiddenText, isHidden, type HiddenItem } from "./hidden.ts";

/** One month; amounts in öre, accumulated from the start of the year. */
export interface CumulativeRow {
  /** "2023-01" */
  month: string;
  budgetCumulative: number | null;
  outcomeCumulative: number | null;
  forecastCumulative?: number | null;
}

export interface CumulativeOutcomeOptions {
  /** "cost" (default: deviation = budget − outcome) or "revenue" (outcome − budget). */
  kind?: "cost" | "revenue";
  /** Last month of outcome to show, "YYYY-MM": outcome after it is left out of the line, the
   *  text and the table ("–"); budget and forecast still cover every month. Default: all. */
  through?: string;
  title?: string;
  subtitle?: string;
  source?: string;
  name?: string;
}

const SERIES = [
  { key: "budgetCumulative", label: "Budget", color: "#555555", dash: [6, 4], shape: "square" },
  { key: "outcomeCumulative", label: "Utfall", color: OKABE_ITO.blue, dash: [], shape: "circle" },
  { key: "forecastCumulative", label: "Prognos", color: OKABE_ITO.vermillion, dash: [2, 3], shape: "triangle-up" },
] as const;

function monthMs(m: string): number {
  const match = /^(\d{4})-(\d{2})$/.exec(m);
  if (!match) throw new RangeError(`cumulativeOutcome: month must be "YYYY-MM", got ${JSON.stringify(m)}`);
  return Date.UTC(Number(match[1]), Number(match[2]) - 1, 1);
}

export function cumulativeOutcome(input: RowsInput<CumulativeRow>, opts: CumulativeOutcomeOptions = {}): Chart {
  const rows = rowsOf(input)
    .map((r) => ({
      month: String(r.month),
      budgetCumulative: cell(r.budgetCumulative),
      outcomeCumulative: cell(r.outcomeCumulative),
      forecastCumulative: cell(r.forecastCumulative),
    }))
    .sort((a, b) => a.month.localeCompare(b.month));
  requireRows(rows, "cumulativeOutcome");
  const through = opts.through;
  if (through !== undefined) {
    monthMs(through); // validates "YYYY-MM"
    if (through < rows[0].month) throw new RangeError(`cumulativeOutcome: through ${through} is before the first month ${rows[0].month}`);
    // Outcome after `through` is not reported yet: NaN = not applicable ("–" in the table).
    for (const r of rows) if (r.month > through) r.outcomeCumulative = NaN;
  }
  const series = SERIES.filter((s) => s.key !== "forecastCumulative" || rows.some((r) => drawable(r.forecastCumulative)));
  const seriesLabels = series.map((s) => s.label);

  const values: Record<string, unknown>[] = [];
  for (const r of rows) {
    for (const s of series) {
      const v = r[s.key];
      if (drawable(v)) values.push({ kind: "point", t: monthMs(r.month), series: s.label, value: v / ORE_PER.mnkr });
    }
  }
  // Direct labels at the last value of each line.
  for (const s of series) {
    const last = [...rows].reverse().find((r) => drawable(r[s.key]));
    if (last) values.push({ kind: "end", t: monthMs(last.month), series: s.label, value: (last[s.key] as number) / ORE_PER.mnkr });
  }

  const years = new Set(rows.map((r) => r.month.slice(0, 4)));
  const monthFormat = years.size > 1 ? "%b %Y" : rows.length <= 6 ? "%B" : "%b";
  const maxLabel = Math.ceil(Math.max(...seriesLabels.map((l) => measureText(l, FONT_SIZE, "bold")))) + 8;
  const left = 60;
  const width = Math.floor(CHART_WIDTH - 2 * CHART_PADDING - left - maxLabel);
  const x = {
    field: "t",
    type: "temporal",
    timeUnit: "utcyearmonth",
    title: years.size > 1 ? null : `Månad ${[...years][0]}`,
    axis: { format: monthFormat, tickCount: { interval: "month", step: 1 }, labelOverlap: true, grid: false },
  };
  const y = { field: "value", type: "quantitative", title: "Ackumulerat, mnkr", axis: { format: ",.1~f" } };
  // Colour, dash and shape share one field and ONE legend definition: Vega-Lite merges them into
  // a single legend (symbols with colour, dash and shape). A `legend: null` on some of them makes
  // Vega-Lite warn "Conflicting legend property disable".
  const legend = legendFor("Serie", seriesLabels, width);
  const color = {
    field: "series",
    type: "nominal",
    scale: { domain: seriesLabels, range: series.map((s) => s.color) },
    legend,
  };
  const strokeDash = {
    field: "series",
    type: "nominal",
    scale: { domain: seriesLabels, range: series.map((s) => [...s.dash]) },
    legend,
  };
  const shape = {
    field: "series",
    type: "nominal",
    scale: { domain: seriesLabels, range: series.map((s) => s.shape) },
    legend,
  };
  const body: BodySpec = {
    data: { values },
    width,
    height: 260,
    encoding: { x, y },
    layer: [
      { transform: [{ filter: { field: "kind", equal: "point" } }], mark: { type: "line" }, encoding: { color, strokeDash } },
      { transform: [{ filter: { field: "kind", equal: "point" } }], mark: { type: "point" }, encoding: { color, strokeDash, shape } },
      {
        transform: [{ filter: { field: "kind", equal: "end" } }],
        mark: { type: "text", align: "left", baseline: "middle", dx: 8, fontWeight: "bold" },
        encoding: { text: { field: "series", type: "nominal" }, color },
      },
    ],
  };

  const first = rows[0].month;
  const lastRow = rows[rows.length - 1];
  const span = rows.length > 1 ? `${formatMonth(first)}–${formatMonth(lastRow.month)}` : formatMonth(first);
  // With `through` before the last month, the outcome covers a shorter span than the budget.
  const cut = through !== undefined && through < lastRow.month;
  const reported = cut ? [...rows].reverse().find((r) => r.month <= through) : lastRow;
  const source = opts.source ?? DEFAULT_FINANCE_SOURCE;
  let title: string;
  const sentences: string[] = [];
  if (cut && reported) {
    const outcomeSpan = monthSpan(first, reported.month);
    const budgetSpan = monthSpan(first, lastRow.month);
    title = opts.title ?? `Ackumulerat utfall ${outcomeSpan} och budget ${budgetSpan}`;
    sentences.push(`Linjediagram: ackumulerat utfall per månad ${outcomeSpan} och ackumulerad budget per månad ${budgetSpan}, i mnkr.`);
  } else {
    title = opts.title ?? `Ackumulerad budget och ackumulerat utfall, ${span}`;
    sentences.push(`Linjediagram: ackumulerad budget och ackumulerat utfall per månad, ${span}, i mnkr.`);
  }
  const b = reported?.budgetCumulative ?? null;
  const o = reported?.outcomeCumulative ?? null;
  if (reported && drawable(b) && drawable(o)) {
    const deviation = (opts.kind ?? "cost") === "cost" ? b - o : o - b;
    sentences.push(
      `Till och med ${formatMonth(reported.month)} är utfallet ${formatMnkr(o)} mot en budget på ${formatMnkr(b)}, en avvikelse på ${formatDeviation(deviation, "mnkr", 1)} (positiv = bättre än budget).`,
    );
  }
  if (cut && drawable(lastRow.budgetCumulative)) {
    sentences.push(`Budgeten till och med ${formatMonth(lastRow.month)} är ${formatMnkr(lastRow.budgetCumulative)}.`);
  }
  // Where the outcome first went over (cost) or under (revenue) the budget (outcome after
  // `through` is NaN and never counts).
  const worse = rows.find((r) => drawable(r.budgetCumulative) && drawable(r.outcomeCumulative) && ((opts.kind ?? "cost") === "cost" ? r.outcomeCumulative > r.budgetCumulative : r.outcomeCumulative < r.budgetCumulative));
  sentences.push(worse ? `Utfallet var första gången sämre än budget i ${formatMonth(worse.month)}.` : "Utfallet var inte i någon månad sämre än budget.");
  // Amounts hidden in the input (null) leave a gap in their line and are named here.
  const hiddenItems: HiddenItem[] = [];
  for (const r of rows) for (const s of series) if (isHidden(r[s.key])) hiddenItems.push({ row: formatMonth(r.month), what: s.label.toLowerCase() });
  const alt = sentences.join(" ") + hiddenText(hiddenItems);

  const hasForecast = series.some((s) => s.key === "forecastCumulative");
  const columns: TableColumn[] = [
    { key: "month", label: "Månad", format: "month" },
    { key: "budgetCumulative", label: "Budget, ackumulerat", format: "mnkr" },
    { key: "outcomeCumulative", label: "Utfall, ackumulerat", format: "mnkr" },
    ...(hasForecast ? [{ key: "forecastCumulative", label: "Prognos, ackumulerat", format: "mnkr" } as TableColumn] : []),
  ];
  const tableRows = rows.map((r) => {
    const row: Record<string, string | number | null> = { month: r.month, budgetCumulative: r.budgetCumulative, outcomeCumulative: r.outcomeCumulative };
    if (hasForecast) row.forecastCumulative = r.forecastCumulative;
    return row;
  });
  const name = opts.name ?? "ackumulerat-utfall";
  return {
    name,
    title,
    alt,
    spec: frame(body, { title, subtitle: opts.subtitle, source, left }),
    table: { name, caption: title, columns, rows: tableRows, note: `${source}${hiddenText(hiddenItems)}` },
    source,
  };
}
