import { existsSync } from "node:fs";
import { mkdtemp, readFile, readdir, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { findReports } from "../../src/cli/reports.ts";
import type { FiguresDocument } from "../../src/report/build.ts";
import { ROOT } from "../report/helpers.ts";
import { attackWrittenReport, attackWrittenReportsTogether, drawsMarks } from "./public-audit.ts";
import { buildSamples } from "./sample.ts";

const REPORTS = [...(await findReports(path.join(ROOT, "reports"))).keys()].sort();

export function definePublicAuditSuite(periods: string[]): void {
  describe.each(periods)("public build of every sample report for %s", (period) => {
    let out = "";
    afterAll(async () => {
      if (out) await rm(out, { recursive: true, force: true });
    });

    it("passes the build-time audit; the written outputs, of each report and of all together, give an attacker nothing beyond “fewer than 5”", async () => {
      out = await mkdtemp(path.join(os.tmpdir(), "utfall-public-"));
      const build = await buildSamples(out, ["--public", "--period", period]);
      expect(build.stderr).toBe("");
      expect(build.code).toBe(0);
      let primaries = 0;
      for (const name of REPORTS) {
        const dir = path.join(build.out, name);
        expect(existsSync(path.join(dir, "index.html")), name).toBe(true);
        const doc = JSON.parse(await readFile(path.join(dir, "figures.json"), "utf8")) as FiguresDocument;
        expect(doc.disclosure?.audit.threshold, name).toBe(5);
        // Attack the written files for two periods of the year (the build audited all of them).
        if (period === "2023-04" || period === "2023-12") primaries += (await attackWrittenReport(dir)).primaries;
        // No chart is empty where its data has a value that is shown.
        for (const chart of doc.charts) {
          const shownValue = chart.data.rows.some((row) => row.some((v, j) => typeof v === "number" && chart.data.columns[j].format !== "text"));
          if (!shownValue) continue;
          const svg = await readFile(path.join(dir, chart.files.svg), "utf8");
          expect(drawsMarks(svg), `${name}: ${chart.name} draws nothing`).toBe(true);
        }
        const html = await readFile(path.join(dir, "index.html"), "utf8");
        expect(html).toContain("Publik version – antal under 5 personer visas inte");
      }
      if (period === "2023-04" || period === "2023-12") expect(primaries).toBeGreaterThan(0);
      // Published side by side, the reports give an attacker nothing together either.
      const together = await attackWrittenReportsTogether(REPORTS.map((name) => path.join(build.out, name)));
      expect(together.failing).toEqual([]);
      expect(together.primaries).toBeGreaterThan(0);
      // Each report is a link to its complete versioned folder (hidden, beside it), with the
      // public folder's own index.
      expect((await readdir(build.out)).filter((f) => !f.startsWith(".")).sort()).toEqual([...REPORTS, "index.html"].sort());
    }, 900_000);
  });
}
