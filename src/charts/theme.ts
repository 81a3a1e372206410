/**
 * The one chart theme: neutral and print-friendly, DejaVu Sans throughout (the font the SVG is
 * measured with and the PNG is drawn with), Swedish number and time formats, and the Okabe–Ito
 * palette, which stays distinguishable for the common forms of colour blindness.
 *
 * Colour is never the only carrier of meaning in the charts built on this theme: every colour
 * has a legend or direct label with text, bars have a dark outline (so light fills still have a
 * 3:1 edge against white, WCAG 1.4.11), and every chart has its data as a table.
 *
 * Inner ARIA is switched off (`aria: false`): the report engine gives the whole SVG role="img",
 * a caption and the generated text alternative; vega's per-mark ARIA (English, "X-axis titled …")
 * would only add noise inside an image.
 */
import type { Config } from "vega-lite";
import { FONT_FAMILY } from "../render/fonts.ts";
import { SWEDISH_LOCALE } from "../render/locale.ts";

/** Okabe & Ito (2008), "Color Universal Design". */
export const OKABE_ITO = {
  black: "#000000",
  orange: "#E69F00",
  skyBlue: "#56B4E9",
  bluishGreen: "#009E73",
  yellow: "#F0E442",
  blue: "#0072B2",
  vermillion: "#D55E00",
  reddishPurple: "#CC79A7",
  grey: "#999999",
} as const;

/** Category order of the palette (the yellow last: weakest on white paper). */
export const CATEGORY_COLORS: readonly string[] = [
  OKABE_ITO.blue,
  OKABE_ITO.orange,
  OKABE_ITO.bluishGreen,
  OKABE_ITO.reddishPurple,
  OKABE_ITO.skyBlue,
  OKABE_ITO.vermillion,
  OKABE_ITO.grey,
  OKABE_ITO.yellow,
];

export type GenderCode = "K" | "M" | "X";

/** Women and men in the same colours in every chart of every report. */
export const GENDER_COLORS: Readonly<Record<GenderCode, string>> = {
  K: OKABE_ITO.orange,
  M: OKABE_ITO.blue,
  X: OKABE_ITO.grey,
};

/** Swedish labels of the gender codes (T = total). */
export const GENDER_LABELS: Readonly<Record<GenderCode | "T", string>> = {
  K: "Kvinnor",
  M: "Män",
  X: "Annat/okänt",
  T: "Totalt",
};

/** The colours of the Kolada ending reasons A–E. */
export const REASON_COLORS: Readonly<Record<"A" | "B" | "C" | "D" | "E", string>> = {
  A: OKABE_ITO.blue,
  B: OKABE_ITO.skyBlue,
  C: OKABE_ITO.bluishGreen,
  D: OKABE_ITO.orange,
  E: "#BBBBBB",
};

export const TEXT_COLOR = "#1a1a1a";
export const MUTED_TEXT_COLOR = "#4d4d4d"; // 8.4:1 on white
export const OUTLINE_COLOR = "#333333";
export const GRID_COLOR = "#e3e3e3";

/** Width of a chart on an A4 page (px, at 96 dpi ≈ 17 cm). */
export const CHART_WIDTH = 640;
/** Padding around the chart inside the SVG (px). */
export const CHART_PADDING = 8;
export const FONT_SIZE = 11;
export const TITLE_FONT_SIZE = 14;
export const SOURCE_FONT_SIZE = 10;
/** Longest axis or legend label drawn whole (px); longer ones are cut with "…". */
export const LABEL_LIMIT = 320;

/** WCAG relative luminance of "#rrggbb". */
export function luminance(hex: string): number {
  const m = /^#?([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(hex);
  if (!m) throw new Error(`luminance: not a #rrggbb colour: ${hex}`);
  const [r, g, b] = [m[1], m[2], m[3]].map((h) => {
    const c = parseInt(h, 16) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

/** WCAG contrast ratio of two "#rrggbb" colours. */
export function contrast(a: string, b: string): number {
  const [x, y] = [luminance(a), luminance(b)].sort((p, q) => q - p);
  return (x + 0.05) / (y + 0.05);
}

/** Black or white text, whichever contrasts more with the fill `background`. */
export function textColorOn(background: string): string {
  return contrast(background, "#000000") >= contrast(background, "#ffffff") ? "#000000" : "#ffffff";
}

/** The Vega-Lite config every chart carries in `spec.config`. */
export const THEME_CONFIG: Config = {
  font: FONT_FAMILY,
  background: "white",
  padding: CHART_PADDING,
  aria: false,
  locale: SWEDISH_LOCALE as unknown as Config["locale"],
  numberFormat: ",d",
  timeFormat: "%B %Y",
  title: {
    anchor: "start",
    font: FONT_FAMILY,
    fontSize: TITLE_FONT_SIZE,
    fontWeight: "bold",
    color: TEXT_COLOR,
    subtitleFont: FONT_FAMILY,
    subtitleFontSize: FONT_SIZE,
    subtitleColor: MUTED_TEXT_COLOR,
    offset: 10,
    limit: CHART_WIDTH - 2 * CHART_PADDING,
  },
  view: { stroke: null },
  axis: {
    labelFont: FONT_FAMILY,
    titleFont: FONT_FAMILY,
    labelFontSize: FONT_SIZE,
    titleFontSize: FONT_SIZE,
    titleFontWeight: "normal",
    labelColor: TEXT_COLOR,
    titleColor: TEXT_COLOR,
    domainColor: "#666666",
    tickColor: "#666666",
    gridColor: GRID_COLOR,
    labelLimit: LABEL_LIMIT,
    labelOverlap: true,
  },
  axisBand: { grid: false, ticks: false, domain: false, labelPadding: 6 },
  legend: {
    labelFont: FONT_FAMILY,
    titleFont: FONT_FAMILY,
    labelFontSize: FONT_SIZE,
    titleFontSize: FONT_SIZE,
    titleFontWeight: "bold",
    labelColor: TEXT_COLOR,
    titleColor: TEXT_COLOR,
    labelLimit: LABEL_LIMIT,
    orient: "top",
    direction: "horizontal",
    titleOrient: "left",
    symbolType: "square",
    symbolStrokeColor: OUTLINE_COLOR,
    symbolStrokeWidth: 0.75,
    columnPadding: 12,
  },
  header: {
    labelFont: FONT_FAMILY,
    titleFont: FONT_FAMILY,
    labelFontSize: FONT_SIZE + 1,
    labelFontWeight: "bold",
    labelColor: TEXT_COLOR,
    labelLimit: CHART_WIDTH - 2 * CHART_PADDING,
  },
  text: { font: FONT_FAMILY, fontSize: FONT_SIZE, color: TEXT_COLOR },
  bar: { stroke: OUTLINE_COLOR, strokeWidth: 0.75 },
  line: { strokeWidth: 2 },
  point: { filled: true, size: 36 },
  range: { category: [...CATEGORY_COLORS] },
  concat: { spacing: 12 },
  facet: { spacing: 16 },
};
