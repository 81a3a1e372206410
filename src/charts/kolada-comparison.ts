/**
 * One Kolada key figure compared across municipalities: horizontal bars sorted by value. The own
 * municipality is highlighted by colour AND by text (its axis label gets "(egen kommun)" and its
 * value is bold); the average row gets "(genomsnitt)" and a grey bar. Suppressed (`..`) and missing
 * (`-`) values get no bar and are listed in the text alternative and the table.
 */
import type { Chart, TableColumn } from "./types.ts";
import { measureText } from "../render/fonts.ts";
import { formatDecimal, formatInteger, formatPercent } from "../render/format.ts";
import { DEFAULT_SOURCE, bandAxisWidth, cell, drawable, frame, listSv, plotWidth, requireRows, rowsOf, type BodySpec, type RowsInput } from "./common.ts";
import { FONT_SIZE, OKABE_ITO } from "./theme.ts";

export interface KoladaRow {
  municipality: string;
  /** NaN or null when suppressed or missing. */
  value: number | null;
  isOwn?: boolean | null;
  /** The average (e.g. "Riket" or "Liknande kommuner, medel"). */
  isAverage?: boolean | null;
  /** From the kolada loader: "ok" | "suppressed" | "missing". */
  status?: string | null;
}

export interface KoladaComparisonOptions {
  /** Kolada key figure id, e.g. "U40455". */
  kpi: string;
  title: string;
  subtitle?: string;
  /** Year of the values, for the text. */
  period?: number | string;
  /** Number format of the values: "decimal1" (default), "integer", or "percent" (value is a share 0..1). */
  format?: "decimal1" | "integer" | "percent";
  /** Unit after the value in labels and text, e.g. "%" or "kr/inv" (not used with format "percent"). */
  unit?: string;
  source?: string;
  name?: string;
}

export function koladaComparison(input: RowsInput<KoladaRow>, opts: KoladaComparisonOptions): Chart {
  const all = rowsOf(input);
  requireRows(all, "koladaComparison");
  const fmt = (v: number): string => {
    const f = opts.format ?? "decimal1";
    const s = f === "percent" ? formatPercent(v, 1) : f === "integer" ? formatInteger(v) : formatDecimal(v, 1);
    return opts.unit && f !== "percent" ? `${s}\u00a0${opts.unit}` : s;
  };
  const rows = all.map((r) => {
    const v = cell(r.value);
    const status = r.status ?? (drawable(v) ? "ok" : v === null ? "suppressed" : "missing");
    const kind = r.isOwn ? "own" : r.isAverage ? "average" : "other";
    const label = kind === "own" ? `${r.municipality} (egen kommun)` : kind === "average" ? `${r.municipality} (genomsnitt)` : r.municipality;
    return { municipality: r.municipality, value: drawable(v) ? v : null, status, kind, label };
  });
  const shown = rows.filter((r) => r.value !== null).sort((a, b) => (b.value as number) - (a.value as number) || a.label.localeCompare(b.label, "sv"));
  const hidden = rows.filter((r) => r.value === null);

  const texts = shown.map((r) => fmt(r.value as number));
  const right = Math.ceil(Math.max(0, ...texts.map((t) => measureText(t, FONT_SIZE, "bold")))) + 8;
  const labels = rows.map((r) => r.label);
  const width = plotWidth(labels, right);
  const colors = { own: OKABE_ITO.vermillion, average: "#BBBBBB", other: OKABE_ITO.skyBlue };
  const kindLabels = { own: "Egen kommun", average: "Genomsnitt", other: "Övriga kommuner" };
  const kinds = (["own", "average", "other"] as const).filter((k) => shown.some((r) => r.kind === k));
  const values = shown.map((r, i) => ({
    label: r.label,
    value: r.value,
    kind: kindLabels[r.kind as keyof typeof kindLabels],
    text: texts[i],
    weight: r.kind === "other" ? "normal" : "bold",
  }));
  const minV = Math.min(0, ...shown.map((r) => r.value as number));
  const y = { field: "label", type: "nominal", sort: shown.map((r) => r.label), title: null };
  const x = { field: "value", type: "quantitative", scale: { domainMin: minV, nice: true, zero: true } };
  const body: BodySpec = {
    data: { values },
    width,
    height: { step: 20 },
    encoding: { y },
    layer: [
      {
        mark: { type: "bar" },
        encoding: {
          x: { ...x, title: opts.unit ? `${opts.kpi}, ${opts.unit}` : opts.kpi, axis: { format: opts.format === "percent" ? ".0%" : opts.format === "integer" ? ",d" : ",.1~f" } },
          color: {
            field: "kind",
            type: "nominal",
            scale: { domain: kinds.map((k) => kindLabels[k]), range: kinds.map((k) => colors[k]) },
            legend: { title: null, orient: "top", direction: "horizontal" },
          },
        },
      },
      ...(["normal", "bold"] as const).map((weight) => ({
        transform: [{ filter: { field: "weight", equal: weight } }],
        mark: { type: "text", align: "left", baseline: "middle", dx: 4, fontWeight: weight },
        encoding: { x, text: { field: "text", type: "nominal" } },
      })),
    ],
  };

  const period = opts.period !== undefined ? ` ${opts.period}` : "";
  const source = opts.source ?? `Källa: Kolada (RKA), nyckeltal ${opts.kpi}${period}.`;
  const sentences = [`Liggande stapeldiagram: ${opts.title}${period}, ${shown.length} jämförda värden sorterade från högst till lägst.`];
  if (shown.length > 0) {
    const hi = shown[0];
    const lo = shown[shown.length - 1];
    sentences.push(`Högst: ${hi.municipality} (${fmt(hi.value as number)}). Lägst: ${lo.municipality} (${fmt(lo.value as number)}).`);
  }
  const own = rows.find((r) => r.kind === "own");
  const avg = rows.find((r) => r.kind === "average");
  if (own && own.value !== null) {
    const rank = shown.filter((r) => r.kind !== "average").findIndex((r) => r === own) + 1;
    const n = shown.filter((r) => r.kind !== "average").length;
    let s = `${own.municipality} har ${fmt(own.value)}, plats ${rank} av ${n}`;
    if (avg && avg.value !== null) s += own.value > avg.value ? `, över genomsnittet (${fmt(avg.value)})` : own.value < avg.value ? `, under genomsnittet (${fmt(avg.value)})` : `, lika med genomsnittet (${fmt(avg.value)})`;
    sentences.push(`${s}.`);
  } else if (own) {
    sentences.push(`För ${own.municipality} finns inget publicerat värde.`);
  }
  const sup = hidden.filter((r) => r.status === "suppressed").map((r) => r.municipality);
  const mis = hidden.filter((r) => r.status !== "suppressed").map((r) => r.municipality);
  if (sup.length) sentences.push(`Värdet är dolt (..) för ${listSv(sup)}.`);
  if (mis.length) sentences.push(`Värde saknas för ${listSv(mis)}.`);
  const alt = sentences.join(" ");

  const valueFormat = opts.format === "integer" ? "integer" : opts.format === "percent" ? "percent" : "decimal1";
  const columns: TableColumn[] = [
    { key: "municipality", label: "Kommun", format: "text" },
    { key: "value", label: opts.unit && opts.format !== "percent" ? `Värde (${opts.unit})` : "Värde", format: valueFormat },
    { key: "note", label: "Anmärkning", format: "text" },
  ];
  const order = [...shown, ...hidden];
  const tableRows = order.map((r) => ({
    municipality: r.municipality,
    // Suppressed stays null (".."), missing is NaN ("–"): see the marker convention in format.ts.
    value: r.value !== null ? r.value : r.status === "suppressed" ? null : NaN,
    note: r.kind === "own" ? "Egen kommun" : r.kind === "average" ? "Genomsnitt" : "",
  }));
  const name = opts.name ?? `kolada-${opts.kpi.toLowerCase()}`;
  return {
    name,
    title: opts.title,
    alt,
    spec: frame(body, { title: opts.title, subtitle: opts.subtitle, source, left: bandAxisWidth(labels) }),
    table: { name, caption: `${opts.title}${period}`, columns, rows: tableRows, note: source },
    source,
  };
}
