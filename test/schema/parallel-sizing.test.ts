/**
 * A parallel load sizes each range's columns from the bytes per line of the range's first piece
 * of text and hands them over without a copy when they are nearly full (range.ts
 * `rangeCapacity`, columns.ts `firstRows`). An estimate that is far off either way must change
 * nothing but speed: a range's first lines much longer than the rest (columns too small: they
 * grow), or much shorter (too large: copied down), give the single-threaded load's table and report.
 */
import { describe, expect, it } from "vitest";
import { encode } from "../../src/read/encoding.ts";
import { CodedStrings } from "../../src/schema/coded-columns.ts";
import { loadBytes } from "../../src/schema/load.ts";
import { rangeCapacity } from "../../src/schema/range.ts";
import { participantsSchema } from "../../src/sources/index.ts";
import { KEY, makePnr } from "../read/helpers.ts";
import { HEADER, outcome } from "./random-export.ts";

const common = { pseudonymKey: KEY, referenceYear: 2024, name: "deltagare.csv" };
const PERSONS = Array.from({ length: 300 }, (_, p) => makePnr(`19${60 + (p % 40)}0${1 + (p % 9)}1${p % 10}`, String(100 + p).padStart(3, "0")));

function row(i: number, detail: string): string {
  return [PERSONS[i % PERSONS.length], i % 3 === 0 ? "K" : "M", "IPS", "AME", "2023-01-04", "2023-06-30", "E", detail, i % 2 ? "ja" : "nej"].join(";");
}

function exportWith(longFirst: number, long: string, shortRows: number): Uint8Array {
  const lines = [HEADER.join(";")];
  for (let i = 0; i < longFirst; i++) lines.push(row(i, long));
  for (let i = 0; i < shortRows; i++) lines.push(row(i, i % 500 === 0 ? "Summa" : "x"));
  return encode(lines.join("\n") + "\n", "windows-1252");
}

describe("parallel ranges sized from their first piece of text", () => {
  it("gives the single-threaded result when the first lines are like the rest, much longer or much shorter", () => {
    const longHead = exportWith(400, "lång ".repeat(200), 60_000); // ~400 KB of 1 KB lines, then short lines
    const shortHead = encode([HEADER.join(";"), ...Array.from({ length: 60_000 }, (_, i) => row(i, i < 5000 ? "x" : "lång ".repeat(40)))].join("\n") + "\n", "windows-1252");
    const uniform = exportWith(0, "", 60_000); // the estimate is right: columns handed over as views
    for (const bytes of [longHead, shortHead, uniform]) {
      const opts = { ...common, mode: "lenient" as const };
      const single = outcome(() => loadBytes(participantsSchema, bytes, { ...opts, parallel: false }));
      expect(single.failure).toBeNull();
      // 64 KiB windows: a range's first piece is only part of it, so its lines can differ from the rest.
      for (const chunkBytes of [undefined, 64 * 1024]) {
        const parallel = outcome(() => loadBytes(participantsSchema, bytes, { ...opts, chunkBytes, parallel: { workers: 1, minBytes: 0, ranges: 6 } }));
        expect(parallel).toEqual(single);
      }
    }
  }, 60_000);

  it("sizes a range by the bytes per line of its first piece, bounded by the header's fields", () => {
    // 1 340 000 bytes; a first piece of 2 MiB with one line per 134 bytes.
    const piece = 2 * 2 ** 20;
    expect(rangeCapacity(1_340_000, piece, Math.round(piece / 134), 18)).toBe(Math.ceil(((1_340_000 * Math.round(piece / 134)) / piece) * 1.08) + 64);
    // A piece of blank-ish lines (2 bytes a line) must not size columns for 670 000 rows.
    expect(rangeCapacity(1_340_000, piece, piece / 2, 18)).toBe(Math.floor(1_340_000 / 18) + 64);
    // No line in the first piece: the columns start small and grow.
    expect(rangeCapacity(1_340_000, piece, 0, 18)).toBe(1 << 16);
  });
});

describe("the pseudonym column's kept codes", () => {
  it("number the persons in order of first appearance, the same in a parallel and a single-threaded load", () => {
    // 12 000 persons first met in file order over the first half, then met again in another order:
    // the threads meet them in the order they claim the ranges, not in file order.
    const day = (k: number) => new Date(Date.UTC(1960, 0, 1) + k * 86_400_000).toISOString().slice(0, 10).replaceAll("-", "");
    const pnrs = Array.from({ length: 12_000 }, (_, k) => makePnr(day(k % 9000), String(100 + Math.floor(k / 9000))));
    const lines = [HEADER.join(";")];
    for (let i = 0; i < 24_000; i++) {
      const p = pnrs[i < 12_000 ? i : (i * 7919) % 12_000];
      lines.push([p, "K", "IPS", "AME", "2023-01-04", "2023-06-30", "E", i % 997 === 0 ? "Summa" : "x", "ja"].join(";"));
    }
    const bytes = encode(lines.join("\n") + "\n", "windows-1252");
    const opts = { ...common, mode: "lenient" as const };
    const kept = (parallel: false | { workers: number; minBytes: number; ranges: number }) => {
      const loaded = loadBytes(participantsSchema, bytes, { ...opts, parallel });
      const column = loaded.columns.person;
      const k = loaded.table.column("person");
      if (!(k instanceof CodedStrings)) throw new Error("expected coded strings");
      let next = 0;
      for (let i = 0; i < column.length; i++) {
        const c = k.codes[i];
        expect(column[i]).toBe(c < 0 ? null : k.dictionary[c]);
        if (c === next) next++;
        else expect(c).toBeLessThan(next); // a new person gets the next number
      }
      expect(next).toBe(k.dictionary.length);
      return { codes: [...k.codes], values: k.dictionary };
    };
    const single = kept(false);
    expect(kept({ workers: 1, minBytes: 0, ranges: 7 })).toEqual(single);
  }, 60_000);
});
