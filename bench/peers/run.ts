/**
 * `npm run bench:peers`: the same job in utfall and in the tools an analyst would pick instead,
 * run side by side on the 1 000 000-row participants export of bench/gen-participants.ts.
 *
 *   npm run bench:peers                          # every peer, 5 pairs each
 *   npm run bench:peers -- --runs 1              # a quick run: one pair per peer
 *   npm run bench:peers -- --only duckdb,pandas  # some peers
 *   npm run bench:peers -- --rows 100000         # a smaller export (persons = 30 % of rows)
 *
 * Each job runs as its own process under `/usr/bin/time` (wall, user + system CPU, peak RSS of the
 * process and its children, e.g. iconv), alternating with utfall (A B A B …); the table shows
 * medians and the median of the pairwise ratios peer / utfall. Every run's 36-row result is
 * compared with utfall's by SHA-256; a mismatch fails the run (exit 1). A peer that is not
 * installed is reported as skipped. utfall runs from the build (dist/): run `npm run build` after
 * changing src/. See bench/peers/README.md.
 */
import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { ensureParticipantsFile } from "../gen-participants.ts";
import { BENCH_KEY_HEX, ROOT } from "../lib.ts";
import { buildIsStale, dec, median, STALE_NOTE, TIME, timed } from "../timed.ts";

interface Peer {
  name: string;
  label: string;
  command: string;
  args: (file: string) => string[];
  /** null when usable, else why it is skipped. */
  check: () => string | null;
  version: () => string;
}

interface Run {
  wallS: number;
  cpuS: number | null;
  peakMiB: number | null;
  sha256: string;
  stdout: string;
}

const PEERS_DIR = path.join(ROOT, "bench", "peers");
const PYTHON = "/usr/bin/python3";

function sh(cmd: string, args: string[]): { ok: boolean; out: string } {
  const r = spawnSync(cmd, args, { cwd: ROOT, encoding: "utf8", timeout: 60_000 });
  return { ok: r.status === 0, out: `${r.stdout ?? ""}${r.stderr ?? ""}`.trim() };
}

const firstLine = (s: string) => s.split("\n")[0] ?? "";
const nodeModule = (name: string) => () => {
  const r = sh(process.execPath, ["--input-type=module", "-e", `await import(${JSON.stringify(name)})`]);
  return r.ok ? null : `${name} kan inte laddas (cannot be loaded): ${firstLine(r.out)}`;
};
const nodeVersion = (name: string) => () => {
  const r = sh(process.execPath, ["-e", `console.log(require(${JSON.stringify(`${name}/package.json`)}).version)`]);
  return r.ok ? r.out : "?";
};
const needIconv = (inner: () => string | null) => () => (sh("iconv", ["--version"]).ok ? inner() : "iconv saknas (iconv is missing)");

const UTFALL: Peer = {
  name: "utfall",
  label: "utfall (loadParticipants + programmeOutcomes, dist/)",
  command: process.execPath,
  args: (file) => [path.join(PEERS_DIR, "utfall.mjs"), file],
  check: () => (fs.existsSync(path.join(ROOT, "dist", "esm", "index.js")) ? null : "dist/ saknas, kör npm run build (dist/ is missing: run npm run build)"),
  version: () => JSON.parse(fs.readFileSync(path.join(ROOT, "package.json"), "utf8")).version as string,
};

const PEERS: Peer[] = [
  {
    name: "duckdb",
    label: "DuckDB (@duckdb/node-api, after iconv to UTF-8)",
    command: process.execPath,
    args: (file) => [path.join(PEERS_DIR, "duckdb_job.mjs"), file],
    check: needIconv(nodeModule("@duckdb/node-api")),
    version: nodeVersion("@duckdb/node-api"),
  },
  {
    name: "polars",
    label: "nodejs-polars (after iconv to UTF-8)",
    command: process.execPath,
    args: (file) => [path.join(PEERS_DIR, "polars_job.mjs"), file],
    check: needIconv(nodeModule("nodejs-polars")),
    version: nodeVersion("nodejs-polars"),
  },
  {
    name: "datatable",
    label: "R data.table (fread)",
    command: "Rscript",
    args: (file) => [path.join(PEERS_DIR, "datatable_job.R"), file],
    check: () => {
      const r = sh("Rscript", ["-e", "suppressPackageStartupMessages(library(data.table))"]);
      return r.ok ? null : "Rscript eller data.table saknas (r-cran-data.table is not installed)";
    },
    version: () => sh("Rscript", ["-e", "cat(format(packageVersion('data.table')), paste0('(R ', R.version$major, '.', R.version$minor, ')'))"]).out,
  },
  {
    name: "pandas",
    label: "pandas (C engine)",
    command: PYTHON,
    args: (file) => [path.join(PEERS_DIR, "pandas_job.py"), file],
    check: () => {
      const r = sh(PYTHON, ["-c", "import pandas"]);
      return r.ok ? null : "pandas saknas (python3-pandas is not installed)";
    },
    version: () => sh(PYTHON, ["-c", "import pandas, sys; print(pandas.__version__, '(Python ' + sys.version.split()[0] + ')')"]).out,
  },
];

function parseArgs(argv: string[]): { runs: number; rows: number; only: string[] | null } {
  let runs = 5;
  let rows = 1_000_000;
  let only: string[] | null = null;
  for (let i = 0; i < argv.length; i++) {
    const [flag, inline] = argv[i].split("=", 2);
    const value = () => inline ?? argv[++i];
    const int = (v: string | undefined) => {
      const n = Number(v);
      if (!Number.isInteger(n) || n <= 0) throw new Error(`${flag} behöver ett positivt heltal (needs a positive integer)`);
      return n;
    };
    if (flag === "--runs") runs = int(value());
    else if (flag === "--rows") rows = int(value());
    else if (flag === "--only") only = (value() ?? "").split(",").filter(Boolean);
    else throw new Error(`okänd flagga ${flag} (unknown flag); usage: bench:peers [--runs N] [--rows N] [--only a,b]`);
  }
  return { runs, rows, only };
}

/** Run one job; its stdout is the 36-row result. */
async function runJob(peer: Peer, file: string): Promise<Run> {
  const r = await timed(peer.command, peer.args(file), { cwd: ROOT, env: { ...process.env, UTFALL_PSEUDONYM_KEY: BENCH_KEY_HEX } });
  if (r.code !== 0) throw new Error(`${peer.name}: exit ${r.code}\n${r.stderr.trim().split("\n").slice(-10).join("\n")}`);
  return { wallS: r.wallS, cpuS: r.cpuS, peakMiB: r.peakMiB, stdout: r.stdout, sha256: createHash("sha256").update(r.stdout).digest("hex") };
}

const range = (xs: number[], d = 2) => (xs.length > 1 ? ` (${dec(Math.min(...xs), d)}–${dec(Math.max(...xs), d)})` : "");
const nums = (runs: Run[], k: "wallS" | "cpuS" | "peakMiB") => runs.map((r) => r[k]).filter((v): v is number => v !== null);

function firstDifference(a: string, b: string): string {
  const x = a.split("\n");
  const y = b.split("\n");
  for (let i = 0; i < Math.max(x.length, y.length); i++) {
    if (x[i] !== y[i]) return `rad ${i + 1} (line): utfall "${x[i] ?? ""}" ≠ "${y[i] ?? ""}"`;
  }
  return "";
}

async function main(): Promise<number> {
  const opts = parseArgs(process.argv.slice(2));
  const peers = opts.only ? PEERS.filter((p) => opts.only!.includes(p.name)) : PEERS;
  if (opts.only) {
    const unknown = opts.only.filter((n) => !PEERS.some((p) => p.name === n));
    if (unknown.length) throw new Error(`okänd peer ${unknown.join(", ")} (unknown); finns: ${PEERS.map((p) => p.name).join(", ")}`);
  }
  const notBuilt = UTFALL.check();
  if (notBuilt) {
    console.error(`bench:peers: ${notBuilt}`);
    return 1;
  }
  if (buildIsStale(ROOT)) console.log(STALE_NOTE);
  const gen = ensureParticipantsFile({ rows: opts.rows, persons: Math.max(1, Math.round(opts.rows * 0.3)) });
  const cpu = os.cpus();
  console.log(`# bench:peers — ${new Date().toISOString()}`);
  console.log(`machine: ${cpu.length} cores (${cpu[0]?.model ?? "?"}), ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, ${os.type()} ${os.release()}; Node ${process.version}; utfall ${UTFALL.version()}`);
  console.log(`input: ${gen.path} (${gen.rows} rows, ${gen.persons} persons, ${(gen.bytes / 2 ** 20).toFixed(1)} MiB, Windows-1252)${gen.cached ? "" : `, generated in ${(gen.ms / 1000).toFixed(1)} s`}`);
  console.log(`runs: ${opts.runs} pairs per peer, alternating utfall and peer; load average before: ${os.loadavg().map((l) => l.toFixed(2)).join(" ")}`);
  if (!fs.existsSync(TIME)) console.log("note: /usr/bin/time is missing: wall time only, no CPU time or peak memory");

  // The reference result, from one utfall run (it also warms the page cache).
  const reference = await runJob(UTFALL, gen.path);
  const rows = reference.stdout.trim().split("\n").length - 1;
  console.log(`utfall result: ${rows} rows, sha256 ${reference.sha256.slice(0, 16)}…\n`);

  const ours: Run[] = [];
  const table: string[][] = [];
  let failed = 0;
  for (const peer of peers) {
    const why = peer.check();
    if (why) {
      console.log(`${peer.name}: skipped — ${why}`);
      table.push([peer.label, "skipped", "", "", "", "", why]);
      continue;
    }
    const theirs: Run[] = [];
    const pairOurs: Run[] = [];
    const ratios: number[] = [];
    const cpuRatios: number[] = [];
    let mismatch = "";
    try {
      for (let i = 0; i < opts.runs; i++) {
        const a = await runJob(UTFALL, gen.path);
        const b = await runJob(peer, gen.path);
        if (a.sha256 !== reference.sha256) mismatch ||= `utfall gav ett annat resultat (utfall's result changed): ${firstDifference(reference.stdout, a.stdout)}`;
        if (b.sha256 !== reference.sha256) mismatch ||= firstDifference(reference.stdout, b.stdout);
        pairOurs.push(a);
        theirs.push(b);
        ratios.push(b.wallS / a.wallS);
        if (a.cpuS !== null && b.cpuS !== null) cpuRatios.push(b.cpuS / a.cpuS);
        process.stdout.write(`${peer.name} ${i + 1}/${opts.runs}: utfall ${dec(a.wallS)} s, ${peer.name} ${dec(b.wallS)} s (load ${os.loadavg()[0].toFixed(2)})\n`);
      }
    } catch (e) {
      failed++;
      const msg = e instanceof Error ? e.message : String(e);
      console.log(`${peer.name}: FAILED — ${msg}`);
      table.push([peer.label, "FAILED", "", "", "", "", firstLine(msg)]);
      continue;
    }
    ours.push(...pairOurs);
    if (mismatch) failed++;
    const wall = nums(theirs, "wallS");
    const cpuS = nums(theirs, "cpuS");
    const mem = nums(theirs, "peakMiB");
    table.push([
      `${peer.label} ${peer.version()}`,
      `${dec(median(wall))}${range(wall)}`,
      cpuS.length ? `${dec(median(cpuS))}${range(cpuS)}` : "–",
      mem.length ? `${dec(median(mem), 0)}${range(mem, 0)}` : "–",
      `${dec(median(ratios))}${range(ratios)}`,
      cpuRatios.length ? `${dec(median(cpuRatios))}${range(cpuRatios)}` : "–",
      mismatch ? `MISMATCH: ${mismatch}` : `same 36 rows (sha256 ${reference.sha256.slice(0, 12)})`,
    ]);
  }
  const all = ours.length ? ours : [reference];
  const ow = nums(all, "wallS");
  const oc = nums(all, "cpuS");
  const om = nums(all, "peakMiB");
  table.unshift([
    `${UTFALL.label} ${UTFALL.version()}`,
    `${dec(median(ow))}${range(ow)}`,
    oc.length ? `${dec(median(oc))}${range(oc)}` : "–",
    om.length ? `${dec(median(om), 0)}${range(om, 0)}` : "–",
    "1",
    "1",
    `reference (${rows} rows)`,
  ]);
  console.log("\n| tool | wall s, median (min–max) | CPU s (user + sys) | peak RSS MiB | wall ratio to utfall, median of pairs | CPU ratio | result |");
  console.log("| --- | --- | --- | --- | --- | --- | --- |");
  for (const r of table) console.log(`| ${r.join(" | ")} |`);
  console.log(`\nload average after: ${os.loadavg().map((l) => l.toFixed(2)).join(" ")}`);
  return failed > 0 ? 1 : 0;
}

main().then(
  (code) => (process.exitCode = code),
  (e: unknown) => {
    console.error(`bench:peers: ${e instanceof Error ? e.message : String(e)}`);
    process.exitCode = 1;
  },
);
