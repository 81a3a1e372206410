/**
 * A TypeScript report script as one compiled module, imported without module hooks.
 *
 * Registering module hooks (Node 20's `module.register`) starts a thread and routes every later
 * import through it: 0,06–0,08 s of each `utfall build`. Instead, the script and the files it
 * imports by relative path are compiled by esbuild into one ES module (`bundle`), whose other
 * imports point where Node would resolve them from the script: `utfall` and `utfall/…` at this
 * build of the library (also for a script outside the package, which has no node_modules of its
 * own), a package at its file as Node's `import` condition picks it, a built-in as it is. The
 * module is kept in the per-user cache (`<tmp>/utfall-<uid>/ts/`, user-cache.ts) with a manifest
 * of the files it was made from and their SHA-256, so an unchanged script costs no compiler.
 *
 * As under tsx: from a TypeScript file, `./x.js` is `x.ts` when there is one (`.mjs`: `.mts`),
 * `./x` is `x.ts`, `x.js` or the folder's `index.ts`. Each file keeps its own `import.meta.url`,
 * `import.meta.filename` and `import.meta.dirname`. The module carries an inline source map, so
 * a stack trace names the script's own lines; a syntax error reads as esbuild's transform error
 * (`TransformError: Transform failed with 1 error: <file>:<line>:<column>: ERROR: …`).
 */
import { createHash } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import { isBuiltin } from "node:module";
import path from "node:path";
import { pathToFileURL } from "node:url";
import type * as Esbuild from "esbuild";
import { defaultCacheDir, privateDir, writeCacheFile } from "../render/user-cache.ts";

const OPTIONS = { format: "esm", platform: "node", target: "node20", sourcemap: "inline", keepNames: true } as const;
const SOURCE = /\.([cm]?[jt]s|json)$/;
const TS_FILE = /\.m?ts$/;
const IMPORT_META = /\bimport\.meta\.(url|filename|dirname)\b/g;

interface Manifest {
  /** The files the module was made from, with the SHA-256 of each. */
  inputs: [file: string, sha256: string][];
  /** The module's file name in the cache, and the start of its SHA-256 (its URL's query). */
  module: string;
  hash: string;
}

const sha256 = (text: string | Buffer) => createHash("sha256").update(text).digest("hex");

/**
 * The compiled module of `file` (a file URL with its content's hash, so that a changed script is
 * a new module in this process too): from the cache when every file it was made from is as it
 * was, else compiled now. `esbuildUrl` is esbuild's JS API as `<file URL>#<version>`;
 * `resolveUtfall` gives the URL of the library's `utfall`/`utfall/…` module.
 */
export async function bundledScript(file: string, esbuildUrl: string, resolveUtfall: (specifier: string) => string): Promise<string> {
  const script = path.resolve(file);
  const dir = privateDir(defaultCacheDir("ts"));
  const key = sha256(JSON.stringify([esbuildUrl, OPTIONS, script, resolveUtfall("utfall")]));
  if (dir !== null) {
    const hit = cached(dir, key);
    if (hit !== null) return hit;
  }
  const esbuild = (await import(esbuildUrl)) as typeof Esbuild;
  const inputs = new Map<string, string>();
  let result: Esbuild.BuildResult & { outputFiles: Esbuild.OutputFile[] };
  try {
    result = await esbuild.build({
      ...OPTIONS,
      entryPoints: [script],
      bundle: true,
      write: false,
      // The module's path in the cache, so that its source map names the files by their real paths.
      outfile: path.join(dir ?? path.dirname(script), `${key}.mjs`),
      absWorkingDir: path.dirname(script),
      // A package resolved as Node resolves it: its "import" condition, else "main" (esbuild would
      // also take "module", which Node ignores: a second copy of the package).
      conditions: [],
      mainFields: ["main"],
      logLevel: "silent",
      plugins: [resolveAsNode(resolveUtfall), withOwnImportMeta(inputs)],
    });
  } catch (err) {
    throw transformError(err, path.dirname(script));
  }
  const code = result.outputFiles[0].text;
  const module = `${key}.mjs`;
  if (dir !== null && writeCacheFile(dir, module, code)) {
    const manifest: Manifest = { inputs: [...inputs].map(([f, text]) => [f, sha256(text)]), module, hash: sha256(code).slice(0, 16) };
    writeCacheFile(dir, `${key}.json`, JSON.stringify(manifest));
    return moduleUrl(dir, manifest);
  }
  // No cache folder of our own: the module is imported from its text.
  return `data:text/javascript;base64,${Buffer.from(code).toString("base64")}`;
}

/** The cached module's URL when its manifest's files are all unchanged, else null. */
function cached(dir: string, key: string): string | null {
  try {
    const manifest = JSON.parse(readFileSync(path.join(dir, `${key}.json`), "utf8")) as Manifest;
    for (const [f, hash] of manifest.inputs) if (sha256(readFileSync(f)) !== hash) return null;
    return typeof manifest.hash === "string" && existsSync(path.join(dir, manifest.module)) ? moduleUrl(dir, manifest) : null;
  } catch {
    return null;
  }
}

/** A cached module's URL: named by its content, so that a changed module is a new one in this process too. */
function moduleUrl(dir: string, manifest: Manifest): string {
  return `${pathToFileURL(path.join(dir, manifest.module)).href}?${manifest.hash}`;
}

/** Resolution: relative files bundled (TypeScript first), everything else left outside, at the file Node would load. */
function resolveAsNode(resolveUtfall: (specifier: string) => string): Esbuild.Plugin {
  return {
    name: "utfall-resolve",
    setup(build) {
      build.onResolve({ filter: /.*/ }, async (args) => {
        if (args.kind === "entry-point" || args.pluginData === "resolving") return undefined;
        const spec = args.path;
        if (spec === "utfall" || spec.startsWith("utfall/")) return { path: resolveUtfall(spec), external: true };
        if (isBuiltin(spec)) return { path: spec, external: true };
        if (/^\.\.?(\/|$)/.test(spec) || path.isAbsolute(spec)) {
          // From a TypeScript file, "./x.js" is x.ts when there is one (as tsx reads it).
          if (TS_FILE.test(args.importer)) {
            const ts = spec.replace(/\.js$/, ".ts").replace(/\.mjs$/, ".mts");
            if (ts !== spec && existsSync(path.resolve(args.resolveDir, ts))) return { path: path.resolve(args.resolveDir, ts) };
          }
          return undefined; // esbuild's own resolution: ./x → x.ts, x.js, x/index.ts …
        }
        // A package: where Node's resolution from the importer leads (its `import` condition, or
        // `main`), outside the module, so that the script and the library share one instance.
        const r = await build.resolve(spec, { kind: args.kind, resolveDir: args.resolveDir, importer: args.importer, pluginData: "resolving" });
        if (r.errors.length > 0) return { errors: r.errors };
        return { path: pathToFileURL(r.path).href, external: true };
      });
    },
  };
}

/** Each file's `import.meta.url`, `.filename` and `.dirname` as its own (not the module's); records the files read. */
function withOwnImportMeta(inputs: Map<string, string>): Esbuild.Plugin {
  return {
    name: "utfall-import-meta",
    setup(build) {
      build.onLoad({ filter: SOURCE }, (args) => {
        const text = readFileSync(args.path, "utf8");
        inputs.set(args.path, text);
        const own = { url: pathToFileURL(args.path).href, filename: args.path, dirname: path.dirname(args.path) };
        const contents = text.replace(IMPORT_META, (_, k: keyof typeof own) => JSON.stringify(own[k]));
        const ext = path.extname(args.path);
        return { contents, loader: ext === ".json" ? "json" : ext === ".ts" || ext === ".mts" || ext === ".cts" ? "ts" : "js" };
      });
    },
  };
}

/** esbuild's build failure as its transform error reads (the message users saw under tsx); paths are relative to `dir`. */
function transformError(err: unknown, dir: string): unknown {
  const errors = (err as { errors?: Esbuild.Message[] }).errors;
  if (!Array.isArray(errors) || errors.length === 0) return err;
  const lines = errors.map((m) => {
    const at = m.location ? `${path.resolve(dir, m.location.file)}:${m.location.line}:${m.location.column}: ` : "";
    return `${at}ERROR: ${m.text}`;
  });
  const e = new Error(`Transform failed with ${errors.length} error${errors.length === 1 ? "" : "s"}:\n${lines.join("\n")}`);
  e.name = "TransformError";
  return e;
}
