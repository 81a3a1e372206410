/**
 * The compile cache of charts (src/render/vega-cache.ts): a chart drawn from a cached compile is
 * byte for byte the chart compiled afresh, the data never enters the cache, warnings come back on
 * a hit, and a cache folder that others can write to is not used.
 */
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import * as vega from "vega";
import { compile, type TopLevelSpec } from "vega-lite";
import { afterAll, afterEach, beforeEach, describe, expect, it } from "vitest";
import { installTextMetrics, namespaceIds, quietLogger, renderSvg } from "../../src/render/svg.ts";
import { SWEDISH_LOCALE } from "../../src/render/locale.ts";
import { cacheKey, setVegaCacheDir, takeOutData } from "../../src/render/vega-cache.ts";
import { budgetByUnit } from "../../src/charts/budget-by-unit.ts";
import { cumulativeOutcome } from "../../src/charts/cumulative-outcome.ts";
import { genderSplit } from "../../src/charts/gender-split.ts";
import { outcomesByReason } from "../../src/charts/outcomes-by-reason.ts";
import { pageSpec, figureSpec } from "../../src/charts/figure.ts";
import { THEME_CONFIG } from "../../src/charts/theme.ts";
import { BUDGET, CUMULATIVE, GENDER, OUTCOMES, PROGRAMME_NAMES } from "../charts/fixtures.ts";

/** The chart as renderSvg drew it before the cache: compile, parse, view, SVG. */
async function directSvg(spec: TopLevelSpec, idPrefix: string, onWarning?: (m: string) => void): Promise<string> {
  installTextMetrics();
  const logger = quietLogger(onWarning);
  const view = new vega.View(vega.parse(compile(spec, { logger }).spec), {
    renderer: "none",
    logger,
    logLevel: 2,
    locale: SWEDISH_LOCALE as unknown as vega.ViewOptions["locale"],
  });
  try {
    (vega as unknown as { resetSVGDefIds(): void }).resetSVGDefIds();
    return namespaceIds(await view.toSVG(), idPrefix);
  } finally {
    view.finalize();
  }
}

const budget = budgetByUnit(BUDGET, { period: "2023-04" });
const SPECS: [string, TopLevelSpec][] = [
  ["budgetByUnit, page", pageSpec(budget)],
  ["budgetByUnit, figure", figureSpec(budget, "Budget per enhet, januari–april 2023")],
  ["cumulativeOutcome", cumulativeOutcome(CUMULATIVE).spec],
  ["outcomesByReason", outcomesByReason(OUTCOMES, { labels: PROGRAMME_NAMES }).spec],
  ["genderSplit", genderSplit(GENDER, { measure: "participants", by: "programme" }).spec],
];

/** Two layers with equal values in distinct arrays (Vega-Lite makes them one data source), one with other values. */
const layered = (b: number): TopLevelSpec => ({
  config: THEME_CONFIG,
  width: 200,
  layer: [
    { data: { values: [{ a: "x", b }, { a: "y", b: 2 }] }, mark: "bar", encoding: { y: { field: "a", type: "nominal" }, x: { field: "b", type: "quantitative" } } },
    { data: { values: [{ a: "x", b }, { a: "y", b: 2 }] }, mark: "text", encoding: { y: { field: "a", type: "nominal" }, x: { field: "b", type: "quantitative" }, text: { field: "b" } } },
    { data: { values: [{ a: "z", b: 5 }] }, mark: "tick", encoding: { y: { field: "a", type: "nominal" }, x: { field: "b", type: "quantitative" } } },
  ],
});

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), "utfall-vega-cache-test-"));
  chmodSync(dir, 0o700);
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});
afterAll(() => setVegaCacheDir(undefined));

const entries = (d: string) => (existsSync(d) ? readdirSync(d).filter((f) => f.endsWith(".json")) : []);

describe("vega compile cache", () => {
  it.each(SPECS)("%s: a cached compile gives the same SVG as a fresh one", async (_name, spec) => {
    const cache = path.join(dir, "vega");
    const fresh = await directSvg(spec, "c1-");
    setVegaCacheDir(cache);
    const miss = await renderSvg(spec, { idPrefix: "c1-" });
    expect(entries(cache)).toHaveLength(1);
    const memoHit = await renderSvg(spec, { idPrefix: "c1-" });
    setVegaCacheDir(cache); // a new process: the map is empty, the folder is not
    const diskHit = await renderSvg(spec, { idPrefix: "c1-" });
    expect(miss).toBe(fresh);
    expect(memoHit).toBe(fresh);
    expect(diskHit).toBe(fresh);
  });

  it("keeps no data: charts that differ only in their data share one entry and are each drawn with their own", async () => {
    const cache = path.join(dir, "vega");
    setVegaCacheDir(cache);
    const a = await renderSvg(layered(3), { idPrefix: "c2-" });
    const b = await renderSvg(layered(7), { idPrefix: "c2-" });
    expect(entries(cache)).toHaveLength(1);
    expect(a).not.toBe(b);
    expect(a).toBe(await directSvg(layered(3), "c2-"));
    expect(b).toBe(await directSvg(layered(7), "c2-"));
    const stored = readFileSync(path.join(cache, entries(cache)[0]), "utf8");
    expect(stored).not.toContain('"a":"z"');
    // Equal arrays are one placeholder (one Vega-Lite data source), as they were one source.
    const taken = takeOutData(layered(3));
    expect(taken?.data).toHaveLength(2);
    expect(cacheKey(taken?.spec)).toBe(cacheKey(takeOutData(layered(7))?.spec));
  });

  it("gives Vega-Lite's warnings again on a hit", async () => {
    const spec = structuredClone(cumulativeOutcome(CUMULATIVE).spec) as unknown as { vconcat: { layer: { encoding: Record<string, { legend?: unknown }> }[] }[] };
    spec.vconcat[0].layer[0].encoding.strokeDash.legend = null;
    spec.vconcat[0].layer[1].encoding.shape.legend = null;
    const conflicting = spec as unknown as TopLevelSpec;
    const expected: string[] = [];
    await directSvg(conflicting, "c3-", (w) => expected.push(w));
    expect(expected.join("\n")).toContain("Conflicting legend property");
    const cache = path.join(dir, "vega");
    for (const round of ["miss", "memo", "disk"]) {
      if (round !== "memo") setVegaCacheDir(cache); // "disk": a new process, the map empty
      const got: string[] = [];
      await renderSvg(conflicting, { idPrefix: "c3-", onWarning: (w) => got.push(w) });
      expect(got, round).toEqual(expected);
    }
  });

  it("reads its entries from the folder (a changed entry shows)", async () => {
    const cache = path.join(dir, "vega");
    setVegaCacheDir(cache);
    await renderSvg(layered(3), { idPrefix: "c4-" });
    const [file] = entries(cache);
    const entry = JSON.parse(readFileSync(path.join(cache, file), "utf8")) as { log: [string, string][] };
    entry.log.push(["warn", "from the cache folder"]);
    writeFileSync(path.join(cache, file), JSON.stringify(entry));
    setVegaCacheDir(cache);
    const got: string[] = [];
    await renderSvg(layered(3), { idPrefix: "c4-", onWarning: (w) => got.push(w) });
    expect(got).toEqual(["from the cache folder"]);
  });

  it("ignores a damaged entry", async () => {
    const cache = path.join(dir, "vega");
    setVegaCacheDir(cache);
    const good = await renderSvg(layered(3), { idPrefix: "c5-" });
    const [file] = entries(cache);
    const stored = JSON.parse(readFileSync(path.join(cache, file), "utf8")) as { runtime: string; slots: { path: unknown[]; n: number }[]; log: unknown[] };
    expect(stored.slots.length).toBeGreaterThan(0);
    const misplaced = { ...stored, slots: stored.slots.map((s) => ({ ...s, path: [...s.path.slice(0, -1), "elsewhere"] })) };
    const renumbered = { ...stored, slots: stored.slots.map((s) => ({ ...s, n: s.n + 1 })) };
    const unlisted = { ...stored, slots: stored.slots.slice(1) };
    for (const damaged of [JSON.stringify(misplaced), JSON.stringify(renumbered), JSON.stringify(unlisted), '{"runtime":"{\\"operators\\":[', JSON.stringify({ runtime: '{"operators":[', log: [] }), JSON.stringify({ runtime: "[]", log: [] }), "{}"]) {
      writeFileSync(path.join(cache, file), damaged);
      setVegaCacheDir(cache);
      expect(await renderSvg(layered(3), { idPrefix: "c5-" })).toBe(good);
      // … and writes a good one in its place
      expect(JSON.parse(readFileSync(path.join(cache, file), "utf8"))).toMatchObject({ runtime: expect.stringContaining("operators") });
    }
  });

  it.each([
    ["group", 0o770],
    ["others", 0o707],
  ])("does not use a folder that %s can write to", async (_who, mode) => {
    const cache = path.join(dir, "shared");
    mkdirSync(cache);
    chmodSync(cache, mode);
    setVegaCacheDir(cache);
    const svg = await renderSvg(layered(3), { idPrefix: "c6-" });
    expect(entries(cache)).toEqual([]);
    // Nor an entry someone put there.
    const key = cacheKey(takeOutData(layered(3))?.spec);
    writeFileSync(path.join(cache, `${key}.json`), JSON.stringify({ runtime: "{}", log: [["warn", "planted"]] }));
    setVegaCacheDir(cache);
    const got: string[] = [];
    expect(await renderSvg(layered(3), { idPrefix: "c6-", onWarning: (w) => got.push(w) })).toBe(svg);
    expect(got).toEqual([]);
  });

  it("does not use a folder inside one that others can write to", async () => {
    const parent = path.join(dir, "open");
    mkdirSync(parent);
    chmodSync(parent, 0o777);
    const cache = path.join(parent, "vega");
    setVegaCacheDir(cache);
    await renderSvg(layered(3), { idPrefix: "c7-" });
    expect(entries(cache)).toEqual([]);
  });

  it("compiles a spec JSON cannot carry each time, drawing it as before", async () => {
    const spec = { ...layered(3), width: undefined, height: 120 } as unknown as TopLevelSpec;
    expect(takeOutData(spec)).toBeNull();
    const cache = path.join(dir, "vega");
    setVegaCacheDir(cache);
    expect(await renderSvg(spec, { idPrefix: "c8-" })).toBe(await directSvg(spec, "c8-"));
    expect(entries(cache)).toEqual([]);
  });
});
