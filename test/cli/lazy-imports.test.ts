/**
 * What the built CLI (bin/utfall.js → dist/) loads per command: `--help`, a command's help
 * (build, preview, validate, inspect, list) and a usage error of build load no dependency at all; `validate` loads the loader but not the renderer; only a
 * build loads vega, vega-lite, resvg and the fonts, and SheetJS once (its ES module build). The modules a run loads are recorded by a
 * module hook (registered with --import, so it sees every ES module the CLI imports); the dist/
 * files among them are searched for the renderer's markers. No timings here: those are in
 * bench/startup.ts.
 */
import { execFile } from "node:child_process";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { isPeriod as cliIsPeriod } from "../../src/cli/args.ts";
import { isPeriod } from "../../src/report/report.ts";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const SAMPLE_ENV = { SOURCE_DATE_EPOCH: "1700000000", UTFALL_PSEUDONYM_KEY: "00112233445566778899aabbccddeeff" };

/**
 * Strings in dist/ that only the renderer's modules hold: resvg, the DejaVu fonts, vega's and
 * vega-lite's schema URL. (SheetJS is no marker: the loader's .xlsx reader names it too, and
 * requires it only when it reads a workbook.)
 */
const RENDERER = ["@resvg/resvg-js", "dejavu-fonts-ttf", "vega.github.io/schema"];

// Records the URL of every ES module loaded (in the hooks thread) into the file given as data, and
// the CommonJS modules in require.cache when the process exits.
const HOOKS = `import { appendFileSync } from "node:fs";
let log;
export function initialize(data) { log = data.log; }
export async function load(url, context, next) { appendFileSync(log, "esm " + url + "\\n"); return next(url, context); }`;
const REGISTER = [
  `import { register, createRequire } from "node:module";`,
  `import { appendFileSync } from "node:fs";`,
  `register(${JSON.stringify(`data:text/javascript,${encodeURIComponent(HOOKS)}`)}, { data: { log: process.env.UTFALL_TEST_MODULE_LOG } });`,
  `const require = createRequire(process.cwd() + "/");`,
  `process.on("exit", () => appendFileSync(process.env.UTFALL_TEST_MODULE_LOG, Object.keys(require.cache).map((f) => "cjs " + f + "\\n").join("")));`,
].join("\n");

let tmp: string;
beforeAll(async () => {
  tmp = await mkdtemp(path.join(os.tmpdir(), "utfall-lazy-"));
});
afterAll(async () => {
  await rm(tmp, { recursive: true, force: true });
});

let runs = 0;
/** Runs `node bin/utfall.js ...args` in the repository and returns the modules it loaded (ES module URLs, CommonJS files). */
async function loaded(args: string[]): Promise<{ code: number; urls: string[]; cjs: string[]; stdout: string }> {
  const log = path.join(tmp, `modules-${runs++}.txt`);
  const result = await new Promise<{ code: number; stdout: string }>((resolve) => {
    execFile(
      process.execPath,
      ["--import", `data:text/javascript,${encodeURIComponent(REGISTER)}`, path.join(ROOT, "bin", "utfall.js"), ...args],
      { cwd: ROOT, timeout: 120_000, env: { ...process.env, ...SAMPLE_ENV, UTFALL_TEST_MODULE_LOG: log } },
      (err, stdout) => resolve({ code: err ? Number((err as { code?: number }).code ?? 1) : 0, stdout }),
    );
  });
  const lines = (await readFile(log, "utf8").catch(() => "")).split("\n");
  const of = (kind: string) => lines.filter((l) => l.startsWith(kind + " ")).map((l) => l.slice(4));
  return { ...result, urls: of("esm"), cjs: of("cjs") };
}

const dependencies = (urls: string[]) => urls.filter((u) => u.includes("/node_modules/"));

/** The renderer's markers found in the dist/ modules a run loaded. */
async function rendererIn(urls: string[]): Promise<string[]> {
  const found = new Set<string>();
  for (const url of urls.filter((u) => u.startsWith("file:") && u.includes("/dist/esm/"))) {
    const text = await readFile(fileURLToPath(url), "utf8");
    for (const marker of RENDERER) if (text.includes(marker)) found.add(marker);
  }
  return [...found].sort();
}

describe("the built CLI loads a command's modules only when it runs", () => {
  it("--help loads the CLI's own entry and nothing from node_modules", async () => {
    const r = await loaded(["--help"]);
    expect(r.code).toBe(0);
    expect(r.urls.some((u) => u.endsWith("/dist/esm/main.js"))).toBe(true);
    expect(dependencies(r.urls)).toEqual([]);
    expect(await rendererIn(r.urls)).toEqual([]);
  });

  it.each([
    ["build", "--help"],
    ["help", "build"],
    ["preview", "--help"],
    ["build", "--period", "2023-13"],
    ["build", "finns-inte"],
    ["validate", "--help"],
    ["help", "validate"],
    ["inspect", "--help"],
    ["list", "-h"],
  ])(
    "%s %s: no renderer, no dependency",
    async (...args) => {
      const r = await loaded(args);
      expect([0, 2]).toContain(r.code);
      expect(dependencies(r.urls)).toEqual([]);
      expect(await rendererIn(r.urls)).toEqual([]);
    },
  );

  it("validate loads the loader, not the renderer", async () => {
    const r = await loaded(["validate", path.join("data", "sample", "deltagare.csv")]);
    expect(r.code).toBe(0);
    expect(await rendererIn(r.urls)).toEqual([]);
    expect(dependencies(r.urls).some((u) => u.includes("/@resvg/"))).toBe(false);
  });

  it("a build loads the renderer (the check above can see it)", async () => {
    const r = await loaded(["build", "mal-150-jobb", "--out", path.join(tmp, "out")]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("Klar: mal-150-jobb");
    expect(await rendererIn(r.urls)).toEqual([...RENDERER].sort());
    // SheetJS once, as an ES module: the workbook writer and the output scan share it, and its
    // CommonJS build (with the code-page tables) is not loaded by a build of CSV inputs.
    const sheetjs = [...r.urls.map((u) => `esm ${u}`), ...r.cjs.map((f) => `cjs ${f}`)].filter((l) => l.includes("/@e965/xlsx/"));
    expect([...new Set(sheetjs.map((l) => `${l.slice(0, 3)} ${l.slice(l.indexOf("/@e965/xlsx/") + "/@e965/xlsx/".length)}`))].sort()).toEqual(["esm xlsx.mjs"]);
  });
});

it("the CLI's --period check is the report model's isPeriod", () => {
  const cases = ["2023-01", "2023-12", "2023-00", "2023-13", "2023-1", "23-01", "2023-01-01", " 2023-01", "2023-01 ", "abcd-01", "", "0000-09", "2023–01"];
  for (const s of cases) expect(cliIsPeriod(s), s).toBe(isPeriod(s));
});
