// The real sample reports (reports/*.ts over data/sample, built by runBuild as `utfall build`
// does, internal and --public) opened from file:// in Debian's Chromium with every request
// blocked and counted: axe-core WCAG 2.1 A/AA finds nothing, nothing is requested, every chart
// shows, wide tables scroll inside their focusable container on screen and fit A4 in print.
//
// Chromium missing: fails in CI, skipped with a loud warning elsewhere (see harness.ts).
import { readFileSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import type { BrowserContext } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { findReports } from "../../src/cli/reports.ts";
import type { FiguresDocument } from "../../src/report/build.ts";
import { ROOT } from "../report/helpers.ts";
import { buildSamples } from "../e2e/sample.ts";
import { currentPlan, launch, openPage, pdfPageSizes, requireBrowser } from "./harness.ts";

const plan = currentPlan();
const REPORTS = [...(await findReports(path.join(ROOT, "reports"))).keys()];
const VARIANTS = ["intern", "publik"] as const;
const CASES = VARIANTS.flatMap((variant) => REPORTS.map((report) => ({ variant, report })));

/** Content width of A4 in CSS px at the report's print margins (@page in style.ts). */
const A4_PORTRAIT_CONTENT = Math.floor(((210 - 2 * 18) / 25.4) * 96); // 657
const A4_LANDSCAPE_CONTENT = Math.floor(((297 - 2 * 20) / 25.4) * 96); // 971

describe.skipIf(plan.action === "skip")("the sample reports in a real browser (file://, offline)", () => {
  let tmp: string;
  let context: BrowserContext | undefined;
  const outDirs = new Map<string, string>();

  beforeAll(async () => {
    const chromiumPath = requireBrowser(plan);
    tmp = await mkdtemp(path.join(os.tmpdir(), "utfall-browser-sample-"));
    for (const variant of VARIANTS) {
      const out = path.join(tmp, variant);
      const build = await buildSamples(out, variant === "publik" ? ["--public"] : []);
      if (build.code !== 0) throw new Error(`building the sample reports failed (${build.code}): ${build.stderr}`);
      outDirs.set(variant, build.out); // --public builds go to <out>/publik/
    }
    context = await launch(chromiumPath, path.join(tmp, "profile"));
  });

  afterAll(async () => {
    await context?.close();
    if (tmp) await rm(tmp, { recursive: true, force: true });
  });

  const urlOf = (variant: string, report: string) => pathToFileURL(path.join(outDirs.get(variant)!, report, "index.html")).href;
  const figuresOf = (variant: string, report: string) =>
    JSON.parse(readFileSync(path.join(outDirs.get(variant)!, report, "figures.json"), "utf8")) as FiguresDocument;

  it.each(CASES)("$report ($variant): every chart shows, no request, no script, axe finds no WCAG 2.1 AA violation", async ({ variant, report }) => {
    const { page, attempted, seen, consoleErrors, axe } = await open(urlOf(variant, report));
    const doc = figuresOf(variant, report);
    expect(doc.parameters.public).toBe(variant === "publik");

    const charts = page.locator("figure.chart svg");
    expect(await charts.count()).toBe(doc.charts.length);
    if (report === "delarsrapport") expect(doc.charts.length).toBeGreaterThanOrEqual(6);
    for (const [i, chart] of doc.charts.entries()) {
      const svg = charts.nth(i);
      await expect.poll(() => svg.isVisible()).toBe(true);
      const box = await svg.boundingBox();
      expect(box?.width ?? 0, chart.name).toBeGreaterThan(100);
      expect(box?.height ?? 0, chart.name).toBeGreaterThan(50);
      expect(await svg.getAttribute("role")).toBe("img");
      expect(await page.locator(`#${await svg.getAttribute("aria-labelledby")}`).innerText()).toBe(`Diagram ${chart.number}. ${chart.title}`);
      // The description sits in a closed <details>: read its text content, not what is painted.
      expect(await page.locator(`#${await svg.getAttribute("aria-describedby")}`).textContent()).toBe(chart.alt);
      expect(await svg.locator("path, rect, line").count(), chart.name).toBeGreaterThan(0);
    }
    expect(await page.locator("script").count()).toBe(0);
    expect(await page.evaluate(() => document.documentElement.lang)).toBe("sv");

    const { summary, passes } = await axe();
    expect(passes).toBeGreaterThan(10);
    expect(summary).toEqual([]);
    expect(consoleErrors).toEqual([]);
    expect(attempted).toEqual([]);
    expect(seen).toEqual([]);
    await page.close();
  });

  it.each(CASES)("$report ($variant): at a 1 200 px window every table fits: neither a table nor the page scrolls sideways", async ({ variant, report }) => {
    const { page } = await open(urlOf(variant, report));
    await page.setViewportSize({ width: 1200, height: 1000 });
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(1200);
    const wraps = await page.evaluate(() =>
      [...document.querySelectorAll(".table-wrap")].map((w) => ({ caption: w.querySelector("caption")?.textContent ?? "", scroll: w.scrollWidth, client: w.clientWidth })),
    );
    expect(wraps.length).toBeGreaterThan(0);
    expect(wraps.filter((w) => w.scroll > w.client)).toEqual([]);
    await page.close();
  });

  it.each(REPORTS)("%s: on a 900 px screen wide tables scroll inside a focusable, named region, not the page", async (report) => {
    const { page } = await open(urlOf("intern", report));
    await page.setViewportSize({ width: 900, height: 1000 });
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(900);

    const wraps = page.locator(".table-wrap");
    const tables = await page.locator("table").count();
    expect(await wraps.count()).toBe(tables);
    for (let i = 0; i < tables; i++) {
      const wrap = wraps.nth(i);
      expect(await wrap.getAttribute("tabindex")).toBe("0");
      expect(await wrap.getAttribute("role")).toBe("region");
      const caption = wrap.locator("caption");
      expect(await wrap.getAttribute("aria-labelledby")).toBe(await caption.getAttribute("id"));
    }

    // The widest table of the sample does not fit 900 px: it scrolls, by keyboard too.
    const widest = page.locator(".table-block.x-wide .table-wrap").first();
    if ((await widest.count()) === 0) {
      expect(report, "the delårsrapport's outcomes table has 14 columns").not.toBe("delarsrapport");
      return void (await page.close());
    }
    const { scrollWidth, clientWidth } = await widest.evaluate((el) => ({ scrollWidth: el.scrollWidth, clientWidth: el.clientWidth }));
    expect(scrollWidth).toBeGreaterThan(clientWidth);
    // Reached with Tab (it is in the tab order), then scrolled with the arrow keys.
    const target = await widest.evaluate((el) => el.getAttribute("aria-labelledby"));
    let reached = false;
    for (let n = 0; n < 200 && !reached; n++) {
      await page.keyboard.press("Tab");
      reached = await page.evaluate((id) => document.activeElement?.getAttribute("aria-labelledby") === id, target);
    }
    expect(reached).toBe(true);
    for (let n = 0; n < 5; n++) await page.keyboard.press("ArrowRight");
    await expect.poll(() => widest.evaluate((el) => el.scrollLeft)).toBeGreaterThan(0);
    await page.close();
  });

  it.each(REPORTS)("%s: in print every table fits the width of its A4 page", async (report) => {
    const { page } = await open(urlOf("intern", report));
    await page.emulateMedia({ media: "print" });
    const overflow = (selector: string) =>
      page.evaluate(
        (sel) =>
          [...document.querySelectorAll<HTMLTableElement>(sel)]
            .map((t) => ({ caption: t.caption?.textContent ?? "", table: t.getBoundingClientRect().width, page: document.documentElement.clientWidth }))
            .filter((m) => m.table > m.page + 0.5),
        selector,
      );
    // Portrait pages: everything except the very wide tables, which get a landscape page.
    await page.setViewportSize({ width: A4_PORTRAIT_CONTENT, height: 1000 });
    const portraitTables = "table:not(.x-wide table)";
    expect(await page.locator(portraitTables).count()).toBeGreaterThan(0);
    expect(await overflow(portraitTables)).toEqual([]);
    const xwide = await page.locator(".x-wide").count();
    if (xwide > 0) {
      expect(await page.locator(".x-wide").first().evaluate((el) => getComputedStyle(el).getPropertyValue("page"))).toBe("landscape");
      await page.setViewportSize({ width: A4_LANDSCAPE_CONTENT, height: 1000 });
      expect(await overflow(".x-wide table")).toEqual([]);
    }
    // The PDF: A4 throughout, landscape pages only where a very wide table is.
    const sizes = pdfPageSizes(await page.pdf({ format: "A4", preferCSSPageSize: true }));
    const landscape = sizes.filter(([w, h]) => w === 842 && h === 595).length;
    expect(sizes.length - landscape, "portrait pages").toBeGreaterThan(0);
    for (const size of sizes) expect([[595, 842], [842, 595]]).toContainEqual(size);
    if (xwide > 0) expect(landscape).toBeGreaterThanOrEqual(1);
    else expect(landscape).toBe(0);
    await page.close();
  });

  it.each(VARIANTS)("the index page (%s build): every report linked, axe clean, no sideways scroll at 1 200 px", async (variant) => {
    // <out>/index.html lists the reports of the output folder (public ones are in <out>/publik/).
    const { page, attempted, seen, consoleErrors, axe } = await open(pathToFileURL(path.join(tmp, variant, "index.html")).href);
    expect(await page.evaluate(() => document.documentElement.lang)).toBe("sv");
    expect(await page.locator("tbody tr").count()).toBe(REPORTS.length);
    for (const report of REPORTS) {
      const href = `${variant === "publik" ? "publik/" : ""}${report}/index.html`;
      expect(await page.locator(`a[href="${href}"]`).count(), report).toBe(1);
    }
    await page.setViewportSize({ width: 1200, height: 1000 });
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(1200);
    const { summary } = await axe();
    expect(summary).toEqual([]);
    expect(consoleErrors).toEqual([]);
    expect(attempted).toEqual([]);
    expect(seen).toEqual([]);
    await page.close();
  });

  const open = (url: string) => openPage(context!, url);
});
