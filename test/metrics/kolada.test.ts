/** Names of the rows koladaComparison adds: the computed row and the peers' average. */
import { describe, expect, it } from "vitest";
import * as aq from "arquero";
import { AVERAGE_NAME, koladaComparison } from "../../src/metrics/kolada.ts";

const kolada = aq.table({
  kpi: ["U40455", "U40455", "U40455"],
  municipalityId: ["1980", "0180", "0380"],
  municipality: ["Västerås", "Stockholm", "Uppsala"],
  period: Float64Array.from([2023, 2023, 2023]),
  gender: ["T", "T", "T"],
  value: Float64Array.from([38.2, 41, 30]),
  status: ["ok", "ok", "ok"],
});
const pick = (t: aq.ColumnTable) => t.objects().map((r) => { const o = r as Record<string, unknown>; return [o.municipalityId, o.municipality, o.value, o.status, o.source]; });

describe("koladaComparison row names", () => {
  it("names the computed row after the own municipality and the average row", () => {
    expect(AVERAGE_NAME).toBe("Jämförda kommuner");
    expect(pick(koladaComparison(kolada, { kpi: "U40455", year: 2023, municipalityId: "1980", ownComputed: 40 }))).toEqual([
      ["1980", "Västerås", 38.2, "ok", "kolada"],
      ["1980", "Västerås (egen beräkning)", 40, "ok", "computed"],
      ["0180", "Stockholm", 41, "ok", "kolada"],
      ["0380", "Uppsala", 30, "ok", "kolada"],
      ["avg", "Jämförda kommuner", 35.5, "ok", "average"],
    ]);
  });

  it('says "Egen beräkning" when Kolada has no row for the own municipality, and keeps a missing peer nameless', () => {
    expect(pick(koladaComparison(kolada, { kpi: "U40455", year: 2023, municipalityId: "2480", peers: ["0180", "9999"], ownComputed: null }))).toEqual([
      ["2480", null, null, "missing", "kolada"],
      ["2480", "Egen beräkning", null, "missing", "computed"],
      ["0180", "Stockholm", 41, "ok", "kolada"],
      ["9999", null, null, "missing", "kolada"],
      ["avg", "Jämförda kommuner", 41, "ok", "average"],
    ]);
  });

  it("names the average row also when no peer has a value", () => {
    const t = koladaComparison(kolada, { kpi: "U40455", year: 2023, municipalityId: "1980", peers: ["9999"] });
    expect(pick(t).at(-1)).toEqual(["avg", "Jämförda kommuner", null, "missing", "average"]);
  });
});
