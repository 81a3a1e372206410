/**
 * `npm run bench:startup`: start-up cost of the CLI, the built JavaScript (dist/, what `npx utfall`
 * and `npm start` run) against the TypeScript sources through tsx (what they ran before the
 * package was built), alternating A B A B … and taking medians.
 *
 *   npm run bench:startup                 # 5 pairs per case
 *   npm run bench:startup -- --runs 9
 *
 * Targets (issue 11): `npx utfall --help` ≤ 0,35 s; `utfall validate data/sample/deltagare.csv`
 * ≤ 0,5 s; `npm start` (all sample reports) ≤ 1,5 s (half of the ~3 s it took through tsx).
 * A build keeps compiled report scripts, compiled charts and font metrics in per-user caches in
 * the temporary folder; the runs after the first use them, and one case times a first run
 * (a temporary folder of its own, empty, for each run).
 * Reports are built into a temporary folder with a fixed build time and pseudonym key, so no key
 * file is created and out/ is not touched. Needs `npm run build` first.
 *
 * `npx utfall` is timed twice: in this repository, where npm sees that the project itself
 * declares the `utfall` bin and loads the whole dependency tree before it runs it, and in a
 * project that depends on utfall (a temporary folder whose node_modules/utfall links to this
 * repository, with the bin link npm makes), where npx finds node_modules/.bin/utfall at once —
 * how a municipality's project runs it.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { BENCH_KEY_HEX, ROOT } from "./lib.ts";
import { buildIsStale, dec, median, STALE_NOTE, timed, type Timed } from "./timed.ts";

const TSX = path.join(ROOT, "node_modules", ".bin", "tsx");
const MAIN_TS = path.join("src", "cli", "main.ts");
const SAMPLE = path.join("data", "sample", "deltagare.csv");

interface Case {
  name: string;
  target: number | null;
  /** The built package. */
  built: [string, string[]];
  /** The same through tsx on src/ (how it ran before). */
  before: [string, string[]] | null;
  /** Working directory, default the repository. */
  cwd?: string;
  /**
   * Each run with a temporary folder of its own (TMPDIR), so the per-user caches there (the
   * compiled report scripts, the compiled charts, the font metrics) are empty: a first run.
   */
  emptyCaches?: boolean;
}

/** A project that depends on utfall: node_modules/utfall → this repository, and its bin link. */
function dependentProject(dir: string): string {
  fs.mkdirSync(path.join(dir, "node_modules", ".bin"), { recursive: true });
  fs.writeFileSync(path.join(dir, "package.json"), `${JSON.stringify({ name: "bench-dependent", private: true, type: "module", dependencies: { utfall: "*" } }, null, 2)}\n`);
  fs.symlinkSync(ROOT, path.join(dir, "node_modules", "utfall"), "dir");
  fs.symlinkSync(path.join("..", "utfall", "bin", "utfall.js"), path.join(dir, "node_modules", ".bin", "utfall"));
  return dir;
}

function cases(out: string, dependent: string): Case[] {
  const build = ["build", "--out", out];
  return [
    { name: "npx utfall --help (in this repository)", target: null, built: ["npx", ["utfall", "--help"]], before: null },
    { name: "npx utfall --help (in a project that depends on utfall)", target: 0.35, built: ["npx", ["utfall", "--help"]], before: null, cwd: dependent },
    { name: "utfall --help (node bin/utfall.js)", target: null, built: [process.execPath, ["bin/utfall.js", "--help"]], before: [TSX, [MAIN_TS, "--help"]] },
    { name: "utfall build --help (node bin/utfall.js)", target: null, built: [process.execPath, ["bin/utfall.js", "build", "--help"]], before: [TSX, [MAIN_TS, "build", "--help"]] },
    { name: `npx utfall validate ${SAMPLE}`, target: null, built: ["npx", ["utfall", "validate", SAMPLE]], before: null },
    { name: `utfall validate ${SAMPLE} (node bin/utfall.js)`, target: 0.5, built: [process.execPath, ["bin/utfall.js", "validate", SAMPLE]], before: [TSX, [MAIN_TS, "validate", SAMPLE]] },
    { name: "npm start (all sample reports)", target: 1.5, built: ["npm", ["start", "--", "--out", out]], before: [TSX, [MAIN_TS, ...build]] },
    { name: "utfall build (node bin/utfall.js, all sample reports)", target: null, built: [process.execPath, ["bin/utfall.js", ...build]], before: null },
    { name: "utfall build, first run (empty caches in the temporary folder)", target: null, built: [process.execPath, ["bin/utfall.js", ...build]], before: null, emptyCaches: true },
  ];
}

function parseRuns(argv: string[]): number {
  const i = argv.findIndex((a) => a === "--runs" || a.startsWith("--runs="));
  if (i < 0) return 5;
  const v = Number(argv[i].includes("=") ? argv[i].split("=")[1] : argv[i + 1]);
  if (!Number.isInteger(v) || v <= 0) throw new Error("--runs behöver ett positivt heltal (needs a positive integer)");
  return v;
}

async function main(): Promise<number> {
  const runs = parseRuns(process.argv.slice(2));
  if (!fs.existsSync(path.join(ROOT, "dist", "esm", "main.js"))) {
    console.error("bench:startup: dist/ saknas, kör npm run build (dist/ is missing: run npm run build)");
    return 1;
  }
  if (buildIsStale(ROOT)) console.log(STALE_NOTE);
  const out = fs.mkdtempSync(path.join(os.tmpdir(), "utfall-bench-startup-"));
  const dependent = dependentProject(fs.mkdtempSync(path.join(os.tmpdir(), "utfall-bench-dependent-")));
  const env = { ...process.env, SOURCE_DATE_EPOCH: "1714435200", UTFALL_PSEUDONYM_KEY: BENCH_KEY_HEX };
  const cpu = os.cpus();
  console.log(`# bench:startup — ${new Date().toISOString()}`);
  console.log(`machine: ${cpu.length} cores (${cpu[0]?.model ?? "?"}), Node ${process.version}; ${runs} runs per case, built and tsx alternating; load average ${os.loadavg().map((l) => l.toFixed(2)).join(" ")}\n`);
  const rows: string[] = [];
  let failed = 0;
  try {
    for (const c of cases(out, dependent)) {
      const a: Timed[] = [];
      const b: Timed[] = [];
      for (let i = 0; i < runs; i++) {
        for (const [which, list] of [[c.built, a], [c.before, b]] as const) {
          if (!which) continue;
          const tmp = c.emptyCaches ? fs.mkdtempSync(path.join(os.tmpdir(), "utfall-bench-empty-")) : null;
          const runEnv = tmp === null ? env : { ...env, TMPDIR: tmp };
          const r = await timed(which[0], which[1], { cwd: which === c.built ? (c.cwd ?? ROOT) : ROOT, env: runEnv }).finally(() => {
            if (tmp !== null) fs.rmSync(tmp, { recursive: true, force: true });
          });
          if (r.code !== 0) throw new Error(`${c.name}: exit ${r.code}\n${r.stderr.trim().split("\n").slice(-5).join("\n")}`);
          list.push(r);
        }
      }
      const wall = median(a.map((r) => r.wallS));
      const cpuS = a.every((r) => r.cpuS !== null) ? median(a.map((r) => r.cpuS!)) : NaN;
      const before = b.length ? `${dec(median(b.map((r) => r.wallS)))} s` : "–";
      const beforeCpu = b.length && b.every((r) => r.cpuS !== null) ? `${dec(median(b.map((r) => r.cpuS!)))} s` : "–";
      const verdict = c.target === null ? "" : wall <= c.target ? "pass" : "FAIL";
      if (verdict === "FAIL") failed++;
      const range = a.length > 1 ? ` (${dec(Math.min(...a.map((r) => r.wallS)))}–${dec(Math.max(...a.map((r) => r.wallS)))})` : "";
      rows.push(`| ${c.name} | ${dec(wall)} s${range} | ${dec(cpuS)} s | ${before} | ${beforeCpu} | ${c.target === null ? "" : `≤ ${dec(c.target)} s`} | ${verdict} |`);
      process.stdout.write(`${c.name}: ${dec(wall)} s (load ${os.loadavg()[0].toFixed(2)})\n`);
    }
  } finally {
    fs.rmSync(out, { recursive: true, force: true });
    fs.rmSync(dependent, { recursive: true, force: true });
  }
  console.log("\n| command | built: wall, median (min–max) | built: CPU | before (tsx on src/): wall | before: CPU | target | |");
  console.log("| --- | --- | --- | --- | --- | --- | --- |");
  for (const r of rows) console.log(r);
  console.log(`\nload average after: ${os.loadavg().map((l) => l.toFixed(2)).join(" ")}`);
  return failed > 0 ? 1 : 0;
}

main().then(
  (code) => (process.exitCode = code),
  (e: unknown) => {
    console.error(`bench:startup: ${e instanceof Error ? e.message : String(e)}`);
    process.exitCode = 1;
  },
);
