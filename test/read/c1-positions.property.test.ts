import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { c1Positions } from "../../src/read/encoding.ts";

/** The plain reading of the rule: every byte 0x80–0x9F, in order. */
function byByte(buf: Buffer): number[] {
  const out: number[] = [];
  for (let i = 0; i < buf.length; i++) if (buf[i] >= 0x80 && buf[i] <= 0x9f) out.push(i);
  return out;
}

// Bytes near the edges of the range (0x7F/0x80, 0x9F/0xA0), Swedish letters in Windows-1252
// (å ä ö Å Ä Ö, which share the high bit but are not C1), ASCII, and the extremes.
const BYTE = fc.oneof(
  fc.constantFrom(0x00, 0x01, 0x20, 0x3b, 0x41, 0x7f, 0x80, 0x81, 0x91, 0x96, 0x9f, 0xa0, 0xa1, 0xc4, 0xc5, 0xd6, 0xe4, 0xe5, 0xf6, 0xff),
  fc.integer({ min: 0, max: 255 }),
);

describe("c1Positions", () => {
  it("finds exactly the bytes 0x80–0x9F at any alignment (word-at-a-time test against a byte loop)", () => {
    fc.assert(
      fc.property(fc.array(BYTE, { maxLength: 64 }), fc.integer({ min: 0, max: 3 }), (bytes, skip) => {
        // A view that starts `skip` bytes into its buffer, so the words are read at every alignment.
        const buf = Buffer.from([...Array(skip).fill(0x41), ...bytes]).subarray(skip);
        expect([...c1Positions(buf)]).toEqual(byByte(buf));
      }),
      { numRuns: 20_000 },
    );
  });

  it("finds a C1 byte in every lane of a word whose other bytes are å, ä, ö and ASCII", () => {
    for (const c1 of [0x80, 0x85, 0x96, 0x9f]) {
      for (const other of [0x41, 0x7f, 0xa0, 0xe4, 0xe5, 0xf6, 0xff]) {
        for (let lane = 0; lane < 8; lane++) {
          const buf = Buffer.alloc(8, other);
          buf[lane] = c1;
          expect([...c1Positions(buf)]).toEqual([lane]);
        }
        expect([...c1Positions(Buffer.alloc(8, other))]).toEqual([]);
      }
    }
  });
});
