#!/usr/bin/env node
// Runs the built CLI (dist/, written by `npm run build`, which `npm install` runs as `prepare`).
let main;
try {
  ({ main } = await import("../dist/cli/main.js"));
} catch (e) {
  if (e?.code === "ERR_MODULE_NOT_FOUND" && String(e.message).includes("dist/cli/main.js")) {
    process.stderr.write("utfall: dist/ saknas, kör npm run build (dist/ is missing: run npm run build)\n");
    process.exit(1);
  }
  throw e;
}
process.exitCode = await main(process.argv.slice(2));
