/**
 * Imports a report script. Scripts may be written in TypeScript: when this module runs as built
 * JavaScript (dist/, plain Node 20, which cannot strip types), tsx's loader is registered the
 * first time a `.ts` script is imported, and only then. Under tsx or vitest this file is itself
 * TypeScript and `.ts` imports already work, so nothing is registered.
 */
import { pathToFileURL } from "node:url";

let registered = false;

function needsLoader(file: string): boolean {
  return /\.[cm]?ts$/.test(file) && !registered && !/\.[cm]?ts$/.test(new URL(import.meta.url).pathname);
}

/** `import()` of a script by file path, registering the TypeScript loader when it is needed. */
export async function importScript(file: string): Promise<unknown> {
  if (needsLoader(file)) {
    const { register } = await import("tsx/esm/api");
    register({ tsconfig: false }); // the library resolves to dist/ ("utfall" self-reference), never to src/ through tsconfig paths
    registered = true;
  }
  return import(pathToFileURL(file).href);
}
