/**
 * String columns are stored as dictionary codes and switch to a plain array when the distinct
 * values grow many (issue 11): both forms give the same column, packed (for a worker) or not.
 */
import { describe, expect, it } from "vitest";
import { createBuilder, unpackColumn, type ColumnBuilder, type PackedColumn } from "../../src/schema/columns.ts";
import { EMPTY } from "../../src/read/missing.ts";
import { keptCodes } from "../../src/read/kept-codes.ts";

const ctx = { capacity: 16, referenceYear: 2024, pseudonyms: () => { throw new Error("unused"); } };

function fill(distinct: number, rows: number): { expected: (string | null)[]; parts: PackedColumn[]; finished: unknown[] } {
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
  return { expected, parts: [a.pack(half), b.pack(rows - half)], finished: whole.finish(rows) as (string | null)[] };
}

describe("string columns", () => {
  it("few distinct values: codes", () => {
    const { expected, parts, finished } = fill(50, 10_000);
    expect(finished).toEqual(expected);
    expect(unpackColumn(parts)).toEqual(expected);
  });

  it("many distinct values: switches to a plain array, same column", () => {
    const { expected, parts, finished } = fill(150_000, 200_000);
    expect(new Set(expected).size).toBeGreaterThan(65_536);
    expect(finished).toEqual(expected);
    expect(unpackColumn(parts)).toEqual(expected);
  });
});

describe("codes kept for the metrics", () => {
  it("a finished or unpacked string column keeps codes that give its values", () => {
    const { expected, parts, finished } = fill(50, 10_000);
    for (const column of [finished, unpackColumn(parts)]) {
      const k = keptCodes(column);
      expect(k).toBeDefined();
      expect(Array.from(k!.codes, (c) => (c < 0 ? null : k!.values[c]))).toEqual(expected);
      expect(new Set(k!.values).size).toBe(k!.values.length);
    }
  });
});
