#!/usr/bin/env node
// Runs the built CLI (dist/, written by `npm run build`, which `npm install` runs as `prepare`).
import { readdirSync, statSync } from "node:fs";

const dist = new URL("../dist/", import.meta.url);
const src = new URL("../src/", import.meta.url);

/** In a checkout (src/ beside dist/): is some source file newer than the last build? */
function staleBuild() {
  let built;
  try {
    built = statSync(new URL(".built", dist)).mtimeMs;
    readdirSync(src);
  } catch {
    return false;
  }
  const newer = (dir) =>
    readdirSync(dir, { withFileTypes: true }).some((e) =>
      e.isDirectory() ? newer(new URL(`${e.name}/`, dir)) : e.name.endsWith(".ts") && statSync(new URL(e.name, dir)).mtimeMs > built,
    );
  return newer(src);
}

let main;
try {
  ({ main } = await import(new URL("esm/main.js", dist).href));
} catch (e) {
  if (e?.code === "ERR_MODULE_NOT_FOUND" && String(e.message).includes("dist/esm/main.js")) {
    process.stderr.write("utfall: dist/ saknas, kör npm run build (dist/ is missing: run npm run build)\n");
    process.exit(1);
  }
  throw e;
}
if (staleBuild()) process.stderr.write("utfall: src/ har ändrats sedan senaste bygget, kör npm run build (src/ changed since the last build: run npm run build)\n");
process.exitCode = await main(process.argv.slice(2));
