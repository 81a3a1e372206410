/**
 * Progress towards a target ("150 jobb"): a bullet chart with the achieved value as a solid bar,
 * the projected value at the end of the target period as a lighter outlined bar behind it, and
 * the target as a black line; all three named with their values in text.
 */
import type { Chart, TableColumn } from "./types.ts";
import { formatDate, formatInteger, formatPercent } from "../render/format.ts";
import { bandAxisWidth, DEFAULT_SOURCE, frame, plotWidth, type BodySpec } from "./common.ts";
import { HIDDEN_DASH, HIDDEN_FILL, HIDDEN_MARK, hiddenText, isHidden, noteWithHidden, type HiddenItem } from "./hidden.ts";
import { FONT_SIZE, OKABE_ITO, TEXT_COLOR } from "./theme.ts";
import { measureText } from "../render/fonts.ts";

export interface GoalProgressInput {
  /** Target value, e.g. 150. */
  target: number;
  /** Achieved by `refDate`; `null` when hidden (suppressed in a public report). */
  achieved: number | null;
  /** The disclosure cell of `achieved` (the figure `r.count(...)` returned has it as `cell`). */
  achievedCell?: string;
  /** Projected by `to` (null: no projection). */
  projected: number | null;
  /** Date of the achieved value, epoch ms UTC. */
  refDate: number;
  /** End of the target period, epoch ms UTC. */
  to: number;
  /** Name of the target, e.g. "150 jobb". */
  label: string;
  title?: string;
  subtitle?: string;
  source?: string;
  name?: string;
  /** What is counted, plural, e.g. "anställda" (default "uppnådda"). */
  unit?: string;
}

export function goalProgress(g: GoalProgressInput): Chart {
  const achieved = isHidden(g.achieved) ? null : g.achieved;
  for (const [k, v] of [["target", g.target], ["achieved", achieved ?? 0], ["refDate", g.refDate], ["to", g.to]] as const) {
    if (!Number.isFinite(v)) throw new TypeError(`goalProgress: ${k} must be a finite number, got ${String(v)}`);
  }
  if (!(g.target > 0)) throw new RangeError(`goalProgress: target must be positive, got ${g.target}`);
  const projected = g.projected !== null && Number.isFinite(g.projected) ? g.projected : null;
  const unit = g.unit ?? "uppnådda";
  const refText = formatDate(g.refDate);
  const toText = formatDate(g.to);
  const max = Math.max(g.target, achieved ?? 0, projected ?? 0);
  const rows = [
    { key: "achieved", name: `Uppnått ${refText}` },
    ...(projected !== null ? [{ key: "projected", name: `Prognos ${toText}` }] : []),
    { key: "target", name: "Mål" },
  ];
  const ylabels = rows.filter((r) => r.key !== "target").map((r) => r.name);
  const valueW = Math.ceil(Math.max(measureText(formatInteger(max), FONT_SIZE, "bold"), measureText(HIDDEN_MARK, FONT_SIZE, "bold"))) + 10;
  const width = plotWidth(ylabels, valueW);
  const values = [
    achieved !== null
      ? { kind: "bar", row: `Uppnått ${refText}`, value: achieved, text: formatInteger(achieved), fill: OKABE_ITO.blue }
      : { kind: "hidden", row: `Uppnått ${refText}`, value: 0, text: HIDDEN_MARK },
    ...(projected !== null ? [{ kind: "bar", row: `Prognos ${toText}`, value: projected, text: formatInteger(projected), fill: "#cfe3f1" }] : []),
    { kind: "target", value: g.target, text: `Mål ${g.label}: ${formatInteger(g.target)}` },
  ];
  const xScale = { domain: [0, max], nice: true };
  const x = { field: "value", type: "quantitative", scale: xScale };
  const body: BodySpec = {
    data: { values },
    width,
    height: { step: 30 },
    layer: [
      {
        transform: [{ filter: { field: "kind", equal: "bar" } }],
        mark: { type: "bar", size: 20 },
        encoding: {
          y: { field: "row", type: "nominal", sort: ylabels, title: null },
          x: { ...x, title: `Antal ${unit}`, axis: { format: ",d", tickMinStep: 1 } },
          color: { field: "fill", type: "nominal", scale: null },
        },
      },
      // A hidden achieved value: a dashed outline of the row and "dolt", no bar of guessed length.
      {
        transform: [{ filter: { field: "kind", equal: "hidden" } }],
        mark: { type: "bar", size: 20, fill: HIDDEN_FILL, strokeDash: [...HIDDEN_DASH] },
        encoding: { y: { field: "row", type: "nominal", sort: ylabels, title: null }, x: { value: 0 }, x2: { value: 24 } },
      },
      {
        transform: [{ filter: { field: "kind", equal: "hidden" } }],
        mark: { type: "text", align: "left", baseline: "middle", dx: 28, fontWeight: "bold" },
        encoding: { y: { field: "row", type: "nominal", sort: ylabels, title: null }, x: { value: 0 }, text: { field: "text", type: "nominal" } },
      },
      {
        transform: [{ filter: { field: "kind", equal: "bar" } }],
        mark: { type: "text", align: "left", baseline: "middle", dx: 4, fontWeight: "bold" },
        encoding: { y: { field: "row", type: "nominal", sort: ylabels, title: null }, x, text: { field: "text", type: "nominal" } },
      },
      // The target: a black line across the bars, named above the plot.
      {
        transform: [{ filter: { field: "kind", equal: "target" } }],
        mark: { type: "rule", color: TEXT_COLOR, strokeWidth: 3 },
        encoding: { x },
      },
      {
        transform: [{ filter: { field: "kind", equal: "target" } }],
        mark: { type: "text", align: "right", baseline: "bottom", dx: -4, y: 0, dy: -4, fontWeight: "bold" },
        encoding: { x, text: { field: "text", type: "nominal" } },
      },
    ],
  };

  const hiddenItems: HiddenItem[] = achieved === null ? [{ row: `Uppnått ${refText}`, what: "antal" }] : [];
  const sentences = [
    achieved !== null
      ? `Målet ${g.label} (${formatInteger(g.target)} till och med ${toText}): ${formatInteger(achieved)} ${unit} den ${refText}, ${formatPercent(achieved / g.target)} av målet.`
      : `Målet ${g.label} (${formatInteger(g.target)} till och med ${toText}): antalet ${unit} den ${refText} visas inte.`,
  ];
  if (projected !== null) {
    const diff = projected - g.target;
    sentences.push(
      diff >= 0
        ? `Prognosen till ${toText} är ${formatInteger(projected)}, ${diff === 0 ? "precis målet" : `${formatInteger(diff)} över målet`}: målet nås enligt prognosen.`
        : `Prognosen till ${toText} är ${formatInteger(projected)}, ${formatInteger(-diff)} under målet: målet nås inte enligt prognosen.`,
    );
  }
  const alt = `Målstapel: ${sentences.join(" ")}${hiddenText(hiddenItems)}`;
  const title = g.title ?? `Måluppfyllelse: ${g.label}`;
  const source = g.source ?? DEFAULT_SOURCE;
  const columns: TableColumn[] = [
    { key: "measure", label: "Mått", format: "text" },
    // Target and projection count no persons; the achieved row is linked to its cell below.
    { key: "value", label: "Antal", format: "integer", persons: false },
    { key: "share", label: "Andel av målet", format: "percent" },
  ];
  const tableRows = rows.map((r) => {
    const v = r.key === "achieved" ? achieved : r.key === "projected" ? (projected as number) : g.target;
    return { measure: r.name, value: v, share: v === null ? null : v / g.target };
  });
  const name = g.name ?? "maluppfyllelse";
  return {
    name,
    title,
    alt,
    spec: frame(body, { title, subtitle: g.subtitle, source, left: bandAxisWidth(ylabels) }),
    table: {
      name,
      caption: title,
      columns,
      rows: tableRows,
      ...(g.achievedCell ? { links: rows.map((r): Record<string, string> => (r.key === "achieved" ? { value: g.achievedCell! } : {})) } : {}),
      note: noteWithHidden(source, hiddenItems),
    },
    source,
    period: `per ${refText}`,
  };
}
