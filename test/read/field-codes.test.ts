/**
 * The byte kernel of the fast path (src/wasm/fields.ts through src/read/field-codes.ts): fields
 * split and coded per column by their bytes, decoded once each; and the records it does not read.
 */
import { describe, expect, it } from "vitest";
import { FieldCoder } from "../../src/read/field-codes.ts";

/** Codes and strings of `text` read as one window of `columns` fields. */
function read(text: string | Uint8Array, columns: number, opts: { delimiter?: string; decoding?: "windows-1252" | "utf-8"; window?: number } = {}) {
  const bytes = typeof text === "string" ? Buffer.from(text, opts.decoding === "windows-1252" ? "latin1" : "utf8") : text;
  const coder = new FieldCoder();
  coder.reset(columns, (opts.delimiter ?? ";").charCodeAt(0), opts.window ?? Math.max(bytes.length, 1), opts.decoding ?? "utf-8");
  coder.window().set(bytes);
  const codes = coder.run(bytes.length);
  return { codes: Array.from(codes), stop: coder.stoppedAt, strings: coder.strings, coder };
}

describe("field codes", () => {
  it("codes each column's distinct values in order of first appearance", () => {
    const { codes, strings } = read("a;x;1\nb;x;2\na;y;1\r\nab;x;", 3);
    expect(codes).toEqual([0, 0, 0, 1, 0, 1, 0, 1, 0, 2, 0, 2]);
    // The CR of a CRLF line end is not part of the value; "ab;x;" at the very end has an empty last field.
    expect(strings).toEqual([["a", "b", "ab"], ["x", "y"], ["1", "2", ""]]);
  });

  it("tells long values apart by every byte, and finds them again after the tables grow", () => {
    const rows: string[] = [];
    // Values of 14 to 30 bytes, equal in their first 16 bytes in many pairs; 1 500 distinct, each seen 4 times.
    for (let i = 0; i < 6000; i++) rows.push(`värde nummer ${"x".repeat((i % 1500) % 7)}${i % 1500};${i % 3}`);
    const { codes, strings } = read(rows.join("\n") + "\n", 2);
    expect(strings[0].length).toBe(1500);
    for (let i = 0; i < 6000; i++) expect(strings[0][codes[2 * i]]).toBe(rows[i].split(";")[0]);
    expect(new Set(strings[0]).size).toBe(strings[0].length);
  });

  it("decodes Windows-1252 and UTF-8 values as the tokenizer would", () => {
    const cp = Buffer.from([0x8a, 0x2d, 0x62, 0x3b, 0x80, 0x0a, 0xe5, 0x3b, 0x93, 0x68, 0x94, 0x0a]); // Š-b;€\nå;“h”\n
    expect(read(cp, 2, { decoding: "windows-1252" }).strings).toEqual([["Š-b", "å"], ["€", "“h”"]]);
    expect(read("Åsa;€\nÅsa;ö\n", 2).strings).toEqual([["Åsa"], ["€", "ö"]]);
    // A CR that does not end a line stays in the value.
    expect(read("a\rb;c\n", 2).strings).toEqual([["a\rb"], ["c"]]);
  });

  it("stops at a record with a quote or with another number of fields, and tells where it starts", () => {
    const stops = (text: string) => {
      const r = read(text, 2);
      return { codes: r.codes, stop: r.stop };
    };
    expect(stops('a;b\n"c";d\n')).toEqual({ codes: [0, 0], stop: 4 });
    expect(stops('a;b\nc;"d"\ne;f\n')).toEqual({ codes: [0, 0], stop: 4 });
    expect(stops("a;b\r\nx;y\r\nc;d;e\n")).toEqual({ codes: [0, 0, 1, 1], stop: 10 });
    expect(stops("a;b\nc\n")).toEqual({ codes: [0, 0], stop: 4 });
    expect(stops("a;b\n\n")).toEqual({ codes: [0, 0], stop: 4 }); // a blank line is one empty field
    expect(stops('"a";b\n')).toEqual({ codes: [], stop: 0 });
    expect(stops("a;b\nAntal rader: 1")).toEqual({ codes: [0, 0], stop: 4 }); // the last record, without a line break
    expect(stops("a;b\nc;d")).toEqual({ codes: [0, 0, 1, 1], stop: -1 });
    expect(read("a,b;c\n", 2, { delimiter: "," }).strings).toEqual([["a"], ["b;c"]]);
    expect(read("a\tb\n", 2, { delimiter: "\t" }).strings).toEqual([["a"], ["b"]]);
  });

  it("is reused range after range: reset starts the codes afresh", () => {
    const coder = read("a;b\n", 2).coder;
    coder.reset(2, 59, 64, "utf-8");
    const bytes = Buffer.from("c;d\na;b\n");
    coder.window().set(bytes);
    expect(Array.from(coder.run(bytes.length))).toEqual([0, 0, 1, 1]);
    expect(coder.strings).toEqual([["c", "a"], ["d", "b"]]);
  });
});
