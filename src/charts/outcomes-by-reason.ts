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
  categoryName,
  cell,
  distinct,
  frame,
  genderCode,
  legendFor,
  periodWords,
  plotWidth,
  requireRows,
  rowsOf,
  type BodySpec,
  type RowsInput,
} from "./common.ts";
import { FONT_SIZE, REASON_COLORS, textColorOn } from "./theme.ts";
import {
  HIDDEN_DASH_ENCODING,
  HIDDEN_LEGEND,
  HIDDEN_MARK,
  HIDDEN_TEXT_COLOR,
  hiddenText,
  isHidden,
  noteWithHidden,
  withHiddenEntry,
  withHiddenSymbol,
  type HiddenItem,
} from "./hidden.ts";
import { CellLinks } from "./links.ts";

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
  /** The period the data cover: "YYYY-MM" (January to that month), "YYYY-MM-DD" or words. It
   *  goes into the title of the standalone figure (figures/<name>.svg|png). */
  period?: string;
}

interface Group {
  id: string;
  facet: string | null;
  key: string;
  label: string;
  counts: Record<Reason, number | null>;
  /** The published total (the metric's `ended`, or the sum of shown parts), null when hidden. */
  total: number | null;
}

/** Sum of the shown (non-hidden) parts. */
function shownSum(g: Group): number {
  return REASONS.reduce((s, r) => s + (g.counts[r] ?? 0), 0);
}

function hiddenReasons(g: Group): Reason[] {
  return REASONS.filter((r) => isHidden(g.counts[r]));
}

/**
 * Rows with gender "T" are used; when there are none, K, M and other genders are summed per group.
 * The total of a bar is the metric's `ended` column when given (so the chart shows the total a
 * public table beside it shows), else the sum of the reasons.
 *
 * Hidden (suppressed, `null`) counts never drop a bar: when the total is published, the hidden
 * reasons together are one segment "dolt" (its length is the published total less the shown
 * reasons, which anyone can compute); when the total is hidden, the bar shows the shown reasons
 * and "dolt" instead of the total. The text alternative and the table say what is hidden.
 */
export function outcomesByReason(input: RowsInput<OutcomeRow>, opts: OutcomesByReasonOptions = {}): Chart {
  const by = opts.by ?? "programme";
  const byLabel = opts.byLabel ?? "Insats";
  const all = rowsOf(input);
  requireRows(all, "outcomesByReason");
  const hasTotal = all.some((r) => genderCode(r.gender) === "T");
  const rows = hasTotal ? all.filter((r) => genderCode(r.gender) === "T") : all;

  const groups = new Map<string, Group>();
  const links = new CellLinks();
  // The metric's own total (`ended`) when every row of the group has it.
  const published = new Map<string, number | null | undefined>();
  for (const r of rows) {
    const key = categoryName(r[by]);
    const facet = opts.facet ? categoryName(r[opts.facet]) : null;
    const id = JSON.stringify([facet, key]);
    let g = groups.get(id);
    if (!g) {
      g = { id, facet, key, label: opts.labels?.[key] ?? key, counts: { A: 0, B: 0, C: 0, D: 0, E: 0 }, total: 0 };
      groups.set(id, g);
      published.set(id, 0);
    }
    for (const reason of REASONS) {
      const prev = g.counts[reason];
      const v = cell(r[`ended${reason}`]);
      links.add(id, `ended${reason}`, r, `ended${reason}`);
      g.counts[reason] = isHidden(prev) || isHidden(v) ? null : prev + (Number.isFinite(v) ? v : 0);
    }
    const prevEnded = published.get(id);
    const ended = "ended" in r ? cell(r.ended) : undefined;
    if (ended !== undefined) links.add(id, "total", r, "ended");
    published.set(
      id,
      prevEnded === undefined || ended === undefined ? undefined : isHidden(prevEnded) || isHidden(ended) ? null : prevEnded + (Number.isFinite(ended) ? ended : 0),
    );
  }
  for (const [id, g] of groups) {
    const ended = published.get(id);
    // A hidden part makes the sum hidden: a total is never recomputed around hidden parts.
    g.total = ended !== undefined ? ended : hiddenReasons(g).length > 0 ? null : shownSum(g);
  }

  const list = [...groups.values()].sort(
    (a, b) => (a.facet ?? "").localeCompare(b.facet ?? "", "sv") || (b.total ?? -1) - (a.total ?? -1) || a.label.localeCompare(b.label, "sv"),
  );
  const where = (g: Group) => (g.facet ? `${g.label} (${g.facet})` : g.label);
  const hiddenItems: HiddenItem[] = [];
  for (const g of list) {
    for (const r of hiddenReasons(g)) hiddenItems.push({ row: where(g), what: REASON_LABELS[r].toLowerCase() });
    if (g.total === null) hiddenItems.push({ row: where(g), what: "totalt" });
  }
  const anyHidden = list.some((g) => hiddenReasons(g).length > 0 || g.total === null);
  const max = Math.max(1, ...list.map((g) => Math.max(g.total ?? 0, shownSum(g))));

  const endLabel = (g: Group) => (g.total === null ? HIDDEN_MARK : formatInteger(g.total));
  const totalLabelWidth = Math.ceil(Math.max(measureText(formatInteger(max), FONT_SIZE, "bold"), anyHidden ? measureText(HIDDEN_MARK, FONT_SIZE, "bold") : 0)) + 8;
  const width = plotWidth(list.map((g) => g.label), totalLabelWidth);
  const pxPerUnit = width / max;

  const values: Record<string, unknown>[] = [];
  for (const g of list) {
    let x0 = 0;
    for (const reason of REASONS) {
      const n = g.counts[reason];
      if (isHidden(n) || !(n > 0)) continue;
      const x1 = x0 + n;
      const text = formatInteger(n);
      const fits = n * pxPerUnit >= measureText(text, FONT_SIZE) + 6;
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
      x0 = x1;
    }
    // The hidden reasons together, when the published total gives their length.
    if (hiddenReasons(g).length > 0 && g.total !== null && g.total > x0) {
      const x1 = g.total;
      const fits = (x1 - x0) * pxPerUnit >= measureText(HIDDEN_MARK, FONT_SIZE) + 6;
      values.push({
        kind: "segment",
        facet: g.facet,
        group: g.label,
        reason: HIDDEN_LEGEND,
        reasonOrder: REASONS.length,
        count: null,
        hidden: true,
        x0,
        x1,
        mid: (x0 + x1) / 2,
        label: fits ? HIDDEN_MARK : "",
        textColor: HIDDEN_TEXT_COLOR,
      });
      x0 = x1;
    }
    values.push({ kind: "total", facet: g.facet, group: g.label, x1: Math.max(x0, g.total ?? 0), label: endLabel(g) });
  }

  const legend = withHiddenEntry(
    REASONS.map((r) => REASON_LABELS[r]),
    REASONS.map((r) => REASON_COLORS[r]),
    anyHidden,
  );
  const yEncoding = {
    field: "group",
    type: "nominal",
    sort: distinct(list.map((g) => g.label)),
    title: null,
  };
  const xScale = { domain: [0, max], nice: false, zero: true };
  const legendSpec = legendFor("Avslutsorsak", legend.domain, width + totalLabelWidth);
  const layer: BodySpec[] = [
    {
      transform: [{ filter: { field: "kind", equal: "segment" } }],
      mark: { type: "bar" },
      encoding: {
        y: yEncoding,
        x: { field: "x0", type: "quantitative", scale: xScale, title: "Antal avslutade", axis: { format: ",d", tickMinStep: 1 } },
        x2: { field: "x1" },
        color: { field: "reason", type: "nominal", scale: { domain: legend.domain, range: legend.range }, legend: anyHidden ? withHiddenSymbol(legendSpec) : legendSpec },
        ...(anyHidden ? { strokeDash: HIDDEN_DASH_ENCODING } : {}),
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

  // Text alternative from the shown data only: no number is computed from a hidden one.
  const parts: string[] = [];
  const what = opts.facet ? `${byLabel.toLowerCase()}, ${(opts.facetLabel ?? "utförare").toLowerCase()} och avslutsorsak` : `${byLabel.toLowerCase()} och avslutsorsak`;
  parts.push(`Liggande staplat stapeldiagram: avslutade per ${what}.`);
  const withTotal = list.filter((g) => g.total !== null);
  if (withTotal.length > 0) {
    const grand = withTotal.reduce((s, g) => s + (g.total as number), 0);
    const allTotals = withTotal.length === list.length;
    const shareOf = (r: Reason) => (grand > 0 && withTotal.every((g) => !isHidden(g.counts[r])) ? formatPercent(withTotal.reduce((s, g) => s + (g.counts[r] as number), 0) / grand) : null);
    const shares = [
      ...(shareOf("A") !== null ? [`${shareOf("A")} till arbete`] : []),
      ...(shareOf("B") !== null ? [`${shareOf("B")} till studier`] : []),
    ];
    const scope = allTotals ? "" : ` för de ${withTotal.length} ${withTotal.length === 1 ? "stapel" : "staplar"} där totalen visas`;
    parts.push(`Totalt ${formatInteger(grand)} avslut${scope}${shares.length > 0 ? `, varav ${shares.join(" och ")}` : ""}.`);
    const top = withTotal.reduce((a, b) => ((b.total as number) > (a.total as number) ? b : a));
    const topWhere = top.facet ? `${top.label} hos ${top.facet}` : top.label;
    const topWork = (top.total as number) > 0 && !isHidden(top.counts.A) ? `, varav ${formatPercent(top.counts.A / (top.total as number))} till arbete` : "";
    parts.push(`Flest avslut hade ${topWhere} (${formatInteger(top.total as number)})${topWork}.`);
    const withWork = withTotal.filter((g) => (g.total as number) > 0 && !isHidden(g.counts.A));
    if (withWork.length > 1) {
      const share = (g: Group) => (g.counts.A as number) / (g.total as number);
      const best = withWork.reduce((a, b) => (share(b) > share(a) ? b : a));
      parts.push(`Störst andel till arbete hade ${best.facet ? `${best.label} hos ${best.facet}` : best.label} (${formatPercent(share(best))}).`);
    }
  }
  const alt = parts.join(" ") + hiddenText(hiddenItems);

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
    row.shareWork = g.total === null || isHidden(g.counts.A) ? null : g.total > 0 ? g.counts.A / g.total : NaN;
    return row;
  });
  const name = opts.name ?? (opts.facet ? "avslut-per-insats-och-utforare" : "avslut-per-insats");
  return {
    name,
    title,
    alt,
    spec: frame(body, { title, subtitle: opts.subtitle, source, left: bandAxisWidth(list.map((g) => g.label)) }),
    table: {
      name,
      caption: title,
      columns,
      rows: tableRows,
      ...(links.any ? { links: list.map((g) => links.row(g.id, [...REASONS.map((r) => `ended${r}`), "total"])) } : {}),
      note: noteWithHidden(source, hiddenItems),
    },
    source,
    ...(opts.period !== undefined ? { period: periodWords(opts.period) } : {}),
  };
}
