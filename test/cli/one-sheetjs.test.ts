/**
 * A build loads SheetJS once: the workbook writer (src/render/xlsx.ts) and the output scan
 * (src/guard/scan-outputs.ts) share its ES module build, and its CommonJS build (with the
 * code-page tables) is not loaded by a build of CSV inputs. ES modules are recorded by a module
 * hook, CommonJS modules from `require.cache` when the process exits. Needs `npm run build`.
 */
import { execFile } from "node:child_process";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, expect, it } from "vitest";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const SAMPLE_ENV = { SOURCE_DATE_EPOCH: "1700000000", UTFALL_PSEUDONYM_KEY: "00112233445566778899aabbccddeeff" };

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
  tmp = await mkdtemp(path.join(os.tmpdir(), "utfall-one-sheetjs-"));
});
afterAll(async () => {
  await rm(tmp, { recursive: true, force: true });
});

it("a build loads SheetJS once, as an ES module", async () => {
  const log = path.join(tmp, "modules.txt");
  const code = await new Promise<number>((resolve) => {
    execFile(
      process.execPath,
      ["--import", `data:text/javascript,${encodeURIComponent(REGISTER)}`, path.join(ROOT, "bin", "utfall.js"), "build", "mal-150-jobb", "--out", path.join(tmp, "out")],
      { cwd: ROOT, timeout: 120_000, env: { ...process.env, ...SAMPLE_ENV, UTFALL_TEST_MODULE_LOG: log } },
      (err) => resolve(err ? Number((err as { code?: number }).code ?? 1) : 0),
    );
  });
  expect(code).toBe(0);
  const lines = (await readFile(log, "utf8")).split("\n").filter((l) => l.includes("/@e965/xlsx/"));
  const files = [...new Set(lines.map((l) => `${l.slice(0, 3)} ${l.slice(l.indexOf("/@e965/xlsx/") + "/@e965/xlsx/".length)}`))].sort();
  expect(files).toEqual(["esm xlsx.mjs"]);
});
