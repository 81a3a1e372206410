/**
 * Worker thread of the parallel load (issue 11 §2). Requests come one after the other:
 * - a hash request: the export's SHA-256, computed while the main thread reads the export's
 *   encoding and header (so the hash is not on the load's critical path);
 * - a parse request: its first byte range and then the ranges it claims (`parseClaimed`), each
 *   segment posted on the request's port.
 * Either answer ends by waking the waiting main thread through the request's signal (the main
 * thread waits synchronously, so `loadBytes` stays synchronous).
 * Bundled as its own entry point (dist/esm/load-worker.js); under TypeScript it runs through tsx.
 */
import { parentPort, workerData, type MessagePort } from "node:worker_threads";
import { bytesSource, fileSource, hashSource, type ByteSource } from "../read/chunks.ts";
import { parseClaimed, transferables, type RangeWork } from "./range.ts";

/** How a worker reaches the export: a file to open, or its bytes in shared memory. */
export type WorkerSource = { path: string } | { shared: SharedArrayBuffer; byteLength: number };

export interface WorkerRequest {
  /** Absent: a parse request. */
  hash?: true;
  /** The ranges to parse (a parse request). */
  work?: RangeWork;
  source: WorkerSource;
  port: MessagePort;
  /** Int32Array over it: set to 1 and notified when the answer has been posted. */
  signal: SharedArrayBuffer;
}

function sourceOf(s: WorkerSource): ByteSource {
  return "path" in s ? fileSource(s.path) : bytesSource(new Uint8Array(s.shared, 0, s.byteLength));
}

if (parentPort !== null) {
  parentPort.on("message", (req: WorkerRequest) => {
    let src: ByteSource | null = null;
    try {
      src = sourceOf(req.source);
      if (req.hash === true) {
        req.port.postMessage({ sha256: hashSource(src) });
      } else {
        // Each segment is posted when done (its typed arrays moved, not copied), so the worker's heap
        // never holds more than one range.
        parseClaimed(req.work!, src, null, (range, segment) => req.port.postMessage({ range, segment }, transferables([segment])));
        req.port.postMessage({ done: true });
      }
    } catch (e) {
      req.port.postMessage({ error: e instanceof Error ? `${e.message}\n${e.stack ?? ""}` : String(e) });
    } finally {
      src?.close();
      req.port.close();
      const signal = new Int32Array(req.signal);
      Atomics.store(signal, 0, 1);
      Atomics.notify(signal, 0);
    }
  });
  // Started: tell the main thread, which may be waiting synchronously for this.
  const ready = new Int32Array((workerData as { ready: SharedArrayBuffer }).ready);
  Atomics.store(ready, 0, 1);
  Atomics.notify(ready, 0);
}
