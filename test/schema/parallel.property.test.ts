/**
 * Property (issue 11 §2): the parallel parse (byte ranges on worker threads, merged) gives exactly
 * the table, load report and error list of the single-threaded parse, on random exports with
 * quoted line breaks across the cuts, bad rows, footers, and every dialect and encoding.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { encode } from "../../src/read/encoding.ts";
import { loadBytes } from "../../src/schema/load.ts";
import { parallelPlan, parallelStats } from "../../src/schema/parallel.ts";
import { participantsSchema } from "../../src/sources/index.ts";
import { KEY, makePnr } from "../read/helpers.ts";
import { exportArb, exportBytes, HEADER, outcome } from "./random-export.ts";

const common = { pseudonymKey: KEY, referenceYear: 2024, name: "deltagare.csv" };

describe("parallel loading", () => {
  it("gives the table, report and errors of the single-threaded load", () => {
    const before = { ...parallelStats };
    const extracted = new Set<string | null>();
    fc.assert(
      // workers 0: the ranges on this thread alone (as an export under minBytes is read).
      fc.property(exportArb, fc.integer({ min: 0, max: 4 }), fc.integer({ min: 0, max: 12 }), fc.constantFrom(7, 64, 1 << 20), fc.constantFrom("strict" as const, "lenient" as const), fc.constantFrom(1, 2, 3, 100),
        (e, workers, extraRanges, chunkBytes, mode, maxErrors) => {
          const bytes = exportBytes(e);
          const single = outcome(() => loadBytes(participantsSchema, bytes, { ...common, mode, maxErrors, parallel: false }));
          // More ranges than threads: the free thread claims the next (who parses which range varies from run to run).
          const parallel = outcome(() => loadBytes(participantsSchema, bytes, { ...common, mode, maxErrors, chunkBytes, parallel: { workers, minBytes: 0, ranges: workers + 1 + extraRanges } }));
          expect(parallel).toEqual(single);
          extracted.add(single.report.extractedOn);
        }),
      { numRuns: 300 },
    );
    // Some exports had a title line stating their extraction date (both paths read it alike).
    expect(extracted).toContain("2024-01-05");
    // Both paths of the merge were taken: ranges from worker threads, and ranges parsed again.
    expect(parallelStats.workerRanges).toBeGreaterThan(before.workerRanges + 100);
    expect(parallelStats.reparsed).toBeGreaterThan(before.reparsed);
  }, 300_000);

  it("a large export is cut into ranges that get smaller towards its end, and loads as one thread reads it", () => {
    const plan = parallelPlan({ workers: 1, minBytes: 0 }, 134 * 2 ** 20)!;
    const sizes = [...plan.ends, 1].map((e, k, a) => (e - (k === 0 ? 0 : a[k - 1])) * 134 * 2 ** 20);
    expect(sizes.length).toBeGreaterThan(8);
    expect(sizes.length).toBeLessThan(20);
    expect(sizes[0]).toBeCloseTo((134 * 2 ** 20) / 4, -3); // a quarter of the data for two threads
    for (let k = 1; k < sizes.length; k++) expect(sizes[k]).toBeLessThanOrEqual(sizes[k - 1] + 1);
    for (const s of sizes.slice(0, -1)) expect(s).toBeGreaterThanOrEqual(2 * 2 ** 20 - 1);
    expect(sizes[sizes.length - 1]).toBeLessThanOrEqual(2 * 2 ** 20);
    // Small data: one range per thread.
    expect(parallelPlan({ workers: 3, minBytes: 0 }, 1000)!.ends).toEqual([0.25, 0.5, 0.75]);

    const rows: string[] = [];
    const persons = Array.from({ length: 500 }, (_, p) => makePnr(`19${60 + (p % 40)}0${1 + (p % 9)}1${p % 10}`, String(100 + p).padStart(3, "0")));
    for (let i = 0; i < 150_000; i++) {
      const detail = i % 1000 === 0 ? `"rad\n${i}"` : i % 997 === 0 ? "Summa" : `flytt ${i % 50}`;
      rows.push([persons[i % 500], i % 3 === 0 ? "K" : "M", "IPS", "AME", "2023-01-04", "2023-06-30", "E", detail, "ja"].join(";"));
    }
    const bytes = encode([HEADER.join(";"), ...rows].join("\n") + "\n", "windows-1252");
    expect(bytes.length).toBeGreaterThan(8 * 2 ** 20);
    const opts = { ...common, mode: "lenient" as const };
    const single = outcome(() => loadBytes(participantsSchema, bytes, { ...opts, parallel: false }));
    const before = parallelStats.mainRanges + parallelStats.workerRanges;
    const parallel = outcome(() => loadBytes(participantsSchema, bytes, { ...opts, parallel: { workers: 1, minBytes: 0 } }));
    expect(parallelStats.mainRanges + parallelStats.workerRanges - before).toBeGreaterThan(2);
    const report = (single as { report: { rowsAccepted: number; rowsQuarantined: number } }).report;
    expect([report.rowsAccepted, report.rowsQuarantined]).toEqual([150_000 - 150, 150]);
    expect(parallel).toEqual(single);
  }, 120_000);

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
