import type { TopLevelSpec } from "vega-lite";

/** How a table cell is formatted (see src/render/format.ts). */
export type CellFormat =
  | "text"
  | "integer" // 1 694
  | "decimal1" // 16,5
  | "headcount" // 23 / 22,5: one decimal, left out when zero (staff, full-time equivalents)
  | "percent" // 52 % (value is a share 0..1)
  | "kr" // 1 694 000 kr (value in öre)
  | "tkr" // 1 694 tkr (value in öre)
  | "mnkr" // 13,3 mnkr (value in öre)
  | "deviationMnkr" // +13,3 mnkr / −1,1 mnkr (value in öre)
  | "month" // april 2023 (value "2023-04")
  | "date"; // 30 april 2023 (value epoch ms UTC)

export interface TableColumn {
  key: string;
  label: string;
  format: CellFormat;
  /** A shorter header for the HTML table (the label is its <abbr title>); CSV and xlsx keep the label. */
  abbr?: string;
  /**
   * An integer column counts persons unless this is false (places, targets, staff). In a public
   * build every person count shown must be linked to its disclosure cell (`TableSpec.links`).
   */
  persons?: boolean;
}

/** A small figure table as shown in a report and written as CSV. */
export interface TableSpec {
  /** File-name slug: tables/<name>.csv */
  name: string;
  caption: string;
  columns: TableColumn[];
  rows: Record<string, string | number | null>[];
  /**
   * Parallel to `rows`: for each row, column key → the disclosure-model cell the value shows.
   * A null value with a link is suppressed (".."); a null value without one is missing ("–").
   * Keys `<column>:1`, `<column>:2`, … (no column of the table) link a share shown in `column` to
   * the counts it is computed from: shown as far as disclosure control is concerned.
   */
  links?: Record<string, string>[];
  /** A note under the table (source, suppression). */
  note?: string;
}

/** What a chart builder returns: the spec, its text alternative and its data as a table. */
export interface Chart {
  /** File-name slug: figures/<name>.svg and .png */
  name: string;
  title: string;
  /** Text alternative generated from the data: what the chart shows, in Swedish. */
  alt: string;
  /** Vega-Lite spec with its data inlined (values), theme and locale applied. */
  spec: TopLevelSpec;
  /** The chart's data as a table (WCAG: every chart has its data as a table). */
  table: TableSpec;
  /** Source line shown under the chart. */
  source: string;
  /**
   * The period the data cover, in words ("januari–april 2023"), when the builder knows it. The
   * standalone figure's title names it (see figure.ts); the page names the period once, at the top.
   */
  period?: string;
}
