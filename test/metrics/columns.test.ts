/** Reading loaded columns in place (columns.ts) and grouping on integer codes (grouping.ts). */
import { describe, expect, it } from "vitest";
import fc from "fast-check";
import * as aq from "arquero";
import { coded, flags, isTrue, numbers, personIds, personIdsIn } from "../../src/metrics/columns.ts";
import { GroupIndex, Tally, countUnique, personGenderCodes, UNIQUE_BITS_MAX } from "../../src/metrics/grouping.ts";
import { programmeOutcomes } from "../../src/metrics/outcomes.ts";
import { participantsTable, sortedObjects } from "./fixtures.ts";
import { CodedBooleans, CodedStrings } from "../../src/schema/coded-columns.ts";

describe("columns read in place", () => {
  const start = Float64Array.from([1, NaN, 3]);
  const t = aq.table({ programme: ["B", null, "A"], start, ok: [true, null, false], n: [1, null, 2] });

  it("returns the stored Float64Array itself, and converts other storage once", () => {
    expect(numbers(t, "start")).toBe(start);
    expect(Array.from(numbers(t, "n"))).toEqual([1, NaN, 2]);
    expect(Array.from(numbers(t, "absent"))).toEqual([NaN, NaN, NaN]);
  });

  it("codes strings by first appearance, missing as −1", () => {
    const c = coded(t, "programme");
    expect(Array.from(c.codes)).toEqual([0, -1, 1]);
    expect(c.values).toEqual(["B", "A"]);
    expect(coded(t, "programme")).toBe(c); // cached per table
    expect(Array.from(coded(t, "absent").codes)).toEqual([-1, -1, -1]);
  });

  it("reads a loader's coded strings by first appearance, unused values dropped", () => {
    // The loader's dictionary also holds "B", the value of a row it later overwrote.
    const programme = new CodedStrings(Int32Array.from([0, -1, 2, 0]), ["A", "B", "C"]);
    const d = aq.table({ programme });
    expect(d.array("programme")).toEqual(["A", null, "C", "A"]);
    const c = coded(d, "programme");
    expect(c.values).toEqual(["A", "C"]);
    expect(Array.from(c.codes)).toEqual([0, -1, 1, 0]);
    // The same as coding the strings afresh.
    expect(c).toEqual(coded(aq.table({ programme: ["A", null, "C", "A"] }), "programme"));
  });

  it("uses a loader's codes as they are when they already follow first appearance, and renumbers them otherwise", () => {
    const inOrder = Int32Array.from([0, -1, 1, 0, 2]);
    const c = coded(aq.table({ programme: new CodedStrings(inOrder, ["A", "B", "C"]) }), "programme");
    expect(c.codes).toBe(inOrder); // no copy
    expect(c).toEqual(coded(aq.table({ programme: ["A", null, "B", "A", "C"] }), "programme"));
    // Out of order (C before B) and a value no row holds: renumbered.
    for (const [codes, values] of [[[0, -1, 2, 0, 1], ["A", "C", "B"]], [[0, -1, 1, 0, 3], ["A", "B", "X", "C"]]] as const) {
      const r = coded(aq.table({ programme: new CodedStrings(Int32Array.from(codes), values) }), "programme");
      expect([r.values, Array.from(r.codes)]).toEqual([["A", "B", "C"], [0, -1, 1, 0, 2]]);
    }
  });

  it("reads a loader's yes/no codes, an empty cell as its column reads it", () => {
    const codes = Int8Array.from([1, 0, -1, -2]);
    for (const [sawTick, values, truth] of [[false, [true, false, null, null], [1, 0, -1, -1]], [true, [true, false, null, false], [1, 0, -1, 0]]] as const) {
      const t = aq.table({ ok: new CodedBooleans(codes, sawTick) });
      expect(t.array("ok")).toEqual(values);
      expect(t.objects().map((o) => (o as { ok: unknown }).ok)).toEqual(values);
      expect(Array.from(flags(t, "ok").truth)).toEqual(truth);
      // The same as reading the plain array.
      expect(flags(t, "ok")).toEqual(flags(aq.table({ ok: [...values] }), "ok"));
    }
  });

  it("uses a dictionary-coded column as stored, merging null and repeated entries", () => {
    const col = { codes: Int32Array.from([2, 0, 1, 3, -1]), dictionary: ["x", null, "y", "x"], length: 5 };
    const d = aq.table({ kind: col as unknown as unknown[], v: Float64Array.from([1, 2, 3, 4, 5]) });
    const c = coded(d, "kind");
    expect(c.values).toEqual(["x", "y"]);
    expect(Array.from(c.codes)).toEqual([1, 0, -1, 0, -1]);
  });

  it("reads booleans and reads a filtered table through arquero", () => {
    const f = flags(t, "ok");
    expect([0, 1, 2].map((i) => isTrue(f, i))).toEqual([true, false, false]);
    const only = t.filter((d: { programme: string | null }) => d.programme !== null);
    expect(coded(only, "programme").values).toEqual(["B", "A"]);
    expect(Array.from(numbers(only, "start"))).toEqual([1, 3]);
  });

  it("maps persons of another table into the same id space", () => {
    const a = aq.table({ person: ["p1", "p2", "p1", null] });
    const b = aq.table({ person: ["p3", "p2", null, "p3"] });
    const base = personIds(a);
    expect([Array.from(base.ids), base.count]).toEqual([[0, 1, 0, -1], 2]);
    const m = personIdsIn(b, base);
    expect([Array.from(m.ids), m.count, m.values]).toEqual([[2, 1, -1, 2], 3, ["p1", "p2", "p3"]]);
  });

  it("gives each person one gender part, whatever the row order", () => {
    const t2 = aq.table({ person: ["a", "b", "a", "c", "c", "d"], gender: ["K", null, null, "K", "M", "annat"] });
    const ids = personIds(t2);
    expect(Array.from(personGenderCodes(ids.ids, ids.count, coded(t2, "gender")))).toEqual([0, 2, 2, 2]); // a K; b, c (both), d X
  });
});

describe("grouping on integer codes", () => {
  it("numbers groups densely, on a direct table or a map for large key spaces", () => {
    for (const size of [3, 2000]) {
      const dim = Array.from({ length: size }, (_, i) => `v${i}`);
      const gi = new GroupIndex([dim, dim]);
      expect([gi.of([0, 1]), gi.of([-1, 2]), gi.of([0, 1]), gi.of([2, -1])]).toEqual([0, 1, 0, 2]);
      expect(gi.keys(1)).toEqual([null, "v2"]);
      expect(gi.size).toBe(3);
    }
  });

  it("counts each person once per group and measure, as a set would, with bits per person and group or with rows sorted by group", () => {
    const row = fc.tuple(fc.integer({ min: -1, max: 4 }), fc.integer({ min: -1, max: 6 }), fc.integer({ min: 0, max: 3 }));
    fc.assert(
      fc.property(fc.array(row, { maxLength: 80 }), fc.constantFrom(0, UNIQUE_BITS_MAX), (rs, bitsMax) => {
        const groupOf = Int32Array.from(rs.map((r) => r[0]));
        const pids = Int32Array.from(rs.map((r) => r[1]));
        const mask = Uint8Array.from(rs.map((r) => r[2])); // bit 0 → measure 0, bit 1 → measure 1
        const gender = Uint8Array.from([0, 1, 2, 0, 1, 2, 0]);
        const tally = new Tally(["a", "b"]);
        countUnique(groupOf, 5, mask, pids, gender, tally, [0, 1], bitsMax);
        for (let m = 0; m < 2; m++) {
          for (let g = 0; g < 5; g++) {
            for (let gp = 0; gp < 3; gp++) {
              const expected = new Set(rs.filter((r) => r[0] === g && r[1] >= 0 && (r[2] & (1 << m)) !== 0 && gender[r[1]] === gp).map((r) => r[1])).size;
              expect(tally.get(m, g, gp)).toBe(expected);
            }
          }
        }
      }),
      { numRuns: 500 },
    );
  });

  it("gives the same outcomes on a loaded-style table and on a dictionary-coded one", () => {
    const rows = [
      { person: "p1", gender: "K", programme: "A", start: "2023-01-02", end: "2023-02-01", endReason: "A" },
      { person: "p2", gender: "M", programme: "B", start: "2023-01-05" },
      { person: "p1", gender: "K", programme: "B", start: "2023-03-01", end: "2023-03-31", endReason: "B" },
    ];
    const t = participantsTable(rows);
    const cols = Object.fromEntries(t.columnNames().map((c) => [c, t.column(c) as unknown]));
    const prog = t.array("programme") as string[];
    const dict = [...new Set(prog)];
    cols.programme = { codes: Int32Array.from(prog.map((p) => dict.indexOf(p))), dictionary: dict, length: prog.length, at: (i: number) => prog[i] };
    const d = aq.table(cols as Record<string, unknown[]>);
    const opts = { from: "2023-01-01", to: "2023-12-31", refDate: "2023-12-31", by: ["programme" as const] };
    expect(sortedObjects(programmeOutcomes(d, opts))).toEqual(sortedObjects(programmeOutcomes(t, opts)));
  });
});
