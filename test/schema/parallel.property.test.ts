/**
 * Property (issue 11 §2): the parallel parse (byte ranges on worker threads, merged) gives exactly
 * the table, load report and error list of the single-threaded parse, on random exports with
 * quoted line breaks across the cuts, bad rows, footers, and every dialect and encoding.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { encode } from "../../src/read/encoding.ts";
import { loadBytes } from "../../src/schema/load.ts";
import { parallelStats } from "../../src/schema/parallel.ts";
import { participantsSchema } from "../../src/sources/index.ts";
import { KEY } from "../read/helpers.ts";
import { exportArb, exportBytes, HEADER, outcome } from "./random-export.ts";

const common = { pseudonymKey: KEY, referenceYear: 2024, name: "deltagare.csv" };

describe("parallel loading", () => {
  it("gives the table, report and errors of the single-threaded load", () => {
    const before = { ...parallelStats };
    fc.assert(
      fc.property(exportArb, fc.integer({ min: 1, max: 4 }), fc.integer({ min: 0, max: 12 }), fc.constantFrom(7, 64, 1 << 20), fc.constantFrom("strict" as const, "lenient" as const), fc.constantFrom(1, 2, 3, 100),
        (e, workers, extraRanges, chunkBytes, mode, maxErrors) => {
          const bytes = exportBytes(e);
          const single = outcome(() => loadBytes(participantsSchema, bytes, { ...common, mode, maxErrors, parallel: false }));
          // More ranges than threads: the free thread claims the next (who parses which range varies from run to run).
          const parallel = outcome(() => loadBytes(participantsSchema, bytes, { ...common, mode, maxErrors, chunkBytes, parallel: { workers, minBytes: 0, ranges: workers + 1 + extraRanges } }));
          expect(parallel).toEqual(single);
        }),
      { numRuns: 300 },
    );
    // Both paths of the merge were taken: ranges from worker threads, and ranges parsed again.
    expect(parallelStats.workerRanges).toBeGreaterThan(before.workerRanges + 100);
    expect(parallelStats.reparsed).toBeGreaterThan(before.reparsed);
  }, 300_000);

  it("a worker that fails midway: the main thread parses every range the workers did not hand back", () => {
    const rows: string[] = [];
    for (let i = 0; i < 300; i++) rows.push(["19900803-0489", "K", "IPS", "AME", "2023-01-04", "2023-06-30", "E", i % 7 === 0 ? `"rad\n${i}"` : `flytt ${i}`, "ja"].join(";"));
    const bytes = encode([HEADER.join(";"), ...rows].join("\n") + "\n", "windows-1252");
    const single = outcome(() => loadBytes(participantsSchema, bytes, { ...common, parallel: false }));
    const before = { ...parallelStats };
    const parallel = outcome(() => loadBytes(participantsSchema, bytes, { ...common, chunkBytes: 64, parallel: { workers: 2, minBytes: 0, ranges: 12, workerFaultAfter: 1 } }));
    expect(single.report.rowsAccepted).toBe(300);
    expect(parallel).toEqual(single);
    // Each worker handed back its first range, claimed another and failed: the main thread parsed the other ten.
    expect(parallelStats.workerRanges - before.workerRanges).toBe(2);
    expect(parallelStats.mainRanges - before.mainRanges).toBe(10);
  }, 60_000);

  it("a quoted field whose line breaks cross every cut is read once, as one row", () => {
    const rows: string[] = [];
    for (let i = 0; i < 40; i++) {
      const detail = i === 20 ? `"${Array.from({ length: 200 }, (_, k) => `rad ${k}`).join("\n")}"` : "flytt";
      rows.push(["19900803-0489", "K", "IPS", "AME", "2023-01-04", "2023-06-30", "E", detail, "ja"].join(";"));
    }
    const bytes = encode([HEADER.join(";"), ...rows].join("\n") + "\n", "utf-8");
    const single = outcome(() => loadBytes(participantsSchema, bytes, { ...common, parallel: false }));
    const reparsed = parallelStats.reparsed;
    const parallel = outcome(() => loadBytes(participantsSchema, bytes, { ...common, chunkBytes: 64, parallel: { workers: 3, minBytes: 0 } }));
    expect(parallelStats.reparsed).toBeGreaterThan(reparsed);
    expect(single.report.rowsAccepted).toBe(40);
    expect(single.report.physicalLines).toBe(1 + 40 + 199);
    expect(parallel).toEqual(single);
  }, 60_000);
});
