/**
 * How loading scales with the size of an export (issue 11 §1–2): the participants export of
 * 1 M, 3 M, 4 M and 10 M rows (bench/gen-participants.ts, cached in $TMPDIR/utfall-bench; the
 * 10 M file is 1.4 GB, beyond what one string can hold), each loaded in a fresh process from the
 * built package (dist/: run `npm run build` first) with validation and pseudonymisation, single-
 * threaded (`parallel: false`) and with the default parallel parse. Prints, per run: the load's
 * wall time, seconds per million rows, CPU time (all threads), peak RSS (VmHWM, whole process,
 * workers included) and rows read = accepted.
 *
 *   npm run bench:scale                       # 1M, 3M, 10M; single and parallel
 *   npm run bench:scale -- --rows 1000000,4000000 --modes parallel
 *
 * Timings depend on what else runs on the machine: the 1-minute load average is printed per run.
 */
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { ensureParticipantsFile } from "./gen-participants.ts";
import { BENCH_KEY_HEX, ROOT } from "./lib.ts";

const args = process.argv.slice(2);
function flag(name: string, fallback: string): string {
  const i = args.indexOf(name);
  return i === -1 ? fallback : args[i + 1];
}
const rowCounts = flag("--rows", "1000000,3000000,10000000").split(",").map(Number);
const modes = flag("--modes", "single,parallel").split(",") as ("single" | "parallel")[];

const dist = path.join(ROOT, "dist", "esm", "index.js");
if (!fs.existsSync(dist)) throw new Error("bench:scale measures the built package: run npm run build first");

/** The child: load once, print one JSON line. */
const child = `
import { loadFile, participantsSchema } from ${JSON.stringify(pathToFileURL(dist).href)};
import fs from "node:fs";
const [file, mode, keyHex] = process.argv.slice(1);
const cpu0 = process.cpuUsage();
const t0 = performance.now();
const { table, report } = await loadFile(participantsSchema, file, {
  referenceYear: 2024, pseudonymKey: new Uint8Array(Buffer.from(keyHex, "hex")),
  parallel: mode === "single" ? false : undefined,
});
const ms = performance.now() - t0;
const cpu = process.cpuUsage(cpu0);
const hwm = Number(/^VmHWM:\\s+(\\d+)/m.exec(fs.readFileSync("/proc/self/status", "utf8"))[1]) * 1024;
console.log(JSON.stringify({ ms, cpuMs: (cpu.user + cpu.system) / 1000, peak: hwm, rowsRead: report.rowsRead, rowsAccepted: report.rowsAccepted, tableRows: table.numRows(), ok: report.ok }));
`;

interface Run { rows: number; mb: number; mode: string; s: number; perM: number; cpu: number; peakMiB: number; load: number; ok: boolean }
const runs: Run[] = [];
for (const rows of rowCounts) {
  const gen = ensureParticipantsFile({ rows, persons: Math.round(rows * 0.3) });
  for (const mode of modes) {
    const load = os.loadavg()[0];
    const r = spawnSync(process.execPath, ["--input-type=module", "-e", child, gen.path, mode, BENCH_KEY_HEX], { encoding: "utf8", maxBuffer: 1 << 20 });
    if (r.status !== 0) throw new Error(`${rows} rows, ${mode}: the load failed\n${r.stderr}`);
    const m = JSON.parse(r.stdout.trim().split("\n").pop()!) as { ms: number; cpuMs: number; peak: number; rowsRead: number; rowsAccepted: number; tableRows: number; ok: boolean };
    const ok = m.ok && m.rowsRead === rows && m.rowsAccepted === rows && m.tableRows === rows;
    const run: Run = { rows, mb: gen.bytes / 1e6, mode, s: m.ms / 1000, perM: m.ms / 1000 / (rows / 1e6), cpu: m.cpuMs / 1000, peakMiB: m.peak / 2 ** 20, load, ok };
    runs.push(run);
    console.log(`${(rows / 1e6).toFixed(0).padStart(3)} M rows ${run.mb.toFixed(0).padStart(5)} MB  ${mode.padEnd(8)}  ${run.s.toFixed(2).padStart(6)} s  ${run.perM.toFixed(2)} s/M rows  CPU ${run.cpu.toFixed(2).padStart(6)} s  peak ${run.peakMiB.toFixed(0).padStart(5)} MiB  rows ${ok ? "ok" : "WRONG"}  (load average ${load.toFixed(2)})`);
  }
}
if (runs.some((r) => !r.ok)) process.exitCode = 1;
