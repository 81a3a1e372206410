/** Requested internship and work-training places and welfare jobs per administration (Västerås
 * 002 §73, last question) against the catalogue's places. */
import { describe, expect, it } from "vitest";
import * as aq from "arquero";
import { placeKindOf, requestedPlaces } from "../../src/metrics/requested-places.ts";
import { d } from "./fixtures.ts";

const requests = aq.table({
  administration: ["Barn- och utbildning", "Barn- och utbildning", "Vård och omsorg", "Vård och omsorg", "Vård och omsorg", "Teknik", "Teknik", "Teknik"],
  placeKind: ["praktik", "Arbetsträning", "Praktik", "välfärdsjobb", "praktik", "Välfärdsjobb", "praktik", "feriejobb"],
  year: Float64Array.from([2023, 2023, 2023, 2023, 2023, 2023, 2022, 2023]),
  requested: Float64Array.from([12, 4, 20, 15, 5, NaN, 99, 3]),
});

const catalogue = aq.table({
  code: ["PRAKTIK", "VERKSTAN", "VALFARDSJOBB", "VALFARDSJOBB", "JOBBSP"],
  places: Float64Array.from([30, 10, 8, 12, 40]),
  validFrom: Float64Array.from([d("2020-01-01"), d("2020-01-01"), d("2018-01-01"), d("2023-07-01"), d("2020-01-01")]),
  validTo: Float64Array.from([NaN, NaN, d("2023-06-30"), NaN, NaN]),
});
const kindOf = { PRAKTIK: "praktik", VERKSTAN: "arbetstraning", VALFARDSJOBB: "valfardsjobb" } as const;

describe("requestedPlaces", () => {
  const r = requestedPlaces(requests, catalogue, { year: 2023, kindOf });

  it("sums the requests per administration and kind, Swedish spellings included", () => {
    expect(r.byAdministration.objects()).toEqual([
      { administration: "Barn- och utbildning", placeKind: "praktik", requested: 12 },
      { administration: "Barn- och utbildning", placeKind: "arbetstraning", requested: 4 },
      { administration: "Teknik", placeKind: "valfardsjobb", requested: 0 },
      { administration: "Teknik", placeKind: "feriejobb", requested: 3 },
      { administration: "Vård och omsorg", placeKind: "praktik", requested: 25 },
      { administration: "Vård och omsorg", placeKind: "valfardsjobb", requested: 15 },
    ]);
  });

  it("sets the requests against the catalogue's places valid at year end", () => {
    expect(r.byKind.objects()).toEqual([
      { placeKind: "praktik", requested: 37, available: 30, gap: 7, coverage: 30 / 37 },
      { placeKind: "arbetstraning", requested: 4, available: 10, gap: -6, coverage: 2.5 },
      // the 2018 row ended in June; the row from July has 12 places
      { placeKind: "valfardsjobb", requested: 15, available: 12, gap: 3, coverage: 0.8 },
      { placeKind: "feriejobb", requested: 3, available: null, gap: null, coverage: null },
    ]);
    const mid = requestedPlaces(requests, catalogue, { year: 2023, kindOf, refDate: "2023-03-31" }).byKind.objects() as Record<string, unknown>[];
    expect(mid.find((x) => x.placeKind === "valfardsjobb")).toMatchObject({ available: 8, gap: 7 });
  });

  it("reads the catalogue's own placeKind column when there is one", () => {
    const own = catalogue.derive({ placeKind: aq.escape((x: { code: string }) => (x.code === "JOBBSP" ? "Praktik" : null)) });
    const k = requestedPlaces(requests, own, { year: 2022 }).byKind.objects() as Record<string, unknown>[];
    expect(k[0]).toEqual({ placeKind: "praktik", requested: 99, available: 40, gap: 59, coverage: 40 / 99 });
    expect(k[1]).toMatchObject({ placeKind: "arbetstraning", requested: 0, available: 0, coverage: null });
  });

  it("normalises kinds of place", () => {
    expect(["Arbetsträning", "VÄLFÄRDSJOBB", " praktikplatser ", "Feriejobb"].map(placeKindOf)).toEqual(["arbetstraning", "valfardsjobb", "praktik", "Feriejobb"]);
  });
});
