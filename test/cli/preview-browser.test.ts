// `utfall preview` in Debian's Chromium, with the real file watcher: open the page, change the
// input file, and the page shows the new figure by itself (the served page reloads over
// server-sent events); a bad input shows the error in the page over the last good build; fixing
// it brings the page back. No request leaves 127.0.0.1, and the page's CSP blocks nothing.
import { appendFile, mkdtemp, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import type { BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { memoryIo } from "../../src/cli/io.ts";
import { processPreviewDeps, startPreview, type Preview } from "../../src/cli/preview.ts";
import { currentPlan, launch, requireBrowser } from "../browser/harness.ts";
import { TEST_ENV } from "../report/helpers.ts";
import { BAD_ROW, EXTRA_ROW, PARTICIPANTS, previewProject, type Project } from "./preview-project.ts";

// The project's one browser plan (test/browser/harness.ts): skipped only on a developer's machine
// without Debian's chromium; in CI (CI=true) a missing chromium fails the run instead.
const plan = currentPlan();
const WAIT = { timeout: 30_000, interval: 100 };

describe.skipIf(plan.action === "skip")("utfall preview in a browser", () => {
  let project: Project;
  let preview: Preview;
  let ctx: BrowserContext;
  let profile: string;
  let page: Page;
  const offsite: string[] = [];
  const consoleErrors: string[] = [];

  beforeAll(async () => {
    const chromium = requireBrowser(plan);
    project = await previewProject();
    const io = memoryIo({ cwd: project.dir, env: { ...TEST_ENV, SOURCE_DATE_EPOCH: "1683007200" } });
    preview = await startPreview({ reports: new Map([["uppfoljning", project.script]]), data: "data", public: false, port: 0 }, io, {
      ...processPreviewDeps(io),
      onInterrupt: () => () => {},
      quietMs: 100,
    });
    profile = await mkdtemp(path.join(os.tmpdir(), "utfall-preview-chromium-"));
    ctx = await launch(chromium, profile);
    await ctx.route("**/*", (route) => {
      const url = route.request().url();
      if (url.startsWith(preview.url)) return route.continue();
      offsite.push(url);
      return route.abort();
    });
    page = await ctx.newPage();
    page.on("console", (msg) => {
      if (msg.type() === "error") consoleErrors.push(msg.text());
    });
    page.on("pageerror", (err) => consoleErrors.push(String(err)));
  }, 120_000);

  afterAll(async () => {
    await ctx?.close();
    await preview?.stop();
    if (profile) await rm(profile, { recursive: true, force: true });
    if (project) await rm(project.dir, { recursive: true, force: true });
  });

  /** The figure and the chart's text alternative as the page shows them now (null while it reloads). */
  const shown = async () => {
    try {
      const figure = await page.locator('[data-figure="inskrivningar"]').textContent({ timeout: 1_000 });
      const alt = await page.locator("#diagram-per-insats-beskrivning").textContent({ timeout: 1_000 });
      return { figure, alt };
    } catch {
      return null;
    }
  };
  const alert = async () => {
    try {
      const box = page.locator("#utfall-forhandsvisning-fel");
      return (await box.count()) === 0 ? null : await box.textContent({ timeout: 1_000 });
    } catch {
      return null;
    }
  };

  it("shows the new figure after an input file changes, without a reload by hand", async () => {
    await page.goto(preview.url, { waitUntil: "load" });
    expect(page.url()).toBe(`${preview.url}uppfoljning/`);
    expect(await shown()).toEqual({ figure: "16", alt: "Inskrivningar per insats: IPS 6, JOBBSP 8, PRAKTIK 2." });
    await page.evaluate(() => {
      (globalThis as { utfallMarker?: number }).utfallMarker = 1;
    });

    await appendFile(project.csv, EXTRA_ROW);
    await expect.poll(shown, WAIT).toEqual({ figure: "17", alt: "Inskrivningar per insats: IPS 6, JOBBSP 8, PRAKTIK 3." });
    // The page reloaded itself: the marker set before the change is gone.
    expect(await page.evaluate(() => (globalThis as { utfallMarker?: number }).utfallMarker)).toBeUndefined();
  });

  it("shows a failed rebuild in the page over the last good build, and recovers when the input is fixed", async () => {
    await page.evaluate(() => {
      (globalThis as { utfallMarker?: number }).utfallMarker = 2;
    });
    await appendFile(project.csv, BAD_ROW);
    await expect.poll(alert, WAIT).toMatch(/^Ombyggnaden misslyckades[\s\S]*deltagare\.csv/);
    // No reload: the page still shows the last good build underneath.
    expect(await page.evaluate(() => (globalThis as { utfallMarker?: number }).utfallMarker)).toBe(2);
    expect((await shown())?.figure).toBe("17");

    await writeFile(project.csv, PARTICIPANTS);
    await expect.poll(shown, WAIT).toEqual({ figure: "16", alt: "Inskrivningar per insats: IPS 6, JOBBSP 8, PRAKTIK 2." });
    expect(await alert()).toBeNull();
  });

  it("made no request beyond the preview server, and the page's CSP blocked nothing", () => {
    expect(offsite).toEqual([]);
    expect(consoleErrors).toEqual([]);
  });
});
