/**
 * The table of programme outcomes (per programme, provider or unit) as the committee reads it:
 * participants split by gender, new starts, enrolled, ended, and the share who went on to work
 * or studies (Kolada U40455's definition), with places and capacity use when known.
 */
import type { ColumnTable } from "arquero";
import type { TableSpec } from "../charts/types.ts";
import { byGender, cellValue, linksOf, rowsOf } from "./rows.ts";

export interface OutcomesTableOptions {
  /** Table slug: tables/<name>.csv */
  name: string;
  caption: string;
  /** The group key of the metric table (`programme`, `provider` or `unit`). */
  by: string;
  /** Header of the group column, e.g. "Insats". */
  byLabel: string;
  /** Display names of the groups (e.g. programme code → name). */
  labels?: Readonly<Record<string, string>>;
  note?: string;
}

/** Build the outcome table from `programmeOutcomes(...)` (long gender form). */
export function outcomesTable(outcomes: ColumnTable, opts: OutcomesTableOptions): TableSpec {
  const hasPlaces = outcomes.columnNames().includes("places");
  const groups = byGender(rowsOf(outcomes), [opts.by]);
  const links = groups.map(({ K, M, X, T }) =>
    linksOf([
      ["women", K, "participants"],
      ["men", M, "participants"],
      ["other", X, "participants"],
      ["participants", T, "participants"],
      ["starts", T, "starts"],
      ["enrolled", T, "enrolled"],
      ["ended", T, "ended"],
      ["workOrStudies", T, "workOrStudies"],
      ["shareWorkOrStudies", T, "shareWorkOrStudies"],
      ["shareWomen", K, "shareWorkOrStudies"],
      ["shareMen", M, "shareWorkOrStudies"],
      ["capacityUse", T, "capacityUse"],
    ]),
  );
  const rows = groups.map(({ key, K, M, X, T }) => {
    const group = String(key[opts.by] ?? "–");
    const row: Record<string, string | number | null> = {
      group: opts.labels?.[group] ?? group,
      women: cellValue(K?.participants),
      men: cellValue(M?.participants),
      other: cellValue(X?.participants),
      participants: cellValue(T?.participants),
      starts: cellValue(T?.starts),
      enrolled: cellValue(T?.enrolled),
      ended: cellValue(T?.ended),
      workOrStudies: cellValue(T?.workOrStudies),
      shareWorkOrStudies: cellValue(T?.shareWorkOrStudies),
      shareWomen: cellValue(K?.shareWorkOrStudies),
      shareMen: cellValue(M?.shareWorkOrStudies),
    };
    if (hasPlaces) {
      row.places = cellValue(T?.places);
      row.capacityUse = cellValue(T?.capacityUse);
    }
    return row;
  });
  return {
    name: opts.name,
    caption: opts.caption,
    columns: [
      { key: "group", label: opts.byLabel, format: "text" },
      { key: "women", label: "Deltagare kvinnor", format: "integer" },
      { key: "men", label: "Deltagare män", format: "integer" },
      { key: "other", label: "Deltagare annat/okänt kön", abbr: "Deltagare annat/okänt", format: "integer" },
      { key: "participants", label: "Deltagare totalt", format: "integer" },
      { key: "starts", label: "Nya", format: "integer" },
      { key: "enrolled", label: "Inskrivna vid periodens slut", abbr: "Inskrivna vid slutet", format: "integer" },
      ...(hasPlaces
        ? [
            { key: "places", label: "Platser", format: "integer" as const, persons: false },
            { key: "capacityUse", label: "Beläggning", format: "percent" as const },
          ]
        : []),
      { key: "ended", label: "Avslutade", format: "integer" },
      { key: "workOrStudies", label: "Till arbete eller studier", abbr: "Till arb./stud.", format: "integer" },
      { key: "shareWorkOrStudies", label: "Andel till arbete eller studier", abbr: "Andel arb./stud.", format: "percent" },
      { key: "shareWomen", label: "Andel kvinnor till arbete eller studier", abbr: "Andel kvinnor arb./stud.", format: "percent" },
      { key: "shareMen", label: "Andel män till arbete eller studier", abbr: "Andel män arb./stud.", format: "percent" },
    ],
    rows,
    links,
    note: opts.note,
  };
}
