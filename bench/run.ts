/**
 * The benchmarks: `npm run bench` runs all of them, `npm run bench -- load-1m charts-20` the named
 * ones. Prints one table row per target (measured, target, pass/fail/skipped) and exits 1 when a
 * target is missed or a benchmark fails. See bench/README.md for what each one measures.
 *
 * Each benchmark runs in a fresh child process (`node --expose-gc --import tsx bench/tasks/…`),
 * one after the other. Timing targets live here, never in unit tests.
 */
import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { ensureParticipantsFile } from "./gen-participants.ts";
import { MB, RESULT_PREFIX, ROOT } from "./lib.ts";

const ROWS = 1_000_000;
const PERSONS = 300_000;

/** The targets (on the reference machine: 2 cores, Node 20). */
export const TARGETS = {
  loadSeconds: 10,
  loadPeakRssBytes: 1.5 * 1024 * MB,
  metricsSeconds: 5,
  chartsSeconds: 3,
  buildSeconds: 30,
} as const;

const NAMES = ["load-1m", "metrics-1m", "charts-20", "build-sample"] as const;
type Name = (typeof NAMES)[number];

interface Row {
  name: string;
  measured: string;
  target: string;
  status: "pass" | "FAIL" | "skipped" | "info";
  note?: string;
}

const rows: Row[] = [];
const notes: string[] = [];

const sec = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
const mb = (b: number) => `${Math.round(b / MB)} MB`;
const load = () => os.loadavg().map((l) => l.toFixed(2)).join(" ");

function check(name: string, measured: number, target: number, fmt: (v: number) => string, note?: string): void {
  rows.push({ name, measured: fmt(measured), target: `≤ ${fmt(target)}`, status: measured <= target ? "pass" : "FAIL", note });
}

/** Run a task in a child process; resolve with its BENCH_RESULT object and the child's wall time. */
function runTask(script: string, args: string[], timeoutMs: number): Promise<{ result: Record<string, any>; wallMs: number }> {
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const child = spawn(process.execPath, ["--expose-gc", "--import", "tsx", path.join(ROOT, "bench", "tasks", script), ...args], {
      cwd: ROOT,
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.setEncoding("utf8").on("data", (s: string) => (stdout += s));
    child.stderr.setEncoding("utf8").on("data", (s: string) => (stderr += s));
    const timer = setTimeout(() => child.kill("SIGKILL"), timeoutMs);
    child.on("error", reject);
    child.on("close", (code, signal) => {
      clearTimeout(timer);
      const wallMs = performance.now() - t0;
      const line = stdout.split("\n").find((l) => l.startsWith(RESULT_PREFIX));
      if (code !== 0 || !line) {
        const why = signal ? `killed by ${signal}${signal === "SIGKILL" ? ` (timeout ${timeoutMs / 1000} s)` : ""}` : `exit code ${code}`;
        reject(new Error(`${script}: ${why}\n${stderr.trim().split("\n").slice(-15).join("\n")}`));
        return;
      }
      resolve({ result: JSON.parse(line.slice(RESULT_PREFIX.length)) as Record<string, any>, wallMs });
    });
  });
}

let REPEAT = 1;

/** Run a task REPEAT times; return the runs sorted by `key` (so the median is runs[(n-1)>>1]). */
async function repeated(script: string, args: string[], timeoutMs: number, key: (r: Record<string, any>) => number) {
  const runs: Awaited<ReturnType<typeof runTask>>[] = [];
  for (let i = 0; i < REPEAT; i++) runs.push(await runTask(script, args, timeoutMs));
  runs.sort((a, b) => key(a.result) - key(b.result));
  const values = runs.map((r) => key(r.result));
  const median = runs[(runs.length - 1) >> 1];
  const spread = runs.length > 1 ? `median of ${runs.length} (${sec(values[0])}–${sec(values[values.length - 1])}); ` : "";
  return { ...median, runs, spread };
}

function failed(name: string, err: unknown): void {
  rows.push({ name, measured: "error", target: "", status: "FAIL", note: err instanceof Error ? err.message.split("\n")[0] : String(err) });
  notes.push(`${name}: ${err instanceof Error ? err.message : String(err)}`);
}

async function loadAndMetrics(doLoad: boolean, doMetrics: boolean): Promise<void> {
  const gen = ensureParticipantsFile({ rows: ROWS, persons: PERSONS });
  notes.push(
    `input: ${gen.path} (${(gen.bytes / 1e6).toFixed(1)} MB, ${gen.rows} rows, ${gen.persons} persons, Windows-1252) ` +
      (gen.cached ? "reused from cache" : `generated in ${sec(gen.ms)}`),
  );
  const what = [doLoad || doMetrics ? "load" : "", doMetrics ? "metrics" : ""].filter(Boolean).join(",");
  const before = load();
  let res: Awaited<ReturnType<typeof repeated>>;
  try {
    res = await repeated("load-metrics.ts", [gen.path, what], 300_000, (r) => (doLoad ? r.load.ms : r.metrics.ms));
  } catch (err) {
    if (doLoad) failed("load-1m", err);
    if (doMetrics) failed("metrics-1m", err);
    return;
  }
  const { result, wallMs, runs, spread } = res;
  const l = result.load as Record<string, number | string | boolean>;
  if (doLoad) {
    const ms = l.ms as number;
    const peak = Math.max(...runs.map((r) => r.result.load.peakRss as number));
    check("load-1m time", ms, TARGETS.loadSeconds * 1000, sec,
      `${spread}${Math.round((l.rowsRead as number) / (ms / 1000)).toLocaleString("en-US")} rows/s, ${((l.bytes as number) / MB / (ms / 1000)).toFixed(1)} MiB/s, ` +
        `${sec(l.cpuMs as number)} CPU; load avg before ${before}`);
    check("load-1m peak RSS", peak, TARGETS.loadPeakRssBytes, mb,
      `VmHWM after load, incl. ${mb(l.baseRss as number)} for node+tsx+modules; ${mb(l.heldRss as number)} RSS held after GC`);
    const okRows = l.rowsRead === ROWS && l.rowsAccepted === ROWS && l.numRows === ROWS && l.rowsQuarantined === 0;
    rows.push({
      name: "load-1m rows",
      measured: `read ${l.rowsRead}, accepted ${l.rowsAccepted}`,
      target: `= ${ROWS}`,
      status: okRows ? "pass" : "FAIL",
      note: `${l.distinctPersons} distinct pseudonyms, encoding ${l.encoding}, report.ok ${l.ok}`,
    });
    notes.push(`load-1m child: wall ${sec(wallMs)} incl. start-up and module import ${sec(result.importMs as number)}`);
  }
  if (doMetrics) {
    const m = result.metrics as Record<string, number>;
    check("metrics-1m", m.ms, TARGETS.metricsSeconds * 1000, sec,
      `${doLoad ? "" : spread}${sec(m.cpuMs)} CPU; programmeOutcomes by programme, 2023: ${m.groups} programmes, ${m.rows} rows; ${m.participants} participants, ${m.starts} starts, ${m.ended} ended`);
  }
}

async function charts(): Promise<void> {
  const before = load();
  try {
    const { result, spread } = await repeated("charts.ts", [], 120_000, (r) => r.totalMs);
    check("charts-20", result.totalMs, TARGETS.chartsSeconds * 1000, sec,
      `${spread}import ${sec(result.importMs)} + ${result.charts} builds and renders ${sec(result.chartsMs)} (first ${sec(result.first.build + result.first.render)}, slowest later render ${sec(result.maxRender)}); load avg before ${before}`);
  } catch (err) {
    failed("charts-20", err);
  }
}

async function build(): Promise<void> {
  const out = fs.mkdtempSync(path.join(os.tmpdir(), "utfall-bench-build-"));
  const before = load();
  try {
    const { result, spread } = await repeated("build.ts", [out], 300_000, (r) => r.totalMs ?? 0);
    if (result.skipped) {
      rows.push({ name: "build-sample", measured: "skipped", target: `≤ ${TARGETS.buildSeconds} s`, status: "skipped", note: result.skipped });
    } else if (result.code !== 0) {
      failed("build-sample", new Error(`runBuild exit code ${result.code}: ${result.stderr}`));
    } else {
      check("build-sample", result.totalMs, TARGETS.buildSeconds * 1000, sec,
        `${spread}${result.reports.length} report(s) (${result.reports.join(", ")}), ${result.files} files; import ${sec(result.importMs)} + build ${sec(result.buildMs)}; load avg before ${before}`);
    }
  } catch (err) {
    failed("build-sample", err);
  } finally {
    fs.rmSync(out, { recursive: true, force: true });
  }
}

function printTable(): void {
  const head = ["benchmark", "measured", "target", "result"];
  const body = rows.map((r) => [r.name, r.measured, r.target, r.status]);
  const w = head.map((h, i) => Math.max(h.length, ...body.map((b) => b[i].length)));
  const fmt = (cells: string[]) => cells.map((c, i) => c.padEnd(w[i])).join("  ");
  console.log(fmt(head));
  console.log(w.map((n) => "-".repeat(n)).join("  "));
  for (const [i, b] of body.entries()) {
    console.log(fmt(b));
    if (rows[i].note) console.log(`${" ".repeat(w[0] + 2)}${rows[i].note}`);
  }
}

async function main(): Promise<number> {
  const args = process.argv.slice(2).filter((a) => a !== "--");
  if (args.includes("--help") || args.includes("-h")) {
    console.log(`usage: npm run bench [-- [--repeat N] ${NAMES.join(" | ")} ...]`);
    return 0;
  }
  const r = args.findIndex((a) => a === "--repeat" || a.startsWith("--repeat="));
  if (r >= 0) {
    const [flag] = args.splice(r, 1);
    const v = flag.includes("=") ? flag.split("=")[1] : args.splice(r, 1)[0];
    REPEAT = Number(v);
    if (!Number.isInteger(REPEAT) || REPEAT < 1) {
      console.error(`--repeat needs a positive integer, got ${JSON.stringify(v)}`);
      return 2;
    }
  }
  const unknown = args.filter((a) => !(NAMES as readonly string[]).includes(a));
  if (unknown.length > 0) {
    console.error(`unknown benchmark(s): ${unknown.join(", ")}; known: ${NAMES.join(", ")}`);
    return 2;
  }
  const wanted = new Set<Name>(args.length > 0 ? (args as Name[]) : NAMES);
  console.log(`utfall benchmarks${REPEAT > 1 ? ` (each run ${REPEAT} times, median)` : ""} — node ${process.version}, ${os.cpus().length} cores (${os.cpus()[0]?.model ?? "?"}), ` +
    `${Math.round(os.totalmem() / 1024 / MB)} GiB, load average ${load()}`);
  console.log("");

  if (wanted.has("load-1m") || wanted.has("metrics-1m")) await loadAndMetrics(wanted.has("load-1m"), wanted.has("metrics-1m"));
  if (wanted.has("charts-20")) await charts();
  if (wanted.has("build-sample")) await build();

  printTable();
  console.log("");
  for (const n of notes) console.log(`- ${n}`);
  console.log(`- load average at end: ${load()}`);
  const missed = rows.filter((r) => r.status === "FAIL");
  if (missed.length > 0) {
    console.log(`\n${missed.length} target(s) missed: ${missed.map((r) => r.name).join(", ")}`);
    return 1;
  }
  console.log("\nall targets met");
  return 0;
}

process.exitCode = await main();
