import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { UsageError } from "../../src/cli/args.ts";
import { memoryIo } from "../../src/cli/io.ts";
import { runKolada, type KoladaDeps } from "../../src/cli/kolada.ts";
import { main } from "../../src/cli/main.ts";
import { loadFile } from "../../src/schema/load.ts";
import { koladaSchema } from "../../src/sources/kolada.ts";
import { tempDir } from "../temp-dirs.ts";

const BASE = "https://api.kolada.se/v3";
const URL_1 = `${BASE}/data/kpi/U40455/municipality/1980,0180/year/2022`;
const URL_2 = `${URL_1}?page=2`;
/** Recorded answers of Kolada v3 for `--kpi U40455 --kommun 1980,0180 --år 2022`, in two pages. */
const BODIES: Record<string, string> = {
  [URL_1]: JSON.stringify({ values: [{ kpi: "U40455", municipality: "1980", period: 2022, values: [{ gender: "T", value: 38.2, status: "", count: 1, isdeleted: false }] }], next_url: URL_2 }),
  [URL_2]: JSON.stringify({ values: [{ kpi: "U40455", municipality: "0180", period: 2022, values: [{ gender: "T", value: 36.5, status: "", count: 1, isdeleted: false }] }], next_url: null }),
};

function deps(status = 200): KoladaDeps & { asked: string[] } {
  const asked: string[] = [];
  return {
    asked,
    fetch: async (url) => {
      asked.push(url);
      return { ok: status === 200, status, text: async () => BODIES[url] ?? "{}" };
    },
    now: () => new Date(Date.UTC(2024, 2, 15, 9, 30, 0)),
  };
}

const tmp = () => tempDir("utfall-kolada-cli-");

describe("utfall kolada hämta", () => {
  it("downloads every page and saves the raw answers with URL and time; the file loads as kolada", async () => {
    const cwd = tmp();
    const io = memoryIo({ cwd });
    const d = deps();
    expect(await runKolada(["hämta", "--kpi", "U40455", "--kommun", "1980,0180", "--år", "2022"], io, d)).toBe(0);
    expect(d.asked).toEqual([URL_1, URL_2]);
    expect(io.out()).toBe("Hämtade 2 värden på 2 sidor från Kolada (fetched 2 values on 2 pages) → kolada.json\n");
    const saved = JSON.parse(fs.readFileSync(path.join(cwd, "kolada.json"), "utf8"));
    expect(saved.request).toEqual({ kpi: ["U40455"], municipality: ["1980", "0180"], year: [2022] });
    expect(saved.pages.map((p: { url: string; retrieved: string }) => [p.url, p.retrieved])).toEqual([
      [URL_1, "2024-03-15T09:30:00.000Z"], [URL_2, "2024-03-15T09:30:00.000Z"],
    ]);
    expect(saved.pages[0].response).toEqual(JSON.parse(BODIES[URL_1]));
    const { table } = await loadFile(koladaSchema, path.join(cwd, "kolada.json"));
    expect(table.array("municipalityId")).toEqual(["1980", "0180"]);
    expect(Array.from(table.array("value") as Float64Array)).toEqual([38.2, 36.5]);
  });

  it("English aliases, --out and --json; year ranges", async () => {
    const cwd = tmp();
    const io = memoryIo({ cwd });
    const d = deps();
    expect(await runKolada(["fetch", "--kpi=U40455", "--municipality", "1980,0180", "--year", "2022", "--out", "k.json", "--json"], io, d)).toBe(0);
    const summary = JSON.parse(io.out());
    expect(summary).toMatchObject({ file: "k.json", pages: 2, requests: 1, values: 2, urls: [URL_1, URL_2] });
    expect(fs.existsSync(path.join(cwd, "k.json"))).toBe(true);
    const ranged = deps();
    await runKolada(["fetch", "--kpi", "U40455", "--year", "2019-2021"], memoryIo({ cwd }), ranged);
    expect(ranged.asked[0]).toBe(`${BASE}/data/kpi/U40455/year/2019,2020,2021`);
  });

  it("a failing answer exits 1 and writes no file", async () => {
    const cwd = tmp();
    const io = memoryIo({ cwd });
    expect(await runKolada(["hämta", "--kpi", "U40455", "--år", "2022"], io, deps(503))).toBe(1);
    expect(io.err()).toContain("Kolada svarade 503 (answered 503)");
    expect(fs.readdirSync(cwd)).toEqual([]);
  });

  it("usage errors: no --kpi, a bad id, an unknown subcommand", async () => {
    const io = memoryIo({ cwd: tmp() });
    await expect(runKolada(["hämta", "--år", "2022"], io, deps())).rejects.toThrow(UsageError);
    await expect(runKolada(["hämta", "--kpi", "U40455/../x"], io, deps())).rejects.toThrow(/inget nyckeltals-id/);
    await expect(runKolada(["ladda", "--kpi", "U40455"], io, deps())).rejects.toThrow(/okänt underkommando/);
  });

  it("is a command of utfall with its own help", async () => {
    const io = memoryIo({ cwd: tmp() });
    expect(await main(["kolada", "--help"], io)).toBe(0);
    expect(io.out()).toContain("utfall kolada hämta --kpi");
    const bad = memoryIo({ cwd: tmp() });
    expect(await main(["kolada", "hämta"], bad)).toBe(2);
    expect(bad.out()).toBe("");
  });
});
