import { describe, expect, it } from "vitest";
import { LoadError, loadBytes } from "../../src/schema/load.ts";
import { fetchKolada, KoladaFetchError, koladaUrls, readKoladaV3, type FetchDeps } from "../../src/sources/kolada-v3.ts";
import { koladaSchema } from "../../src/sources/kolada.ts";
import { bytes } from "../read/helpers.ts";

const BASE = "https://api.kolada.se/v3";
const FIRST = `${BASE}/data/kpi/U40455,N31824/municipality/1980,0180,G123456/year/2022`;
const SECOND = `${FIRST}?page=2`;

/** Two pages as Kolada's v3 sends them (recorded shape), the first pointing to the second. */
const PAGE_1 = {
  values: [
    {
      kpi: "U40455", municipality: "1980", period: 2022,
      values: [
        { gender: "K", value: 41.5, status: "", count: 1, isdeleted: false },
        { gender: "M", value: null, status: "", count: 1, isdeleted: false },
        { gender: "T", value: 38.2, status: "", count: 1, isdeleted: false },
      ],
    },
    {
      kpi: "U40455", municipality: "0180", period: 2022,
      values: [
        { gender: "T", value: 35, status: "", count: 1, isdeleted: true },
        { gender: "T", value: 36.25, status: "B", count: 1, isdeleted: false },
      ],
    },
  ],
  count: 2,
  next_url: SECOND,
};
const PAGE_2 = {
  values: [
    // A municipality group: its value is an unweighted average of 3 municipalities.
    { kpi: "U40455", municipality: "G123456", period: 2022, values: [{ gender: "T", value: 40.1, status: "", count: 3, isdeleted: false }] },
    // A KPI published for the total only: no gender given.
    { kpi: "N31824", municipality: "1980", period: 2022, values: [{ value: 3.4, status: "", count: 1, isdeleted: false }] },
  ],
  count: 2,
  next_url: null,
};

const rowsOf = (t: { objects(): object[] }) =>
  (t.objects() as Record<string, unknown>[]).map((r) => [r.kpi, r.municipalityId, r.period, r.gender, r.value, r.status, r.groupSize, r.unweightedAverage, r.koladaStatus]);

const EXPECTED = [
  ["U40455", "1980", 2022, "K", 41.5, "ok", 1, false, null],
  ["U40455", "1980", 2022, "M", NaN, "missing", 1, false, null],
  ["U40455", "1980", 2022, "T", 38.2, "ok", 1, false, null],
  ["U40455", "0180", 2022, "T", 36.25, "ok", 1, false, "B"],
  ["U40455", "G123456", 2022, "T", 40.1, "ok", 3, true, null],
  ["N31824", "1980", 2022, "T", 3.4, "ok", 1, false, null],
];

/** A fetch that answers from recorded pages and remembers what was asked. */
function recorded(pages: Record<string, unknown>, status = 200): FetchDeps & { asked: string[] } {
  const asked: string[] = [];
  let tick = Date.UTC(2024, 2, 15, 9, 0, 0);
  return {
    asked,
    fetch: async (url) => {
      asked.push(url);
      const page = pages[url];
      return { ok: status === 200 && page !== undefined, status: page === undefined ? 404 : status, text: async () => JSON.stringify(page ?? { error: "not found" }) };
    },
    now: () => new Date((tick += 1000)),
  };
}

describe("a saved Kolada v3 response loads as the kolada kind", () => {
  it("recorded multi-page responses saved as a list of pages", () => {
    const { table, report } = loadBytes(koladaSchema, bytes(JSON.stringify([PAGE_1, PAGE_2])), { name: "kolada.json" });
    expect(rowsOf(table)).toEqual(EXPECTED);
    expect(report.rowsRead).toBe(6); // the deleted row is not read
    expect(report.ok).toBe(true);
  });

  it("a single page as Kolada sent it, and a T-only KPI on its own", () => {
    const { table } = loadBytes(koladaSchema, bytes(JSON.stringify(PAGE_2)), { name: "kolada.json" });
    expect(rowsOf(table)).toEqual(EXPECTED.slice(4));
    const tOnly = { values: [{ kpi: "N31824", municipality: "0180", period: 2021, values: [{ value: 2.5, status: "", count: 1, isdeleted: false }] }], next_url: null };
    expect(rowsOf(loadBytes(koladaSchema, bytes(JSON.stringify(tOnly))).table)).toEqual([["N31824", "0180", 2021, "T", 2.5, "ok", 1, false, null]]);
  });

  it("numbers are read exactly, also those a comma would make look like thousands (1.234)", () => {
    const page = { values: [{ kpi: "U1", municipality: "0180", period: 2022, values: [{ gender: "T", value: 1.234, count: 1 }, { gender: "K", value: -1234567.5, count: 1 }, { gender: "M", value: 0, count: 1 }] }] };
    expect(Array.from(loadBytes(koladaSchema, bytes(JSON.stringify(page))).columns.value)).toEqual([1.234, -1234567.5, 0]);
  });

  it("a bad value is located by its JSON path", () => {
    const broken = { values: [{ kpi: "U40455", municipality: "1980", period: "tjugotjugotvå", values: [{ gender: "T", value: 1, count: 1, isdeleted: false }] }] };
    let err: unknown;
    try {
      loadBytes(koladaSchema, bytes(JSON.stringify(broken)), { name: "k.json" });
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(LoadError);
    const issue = (err as LoadError).report.errors[0];
    expect(issue).toMatchObject({ line: 1, cell: "values[0].values[0]", field: "period", kind: "integer", value: "tjugotjugotvå" });
    expect(issue.message).toMatch(/^k\.json:values\[0\]\.values\[0\]: column "period": expected /);
  });

  it("JSON that is no v3 response is refused with a message", () => {
    expect(() => loadBytes(koladaSchema, bytes('{"rows": []}'), { name: "x.json" })).toThrow(/x\.json: inget Kolada v3-svar \(not a Kolada v3 response\)/);
    expect(() => readKoladaV3([{ nope: 1 }], "y.json")).toThrow(/element 0/);
  });
});

describe("fetching from Kolada v3 (injected fetch, recorded responses)", () => {
  it("follows next_url and saves each raw page with its URL, time and hash; the save loads", async () => {
    const deps = recorded({ [FIRST]: PAGE_1, [SECOND]: PAGE_2 });
    const save = await fetchKolada({ kpi: ["U40455", "N31824"], municipality: ["1980", "0180", "G123456"], year: [2022] }, deps);
    expect(deps.asked).toEqual([FIRST, SECOND]);
    expect(save.pages.map((p) => [p.url, p.retrieved])).toEqual([
      [FIRST, "2024-03-15T09:00:02.000Z"],
      [SECOND, "2024-03-15T09:00:03.000Z"],
    ]);
    expect(save.pages[1].response).toEqual(PAGE_2);
    expect(save.pages[0].sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(rowsOf(loadBytes(koladaSchema, bytes(JSON.stringify(save)), { name: "kolada.json" }).table)).toEqual(EXPECTED);
  });

  it("asks for at most 25 ids per path segment", () => {
    const many = Array.from({ length: 30 }, (_, i) => String(1000 + i));
    const urls = koladaUrls({ kpi: ["U40455"], municipality: many, year: [2021, 2022] });
    expect(urls).toEqual([
      `${BASE}/data/kpi/U40455/municipality/${many.slice(0, 25).join(",")}/year/2021,2022`,
      `${BASE}/data/kpi/U40455/municipality/${many.slice(25).join(",")}/year/2021,2022`,
    ]);
    expect(koladaUrls({ kpi: ["U40455"], municipality: [], year: [2022] })).toEqual([`${BASE}/data/kpi/U40455/year/2022`]);
  });

  it("an error status, a next_url to another host and a loop are errors", async () => {
    await expect(fetchKolada({ kpi: ["U40455"], municipality: ["1980"], year: [2022] }, recorded({}))).rejects.toThrow(/Kolada svarade 404/);
    const away = recorded({ [`${BASE}/data/kpi/U1/year/2022`]: { values: [], next_url: "https://example.org/steal" } });
    await expect(fetchKolada({ kpi: ["U1"], municipality: [], year: [2022] }, away)).rejects.toThrow(KoladaFetchError);
    const loop = recorded({ [`${BASE}/data/kpi/U1/year/2022`]: { values: [], next_url: `${BASE}/data/kpi/U1/year/2022` } });
    await expect(fetchKolada({ kpi: ["U1"], municipality: [], year: [2022] }, loop)).rejects.toThrow(/upprepar sig/);
  });
});
