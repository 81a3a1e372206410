/**
 * requestedPlaces — `efterfragade-platser.csv`: the internship and work-training places and welfare
 * jobs the city's administrations ask for, per administration, kind of place and year (Västerås
 * 002 §73, last question). `requestedPlaces` in src/metrics sets them against the catalogue's places.
 */
import { loadFile, type Loaded, type LoadOptions } from "../schema/load.ts";
import { defineSchema } from "../schema/types.ts";
import type { CoverageSpec } from "./coverage.ts";

export const requestedPlacesSchema = defineSchema({
  kind: "requestedPlaces",
  fileName: "efterfragade-platser.csv",
  title: "Efterfrågade platser",
  columns: {
    administration: { type: "string", header: "Förvaltning", required: true, aliases: ["Forvaltning", "Nämnd", "Administration"], description: "the administration asking for places" },
    placeKind: {
      type: "string", header: "Typ av plats", required: true, aliases: ["Platstyp", "Typ", "Kind of place", "Place kind"],
      description: "`praktik`, `arbetsträning` or `välfärdsjobb` (any spelling of those; another value is kept as its own kind)",
    },
    year: { type: "integer", header: "År", required: true, aliases: ["Ar", "Year"], description: "the year the places are wanted for" },
    requested: { type: "integer", header: "Efterfrågade platser", required: true, aliases: ["Efterfragade platser", "Antal platser", "Önskat antal", "Requested places", "Requested"], description: "number of places wanted" },
    comment: { type: "string", header: "Kommentar", aliases: ["Anmärkning", "Comment"], description: "free text" },
  },
});

export type RequestedPlacesSchema = typeof requestedPlacesSchema;

export function loadRequestedPlaces(path: string, opts?: LoadOptions): Promise<Loaded<RequestedPlacesSchema>> {
  return loadFile(requestedPlacesSchema, path, opts);
}

/** The years a requested-places export covers (each row is one year). */
export const requestedPlacesCoverage: CoverageSpec = { unit: "year", from: "year", checkPeriod: true };
