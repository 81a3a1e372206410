/**
 * The parallel load (issue 11 §2): the data after the header is split into byte ranges at line
 * starts; the main thread parses the first range while each worker thread parses one of the next,
 * and then every thread claims the next unclaimed range until none is left (range.ts), so the
 * threads finish together however fast each one runs. The segments are merged in file order, each
 * as soon as the ones before it are in (mostly while the threads still parse, see `advance`),
 * into exactly what one walk gives:
 *
 * - a range whose first line was inside the previous range's last record (a quoted line break
 *   across the cut) is parsed again on the main thread from the line after that record;
 * - line numbers are offset by the physical lines before each range;
 * - problems are replayed through the load's one IssueCollector (numbered, capped, counted);
 * - footer-shaped records held at a range's end are read as data when a later range has data,
 *   and are the footer otherwise;
 * - columns are concatenated (strings de-duplicated across ranges).
 *
 * The main thread waits for the workers synchronously (Atomics.wait), so `loadBytes` stays
 * synchronous. Workers are kept in a small pool (unref'd: they never keep the process alive).
 */
import { createRequire } from "node:module";
import os from "node:os";
import { pathToFileURL } from "node:url";
import { MessageChannel, receiveMessageOnPort, Worker } from "node:worker_threads";
import type { ByteSource } from "../read/chunks.ts";
import { Pseudonymizer } from "../read/pseudonym.ts";
import { lineStart, rangeCuts } from "../read/chunks.ts";
import { adoptPersons, ColumnMerger } from "./column-merge.ts";
import type { LoadedColumn } from "./columns.ts";
import type { WorkerRequest, WorkerSource } from "./load-worker.ts";
import { releaseFieldCoder } from "../read/field-codes.ts";
import { parseClaimed, parseRange, readHeld, type HeldRecord, type RangeJob, type RangeWork, type Segment } from "./range.ts";
import type { IssueCollector } from "./report.ts";
import { unbalancedQuoteDetail } from "./rows.ts";

export interface ParallelOptions {
  /** Worker threads beside the main thread (default: the machine's cores minus one, at most 7). */
  workers?: number;
  /**
   * Smallest export (bytes) parsed in parallel (default 32 MiB); a smaller one is read in one
   * range on the calling thread (`workers: 0` does the same at any size).
   */
  minBytes?: number;
  /**
   * Ranges of equal size the data is cut into (at least one per thread). By default a large
   * export is cut into ranges that get smaller towards its end (see `guidedEnds`). Tests force
   * many on small inputs.
   */
  ranges?: number;
  /**
   * Read plain ranges on raw codes (src/schema/range-fast.ts; default true). `false` reads every
   * range from its text: tests and benchmarks compare the two ways.
   */
  rawCodes?: boolean;
  /**
   * Tests: each worker fails after parsing this many ranges (having claimed one more), so the
   * main thread must parse what the workers did not hand back.
   */
  workerFaultAfter?: number;
}

/** How a parallel parse is run (see ParallelOptions). */
export interface ParallelPlan {
  workers: number;
  /** Where the ranges end, as fractions of the data (the last range ends at its end). */
  ends: number[];
  workerFaultAfter?: number;
}

/** Smallest range of the guided cut. */
const MIN_RANGE_BYTES = 2 * 1024 * 1024;

/**
 * The plan of a parse of `bytes` in ranges: on worker threads from `minBytes`, else on this thread
 * alone, in one range (or `ranges`), read on raw codes where it is plain (range-fast.ts). Null
 * for `parallel: false`: the record walk, the reference the ranges are tested against.
 */
export function parallelPlan(opt: ParallelOptions | false | undefined, bytes: number): ParallelPlan | null {
  if (opt === false) return null;
  const workers = workersFor(opt, bytes);
  if (workers === 0) return { workers: 0, ends: equalEnds(Math.max(1, opt?.ranges ?? 1)) };
  const threads = workers + 1;
  const ends = opt?.ranges !== undefined || bytes < 2 * threads * MIN_RANGE_BYTES ? equalEnds(Math.max(threads, opt?.ranges ?? 0)) : guidedEnds(bytes, threads);
  return { workers, ends, workerFaultAfter: opt?.workerFaultAfter };
}

function equalEnds(parts: number): number[] {
  return Array.from({ length: parts - 1 }, (_, k) => (k + 1) / parts);
}

/**
 * Guided cuts: each range is the rest's share for twice the threads (a quarter of what is left
 * with two threads), and at least 2 MiB. The first ranges are large (few ranges, little to merge)
 * and the last small, so the thread that finishes first waits for at most a small range of the
 * other; a thread that runs slower (the main thread also makes the pseudonyms, a busy core)
 * simply claims fewer.
 */
function guidedEnds(bytes: number, threads: number): number[] {
  const ends: number[] = [];
  let done = 0;
  for (;;) {
    const size = Math.max((bytes - done) / (2 * threads), MIN_RANGE_BYTES);
    if (done + size >= bytes) return ends;
    done += size;
    ends.push(done / bytes);
  }
}

/** What the parallel parses of this process did (for tests and benchmarks; never affects a result). */
export const parallelStats = {
  /** Ranges parsed by a worker thread and used as they came. */
  workerRanges: 0,
  /** Ranges parsed on the main thread (the first range, those it claimed, and those no worker handed back). */
  mainRanges: 0,
  /** Ranges parsed again because their first line was inside the previous range's last record. */
  reparsed: 0,
  /** Exports hashed by a worker thread (`hashOnWorker`). */
  workerHashes: 0,
  /** Ranges read on raw codes (range-fast.ts), by any thread. */
  codedRanges: 0,
};

/** Default size from which an export is parsed in parallel. */
export const PARALLEL_MIN_BYTES = 32 * 1024 * 1024;

/** Worker threads to use for an export of `bytes` (0: single-threaded). */
export function workersFor(opt: ParallelOptions | false | undefined, bytes: number): number {
  if (opt === false) return 0;
  const min = opt?.minBytes ?? PARALLEL_MIN_BYTES;
  if (bytes < min) return 0;
  const cores = typeof os.availableParallelism === "function" ? os.availableParallelism() : os.cpus().length;
  return Math.max(0, Math.min(opt?.workers ?? Math.min(cores - 1, 7), 15));
}

export interface DataResult {
  /** Last line read by the tokenizer (absolute). */
  lines: number;
  /** Physical lines from the data start to the end (counted from the ranges' text). */
  physicalLines: number;
  dataRecords: number;
  continuationLines: number;
  rows: number;
  rowsQuarantined: number;
  quarantined: number[];
  /** Per schema field: the column, or null where the field has no builder. */
  columns: (LoadedColumn | null)[];
  skipped: { line: number; kind: "footer" | "blank" }[];
}

/**
 * Parse the data from byte `dataStart` (the start of line `dataLine`) as planned, replaying
 * problems into `issues`.
 */
export function parseParallel(src: ByteSource, share: WorkerSource | null, template: Omit<RangeJob, "start" | "end">,
  dataStart: number, dataLine: number, plan: ParallelPlan, issues: IssueCollector): DataResult {
  const { workers, workerFaultAfter: failAfter } = plan;
  const cuts = rangeCuts(src, template.scan, dataStart, plan.ends);
  const jobs: RangeJob[] = [];
  for (let k = 0; k + 1 < cuts.length; k++) jobs.push({ ...template, start: cuts[k], end: cuts[k + 1] });
  // Range 0 is parsed here and range k by worker k; the rest go to whichever thread is free.
  const next = new SharedArrayBuffer(4);
  const firstFree = Math.min(jobs.length, workers + 1);
  new Int32Array(next)[0] = firstFree;
  const pending = share === null ? [] : jobs.slice(1, firstFree).map((_, i) => submit({ template, cuts, first: i + 1, next, failAfter }, share));
  // The one pseudonymiser of the load: the identity numbers read here, and the persons of each
  // worker range as it arrives (`fromWorker`), get their pseudonyms while the workers parse.
  // Its table of persons is made at once for about one person per 64 bytes of data (at most 256 Ki
  // of them, see PersonIds), so that it grows in few steps.
  const dataBytes = cuts[cuts.length - 1] - cuts[0];
  const pseudonyms = template.key === null ? null : new Pseudonymizer(template.key, true, Math.floor(dataBytes / 64));
  const segments: (Segment | null)[] = jobs.map(() => null);

  // The merge, in file order: each range is taken in as soon as the ranges before it are in
  // (`advance`), mostly while the threads still parse, so that little is left for the end.
  const fields = template.schema ? Object.keys(template.schema.columns).length : 0;
  const mergers: (ColumnMerger | null)[] = Array.from({ length: fields }, () => null);
  const merged = () => {
    if (pseudonyms === null) throw new Error("parseParallel: no pseudonym key for an identity-number column");
    return pseudonyms;
  };
  /** Rows the columns are made for at first: from the first range's rows per byte, with 8 % to spare. */
  let expectedRows = 0;
  const quarantined: number[] = [];
  const skipped: DataResult["skipped"] = [];
  let rows = 0;
  let rowsQuarantined = 0;
  let dataRecords = 0;
  let continuationLines = 0;
  let physicalLines = 0;
  let lastEnd = dataLine - 1; // absolute line where the last record read ended
  let held: HeldRecord[] = [];

  const add = (seg: Segment, offset: number) => {
    for (const [kind, line, column, field, expected, cell, detail] of seg.issues) {
      const at = line + offset;
      issues.add(kind, at, column, field, expected, cell, kind === "unbalanced-quote" ? unbalancedQuoteDetail(at) : detail);
    }
    let listed = 0;
    const listedByKind: Record<string, number> = {};
    for (const i of seg.issues) {
      listed++;
      listedByKind[i[0]] = (listedByKind[i[0]] ?? 0) + 1;
    }
    if (seg.total > listed) {
      for (const [kind, count] of Object.entries(seg.byKind)) {
        const more = count - (listedByKind[kind] ?? 0);
        if (more > 0) issues.byKind[kind] = (issues.byKind[kind] ?? 0) + more;
      }
      issues.total += seg.total - listed;
      issues.truncated = true;
    }
    for (const l of seg.quarantined) if (quarantined.length < template.maxErrors) quarantined.push(l + offset);
    for (const l of seg.blankLines) skipped.push({ line: l + offset, kind: "blank" });
    seg.columns.forEach((c, i) => {
      if (c !== null) (mergers[i] ??= new ColumnMerger(expectedRows, merged)).add(c);
    });
    rows += seg.rows;
    rowsQuarantined += seg.rowsQuarantined;
    dataRecords += seg.dataRecords;
    continuationLines += seg.continuationLines;
  };

  /** Ranges taken in so far. */
  let done = 0;
  let offset = dataLine - 1; // lines before the range to take in next
  const advance = () => {
    for (; done < jobs.length && segments[done] !== null; done++) {
      const k = done;
      let seg = segments[k]!;
      segments[k] = null; // its columns go into the merged ones; nothing else of it is kept
      if (k === 0) expectedRows = Math.ceil((seg.rows * dataBytes / Math.max(1, jobs[0].end - jobs[0].start)) * 1.08) + 16;
      const rangeLines = seg.rangeLines;
      let segOffset = offset;
      if (lastEnd > offset) {
        // The previous range's last record ran into this range: its first guess was wrong.
        const skip = lastEnd - offset;
        if (skip >= rangeLines) {
          seg = emptySegment(); // the whole range lies inside that record
        } else {
          const start = lineStart(src, template.scan, jobs[k].start, skip, template.chunkBytes);
          seg = parseRange({ ...jobs[k], start }, src, pseudonyms);
          segOffset = lastEnd;
          parallelStats.reparsed++;
        }
      }
      physicalLines += rangeLines;
      if (seg.hasData && held.length > 0) {
        add(readHeld({ ...jobs[k] }, held), 0);
        held = [];
      }
      add(seg, segOffset);
      for (const h of seg.tail) held.push({ ...h, firstLine: h.firstLine + segOffset, lastLine: h.lastLine + segOffset });
      if (seg.lastLine > 0) lastEnd = seg.lastLine + segOffset;
      offset += rangeLines;
    }
  };

  const fromWorker = (k: number, seg: Segment) => {
    // Its persons get this thread's ids (and their pseudonyms) now, not in the serial merge.
    if (pseudonyms !== null) for (const c of seg.columns) if (c !== null) adoptPersons(c, pseudonyms);
    segments[k] = seg;
    parallelStats.workerRanges++;
    if (seg.onCodes) parallelStats.codedRanges++;
  };
  const parsedHere = (k: number, seg: Segment) => {
    segments[k] = seg;
    parallelStats.mainRanges++;
    if (seg.onCodes) parallelStats.codedRanges++;
    // Between its own ranges, this thread takes in what the workers have handed back so far.
    for (const p of pending) p?.drain(fromWorker);
    advance();
  };
  parseClaimed({ template, cuts, first: 0, next }, src, pseudonyms, parsedHere);
  for (const p of pending) {
    if (p === null) continue;
    try {
      p.wait(fromWorker);
    } catch {
      // The worker failed: the ranges it did not hand back are parsed here (the result is the same).
    }
  }
  // After a large export the workers' heaps are large: end them now, so their memory is given
  // back while the last ranges are merged (small loads, e.g. tests, keep the pool warm).
  if (template.scan.bodyEnd - dataStart >= RELEASE_AFTER_BYTES) releaseWorkers();
  // The ranges no worker handed back: after `advance`, the first range not taken in is one of them.
  for (advance(); done < jobs.length; ) parsedHere(done, parseRange(jobs[done], src, pseudonyms));
  releaseFieldCoder();

  for (const h of held) {
    for (let l = h.firstLine; l <= h.lastLine; l++) skipped.push({ line: l, kind: h.blank ? "blank" : "footer" });
  }
  const columns: (LoadedColumn | null)[] = mergers.map((m) => (m === null ? null : m.finish()));
  return { lines: lastEnd, physicalLines, dataRecords, continuationLines, rows, rowsQuarantined, quarantined, columns, skipped };
}

function emptySegment(): Segment {
  return {
    rangeLines: 0, lastLine: 0, hasData: false, dataRecords: 0, continuationLines: 0, rows: 0, columns: [],
    rowsQuarantined: 0, quarantined: [], issues: [], byKind: {}, total: 0, blankLines: [], tail: [], onCodes: false,
  };
}

// ---- The worker pool -------------------------------------------------------------------------

interface PoolWorker {
  worker: Worker;
  busy: boolean;
  /** Int32Array over a SharedArrayBuffer: 1 once the worker listens for ranges. */
  ready: Int32Array;
}

const pool: PoolWorker[] = [];
/** Data size after which the workers are ended at the end of the load (their heaps are large). */
const RELEASE_AFTER_BYTES = 16 * 1024 * 1024;
/** How long to wait for a new worker to start before parsing its range here instead. */
const START_TIMEOUT_MS = 30_000;
/** How long to wait for a range's answer before giving up on the worker (then the range is parsed here). */
const ANSWER_TIMEOUT_MS = 60 * 60_000;

/**
 * A new worker. In dist/ the entry is the bundle's own entry point next to this chunk. Under
 * TypeScript (vitest, tsx) it is the .ts file, loaded after registering tsx's loader in the
 * worker (Node 20 does not apply `--import tsx` from a worker's execArgv).
 */
function startWorker(ready: SharedArrayBuffer): Worker {
  const create = (execArgv: string[] | undefined): Worker => {
    if (!import.meta.url.endsWith(".ts")) return new Worker(new URL("./load-worker.js", import.meta.url), { execArgv, workerData: { ready } });
    // require.resolve gives the CommonJS build of tsx's API; the worker imports its ES module twin.
    const tsxApi = pathToFileURL(createRequire(import.meta.url).resolve("tsx/esm/api").replace(/\.cjs$/, ".mjs")).href;
    const entry = new URL("./load-worker.ts", import.meta.url).href;
    const boot = `import(${JSON.stringify(tsxApi)}).then((m) => { m.register(); return import(${JSON.stringify(entry)}); });`;
    return new Worker(boot, { eval: true, execArgv, workerData: { ready } });
  };
  const execArgv = workerExecArgv();
  try {
    return create(execArgv);
  } catch (e) {
    // A list given explicitly may hold V8 or process options (`--max-old-space-size`), which a
    // worker refuses; they apply to the whole process anyway, so the worker goes without them.
    if (execArgv === undefined || (e as { code?: unknown }).code !== "ERR_WORKER_INVALID_EXEC_ARGV") throw e;
    return create([]);
  }
}

/**
 * The process's Node options for a worker: undefined (the worker inherits them, which Node allows
 * for every option, V8's included) unless they name a main script that is not a file. A worker
 * started with `node --input-type=module -e …`'s options would not load its file (or would run
 * the script given to -e), so those are left out.
 */
function workerExecArgv(): string[] | undefined {
  const out: string[] = [];
  const argv = process.execArgv;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === "-e" || a === "--eval" || a === "-p" || a === "--print") {
      i++;
      continue;
    }
    if (a.startsWith("--input-type") || a.startsWith("--eval=") || a.startsWith("--print=")) continue;
    out.push(a);
  }
  return out.length === argv.length ? undefined : out;
}

/**
 * Start the workers a parse of `bytes` will use, so that they start while the export is scanned
 * (its hash and encoding read) instead of after (a worker takes 30–100 ms to start).
 */
export function warmWorkers(opt: ParallelOptions | false | undefined, bytes: number): void {
  const want = workersFor(opt, bytes);
  for (let i = pool.length; i < want; i++) if (startPooled() === null) return;
}

/** End the idle workers of the pool. */
function releaseWorkers(): void {
  for (const w of pool.splice(0)) {
    if (w.busy) pool.push(w);
    else void w.worker.terminate();
  }
}

/**
 * An idle worker, or null when none can be started. A new one may still be starting: a range
 * posted to it waits in its queue, and `submit(...).wait()` checks that it did start.
 */
function idleWorker(): PoolWorker | null {
  for (const w of pool) if (!w.busy) return w;
  return startPooled();
}

/** A new worker in the pool, or null when none can be started. */
function startPooled(): PoolWorker | null {
  const ready = new SharedArrayBuffer(4);
  let worker: Worker;
  try {
    worker = startWorker(ready);
  } catch {
    return null;
  }
  worker.unref();
  const entry: PoolWorker = { worker, busy: false, ready: new Int32Array(ready) };
  const drop = () => {
    const i = pool.indexOf(entry);
    if (i !== -1) pool.splice(i, 1);
  };
  worker.on("error", drop);
  worker.on("exit", drop);
  pool.push(entry);
  return entry;
}

/**
 * The export's SHA-256 computed by a started worker of the pool while this thread goes on (the
 * worker then takes the parse request that follows, as it comes after this one in its queue);
 * null when the pool has no worker. `result()` waits for it, and is null when the worker failed
 * (the caller then hashes the export itself).
 */
export function hashOnWorker(source: WorkerSource): { result(): string | null } | null {
  const w = pool.find((x) => !x.busy);
  if (w === undefined) return null;
  const { port1, port2 } = new MessageChannel();
  const signal = new SharedArrayBuffer(4);
  const req: WorkerRequest = { hash: true, source, port: port2, signal };
  w.worker.postMessage(req, [port2]);
  return {
    result() {
      try {
        if (Atomics.wait(w.ready, 0, 0, START_TIMEOUT_MS) === "timed-out") return null;
        if (Atomics.wait(new Int32Array(signal), 0, 0, ANSWER_TIMEOUT_MS) === "timed-out") return null;
        const m = receiveMessageOnPort(port1)?.message as { sha256?: string } | undefined;
        if (typeof m?.sha256 !== "string") return null;
        parallelStats.workerHashes++;
        return m.sha256;
      } finally {
        port1.close();
      }
    },
  };
}

/** A worker's part of a parallel parse (see `submit`). */
interface Submitted {
  /** Hand on the segments the worker has posted so far; never waits. */
  drain(done: (range: number, seg: Segment) => void): void;
  /** Wait for the worker to finish, handing on the rest of its segments; throws after them when it did not finish. */
  wait(done: (range: number, seg: Segment) => void): void;
}

/** Send work to a worker; null when no worker is available (the caller parses its ranges itself). */
function submit(work: RangeWork, source: WorkerSource): Submitted | null {
  const w = idleWorker();
  if (w === null) return null;
  w.busy = true;
  const { port1, port2 } = new MessageChannel();
  const signal = new SharedArrayBuffer(4);
  const req: WorkerRequest = { work, source, port: port2, signal };
  w.worker.postMessage(req, [port2]);
  let finished = false;
  let error: string | undefined;
  let closed = false;
  const drain = (done: (range: number, seg: Segment) => void) => {
    if (closed) return;
    for (let m = receiveMessageOnPort(port1); m !== undefined; m = receiveMessageOnPort(port1)) {
      const msg = m.message as { range?: number; segment?: Segment; done?: true; error?: string };
      if (msg.segment !== undefined) done(msg.range!, msg.segment);
      else if (msg.done === true) finished = true;
      else error = msg.error;
    }
  };
  return {
    drain,
    wait(done) {
      try {
        // Started? (Its errors cannot reach us while we wait synchronously, hence the timeout.)
        if (Atomics.wait(w.ready, 0, 0, START_TIMEOUT_MS) === "timed-out") throw new Error("the load worker did not start");
        const flag = new Int32Array(signal);
        // The worker always answers (its errors included); only a worker killed outright never does.
        if (Atomics.wait(flag, 0, 0, ANSWER_TIMEOUT_MS) === "timed-out") throw new Error("the load worker did not answer");
        drain(done);
        if (!finished) throw new Error(error ?? "the load worker gave no answer");
      } catch (e) {
        // Never hand this worker another range.
        const i = pool.indexOf(w);
        if (i !== -1) pool.splice(i, 1);
        void w.worker.terminate();
        throw e;
      } finally {
        closed = true;
        port1.close();
        w.busy = false;
      }
    },
  };
}
