/**
 * kolada — `kolada.csv`: Kolada key figures as downloaded. `value` is NaN both for `..`
 * (suppressed) and for `-`/empty (missing); the derived `status` column tells them apart.
 *
 * The same kind reads a saved response of Kolada's API v3 (JSON, e.g. `kolada.json` as
 * `utfall kolada hämta` saves it): see kolada-v3.ts for what is kept, dropped and flagged.
 */
import { registerJsonReader } from "../schema/formats.ts";
import { loadFile, type Loaded, type LoadOptions } from "../schema/load.ts";
import { defineSchema } from "../schema/types.ts";
import { readKoladaV3 } from "./kolada-v3.ts";
import type { CoverageSpec } from "./coverage.ts";

export const koladaGenderCodes = {
  T: ["totalt", "total", "alla", "samtliga", "all"],
  K: ["kvinnor", "kvinna", "women", "woman", "female", "F"],
  M: ["män", "man", "men", "male"],
} as const;

export const koladaSchema = defineSchema({
  kind: "kolada",
  fileName: "kolada.csv",
  title: "Kolada (nyckeltal)",
  decimalSeparator: ".", // Kolada writes 3.4; a comma is read only where it cannot be a thousands separator
  columns: {
    kpi: { type: "string", header: "kpi", required: true, aliases: ["KPI", "kpi_id", "Nyckeltal", "Nyckeltals-id", "Key figure"], description: "key figure id" },
    municipalityId: { type: "string", header: "municipality_id", required: true, aliases: ["Kommun-id", "Kommunkod", "Kommun id", "municipality id", "Municipality code"], description: "municipality id, kept as text (0180)" },
    municipality: { type: "string", header: "municipality", aliases: ["Kommun", "municipality_name", "Kommunnamn"], description: "name" },
    period: { type: "integer", header: "period", required: true, aliases: ["År", "Year"], description: "year" },
    gender: { type: "code", header: "gender", required: true, codes: koladaGenderCodes, aliases: ["Kön", "Kon", "Sex"], description: "T total, K women, M men" },
    value: { type: "decimal", header: "value", aliases: ["Värde", "Varde"], description: "the value; .. suppressed and - missing are both NaN (see status)" },
    status: { type: "code", header: "status", statusOf: "value", codes: { ok: [], suppressed: [], missing: [] }, description: "ok, suppressed (..), missing (- or empty)" },
    groupSize: { type: "integer", header: "count", aliases: ["Antal kommuner"], description: "API v3: how many municipalities the value covers; > 1 for a municipality group" },
    unweightedAverage: { type: "boolean", header: "unweighted_average", aliases: ["Ovägt medelvärde"], description: "API v3: true when the value is an unweighted average of a municipality group (count > 1)" },
    koladaStatus: { type: "string", header: "kolada_status", description: "API v3: Kolada's own status mark of the value, as given" },
  },
});

registerJsonReader(koladaSchema.kind, readKoladaV3);

export type KoladaSchema = typeof koladaSchema;

export function loadKolada(path: string, opts?: LoadOptions): Promise<Loaded<KoladaSchema>> {
  return loadFile(koladaSchema, path, opts);
}

/** The time a kolada export covers (yearly figures; reports compare an earlier year by design, so the period is not checked against them). */
export const koladaCoverage: CoverageSpec = { unit: "year", from: "period", checkPeriod: false };
