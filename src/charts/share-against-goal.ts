/**
 * A share per group (month, provider, …) against a goal or requirement: horizontal bars with the
 * share written at the end of each bar and the goal as a black line across them, named above the
 * plot ("Mål 100 %", "Krav 80 %"). Used for the offer rate per month against the goal that every
 * recipient of financial assistance is offered a programme, attendance per provider against the
 * attendance requirement, and places used against the agreed places.
 *
 * A hidden share (`null`: its counts are suppressed) keeps its row: a dashed stub and "dolt",
 * never a bar of guessed length. A missing share (no one to divide by, `NaN`/`undefined`) is the
 * row with "uppgift saknas".
 */
import type { Chart, TableColumn } from "./types.ts";
import { formatPercent } from "../render/format.ts";
import { measureText } from "../render/fonts.ts";
import { DEFAULT_SOURCE, bandAxisWidth, categoryName, frame, monthSpan, periodWords, plotWidth, requireRows, rowsOf, type BodySpec, type RowsInput } from "./common.ts";
import { HIDDEN_DASH, HIDDEN_FILL, HIDDEN_MARK, hiddenText, noteWithHidden, type HiddenItem } from "./hidden.ts";
import { CellLinks } from "./links.ts";
import { FONT_SIZE, OKABE_ITO, TEXT_COLOR } from "./theme.ts";

export interface ShareAgainstGoalOptions {
  /** Column that names the bars (e.g. "month", "provider"). */
  by: string;
  /** Column header of `by` in the table, e.g. "Månad". */
  byLabel: string;
  /** Column with the share 0..1 (e.g. "offerRate"). */
  measure: string;
  /** What the share is, for the table header and text: "Andel med insats". */
  measureLabel: string;
  /** The goal or requirement as a share (1 = 100 %). */
  goal: number;
  /** Its name above the line: "Mål" (default) or "Krav". */
  goalLabel?: string;
  /** Display names of the `by` values; months "YYYY-MM" are written in words by default. */
  labels?: Readonly<Record<string, string>>;
  /** Only rows with this gender (default "T" when the input has a gender column). */
  gender?: string;
  title: string;
  subtitle?: string;
  source?: string;
  name: string;
  /** The period the data cover ("YYYY-MM" = January to that month, "YYYY-MM-DD" or words). */
  period?: string;
}

/** Months from `from` to `to` ("YYYY-MM") in words: "juni 2023", "januari–juni 2023". */
export { monthSpan };
const monthWords = (v: string) => (/^\d{4}-(0[1-9]|1[0-2])$/.test(v) ? monthSpan(v, v) : v);

export function shareAgainstGoal(input: RowsInput<Record<string, unknown>>, o: ShareAgainstGoalOptions): Chart {
  if (!(Number.isFinite(o.goal) && o.goal > 0)) throw new RangeError(`shareAgainstGoal: goal must be a positive share, got ${String(o.goal)}`);
  const all = rowsOf(input);
  const gender = o.gender ?? "T";
  const rows = all.filter((r) => !("gender" in r) || r.gender === gender);
  requireRows(rows, o.name);
  const goalLabel = o.goalLabel ?? "Mål";
  // A share shown exactly tells its counts: the table links them (see CellLinks).
  const links = new CellLinks();
  const items = rows.map((r) => {
    const key = categoryName(r[o.by]);
    links.add(key, "share", r, o.measure);
    const v = r[o.measure];
    const state = v === null ? "hidden" : typeof v === "number" && Number.isFinite(v) ? "shown" : "missing";
    return { key, label: o.labels?.[key] ?? monthWords(key), value: state === "shown" ? (v as number) : null, state };
  });
  const labels = items.map((i) => i.label);
  const max = Math.max(o.goal, ...items.map((i) => i.value ?? 0));
  const valueW = Math.ceil(Math.max(measureText(formatPercent(max), FONT_SIZE, "bold"), measureText("uppgift saknas", FONT_SIZE))) + 10;
  const width = plotWidth(labels, valueW);
  const y = { field: "label", type: "nominal", sort: labels, title: null };
  const x = { field: "value", type: "quantitative", scale: { domain: [0, max], nice: false } };
  const values = [
    ...items.map((i) =>
      i.state === "shown"
        ? { kind: "bar", label: i.label, value: i.value, text: formatPercent(i.value as number), fill: (i.value as number) >= o.goal ? OKABE_ITO.blue : OKABE_ITO.orange }
        : { kind: i.state, label: i.label, value: 0, text: i.state === "hidden" ? HIDDEN_MARK : "uppgift saknas" },
    ),
    { kind: "goal", value: o.goal, text: `${goalLabel} ${formatPercent(o.goal)}` },
  ];
  const body: BodySpec = {
    data: { values },
    width,
    height: { step: 22 },
    layer: [
      {
        transform: [{ filter: { field: "kind", equal: "bar" } }],
        mark: { type: "bar", size: 16 },
        encoding: { y, x: { ...x, title: o.measureLabel, axis: { format: ".0%" } }, color: { field: "fill", type: "nominal", scale: null } },
      },
      {
        transform: [{ filter: { field: "kind", equal: "bar" } }],
        mark: { type: "text", align: "left", baseline: "middle", dx: 4, fontWeight: "bold" },
        encoding: { y, x, text: { field: "text", type: "nominal" } },
      },
      {
        transform: [{ filter: { field: "kind", equal: "hidden" } }],
        mark: { type: "bar", size: 16, fill: HIDDEN_FILL, strokeDash: [...HIDDEN_DASH] },
        encoding: { y, x: { value: 0 }, x2: { value: 24 } },
      },
      {
        transform: [{ filter: { field: "kind", oneOf: ["hidden", "missing"] } }],
        mark: { type: "text", align: "left", baseline: "middle", dx: 28 },
        encoding: { y, x: { value: 0 }, text: { field: "text", type: "nominal" } },
      },
      {
        transform: [{ filter: { field: "kind", equal: "goal" } }],
        mark: { type: "rule", color: TEXT_COLOR, strokeWidth: 3 },
        encoding: { x },
      },
      {
        transform: [{ filter: { field: "kind", equal: "goal" } }],
        mark: { type: "text", align: "right", baseline: "bottom", dx: -4, y: 0, dy: -4, fontWeight: "bold" },
        encoding: { x, text: { field: "text", type: "nominal" } },
      },
    ],
  };

  const shown = items.filter((i) => i.state === "shown");
  const hiddenItems: HiddenItem[] = items.filter((i) => i.state === "hidden").map((i) => ({ row: i.label, what: o.measureLabel.toLowerCase() }));
  const sentences = [`Liggande stapeldiagram: ${o.measureLabel.toLowerCase()} per ${o.byLabel.toLowerCase()} mot ${goalLabel.toLowerCase()}et ${formatPercent(o.goal)}.`];
  if (shown.length > 0) {
    const lo = shown.reduce((a, b) => ((b.value as number) < (a.value as number) ? b : a));
    const hi = shown.reduce((a, b) => ((b.value as number) > (a.value as number) ? b : a));
    const reached = shown.filter((i) => (i.value as number) >= o.goal).length;
    sentences.push(shown.length === 1 ? `${lo.label}: ${formatPercent(lo.value as number)}.` : `Lägst ${lo.label} (${formatPercent(lo.value as number)}), högst ${hi.label} (${formatPercent(hi.value as number)}).`);
    sentences.push(`${reached} av ${shown.length} når ${goalLabel.toLowerCase()}et.`);
  }
  const alt = sentences.join(" ") + hiddenText(hiddenItems);
  const source = o.source ?? DEFAULT_SOURCE;
  const columns: TableColumn[] = [
    { key: "group", label: o.byLabel, format: "text" },
    { key: "share", label: o.measureLabel, format: "percent" },
    { key: "goal", label: goalLabel, format: "percent" },
  ];
  return {
    name: o.name,
    title: o.title,
    alt,
    spec: frame(body, { title: o.title, subtitle: o.subtitle, source, left: bandAxisWidth(labels) }),
    table: {
      name: o.name, caption: o.title, columns, rows: items.map((i) => ({ group: i.label, share: i.value, goal: o.goal })), note: noteWithHidden(source, hiddenItems),
      ...(links.any ? { links: items.map((i) => links.row(i.key, ["share"])) } : {}),
    },
    source,
    ...(o.period !== undefined ? { period: periodWords(o.period) } : {}),
  };
}
