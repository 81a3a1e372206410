/**
 * Imports a report script. Scripts may be written in TypeScript: when this module runs as built
 * JavaScript (dist/, plain Node 20, which cannot strip types), tsx's loader is registered the
 * first time a `.ts` script is imported, and only then. Under tsx or vitest this file is itself
 * TypeScript and `.ts` imports already work, so nothing is registered.
 */
import { readFileSync } from "node:fs";
import { register as registerHooks } from "node:module";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

let registered = false;
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
 * A script outside this package (\`utfall build ~/rapporter/min-rapport.ts\`) imports the library
 * as "utfall" / "utfall/report" with no node_modules of its own: a resolve hook retries such an
 * import from inside the package, where its self-reference resolves to the same build the CLI runs.
 */
const HOOKS = `let parent, root;
export function initialize(data) { parent = data.parent; root = data.root; }
export async function resolve(specifier, context, next) {
  if (specifier !== "utfall" && !specifier.startsWith("utfall/")) {
    const r = await next(specifier, context);
    // A TypeScript file outside the package (the report script and what it imports) is an ES
    // module, also in a folder without package.json "type": "module".
    const own = r.url.startsWith("file:") && /\\.ts$/.test(r.url) && !r.url.startsWith(root) && !r.url.includes("/node_modules/");
    return own ? { ...r, format: "module" } : r;
  }
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

function registerUtfallResolution(): void {
  if (resolvesUtfall) return;
  resolvesUtfall = true;
  const pkg = packageJson();
  // Outside the package only: inside it, the self-reference resolves by itself.
  const parent = pathToFileURL(pkg).href;
  const root = pathToFileURL(path.dirname(pkg) + path.sep).href;
  registerHooks(`data:text/javascript,${encodeURIComponent(HOOKS)}`, { data: { parent, root } });
}

function needsLoader(file: string): boolean {
  return /\.[cm]?ts$/.test(file) && !registered && !/\.[cm]?ts$/.test(new URL(import.meta.url).pathname);
}

/** `import()` of a script by file path, registering the TypeScript loader when it is needed. */
export async function importScript(file: string): Promise<unknown> {
  if (!insidePackage(file)) registerUtfallResolution();
  if (needsLoader(file)) {
    const { register } = await import("tsx/esm/api");
    register({ tsconfig: false }); // the library resolves to dist/ ("utfall" self-reference), never to src/ through tsconfig paths
    registered = true;
  }
  return import(pathToFileURL(file).href);
}
