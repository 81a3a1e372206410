/**
 * Tokenizing a text that comes in pieces (issue 11): no string ever holds the whole export.
 *
 * Each piece is tokenized with `final: false`; the record that reaches the end of a piece (a
 * quoted line break across the cut, a last line without its break) is carried, as text, to the
 * front of the next piece, and the carry alone is tokenized with `final: true` at the end. The
 * records handed out, their line numbers and the line count are those of tokenizing the
 * concatenated text in one call (see the module comment of tokenizer.ts).
 *
 * Physical lines are counted here from the pieces themselves, independently of the tokenizer.
 */
import { tokenize, type RecordView, type TokenizeOptions } from "./tokenizer.ts";

/** A piece of decoded text, with the positions of its Windows-1252 characters 0x80–0x9F (Latin-1 reading). */
export interface TextPiece {
  text: string;
  c1: Int32Array | null;
}

export interface PiecesResult {
  records: number;
  /** Physical lines consumed by the tokenizer. */
  lines: number;
  /** Physical lines counted from the pieces (LF, plus a last line without one). */
  physicalLines: number;
  /** True when the callback stopped the walk. */
  stopped: boolean;
}

/**
 * Tokenize the pieces in order as one text; `onRecord` as for `tokenize`. `firstLine` is the line
 * number of the first piece's first line (default 1).
 */
export function tokenizePieces(
  pieces: Iterable<TextPiece>,
  opts: Omit<TokenizeOptions, "c1" | "final">,
  onRecord: (rec: RecordView) => boolean | void,
): PiecesResult {
  let carry = "";
  let carryC1: Int32Array | null = null;
  let line = opts.firstLine ?? 1;
  let records = 0;
  let lfs = 0;
  let lastChar = -1;
  for (const piece of pieces) {
    if (piece.text.length === 0) continue;
    lfs += countLf(piece.text);
    lastChar = piece.text.charCodeAt(piece.text.length - 1);
    const text = carry.length === 0 ? piece.text : carry + piece.text;
    const c1 = joinC1(carryC1, carry.length, piece.c1);
    const r = tokenize(text, { ...opts, c1, final: false, firstLine: line }, onRecord);
    records += r.records;
    if (r.stopped) return { records, lines: r.lines, physicalLines: lfs, stopped: true };
    line = r.lines + 1;
    // A fresh copy: a slice would keep the whole piece alive.
    carry = r.consumed === text.length ? "" : flat(text.slice(r.consumed));
    carryC1 = c1 === null ? null : shiftC1(c1, r.consumed);
  }
  const r = tokenize(carry, { ...opts, c1: carryC1, final: true, firstLine: line }, onRecord);
  records += r.records;
  const physicalLines = lfs + (lastChar !== -1 && lastChar !== 10 ? 1 : 0);
  return { records, lines: r.lines, physicalLines, stopped: r.stopped };
}

function countLf(text: string): number {
  let k = 0;
  for (let i = text.indexOf("\n"); i !== -1; i = text.indexOf("\n", i + 1)) k++;
  return k;
}

/** A copy of a string that shares no memory with the string it was sliced from. */
function flat(s: string): string {
  return s.length < 13 ? s : (" " + s).slice(1);
}

/** Positions of the carry (shifted by nothing) followed by the piece's (shifted by the carry's length). */
function joinC1(carry: Int32Array | null, carryLength: number, piece: Int32Array | null): Int32Array | null {
  if (carry === null && piece === null) return null;
  const a = carry ?? EMPTY;
  const b = piece ?? EMPTY;
  if (a.length === 0 && carryLength === 0) return b;
  const out = new Int32Array(a.length + b.length);
  out.set(a);
  for (let i = 0; i < b.length; i++) out[a.length + i] = b[i] + carryLength;
  return out;
}

/** Positions at or after `from`, shifted to start at 0. */
function shiftC1(c1: Int32Array, from: number): Int32Array {
  let i = 0;
  while (i < c1.length && c1[i] < from) i++;
  const out = new Int32Array(c1.length - i);
  for (let k = 0; k < out.length; k++) out[k] = c1[i + k] - from;
  return out;
}

const EMPTY = new Int32Array(0);
