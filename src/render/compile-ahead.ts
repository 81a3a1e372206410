/**
 * The chart compiler's worker thread (compile-worker.ts), which compiles ahead the charts a report
 * is about to render (vega-cache.ts `compileAhead`). Started on first use; unref'd while idle and
 * ref'd while answers are due, so that a render waiting for one keeps the process alive. A worker
 * that fails or stops answers null for what it had not answered: those charts are compiled on
 * the main thread when they are rendered, as without it.
 *
 * Each spec of a batch has a claim (shared memory): free, taken by the worker, or taken by the
 * main thread. The worker takes them from the last and the main thread from the first; whoever
 * takes a spec compiles it, so neither waits for a compile the other has not begun.
 */
import type { Worker } from "node:worker_threads";
import { startModuleWorker } from "../worker-thread.ts";
import type { Entry } from "./vega-cache.ts";

export const CLAIM_FREE = 0;
export const CLAIM_WORKER = 1;
export const CLAIM_HERE = 2;

/** A batch sent to the worker: its claims, and per spec the worker's entry (null: not compiled there). */
export interface Batch {
  claims: Int32Array;
  results: Promise<Entry | null>[];
}

/** What the worker posts: per spec of a batch, its entry or null (claimed here, or not cacheable). */
export interface CompileAnswer {
  batch: number;
  index: number;
  entry: Entry | null;
}

interface State {
  thread: Worker;
  /** Settles when the worker has loaded the compiler (true) or failed (false). */
  ready: Promise<boolean>;
  /** Per batch, the resolvers of its specs not answered yet. */
  pending: Map<number, Map<number, (entry: Entry | null) => void>>;
  due: number;
  nextBatch: number;
}

/** undefined until first use, null when the worker cannot be used. */
let state: State | null | undefined;

/** Compiles made by the worker, for tests and benchmarks. */
export const compileAheadStats = { workerCompiles: 0 };

function start(): State | null {
  let thread: Worker;
  try {
    thread = startModuleWorker(import.meta.url, "compile-worker", null);
  } catch {
    return null;
  }
  let setReady!: (ok: boolean) => void;
  const ready = new Promise<boolean>((resolve) => (setReady = resolve));
  const s: State = { thread, ready, pending: new Map(), due: 0, nextBatch: 0 };
  thread.on("message", (m: CompileAnswer | { ready: true }) => {
    if ("ready" in m) return setReady(true);
    const resolve = s.pending.get(m.batch)?.get(m.index);
    if (resolve === undefined) return;
    s.pending.get(m.batch)!.delete(m.index);
    if (s.pending.get(m.batch)!.size === 0) s.pending.delete(m.batch);
    if (m.entry !== null) compileAheadStats.workerCompiles++;
    answered(s);
    resolve(m.entry);
  });
  const giveUp = () => {
    setReady(false);
    if (state === s) state = null;
    const left = [...s.pending.values()].flatMap((b) => [...b.values()]);
    s.pending.clear();
    s.due = 0;
    thread.unref();
    for (const resolve of left) resolve(null);
  };
  thread.on("error", giveUp);
  thread.on("exit", giveUp);
  // After the listeners: a "message" listener added later would hold the process open again.
  thread.unref();
  return s;
}

function answered(s: State): void {
  if (--s.due === 0) s.thread.unref();
}

/** Start the worker now (it loads the compiler meanwhile), unless it was started before. */
export function startCompileWorker(): void {
  if (state === undefined) state = start();
}

/** Settles when the worker has loaded the compiler (true), or cannot be used (false); for tests. */
export function compileWorkerReady(): Promise<boolean> {
  startCompileWorker();
  return state ? state.ready : Promise.resolve(false);
}

/** Send data-less specs to the worker (started on first use); null when there is no worker. */
export function compileOnWorker(specs: readonly unknown[]): Batch | null {
  startCompileWorker();
  const s = state!;
  if (s === null) return null;
  const batch = s.nextBatch++;
  const shared = new SharedArrayBuffer(4 * specs.length);
  const resolvers = new Map<number, (entry: Entry | null) => void>();
  const results = specs.map((_, index) => new Promise<Entry | null>((resolve) => resolvers.set(index, resolve)));
  s.pending.set(batch, resolvers);
  if (s.due === 0) s.thread.ref();
  s.due += specs.length;
  s.thread.postMessage({ batch, specs, claims: shared });
  return { claims: new Int32Array(shared), results };
}
