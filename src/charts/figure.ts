/**
 * The two renderings of a chart:
 *
 * - on the report page (`pageSpec`), the chart without its title and source line: the page
 *   shows both once, as HTML text around the inline SVG (the figure caption and the source line),
 *   so neither is printed twice;
 * - as a standalone figure (`figureSpec`, figures/<name>.svg|png, pasted into Word), the chart with
 *   its title naming the period (`figureTitle`) and its source line, so it stands on its own.
 */
import type { TopLevelSpec } from "vega-lite";
import type { Chart } from "./types.ts";
import { periodWords } from "./common.ts";
import { measureText } from "../render/fonts.ts";
import { CHART_PADDING, CHART_WIDTH, FONT_SIZE, MUTED_TEXT_COLOR, TITLE_FONT_SIZE } from "./theme.ts";

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnySpec = Record<string, any>;

/** True when `title` already names a period: the given words, or a year (1900–2099). */
function namesPeriod(title: string, period: string): boolean {
  return title.includes(period) || /(^|[^\d])(19|20)\d\d(?!\d)/.test(title);
}

/**
 * The title of the standalone figure: the chart's title with its period (the builder's, else the
 * report's, "YYYY-MM" read as January to that month), unless the title names one already.
 * "Deltagare per insats och kön" → "Deltagare per insats och kön, januari–april 2023".
 */
export function figureTitle(chart: Chart, reportPeriod?: string | null): string {
  const period = chart.period ?? (reportPeriod ? periodWords(reportPeriod) : undefined);
  if (!period || namesPeriod(chart.title, period)) return chart.title;
  return `${chart.title}, ${period}`;
}

function titleText(title: unknown): { text?: unknown; subtitle?: unknown } {
  if (typeof title === "string" || Array.isArray(title)) return { text: title };
  return (title ?? {}) as { text?: unknown; subtitle?: unknown };
}

/**
 * `text` broken into lines at spaces so that each fits `width` px in the title font (a word longer
 * than the width gets a line of its own). A figure's title is never cut with "…".
 */
export function titleLines(text: string, width = CHART_WIDTH - 2 * CHART_PADDING): string[] {
  const fits = (s: string) => measureText(s, TITLE_FONT_SIZE, "bold") <= width;
  const lines: string[] = [];
  let line = "";
  for (const word of text.split(/\s+/).filter((w) => w !== "")) {
    const next = line === "" ? word : `${line} ${word}`;
    if (line !== "" && !fits(next)) {
      lines.push(line);
      line = word;
    } else line = next;
  }
  if (line !== "") lines.push(line);
  return lines;
}

/**
 * The spec of the standalone figure: the chart's spec with `title` (usually `figureTitle`, perhaps
 * with a mark such as "Intern version") as its title, wrapped onto as many lines as it needs; a
 * subtitle stays.
 */
export function figureSpec(chart: Chart, title: string): TopLevelSpec {
  const spec = chart.spec as AnySpec;
  const lines = titleLines(title);
  return { ...spec, title: { ...titleText(spec.title), text: lines.length === 1 ? lines[0] : lines } } as TopLevelSpec;
}

/** A chart frame's source row (see `frame` in common.ts): one text mark of one `source` value. */
function isSourceRow(s: AnySpec | undefined): boolean {
  const values = s?.data?.values;
  return s?.mark?.type === "text" && Array.isArray(values) && values.length === 1 && typeof values[0]?.source === "string";
}

/**
 * The spec drawn inline on the report page: no title (the figure caption is the title) and no
 * source row (the source line under the figure is the source). A subtitle stays, as the title's
 * only line in subtitle style.
 */
export function pageSpec(chart: Chart): TopLevelSpec {
  const spec = chart.spec as AnySpec;
  const { title: _title, vconcat, ...rest } = spec;
  void _title;
  const { subtitle } = titleText(spec.title);
  const out: AnySpec = { ...rest };
  if (Array.isArray(vconcat)) {
    const kept = vconcat.filter((s: AnySpec) => !isSourceRow(s));
    if (kept.length === 1) Object.assign(out, kept[0]);
    else out.vconcat = kept;
  }
  if (subtitle !== undefined && subtitle !== "") out.title = { text: subtitle, fontSize: FONT_SIZE, fontWeight: "normal", color: MUTED_TEXT_COLOR };
  return out as TopLevelSpec;
}
