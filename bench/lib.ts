/**
 * Shared helpers of the benchmarks: paths, peak memory, the child-process protocol.
 *
 * A benchmark task runs in its own child process (`node --expose-gc --import tsx bench/tasks/…`)
 * and ends by printing one line `BENCH_RESULT <json>` on stdout; the runner (bench/run.ts) parses
 * it. Running each task in a fresh process keeps the numbers apart: peak RSS of the 1M load is not
 * inherited by the chart benchmark, and a cold start is what a user of `utfall` pays.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

/** The repository root (bench/..). */
export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

/** Where generated inputs are cached between runs (never committed; outside the repository). */
export const CACHE_DIR = path.join(os.tmpdir(), "utfall-bench");

/** The fixed pseudonym key of the benchmarks (32 bytes of 0x07); never a real key. */
export const BENCH_KEY = new Uint8Array(32).fill(7);
export const BENCH_KEY_HEX = Buffer.from(BENCH_KEY).toString("hex");

export const RESULT_PREFIX = "BENCH_RESULT ";

/**
 * Peak resident set size of this process so far, in bytes: `VmHWM` from /proc/self/status
 * (the kernel's high-water mark, so a spike inside a synchronous call is not missed), else
 * `process.resourceUsage().maxRSS` (KiB) on systems without /proc.
 */
export function peakRssBytes(): number {
  try {
    const status = fs.readFileSync("/proc/self/status", "utf8");
    const m = /^VmHWM:\s+(\d+)\s+kB$/m.exec(status);
    if (m) return Number(m[1]) * 1024;
  } catch {
    // not Linux
  }
  return process.resourceUsage().maxRSS * 1024;
}

/** Run the garbage collector if the process was started with --expose-gc. */
export function gc(): void {
  const g = (globalThis as { gc?: () => void }).gc;
  if (g) {
    g();
    g();
  }
}

/** Print the task's result for the runner. */
export function emit(result: Record<string, unknown>): void {
  process.stdout.write(`${RESULT_PREFIX}${JSON.stringify(result)}\n`);
}

export const MB = 1024 * 1024;
