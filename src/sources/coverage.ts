/**
 * What time an export covers. Each export kind declares the column(s) that say when a row
 * applies (the ledger's accounting month, an enrolment's start and end date, …); from them a
 * load knows the first and last month or date of the file, and how many rows fall in a report
 * period. A report whose period lies outside an input's range, entirely or by running past its
 * last month, fails instead of showing a plausible report of zeros (src/report/load.ts).
 */

/** How an export kind's rows are placed in time. */
export interface CoverageSpec {
  /** What the columns hold: `"YYYY-MM"` months, dates (epoch ms, UTC), or years (integers). */
  unit: "month" | "date" | "year";
  /** The column giving when a row applies (or when it starts). */
  from: string;
  /** The column giving when a row ends, for rows that span a time (enrolments, targets). */
  to?: string;
  /** A missing `to` means the row is still running (an ongoing enrolment). */
  openEnd?: boolean;
  /**
   * Whether a report period outside the range fails the build. False for inputs that lag the
   * report by design, e.g. Kolada's yearly figures compared for the previous year.
   */
  checkPeriod: boolean;
}

/** The range an input covers, as recorded in the provenance (figures.json `inputs[].coverage`). */
export interface CoverageRange {
  /** The columns the range was read from (fields of the loaded table). */
  columns: string[];
  /** First month (`YYYY-MM`), date (`YYYY-MM-DD`) or year (`YYYY`) of any row. */
  first: string;
  /** Last month, date or year of any row (a row's end when it has one). */
  last: string;
  /**
   * The export's extraction date (`YYYY-MM-DD`, from its title line), present only when it extends
   * the range: a kind whose rows run until they end (`coversThroughExtraction`) and a date later
   * than `last`. The input then covers through this date (a quiet month before it had no start
   * and no end); absent otherwise, so the range reads as before.
   */
  extractedOn?: string;
}

/** An interval of days as UTC epoch ms: [from, to], both inclusive (start of the first and last day). */
export interface DayInterval {
  from: number;
  to: number;
}

const DAY = 86_400_000;

function monthStart(s: string): number {
  const m = /^(\d{4})-(\d{2})$/.exec(s);
  return m ? Date.UTC(Number(m[1]), Number(m[2]) - 1, 1) : NaN;
}

function monthEnd(s: string): number {
  const m = /^(\d{4})-(\d{2})$/.exec(s);
  return m ? Date.UTC(Number(m[1]), Number(m[2]), 1) - DAY : NaN;
}

/** The report period "YYYY-MM" as the interval the report looks at: the year to date. */
export function yearToDateInterval(period: string): DayInterval {
  return { from: Date.UTC(Number(period.slice(0, 4)), 0, 1), to: monthEnd(period) };
}

/** The whole calendar year of the period. */
export function yearInterval(period: string): DayInterval {
  const y = Number(period.slice(0, 4));
  return { from: Date.UTC(y, 0, 1), to: Date.UTC(y, 11, 31) };
}

type ColumnLike = ArrayLike<unknown>;

/**
 * `monthStart` and `monthEnd` for one pass over the rows, each month read once: an export has a
 * few dozen distinct months in its thousands of rows.
 */
interface Months {
  start(s: string): number;
  end(s: string): number;
}

function months(): Months {
  const once = (read: (s: string) => number) => {
    const seen = new Map<string, number>();
    return (s: string) => {
      let v = seen.get(s);
      if (v === undefined) seen.set(s, (v = read(s)));
      return v;
    };
  };
  return { start: once(monthStart), end: once(monthEnd) };
}

/** Start and end (inclusive, epoch ms of the day) of row i; NaN start when the row has no time. */
function span(spec: CoverageSpec, fromCol: ColumnLike, toCol: ColumnLike | undefined, i: number, month: Months): [number, number] {
  const a = fromCol[i];
  const b = toCol?.[i];
  let start: number;
  let end: number;
  switch (spec.unit) {
    case "month":
      start = typeof a === "string" ? month.start(a) : NaN;
      end = typeof b === "string" ? month.end(b) : typeof a === "string" ? month.end(a) : NaN;
      if (toCol && typeof b !== "string" && spec.openEnd) end = Infinity;
      break;
    case "date":
      start = typeof a === "number" ? a : NaN;
      end = typeof b === "number" && !Number.isNaN(b) ? b : toCol && spec.openEnd ? Infinity : start;
      break;
    case "year":
      start = typeof a === "number" && Number.isFinite(a) ? Date.UTC(a, 0, 1) : NaN;
      end = typeof b === "number" && Number.isFinite(b) ? Date.UTC(b, 11, 31) : typeof a === "number" && Number.isFinite(a) ? Date.UTC(a, 11, 31) : NaN;
      break;
  }
  return [start, end];
}

function show(unit: CoverageSpec["unit"], ms: number): string {
  const iso = new Date(ms).toISOString();
  return unit === "month" ? iso.slice(0, 7) : unit === "date" ? iso.slice(0, 10) : iso.slice(0, 4);
}

function columnsOf(spec: CoverageSpec, columns: Readonly<Record<string, ColumnLike>>): [ColumnLike, ColumnLike | undefined] {
  const from = columns[spec.from];
  if (from === undefined) throw new Error(`coverage: the table has no column ${JSON.stringify(spec.from)}`);
  const to = spec.to === undefined ? undefined : columns[spec.to];
  if (spec.to !== undefined && to === undefined) throw new Error(`coverage: the table has no column ${JSON.stringify(spec.to)}`);
  return [from, to];
}

/**
 * The first and last month, date or year of the rows (a running row's end does not count: the
 * file cannot know more than its last date). `null` when no row has a time.
 */
export function coverageRange(spec: CoverageSpec, columns: Readonly<Record<string, ColumnLike>>, rows: number): CoverageRange | null {
  const [fromCol, toCol] = columnsOf(spec, columns);
  let first = Infinity;
  let last = -Infinity;
  const month = months();
  for (let i = 0; i < rows; i++) {
    const [s, e] = span(spec, fromCol, toCol, i, month);
    if (Number.isNaN(s)) continue;
    if (s < first) first = s;
    const end = Number.isFinite(e) ? e : s;
    if (end > last) last = end;
  }
  if (first === Infinity) return null;
  // A month or year range shows the month/year of the last row, not its last day.
  return { columns: spec.to === undefined ? [spec.from] : [spec.from, spec.to], first: show(spec.unit, first), last: show(spec.unit, last) };
}

/** Rows whose time overlaps the interval (a running row overlaps everything after its start). */
export function rowsWithin(spec: CoverageSpec, columns: Readonly<Record<string, ColumnLike>>, rows: number, interval: DayInterval): number {
  const [fromCol, toCol] = columnsOf(spec, columns);
  let n = 0;
  const month = months();
  for (let i = 0; i < rows; i++) {
    const [s, e] = span(spec, fromCol, toCol, i, month);
    if (!Number.isNaN(s) && s <= interval.to && e >= interval.from) n++;
  }
  return n;
}

/** Whether a recorded range and an interval share at least one day. */
export function rangeOverlaps(range: CoverageRange, unit: CoverageSpec["unit"], interval: DayInterval): boolean {
  const start = unit === "month" ? monthStart(range.first) : unit === "date" ? Date.parse(range.first) : Date.UTC(Number(range.first), 0, 1);
  const end = unit === "month" ? monthEnd(range.last) : unit === "date" ? Date.parse(range.last) : Date.UTC(Number(range.last), 11, 31);
  return start <= interval.to && end >= interval.from;
}

/**
 * Whether an export of this kind covers the time up to the day it was taken, also past the last
 * date in its rows: rows of dates that run until they end (`openEnd`: enrolments). A running
 * enrolment is known to run on the extraction date, and one that started or ended before it is in
 * the export, so a month between the last start or end and the extraction date is a month in
 * which no one started or ended — the export speaks for it.
 *
 * Not for monthly kinds (ledger, staffing, attendance, financial assistance): their rows are
 * posted or reported per month, often weeks after it, so a month without rows in an export taken
 * after it is as likely not yet posted as empty — the export does not speak for it. Not for targets
 * (date ranges without open ends: planned periods, which an extraction date says nothing about),
 * nor for yearly kinds.
 */
export function coversThroughExtraction(spec: CoverageSpec): boolean {
  return spec.unit === "date" && spec.to !== undefined && spec.openEnd === true;
}

/**
 * The range with the export's extraction date (the load report's `extractedOn`) when it extends
 * it (see `CoverageRange.extractedOn`); else the range as it is. An extraction date on or before
 * the last date of the rows (end dates planned after the export was taken) changes nothing.
 */
export function withExtraction(spec: CoverageSpec, range: CoverageRange, extractedOn: string | null): CoverageRange {
  if (extractedOn === null || !coversThroughExtraction(spec) || !(extractedOn > range.last)) return range;
  return { ...range, extractedOn };
}
