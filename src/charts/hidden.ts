/**
 * Hidden (suppressed) values in charts: what a `null` count means, how a hidden segment looks,
 * and the sentences that say what is hidden. Every chart builder goes through this module, so the
 * meaning of `null` and the wording change in one place.
 *
 * A hidden value is never dropped and never recomputed: its category stays on the axis and in the
 * legend, its place is marked "dolt" (light fill, dashed outline, a text label and a legend entry:
 * colour is not the only carrier of meaning), and the text alternative and the data table count
 * what is hidden without naming a number computed from it.
 */
import { OUTLINE_COLOR } from "./theme.ts";

/**
 * True when a metric cell is hidden from publication. Today every `null` count is a suppressed
 * one (public mode); missing data arrives as NaN/undefined. When the report's disclosure model
 * distinguishes further (e.g. missing published as `null`), change it here.
 */
export function isHidden(v: unknown): v is null {
  return v === null;
}

/**
 * Legend entry of a hidden segment. A segment is hidden when its count is under the build's
 * threshold or would reveal one (secondary suppression), so the words name no number.
 */
export const HIDDEN_LEGEND = "Dolt";
/** Text drawn on or beside a hidden segment, and instead of a hidden total. */
export const HIDDEN_MARK = "dolt";
/** Fill and outline of a hidden segment: light grey, dashed dark outline. */
export const HIDDEN_FILL = "#eeeeee";
export const HIDDEN_STROKE = OUTLINE_COLOR;
export const HIDDEN_DASH: readonly number[] = [3, 2];
/** Text colour on the hidden fill (contrast 15:1). */
export const HIDDEN_TEXT_COLOR = "#1a1a1a";

/** A hidden value and where it is: the row (group, band) and the column (reason, gender). */
export interface HiddenItem {
  row: string;
  what: string;
}

/**
 * "1 värde visas inte …" / "3 värden visas inte eftersom de avser eller skulle avslöja ett litet
 * antal personer." ("" for none). Secondary suppression hides counts of any size that would reveal
 * a small one, hence "or would reveal"; the threshold is the build's (the page's banner names it).
 */
export function hiddenCountSentence(n: number): string {
  if (n <= 0) return "";
  return n === 1
    ? "1 värde visas inte eftersom det avser eller skulle avslöja ett litet antal personer."
    : `${n} värden visas inte eftersom de avser eller skulle avslöja ett litet antal personer.`;
}

/** At most this many rows are named in a hidden sentence; the rest are counted. */
const MAX_NAMED_ROWS = 8;

/**
 * The hidden values by row: "Dolt: Jobbspåret (studier, övrigt), IPS (kvinnor, totalt)." ("" for
 * none). Rows beyond the first eight are counted, not named.
 */
export function hiddenWhereSentence(items: readonly HiddenItem[]): string {
  if (items.length === 0) return "";
  const byRow = new Map<string, string[]>();
  for (const it of items) {
    const list = byRow.get(it.row) ?? [];
    if (!list.includes(it.what)) list.push(it.what);
    byRow.set(it.row, list);
  }
  const rows = [...byRow.entries()];
  const named = rows.slice(0, MAX_NAMED_ROWS).map(([row, whats]) => `${row} (${whats.join(", ")})`);
  const rest = rows.length - named.length;
  return `Dolt: ${named.join(", ")}${rest > 0 ? ` och ${rest} ${rest === 1 ? "rad" : "rader"} till` : ""}.`;
}

/** Both sentences for a chart's text alternative and its table note, with a leading space. */
export function hiddenText(items: readonly HiddenItem[]): string {
  if (items.length === 0) return "";
  return ` ${hiddenCountSentence(items.length)} ${hiddenWhereSentence(items)}`;
}

/** A table note: the source line followed by what is hidden. */
export function noteWithHidden(source: string, items: readonly HiddenItem[]): string {
  return `${source}${hiddenText(items)}`;
}

/**
 * Dashed outline on the marks of hidden values: data rows carry `hidden: true`. A conditional
 * value, not a field, so Vega-Lite draws no second legend for it.
 */
export const HIDDEN_DASH_ENCODING = {
  condition: { test: "datum.hidden === true", value: [...HIDDEN_DASH] },
  value: [] as number[],
};

/**
 * A legend (from `legendFor`) whose hidden entry has a dashed outline as on the chart: the
 * expression compares the entry with the constant legend text, never with data.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function withHiddenSymbol<T extends Record<string, any>>(legend: T): T {
  return {
    ...legend,
    // Vega-Lite's legend `encoding` (not Vega's `encode`) merges into the symbols' update set.
    encoding: {
      symbols: {
        strokeDash: { condition: { test: `datum.value === ${JSON.stringify(HIDDEN_LEGEND)}`, value: [...HIDDEN_DASH] }, value: [] },
      },
    },
  };
}

/**
 * Colour scale of a legend that may carry a hidden entry: `domain` and `range` with the hidden
 * entry appended when `withHidden`.
 */
export function withHiddenEntry(
  domain: readonly string[],
  range: readonly string[],
  withHidden: boolean,
): { domain: string[]; range: string[] } {
  if (!withHidden) return { domain: [...domain], range: [...range] };
  return { domain: [...domain, HIDDEN_LEGEND], range: [...range, HIDDEN_FILL] };
}
