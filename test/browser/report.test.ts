// Opens a built report from file:// in Debian's Chromium (driven by playwright-core, never a
// downloaded browser) with every network request aborted and counted, and checks that the charts
// show without any script, nothing is requested, the console stays clean, and axe-core finds no
// WCAG 2.1 A/AA violation.
//
// Chromium missing → the test FAILS, unless UTFALL_SKIP_BROWSER=1 (then it is skipped).
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { chromium, type BrowserContext } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { writeReportAtomically } from "../../src/report/write.ts";
import { ROOT, buildCase } from "../report/helpers.ts";

const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
const SKIP = process.env.UTFALL_SKIP_BROWSER === "1";

interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: unknown[]; failureSummary?: string }[];
}

describe.skipIf(SKIP)("report in a real browser (file://, offline)", () => {
  let tmp: string;
  let context: BrowserContext | undefined;
  let fileUrl: string;

  beforeAll(async () => {
    if (!existsSync(CHROMIUM)) {
      throw new Error(
        `Chromium not found at ${CHROMIUM}. Install Debian's package (apt-get install -y chromium), set CHROMIUM_PATH, ` +
          `or set UTFALL_SKIP_BROWSER=1 to skip the browser test.`,
      );
    }
    tmp = await mkdtemp(path.join(os.tmpdir(), "utfall-browser-"));
    const built = await buildCase("basic");
    const outDir = path.join(tmp, "out", "basic");
    await writeReportAtomically(outDir, built.files);
    fileUrl = pathToFileURL(path.join(outDir, "index.html")).href;
    context = await chromium.launchPersistentContext(path.join(tmp, "profile"), {
      executablePath: CHROMIUM,
      headless: true,
      args: [
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        "--disable-quic",
      ],
    });
  });

  afterAll(async () => {
    await context?.close();
    if (tmp) await rm(tmp, { recursive: true, force: true });
  });

  /** Opens a file URL with every other request aborted and counted; runs axe-core. */
  async function open(url: string) {
    const ctx = context!;
    const attempted: string[] = [];
    await ctx.unrouteAll();
    await ctx.route("**/*", async (route) => {
      const u = route.request().url();
      if (u === url) return route.continue();
      attempted.push(u);
      return route.abort();
    });
    const page = await ctx.newPage();
    const seen: string[] = [];
    page.on("request", (req) => {
      if (req.url() !== url) seen.push(req.url());
    });
    const consoleErrors: string[] = [];
    page.on("console", (msg) => {
      if (msg.type() === "error") consoleErrors.push(msg.text());
    });
    page.on("pageerror", (err) => consoleErrors.push(String(err)));
    const response = await page.goto(url, { waitUntil: "load" });
    expect(response === null || response.ok()).toBe(true);
    const axe = async () => {
      // axe-core, injected as script content (the page itself has none). The report's CSP forbids
      // inline scripts, so page.addScriptTag is blocked; evaluating through the DevTools
      // protocol is not subject to the page's CSP.
      const axeSource = readFileSync(path.join(ROOT, "node_modules/axe-core/axe.min.js"), "utf8");
      await page.evaluate(axeSource);
      const { violations, passes } = (await page.evaluate(async () => {
        const axe = (globalThis as unknown as { axe: { run: (ctx: unknown, opts: unknown) => Promise<{ violations: unknown[]; passes: unknown[] }> } }).axe;
        const result = await axe.run(document, { runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] } });
        return { violations: result.violations, passes: result.passes.length };
      })) as { violations: AxeViolation[]; passes: number };
      const summary = violations.map((v) => `${v.id} (${v.impact}): ${v.help} at ${v.nodes.map((nd) => JSON.stringify(nd.target)).join(", ")}`);
      return { summary, ids: violations.map((v) => v.id), passes };
    };
    return { page, attempted, seen, consoleErrors, axe };
  }

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
      expect(await page.locator(`#${labelled}`).innerText()).toContain("Antal deltagare per insats");
      expect(await page.locator(`#${described}`).innerText()).toContain("Jobbspåret 8");
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
    expect(await page.locator("figure.chart").first().evaluate((el) => getComputedStyle(el).breakInside)).toBe("avoid");
    // The chart's data table, closed in <details> on screen, is printed.
    const dataTable = page.locator("figure.chart details table").first();
    expect(await dataTable.evaluate((el) => (el.closest("details") as HTMLDetailsElement).open)).toBe(false);
    expect(await dataTable.isVisible()).toBe(true);
    await page.emulateMedia({ media: "screen" });
    expect(await dataTable.isVisible()).toBe(false);
    await page.emulateMedia({ media: "print" });
    const pdf = await page.pdf({ preferCSSPageSize: true });
    expect(pdf.subarray(0, 5).toString("latin1")).toBe("%PDF-");
    // A4 is 595.28 × 841.89 pt.
    const box = /\/MediaBox\s*\[\s*0 0 ([\d.]+) ([\d.]+)\s*\]/.exec(pdf.toString("latin1"));
    expect(box && [Math.round(Number(box[1])), Math.round(Number(box[2]))]).toEqual([595, 842]);
    await page.close();
  });
});
