// A share of persons quoted in running text or a key figure is written exactly into figures.json
// and the workbook (0,47530864197530864 is 154 of 324): its counts are as good as published. A
// review found delarsrapport's "Avslutade till arbete eller studier" unlinked: its counts were
// unknowns to the audit, and with them a small count was narrowed to 1…3. Every such share is now
// linked (r.share) to its counts, which are protected as shown. Attacks the written figures.json.
import { mkdtemp, readFile, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import type { FiguresDocument } from "../../src/report/build.ts";
import { attackWrittenReport } from "./public-audit.ts";
import { buildSamples } from "./sample.ts";

describe("shares quoted as figures in public reports", () => {
  let out = "";
  afterAll(async () => {
    if (out) await rm(out, { recursive: true, force: true });
  });

  it.each(["2023-04", "2023-05"])("are linked to their counts, which are published and protected (%s)", async (period) => {
    out = await mkdtemp(path.join(os.tmpdir(), "utfall-share-figures-"));
    const build = await buildSamples(out, ["delarsrapport", "--public", "--period", period]);
    expect(build.stderr).toBe("");
    expect(build.code).toBe(0);
    const dir = path.join(build.out, "delarsrapport");
    const doc = JSON.parse(await readFile(path.join(dir, "figures.json"), "utf8")) as FiguresDocument;
    const published = new Map(doc.disclosure!.cells.map((c) => [c.id, c.value]));
    const share = doc.figures.find((f) => f.id === "andel-arbete-studier")!;
    expect(share.cells).toEqual(["utfall|workOrStudies||T", "utfall|ended||T"]);
    // The exact share is the quotient of its counts as published: nothing beyond them is told.
    const [part, whole] = share.cells!.map((id) => published.get(id));
    expect(typeof part === "number" && typeof whole === "number" && whole > 0).toBe(true);
    expect(share.value).toBe(part! / whole!);
    // The outcome table's shares name their counts too (figures.json tables[].shareCells).
    const table = doc.tables.find((t) => t.name === "resultat-per-insats")!;
    const column = table.columns.findIndex((c) => c.key === "shareWorkOrStudies");
    expect(column).toBeGreaterThanOrEqual(0);
    expect(table.shareCells!.some((row) => row[column] !== null && row[column]!.length === 2)).toBe(true);
    // The attacker, who now knows those counts, narrows no small count.
    expect((await attackWrittenReport(dir)).primaries).toBeGreaterThan(0);
    await rm(out, { recursive: true, force: true });
    out = "";
  }, 120_000);
});
