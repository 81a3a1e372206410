/**
 * The parallel load's SHA-256 is computed by a worker thread while the main thread scans the
 * export (issue 11): it must be the hash of every byte, and a worker that cannot hash leaves the
 * hash to the main thread.
 */
import { createHash } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { encode } from "../../src/read/encoding.ts";
import { loadBytes, loadFile } from "../../src/schema/load.ts";
import { hashOnWorker, parallelStats, warmWorkers } from "../../src/schema/parallel.ts";
import { participantsSchema } from "../../src/sources/index.ts";
import { KEY } from "../read/helpers.ts";
import { HEADER } from "./random-export.ts";

const common = { pseudonymKey: KEY, referenceYear: 2024, name: "deltagare.csv" };

function exportBytes(rows: number): Uint8Array {
  const lines = [HEADER.join(";")];
  for (let i = 0; i < rows; i++) lines.push(["19900803-0489", i % 2 ? "K" : "M", "IPS", "AME", "2023-01-04", "2023-06-30", "E", `flytt ${i} åäö €`, "ja"].join(";"));
  return encode(lines.join("\r\n") + "\r\n", "windows-1252");
}

describe("the parallel load's hash", () => {
  it("is the SHA-256 of every byte, computed by a worker, from bytes and from a file", async () => {
    const bytes = exportBytes(2000);
    const expected = createHash("sha256").update(bytes).digest("hex");
    const before = parallelStats.workerHashes;
    const parallel = loadBytes(participantsSchema, bytes, { ...common, parallel: { workers: 1, minBytes: 0 } });
    expect(parallel.report.sha256).toBe(expected);
    expect(parallelStats.workerHashes).toBe(before + 1);
    expect(loadBytes(participantsSchema, bytes, { ...common, parallel: false }).report.sha256).toBe(expected);
    expect(parallelStats.workerHashes).toBe(before + 1);

    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "utfall-hash-"));
    try {
      const file = path.join(dir, "deltagare.csv");
      fs.writeFileSync(file, bytes);
      const loaded = await loadFile(participantsSchema, file, { ...common, parallel: { workers: 1, minBytes: 0 } });
      expect(loaded.report.sha256).toBe(expected);
      expect(parallelStats.workerHashes).toBe(before + 2);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);

  it("a worker that cannot read the export answers null (the load then hashes it itself)", () => {
    warmWorkers({ workers: 1, minBytes: 0 }, 1);
    const job = hashOnWorker({ path: path.join(os.tmpdir(), "utfall-no-such-file-" + process.pid) });
    expect(job).not.toBeNull();
    const before = parallelStats.workerHashes;
    expect(job!.result()).toBeNull();
    expect(parallelStats.workerHashes).toBe(before);
  }, 60_000);
});
