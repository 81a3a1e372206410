/**
 * Vega-Lite spec → vega runtime spec (Vega-Lite `compile`, then vega's `parse`), kept in a cache.
 *
 * Compiling and parsing a chart costs 10–20 ms of the main thread, and does not depend on the
 * chart's data: only on the spec around it. So the inline data (`data: { values }` anywhere in the
 * spec, and top-level `datasets`) is taken out first: each distinct values array becomes a
 * one-row placeholder, the spec without its data is compiled and parsed, and the runtime spec is
 * kept, keyed by the SHA-256 of the data-less spec with the versions of Vega-Lite and vega, with
 * where its placeholders lie. On use, each placeholder in (a copy of) the runtime spec is
 * replaced by its values array — the same array object the spec held — and vega ingests it as it
 * would have ingested it inline.
 *
 * - Same output: Vega-Lite and vega pass inline values through untouched (vega ingests them when
 *   the view starts). Arrays Vega-Lite would merge (deep-equal values, one data source) share a
 *   placeholder, compared with Vega-Lite's own `deepEqual`. The runtime spec is used through a
 *   JSON copy on a miss as on a hit, so a cached chart and a fresh one are drawn from the same
 *   thing. A spec that JSON cannot carry exactly (a function, a class instance, a non-finite
 *   number, an undefined value), or whose runtime spec JSON cannot carry (see `jsonExact`), is
 *   compiled each time, as before.
 * - Warnings of Vega-Lite's compiler are kept with the entry and given to the logger again on a
 *   hit, so `onWarning` sees the same messages either way.
 * - Two levels: a map in this process, and a per-user folder in the temporary folder
 *   (`<tmp>/utfall-<uid>/vega/`, see user-cache.ts: 0700, not used at all when others could
 *   write to it, since a runtime spec holds expressions vega compiles to code). An entry that
 *   cannot be read, parsed or used is a miss, and is replaced.
 */
import { createHash } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import * as vega from "vega";
import { compile, deepEqual, version as vegaLiteVersion, type TopLevelSpec } from "vega-lite";
import { CLAIM_FREE, CLAIM_HERE, CLAIM_WORKER, compileOnWorker, startCompileWorker } from "./compile-ahead.ts";
import { defaultCacheDir, privateDir, writeCacheFile } from "./user-cache.ts";

/** The logger calls a compile made: replayed on a cache hit. */
type LogCall = ["warn" | "error" | "info" | "debug", string];

/** The subset of vega-util's LoggerInterface that compile uses and the cache records. */
export interface CompileLogger {
  level(_?: number): unknown;
  error(...args: unknown[]): unknown;
  warn(...args: unknown[]): unknown;
  info(...args: unknown[]): unknown;
  debug(...args: unknown[]): unknown;
}

/** The key of a placeholder row: `[{ [MARK]: n }]` stands for the n-th values array. */
const MARK = "utfall:inline-data";

/** Where a placeholder lies in the runtime spec (the keys down to it) and which values it stands for. */
interface Slot {
  path: (string | number)[];
  n: number;
}

/**
 * One cached compile: the runtime spec as JSON text (placeholders in place of data), where its
 * placeholders are, and what the compiler logged.
 */
export interface Entry {
  runtime: string;
  slots: Slot[];
  log: LogCall[];
}

const memo = new Map<string, Entry>();

/** Data-less specs compiled on this thread (a compile ahead's are counted in compile-ahead.ts); for tests. */
export const vegaCacheStats = { compiledHere: 0 };

// ---------------------------------------------------------------------------------------------
// The data-less spec and its key

class Uncacheable extends Error {}

const isPlainObject = (v: object): boolean => {
  const proto = Object.getPrototypeOf(v) as unknown;
  return proto === Object.prototype || proto === null;
};

/**
 * `spec` with every inline values array replaced by a placeholder, and the arrays in placeholder
 * order; null when the spec holds anything JSON cannot say exactly (it is then compiled as is).
 */
export function takeOutData(spec: TopLevelSpec): { spec: unknown; data: unknown[][] } | null {
  const data: unknown[][] = [];
  const placeholder = (values: unknown[]): unknown[] => {
    let n = data.findIndex((d) => d === values);
    if (n < 0) n = data.findIndex((d) => deepEqual(d, values));
    if (n < 0) n = data.push(values) - 1;
    return [{ [MARK]: n }];
  };
  const copy = (v: unknown, key: string | null, top: boolean): unknown => {
    if (v === null || typeof v === "string" || typeof v === "boolean") return v;
    if (typeof v === "number") {
      if (!Number.isFinite(v)) throw new Uncacheable();
      return v;
    }
    if (typeof v !== "object") throw new Uncacheable(); // undefined, function, symbol, bigint
    if (Array.isArray(v)) {
      return Array.from(v, (item) => {
        if (item === undefined) throw new Uncacheable(); // [undefined] would be [null] in JSON
        return copy(item, null, false);
      });
    }
    if (!isPlainObject(v)) throw new Uncacheable();
    const out: Record<string, unknown> = {};
    const obj = v as Record<string, unknown>;
    for (const k of Object.keys(obj)) {
      if (k === MARK || k === "__proto__") throw new Uncacheable();
      const item = obj[k];
      if (item === undefined) throw new Uncacheable(); // Vega-Lite may tell a missing key from an undefined one
      if (k === "values" && key === "data" && Array.isArray(item)) out[k] = placeholder(item);
      else if (k === "datasets" && top && item !== null && typeof item === "object" && isPlainObject(item)) {
        const sets: Record<string, unknown> = {};
        for (const [name, values] of Object.entries(item as Record<string, unknown>)) {
          if (values === undefined) throw new Uncacheable();
          sets[name] = Array.isArray(values) ? placeholder(values) : copy(values, null, false);
        }
        out[k] = sets;
      } else out[k] = copy(item, k, false);
    }
    return out;
  };
  try {
    return { spec: copy(spec, null, true), data };
  } catch (e) {
    if (e instanceof Uncacheable) return null;
    throw e;
  }
}

/** The cache key of a data-less spec: SHA-256 of the versions and its JSON text. */
export function cacheKey(dataless: unknown): string {
  return createHash("sha256")
    .update(JSON.stringify(["vega-lite", vegaLiteVersion, "vega", (vega as unknown as { version: string }).version]))
    .update("\0")
    .update(JSON.stringify(dataless))
    .digest("hex");
}

// ---------------------------------------------------------------------------------------------
// Putting the data back

/**
 * True when JSON.stringify → JSON.parse gives `v` back as vega reads it: strings, finite numbers,
 * booleans, null, arrays and objects of them (vega's parser makes its operators with a
 * constructor: they are read by their own properties, as JSON keeps them). An object property
 * that is undefined is left out, as vega reads it the same; anything else (a function, a
 * non-finite number, undefined in an array, a cycle) is not exact.
 */
function jsonExact(v: unknown, depth = 0): boolean {
  if (v === null || typeof v === "string" || typeof v === "boolean") return true;
  if (typeof v === "number") return Number.isFinite(v);
  if (typeof v !== "object" || depth > 200) return false;
  if (Array.isArray(v)) return v.every((item) => item !== undefined && jsonExact(item, depth + 1));
  if (typeof (v as { toJSON?: unknown }).toJSON === "function") return false;
  // "__proto__" as an own key would become the prototype on the way back
  return Object.keys(v).every((k) => {
    const item = (v as Record<string, unknown>)[k];
    return k !== "__proto__" && (item === undefined || jsonExact(item, depth + 1));
  });
}

/** n for a placeholder `[{ [MARK]: n }]` (the mark its row's only key, n a whole number), else null. */
function placeholderIndex(v: unknown): number | null {
  if (!Array.isArray(v) || v.length !== 1 || v[0] === null || typeof v[0] !== "object" || Array.isArray(v[0])) return null;
  const row = v[0] as Record<string, unknown>;
  const keys = Object.keys(row);
  const n = row[MARK];
  return keys.length === 1 && keys[0] === MARK && typeof n === "number" && Number.isInteger(n) && n >= 0 ? n : null;
}

/** Every placeholder of a (fresh) runtime spec; null when the mark is found in any other form. */
function findSlots(runtime: unknown): Slot[] | null {
  const slots: Slot[] = [];
  let broken = false;
  const visit = (v: unknown, at: (string | number)[]): void => {
    if (v === null || typeof v !== "object") return;
    if (Array.isArray(v)) {
      const n = placeholderIndex(v);
      if (n !== null) slots.push({ path: at, n });
      else v.forEach((item, i) => visit(item, [...at, i]));
      return;
    }
    for (const k of Object.keys(v)) {
      if (k === MARK) broken = true;
      visit((v as Record<string, unknown>)[k], [...at, k]);
    }
  };
  visit(runtime, []);
  return broken ? null : slots;
}

/** How often the mark appears as a key in JSON text (in a string value its quotes are escaped). */
function markCount(text: string): number {
  const needle = `${JSON.stringify(MARK)}:`;
  let count = 0;
  for (let i = text.indexOf(needle); i >= 0; i = text.indexOf(needle, i + needle.length)) count++;
  return count;
}

/**
 * The runtime spec of an entry with each placeholder replaced by its values array (the entry's
 * slots say where they are, so the spec is not walked); null when the entry does not hold its
 * placeholders where it says, or holds others (then the spec is compiled again).
 */
function putBackData(entry: Entry, data: readonly unknown[][]): object | null {
  let runtime: unknown;
  try {
    runtime = JSON.parse(entry.runtime);
  } catch {
    return null;
  }
  if (runtime === null || typeof runtime !== "object" || Array.isArray(runtime)) return null;
  if (markCount(entry.runtime) !== entry.slots.length) return null;
  for (const { path: at, n } of entry.slots) {
    if (at.length === 0 || n >= data.length) return null;
    let parent: unknown = runtime;
    for (const k of at.slice(0, -1)) parent = parent !== null && typeof parent === "object" ? (parent as Record<string | number, unknown>)[k] : undefined;
    const last = at[at.length - 1];
    if (parent === null || typeof parent !== "object" || !Object.hasOwn(parent, last)) return null;
    if (placeholderIndex((parent as Record<string | number, unknown>)[last]) !== n) return null;
    (parent as Record<string | number, unknown>)[last] = data[n];
  }
  return runtime;
}

// ---------------------------------------------------------------------------------------------
// The folder

/** undefined: the default folder; null: no folder (this process's map only). */
let configuredDir: string | null | undefined;
/** The folder, checked: a path, or null when it is not to be used. Checked once per process. */
let checkedDir: string | null | undefined;

/**
 * Where the cache keeps its files: a folder (created 0700 if missing), null for none, undefined
 * for the default. Clears this process's map too. For tests and tools; builds use the default.
 */
export function setVegaCacheDir(dir: string | null | undefined): void {
  configuredDir = dir;
  checkedDir = undefined;
  memo.clear();
}

/** The folder when it is this user's alone (see user-cache.ts), else null. */
function cacheDir(): string | null {
  if (checkedDir === undefined) {
    const dir = configuredDir === undefined ? defaultCacheDir("vega") : configuredDir;
    checkedDir = dir === null ? null : privateDir(dir);
  }
  return checkedDir;
}

function readEntry(dir: string, key: string): Entry | null {
  try {
    const entry = JSON.parse(readFileSync(path.join(dir, `${key}.json`), "utf8")) as Partial<Entry>;
    if (typeof entry.runtime !== "string" || !Array.isArray(entry.log) || !Array.isArray(entry.slots)) return null;
    if (!entry.log.every((c) => Array.isArray(c) && ["warn", "error", "info", "debug"].includes(c[0] as string) && typeof c[1] === "string")) return null;
    const isKey = (k: unknown) => (typeof k === "string" && k !== "__proto__") || Number.isInteger(k);
    if (!entry.slots.every((x: Slot) => x !== null && typeof x === "object" && Number.isInteger(x.n) && Array.isArray(x.path) && x.path.every(isKey))) return null;
    return { runtime: entry.runtime, slots: entry.slots, log: entry.log };
  } catch {
    return null;
  }
}

// ---------------------------------------------------------------------------------------------
// Compiling

/** Compile and parse, recording what the compiler logs (and passing it on). */
function compileAndParse(spec: TopLevelSpec, logger: CompileLogger): { runtime: object; log: LogCall[] } {
  const log: LogCall[] = [];
  const text = (args: unknown[]) => args.map((a) => (a instanceof Error ? a.message : typeof a === "string" ? a : JSON.stringify(a))).join(" ");
  const recording: CompileLogger = {
    level: (...a: [number?]) => (a.length === 0 || a[0] === undefined ? logger.level() : recording),
    error: (...args) => (log.push(["error", text(args)]), logger.error(text(args)), recording),
    warn: (...args) => (log.push(["warn", text(args)]), logger.warn(text(args)), recording),
    info: (...args) => (log.push(["info", text(args)]), logger.info(text(args)), recording),
    debug: (...args) => (log.push(["debug", text(args)]), logger.debug(text(args)), recording),
  };
  const vgSpec = compile(spec, { logger: recording as never }).spec;
  return { runtime: vega.parse(vgSpec) as object, log };
}

/**
 * The cache entry of a data-less spec: compiled and parsed (what the compiler logs goes to
 * `logger` and into the entry), its runtime spec as JSON text with where its placeholders lie;
 * null when JSON cannot carry the runtime spec or a placeholder did not come through as it went
 * in (such a spec is compiled with its data each time). Also run by the compile-ahead worker.
 */
export function compileEntry(dataless: unknown, logger: CompileLogger = silent()): Entry | null {
  const fresh = compileAndParse(dataless as TopLevelSpec, logger);
  if (!jsonExact(fresh.runtime)) return null;
  const text = JSON.stringify(fresh.runtime);
  const slots = findSlots(JSON.parse(text));
  return slots === null ? null : { runtime: text, slots, log: fresh.log };
}

/**
 * A spec's data taken out and its key. Worked out once for a spec compiled ahead and kept until
 * it is rendered (`runtimeSpec` takes it out again), never longer: a spec object changed after
 * that and drawn again is read afresh.
 */
const preparedSpecs = new WeakMap<object, { spec: unknown; data: unknown[][]; key: string } | null>();
function prepared(spec: TopLevelSpec): { spec: unknown; data: unknown[][]; key: string } | null {
  let p = preparedSpecs.get(spec);
  if (p === undefined) {
    const taken = takeOutData(spec);
    p = taken === null ? null : { ...taken, key: cacheKey(taken.spec) };
    preparedSpecs.set(spec, p);
  }
  return p;
}

/** A cache entry of the process or the folder (put into the process's map), if there is one. */
function knownEntry(key: string): Entry | undefined {
  const known = memo.get(key);
  if (known !== undefined) return known;
  const dir = cacheDir();
  const stored = dir === null ? null : readEntry(dir, key);
  if (stored === null) return undefined;
  memo.set(key, stored);
  return stored;
}

/** Keep a new entry, in the process and in the folder. */
function keep(key: string, entry: Entry): void {
  memo.set(key, entry);
  const dir = cacheDir();
  if (dir !== null) writeCacheFile(dir, `${key}.json`, JSON.stringify(entry));
}

/**
 * The vega runtime spec of a Vega-Lite spec (what `new vega.View(…)` takes), from the cache when
 * the data-less spec has been compiled before. Compiler warnings go to `logger` either way.
 */
export function runtimeSpec(spec: TopLevelSpec, logger: CompileLogger): object {
  const taken = prepared(spec);
  preparedSpecs.delete(spec);
  if (taken === null) return compileAndParse(spec, logger).runtime;
  const use = (entry: Entry): object | null => {
    const runtime = putBackData(entry, taken.data);
    if (runtime !== null) for (const [level, message] of entry.log) logger[level](message);
    return runtime;
  };
  const known = knownEntry(taken.key);
  if (known !== undefined) {
    const runtime = use(known);
    if (runtime !== null) return runtime;
  }
  // A miss (or an entry that cannot be used, which is then replaced). Compiled here: a
  // compile-ahead worker that has not started on it leaves it (`claimHere`).
  claimHere(taken.key);
  vegaCacheStats.compiledHere++;
  const made = compileEntry(taken.spec, logger);
  // What JSON cannot carry, or a placeholder that did not come through as it went in: this spec
  // is compiled with its data each time, as before the cache (its warnings are given already).
  const runtime = made === null ? null : putBackData(made, taken.data);
  if (runtime === null) return compileAndParse(spec, silent()).runtime;
  keep(taken.key, made!);
  return runtime;
}

// ---------------------------------------------------------------------------------------------
// Compiling ahead

/** Keys being compiled ahead: the batch's claims and this key's place in it, and its answer. */
const ahead = new Map<string, { claims: Int32Array; index: number; done: Promise<void> }>();

/**
 * Compile ahead, on a worker thread (compile-ahead.ts), the specs about to be rendered that are
 * in neither cache, while this thread renders the others. The worker takes them from the last,
 * this thread from the first (`runtimeSpec`); each is compiled by whichever claims it first, so
 * neither waits for a compile the other has not begun. Same entries, same output, either way.
 */
export function compileAhead(specs: readonly TopLevelSpec[]): void {
  const misses: { key: string; spec: unknown }[] = [];
  for (const spec of specs) {
    const p = prepared(spec);
    if (p === null || ahead.has(p.key) || misses.some((m) => m.key === p.key) || knownEntry(p.key) !== undefined) continue;
    misses.push({ key: p.key, spec: p.spec });
  }
  if (misses.length < 2) return; // one spec: nothing to do beside it
  const batch = compileOnWorker(misses.map((m) => m.spec));
  if (batch === null) return;
  misses.forEach((m, index) => {
    const done = batch.results[index].then(
      (entry) => {
        if (entry !== null && !memo.has(m.key)) keep(m.key, entry);
      },
      () => undefined, // the worker failed: compiled here when needed
    ).finally(() => ahead.delete(m.key));
    ahead.set(m.key, { claims: batch.claims, index, done });
  });
}

/**
 * A build's start: when this user's cache holds no compiled chart (a first build on this machine),
 * the compile-ahead worker is started now, so that it has loaded the compiler by the time the
 * first report's charts are rendered. Otherwise it starts when a report has charts not compiled
 * before (most builds have none).
 */
export function prepareCompileAhead(): void {
  const dir = cacheDir();
  if (dir !== null) {
    try {
      if (readdirSync(dir).some((f) => f.endsWith(".json"))) return;
    } catch {
      // no folder yet: nothing compiled
    }
  }
  startCompileWorker();
}

/** Waits for the worker's compile of `spec`, if the worker has begun it (its entry is then cached). */
export async function compiledAhead(spec: TopLevelSpec): Promise<void> {
  if (ahead.size === 0) return;
  const p = prepared(spec);
  const job = p === null ? undefined : ahead.get(p.key);
  if (job === undefined) return;
  // Taken by this thread (0 → 2) unless the worker has it already (1): then wait for its answer.
  if (Atomics.compareExchange(job.claims, job.index, CLAIM_FREE, CLAIM_HERE) === CLAIM_WORKER) await job.done;
}

/** This thread compiles `key` itself: a worker that has not begun it will leave it. */
function claimHere(key: string): void {
  const job = ahead.get(key);
  if (job !== undefined) Atomics.compareExchange(job.claims, job.index, CLAIM_FREE, CLAIM_HERE);
}

/** For a second compile of a spec whose warnings were given already. */
function silent(): CompileLogger {
  const l: CompileLogger = { level: () => l, error: () => l, warn: () => l, info: () => l, debug: () => l };
  return l;
}
