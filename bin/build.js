#!/usr/bin/env node
// `npm run build` (and `prepare`, so `npm install` and `npm ci` build the package):
//
// 1. esbuild bundles src/ into ES modules in dist/esm/: one file per entry point (index, report,
//    sources, metrics, charts, tables, main = the CLI) and shared chunks, so a report script that
//    imports "utfall/report" and the CLI that runs it share one copy of the library. vega,
//    vega-lite, opentype.js and csv-parse are bundled in (hundreds of small modules cost start-up
//    time); every other dependency stays an import: native code, WebAssembly, CommonJS, the tsx
//    loader, and arquero, whose tables are the library's currency, so that a script's
//    `import * as aq from "arquero"` and the library share one arquero. Chunks sit two folders
//    below the package root, like src/*/…, so
//    `new URL("../../package.json", import.meta.url)` still finds package.json.
// 2. tsc writes the type declarations (dist/**/*.d.ts, tsconfig.build.json).
// 3. The built fonts module (dist/esm/fonts.js) writes text metrics of the measured faces to
//    dist/fonts/, complete for the usual characters, so that a first run parses no TTF; named by
//    a hash of the TTF, opentype.js's version and the built module's code, so a table is only
//    read by the code that made it (see src/render/fonts.ts).
// 4. dist/.built is stamped; bin/utfall.js compares it with src/ to warn about a stale build.
//
// Type errors do not stop the build (`npm run typecheck` is the type check): a half-typed change
// in one module must not make `npm ci`, and with it the whole test run, fail. They are printed.
import { spawnSync } from "node:child_process";
import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const require = createRequire(import.meta.url);
const pkg = JSON.parse(readFileSync(path.join(root, "package.json"), "utf8"));

export const ENTRY_POINTS = {
  index: "src/index.ts",
  report: "src/report/index.ts",
  sources: "src/sources/index.ts",
  metrics: "src/metrics/index.ts",
  charts: "src/charts/index.ts",
  tables: "src/tables/index.ts",
  main: "src/cli/main.ts",
  "load-worker": "src/schema/load-worker.ts", // worker thread of the parallel load (issue 11 §2)
  fonts: "src/render/fonts.ts", // for step 3: writes the text metrics tables with the bundled code
};
/** Pure ES module dependencies worth bundling. */
const BUNDLED = new Set(["vega", "vega-lite", "opentype.js", "csv-parse"]);

const external = Object.keys({ ...pkg.dependencies, ...pkg.devDependencies })
  .filter((name) => !BUNDLED.has(name))
  .flatMap((name) => [name, `${name}/*`]);

const t0 = performance.now();
rmSync(path.join(root, "dist"), { recursive: true, force: true }); // no stale module from an earlier build
const esbuild = await import(require.resolve("esbuild"));
await esbuild.build({
  absWorkingDir: root,
  entryPoints: ENTRY_POINTS,
  outdir: "dist/esm",
  bundle: true,
  splitting: true,
  format: "esm",
  platform: "node",
  target: "node20",
  minify: true,
  keepNames: false,
  sourcemap: "linked",
  external,
  logLevel: "warning",
});
const bundled = performance.now();

// Without tables the package works, only a first run is slower: a failure is printed, no more.
let tables = "";
try {
  const fonts = await import(pathToFileURL(path.join(root, "dist", "esm", "fonts.js")).href);
  fonts.writeFontTables(path.join(root, "dist", "fonts"));
  tables = `, font tables (${((performance.now() - bundled) / 1000).toFixed(1)} s)`;
} catch (e) {
  process.stderr.write(`utfall build: inga typsnittstabeller (no font tables; a first run parses the fonts): ${e?.stack ?? e}\n`);
}
const tabled = performance.now();

const tsc = require.resolve("typescript/bin/tsc");
const r = spawnSync(process.execPath, [tsc, "-p", path.join(root, "tsconfig.build.json")], { cwd: root, stdio: "inherit" });
if (r.status === 2) {
  process.stderr.write("utfall build: dist/ byggd trots typfel ovan (built despite the type errors above; see npm run typecheck)\n");
} else if (r.status !== 0) {
  process.stderr.write(`utfall build: tsc misslyckades (tsc failed), status ${r.status ?? r.signal}\n`);
  process.exit(1);
}
mkdirSync(path.join(root, "dist"), { recursive: true });
writeFileSync(path.join(root, "dist", ".built"), `${new Date().toISOString()}\n`);
process.stderr.write(
  `utfall build: dist/esm/ (esbuild ${((bundled - t0) / 1000).toFixed(1)} s)${tables} and declarations (tsc ${((performance.now() - tabled) / 1000).toFixed(1)} s)\n`,
);
