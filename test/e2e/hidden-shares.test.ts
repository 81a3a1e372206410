// ".." means suppressed and nothing else, and a suppressed value is never shown as missing ("–"):
// a share hidden because one of its counts is (not a column of the same table) was shown as
// "–" ("uppgift saknas") in ekonomiskt-bistand's monthly table, telling readers the data was
// missing. Reads the written CSV and figures.json of a public build.
import { mkdtemp, readFile, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import type { FiguresDocument } from "../../src/report/build.ts";
import { readWrittenCsv } from "../report/written-csv.ts";
import { buildSamples } from "./sample.ts";

describe("a share hidden with its counts", () => {
  let out = "";
  afterAll(async () => {
    if (out) await rm(out, { recursive: true, force: true });
  });

  it("is shown as .. in every table and chart, never as missing", async () => {
    out = await mkdtemp(path.join(os.tmpdir(), "utfall-hidden-shares-"));
    const build = await buildSamples(out, ["ekonomiskt-bistand", "--public", "--period", "2023-12"]);
    expect(build.stderr).toBe("");
    const dir = path.join(build.out, "ekonomiskt-bistand");
    const doc = JSON.parse(await readFile(path.join(dir, "figures.json"), "utf8")) as FiguresDocument;
    // The monthly table: over a thousand recipients every month, so no share is missing; some are
    // hidden because the number of men or women with a programme is.
    const t = doc.tables.find((x) => x.name === "erbjudande-per-manad")!;
    const csv = readWrittenCsv(await readFile(path.join(dir, t.file), "utf8"));
    let hiddenShares = 0;
    t.columns.forEach((c, j) => {
      if (c.format !== "percent") return;
      csv.slice(1).forEach((row, i) => {
        expect(row[j], `${t.file}: row ${i + 1}, ${c.label}`).not.toBe("");
        if (row[j] === "..") hiddenShares++;
      });
    });
    expect(hiddenShares).toBeGreaterThan(0);
  }, 120_000);
});
