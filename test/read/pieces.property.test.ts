/**
 * Property (issue 11 §1): tokenizing a text cut into random pieces gives exactly the records,
 * line numbers and line count of tokenizing it whole — also with quoted line breaks, doubled and
 * bad quotes (rules a–d), CRLF, Windows-1252 characters 0x80–0x9F and cuts anywhere.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { countPhysicalLines } from "../../src/read/lines.ts";
import { tokenizePieces, type TextPiece } from "../../src/read/pieces.ts";
import { tokenize, type RecordView } from "../../src/read/tokenizer.ts";

interface Rec {
  fields: string[];
  firstLine: number;
  lastLine: number;
  badQuoteLine: number;
}

function keep(out: Rec[]) {
  return (r: RecordView) => {
    out.push({ fields: r.fields.slice(0, r.count), firstLine: r.firstLine, lastLine: r.lastLine, badQuoteLine: r.badQuoteLine });
  };
}

/** Texts built from the characters that matter to the tokenizer. */
const text = fc.array(fc.constantFrom("a", "b", ";", '"', '""', "\n", "\r\n", "\r", " ", "\u0080", "\u0096", "x;y", '"q;\nr"'), { maxLength: 80 }).map((xs) => xs.join(""));

function c1Of(s: string): Int32Array {
  const out: number[] = [];
  for (let i = 0; i < s.length; i++) if (s.charCodeAt(i) >= 0x80 && s.charCodeAt(i) < 0xa0) out.push(i);
  return Int32Array.from(out);
}

function cut(s: string, cuts: number[]): TextPiece[] {
  const at = [...new Set(cuts.map((c) => c % (s.length + 1)))].sort((a, b) => a - b);
  const pieces: TextPiece[] = [];
  let from = 0;
  for (const c of [...at, s.length]) {
    const t = s.slice(from, c);
    pieces.push({ text: t, c1: c1Of(t) });
    from = c;
  }
  return pieces;
}

describe("tokenizePieces", () => {
  it("equals tokenize over the whole text, for any cuts", () => {
    fc.assert(
      fc.property(text, fc.array(fc.nat(), { maxLength: 12 }), fc.integer({ min: 1, max: 4 }), fc.integer({ min: 0, max: 4 }), (s, cuts, maxQuotedLines, fieldsHint) => {
        const opts = { delimiter: ";", maxQuotedLines, ...(fieldsHint > 0 ? { minFields: fieldsHint, maxFields: fieldsHint } : {}) };
        const whole: Rec[] = [];
        const r1 = tokenize(s, { ...opts, c1: c1Of(s) }, keep(whole));
        const parts: Rec[] = [];
        const r2 = tokenizePieces(cut(s, cuts), opts, keep(parts));
        expect(parts).toEqual(whole);
        expect(r2.records).toBe(r1.records);
        expect(r2.lines).toBe(r1.lines);
        expect(r2.physicalLines).toBe(countPhysicalLines(s));
      }),
      { numRuns: 3000 },
    );
  });

  it("fails an open quote by rule (c) without carrying the rest of the text", () => {
    const lines = Array.from({ length: 50 }, (_, i) => `r${i};v`).join("\n") + "\n";
    const s = `a;"open\n${lines}`;
    const pieces = cut(s, Array.from({ length: 40 }, (_, i) => 3 + i * 7));
    const seen: Rec[] = [];
    tokenizePieces(pieces, { delimiter: ";", maxQuotedLines: 3 }, keep(seen));
    expect(seen[0]).toEqual({ fields: ["a", '"open'], firstLine: 1, lastLine: 1, badQuoteLine: 1 });
    expect(seen).toHaveLength(51);
    expect(seen[50]).toEqual({ fields: ["r49", "v"], firstLine: 51, lastLine: 51, badQuoteLine: 0 });
  });
});
