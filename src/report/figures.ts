/**
 * Figure values: typed wrappers for the numbers a report shows in running text and key-figure
 * boxes. A figure knows its format (see `CellFormat`), so `r.text` prints it the Swedish way
 * through `formatCell`, and the build records it in figures.json.
 *
 * `null` means suppressed (small count in public mode): it is shown as "..".
 */
import type { CellFormat } from "../charts/types.ts";

export interface Figure {
  readonly kind: "figure";
  readonly format: CellFormat;
  /** The raw value in the unit of the format (öre for money, a share 0..1 for percent). */
  readonly value: number | string | null;
  /** Optional stable name; it becomes the figure's id in figures.json. */
  readonly name?: string;
  /**
   * A count of persons (from `count()` or `r.count()`): in a public build it must be linked to
   * its cell of the report's disclosure model (`cell`, set by `r.count`), so it is suppressed
   * wherever its cell is. `number()` makes a count that is not about persons (places, a target).
   */
  readonly persons?: boolean;
  /** The disclosure-model cell this figure shows (set by `r.count`). */
  readonly cell?: string;
  /**
   * The cells of the counts a share is computed from (set by `r.share`): a share shown exactly
   * tells its counts, so in a public build they count as shown, and are protected.
   */
  readonly cells?: readonly string[];
}

export function isFigure(value: unknown): value is Figure {
  return typeof value === "object" && value !== null && (value as { kind?: unknown }).kind === "figure";
}

function numeric(format: CellFormat, value: number | null | undefined, name: string | undefined, what: string): Figure {
  if (value === undefined || (typeof value === "number" && !Number.isFinite(value))) {
    // An arquero sum over no rows is undefined and a mean of nothing is NaN: printing "NaN" in
    // a committee report is worse than failing the build.
    throw new TypeError(`${what}(${String(value)}): a figure must be a finite number or null (suppressed)`);
  }
  if (typeof value !== "number" && value !== null) {
    throw new TypeError(`${what}(): expected a number or null, got ${typeof value}`);
  }
  return name === undefined ? { kind: "figure", format, value } : { kind: "figure", format, value, name };
}

/*
 * Money figures. In a public build an amount is either declared to be about no persons
 * (`{ persons: false }`: a budget, an outcome, a contract's cost) or comes from `r.statistic` (a
 * cost per participant, linked to its counts): an amount divided by a hidden count of persons, or
 * multiplied by one, tells the count.
 */
/** Amount in kronor, value in öre: `kr(169400000)` → "1 694 000 kr". */
export const kr = (ore: number | null, name?: string, opts: FigureOptions = {}): Figure => withPersons(numeric("kr", ore, name, "kr"), opts);
/** Amount in thousands of kronor, value in öre: → "1 694 tkr". */
export const tkr = (ore: number | null, name?: string, opts: FigureOptions = {}): Figure => withPersons(numeric("tkr", ore, name, "tkr"), opts);
/** Amount in millions of kronor, value in öre: → "13,3 mnkr". */
export const mnkr = (ore: number | null, name?: string, opts: FigureOptions = {}): Figure => withPersons(numeric("mnkr", ore, name, "mnkr"), opts);
/** Budget deviation in millions of kronor with its sign, value in öre: → "+13,3 mnkr", "−1,1 mnkr". */
export const deviation = (ore: number | null, name?: string, opts: FigureOptions = {}): Figure =>
  withPersons(numeric("deviationMnkr", ore, name, "deviation"), opts);
/** Alias of `deviation`. */
export const mnkrDeviation = deviation;
/**
 * What a figure says about persons: `{ persons: false }` declares a share, a number or an amount
 * that is computed from no count of persons (a requirement, a budget share, staff, a budget), so a
 * public build takes it as it is. A share, statistic or amount per person comes from `r.share` or
 * `r.statistic`.
 */
export interface FigureOptions {
  persons?: false;
}

/**
 * A share 0..1 shown as a percentage: `percent(0.52)` → "52 %". In a public build it must be a
 * share of no persons (`{ persons: false }`); a share of persons comes from `r.share`.
 */
export const percent = (share: number | null, name?: string, opts: FigureOptions = {}): Figure => withPersons(numeric("percent", share, name, "percent"), opts);

function withPersons(f: Figure, opts: FigureOptions): Figure {
  return opts.persons === false ? { ...f, persons: false } : f;
}
function whole(n: number | null, what: string): void {
  if (typeof n === "number" && Number.isFinite(n) && !Number.isInteger(n)) {
    throw new TypeError(`${what}(${n}): a count must be a whole number`);
  }
}

/**
 * A count of persons, enrolments, decisions …: → "1 694". In a public report such a count must
 * come from `r.count(table, measure)`, which links it to the disclosure model.
 */
export const count = (n: number | null, name?: string): Figure => {
  whole(n, "count");
  return { ...numeric("integer", n, name, "count"), persons: true };
};

/** A whole number that counts no persons (places, a target, a number of units): → "150". */
export const number = (n: number, name?: string): Figure => {
  whole(n, "number");
  return { ...numeric("integer", n, name, "number"), persons: false };
};

/** A person count linked to its disclosure cell (what `r.count` returns). */
export function linkedCount(n: number | null, cell: string, name?: string): Figure {
  whole(n, "count");
  return { ...numeric("integer", n, name, "count"), persons: true, cell };
}
/** A share of persons linked to the cells of its counts (what `r.share` returns). */
export function linkedShare(share: number | null, cells: readonly string[], name?: string): Figure {
  return { ...numeric("percent", share, name, "share"), cells: [...cells] };
}
/**
 * A number with one decimal: → "16,5". In a public build it must say nothing about persons
 * (`{ persons: false }`); a statistic of persons (a median, an average) comes from `r.statistic`.
 */
export const decimal = (x: number | null, name?: string, opts: FigureOptions = {}): Figure => withPersons(numeric("decimal1", x, name, "decimal"), opts);
/**
 * A number of staff or full-time equivalents, counting no persons of the disclosure model: whole
 * numbers print without decimals, others with one → "23", "22,5".
 */
export const headcount = (x: number | null, name?: string): Figure => ({ ...numeric("headcount", x, name, "headcount"), persons: false });
/** A month "YYYY-MM": → "april 2023". */
export const month = (yyyyMm: string, name?: string): Figure => {
  if (!/^\d{4}-(0[1-9]|1[0-2])$/.test(yyyyMm)) throw new TypeError(`month(${JSON.stringify(yyyyMm)}): expected YYYY-MM`);
  return name === undefined ? { kind: "figure", format: "month", value: yyyyMm } : { kind: "figure", format: "month", value: yyyyMm, name };
};
/** A date as epoch milliseconds UTC: → "30 april 2023". */
export const date = (epochMs: number, name?: string): Figure => numeric("date", epochMs, name, "date");
