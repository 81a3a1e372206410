// Opens the golden fixture report from file:// in Debian's Chromium (driven by playwright-core,
// never a downloaded browser) with every network request aborted and counted, and checks that the
// charts show without any script, nothing is requested, the console stays clean, and axe-core
// finds no WCAG 2.1 A/AA violation. The built sample reports are checked in sample.test.ts.
//
// Chromium missing: fails in CI, skipped with a loud warning elsewhere (see harness.ts);
// UTFALL_SKIP_BROWSER=1 skips on purpose.
import { readFileSync, writeFileSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import type { BrowserContext } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { writeReportAtomically } from "../../src/report/write.ts";
import { buildCase } from "../report/helpers.ts";
import { currentPlan, launch, openPage, pdfPageSizes, requireBrowser } from "./harness.ts";

const plan = currentPlan();

describe.skipIf(plan.action === "skip")("report in a real browser (file://, offline)", () => {
  let tmp: string;
  let context: BrowserContext | undefined;
  let fileUrl: string;

  beforeAll(async () => {
    const chromiumPath = requireBrowser(plan);
    tmp = await mkdtemp(path.join(os.tmpdir(), "utfall-browser-"));
    const built = await buildCase("basic");
    const outDir = path.join(tmp, "out", "basic");
    await writeReportAtomically(outDir, built.files);
    fileUrl = pathToFileURL(path.join(outDir, "index.html")).href;
    context = await launch(chromiumPath, path.join(tmp, "profile"));
  });

  afterAll(async () => {
    await context?.close();
    if (tmp) await rm(tmp, { recursive: true, force: true });
  });

  const open = (url: string) => openPage(context!, url);

  it("shows every chart without scripts or requests, and axe finds no WCAG 2.1 AA violation", async () => {
    const { page, attempted, seen, consoleErrors, axe } = await open(fileUrl);

    // Charts: inline SVG, role=img, visible, non-zero size, labelled by existing elements.
    const charts = page.locator("figure.chart svg");
    const n = await charts.count();
    expect(n).toBe(1);
    for (let i = 0; i < n; i++) {
      const svg = charts.nth(i);
      await expect.poll(() => svg.isVisible()).toBe(true);
      const box = await svg.boundingBox();
      expect(box?.width ?? 0).toBeGreaterThan(50);
      expect(box?.height ?? 0).toBeGreaterThan(20);
      expect(await svg.getAttribute("role")).toBe("img");
      const labelled = (await svg.getAttribute("aria-labelledby"))!;
      const described = (await svg.getAttribute("aria-describedby"))!;
      expect(await page.locator(`#${labelled}`).innerText()).toContain("Deltagare per insats och kön");
      // The public case hides every count of this tiny fixture; the description (in a closed
      // <details>, so read as text content) says so.
      expect(await page.locator(`#${described}`).textContent()).toContain("visas inte eftersom de avser eller skulle avslöja ett litet antal personer");
      // Bars are drawn: the SVG has painted marks.
      expect(await svg.locator("path").count()).toBeGreaterThan(0);
    }
    expect(await page.locator("script").count()).toBe(0);
    expect(await page.locator("h1").count()).toBe(1);
    expect(await page.evaluate(() => document.documentElement.lang)).toBe("sv");

    const { summary, passes } = await axe();
    expect(passes).toBeGreaterThan(10); // axe really ran its rules
    expect(summary).toEqual([]);

    expect(consoleErrors).toEqual([]);
    expect(attempted).toEqual([]);
    expect(seen).toEqual([]);
    await page.close();
  });

  it("the harness catches requests and accessibility faults (self-check on a broken copy)", async () => {
    const html = readFileSync(fileURLToPath(fileUrl), "utf8")
      .replace('<html lang="sv">', "<html>")
      .replace(/<meta http-equiv="Content-Security-Policy"[^>]*>/, "")
      .replace("</main>", '<img src="https://example.invalid/logo.png"></main>');
    const broken = path.join(tmp, "broken.html");
    writeFileSync(broken, html);
    const { page, attempted, seen, axe } = await open(pathToFileURL(broken).href);
    const { ids } = await axe();
    expect(ids).toEqual(expect.arrayContaining(["html-has-lang", "image-alt"]));
    expect(attempted).toEqual(["https://example.invalid/logo.png"]);
    expect(seen).toEqual(["https://example.invalid/logo.png"]);
    await page.close();
  });

  it("prints on A4 with the data tables included", async () => {
    const { page } = await open(fileUrl);
    await page.emulateMedia({ media: "print" });
    // Table headers repeat on every printed page.
    expect(await page.locator("thead").first().evaluate((el) => getComputedStyle(el).display)).toBe("table-header-group");
    // A chart is kept whole with its caption; its text and data table may follow on the next page.
    expect(await page.locator("figure.chart .chart-svg").first().evaluate((el) => getComputedStyle(el).breakInside)).toBe("avoid");
    expect(await page.locator("figure.chart > figcaption").first().evaluate((el) => getComputedStyle(el).breakAfter)).toBe("avoid");
    // The chart's data table, closed in <details> on screen, is printed.
    const dataTable = page.locator("figure.chart details table").first();
    expect(await dataTable.evaluate((el) => (el.closest("details") as HTMLDetailsElement).open)).toBe(false);
    expect(await dataTable.isVisible()).toBe(true);
    await page.emulateMedia({ media: "screen" });
    expect(await dataTable.isVisible()).toBe(false);
    await page.emulateMedia({ media: "print" });
    const pdf = await page.pdf({ preferCSSPageSize: true });
    expect(pdf.subarray(0, 5).toString("latin1")).toBe("%PDF-");
    // A4 portrait is 595.28 × 841.89 pt; this report has no table wide enough for a landscape page.
    const sizes = pdfPageSizes(pdf);
    expect(sizes.length).toBeGreaterThan(0);
    for (const size of sizes) expect(size).toEqual([595, 842]);
    await page.close();
  });
});
