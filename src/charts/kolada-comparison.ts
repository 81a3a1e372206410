/**
 * One Kolada key figure compared across municipalities: horizontal bars sorted by value. The own
 * municipality is highlighted by colour AND by text (its axis label gets "(egen kommun)" and its
 * value is bold); our own computed value (metric row `source: "computed"`) gets
 * "(egen beräkning)" and a colour of its own; the average row gets "(genomsnitt)" and a grey bar.
 * Suppressed (`..`) and missing (`-`) values get no bar and are listed in the text alternative and
 * the table. A row without a name is labelled by its `municipalityId`, never "null".
 */
import type { Chart, TableColumn } from "./types.ts";
import { measureText } from "../render/fonts.ts";
import { formatDecimal, formatInteger, formatPercent } from "../render/format.ts";
import { bandAxisWidth, cell, countSv, drawable, frame, legendFor, listSv, plotWidth, requireRows, rowsOf, type BodySpec, type RowsInput } from "./common.ts";
import { FONT_SIZE, OKABE_ITO } from "./theme.ts";
import { HIDDEN_MARK } from "./hidden.ts";
import { shareLinkKey } from "./links.ts";

export interface KoladaRow {
  /** Display name; null/empty falls back to `municipalityId`. */
  municipality: string | null;
  municipalityId?: string | null;
  /** NaN or null when suppressed or missing. */
  value: number | null;
  isOwn?: boolean | null;
  /** The average (e.g. "Riket" or "Liknande kommuner, medel"). */
  isAverage?: boolean | null;
  /** From the kolada loader: "ok" | "suppressed" | "missing". */
  status?: string | null;
  /** From the kolada metric: "kolada" | "computed" (our own computed value) | "average". */
  source?: string | null;
  /** The disclosure cells of the counts a computed value is made from (`cells:value`). */
  "cells:value"?: readonly string[] | null;
}

export interface KoladaComparisonOptions {
  /** Kolada key figure id, e.g. "U40455". */
  kpi: string;
  title: string;
  /** What the value is, for the value axis and the text, e.g. "Andel till arbete eller studier,
   *  procent". Default: `title` without the `period` (and with ", <unit>" when `unit` is given). */
  valueLabel?: string;
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

type Kind = "own" | "computed" | "average" | "other";

/** A usable display name: a non-blank string (null, undefined, numbers and "" are not). */
function nameText(v: unknown): string | null {
  return typeof v === "string" && v.trim() !== "" ? v.trim() : null;
}

/** "Andel avslutade" → "andel avslutade"; leaves acronyms ("KPI", "IPS") alone. */
function lowerFirst(s: string): string {
  return /^\p{Lu}\p{Ll}/u.test(s) ? s[0].toLowerCase() + s.slice(1) : s;
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/** `title` without a standalone `period` ("… studier 2022, procent" → "… studier, procent"). */
function withoutPeriod(title: string, period: string): string {
  if (!period) return title;
  const out = title
    .replace(new RegExp(`(^|\\s)${escapeRegExp(period)}(?![\\p{L}\\p{N}])`, "u"), "$1")
    .replace(/\s+([,.;:])/g, "$1")
    .replace(/\s{2,}/g, " ")
    .trim();
  return out || title;
}

export function koladaComparison(input: RowsInput<KoladaRow>, opts: KoladaComparisonOptions): Chart {
  const all = rowsOf(input);
  requireRows(all, "koladaComparison");
  const fmt = (v: number): string => {
    const f = opts.format ?? "decimal1";
    const s = f === "percent" ? formatPercent(v, 1) : f === "integer" ? formatInteger(v) : formatDecimal(v, 1);
    return opts.unit && f !== "percent" ? `${s}\u00a0${opts.unit}` : s;
  };
  const fallback: Record<Kind, string> = { own: "Egen kommun", computed: "Egen beräkning", average: "Genomsnitt", other: "Okänd kommun" };
  const rows = all.map((r) => {
    const v = cell(r.value);
    const status = r.status ?? (drawable(v) ? "ok" : v === null ? "suppressed" : "missing");
    const kind: Kind = r.source === "average" || r.isAverage ? "average" : r.source === "computed" ? "computed" : r.isOwn ? "own" : "other";
    const given = nameText(r.municipality) ?? nameText(r.municipalityId);
    const name = given ?? fallback[kind];
    let label: string;
    if (kind === "own") label = `${name} (egen kommun)`;
    else if (kind === "computed") label = /egen beräkning/i.test(name) ? name : `${name} (egen beräkning)`;
    else if (kind === "average") label = given === null ? name : `${name} (genomsnitt)`;
    else label = name;
    const cells = Array.isArray(r["cells:value"]) ? r["cells:value"].filter((id): id is string => typeof id === "string") : [];
    return { municipality: name, value: drawable(v) ? v : null, status, kind, label, cells };
  });
  // Two rows with one label would be stacked into one bar: number the repeats.
  const seen = new Map<string, number>();
  for (const r of rows) {
    const n = (seen.get(r.label) ?? 0) + 1;
    seen.set(r.label, n);
    if (n > 1) r.label = `${r.label} (${n})`;
  }
  const shown = rows.filter((r) => r.value !== null).sort((a, b) => (b.value as number) - (a.value as number) || a.label.localeCompare(b.label, "sv"));
  const hidden = rows.filter((r) => r.value === null);

  const texts = shown.map((r) => fmt(r.value as number));
  const right = Math.ceil(Math.max(0, ...texts.map((t) => measureText(t, FONT_SIZE, "bold")))) + 8;
  const labels = rows.map((r) => r.label);
  const width = plotWidth(labels, right);
  const colors: Record<Kind, string> = { own: OKABE_ITO.vermillion, computed: OKABE_ITO.orange, average: "#BBBBBB", other: OKABE_ITO.skyBlue };
  const kindLabels: Record<Kind, string> = { own: "Egen kommun", computed: "Egen beräkning", average: "Genomsnitt", other: "Övriga kommuner" };
  const kinds = (["own", "computed", "average", "other"] as const).filter((k) => shown.some((r) => r.kind === k));
  const values: Record<string, unknown>[] = shown.map((r, i) => ({
    label: r.label,
    value: r.value,
    kind: kindLabels[r.kind],
    text: texts[i],
    weight: r.kind === "own" || r.kind === "computed" || r.kind === "average" ? "bold" : "normal",
  }));
  // Rows without a value keep their place on the axis, marked in words instead of a bar.
  for (const r of hidden) values.push({ label: r.label, value: 0, kind: null, text: r.status === "suppressed" ? `${HIDDEN_MARK} (..)` : "uppgift saknas", weight: "none" });
  const periodText = opts.period !== undefined ? String(opts.period) : "";
  const base = withoutPeriod(opts.title, periodText);
  const valueLabel = opts.valueLabel ?? (opts.unit && opts.format !== "percent" ? `${base}, ${opts.unit}` : base);
  const minV = Math.min(0, ...shown.map((r) => r.value as number));
  const y = { field: "label", type: "nominal", sort: [...shown, ...hidden].map((r) => r.label), title: null };
  const x = { field: "value", type: "quantitative", scale: { domainMin: minV, nice: true, zero: true } };
  const body: BodySpec = {
    data: { values },
    width,
    height: { step: 20 },
    encoding: { y },
    layer: [
      {
        transform: [{ filter: "datum.kind !== null" }],
        mark: { type: "bar" },
        encoding: {
          x: { ...x, title: valueLabel, axis: { format: opts.format === "percent" ? ".0%" : opts.format === "integer" ? ",d" : ",.1~f", titleLimit: width } },
          color: {
            field: "kind",
            type: "nominal",
            scale: { domain: kinds.map((k) => kindLabels[k]), range: kinds.map((k) => colors[k]) },
            // One row when it fits beside the plot, else wrapped into columns (at most CHART_WIDTH wide).
            legend: { ...legendFor("", kinds.map((k) => kindLabels[k]), width + right), title: null, orient: "top" },
          },
        },
      },
      ...(["normal", "bold"] as const).map((weight) => ({
        transform: [{ filter: { field: "weight", equal: weight } }],
        mark: { type: "text", align: "left", baseline: "middle", dx: 4, fontWeight: weight },
        encoding: { x, text: { field: "text", type: "nominal" } },
      })),
      ...(hidden.length > 0
        ? [{
            transform: [{ filter: { field: "weight", equal: "none" } }],
            mark: { type: "text", align: "left", baseline: "middle", dx: 4, fontStyle: "italic" },
            encoding: { x, text: { field: "text", type: "nominal" } },
          }]
        : []),
    ],
  };

  const source = opts.source ?? `Källa: Kolada (RKA), nyckeltal ${opts.kpi}${periodText ? `, ${periodText}` : ""}.`;
  // The title names the period already, or the sentence adds "år 2022".
  const titleHasPeriod = periodText !== "" && base !== opts.title;
  const sentences = [`Liggande stapeldiagram: ${lowerFirst(opts.title)}${periodText && !titleHasPeriod ? ` år ${periodText}` : ""}.`];
  const municipalities = shown.filter((r) => r.kind === "own" || r.kind === "other");
  const parts = [countSv(municipalities.length, "kommun", "kommuner")];
  if (shown.some((r) => r.kind === "average")) parts.push("genomsnittet");
  if (shown.some((r) => r.kind === "computed")) parts.push("den egna beräkningen");
  sentences.push(`${listSv(parts)}, sorterade från högst till lägst.`);
  if (municipalities.length > 0) {
    const hi = municipalities[0];
    const lo = municipalities[municipalities.length - 1];
    sentences.push(`Högst: ${hi.municipality} (${fmt(hi.value as number)}). Lägst: ${lo.municipality} (${fmt(lo.value as number)}).`);
  }
  const own = rows.find((r) => r.kind === "own");
  const avg = rows.find((r) => r.kind === "average");
  const computed = rows.find((r) => r.kind === "computed");
  if (own && own.value !== null) {
    const rank = municipalities.findIndex((r) => r === own) + 1;
    let s = `${own.municipality} har ${fmt(own.value)}, plats ${rank} av ${municipalities.length}`;
    if (avg && avg.value !== null) s += own.value > avg.value ? `, över genomsnittet (${fmt(avg.value)})` : own.value < avg.value ? `, under genomsnittet (${fmt(avg.value)})` : `, lika med genomsnittet (${fmt(avg.value)})`;
    sentences.push(`${s}.`);
  } else if (own) {
    sentences.push(`För ${own.municipality} finns inget publicerat värde.`);
  }
  if (computed && computed.value !== null) sentences.push(`Den egna beräkningen ger ${fmt(computed.value)}.`);
  const sup = hidden.filter((r) => r.status === "suppressed").map((r) => r.municipality);
  const mis = hidden.filter((r) => r.status !== "suppressed").map((r) => r.municipality);
  if (sup.length) sentences.push(`Värdet är dolt (..) för ${listSv(sup)}.`);
  if (mis.length) sentences.push(`Värde saknas för ${listSv(mis)}.`);
  const alt = sentences.join(" ");

  const valueFormat = opts.format === "integer" ? "integer" : opts.format === "percent" ? "percent" : "decimal1";
  const columns: TableColumn[] = [
    { key: "municipality", label: "Kommun", format: "text" },
    // Kolada's values are Kolada's to publish; our own computed value is linked to its counts.
    { key: "value", label: opts.unit && opts.format !== "percent" ? `Värde (${opts.unit})` : "Värde", format: valueFormat, persons: false },
    { key: "note", label: "Anmärkning", format: "text" },
  ];
  const notes: Record<Kind, string> = { own: "Egen kommun", computed: "Egen beräkning", average: "Genomsnitt", other: "" };
  const order = [...shown, ...hidden];
  const tableRows = order.map((r) => ({
    municipality: r.municipality,
    // Suppressed stays null (".."), missing is NaN ("–"): see the marker convention in format.ts.
    value: r.value !== null ? r.value : r.status === "suppressed" ? null : NaN,
    note: notes[r.kind],
  }));
  // A computed value counts as showing its counts (see metrics/kolada.ts): linked like a share.
  const links = order.map((r) => Object.fromEntries(r.cells.map((id, i) => [shareLinkKey("value", i + 1), id])));
  const name = opts.name ?? `kolada-${opts.kpi.toLowerCase()}`;
  return {
    name,
    title: opts.title,
    alt,
    spec: frame(body, { title: opts.title, subtitle: opts.subtitle, source, left: bandAxisWidth(labels) }),
    table: {
      name,
      caption: titleHasPeriod || !periodText ? opts.title : `${opts.title} ${periodText}`,
      columns,
      rows: tableRows,
      note: source,
      ...(links.some((l) => Object.keys(l).length > 0) ? { links } : {}),
    },
    source,
  };
}
