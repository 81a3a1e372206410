/**
 * The mapping of every programme a committee asks for (Västerås 002 §73): what it is, its
 * purpose and target group, places, how many are enrolled, how many went on to work or
 * studies, how many decisions were made, and what a place costs.
 */
import type { ColumnTable } from "arquero";
import type { TableSpec } from "../charts/types.ts";
import { byGender, cellValue, linksOf, rowsOf, type Row } from "./rows.ts";

export interface CatalogueTableOptions {
  name: string;
  caption: string;
  note?: string;
}

/**
 * @param programmes the loaded catalogue (`code`, `name`, `description`, `purpose`, `targetGroup`).
 * @param outcomes `programmeOutcomes(..., { by: ["programme"], programmes })` (long gender form).
 * @param capacity `programmeCapacity(programmes, participants, ...)` (one row per programme).
 */
export function catalogueTable(programmes: ColumnTable, outcomes: ColumnTable, capacity: ColumnTable, opts: CatalogueTableOptions): TableSpec {
  const totals = new Map(byGender(rowsOf(outcomes), ["programme"]).map((g) => [g.key.programme, g.T] as const));
  const costs = new Map(rowsOf(capacity).map((c) => [c.programme, c] as const));
  const links = rowsOf(programmes).map((p: Row) => {
    const t = totals.get(p.code);
    return linksOf([
      ["enrolled", t, "enrolled"],
      ["ended", t, "ended"],
      ["workOrStudies", t, "workOrStudies"],
      ["decisions", t, "decisions"],
    ]);
  });
  const rows = rowsOf(programmes).map((p: Row) => {
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
      { key: "workOrStudies", label: "Till arbete eller studier", format: "integer" },
      { key: "decisions", label: "Beslut", format: "integer" },
      { key: "costPerPlace", label: "Kostnad per plats", format: "kr" },
    ],
    rows,
    links,
    note: opts.note,
  };
}
