/**
 * Grouped vertical bars of counts per band (age band, time band, …) and gender, with the count
 * written above each bar. The common part of `ageDistribution` and `timeInProgramme`.
 */
import type { Chart, TableColumn } from "./types.ts";
import { formatInteger, formatPercent } from "../render/format.ts";
import { measureText } from "../render/fonts.ts";
import { DEFAULT_SOURCE, categoryName, cell, frame, genderCode, legendFor, listSv, periodWords, requireRows, rowsOf, type BodySpec, type RowsInput } from "./common.ts";
import { CellLinks } from "./links.ts";
import { HIDDEN_DASH_ENCODING, HIDDEN_FILL, HIDDEN_LEGEND, HIDDEN_MARK, hiddenText, isHidden, noteWithHidden, withHiddenEntry, withHiddenSymbol, type HiddenItem } from "./hidden.ts";
import { CHART_PADDING, CHART_WIDTH, FONT_SIZE, GENDER_COLORS, GENDER_LABELS, type GenderCode } from "./theme.ts";

export interface BandGenderRow {
  gender?: string | null;
  [key: string]: unknown;
}

export interface GenderBarsConfig {
  bandField: string;
  measure: string;
  /** Header of the band column, e.g. "Åldersgrupp". */
  bandLabel: string;
  /** The band, lower case, in running text: "åldersgrupp". */
  bandNoun: string;
  /** Its definite form (default `bandNoun` + "en": "åldersgruppen"; "året" for "år"). */
  bandDefinite?: string;
  /** What is counted, plural: "deltagare". */
  noun: string;
  /** Band order; default: order of first appearance in the input. */
  order?: readonly string[];
  title: string;
  subtitle?: string;
  source?: string;
  name: string;
  xTitle: string;
  /** The period the data cover ("YYYY-MM", "YYYY-MM-DD" or words), for the standalone figure. */
  period?: string;
}

const PARTS: readonly GenderCode[] = ["K", "M", "X"];

/** Height (px) of the stub that marks a hidden bar at the base of the plot. */
const HIDDEN_STUB = 6;
const PLOT_HEIGHT = 240;

/**
 * Hidden (suppressed, `null`) counts keep their place: a short dashed stub at the base of the
 * plot labelled "dolt" and a legend entry, never a bar of guessed height. A band's total is its T
 * row when given, else K + M + X, and hidden when a part is (never recomputed around it).
 */
export function genderBars(input: RowsInput<BandGenderRow>, c: GenderBarsConfig): Chart {
  const all = rowsOf(input);
  requireRows(all, c.name);
  const bands = new Map<string, { n: Record<GenderCode, number | null>; t: number | null | undefined }>();
  const links = new CellLinks();
  for (const r of all) {
    const band = categoryName(r[c.bandField]);
    let b = bands.get(band);
    if (!b) {
      b = { n: { K: 0, M: 0, X: 0 }, t: undefined };
      bands.set(band, b);
    }
    const v = cell(r[c.measure]);
    const g = genderCode(r.gender);
    links.add(band, g === "T" ? "total" : `n${g}`, r, c.measure);
    if (g === "T") {
      b.t = isHidden(v) ? null : Number.isFinite(v) ? v : undefined;
      continue;
    }
    const prev = b.n[g];
    b.n[g] = isHidden(prev) || isHidden(v) ? null : prev + (Number.isFinite(v) ? v : 0);
  }
  const order = [...(c.order ?? []), ...[...bands.keys()].filter((k) => !c.order?.includes(k))].filter((k) => bands.has(k));
  const hasX = [...bands.values()].some((b) => b.n.X !== 0);
  const parts = hasX ? PARTS : PARTS.filter((p) => p !== "X");
  // The total: the T row when given, else K + M + X (null when a part is hidden).
  const total = (b: { n: Record<GenderCode, number | null>; t: number | null | undefined }): number | null =>
    b.t !== undefined ? b.t : PARTS.some((p) => isHidden(b.n[p])) ? null : PARTS.reduce((s, p) => s + (b.n[p] ?? 0), 0);

  const hiddenItems: HiddenItem[] = [];
  const values: Record<string, unknown>[] = [];
  for (const band of order) {
    const b = bands.get(band)!;
    for (const p of parts) {
      const n = b.n[p];
      if (isHidden(n)) {
        hiddenItems.push({ row: band, what: GENDER_LABELS[p].toLowerCase() });
        values.push({ band, gender: GENDER_LABELS[p], fill: HIDDEN_LEGEND, hidden: true, order: PARTS.indexOf(p), count: null, label: HIDDEN_MARK });
      } else {
        values.push({ band, gender: GENDER_LABELS[p], fill: GENDER_LABELS[p], hidden: false, order: PARTS.indexOf(p), count: n, labelY: n, label: formatInteger(n) });
      }
    }
    const t = total(b);
    if (t === null) hiddenItems.push({ row: band, what: "totalt" });
    // A published total beside hidden parts is written over the band: it is shown in the table too.
    else if (parts.some((p) => isHidden(b.n[p]))) values.push({ band, kind: "total", hidden: null, label: `Totalt ${formatInteger(t)}` });
  }
  const anyHidden = hiddenItems.length > 0;
  const max = Math.max(1, ...values.map((v) => (typeof v.count === "number" ? v.count : 0)));
  const axisLabelW = Math.ceil(measureText(formatInteger(max), FONT_SIZE)) + 30; // labels, ticks, title
  const width = Math.floor(CHART_WIDTH - 2 * CHART_PADDING - axisLabelW);
  const genderDomain = parts.map((p) => GENDER_LABELS[p]);
  const legend = withHiddenEntry(genderDomain, parts.map((p) => GENDER_COLORS[p]), anyHidden);
  const legendSpec = legendFor("Kön", legend.domain, width);
  const x = { field: "band", type: "nominal", sort: order, title: c.xTitle, axis: { labelAngle: 0 } };
  const xOffset = { field: "gender", type: "nominal", sort: genderDomain, scale: { domain: genderDomain, paddingInner: 0.05 } };
  const color = { field: "fill", type: "nominal", scale: { domain: legend.domain, range: legend.range }, legend: anyHidden ? withHiddenSymbol(legendSpec) : legendSpec };
  const body: BodySpec = {
    data: { values },
    width,
    height: PLOT_HEIGHT,
    encoding: { x },
    layer: [
      {
        transform: [{ filter: "datum.hidden === false" }],
        mark: { type: "bar" },
        encoding: {
          xOffset,
          y: { field: "count", type: "quantitative", title: `Antal ${c.noun}`, axis: { format: ",d", tickMinStep: 1 }, scale: { domain: [0, max], nice: true } },
          color,
        },
      },
      {
        transform: [{ filter: "datum.hidden === false" }],
        mark: { type: "text", baseline: "bottom", dy: -2, fontSize: FONT_SIZE - 1 },
        encoding: {
          xOffset,
          y: { field: "labelY", type: "quantitative" },
          text: { field: "label", type: "nominal" },
        },
      },
      ...(anyHidden
        ? [
            // Hidden counts: a dashed stub at the base and "dolt" above it (pixel positions: no
            // height is drawn for a value that is not shown).
            {
              transform: [{ filter: "datum.hidden === true" }],
              mark: { type: "bar", fill: HIDDEN_FILL },
              encoding: { xOffset, y: { value: PLOT_HEIGHT - HIDDEN_STUB }, y2: { value: PLOT_HEIGHT }, color, strokeDash: HIDDEN_DASH_ENCODING },
            },
            {
              transform: [{ filter: "datum.hidden === true" }],
              mark: { type: "text", baseline: "bottom", dy: -2, fontSize: FONT_SIZE - 1 },
              encoding: { xOffset, y: { value: PLOT_HEIGHT - HIDDEN_STUB }, text: { field: "label", type: "nominal" } },
            },
            {
              transform: [{ filter: "datum.kind === 'total'" }],
              mark: { type: "text", baseline: "bottom", dy: -2, fontSize: FONT_SIZE - 1, fontWeight: "bold" },
              encoding: { x: { ...x, bandPosition: 0.5 }, y: { value: PLOT_HEIGHT - HIDDEN_STUB - FONT_SIZE - 6 }, text: { field: "label", type: "nominal" } },
            },
          ]
        : []),
    ],
  };

  // Text alternative from published values only.
  const withTotals = order.map((band) => ({ band, b: bands.get(band)!, t: total(bands.get(band)!) }));
  const known = withTotals.filter((w) => w.t !== null && Number.isFinite(w.t));
  const grand = known.reduce((s, w) => s + (w.t as number), 0);
  const sentences = [`Stapeldiagram: ${c.noun} per ${c.bandNoun} och kön (${listSv(genderDomain.map((g) => g.toLowerCase()))}).`];
  if (known.length > 0) {
    sentences.push(`Totalt ${formatInteger(grand)} ${c.noun}${known.length < withTotals.length ? ` i de ${known.length} grupper där totalen visas` : ""}.`);
    const top = known.reduce((a, w) => ((w.t as number) > (a.t as number) ? w : a));
    const k = top.b.n.K;
    const womenShare = !isHidden(k) && (top.t as number) > 0 ? `, varav ${formatPercent(k / (top.t as number))} kvinnor` : "";
    sentences.push(`Flest ${c.noun} fanns i ${c.bandDefinite ?? `${c.bandNoun}en`} ${top.band} (${formatInteger(top.t as number)}${womenShare}).`);
  }
  const alt = sentences.join(" ") + hiddenText(hiddenItems);

  const columns: TableColumn[] = [
    { key: "band", label: c.bandLabel, format: "text" },
    ...parts.map((p): TableColumn => ({ key: `n${p}`, label: GENDER_LABELS[p], format: "integer" })),
    { key: "total", label: "Totalt", format: "integer" },
  ];
  const rows = withTotals.map((w) => {
    const row: Record<string, string | number | null> = { band: w.band };
    for (const p of parts) row[`n${p}`] = w.b.n[p];
    row.total = w.t;
    return row;
  });
  const source = c.source ?? DEFAULT_SOURCE;
  return {
    name: c.name,
    title: c.title,
    alt,
    spec: frame(body, { title: c.title, subtitle: c.subtitle, source, left: axisLabelW }),
    table: {
      name: c.name,
      caption: c.title,
      columns,
      rows,
      ...(links.any ? { links: withTotals.map((w) => links.row(w.band, [...parts.map((p) => `n${p}`), "total"])) } : {}),
      note: noteWithHidden(source, hiddenItems),
    },
    source,
    ...(c.period !== undefined ? { period: periodWords(c.period) } : {}),
  };
}
