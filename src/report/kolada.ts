/**
 * Our own value of a Kolada key figure, computed from the participants export, as a report shows
 * it beside Kolada's: its counts (participants, or ended and ended in work or studies) go through
 * the report's disclosure model like every other person count, and the value is linked to them,
 * so in a public build it is hidden when they are and its counts count as shown (an exact share,
 * even rounded to one decimal, can tell them). See metrics/kolada.ts for the definitions.
 */
import type { ColumnTable } from "arquero";
import { ownKoladaCounts, type OwnKpi } from "../metrics/kolada.ts";
import { number, type Figure } from "./figures.ts";
import type { ReportContext } from "./report.ts";

export function ownKoladaFigure(
  r: ReportContext,
  participants: ColumnTable,
  opts: { kpi: OwnKpi; year: number; gender?: "T" | "K" | "M"; exclude?: readonly string[] },
): Figure {
  const own = ownKoladaCounts(participants, opts);
  const where = { ...own.where, gender: opts.gender ?? "T" };
  const matches = (own.table.objects() as Record<string, unknown>[]).some((row) => Object.entries(where).every(([k, v]) => row[k] === v));
  // No one in the group at all: a count of 0, which protects nothing and needs no cell.
  if (!matches) return number(0);
  // Its own population (the whole year), apart from the period's tables.
  const table = r.publishable(own.table, { name: `kolada-egen-${opts.kpi.toLowerCase()}-${opts.year}`, measures: own.counts, groupKeys: own.groupKeys });
  return own.share ? r.share(table, own.measure, where) : r.count(table, own.measure, where);
}
