/**
 * Ended enrolments per programme (or any group) and Kolada ending reason A–E: horizontal stacked
 * bars, counts inside the segments where they fit, the total at the end of each bar, optional small
 * multiples per provider (or any facet column).
 */
import type { Chart, TableColumn } from "./types.ts";
import { measureText } from "../render/fonts.ts";
import { formatInteger, formatPercent } from "../render/format.ts";
import {
  DEFAULT_SOURCE,
  bandAxisWidth,
  cell,
  distinct,
  frame,
  genderCode,
  hiddenSentence,
  legendFor,
  plotWidth,
  requireRows,
  rowsOf,
  sumCells,
  type BodySpec,
  type RowsInput,
} from "./common.ts";
import { FONT_SIZE, REASON_COLORS, textColorOn } from "./theme.ts";

export const REASONS = ["A", "B", "C", "D", "E"] as const;
export type Reason = (typeof REASONS)[number];

/** Kolada's ending reasons (U40450–U40454), as shown in legends and tables. */
export const REASON_LABELS: Readonly<Record<Reason, string>> = {
  A: "Arbete",
  B: "Studier",
  C: "Annan myndighet",
  D: "Fullföljt uppdrag",
  E: "Övrigt",
};

/** One metric row: a group (programme by default), gender and ended counts per reason. */
export interface OutcomeRow {
  gender?: string | null;
  endedA: number | null;
  endedB: number | null;
  endedC: number | null;
  endedD: number | null;
  endedE: number | null;
  [key: string]: unknown;
}

export interface OutcomesByReasonOptions {
  /** Column that names the bars (default "programme"). */
  by?: string;
  /** Column header of `by` in the table (default "Insats"). */
  byLabel?: string;
  /** Display names of the `by` values (e.g. programme code → name). */
  labels?: Readonly<Record<string, string>>;
  /** Small multiples: one panel per value of this column (e.g. "provider"). */
  facet?: string;
  facetLabel?: string;
  title?: string;
  subtitle?: string;
  source?: string;
  name?: string;
}

interface Group {
  facet: string | null;
  key: string;
  label: string;
  counts: Record<Reason, number | null>;
  total: number | null;
}

/**
 * Rows with gender "T" are used; when there are none, K, M and other genders are summed per group.
 * A suppressed count (`null`) hides that group's bar (its row in the table shows "..").
 */
export function outcomesByReason(input: RowsInput<OutcomeRow>, opts: OutcomesByReasonOptions = {}): Chart {
  const by = opts.by ?? "programme";
  const byLabel = opts.byLabel ?? "Insats";
  const all = rowsOf(input);
  requireRows(all, "outcomesByReason");
  const hasTotal = all.some((r) => genderCode(r.gender) === "T");
  const rows = hasTotal ? all.filter((r) => genderCode(r.gender) === "T") : all;

  const groups = new Map<string, Group>();
  for (const r of rows) {
    const key = String(r[by] ?? "");
    const facet = opts.facet ? String(r[opts.facet] ?? "") : null;
    const id = JSON.stringify([facet, key]);
    let g = groups.get(id);
    if (!g) {
      g = {
        facet,
        key,
        label: opts.labels?.[key] ?? key,
        counts: { A: 0, B: 0, C: 0, D: 0, E: 0 },
        total: 0,
      };
      groups.set(id, g);
    }
    for (const reason of REASONS) {
      const prev = g.counts[reason];
      const v = cell(r[`ended${reason}`]);
      g.counts[reason] = prev === null || v === null ? null : prev + (Number.isFinite(v) ? v : 0);
    }
  }
  for (const g of groups.values()) g.total = sumCells(REASONS.map((k) => g.counts[k]));

  const list = [...groups.values()].sort(
    (a, b) => (a.facet ?? "").localeCompare(b.facet ?? "", "sv") || (b.total ?? -1) - (a.total ?? -1) || a.label.localeCompare(b.label, "sv"),
  );
  const shown = list.filter((g) => g.total !== null);
  const hidden = list.filter((g) => g.total === null).map((g) => (g.facet ? `${g.label} (${g.facet})` : g.label));
  const max = Math.max(1, ...shown.map((g) => g.total ?? 0));

  const totalLabelWidth = Math.ceil(measureText(formatInteger(max), FONT_SIZE)) + 8;
  const width = plotWidth(list.map((g) => g.label), totalLabelWidth);
  const pxPerUnit = width / max;

  const values: Record<string, unknown>[] = [];
  for (const g of shown) {
    let x0 = 0;
    for (const reason of REASONS) {
      const n = g.counts[reason] ?? 0;
      const x1 = x0 + n;
      const text = formatInteger(n);
      const fits = n > 0 && n * pxPerUnit >= measureText(text, FONT_SIZE) + 6;
      if (n > 0) {
        values.push({
          kind: "segment",
          facet: g.facet,
          group: g.label,
          reason: REASON_LABELS[reason],
          reasonOrder: REASONS.indexOf(reason),
          count: n,
          x0,
          x1,
          mid: (x0 + x1) / 2,
          label: fits ? text : "",
          textColor: textColorOn(REASON_COLORS[reason]),
        });
      }
      x0 = x1;
    }
    values.push({ kind: "total", facet: g.facet, group: g.label, x1: g.total, label: formatInteger(g.total ?? 0) });
  }

  const reasonDomain = REASONS.map((r) => REASON_LABELS[r]);
  const yEncoding = {
    field: "group",
    type: "nominal",
    sort: distinct(shown.map((g) => g.label)),
    title: null,
  };
  const xScale = { domain: [0, max], nice: false, zero: true };
  const layer: BodySpec[] = [
    {
      transform: [{ filter: { field: "kind", equal: "segment" } }],
      mark: { type: "bar" },
      encoding: {
        y: yEncoding,
        x: { field: "x0", type: "quantitative", scale: xScale, title: "Antal avslutade", axis: { format: ",d", tickMinStep: 1 } },
        x2: { field: "x1" },
        color: {
          field: "reason",
          type: "nominal",
          scale: { domain: reasonDomain, range: REASONS.map((r) => REASON_COLORS[r]) },
          legend: legendFor("Avslutsorsak", reasonDomain, width + totalLabelWidth),
        },
        order: { field: "reasonOrder", type: "quantitative" },
      },
    },
    {
      transform: [{ filter: { field: "kind", equal: "segment" } }],
      mark: { type: "text", align: "center", baseline: "middle" },
      encoding: {
        y: yEncoding,
        x: { field: "mid", type: "quantitative", scale: xScale },
        text: { field: "label", type: "nominal" },
        color: { field: "textColor", type: "nominal", scale: null },
      },
    },
    {
      transform: [{ filter: { field: "kind", equal: "total" } }],
      mark: { type: "text", align: "left", baseline: "middle", dx: 4, fontWeight: "bold" },
      encoding: {
        y: yEncoding,
        x: { field: "x1", type: "quantitative", scale: xScale },
        text: { field: "label", type: "nominal" },
      },
    },
  ];

  const title = opts.title ?? (opts.facet ? `Avslutade per ${byLabel.toLowerCase()}, utförare och avslutsorsak` : `Avslutade per ${byLabel.toLowerCase()} och avslutsorsak`);
  const source = opts.source ?? DEFAULT_SOURCE;
  const inner: BodySpec = { width, height: { step: 24 }, layer };
  const body: BodySpec = opts.facet
    ? {
        data: { values },
        facet: { row: { field: "facet", type: "nominal", title: null, header: { labelAngle: 0, labelAlign: "left", labelAnchor: "start", labelOrient: "top" } } },
        spec: inner,
        resolve: { scale: { y: "independent" } },
      }
    : { data: { values }, ...inner };

  // Text alternative from the data.
  const sum = (k: Reason) => shown.reduce((s, g) => s + (g.counts[k] ?? 0), 0);
  const grand = shown.reduce((s, g) => s + (g.total ?? 0), 0);
  const parts: string[] = [];
  const what = opts.facet ? `${byLabel.toLowerCase()}, ${(opts.facetLabel ?? "utförare").toLowerCase()} och avslutsorsak` : `${byLabel.toLowerCase()} och avslutsorsak`;
  parts.push(`Liggande staplat stapeldiagram: avslutade per ${what}.`);
  if (shown.length > 0) {
    parts.push(
      `Totalt ${formatInteger(grand)} avslut, varav ${grand > 0 ? formatPercent(sum("A") / grand) : "0 %"} till arbete och ${grand > 0 ? formatPercent(sum("B") / grand) : "0 %"} till studier.`,
    );
    const top = shown.reduce((a, b) => ((b.total ?? 0) > (a.total ?? 0) ? b : a));
    const topWhere = top.facet ? `${top.label} hos ${top.facet}` : top.label;
    parts.push(
      `Flest avslut hade ${topWhere} (${formatInteger(top.total ?? 0)}), varav ${(top.total ?? 0) > 0 ? formatPercent((top.counts.A ?? 0) / (top.total ?? 1)) : "0 %"} till arbete.`,
    );
    const withWork = shown.filter((g) => (g.total ?? 0) > 0);
    if (withWork.length > 1) {
      const best = withWork.reduce((a, b) => ((b.counts.A ?? 0) / (b.total ?? 1) > (a.counts.A ?? 0) / (a.total ?? 1) ? b : a));
      parts.push(`Störst andel till arbete hade ${best.facet ? `${best.label} hos ${best.facet}` : best.label} (${formatPercent((best.counts.A ?? 0) / (best.total ?? 1))}).`);
    }
  }
  const alt = parts.join(" ") + hiddenSentence(hidden, "avslut");

  const columns: TableColumn[] = [
    ...(opts.facet ? [{ key: "facet", label: opts.facetLabel ?? "Utförare", format: "text" as const }] : []),
    { key: "group", label: byLabel, format: "text" },
    ...REASONS.map((r): TableColumn => ({ key: `ended${r}`, label: REASON_LABELS[r], format: "integer" })),
    { key: "total", label: "Totalt", format: "integer" },
    { key: "shareWork", label: "Andel till arbete", format: "percent" },
  ];
  const tableRows = list.map((g) => {
    const row: Record<string, string | number | null> = {};
    if (opts.facet) row.facet = g.facet;
    row.group = g.label;
    for (const r of REASONS) row[`ended${r}`] = g.counts[r];
    row.total = g.total;
    row.shareWork = g.total === null || g.counts.A === null ? null : g.total > 0 ? g.counts.A / g.total : NaN;
    return row;
  });
  const name = opts.name ?? (opts.facet ? "avslut-per-insats-och-utforare" : "avslut-per-insats");
  return {
    name,
    title,
    alt,
    spec: frame(body, { title, subtitle: opts.subtitle, source, left: bandAxisWidth(list.map((g) => g.label)) }),
    table: { name, caption: title, columns, rows: tableRows, note: source },
    source,
  };
}
