/**
 * Starting a worker thread on one of the package's own modules (the parallel load's, the chart
 * compiler's). In dist/ the entry is the bundle's own entry point `<name>.js` beside the calling
 * chunk (build.js puts every chunk and entry point in dist/esm/). Under TypeScript (vitest, tsx)
 * it is `<name>.ts` beside the calling module, loaded after registering tsx's loader in the
 * worker (Node 20 does not apply `--import tsx` from a worker's execArgv).
 */
import { createRequire } from "node:module";
import { pathToFileURL } from "node:url";
import { Worker } from "node:worker_threads";

/** A worker on the module `name` beside `from` (the caller's `import.meta.url`). */
export function startModuleWorker(from: string, name: string, workerData: unknown): Worker {
  const execArgv = workerExecArgv();
  if (!from.endsWith(".ts")) return new Worker(new URL(`./${name}.js`, from), { execArgv, workerData });
  // require.resolve gives the CommonJS build of tsx's API; the worker imports its ES module twin.
  const tsxApi = pathToFileURL(createRequire(from).resolve("tsx/esm/api").replace(/\.cjs$/, ".mjs")).href;
  const entry = new URL(`./${name}.ts`, from).href;
  const boot = `import(${JSON.stringify(tsxApi)}).then((m) => { m.register(); return import(${JSON.stringify(entry)}); });`;
  return new Worker(boot, { eval: true, execArgv, workerData });
}

/**
 * The process's Node options for a worker, without those about the main script: a worker started
 * with `node --input-type=module -e …`'s options would not load its file (or would run the
 * script given to -e).
 */
function workerExecArgv(): string[] {
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
  return out;
}
