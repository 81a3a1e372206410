/**
 * Shared pieces of the chart builders: input rows, the chart frame (title, source line, theme),
 * widths that fit an A4 page, and helpers for the generated Swedish text alternatives.
 */
import type { TopLevelSpec } from "vega-lite";
import { measureText } from "../render/fonts.ts";
import { MISSING_CATEGORY } from "../tables/labels.ts";
import { MONTHS_SV, formatDate, formatInteger, formatMonth, formatPercent } from "../render/format.ts";
import {
  CHART_PADDING,
  CHART_WIDTH,
  FONT_SIZE,
  LABEL_LIMIT,
  MUTED_TEXT_COLOR,
  SOURCE_FONT_SIZE,
  THEME_CONFIG,
  type GenderCode,
} from "./theme.ts";

/** An arquero `ColumnTable` (anything with `objects()`) or plain rows. */
export type RowsInput<T> = readonly T[] | { objects(): object[] };

/** The rows of `input` (`table.objects()` for an arquero table). */
export function rowsOf<T>(input: RowsInput<T>): T[] {
  if (Array.isArray(input)) return [...(input as readonly T[])];
  const table = input as { objects?: () => object[] };
  if (typeof table.objects === "function") return table.objects() as T[];
  throw new TypeError("chart input must be an array of rows or an arquero table");
}

/** A count or amount from a metric cell: finite number, `null` when suppressed, NaN when missing. */
export type Cell = number | null | undefined;

/** `null` (suppressed) stays null; undefined/NaN (missing) becomes NaN; numbers pass. */
export function cell(v: unknown): number | null {
  if (v === null) return null;
  if (typeof v === "number") return v;
  if (typeof v === "bigint") return Number(v);
  if (v === undefined || v === "") return NaN;
  const n = Number(v);
  return Number.isFinite(n) ? n : NaN;
}

/** True for a value that can be drawn (a finite number). */
export function drawable(v: number | null): v is number {
  return v !== null && Number.isFinite(v);
}

/** Sum of cells: null when any is suppressed, NaN when any is missing. */
export function sumCells(values: readonly (number | null)[]): number | null {
  let s = 0;
  for (const v of values) {
    if (v === null) return null;
    s += v;
  }
  return s;
}

/** A group, band or facet value as a category name: missing (null, blank) is "Uppgift saknas". */
export function categoryName(v: unknown): string {
  return v === null || v === undefined || String(v).trim() === "" ? MISSING_CATEGORY : String(v);
}

/** Gender code of a metric row: "K", "M", "T", everything else (other, unknown, null) is "X". */
export function genderCode(v: unknown): GenderCode | "T" {
  const s = typeof v === "string" ? v.trim().toUpperCase() : "";
  if (s === "K" || s === "M" || s === "T") return s;
  return "X";
}

/** Distinct values in order of first appearance. */
export function distinct<T>(values: Iterable<T>): T[] {
  return [...new Set(values)];
}

/** Width in px of the widest label (axis label font), at most `LABEL_LIMIT`. */
export function labelWidth(labels: Iterable<string>, fontSize = FONT_SIZE, weight?: string): number {
  let w = 0;
  for (const l of labels) w = Math.max(w, measureText(l, fontSize, weight));
  return Math.min(Math.ceil(w), LABEL_LIMIT);
}

/** Width of a left band axis with these labels (labels plus padding). */
export function bandAxisWidth(labels: Iterable<string>): number {
  return labelWidth(labels) + 7;
}

/**
 * Plot width for a chart with a band axis of `labels` on the left and `rightExtra` px of direct
 * labels on the right, so the whole chart is `CHART_WIDTH` px wide (at least `min`).
 */
export function plotWidth(labels: Iterable<string>, rightExtra = 0, min = 200): number {
  const left = bandAxisWidth(labels);
  return Math.max(min, Math.floor(CHART_WIDTH - 2 * CHART_PADDING - left - rightExtra - 4));
}

/**
 * A legend that fits in `available` px: the title on the left and all items on one row when that
 * fits, else the title on top and the items wrapped into as many columns as fit.
 */
export function legendFor(title: string, labels: readonly string[], available: number): BodySpec {
  const item = (l: string) => 10 + 4 + Math.ceil(measureText(l, FONT_SIZE)) + 12; // symbol, offset, label, padding
  const titleW = Math.ceil(measureText(title, FONT_SIZE, "bold")) + 8;
  const oneRow = labels.reduce((s, l) => s + item(l), 0);
  if (titleW + oneRow <= available) return { title, titleOrient: "left", direction: "horizontal" };
  let columns = Math.max(1, labels.length);
  for (; columns > 1; columns--) {
    let w = 0;
    for (let c = 0; c < columns; c++) {
      let colMax = 0;
      for (let i = c; i < labels.length; i += columns) colMax = Math.max(colMax, item(labels[i]));
      w += colMax;
    }
    if (w <= available) break;
  }
  return { title, titleOrient: "top", direction: "horizontal", columns };
}

/** A chart slug for file names: lower case a–z, 0–9 and "-". */
export function slug(text: string): string {
  return (
    text
      .toLowerCase()
      .replace(/å|ä/g, "a")
      .replace(/ö/g, "o")
      .normalize("NFKD")
      .replace(/[\u0300-\u036f]/g, "")
      .replace(/[^a-z0-9]+/g, "-")
      .replace(/^-+|-+$/g, "") || "diagram"
  );
}

export const DEFAULT_SOURCE = "Källa: verksamhetssystemet, egen bearbetning.";
export const DEFAULT_FINANCE_SOURCE = "Källa: ekonomisystemet, egen bearbetning.";

/** The body of a chart: any unit, layer or facet spec without top-level-only properties. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type BodySpec = Record<string, any>;

/**
 * The full spec: the body above a source line, the title (and optional subtitle) on top and the
 * theme in `config`. The source line is a text mark in its own row (vconcat), so it is part of
 * the SVG and the PNG, not only of the HTML around them.
 */
export function frame(body: BodySpec, o: { title: string; subtitle?: string; source: string; left?: number }): TopLevelSpec {
  const footer: BodySpec = {
    data: { values: [{ source: o.source }] },
    mark: { type: "text", align: "left", baseline: "top", fontSize: SOURCE_FONT_SIZE, color: MUTED_TEXT_COLOR },
    // The views of a vconcat share their origin; `left` (the width of the body's left axis) moves the
    // source line out to the chart's left edge.
    encoding: { text: { field: "source", type: "nominal" }, x: { value: -Math.max(0, Math.round(o.left ?? 0)) }, y: { value: 0 } },
    width: 1,
    height: SOURCE_FONT_SIZE + 2,
  };
  const title = o.subtitle ? { text: o.title, subtitle: o.subtitle } : { text: o.title };
  return {
    $schema: "https://vega.github.io/schema/vega-lite/v6.json",
    title,
    config: THEME_CONFIG,
    vconcat: [body, footer],
  } as unknown as TopLevelSpec;
}

/** "Jobbspåret, IPS och Praktik". */
export function listSv(items: readonly string[]): string {
  if (items.length <= 1) return items.join("");
  return `${items.slice(0, -1).join(", ")} och ${items[items.length - 1]}`;
}

/**
 * Months in Swedish words: ("2023-01", "2023-04") → "januari–april 2023"; across years
 * "november 2022–februari 2023"; one month "april 2023". Months are "YYYY-MM".
 */
export function monthSpan(from: string, to: string): string {
  if (from === to) return formatMonth(from);
  if (from.slice(0, 4) === to.slice(0, 4)) {
    formatMonth(from); // validates
    return `${MONTHS_SV[Number(from.slice(5, 7)) - 1]}–${formatMonth(to)}`;
  }
  return `${formatMonth(from)}–${formatMonth(to)}`;
}

/**
 * A chart's period in words: "2023-04" → "januari–april 2023" (the year to date, as the reports
 * count), "2023-04-30" → "30 april 2023", "2023" → "år 2023"; anything else is taken as words.
 */
export function periodWords(period: string): string {
  const month = /^(\d{4})-(0[1-9]|1[0-2])$/.exec(period);
  if (month) return monthSpan(`${month[1]}-01`, period);
  if (/^\d{4}-\d{2}-\d{2}$/.test(period)) {
    const ms = Date.parse(`${period}T00:00:00Z`);
    if (Number.isFinite(ms)) return formatDate(ms);
  }
  if (/^\d{4}$/.test(period)) return `år ${period}`;
  return period;
}

/** "1 personer" → "1 person": count and noun (singular / plural). */
export function countSv(n: number, singular: string, plural: string): string {
  return `${formatInteger(n)} ${n === 1 ? singular : plural}`;
}

/** Share as "52 %", or "–" when the whole is 0. */
export function shareText(part: number, whole: number): string {
  return whole > 0 ? formatPercent(part / whole) : "\u2013";
}

/** Sentence for suppressed or missing groups, or "" when there are none. */
export function hiddenSentence(names: readonly string[], what = "värden"): string {
  if (names.length === 0) return "";
  return ` För ${listSv(names)} visas inga ${what}: dolt för att skydda enskilda personer, eller uppgift saknas.`;
}

/** A line-shaped empty data set makes Vega-Lite draw nothing: charts need at least one row. */
export function requireRows(rows: readonly unknown[], what: string): void {
  if (rows.length === 0) throw new Error(`${what}: no rows to chart`);
}
