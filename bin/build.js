#!/usr/bin/env node
// `npm run build` (and `prepare`, so `npm install` and `npm ci` build the package): compiles src/
// to JavaScript with declarations in dist/ (tsconfig.build.json), then stamps dist/.built, which
// bin/utfall.js compares with src/ to warn about a stale build.
//
// Type errors do not stop the build (tsc still writes the JavaScript; `npm run typecheck` is the
// type check): a half-typed change in one module must not make `npm ci`, and with it the whole
// test run, fail. They are printed, and the build says so.
import { spawnSync } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const tsc = createRequire(import.meta.url).resolve("typescript/bin/tsc");
const r = spawnSync(process.execPath, [tsc, "-p", path.join(root, "tsconfig.build.json")], { cwd: root, stdio: "inherit" });
if (r.status === 2) {
  process.stderr.write("utfall build: dist/ byggd trots typfel ovan (built despite the type errors above; see npm run typecheck)\n");
} else if (r.status !== 0) {
  process.stderr.write(`utfall build: tsc misslyckades (tsc failed), status ${r.status ?? r.signal}\n`);
  process.exit(1);
}
mkdirSync(path.join(root, "dist"), { recursive: true });
writeFileSync(path.join(root, "dist", ".built"), `${new Date().toISOString()}\n`);
