// Shared by the browser tests: whether to run them, launching Debian's Chromium through
// playwright-core (never a downloaded browser), and opening a file:// page with every other
// request aborted and counted, console errors collected and axe-core at hand.
//
// Chromium missing (at CHROMIUM_PATH, default /usr/bin/chromium):
//   - in CI (CI set and not "0"/"false") the browser tests FAIL: CI must run them (.ci/run
//     installs chromium);
//   - elsewhere they are skipped with a loud warning saying how to install it;
//   - UTFALL_SKIP_BROWSER=1 skips them on purpose, anywhere.
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { chromium, type BrowserContext, type Page } from "playwright-core";
import { expect } from "vitest";
import { ROOT } from "../report/helpers.ts";
import { CHROMIUM_ARGS } from "../../src/render/pdf.ts";

export type BrowserPlan = { action: "run"; chromium: string } | { action: "skip" | "fail"; chromium: string; message: string };

const INSTALL = "Install Debian's package (sudo apt-get install -y chromium) or point CHROMIUM_PATH at a Chromium binary";

/** Decides whether the browser tests run, are skipped, or must fail. Pure: env and file check are passed in. */
export function browserPlan(env: Readonly<Record<string, string | undefined>>, exists: (file: string) => boolean = existsSync): BrowserPlan {
  const chromiumPath = env.CHROMIUM_PATH || "/usr/bin/chromium";
  if (env.UTFALL_SKIP_BROWSER === "1") {
    return { action: "skip", chromium: chromiumPath, message: "UTFALL_SKIP_BROWSER=1: the browser tests (WCAG 2.1 AA via axe-core, offline rendering, print) are skipped on purpose." };
  }
  if (exists(chromiumPath)) return { action: "run", chromium: chromiumPath };
  const ci = env.CI !== undefined && !["", "0", "false"].includes(env.CI.trim().toLowerCase());
  if (ci) {
    return {
      action: "fail",
      chromium: chromiumPath,
      message:
        `Chromium not found at ${chromiumPath}, and this is CI (CI=${env.CI}): the browser tests must run in CI. ` +
        `.ci/run installs it (apt-get install -y chromium); ${INSTALL}. Set UTFALL_SKIP_BROWSER=1 only to skip them deliberately.`,
    };
  }
  return {
    action: "skip",
    chromium: chromiumPath,
    message:
      `Chromium not found at ${chromiumPath}: the browser tests (WCAG 2.1 AA via axe-core, offline rendering, print) are SKIPPED on this machine. ` +
      `${INSTALL}, then run them again. In CI (CI set) a missing Chromium fails the run.`,
  };
}

/** The plan for this process; a skip is announced loudly once per test file. */
export function currentPlan(): BrowserPlan {
  const plan = browserPlan(process.env);
  if (plan.action === "skip") {
    const bar = "!".repeat(100);
    console.warn(`\n${bar}\n!! ${plan.message}\n${bar}\n`);
  }
  return plan;
}

/** Throws the plan's message when the tests must fail (call it in beforeAll). */
export function requireBrowser(plan: BrowserPlan): string {
  if (plan.action === "fail") throw new Error(plan.message);
  return plan.chromium;
}

export async function launch(chromiumPath: string, profileDir: string): Promise<BrowserContext> {
  return chromium.launchPersistentContext(profileDir, {
    executablePath: chromiumPath,
    headless: true,
    viewport: { width: 900, height: 1000 },
    args: [...CHROMIUM_ARGS],
  });
}

interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: unknown[]; failureSummary?: string }[];
}

export interface OpenedPage {
  page: Page;
  /** Requests other than the page itself that reached the router (all aborted). */
  attempted: string[];
  /** Requests the page made, as seen by the page (other than itself). */
  seen: string[];
  consoleErrors: string[];
  /** Runs axe-core with the WCAG 2.0/2.1 A and AA rules. */
  axe(): Promise<{ summary: string[]; ids: string[]; passes: number }>;
}

/** Opens a file URL with every other request aborted and counted. */
export async function openPage(ctx: BrowserContext, url: string): Promise<OpenedPage> {
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
    // inline scripts, so page.addScriptTag is blocked; evaluating through the DevTools protocol
    // is not subject to the page's CSP.
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

/** Page sizes of a PDF in points (its /MediaBox entries, in file order). */
export function pdfPageSizes(pdf: Uint8Array): [number, number][] {
  const text = Buffer.from(pdf).toString("latin1");
  return [...text.matchAll(/\/MediaBox\s*\[\s*0 0 ([\d.]+) ([\d.]+)\s*\]/g)].map((m) => [Math.round(Number(m[1])), Math.round(Number(m[2]))]);
}
