/**
 * Child task: load the 1M-row participants file and/or compute programme outcomes on it.
 *
 *   node --expose-gc --import tsx bench/tasks/load-metrics.ts <file> <load|metrics|load,metrics>
 *
 * The load's peak RSS is the kernel's high-water mark (VmHWM) read right after `loadFile`
 * returns, before the metrics run; it includes Node, tsx and the loaded modules (~100 MB).
 */
import { statSync } from "node:fs";
import { emit, gc, BENCH_KEY, peakRssBytes } from "../lib.ts";

const [file, what = "load,metrics"] = process.argv.slice(2);
if (!file) throw new Error("usage: load-metrics.ts <file> <load|metrics|load,metrics>");
const tasks = new Set(what.split(","));

const tImport = performance.now();
const { loadFile } = await import("../../src/schema/load.ts");
const { participantsSchema } = await import("../../src/sources/participants.ts");
const { programmeOutcomes } = await import("../../src/metrics/index.ts");
const importMs = performance.now() - tImport;
gc();
const baseRss = peakRssBytes();

const bytes = statSync(file).size;
const c0 = process.cpuUsage();
const t0 = performance.now();
const loaded = await loadFile(participantsSchema, file, { pseudonymKey: BENCH_KEY, referenceYear: 2024 });
const loadMs = performance.now() - t0;
const loadCpu = process.cpuUsage(c0);
const loadPeakRss = peakRssBytes();
gc();
const heldRss = process.memoryUsage().rss;
const { report, table } = loaded;
const load = {
  ms: loadMs,
  cpuMs: (loadCpu.user + loadCpu.system) / 1000,
  peakRss: loadPeakRss,
  baseRss,
  heldRss,
  heapUsed: process.memoryUsage().heapUsed,
  bytes,
  rowsRead: report.rowsRead,
  rowsAccepted: report.rowsAccepted,
  rowsQuarantined: report.rowsQuarantined,
  numRows: table.numRows(),
  encoding: report.encoding,
  ok: report.ok,
  distinctPersons: new Set(table.array("person") as ArrayLike<unknown> as unknown[]).size,
};

let metrics: Record<string, unknown> | undefined;
if (tasks.has("metrics")) {
  const c1 = process.cpuUsage();
  const t1 = performance.now();
  const out = programmeOutcomes(table, { from: "2023-01-01", to: "2023-12-31", refDate: "2023-12-31", by: ["programme"] });
  const ms = performance.now() - t1;
  const cpu = process.cpuUsage(c1);
  const cpuMs = (cpu.user + cpu.system) / 1000;
  const rows = out.objects() as Record<string, unknown>[];
  const total = rows.filter((r) => r.gender === "T");
  const sum = (k: string) => total.reduce((s, r) => s + (typeof r[k] === "number" ? (r[k] as number) : 0), 0);
  metrics = { ms, cpuMs, rows: rows.length, groups: total.length, starts: sum("starts"), ended: sum("ended"), participants: sum("participants") };
}

emit({ importMs, load: tasks.has("load") || tasks.has("metrics") ? load : undefined, metrics, peakRssEnd: peakRssBytes() });
