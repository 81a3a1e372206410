/**
 * `npm run bench:profile`: where the time of the 1 M-row job of bench:peers goes (load with
 * validation and pseudonymisation, then `programmeOutcomes`), per thread, with the names of
 * src/ (issue 11 §5: "the profile of where the remaining time goes").
 *
 * The job is bundled from src/ the way the package is built (esbuild, ES modules, dependencies
 * left outside), but unminified and with source maps, into node_modules/.cache/utfall-profile/
 * (never committed); it runs once under `node --cpu-prof`, and each thread's profile is folded
 * by function through the source maps:
 *
 *   npm run bench:profile                    # 1 M rows, the 25 largest items per thread
 *   npm run bench:profile -- --rows 3000000 --top 40
 *
 * Self time is where the samples were taken; "inclusive" adds what a function called. Profiling
 * costs some time itself; read the shares, and bench:peers for the wall time.
 */
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import { SourceMap } from "node:module";
import os from "node:os";
import path from "node:path";
import * as esbuild from "esbuild";
import { ensureParticipantsFile } from "./gen-participants.ts";
import { BENCH_KEY_HEX, ROOT } from "./lib.ts";

const args = process.argv.slice(2);
function flag(name: string, fallback: string): string {
  const i = args.indexOf(name);
  return i === -1 ? fallback : args[i + 1];
}
const rows = Number(flag("--rows", "1000000"));
const top = Number(flag("--top", "25"));
/** Functions whose inclusive time is listed (the phases of the job). */
const PHASES = ["loadSource", "scanSource", "parseParallel", "parseClaimed", "advance", "programmeOutcomes"];

const dir = path.join(ROOT, "node_modules", ".cache", "utfall-profile");
fs.rmSync(dir, { recursive: true, force: true });
fs.mkdirSync(dir, { recursive: true });
const src = (p: string) => JSON.stringify(path.join(ROOT, "src", p));
fs.writeFileSync(path.join(dir, "job.ts"), `
import { loadParticipants } from ${src("sources/index.ts")};
import { programmeOutcomes } from ${src("metrics/index.ts")};
const [file, keyHex] = process.argv.slice(2);
const { table } = await loadParticipants(file, { referenceYear: 2024, pseudonymKey: new Uint8Array(Buffer.from(keyHex, "hex")) });
const out = programmeOutcomes(table, { from: "2023-01-01", to: "2023-12-31", refDate: "2023-12-31", by: ["programme"] });
if (out.numRows() !== 36) throw new Error("unexpected result");
`);
await esbuild.build({
  absWorkingDir: ROOT,
  entryPoints: { job: path.join(dir, "job.ts"), "load-worker": path.join(ROOT, "src/schema/load-worker.ts") },
  outdir: path.join(dir, "out"),
  bundle: true, splitting: true, format: "esm", platform: "node", target: "node20",
  sourcemap: "linked", packages: "external", logLevel: "error",
});

const gen = ensureParticipantsFile({ rows, persons: Math.round(rows * 0.3) });
const profiles = path.join(dir, "profiles");
const load = os.loadavg()[0];
const r = spawnSync(process.execPath, ["--cpu-prof", `--cpu-prof-dir=${profiles}`, path.join(dir, "out", "job.js"), gen.path, BENCH_KEY_HEX], { encoding: "utf8" });
if (r.status !== 0) throw new Error(`the job failed\n${r.stderr}`);

interface ProfileNode { id: number; callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number }; children?: number[] }
interface Profile { nodes: ProfileNode[]; samples: number[]; timeDeltas: number[] }

const maps = new Map<string, SourceMap | null>();
function nameOf(cf: ProfileNode["callFrame"]): string {
  const fallback = `${cf.functionName || "(anonymous)"} ${cf.url.split("/").pop() ?? ""}`.trim();
  if (!cf.url.startsWith("file://")) return fallback;
  if (!maps.has(cf.url)) {
    let map: SourceMap | null = null;
    try {
      map = new SourceMap(JSON.parse(fs.readFileSync(new URL(cf.url).pathname + ".map", "utf8")));
    } catch {
      // not ours (a dependency): no map
    }
    maps.set(cf.url, map);
  }
  const entry = maps.get(cf.url)?.findEntry(cf.lineNumber, cf.columnNumber) as { originalSource?: string; originalLine?: number; name?: string } | undefined;
  if (!entry?.originalSource) return fallback;
  const file = entry.originalSource.replace(/^.*\/(src|node_modules)\//, "$1/");
  return `${cf.functionName || entry.name || "(anonymous)"} ${file}:${(entry.originalLine ?? 0) + 1}`;
}

const ms = (us: number) => (us / 1000).toFixed(0).padStart(6);
console.log(`bench:profile, ${rows.toLocaleString("sv-SE")} rows (${(gen.bytes / 2 ** 20).toFixed(0)} MiB), load average ${load.toFixed(2)}; ms of samples\n`);
const files = fs.readdirSync(profiles).filter((f) => f.endsWith(".cpuprofile")).sort();
files.forEach((f, k) => {
  const p = JSON.parse(fs.readFileSync(path.join(profiles, f), "utf8")) as Profile;
  const byId = new Map(p.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of p.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const sampled = new Map<number, number>();
  p.samples.forEach((id, i) => sampled.set(id, (sampled.get(id) ?? 0) + (p.timeDeltas[i] ?? 0)));
  const self = new Map<string, number>();
  const inclusive = new Map<string, number>();
  let total = 0;
  let idle = 0;
  for (const [id, t] of sampled) {
    const name = nameOf(byId.get(id)!.callFrame);
    if (name.startsWith("(idle)")) idle += t;
    total += t;
    self.set(name, (self.get(name) ?? 0) + t);
    const seen = new Set<string>();
    for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) {
      const n = nameOf(byId.get(at)!.callFrame);
      if (!seen.has(n)) inclusive.set(n, (inclusive.get(n) ?? 0) + t);
      seen.add(n);
    }
  }
  console.log(`## thread ${k} (${k === 0 ? "main" : "worker"}): ${ms(total).trim()} ms, of it idle ${ms(idle).trim()} ms`);
  const phases = [...inclusive].filter(([n]) => PHASES.includes(n.split(" ")[0]));
  if (phases.length > 0) {
    console.log("inclusive:");
    for (const [n, t] of phases.sort((a, b) => b[1] - a[1])) console.log(`${ms(t)}  ${n}`);
  }
  console.log("self:");
  for (const [n, t] of [...self].sort((a, b) => b[1] - a[1]).slice(0, top)) console.log(`${ms(t)}  ${n}`);
  console.log("");
});
