/**
 * The head sample of a text that comes in pieces: exactly the sample `detectHead` takes from the
 * whole text (the first `SAMPLE_CHARS` characters, extended to the end of that line), and the
 * pieces again, all of them, for the walk.
 */
import { SAMPLE_CHARS } from "./dialect.ts";
import type { TextPiece } from "./pieces.ts";

export interface HeadSample {
  sample: string;
  /** Windows-1252 positions 0x80–0x9F in the sample (null when the pieces have none). */
  c1: Int32Array | null;
  /** Every piece, the ones read for the sample first. */
  pieces: Iterable<TextPiece>;
}

export function headSample(source: Iterator<TextPiece>, sampleChars = SAMPLE_CHARS): HeadSample {
  const read: TextPiece[] = [];
  let acc = "";
  let c1s: number[] | null = null;
  for (;;) {
    if (acc.length > sampleChars && acc.indexOf("\n", sampleChars) !== -1) break;
    const next = source.next();
    if (next.done) break;
    const piece = next.value;
    read.push(piece);
    if (piece.c1 !== null) {
      c1s ??= [];
      for (const p of piece.c1) c1s.push(p + acc.length);
    }
    acc = acc.length === 0 ? piece.text : acc + piece.text;
  }
  let sample = acc;
  if (acc.length > sampleChars) {
    const cut = acc.indexOf("\n", sampleChars);
    if (cut !== -1) sample = acc.slice(0, cut + 1);
  }
  const c1 = c1s === null ? null : Int32Array.from(c1s.filter((p) => p < sample.length));
  function* all(): Generator<TextPiece> {
    while (read.length > 0) yield read.shift()!;
    for (let next = source.next(); !next.done; next = source.next()) yield next.value;
  }
  return { sample, c1, pieces: all() };
}
