/**
 * Property (issue 11 §1): loading an export in tiny windows (records, quoted line breaks, UTF-8
 * sequences, UTF-16 code units and CRLF pairs cut anywhere) gives exactly the table, load report
 * and errors of loading it in one window — for every dialect, encoding and bad row — and the same
 * from a file as from bytes.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { loadBytes, loadFile } from "../../src/schema/load.ts";
import { participantsSchema } from "../../src/sources/index.ts";
import { KEY } from "../read/helpers.ts";
import { exportArb, exportBytes, outcome } from "./random-export.ts";

const common = { pseudonymKey: KEY, referenceYear: 2024, name: "deltagare.csv" };

describe("chunked loading", () => {
  it("tiny windows give the table, report and errors of one window", () => {
    fc.assert(
      fc.property(exportArb, fc.integer({ min: 1, max: 40 }), fc.constantFrom("strict" as const, "lenient" as const), (e, chunkBytes, mode) => {
        const bytes = exportBytes(e);
        const whole = outcome(() => loadBytes(participantsSchema, bytes, { ...common, mode }));
        const chunked = outcome(() => loadBytes(participantsSchema, bytes, { ...common, mode, chunkBytes }));
        expect(chunked).toEqual(whole);
      }),
      { numRuns: 400 },
    );
  });

  it("a file read in windows gives what its bytes give", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "utfall-chunks-"));
    try {
      await fc.assert(
        fc.asyncProperty(exportArb, fc.integer({ min: 2, max: 64 }), async (e, chunkBytes) => {
          const bytes = exportBytes(e);
          const file = path.join(dir, "deltagare.csv");
          fs.writeFileSync(file, bytes);
          const fromBytes = outcome(() => loadBytes(participantsSchema, bytes, { ...common, mode: "lenient" }));
          const loaded = await loadFile(participantsSchema, file, { ...common, mode: "lenient", chunkBytes }).then(
            (l) => outcome(() => l),
            (err) => outcome(() => { throw err; }),
          );
          expect(loaded).toEqual(fromBytes);
        }),
        { numRuns: 60 },
      );
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
