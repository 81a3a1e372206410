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
  categoryName,
  cell,
  frame,
  genderCode,
  legendFor,
  listSv,
  periodWords,
  plotWidth,
  requireRows,
  rowsOf,
  type BodySpec,
  type RowsInput,
} from "./common.ts";
import { FONT_SIZE, GENDER_COLORS, GENDER_LABELS, textColorOn, type GenderCode } from "./theme.ts";
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
  /** The period the data cover: "YYYY-MM" (January to that month), "YYYY-MM-DD" or words; named
   *  in the title of the standalone figure. */
  period?: string;
}

const PARTS: readonly GenderCode[] = ["K", "M", "X"];

interface Group {
  id: string;
  facet: string | null;
  key: string;
  label: string;
  n: Record<GenderCode, number | null>;
  /** The group's total: its T row when given, else K + M + X; null when hidden. */
  total: number | null;
}

/**
 * Bars are 100 % of the group's total, split into K, M and X (any gender other than K and M
 * counts as "X": other/unknown, kept, never dropped). The total is the metric's own T row when
 * given, so a public report shows the same total in its charts and tables; without T rows it is
 * K + M + X.
 *
 * Hidden (suppressed, `null`) counts never drop a bar. With a published total the hidden parts
 * together are one segment "dolt" (its share is what the published total leaves, which anyone can
 * compute); with a hidden total the whole bar is "dolt". A total is never recomputed around hidden
 * parts. The text alternative and the table count what is hidden.
 */
export function genderSplit(input: RowsInput<GenderRow>, opts: GenderSplitOptions = {}): Chart {
  const measure = opts.measure ?? "participants";
  const by = opts.by ?? "programme";
  const byLabel = opts.byLabel ?? "Insats";
  const noun = opts.measureLabel ?? (measure === "participants" ? "deltagare" : measure);
  const all = rowsOf(input);
  requireRows(all, "genderSplit");

  const groups = new Map<string, Group>();
  const totals = new Map<string, number | null>();
  const links = new CellLinks();
  const ensure = (id: string, facet: string | null, key: string): Group => {
    let g = groups.get(id);
    if (!g) {
      g = { id, facet, key, label: opts.labels?.[key] ?? key, n: { K: 0, M: 0, X: 0 }, total: 0 };
      groups.set(id, g);
    }
    return g;
  };
  for (const r of all) {
    const g0 = genderCode(r.gender);
    const key = categoryName(r[by]);
    const facet = opts.facet ? categoryName(r[opts.facet]) : null;
    const id = JSON.stringify([facet, key]);
    const g = ensure(id, facet, key);
    const v = cell(r[measure]);
    links.add(id, g0 === "T" ? "total" : `n${g0}`, r, measure);
    if (g0 === "T") {
      totals.set(id, isHidden(v) ? null : Number.isFinite(v) ? v : 0);
      continue;
    }
    const prev = g.n[g0];
    g.n[g0] = isHidden(prev) || isHidden(v) ? null : prev + (Number.isFinite(v) ? v : 0);
  }
  const list = [...groups.values()];
  for (const [id, g] of groups) {
    const hiddenPart = PARTS.some((p) => isHidden(g.n[p]));
    g.total = totals.has(id) ? totals.get(id)! : hiddenPart ? null : PARTS.reduce((s, p) => s + (g.n[p] ?? 0), 0);
  }
  const hasX = list.some((g) => g.n.X !== 0);
  const parts = hasX ? PARTS : PARTS.filter((p) => p !== "X");
  const where = (g: Group) => (g.facet ? `${g.label} (${g.facet})` : g.label);
  const hiddenItems: HiddenItem[] = [];
  for (const g of list) {
    for (const p of parts) if (isHidden(g.n[p])) hiddenItems.push({ row: where(g), what: GENDER_LABELS[p].toLowerCase() });
    if (g.total === null) hiddenItems.push({ row: where(g), what: "totalt" });
  }
  const anyHidden = hiddenItems.length > 0;

  const width = plotWidth(list.map((g) => g.label), 4);
  const labelFor = (share: number, long: string, short: string) => {
    const px = share * width;
    return px >= measureText(long, FONT_SIZE) + 8 ? long : px >= measureText(short, FONT_SIZE) + 6 ? short : "";
  };
  const values: Record<string, unknown>[] = [];
  for (const g of list) {
    const total = g.total;
    if (total === null) {
      // Hidden total: no share can be shown; the whole bar is marked.
      values.push({ facet: g.facet, group: g.label, gender: HIDDEN_LEGEND, order: PARTS.length, count: null, share: null, hidden: true, x0: 0, x1: 1, mid: 0.5, label: HIDDEN_MARK, textColor: HIDDEN_TEXT_COLOR });
      continue;
    }
    if (!(total > 0)) continue;
    let x0 = 0;
    for (const p of parts) {
      const n = g.n[p];
      if (isHidden(n) || !(n > 0)) continue;
      const share = n / total;
      const x1 = x0 + share;
      const pct = formatPercent(share);
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
        label: labelFor(share, `${GENDER_LABELS[p]} ${pct}`, pct),
        textColor: textColorOn(GENDER_COLORS[p]),
      });
      x0 = x1;
    }
    // The hidden parts together: what the published total leaves.
    if (parts.some((p) => isHidden(g.n[p])) && x0 < 1 - 1e-9) {
      values.push({ facet: g.facet, group: g.label, gender: HIDDEN_LEGEND, order: PARTS.length, count: null, share: null, hidden: true, x0, x1: 1, mid: (x0 + 1) / 2, label: labelFor(1 - x0, HIDDEN_MARK, ".."), textColor: HIDDEN_TEXT_COLOR });
    }
  }

  const legend = withHiddenEntry(
    parts.map((p) => GENDER_LABELS[p]),
    parts.map((p) => GENDER_COLORS[p]),
    anyHidden,
  );
  const legendSpec = legendFor("Kön", legend.domain, width);
  const y = { field: "group", type: "nominal", sort: list.map((g) => g.label), title: null };
  const x = { type: "quantitative", scale: { domain: [0, 1], nice: false } };
  const layer: BodySpec[] = [
    {
      mark: { type: "bar" },
      encoding: {
        y,
        x: { ...x, field: "x0", title: `Andel av ${noun}`, axis: { format: ".0%", values: [0, 0.25, 0.5, 0.75, 1] } },
        x2: { field: "x1" },
        color: { field: "gender", type: "nominal", scale: { domain: legend.domain, range: legend.range }, legend: anyHidden ? withHiddenSymbol(legendSpec) : legendSpec },
        ...(anyHidden ? { strokeDash: HIDDEN_DASH_ENCODING } : {}),
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

  // Text alternative from published values only: no number is computed from a hidden one.
  const per = byLabel.toLowerCase();
  const sentences = [`Liggande stapeldiagram med andelar (100 %): ${noun} per ${per} fördelade på kön.`];
  const withTotal = list.filter((g) => g.total !== null && g.total > 0);
  if (withTotal.length > 0) {
    const grand = withTotal.reduce((s, g) => s + (g.total as number), 0);
    const allTotals = withTotal.length === list.filter((g) => g.total !== 0).length;
    const scope = allTotals ? `summerat över alla grupper` : `summerat över de ${withTotal.length} grupper där totalen visas`;
    const shareOf = (p: GenderCode) => (withTotal.every((g) => !isHidden(g.n[p])) ? withTotal.reduce((s, g) => s + (g.n[p] as number), 0) / grand : null);
    const shareTexts = parts
      .map((p) => ({ p, s: shareOf(p) }))
      .filter((x): x is { p: GenderCode; s: number } => x.s !== null)
      .map(({ p, s }) => `${formatPercent(s)} ${p === "K" ? "kvinnor" : p === "M" ? "män" : "annat eller okänt kön"}`);
    const countNote = list.length > 1 ? ` (${scope}; den som finns i flera grupper räknas en gång per grupp)` : "";
    sentences.push(`Totalt ${formatInteger(grand)} ${noun}${countNote}${shareTexts.length > 0 ? `: ${listSv(shareTexts)}` : ""}.`);
  }
  const withK = withTotal.filter((g) => !isHidden(g.n.K));
  const shareK = (g: Group) => (g.n.K as number) / (g.total as number);
  if (withK.length > 1) {
    const hi = withK.reduce((a, b) => (shareK(b) > shareK(a) ? b : a));
    const lo = withK.reduce((a, b) => (shareK(b) < shareK(a) ? b : a));
    sentences.push(`Störst andel kvinnor hade ${where(hi)} (${formatPercent(shareK(hi))}), minst ${where(lo)} (${formatPercent(shareK(lo))}).`);
  } else if (withK.length === 1) {
    sentences.push(`${where(withK[0])}: ${formatPercent(shareK(withK[0]))} kvinnor.`);
  }
  const alt = sentences.join(" ") + hiddenText(hiddenItems);

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
    for (const p of parts) {
      const n = g.n[p];
      row[`share${p}`] = g.total === null || isHidden(n) ? null : g.total > 0 ? n / g.total : NaN;
    }
    return row;
  });
  const name = opts.name ?? `${measure === "participants" ? "deltagare" : measure}-per-kon`;
  return {
    name,
    title,
    alt,
    spec: frame(body, { title, subtitle: opts.subtitle, source, left: bandAxisWidth(list.map((g) => g.label)) }),
    table: {
      name,
      caption: title,
      columns,
      rows,
      ...(links.any ? { links: list.map((g) => links.row(g.id, [...parts.map((p) => `n${p}`), "total"])) } : {}),
      note: noteWithHidden(source, hiddenItems),
    },
    source,
    ...(opts.period !== undefined ? { period: periodWords(opts.period) } : {}),
  };
}
