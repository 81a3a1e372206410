/**
 * The parallel load under the Node options an analyst may start a script with (issue 11 §2).
 * A worker thread refuses V8 and process options (`--max-old-space-size`) when they are passed to
 * it as a list, and the load then fell back to one thread without a word: an analyst who raised
 * the heap limit for a large export got the slower load. Each case runs a child process with the
 * options and reports how many ranges a worker parsed and what the load read.
 */
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";

const ROOT = path.resolve(import.meta.dirname, "../..");
const src = (p: string) => JSON.stringify(path.join(ROOT, p));

/** The child's script: one parallel and one single-threaded load of the same bytes. */
const SCRIPT = `
import { encode } from ${src("src/read/encoding.ts")};
import { loadBytes } from ${src("src/schema/load.ts")};
import { parallelStats } from ${src("src/schema/parallel.ts")};
import { participantsSchema } from ${src("src/sources/index.ts")};
import { makePnr } from ${src("test/read/helpers.ts")};
import { HEADER } from ${src("test/schema/random-export.ts")};
const lines = [HEADER.join(";")];
for (let i = 0; i < 3000; i++) lines.push([makePnr("19900803", String(100 + (i % 700)).padStart(3, "0")), i % 2 ? "K" : "M", "IPS", "AME", "2023-01-04", "2023-06-30", "E", "flytt " + i, "ja"].join(";"));
const bytes = encode(lines.join("\\r\\n") + "\\r\\n", "windows-1252");
const opts = { pseudonymKey: new Uint8Array(Buffer.from("test-key-for-utfall", "utf8")), referenceYear: 2024, name: "deltagare.csv" };
const parallel = loadBytes(participantsSchema, bytes, { ...opts, parallel: { workers: 1, minBytes: 0, ranges: 4 } });
const single = loadBytes(participantsSchema, bytes, { ...opts, parallel: false });
console.log(JSON.stringify({
  workerRanges: parallelStats.workerRanges,
  rows: parallel.table.numRows(),
  same: JSON.stringify(parallel.table.objects()) === JSON.stringify(single.table.objects()) && JSON.stringify(parallel.report) === JSON.stringify(single.report),
}));
process.exit(0);
`;

function run(args: string[]): { workerRanges: number; rows: number; same: boolean } {
  const r = spawnSync(process.execPath, args, { cwd: ROOT, encoding: "utf8", timeout: 120_000 });
  expect(r.stderr).toBe("");
  expect(r.status).toBe(0);
  return JSON.parse(r.stdout.trim().split("\n").pop()!);
}

describe("the parallel load under Node options", () => {
  it("uses its worker when the script runs with V8 options (--max-old-space-size)", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "utfall-options-"));
    try {
      const file = path.join(dir, "load.mts");
      fs.writeFileSync(file, SCRIPT);
      const out = run(["--max-old-space-size=1536", "--import", "tsx", file]);
      expect(out.rows).toBe(3000);
      expect(out.workerRanges).toBeGreaterThan(0);
      expect(out.same).toBe(true);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }, 120_000);

  it("uses its worker when a script given with -e also has V8 options", () => {
    const out = run(["--max-semi-space-size=16", "--import", "tsx", "--input-type=module", "-e", SCRIPT]);
    expect(out.rows).toBe(3000);
    expect(out.workerRanges).toBeGreaterThan(0);
    expect(out.same).toBe(true);
  }, 120_000);
});
