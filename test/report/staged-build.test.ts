/**
 * `buildReportStaged` (src/report/build.ts): the CLI goes on with the next report while a report's
 * PNGs are made off the main thread and its outputs scanned. What it finishes with is what
 * `buildReport` gives: the same files, and the same error when an output holds an identity number
 * (also one that only a PNG's text chunks carry).
 */
import { describe, expect, it } from "vitest";
import { IdentityNumberInOutputError } from "../../src/guard/scan-outputs.ts";
import { buildReport, buildReportStaged } from "../../src/report/build.ts";
import { report } from "../../src/report/index.ts";
import { THEME_CONFIG } from "../../src/charts/theme.ts";
import type { Chart } from "../../src/charts/types.ts";
import { fixtureReport } from "../render/xlsx-fixture.ts";
import { valid12 } from "../guard/fixture.ts";
import { BUILD_TIME, silentEffects } from "./helpers.ts";

const OPTS = { name: "arbetsbok", dataDir: "test/golden/basic/input", public: false, buildTime: BUILD_TIME, libraryVersion: "0.0.0-test" };

const d12 = valid12("19850412", "123");
const values = [{ insats: "Jobbspåret", antal: 18 }, { insats: "Praktik", antal: 35 }];
/** A chart whose text alternative names a person: the SVG, the PNG's text chunks, the .txt and the page carry it. */
const leakyChart: Chart = {
  name: "lacker",
  title: "Deltagare per insats",
  alt: `Stapeldiagram. Handläggare ${d12.slice(2, 8)}-${d12.slice(8)} har 18.`,
  source: "Verksamhetssystemet",
  spec: {
    $schema: "https://vega.github.io/schema/vega-lite/v6.json",
    width: 200,
    height: 60,
    data: { values },
    mark: { type: "bar" },
    encoding: { y: { field: "insats", type: "nominal" }, x: { field: "antal", type: "quantitative" } },
    config: THEME_CONFIG,
  },
  table: {
    name: "diagram-lacker",
    caption: "Deltagare per insats",
    columns: [
      { key: "insats", label: "Insats", format: "text" },
      { key: "antal", label: "Antal", format: "integer", persons: false },
    ],
    rows: values,
  },
};
const leaky = report({ title: "Läcker", period: "2023-04" }, (r) => {
  r.chart(leakyChart);
});

const same = (a: Map<string, Uint8Array>, b: Map<string, Uint8Array>) => {
  expect([...a.keys()]).toEqual([...b.keys()]);
  for (const [f, bytes] of a) expect(Buffer.from(bytes).equals(Buffer.from(b.get(f)!)), f).toBe(true);
};

describe("buildReportStaged", () => {
  it("finishes with the files buildReport gives", async () => {
    const staged = await buildReportStaged(fixtureReport, OPTS, silentEffects());
    const built = await staged.finished;
    expect(built.files.has("figures/deltagare-per-insats.png")).toBe(true);
    same(built.files, (await buildReport(fixtureReport, OPTS, silentEffects())).files);
  });

  it("finishes with buildReport's error when an output holds an identity number, PNG text chunks included", async () => {
    const staged = await buildReportStaged(leaky, { ...OPTS, name: "lacker" }, silentEffects());
    const err = await staged.finished.then(
      () => null,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(IdentityNumberInOutputError);
    const files = new Set((err as IdentityNumberInOutputError).findings.map((f) => f.file));
    expect(files.has("figures/lacker.png")).toBe(true);
    await expect(buildReport(leaky, { ...OPTS, name: "lacker" }, silentEffects())).rejects.toThrow((err as Error).message);
  });
});
