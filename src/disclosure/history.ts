/**
 * What a public report published, kept for the builds of later periods (a publication record).
 *
 * A municipality's website keeps every month's report, so an attacker knows the numbers of every
 * period side by side. A closed year's count is the same in January's report and in March's: when
 * January hides it (to protect a small count of its own) and March shows it, January's total
 * minus its shown parts minus March's value gives January's small count. So a public build takes
 * the earlier publications into its disclosure model (joint.ts): their cells as they were
 * published, fixed (what is out cannot be taken back), and every count of this build linked as the
 * same number to a count of the same name (table, measure, keys, gender) and the same value in
 * another publication of the same period, or of any period when the count's time (its `year` or
 * `month` key) ended before the earlier of the two periods began (`closedBefore`). A year-to-date
 * count that happens to equal last month's is not taken for the same persons; one that grew by
 * fewer persons than the threshold tells them (`gathersBetween`, joint.ts `addDifferences`).
 *
 * A record holds the true value of every cell, hidden ones too: it is as private as the internal
 * report and is kept outside the public folder. One record per version published: a report built
 * again for the same period with other numbers adds a record, since the first version may have
 * been read.
 */
import { attackerIntervals, type PublishedView } from "./attacker.ts";
import { DisclosureError, type CellId, type DisclosureModel, type Relation } from "./model.ts";

/** The record format's name and version; a record of another format is refused. */
export const RECORD_FORMAT = "utfall-publicering/1";

export interface RecordCell {
  id: CellId;
  label: string;
  /** The true value. */
  value: number;
  grandTotal: boolean;
  /** Shown by some output (else unknown to an attacker). */
  shown: boolean;
  /** Hidden: primary, withheld or secondary. */
  suppressed: boolean;
  /** A breakdown of a small total: hidden without saying which of its cells are small. */
  withheld: boolean;
}

export interface PublicationRecord {
  format: typeof RECORD_FORMAT;
  report: string;
  period: string | null;
  threshold: number;
  cells: RecordCell[];
  relations: Relation[];
}

/** The record of a report as published under `protection`, showing `shown`. */
export function publicationRecord(report: string, period: string | null, model: DisclosureModel,
  protection: { threshold: number; suppressed: ReadonlySet<CellId>; withheld: ReadonlySet<CellId> }, shown: ReadonlySet<CellId>): PublicationRecord {
  const cells = [...model.cells.values()]
    .map((c) => ({
      id: c.id,
      label: c.label,
      value: c.value,
      grandTotal: c.grandTotal,
      shown: shown.has(c.id),
      suppressed: protection.suppressed.has(c.id),
      withheld: protection.withheld.has(c.id),
    }))
    .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return { format: RECORD_FORMAT, report, period, threshold: protection.threshold, cells, relations: model.relations.map((r) => ({ ...r, parts: [...r.parts] })) };
}

/** A record read back: checked field by field, so a damaged file is refused, never half used. */
export function parseRecord(text: string, file: string): PublicationRecord {
  const bad = (what: string): never => {
    throw new DisclosureError(`${file}: ingen läsbar publiceringspost (not a readable publication record): ${what}`);
  };
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch {
    bad("ogiltig JSON");
  }
  const d = doc as Partial<PublicationRecord> | null;
  if (d === null || typeof d !== "object" || d.format !== RECORD_FORMAT) bad(`formatet är inte ${RECORD_FORMAT}`);
  if (typeof d!.report !== "string" || !(d!.period === null || typeof d!.period === "string")) bad("rapport eller period saknas");
  if (!Number.isInteger(d!.threshold) || d!.threshold! < 2) bad("tröskel saknas");
  if (!Array.isArray(d!.cells) || !Array.isArray(d!.relations)) bad("celler eller samband saknas");
  const ids = new Set<string>();
  for (const c of d!.cells!) {
    const ok = c !== null && typeof c === "object" && typeof c.id === "string" && typeof c.label === "string" && Number.isInteger(c.value) && c.value >= 0
      && [c.grandTotal, c.shown, c.suppressed, c.withheld].every((b) => typeof b === "boolean");
    if (!ok) bad("en cell är ofullständig");
    ids.add(c.id);
  }
  for (const r of d!.relations!) {
    const ok = r !== null && typeof r === "object" && ids.has(r.total) && Array.isArray(r.parts) && r.parts.every((p) => ids.has(p))
      && (r.kind === "eq" || r.kind === "ge" || r.kind === "le") && typeof r.why === "string";
    if (!ok) bad("ett samband nämner okända celler");
  }
  return d as PublicationRecord;
}

/**
 * The file of a version of a report's record for a period, within the records' folder: one file
 * per version published (`version`: a digest of its content), so a period built again with other
 * data keeps the record of what was published first.
 */
export function recordFile(report: string, period: string | null, version: string): string {
  return `${report}/${period ?? "utan-period"}/${version}.json`;
}

const YEAR_KEY = /(?:^|,)year=(\d{4})(?:,|$)/;
const MONTH_KEY = /(?:^|,)month=(\d{4}-\d{2})(?:,|$)/;

/**
 * Whether the count of a cell id (`table|measure|keys|gender`, register.ts `cellId`) belongs to a
 * time that ended before `period` began: a `year` key before the period's year, or a `month` key
 * before its month. Such a count is final: a report of a later period shows the same number for it
 * unless the data were corrected, and an attacker knows that.
 */
export function closedBefore(id: CellId, period: string | null): boolean {
  if (period === null) return false;
  const keys = id.split("|")[2] ?? "";
  const year = YEAR_KEY.exec(keys)?.[1];
  if (year !== undefined && year < period.slice(0, 4)) return true;
  const month = MONTH_KEY.exec(keys)?.[1];
  return month !== undefined && month < period;
}

const PERIOD = /^\d{4}-(0[1-9]|1[0-2])$/;

/** Whether a period is a month (`YYYY-MM`). */
export function isMonth(period: string | null): period is string {
  return period !== null && PERIOD.test(period);
}

/**
 * Whether a count gathered from January to the period, published for `earlier` and for the later
 * period `later`, tells by subtraction the persons in between: both are months of one year.
 */
export function gathersBetween(earlier: string | null, later: string | null): boolean {
  return isMonth(earlier) && isMonth(later) && earlier < later && earlier.slice(0, 4) === later.slice(0, 4);
}

/**
 * What a publication told an attacker of some of its hidden cells, on its own: the least and the
 * most each can be given everything it showed (a cell marked small 1 … threshold − 1, another
 * hidden one 0 or at least the threshold, a withheld or unshown one any count); no most (null)
 * for a cell nothing it showed bounds.
 */
export async function hiddenIntervals(record: PublicationRecord, cells: ReadonlySet<CellId>): Promise<Map<CellId, { min: number; max: number | null }>> {
  const witness = new Map(record.cells.map((c) => [c.id, c.value]));
  const view = publishedView(record);
  const intervals = await attackerIntervals(view, { free: unknownCells(record), cells, hidden: true, witness });
  // No count is bounded by more than everything the publication showed: a maximum above that is
  // the solver's cap on a cell nothing bounds (null), not a bound.
  const shownSum = view.cells.reduce((s, c) => s + (c.value ?? 0), 0);
  return new Map(intervals.map((i) => [i.id, { min: i.min, max: i.max <= shownSum ? i.max : null }]));
}

/** A publication as its readers have it: the values it showed, the cells it marked small, and its relations. */
export function publishedView(record: PublicationRecord): PublishedView {
  const small = (v: number) => v > 0 && v < record.threshold;
  return {
    threshold: record.threshold,
    cells: record.cells.map((c) => {
      const hidden = c.suppressed || !c.shown;
      return { id: c.id, label: c.label, value: hidden ? null : c.value, primary: hidden && c.shown && !c.withheld && small(c.value) };
    }),
    relations: record.relations,
  };
}

/** The cells of a publication its readers know nothing of but that they are counts: withheld, or shown nowhere. */
export function unknownCells(record: PublicationRecord): Set<CellId> {
  return new Set(record.cells.filter((c) => c.withheld || !c.shown).map((c) => c.id));
}

/**
 * The tables an earlier publication of a report has that the report no longer registers (a table
 * renamed, or dropped): their counts are linked to nothing of this build, so a renamed table is
 * protected as if it were new. By report, the earlier periods and the table names.
 */
export function tablesLeftBehind(current: ReadonlyMap<string, Iterable<CellId>>, history: readonly PublicationRecord[]): { report: string; period: string | null; tables: string[] }[] {
  const tableOf = (id: CellId) => id.slice(0, id.indexOf("|"));
  const now = new Map([...current].map(([report, ids]) => [report, new Set([...ids].map(tableOf))]));
  const out: { report: string; period: string | null; tables: string[] }[] = [];
  for (const rec of history) {
    const has = now.get(rec.report);
    if (has === undefined) continue;
    const tables = [...new Set(rec.cells.map((c) => tableOf(c.id)))].filter((t) => !has.has(t)).sort();
    if (tables.length > 0 && !out.some((o) => o.report === rec.report && o.period === rec.period)) out.push({ report: rec.report, period: rec.period, tables });
  }
  return out;
}
