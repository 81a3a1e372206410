/**
 * Gender split per group as parts of a whole: 100 % stacked horizontal bars of women, men and
 * other/unknown, with the share written in each segment that has room for it.
 */
import type { Chart, TableColumn } from "./types.ts";
import { measureText } from "../render/fonts.ts";
import { formatInteger, formatPercent } from "../render/format.ts";
import {
  DEFAULT_SOURCE,
  bandAxisWidth,
  cell,
  frame,
  genderCode,
  hiddenSentence,
  legendFor,
  plotWidth,
  requireRows,
  rowsOf,
  type BodySpec,
  type RowsInput,
} from "./common.ts";
import { FONT_SIZE, GENDER_COLORS, GENDER_LABELS, textColorOn, type GenderCode } from "./theme.ts";

/** One metric row in long form: a group, a gender (K, M, X or other, T) and the measure. */
export interface GenderRow {
  gender?: string | null;
  [key: string]: unknown;
}

export interface GenderSplitOptions {
  /** Column with the counts (default "participants"). */
  measure?: string;
  /** Column that names the bars (default "programme"). */
  by?: string;
  title?: string;
  subtitle?: string;
  /** Column header of `by` in the table (default "Insats"). */
  byLabel?: string;
  /** What is counted, plural, lower case (default "deltagare" for participants). */
  measureLabel?: string;
  /** Display names of the `by` values. */
  labels?: Readonly<Record<string, string>>;
  /** Small multiples: one panel per value of this column. */
  facet?: string;
  source?: string;
  name?: string;
}

const PARTS: readonly GenderCode[] = ["K", "M", "X"];

interface Group {
  facet: string | null;
  key: string;
  label: string;
  n: Record<GenderCode, number | null>;
  total: number | null;
}

/**
 * Bars are drawn from the parts K, M and X (the whole is K + M + X); any gender other than K and M
 * counts as "X" (other/unknown: kept, never dropped). A "T" row, when given, is the group's total
 * in the data table, so a public report shows the same total in its charts and tables. A group with a suppressed part (`null`) gets
 * no bar, since its shares could not be shown without revealing or guessing the hidden count.
 */
export function genderSplit(input: RowsInput<GenderRow>, opts: GenderSplitOptions = {}): Chart {
  const measure = opts.measure ?? "participants";
  const by = opts.by ?? "programme";
  const byLabel = opts.byLabel ?? "Insats";
  const noun = opts.measureLabel ?? (measure === "participants" ? "deltagare" : measure);
  const all = rowsOf(input);
  requireRows(all, "genderSplit");

  const groups = new Map<string, Group>();
  // The metric's own total (T row), when given: in public mode a part may be suppressed while
  // the total is shown, and the chart's table must show the same cells as the report's tables.
  const totals = new Map<string, number | null>();
  for (const r of all) {
    const g0 = genderCode(r.gender);
    const key = String(r[by] ?? "");
    const facet = opts.facet ? String(r[opts.facet] ?? "") : null;
    const id = JSON.stringify([facet, key]);
    if (g0 === "T") {
      totals.set(id, cell(r[measure]));
      continue;
    }
    let g = groups.get(id);
    if (!g) {
      g = { facet, key, label: opts.labels?.[key] ?? key, n: { K: 0, M: 0, X: 0 }, total: 0 };
      groups.set(id, g);
    }
    const v = cell(r[measure]);
    const prev = g.n[g0];
    g.n[g0] = prev === null || v === null ? null : prev + (Number.isFinite(v) ? v : 0);
  }
  const list = [...groups.values()];
  for (const [id, g] of groups) {
    const partsKnown = !PARTS.some((p) => g.n[p] === null);
    g.total = totals.has(id) ? totals.get(id)! : partsKnown ? PARTS.reduce((s, p) => s + (g.n[p] ?? 0), 0) : null;
  }
  // a bar needs every part: a group with a suppressed part is left out of the chart
  const shown = list.filter((g) => g.total !== null && g.total > 0 && !PARTS.some((p) => g.n[p] === null));
  const hidden = list.filter((g) => !shown.includes(g)).map((g) => g.label);
  const hasX = list.some((g) => g.n.X !== 0);
  const parts = hasX ? PARTS : PARTS.filter((p) => p !== "X");

  const width = plotWidth(list.map((g) => g.label), 4);
  const values: Record<string, unknown>[] = [];
  for (const g of shown) {
    let x0 = 0;
    for (const p of parts) {
      const n = g.n[p] ?? 0;
      const share = n / (g.total as number);
      const x1 = x0 + share;
      const pct = formatPercent(share);
      const long = `${GENDER_LABELS[p]} ${pct}`;
      const px = share * width;
      const label = px >= measureText(long, FONT_SIZE) + 8 ? long : px >= measureText(pct, FONT_SIZE) + 6 ? pct : "";
      if (n > 0) {
        values.push({
          facet: g.facet,
          group: g.label,
          gender: GENDER_LABELS[p],
          order: PARTS.indexOf(p),
          count: n,
          share,
          x0,
          x1,
          mid: (x0 + x1) / 2,
          label,
          textColor: textColorOn(GENDER_COLORS[p]),
        });
      }
      x0 = x1;
    }
  }

  const genderDomain = parts.map((p) => GENDER_LABELS[p]);
  const y = { field: "group", type: "nominal", sort: shown.map((g) => g.label), title: null };
  const x = { type: "quantitative", scale: { domain: [0, 1], nice: false } };
  const layer: BodySpec[] = [
    {
      mark: { type: "bar" },
      encoding: {
        y,
        x: { ...x, field: "x0", title: `Andel av ${noun}`, axis: { format: ".0%", values: [0, 0.25, 0.5, 0.75, 1] } },
        x2: { field: "x1" },
        color: {
          field: "gender",
          type: "nominal",
          scale: { domain: genderDomain, range: parts.map((p) => GENDER_COLORS[p]) },
          legend: legendFor("Kön", genderDomain, width),
        },
        order: { field: "order", type: "quantitative" },
      },
    },
    {
      mark: { type: "text", align: "center", baseline: "middle" },
      encoding: {
        y,
        x: { ...x, field: "mid" },
        text: { field: "label", type: "nominal" },
        color: { field: "textColor", type: "nominal", scale: null },
      },
    },
  ];
  const inner: BodySpec = { width, height: { step: 24 }, layer };
  const body: BodySpec = opts.facet
    ? {
        data: { values },
        facet: { row: { field: "facet", type: "nominal", title: null, header: { labelAngle: 0, labelAlign: "left", labelAnchor: "start", labelOrient: "top" } } },
        spec: inner,
        resolve: { scale: { y: "independent" } },
      }
    : { data: { values }, ...inner };

  const title = opts.title ?? `${noun[0].toUpperCase()}${noun.slice(1)} per ${byLabel.toLowerCase()} och kön`;
  const source = opts.source ?? DEFAULT_SOURCE;

  // Text alternative from the data.
  const sum = (p: GenderCode) => shown.reduce((s, g) => s + (g.n[p] ?? 0), 0);
  const grand = sum("K") + sum("M") + sum("X");
  const sentences = [`Liggande stapeldiagram med andelar (100 %): ${noun} per ${byLabel.toLowerCase()} fördelade på kön.`];
  if (grand > 0) {
    const xText = hasX ? ` och ${formatPercent(sum("X") / grand)} annat eller okänt kön` : "";
    sentences.push(`Totalt ${formatInteger(grand)} ${noun}: ${formatPercent(sum("K") / grand)} kvinnor, ${formatPercent(sum("M") / grand)} män${xText}.`);
  }
  if (shown.length > 1) {
    const shareK = (g: Group) => (g.n.K ?? 0) / (g.total as number);
    const hi = shown.reduce((a, b) => (shareK(b) > shareK(a) ? b : a));
    const lo = shown.reduce((a, b) => (shareK(b) < shareK(a) ? b : a));
    sentences.push(`Störst andel kvinnor hade ${hi.label} (${formatPercent(shareK(hi))}), minst ${lo.label} (${formatPercent(shareK(lo))}).`);
  } else if (shown.length === 1) {
    const g = shown[0];
    sentences.push(`${g.label}: ${formatPercent((g.n.K ?? 0) / (g.total as number))} kvinnor.`);
  }
  const alt = sentences.join(" ") + hiddenSentence(hidden, "andelar");

  const columns: TableColumn[] = [
    ...(opts.facet ? [{ key: "facet", label: "Utförare", format: "text" as const }] : []),
    { key: "group", label: byLabel, format: "text" },
    ...parts.map((p): TableColumn => ({ key: `n${p}`, label: GENDER_LABELS[p], format: "integer" })),
    { key: "total", label: "Totalt", format: "integer" },
    ...parts.map((p): TableColumn => ({ key: `share${p}`, label: `Andel ${GENDER_LABELS[p].toLowerCase()}`, format: "percent" })),
  ];
  const rows = list.map((g) => {
    const row: Record<string, string | number | null> = {};
    if (opts.facet) row.facet = g.facet;
    row.group = g.label;
    for (const p of parts) row[`n${p}`] = g.n[p];
    row.total = g.total;
    for (const p of parts) row[`share${p}`] = g.total === null || g.n[p] === null ? null : g.total > 0 ? (g.n[p] as number) / g.total : NaN;
    return row;
  });
  const name = opts.name ?? `${measure === "participants" ? "deltagare" : measure}-per-kon`;
  return {
    name,
    title,
    alt,
    spec: frame(body, { title, subtitle: opts.subtitle, source, left: bandAxisWidth(list.map((g) => g.label)) }),
    table: { name, caption: title, columns, rows, note: source },
    source,
  };
}
