/**
 * The mapping of every programme a committee asks for (Västerås 002 §73): what it is, its
 * purpose and target group, places, how many are enrolled, how many went on to work or
 * studies, how many decisions were made, and what a place costs.
 */
import type { ColumnTable } from "arquero";
import type { TableSpec } from "../charts/types.ts";
import { toMs, type DateLike, type Period } from "../metrics/util.ts";
import { byGender, cellValue, linksOf, rowsOf, type Row } from "./rows.ts";

export interface CatalogueTableOptions {
  name: string;
  caption: string;
  note?: string;
  /**
   * The report's period (`m.yearToDate(r.period)`): only catalogue rows valid in it
   * (`validFrom` ≤ `to` and `validTo` ≥ `from`, missing bounds open) are shown, one row per
   * programme: of several, the row valid on `refDate` (default `to`), else the last to start.
   * Without it, the programmes `capacity` holds are shown (those valid on its reference date).
   */
  period?: Period & { refDate?: DateLike };
}

/** A validity bound as epoch ms; a missing bound is NaN (open: every comparison is false). */
function bound(v: unknown): number {
  if (typeof v === "number") return v;
  if (v instanceof Date) return v.getTime();
  if (typeof v === "string" && v !== "") return toMs(v);
  return Number.NaN;
}

/**
 * The catalogue rows a report of `period` shows, in catalogue order: a row that is not valid in
 * the period (an agreement that starts later or ended before) would show the period's figures
 * against a programme that did not exist then.
 */
function rowsInPeriod(programmes: ColumnTable, capacity: ColumnTable, period: CatalogueTableOptions["period"]): Row[] {
  const all = rowsOf(programmes);
  if (period === undefined) {
    const valid = new Set(rowsOf(capacity).map((c) => c.programme));
    return all.filter((p) => valid.has(p.code));
  }
  const from = toMs(period.from);
  const to = toMs(period.to, true);
  const ref = period.refDate === undefined ? to : toMs(period.refDate);
  const chosen = new Map<unknown, { row: Row; atRef: boolean; start: number }>();
  for (const row of all) {
    const vf = bound(row.validFrom);
    const vt = bound(row.validTo);
    if (vf > to || vt < from) continue;
    const candidate = { row, atRef: !(vf > ref || vt < ref), start: Number.isNaN(vf) ? -Infinity : vf };
    const best = chosen.get(row.code);
    if (best === undefined || (candidate.atRef && !best.atRef) || (candidate.atRef === best.atRef && candidate.start > best.start)) chosen.set(row.code, candidate);
  }
  const keep = new Set([...chosen.values()].map((c) => c.row));
  return all.filter((p) => keep.has(p));
}

/**
 * @param programmes the loaded catalogue (`code`, `name`, `description`, `purpose`, `targetGroup`).
 * @param outcomes `programmeOutcomes(..., { by: ["programme"], programmes })` (long gender form).
 * @param capacity `programmeCapacity(programmes, participants, ...)` (one row per programme).
 */
export function catalogueTable(programmes: ColumnTable, outcomes: ColumnTable, capacity: ColumnTable, opts: CatalogueTableOptions): TableSpec {
  const totals = new Map(byGender(rowsOf(outcomes), ["programme"]).map((g) => [g.key.programme, g.T] as const));
  const costs = new Map(rowsOf(capacity).map((c) => [c.programme, c] as const));
  const shown = rowsInPeriod(programmes, capacity, opts.period);
  const links = shown.map((p: Row) => {
    const t = totals.get(p.code);
    return linksOf([
      ["enrolled", t, "enrolled"],
      ["ended", t, "ended"],
      ["workOrStudies", t, "workOrStudies"],
      ["decisions", t, "decisions"],
    ]);
  });
  const rows = shown.map((p: Row) => {
    const t = totals.get(p.code);
    const c = costs.get(p.code);
    return {
      name: cellValue(p.name),
      description: cellValue(p.description),
      purpose: cellValue(p.purpose),
      targetGroup: cellValue(p.targetGroup),
      places: cellValue(t?.places ?? p.places),
      enrolled: cellValue(t?.enrolled),
      capacityUse: cellValue(t?.capacityUse),
      ended: cellValue(t?.ended),
      workOrStudies: cellValue(t?.workOrStudies),
      decisions: cellValue(t?.decisions),
      costPerPlace: cellValue(c?.costPerPlace),
    };
  });
  return {
    name: opts.name,
    caption: opts.caption,
    columns: [
      { key: "name", label: "Insats", format: "text" },
      { key: "description", label: "Vad insatsen innebär", format: "text" },
      { key: "purpose", label: "Syfte och mål", format: "text" },
      { key: "targetGroup", label: "Målgrupp", format: "text" },
      { key: "places", label: "Platser", format: "integer", persons: false },
      { key: "enrolled", label: "Inskrivna", format: "integer" },
      { key: "capacityUse", label: "Beläggning", format: "percent" },
      { key: "ended", label: "Avslutade", format: "integer" },
      { key: "workOrStudies", label: "Till arbete eller studier", abbr: "Till arb./stud.", format: "integer" },
      { key: "decisions", label: "Beslut", format: "integer" },
      { key: "costPerPlace", label: "Kostnad per plats", format: "kr" },
    ],
    rows,
    links,
    note: opts.note,
  };
}
