/**
 * String columns are stored as dictionary codes and switch to a plain array when the distinct
 * values grow many (issue 11): both forms give the same column, packed (for a worker) or not.
 */
import fc from "fast-check";
import { describe, expect, it, vi } from "vitest";
import { createBuilder, INVALID, VALID, type ColumnBuilder, type LoadedColumn, type PackedColumn } from "../../src/schema/columns.ts";
import { ColumnMerger, unpackColumn } from "../../src/schema/column-merge.ts";
import { EMPTY } from "../../src/read/missing.ts";
import { plainColumn, CodedStrings } from "../../src/schema/coded-columns.ts";
import { Pseudonymizer, pseudonym } from "../../src/read/pseudonym.ts";
import { HmacBatch } from "../../src/read/hmac-batch.ts";
import { makePnr } from "../read/helpers.ts";

const ctx = { capacity: 16, referenceYear: 2024, pseudonyms: () => { throw new Error("unused"); } };

function fill(distinct: number, rows: number): { expected: (string | null)[]; parts: PackedColumn[]; finished: LoadedColumn } {
  const expected: (string | null)[] = [];
  const whole = createBuilder({ type: "string", header: "Text" }, ctx, null);
  const a = createBuilder({ type: "string", header: "Text" }, ctx, null);
  const b = createBuilder({ type: "string", header: "Text" }, ctx, null);
  const half = Math.floor(rows / 2);
  for (let i = 0; i < rows; i++) {
    const v = i % 97 === 0 ? null : ` värde nummer ${(i * 7919) % distinct} `;
    expected.push(v === null ? null : v.trim());
    const targets: [ColumnBuilder, number][] = [[whole, i], i < half ? [a, i] : [b, i - half]];
    for (const [col, row] of targets) {
      // A row written twice keeps its last value (a bad row is overwritten by the next one).
      col.present(row, "skräp");
      if (v === null) col.missing(row, EMPTY);
      else col.present(row, v);
    }
  }
  return { expected, parts: [a.pack(half), b.pack(rows - half)], finished: whole.finish(rows) };
}

describe("string columns", () => {
  it("few distinct values: codes", () => {
    const { expected, parts, finished } = fill(50, 10_000);
    expect(finished).toBeInstanceOf(CodedStrings);
    expect(plainColumn(finished)).toEqual(expected);
    expect(plainColumn(unpackColumn(parts, ctx.pseudonyms))).toEqual(expected);
  });

  it("many distinct values: switches to a plain array, same column", () => {
    const { expected, parts, finished } = fill(150_000, 200_000);
    expect(new Set(expected).size).toBeGreaterThan(65_536);
    expect(Array.isArray(finished)).toBe(true);
    expect(finished).toEqual(expected);
    expect(plainColumn(unpackColumn(parts, ctx.pseudonyms))).toEqual(expected);
  });
});

describe("codes for the metrics", () => {
  it("a finished or unpacked string column is codes into a dictionary of distinct values that give its values", () => {
    const { expected, parts, finished } = fill(50, 10_000);
    for (const column of [finished, unpackColumn(parts, ctx.pseudonyms)]) {
      if (!(column instanceof CodedStrings)) throw new Error("expected coded strings");
      expect(Array.from(column.codes, (c) => (c < 0 ? null : column.dictionary[c]))).toEqual(expected);
      expect(Array.from(column, (v) => v)).toEqual(expected);
      expect(new Set(column.dictionary).size).toBe(column.dictionary.length);
    }
  });
});

describe("identity-number columns", () => {
  it("hold person ids: whole or packed in two parts and merged, the same pseudonyms, each made once per person", () => {
    const key = new Uint8Array(Buffer.from("nyckel för testet"));
    const made: Pseudonymizer[] = [];
    const pctx = { capacity: 16, referenceYear: 2024, pseudonyms: () => { const p = new Pseudonymizer(key); made.push(p); return p; } };
    const spec = { type: "pnr" as const, header: "Personnummer" };
    const whole = createBuilder(spec, pctx, null);
    const a = createBuilder(spec, pctx, null);
    const b = createBuilder(spec, pctx, null);
    const rows = 3_000;
    const half = 1_234;
    const expected: (string | null)[] = [];
    for (let i = 0; i < rows; i++) {
      // 700 persons, in both parts; every 51st row empty; row written twice (a bad value first).
      const p = i % 700;
      const digits = `19${50 + Math.floor(p / 20)}0101`;
      const serial = String(100 + (p % 20));
      const written = makePnr(digits, serial);
      const targets: [ColumnBuilder, number][] = [[whole, i], i < half ? [a, i] : [b, i - half]];
      for (const [col, row] of targets) {
        expect(col.present(row, "19501010-0000")).toBe(INVALID);
        if (i % 51 === 0) col.missing(row, EMPTY);
        else expect(col.present(row, written)).toBe(VALID);
      }
      expected.push(i % 51 === 0 ? null : pseudonym(key, written.replace("-", "")));
    }
    const batches = vi.spyOn(HmacBatch.prototype, "pseudonyms");
    /** Pseudonyms made so far: the numbers of all batches. */
    const pseudonymsMade = () => batches.mock.calls.reduce((sum, [, from, to]) => sum + (to - from), 0);
    const parts = [a.pack(half), b.pack(rows - half)];
    expect(parts.map((p) => p.type)).toEqual(["pnr", "pnr"]);
    expect(pseudonymsMade()).toBe(0); // reading and packing make no pseudonym
    const merged = unpackColumn(parts, pctx.pseudonyms);
    expect(pseudonymsMade()).toBe(700); // the merge one per person
    const finished = whole.finish(rows);
    expect(pseudonymsMade()).toBe(1400);
    batches.mockRestore();
    expect(made).toHaveLength(4);
    expect(new Set(expected).size).toBe(701);
    for (const column of [finished, merged]) {
      if (!(column instanceof CodedStrings)) throw new Error("expected coded strings");
      expect(column.toArray()).toEqual(expected);
      expect(Array.from(column.codes, (c) => (c < 0 ? null : column.dictionary[c]))).toEqual(expected);
      expect(new Set(column.dictionary).size).toBe(column.dictionary.length);
    }
  });
});

describe("ColumnMerger", () => {
  // Parts of every kind, cut anywhere, merged with room for far fewer or far more rows than come.
  const partsArb = fc.array(
    fc.array(fc.record({ num: fc.double({ noNaN: false }), text: fc.constantFrom<string | null>(null, "A", "B", "C", "D"), flag: fc.constantFrom(1, 0, -1, -2) }), { maxLength: 40 }),
    { minLength: 1, maxLength: 6 },
  );
  it("gives the concatenated column whatever room it was made with", () => {
    fc.assert(
      fc.property(partsArb, fc.constantFrom(0, 1, 7, 1000), fc.boolean(), (parts, capacity, tick) => {
        const rows = parts.flat();
        const f64 = new ColumnMerger(capacity, ctx.pseudonyms);
        const str = new ColumnMerger(capacity, ctx.pseudonyms);
        const bool = new ColumnMerger(capacity, ctx.pseudonyms);
        for (const [k, part] of parts.entries()) {
          f64.add({ type: "f64", data: Float64Array.from(part, (r) => r.num) });
          // Each part with a dictionary of its own (in its own order, with a value no row has).
          const dict = ["unused", ...new Set(part.map((r) => r.text).filter((t): t is string => t !== null))].reverse();
          str.add({ type: "str", codes: Int32Array.from(part, (r) => (r.text === null ? -1 : dict.indexOf(r.text))), dict });
          bool.add({ type: "bool", codes: Int8Array.from(part, (r) => r.flag), sawTick: tick && k === parts.length - 1 });
        }
        expect(Array.from(f64.finish() as Float64Array)).toEqual(rows.map((r) => r.num));
        const text = str.finish();
        if (!(text instanceof CodedStrings)) throw new Error("expected coded strings");
        expect(text.toArray()).toEqual(rows.map((r) => r.text));
        expect(text.dictionary).toEqual([...new Set(rows.map((r) => r.text).filter((t) => t !== null))]);
        const empty = tick ? false : null;
        expect(plainColumn(bool.finish())).toEqual(rows.map((r) => (r.flag === 1 ? true : r.flag === 0 ? false : r.flag === -2 ? empty : null)));
      }),
      { numRuns: 200 },
    );
  });
});
