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
import { readFileSync } from "node:fs";
import path from "node:path";
import * as vega from "vega";
import { compile, deepEqual, version as vegaLiteVersion, type TopLevelSpec } from "vega-lite";
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
interface Entry {
  runtime: string;
  slots: Slot[];
  log: LogCall[];
}

const memo = new Map<string, Entry>();

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
 * The vega runtime spec of a Vega-Lite spec (what `new vega.View(…)` takes), from the cache when
 * the data-less spec has been compiled before. Compiler warnings go to `logger` either way.
 */
export function runtimeSpec(spec: TopLevelSpec, logger: CompileLogger): object {
  const taken = takeOutData(spec);
  if (taken === null) return compileAndParse(spec, logger).runtime;
  const key = cacheKey(taken.spec);
  const use = (entry: Entry): object | null => {
    const runtime = putBackData(entry, taken.data);
    if (runtime !== null) for (const [level, message] of entry.log) logger[level](message);
    return runtime;
  };
  const known = memo.get(key);
  if (known !== undefined) {
    const runtime = use(known);
    if (runtime !== null) return runtime;
  } else {
    const dir = cacheDir();
    const stored = dir === null ? null : readEntry(dir, key);
    const runtime = stored === null ? null : use(stored);
    if (runtime !== null) {
      memo.set(key, stored!);
      return runtime;
    }
  }
  // A miss (or an entry that cannot be used, which is then replaced).
  const fresh = compileAndParse(taken.spec as TopLevelSpec, logger);
  // What JSON cannot carry, or a placeholder that did not come through as it went in: this spec
  // is compiled with its data each time, as before the cache (its warnings are given already).
  if (!jsonExact(fresh.runtime)) return compileAndParse(spec, silent()).runtime;
  const text = JSON.stringify(fresh.runtime);
  const slots = findSlots(JSON.parse(text));
  if (slots === null) return compileAndParse(spec, silent()).runtime;
  const made: Entry = { runtime: text, slots, log: fresh.log };
  const runtime = putBackData(made, taken.data);
  if (runtime === null) return compileAndParse(spec, silent()).runtime;
  memo.set(key, made);
  const dir = cacheDir();
  if (dir !== null) writeCacheFile(dir, `${key}.json`, JSON.stringify(made));
  return runtime;
}

/** For a second compile of a spec whose warnings were given already. */
function silent(): CompileLogger {
  const l: CompileLogger = { level: () => l, error: () => l, warn: () => l, info: () => l, debug: () => l };
  return l;
}
