/**
 * Imports a report script. Scripts may be written in TypeScript: when this module runs as built
 * JavaScript (dist/, plain Node 20, which cannot strip types), a loader for `.ts` files is
 * registered the first time a `.ts` script is imported, and only then. Under tsx or vitest this
 * file is itself TypeScript and `.ts` imports already work, so nothing is registered.
 *
 * The loader is a small module hook of our own (HOOKS below): it compiles `.ts` and `.mts` files
 * with esbuild (the compiler tsx uses; tsx depends on it) into ES modules with an inline source
 * map, so a stack trace names the script's own lines, and keeps the result in a cache in the
 * temporary folder, keyed by the file's content, so an unchanged script costs no compiler at all.
 * Registering tsx instead cost ~0,1 s per run (its hooks load esbuild and tsx's own modules before
 * the first import); this hook loads nothing until a script is not in the cache. Like tsx, it
 * resolves, from a TypeScript file, `./helper.js` to `./helper.ts` when there is one, and
 * `./helper` to `helper.ts`, `helper.js` or the folder's `index.ts` / `index.js`. A `.cts` script,
 * or an installation where esbuild cannot be found, falls back to tsx's loader (a `.cts` or `.tsx`
 * file imported by a `.ts` script is not compiled: Node names its unknown extension).
 */
import { readFileSync } from "node:fs";
import { createRequire, register as registerHooks } from "node:module";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { defaultCacheDir } from "../render/user-cache.ts";

/** Which TypeScript loaders are registered, and whether "utfall" resolves for scripts outside the package. */
let ownLoader = false;
let tsxLoader = false;
let resolvesUtfall = false;

/** The package.json of this package: the nearest one above this file named "utfall". */
function packageJson(): string {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const file = path.join(dir, "package.json");
    try {
      if ((JSON.parse(readFileSync(file, "utf8")) as { name?: string }).name === "utfall") return file;
    } catch {
      // no package.json here
    }
    const up = path.dirname(dir);
    if (up === dir) throw new Error("utfall: package.json not found above the CLI");
    dir = up;
  }
}

/**
 * The hooks, run by Node in its module-hooks thread.
 *
 * Resolution: a script outside this package (`utfall build ~/rapporter/min-rapport.ts`) imports
 * the library as "utfall" / "utfall/report" with no node_modules of its own: when `parent` is
 * set, such an import is retried from inside the package, where its self-reference resolves to
 * the same build the CLI runs. A TypeScript file outside the package (the report script and what
 * it imports) is an ES module, also in a folder without package.json "type": "module".
 *
 * Loading (when `esbuild` is set): `.ts` and `.mts` files are compiled by esbuild, through the
 * cache in `cacheDir`.
 */
const HOOKS = `import { createHash } from "node:crypto";
import { lstatSync, mkdirSync, readdirSync, readFileSync, renameSync, statSync, unlinkSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
let parent = null, root = null, esbuildUrl = null, cacheDir = null, esbuild = null;
export function initialize(data) { ({ parent, root, esbuild: esbuildUrl, cacheDir } = data); }
const TS = /\\.m?ts$/;
const isTs = (url) => url.startsWith("file:") && TS.test(url.replace(/[?#].*$/, ""));
/** From a TypeScript file, as tsx does: "./x.js" is x.ts when there is one; "./x" may be x.ts, x.js or a folder's index. */
const MISSING = new Set(["ERR_MODULE_NOT_FOUND", "ERR_UNSUPPORTED_DIR_IMPORT"]);
async function resolveFromTs(specifier, context, next) {
  const m = /^(.*?)([?#].*)?$/.exec(specifier);
  const base = m[1], rest = m[2] ?? "";
  const first = /\\.js$/.test(base) ? [base.slice(0, -3) + ".ts"] : /\\.mjs$/.test(base) ? [base.slice(0, -4) + ".mts"] : [];
  for (const t of first) {
    try { return await next(t + rest, context); } catch {}
  }
  try { return await next(specifier, context); } catch (err) {
    if (!MISSING.has(err?.code) || /\\.[a-z]+$/i.test(base)) throw err;
    for (const t of [".ts", ".js", "/index.ts", "/index.js"]) {
      try { return await next(base + t + rest, context); } catch {}
    }
    throw err;
  }
}
export async function resolve(specifier, context, next) {
  if (parent === null || (specifier !== "utfall" && !specifier.startsWith("utfall/"))) {
    const fromTs = esbuildUrl !== null && context.parentURL && isTs(context.parentURL) && /^\\.\\.?\\//.test(specifier);
    const r = fromTs ? await resolveFromTs(specifier, context, next) : await next(specifier, context);
    const own = root !== null && r.url.startsWith("file:") && /\\.ts$/.test(r.url) && !r.url.startsWith(root) && !r.url.includes("/node_modules/");
    return own ? { ...r, format: "module" } : r;
  }
  try { return await next(specifier, context); } catch (err) {
    try { return await next(specifier, { ...context, parentURL: parent }); } catch { throw err; }
  }
}
const OPTIONS = { loader: "ts", format: "esm", target: "node20", sourcemap: "inline", keepNames: true };
const DAY = 24 * 60 * 60 * 1000;
/** The cache folder, when it is ours alone (created 0700, owned by this user, not writable by others); else null. */
let cacheOk;
function cache() {
  if (cacheOk !== undefined) return cacheOk;
  cacheOk = null;
  try {
    mkdirSync(cacheDir, { recursive: true, mode: 0o700 });
    const uid = typeof process.getuid === "function" ? process.getuid() : null;
    for (const dir of [dirname(cacheDir), cacheDir]) {
      const st = lstatSync(dir);
      if (!st.isDirectory() || (uid !== null && st.uid !== uid) || (st.mode & 0o022) !== 0) return cacheOk;
    }
    cacheOk = cacheDir;
  } catch {}
  return cacheOk;
}
/** After the first compile of the process (a new entry): entries not used for 30 days go. */
let expired = false;
function expire(dir) {
  if (expired) return;
  expired = true;
  try {
    const old = Date.now() - 30 * DAY;
    for (const f of readdirSync(dir)) {
      const p = join(dir, f);
      if (statSync(p).atimeMs < old && statSync(p).mtimeMs < old) unlinkSync(p);
    }
  } catch {}
}
export async function load(url, context, next) {
  if (esbuildUrl === null || !isTs(url)) return next(url, context);
  const file = fileURLToPath(url.replace(/[?#].*$/, ""));
  const source = readFileSync(file, "utf8");
  const key = createHash("sha256").update(JSON.stringify([esbuildUrl, OPTIONS, file])).update("\\0").update(source).digest("hex");
  const dir = cache();
  if (dir !== null) {
    try { return { format: "module", source: readFileSync(join(dir, key + ".mjs"), "utf8"), shortCircuit: true }; } catch {}
  }
  esbuild ??= await import(esbuildUrl);
  let code;
  try { ({ code } = await esbuild.transform(source, { ...OPTIONS, sourcefile: file })); } catch (err) {
    // esbuild's own error, named as tsx names it
    if (err instanceof Error && Array.isArray(err.errors)) err.name = "TransformError";
    throw err;
  }
  if (dir !== null) {
    try {
      const tmp = join(dir, key + "." + process.pid + ".tmp");
      writeFileSync(tmp, code, { mode: 0o600 });
      renameSync(tmp, join(dir, key + ".mjs"));
      expire(dir);
    } catch {}
  }
  return { format: "module", source: code, shortCircuit: true };
}`;

function insidePackage(file: string): boolean {
  try {
    const rel = path.relative(path.dirname(packageJson()), path.resolve(file));
    return rel !== "" && !rel.startsWith("..") && !path.isAbsolute(rel);
  } catch {
    return false;
  }
}

/**
 * esbuild's JS API as a file URL with its version (`<url>#<version>`, so the cache is per
 * version): beside this package, else beside tsx (which depends on it); null when neither has it.
 */
function esbuildUrl(): string | null {
  const require = createRequire(import.meta.url);
  for (const from of [() => require.resolve("esbuild"), () => createRequire(require.resolve("tsx/package.json")).resolve("esbuild")]) {
    try {
      const main = from();
      const { version } = JSON.parse(readFileSync(path.join(path.dirname(main), "..", "package.json"), "utf8")) as { version?: string };
      return `${pathToFileURL(main).href}#${version ?? "?"}`;
    } catch {
      // not there
    }
  }
  return null;
}

/** Registers HOOKS: `utfall` resolution for scripts outside the package, and/or the TypeScript loader. */
function registerOwnHooks(opts: { outside: boolean; typescript: string | null }): void {
  const pkg = packageJson();
  // Outside the package only: inside it, the self-reference resolves by itself.
  const parent = opts.outside ? pathToFileURL(pkg).href : null;
  const root = opts.outside ? pathToFileURL(path.dirname(pkg) + path.sep).href : null;
  registerHooks(`data:text/javascript,${encodeURIComponent(HOOKS)}`, { data: { parent, root, esbuild: opts.typescript, cacheDir: opts.typescript === null ? null : defaultCacheDir("ts") } });
  if (opts.outside) resolvesUtfall = true;
}

/** Under tsx or vitest this module is TypeScript itself, and `.ts` imports work already. */
const runningAsTypeScript = () => /\.[cm]?ts$/.test(new URL(import.meta.url).pathname);

/** `import()` of a script by file path, registering the TypeScript loader when it is needed. */
export async function importScript(file: string): Promise<unknown> {
  const outside = !insidePackage(file);
  const needsLoader = /\.[cm]?ts$/.test(file) && !runningAsTypeScript();
  if (needsLoader && /\.m?ts$/.test(file) && !ownLoader && !tsxLoader) {
    const esbuild = esbuildUrl();
    if (esbuild !== null) {
      registerOwnHooks({ outside: outside && !resolvesUtfall, typescript: esbuild });
      // Stack traces name the script's lines (the compiled code carries an inline source map).
      process.setSourceMapsEnabled(true);
      ownLoader = true;
    }
  }
  if (outside && !resolvesUtfall) registerOwnHooks({ outside: true, typescript: null });
  if (needsLoader && !tsxLoader && !(ownLoader && /\.m?ts$/.test(file))) {
    const { register } = await import("tsx/esm/api");
    register({ tsconfig: false }); // the library resolves to dist/ ("utfall" self-reference), never to src/ through tsconfig paths
    tsxLoader = true;
  }
  return import(pathToFileURL(file).href);
}
