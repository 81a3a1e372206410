/**
 * A loaded table's text columns are codes into a dictionary (src/schema/coded-columns.ts). The
 * loader's dictionaries may hold values of rows it overwrote; what a script reads of a column
 * (`dictionary`, `codes`, the values) holds only the table's own rows, in order of first
 * appearance — never the text of a quarantined row, which may hold an identity number.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { encode } from "../../src/read/encoding.ts";
import { CodedStrings } from "../../src/schema/coded-columns.ts";
import { loadBytes } from "../../src/schema/load.ts";
import { participantsSchema } from "../../src/sources/index.ts";
import { KEY, makePnr } from "../read/helpers.ts";
import { HEADER } from "./random-export.ts";

const common = { pseudonymKey: KEY, referenceYear: 2024, name: "deltagare.csv", mode: "lenient" as const };
const PERSON = makePnr("19800101", "123");
const OTHER = makePnr("19750505", "234");

describe("coded strings", () => {
  it("drop the values no row holds and number the rest by first appearance, on first use", () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: -1, max: 5 }), { maxLength: 60 }), fc.integer({ min: 0, max: 3 }), (raw, unused) => {
        const dict = ["a", "b", "c", "d", "e", "f", ...Array.from({ length: unused }, (_, k) => `unused ${k}`)];
        const column = new CodedStrings(Int32Array.from(raw), dict);
        const values = raw.map((c) => (c < 0 ? null : dict[c]));
        expect(column.toArray()).toEqual(values);
        expect(Array.from({ length: column.length }, (_, i) => column.at(i))).toEqual(values);
        const firstSeen = [...new Set(values.filter((v) => v !== null))];
        expect(column.dictionary).toEqual(firstSeen);
        expect(Array.from(column.codes, (c) => (c < 0 ? null : column.dictionary[c]))).toEqual(values);
        expect([...column]).toEqual(values);
      }),
      { numRuns: 300 },
    );
  });

  for (const parallel of [false, { workers: 1, minBytes: 0, ranges: 4 }] as const) {
    it(`never show the text of a quarantined row (${parallel === false ? "one thread" : "parallel"})`, () => {
      const lines = [HEADER.join(";")];
      for (let i = 0; i < 400; i++) {
        // Every 50th row names a person in the provider column: quarantined, its text never kept.
        const provider = i % 50 === 7 ? `Ring ${OTHER} om platsen` : i % 3 === 0 ? "Lernia" : "AME Egen regi";
        lines.push([PERSON, "K", "IPS", provider, "2023-01-04", "2023-06-30", "E", i % 2 ? "sjukdom" : "flytt", "ja"].join(";"));
      }
      const loaded = loadBytes(participantsSchema, encode(lines.join("\n") + "\n", "windows-1252"), { ...common, parallel });
      expect(loaded.report.rowsQuarantined).toBe(8);
      expect(loaded.report.errorsByKind["identity-number"]).toBe(8);
      const provider = loaded.table.column("provider");
      if (!(provider instanceof CodedStrings)) throw new Error("expected coded strings");
      expect(provider.dictionary).toEqual(["Lernia", "AME Egen regi"]);
      expect(JSON.stringify(loaded.table.objects())).not.toContain(OTHER.slice(0, 8));
      expect(new Set(loaded.columns.provider)).toEqual(new Set(["Lernia", "AME Egen regi"]));
    });
  }
});
