/**
 * The notebook API: `export default report({ title, ... }, async (r) => { ... })`.
 *
 * The body only collects cells (headings, text, key figures, charts, tables) and loads inputs;
 * rendering happens afterwards in `buildReport`, so `r.chart(...)` needs no `await`.
 */
import type { ColumnTable } from "arquero";
import type { Chart, TableSpec } from "../charts/types.ts";
import type { ReportDisclosure } from "../disclosure/report-model.ts";
import { linkColumn, shareLinkColumn, type PersonTableSpec } from "../disclosure/register.ts";
import { isFigure, linkedCount, linkedShare, type Figure } from "./figures.ts";
import { makeLoader, type LoadCache, type Loader } from "./load.ts";
import type { Cell, Effects, InputRecord, KeyFigure, ReportMeta, ReportParameters, TextPart } from "./types.ts";

export interface ReportContext {
  readonly title: string;
  /**
   * Reporting period "YYYY-MM" (the last month included), from `--period` or `report({ period })`.
   * Reading it when neither gives one fails the build with a clear message.
   */
  readonly period: string;
  readonly unit: string | null;
  /** Public mode: metrics must suppress small counts (null cells are shown as ".."). */
  readonly public: boolean;
  /** Absolute path of the data folder. */
  readonly dataDir: string;
  readonly buildTime: Date;
  readonly params: Readonly<ReportParameters>;

  /**
   * Load an export from the data folder; records provenance. `r.load(schema, file?, opts?)` or
   * `r.load.participants(file?, opts?)`. Strict by default: one bad cell fails the build (the
   * message names file, line and column, never a personal value). `{ mode: "lenient" }` opts in
   * to quarantining bad rows; they are then counted in the footer and in figures.json.
   */
  readonly load: Loader;

  /** A section heading (level 2) or sub-heading (level 3). Headings make the table of contents. */
  heading(text: string, level?: 2 | 3): void;
  /**
   * Running text, Markdown-ish: blank line = new paragraph, `- ` = list item, `**bold**`, `*emphasis*`.
   * Interpolate figures (`${mnkr(x)}`, `${count(n)}`) or strings; bare numbers are refused.
   */
  text(strings: TemplateStringsArray | string, ...values: Array<Figure | string>): void;
  /** A note in smaller type (source, definitions, reservations). Same syntax as `text`. */
  note(strings: TemplateStringsArray | string, ...values: Array<Figure | string>): void;
  /** A row of key-figure boxes. */
  keyFigures(items: KeyFigure[], caption?: string): void;
  /** A chart: inline SVG in the page, figures/<name>.svg + .png, tables/<table.name>.csv. */
  chart(chart: Chart): void;
  /** A table: HTML table in the page and tables/<name>.csv. */
  table(table: TableSpec): void;
  /** A progress line (goes to the injected log). */
  log(line: string): void;
  /**
   * A person-count table as it may be shown. Every count of the table is registered in the
   * report's one disclosure model with the relations between them (gender parts and total, the
   * `sums` between measures, rows and a `total` row, sub-groups and groups through `rollup`, and
   * the same count in other tables registered under the same `name`). In a public build small
   * counts and the cells needed to protect them are null in the returned table, the same in every
   * chart, table and sentence; shares computed from them are null too. Pass every person figure
   * through it before charting, tabulating or quoting it.
   */
  publishable(table: ColumnTable, spec: PersonTableSpec): ColumnTable;
  /**
   * A person count for running text or a key figure, read from a table returned by
   * `r.publishable`: the row where `where` matches (gender "T" unless given), column `measure`.
   * Suppressed in a public build exactly when its cell is ("färre än 5" in the text).
   */
  count(table: ColumnTable, measure: string, where?: Readonly<Record<string, unknown>>, name?: string): Figure;
  /**
   * A share of persons (`shareWorkOrStudies`, `offerRate`, … of a table returned by
   * `r.publishable`) for running text or a key figure, shown as a percentage: the row where
   * `where` matches (gender "T" unless given). It is linked to the counts it is computed from, so
   * in a public build they count as shown and are protected (an exact share tells its counts);
   * it is suppressed (null) whenever they are.
   */
  share(table: ColumnTable, measure: string, where?: Readonly<Record<string, unknown>>, name?: string): Figure;
  /**
   * Any other statistic of one group for running text or a key figure (a median, an average, a
   * rate, a cost per participant), read like `r.share` from a table returned by `r.publishable`
   * and made a figure by `as` (`decimal`, `kr`, …). `r.publishable` hides every column computed
   * from a group's persons with the counts of the group, so the value is null in a public build
   * whenever one of them is suppressed (small, or hidden to protect a small one): say in words
   * that it is not shown. Like a share, it is linked to those counts, which count as shown.
   * @example r.statistic(times, "medianMonths", { ageGroup: "60+" }, decimal, "median-manader-60")
   */
  statistic(table: ColumnTable, column: string, where: Readonly<Record<string, unknown>>, as: (value: number | null, name?: string) => Figure, name?: string): Figure;
}

export type ReportBody = (r: ReportContext) => Promise<void> | void;

export interface ReportDefinition {
  readonly kind: "utfall-report";
  readonly meta: Readonly<ReportMeta>;
  readonly body: ReportBody;
}

/** Declare a report. The default export of a script in `reports/`. */
export function report(meta: ReportMeta, body: ReportBody): ReportDefinition {
  const okTitle = typeof meta?.title === "function" || (typeof meta?.title === "string" && meta.title.trim() !== "");
  if (!okTitle) throw new TypeError("report(): title is required");
  if (meta.period !== undefined && !isPeriod(meta.period)) {
    throw new TypeError(`report(): period must be YYYY-MM, got ${JSON.stringify(meta.period)}`);
  }
  return Object.freeze({ kind: "utfall-report", meta: Object.freeze({ ...meta }), body });
}

export function isReportDefinition(value: unknown): value is ReportDefinition {
  return (
    typeof value === "object" &&
    value !== null &&
    (value as { kind?: unknown }).kind === "utfall-report" &&
    typeof (value as { body?: unknown }).body === "function"
  );
}

export function isPeriod(s: string): boolean {
  return /^\d{4}-(0[1-9]|1[0-2])$/.test(s);
}

/** What running a report body produces. */
export interface Collected {
  cells: Cell[];
  inputs: InputRecord[];
}

function textParts(kind: string, strings: TemplateStringsArray | string, values: unknown[]): TextPart[] {
  if (typeof strings === "string") {
    if (values.length > 0) throw new TypeError(`r.${kind}(): use a tagged template to interpolate values`);
    return [{ kind: "literal", text: strings }];
  }
  const parts: TextPart[] = [];
  strings.forEach((literal, i) => {
    if (literal !== "") parts.push({ kind: "literal", text: literal });
    if (i < values.length) {
      const v = values[i];
      if (isFigure(v)) parts.push({ kind: "figure", figure: v });
      else if (typeof v === "string") parts.push({ kind: "string", text: v });
      else {
        throw new TypeError(
          `r.${kind}: value ${i + 1} is a ${typeof v}; wrap numbers in count(), kr(), tkr(), mnkr(), deviation(), percent() or decimal() so they are formatted and recorded`,
        );
      }
    }
  });
  return parts;
}

/** The one row of a publishable table that `where` (and gender "T" by default) selects. */
function rowFor(table: ColumnTable, measure: string, where: Readonly<Record<string, unknown>>, link = linkColumn(measure), what: "r.count" | "r.share" | "r.statistic" = "r.count"): Record<string, unknown> {
  const names = table.columnNames();
  if (!names.includes(link)) {
    throw new TypeError(
      what === "r.count"
        ? `r.count(): the table has no registered count ${JSON.stringify(measure)}; pass a table returned by r.publishable({ measures: [..., "${measure}"] })`
        : `${what}(): the table has no column ${JSON.stringify(measure)} computed from registered counts; pass a table returned by r.publishable whose counts include the ones it is computed from`,
    );
  }
  const want: Record<string, unknown> = names.includes("gender") && !("gender" in where) ? { ...where, gender: "T" } : { ...where };
  const rows = (table.objects() as Record<string, unknown>[]).filter((row) => Object.entries(want).every(([k, v]) => row[k] === v));
  if (rows.length !== 1) throw new TypeError(`${what}(${JSON.stringify(measure)}, ${JSON.stringify(where)}): ${rows.length} rows match, expected exactly one`);
  return rows[0];
}

/**
 * A column computed from registered counts (a share, a statistic), read from the row `where`
 * matches: its value (null when hidden or missing) and the cells of the counts it comes from.
 */
function derivedValue(table: ColumnTable, column: string, where: Readonly<Record<string, unknown>>, what: "r.share" | "r.statistic"): { value: number | null; cells: string[] } {
  const row = rowFor(table, column, where, shareLinkColumn(column), what);
  const v = row[column];
  const cells = row[shareLinkColumn(column)];
  if (!Array.isArray(cells) || cells.length === 0) throw new TypeError(`${what}(${JSON.stringify(column)}): the row has no counts (missing data)`);
  if (v !== null && v !== undefined && typeof v !== "number") throw new TypeError(`${what}(${JSON.stringify(column)}): a ${typeof v}, not a number`);
  return { value: typeof v === "number" && Number.isFinite(v) ? v : null, cells: [...(cells as string[])] };
}

/** Run a report body against a fresh context; returns the collected cells and inputs. */
export async function runBody(
  def: ReportDefinition,
  params: ReportParameters,
  dataDir: string,
  effects: Effects,
  disclosure: ReportDisclosure,
  cache?: LoadCache,
): Promise<Collected> {
  const cells: Cell[] = [];
  const inputs: InputRecord[] = [];
  const r: ReportContext = {
    title: params.title,
    get period(): string {
      if (params.period === null) {
        throw new Error(`${params.name}: the report reads r.period but has none; give --period YYYY-MM or report({ period })`);
      }
      return params.period;
    },
    unit: params.unit,
    public: params.public,
    dataDir,
    buildTime: new Date(params.buildTime),
    params: Object.freeze({ ...params }),
    load: makeLoader({
      dataDir,
      inputs,
      log: (line) => effects.log(line),
      env: effects.env,
      referenceYear: new Date(params.buildTime).getUTCFullYear(),
      period: params.period, // inputs are checked against the period (src/report/load.ts)
      buildDate: new Date(params.buildTime).toISOString().slice(0, 10),
      cache, // both runs of a public build read each file once
      files: effects.files, // and the reports of one run share parsed files
    }),
    heading(text, level = 2) {
      if (level !== 2 && level !== 3) throw new TypeError("r.heading(): level must be 2 or 3 (the title is the only h1)");
      cells.push({ kind: "heading", text, level });
    },
    text(strings, ...values) {
      cells.push({ kind: "text", parts: textParts("text", strings, values), variant: "text" });
    },
    note(strings, ...values) {
      cells.push({ kind: "text", parts: textParts("note", strings, values), variant: "note" });
    },
    keyFigures(items, caption) {
      for (const [i, item] of items.entries()) {
        if (!isFigure(item.value)) throw new TypeError(`r.keyFigures(): item ${i + 1} (${item.label}) needs a figure value, e.g. count(n)`);
      }
      cells.push(caption === undefined ? { kind: "keyFigures", items: [...items] } : { kind: "keyFigures", items: [...items], caption });
    },
    chart(chart) {
      cells.push({ kind: "chart", chart });
    },
    table(table) {
      cells.push({ kind: "table", table });
    },
    log(line) {
      effects.log(line);
    },
    publishable(table, spec) {
      return disclosure.publishable(table, spec);
    },
    count(table, measure, where = {}, name) {
      const row = rowFor(table, measure, where);
      const v = row[measure];
      const cell = row[linkColumn(measure)];
      if (typeof cell !== "string") throw new TypeError(`r.count(${JSON.stringify(measure)}): the row has no count (missing data)`);
      return linkedCount(typeof v === "number" ? v : null, cell, name);
    },
    share(table, measure, where = {}, name) {
      const { value, cells } = derivedValue(table, measure, where, "r.share");
      return linkedShare(value, cells, name);
    },
    statistic(table, column, where, as, name) {
      const { value, cells } = derivedValue(table, column, where, "r.statistic");
      const figure = as(value, name);
      if (figure.cell !== undefined || figure.persons === true) throw new TypeError(`r.statistic(${JSON.stringify(column)}): a count of persons; use r.count`);
      return { ...figure, cells };
    },
  };
  await def.body(r);
  return { cells, inputs };
}
