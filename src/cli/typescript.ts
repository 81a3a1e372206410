/**
 * Imports a report script. Scripts may be written in TypeScript: when this module runs as built
 * JavaScript (dist/, plain Node 20, which cannot strip types), a `.ts` or `.mts` script is
 * compiled by esbuild, with the files it imports by relative path, into one cached ES module
 * (script-bundle.ts), imported without module hooks. Under tsx or vitest this file is itself
 * TypeScript and `.ts` imports already work, so nothing is compiled.
 *
 * A JavaScript script outside the package (`utfall build ~/rapporter/min-rapport.js`) imports
 * the library as "utfall" / "utfall/report" with no node_modules of its own: a small module hook
 * (HOOKS below) retries such an import from inside the package, where its self-reference resolves
 * to the same build the CLI runs. A `.cts` script, or an installation where esbuild cannot be
 * found, falls back to tsx's loader.
 */
import { readFileSync } from "node:fs";
import { createRequire, register as registerHooks } from "node:module";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { bundledScript } from "./script-bundle.ts";

/** Whether tsx's loader is registered, and whether "utfall" resolves for scripts outside the package. */
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
 * The hook, run by Node in its module-hooks thread: an import of "utfall" or "utfall/…" that does
 * not resolve from where it is made is retried from the package's package.json (`parent`).
 */
const HOOKS = `let parent = null;
export function initialize(data) { ({ parent } = data); }
export async function resolve(specifier, context, next) {
  if (parent === null || (specifier !== "utfall" && !specifier.startsWith("utfall/"))) return next(specifier, context);
  try { return await next(specifier, context); } catch (err) {
    try { return await next(specifier, { ...context, parentURL: parent }); } catch { throw err; }
  }
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

/** Registers HOOKS: `utfall` resolution for JavaScript scripts outside the package. */
function registerOwnHooks(): void {
  registerHooks(`data:text/javascript,${encodeURIComponent(HOOKS)}`, { data: { parent: pathToFileURL(packageJson()).href } });
  resolvesUtfall = true;
}

/**
 * The URL of this build's module for "utfall" or "utfall/…" (the package's self-reference; its
 * exports have only "default" conditions, so `require.resolve` finds the same file where Node is
 * older than `import.meta.resolve`).
 */
function utfallUrl(specifier: string): string {
  return typeof import.meta.resolve === "function" ? import.meta.resolve(specifier) : pathToFileURL(createRequire(import.meta.url).resolve(specifier)).href;
}

/** Under tsx or vitest this module is TypeScript itself, and `.ts` imports work already. */
const runningAsTypeScript = () => /\.[cm]?ts$/.test(new URL(import.meta.url).pathname);

/**
 * `import()` of a script by file path. A `.ts` or `.mts` script is compiled with what it imports
 * into one module (script-bundle.ts, no module hooks); a script outside the package in JavaScript
 * gets the hook that resolves "utfall"; a `.cts` script, or one where esbuild is missing, tsx's loader.
 * `version` (preview): a script changed since it was imported is imported again (a compiled
 * module is named by its content, so a changed helper is seen too).
 */
export async function importScript(file: string, opts: { version?: number } = {}): Promise<unknown> {
  const outside = !insidePackage(file);
  const needsLoader = /\.[cm]?ts$/.test(file) && !runningAsTypeScript();
  if (needsLoader && /\.m?ts$/.test(file) && !tsxLoader) {
    const esbuild = esbuildUrl();
    if (esbuild !== null) {
      // Stack traces name the script's lines (the compiled module carries an inline source map).
      process.setSourceMapsEnabled(true);
      return import(await bundledScript(file, esbuild, utfallUrl));
    }
  }
  if (outside && !resolvesUtfall) registerOwnHooks();
  if (needsLoader && !tsxLoader) {
    const { register } = await import("tsx/esm/api");
    register({ tsconfig: false }); // the library resolves to dist/ ("utfall" self-reference), never to src/ through tsconfig paths
    tsxLoader = true;
  }
  // A later version of a script (preview): under a new URL, so that Node's module cache gives the new code.
  return import(pathToFileURL(file).href + (opts.version ? `?utfall-forhandsvisning=${opts.version}` : ""));
}
