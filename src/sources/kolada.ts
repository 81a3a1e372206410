/**
 * kolada — `kolada.csv`: Kolada key figures as downloaded. `value` is NaN both for `..`
 * (suppressed) and for `-`/empty (missing); the derived `status` column tells them apart.
 */
import { loadFile, type Loaded, type LoadOptions } from "../schema/load.ts";
import { defineSchema } from "../schema/types.ts";

export const koladaGenderCodes = {
  T: ["totalt", "total", "alla", "samtliga", "all"],
  K: ["kvinnor", "kvinna", "women", "woman", "female", "F"],
  M: ["män", "man", "men", "male"],
} as const;

export const koladaSchema = defineSchema({
  kind: "kolada",
  fileName: "kolada.csv",
  title: "Kolada (nyckeltal)",
  columns: {
    kpi: { type: "string", header: "kpi", required: true, aliases: ["KPI", "kpi_id", "Nyckeltal", "Nyckeltals-id", "Key figure"], description: "key figure id" },
    municipalityId: { type: "string", header: "municipality_id", required: true, aliases: ["Kommun-id", "Kommunkod", "Kommun id", "municipality id", "Municipality code"], description: "municipality id, kept as text (0180)" },
    municipality: { type: "string", header: "municipality", aliases: ["Kommun", "municipality_name", "Kommunnamn"], description: "name" },
    period: { type: "integer", header: "period", required: true, aliases: ["År", "Year"], description: "year" },
    gender: { type: "code", header: "gender", required: true, codes: koladaGenderCodes, aliases: ["Kön", "Kon", "Sex"], description: "T total, K women, M men" },
    value: { type: "decimal", header: "value", aliases: ["Värde", "Varde"], description: "the value; .. suppressed and - missing are both NaN (see status)" },
    status: { type: "code", header: "status", statusOf: "value", codes: { ok: [], suppressed: [], missing: [] }, description: "ok, suppressed (..), missing (- or empty)" },
  },
});

export type KoladaSchema = typeof koladaSchema;

export function loadKolada(path: string, opts?: LoadOptions): Promise<Loaded<KoladaSchema>> {
  return loadFile(koladaSchema, path, opts);
}
