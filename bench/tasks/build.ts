/**
 * Child task: build every report script in reports/*.ts from data/sample with `runBuild`
 * (src/cli/build.ts), into a temporary folder, with SOURCE_DATE_EPOCH and a fixed pseudonym key
 * (so no key file is created in the home directory). Prints `skipped` when reports/ has no
 * scripts yet.
 *
 *   node --expose-gc --import tsx bench/tasks/build.ts <outDir>
 */
import fs from "node:fs";
import path from "node:path";
import { emit, BENCH_KEY_HEX, ROOT } from "../lib.ts";

const out = process.argv[2];
if (!out) throw new Error("usage: build.ts <outDir>");

const t0 = performance.now();
const { runBuild } = await import("../../src/cli/build.ts");
const { findReports } = await import("../../src/cli/reports.ts");
const importMs = performance.now() - t0;

const scripts = await findReports(path.join(ROOT, "reports"));
if (scripts.size === 0) {
  emit({ skipped: "reports/ has no report scripts yet" });
} else {
  const stdout: string[] = [];
  const stderr: string[] = [];
  const io = {
    stdout: (t: string) => void stdout.push(t),
    stderr: (t: string) => void stderr.push(t),
    env: { ...process.env, SOURCE_DATE_EPOCH: "1714435200", UTFALL_PSEUDONYM_KEY: BENCH_KEY_HEX, UTFALL_KEY_FILE: undefined },
    cwd: ROOT,
  };
  const t1 = performance.now();
  const code = await runBuild(["--out", out, "--data", path.join(ROOT, "data", "sample")], io);
  const buildMs = performance.now() - t1;
  const files = fs.existsSync(out) ? fs.readdirSync(out, { recursive: true }).length : 0;
  emit({ reports: [...scripts.keys()], code, importMs, buildMs, totalMs: importMs + buildMs, files, stderr: stderr.join("").slice(0, 2000) });
}
