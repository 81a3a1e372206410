/**
 * The chart compiler's worker thread (see compile-ahead.ts): compiles the data-less specs of a
 * batch from the last to the first, each one only if the main thread has not claimed it, and
 * answers each with its cache entry (null: claimed by the main thread, or not cacheable).
 * Bundled as its own entry point (dist/esm/compile-worker.js); under TypeScript it runs through tsx.
 */
import { parentPort } from "node:worker_threads";
import { CLAIM_FREE, CLAIM_WORKER, type CompileAnswer } from "./compile-ahead.ts";
import { compileEntry, type Entry } from "./vega-cache.ts";

if (parentPort !== null) {
  const port = parentPort;
  port.on("message", (m: { batch: number; specs: unknown[]; claims: SharedArrayBuffer }) => {
    const claims = new Int32Array(m.claims);
    for (let index = m.specs.length - 1; index >= 0; index--) {
      let entry: Entry | null = null;
      if (Atomics.compareExchange(claims, index, CLAIM_FREE, CLAIM_WORKER) === CLAIM_FREE) {
        try {
          entry = compileEntry(m.specs[index]);
        } catch {
          entry = null; // the main thread compiles it, and reports what goes wrong
        }
      }
      port.postMessage({ batch: m.batch, index, entry } satisfies CompileAnswer);
    }
  });
  port.postMessage({ ready: true }); // the compiler is loaded (this module's imports)
}
