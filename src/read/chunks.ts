/**
 * Reading an export in chunks (issue 11): the bytes are never decoded into one string.
 *
 * Two passes over a byte source (a file read with `readSync`, or bytes in memory):
 * 1. `scanSource` hashes every byte (SHA-256), settles the encoding by the rule of encoding.ts
 *    (a byte order mark, else strict UTF-8 over every byte, else Windows-1252), finds the first
 *    decode problem (invalid UTF-8 after a BOM, an odd UTF-16 length, a NUL character) with its
 *    byte offset and line, and decides whether lines end with bare CRs (the rule of
 *    `normaliseBareCr`, on bytes or UTF-16 code units).
 * 2. `textPieces` decodes the body window by window, each window cut after its last line break
 *    (else after a character that cannot be split or joined with its neighbour), so each piece
 *    decodes exactly like the same characters of the whole text.
 * The decoded pieces together equal `normaliseBareCr(decodeForTokenizer(bytes).text).text`, and the
 * Windows-1252 positions 0x80–0x9F come with each piece.
 */
import { createHash } from "node:crypto";
import fs from "node:fs";
import { isUtf8 } from "node:buffer";
import { c1Positions, firstInvalidUtf8, type DecodeProblem, type Encoding } from "./encoding.ts";
import type { TextPiece } from "./pieces.ts";

/** Default window size: 2 MiB keeps memory small (two windows per thread are alive at most) and the per-call overhead negligible. */
export const DEFAULT_CHUNK_BYTES = 2 * 1024 * 1024;

/** Bytes to read from, by position. */
export interface ByteSource {
  readonly size: number;
  /** The file read (a file source), so a worker thread can open it too. */
  readonly path?: string;
  /** The bytes read (a memory source). */
  readonly bytes?: Uint8Array;
  /** Read up to `length` bytes at `position` into `into` at `offset`; returns the bytes read. */
  read(into: Uint8Array, offset: number, length: number, position: number): number;
  close(): void;
}

/** A source over bytes in memory. */
export function bytesSource(bytes: Uint8Array): ByteSource {
  return {
    size: bytes.byteLength,
    bytes,
    read(into, offset, length, position) {
      const n = Math.max(0, Math.min(length, bytes.byteLength - position));
      into.set(bytes.subarray(position, position + n), offset);
      return n;
    },
    close() {},
  };
}

/** A source over a file (opened now; `close` when done). */
export function fileSource(path: string): ByteSource {
  const fd = fs.openSync(path, "r");
  const size = fs.fstatSync(fd).size;
  return {
    size,
    path,
    read(into, offset, length, position) {
      let done = 0;
      while (done < length) {
        const n = fs.readSync(fd, into, offset + done, length - done, position + done);
        if (n === 0) break;
        done += n;
      }
      return done;
    },
    close() {
      fs.closeSync(fd);
    },
  };
}

export interface ScanResult {
  /** SHA-256 of every byte, hex; "" when scanned with `hash: false` (the caller hashes elsewhere). */
  sha256: string;
  bytes: number;
  encoding: Encoding;
  /** First byte of the text (after a byte order mark). */
  bodyStart: number;
  /** End of the decodable bytes (an odd last UTF-16 byte is left out). */
  bodyEnd: number;
  problem: DecodeProblem | null;
  /** Lines end with bare CRs (each read as LF). */
  bareCr: boolean;
}

/** Fixed windows of the source from `start` (for hashing and scanning). */
function* windows(src: ByteSource, start: number, chunkBytes: number): Generator<{ buf: Buffer; at: number }> {
  const buf = Buffer.allocUnsafe(Math.min(chunkBytes, Math.max(1, src.size - start)));
  for (let at = start; at < src.size; ) {
    const n = src.read(buf, 0, Math.min(buf.length, src.size - at), at);
    if (n === 0) break;
    yield { buf: buf.subarray(0, n), at };
    at += n;
  }
}

/** SHA-256 of every byte of the source, hex (what `scanSource` computes, on its own). */
export function hashSource(src: ByteSource, chunkBytes = DEFAULT_CHUNK_BYTES): string {
  const hash = createHash("sha256");
  for (const { buf } of windows(src, 0, chunkBytes)) hash.update(buf);
  return hash.digest("hex");
}

/**
 * Pass 1: hash, encoding, decode problem, bare CRs. `hash: false` leaves the hash out (the
 * parallel load has a worker compute it meanwhile, see `hashOnWorker`).
 */
export function scanSource(src: ByteSource, chunkBytes = DEFAULT_CHUNK_BYTES, opts: { hash?: boolean } = {}): ScanResult {
  const size = src.size;
  const first = Buffer.alloc(Math.min(3, size));
  src.read(first, 0, first.length, 0);
  let encoding: Encoding | null = null;
  let bodyStart = 0;
  if (size >= 3 && first[0] === 0xef && first[1] === 0xbb && first[2] === 0xbf) {
    encoding = "utf-8-bom";
    bodyStart = 3;
  } else if (size >= 2 && first[0] === 0xff && first[1] === 0xfe) {
    encoding = "utf-16le";
    bodyStart = 2;
  } else if (size >= 2 && first[0] === 0xfe && first[1] === 0xff) {
    encoding = "utf-16be";
    bodyStart = 2;
  }
  const utf16 = encoding === "utf-16le" || encoding === "utf-16be";
  const bodyEnd = utf16 && (size - bodyStart) % 2 === 1 ? size - 1 : size;
  // Chunks of an even size keep UTF-16 code units whole.
  const step = Math.max(4, chunkBytes - (chunkBytes % 2));
  const hash = opts.hash === false ? null : createHash("sha256");
  if (bodyStart > 0) hash?.update(first.subarray(0, bodyStart));
  /** Still checking whether the bytes are valid UTF-8 (no BOM) or must be (BOM). */
  let checkUtf8 = encoding === null || encoding === "utf-8-bom";
  let utf8Valid = true;
  let invalidAt = -1;
  let nulAt = -1;
  const cr = new CrStats();
  /** Bytes held back from UTF-8 validation: an incomplete sequence at a window's end. */
  let pending: Buffer | null = null;
  let pendingAt = 0;
  for (const { buf, at } of windows(src, bodyStart, step)) {
    hash?.update(buf);
    const end = Math.min(buf.length, bodyEnd - at);
    const body = end < buf.length ? buf.subarray(0, Math.max(0, end)) : buf;
    if (utf16) {
      const units = unitsOf(body, encoding === "utf-16be");
      if (nulAt === -1) {
        const i = units.indexOf(0);
        if (i !== -1) nulAt = at + 2 * i;
      }
      cr.feed(units);
      continue;
    }
    if (nulAt === -1) {
      const i = body.indexOf(0);
      if (i !== -1) nulAt = at + i;
    }
    cr.feed(body);
    if (checkUtf8) {
      let part: Buffer = body;
      let partAt = at;
      if (pending !== null) {
        part = Buffer.concat([pending, body]);
        partAt = pendingAt;
        pending = null;
      }
      const cut = utf8Cut(part);
      const check = cut === part.length ? part : part.subarray(0, cut);
      if (!isUtf8(check)) {
        utf8Valid = false;
        invalidAt = partAt + firstInvalidUtf8(check);
        checkUtf8 = false;
      } else if (cut < part.length) {
        pending = Buffer.from(part.subarray(cut));
        pendingAt = partAt + cut;
      }
    }
  }
  if (checkUtf8 && pending !== null && !isUtf8(pending)) {
    utf8Valid = false;
    invalidAt = pendingAt + firstInvalidUtf8(pending);
  }
  if (encoding === null) encoding = utf8Valid ? "utf-8" : "windows-1252";
  const bareCr = cr.bareCr();
  let problem: DecodeProblem | null = null;
  if (encoding === "utf-8-bom" && !utf8Valid) {
    const line = lineOfByte(src, invalidAt, bareCr, chunkBytes);
    problem = {
      kind: "invalid-utf8", byteOffset: invalidAt, line,
      message: `ogiltig UTF-8 på rad ${line}, byte ${invalidAt} (räknat från 0), fast filen börjar med UTF-8-markering (invalid UTF-8 at line ${line}, byte offset ${invalidAt}, although the file starts with a UTF-8 byte order mark); spara filen som UTF-8 igen eller ta bort markeringen (save it as UTF-8 again, or remove the mark)`,
    };
  } else if (utf16 && bodyEnd < size) {
    const at = size - 1;
    const line = lineOfUnit(src, bodyStart, bodyEnd, encoding === "utf-16be", at, bareCr, chunkBytes);
    problem = {
      kind: "odd-utf16", byteOffset: at, line,
      message: `UTF-16-filen har ett udda antal byte: sista byten (byte ${at}) hör inte till något tecken (the UTF-16 file has an odd number of bytes; it is cut off)`,
    };
  } else if (nulAt !== -1) {
    const line = utf16 ? lineOfUnit(src, bodyStart, bodyEnd, encoding === "utf-16be", nulAt, bareCr, chunkBytes) : lineOfByte(src, nulAt, bareCr, chunkBytes);
    problem = {
      kind: "nul", byteOffset: nulAt, line,
      message: `NUL-tecken på rad ${line}, byte ${nulAt} (räknat från 0) (NUL byte at line ${line}, byte offset ${nulAt}); filen kan vara UTF-16 utan byte order mark, eller skadad (the file may be UTF-16 without a byte order mark, or damaged)`,
    };
  }
  return { sha256: hash === null ? "" : hash.digest("hex"), bytes: size, encoding, bodyStart, bodyEnd, problem, bareCr };
}

/**
 * Where UTF-8 validation may cut a window: before a lead byte among its last four bytes (its
 * sequence may go on in the next window), else at the end. Validity of the two parts then equals
 * validity of the whole: the byte after the cut is never a continuation byte.
 */
function utf8Cut(b: Uint8Array): number {
  for (let j = b.length - 1; j >= 0 && j >= b.length - 4; j--) {
    const c = b[j];
    if (c < 0x80) return b.length;
    if (c >= 0xc0) return j;
  }
  return b.length;
}

/** UTF-16 code units of an even-length window (a copy, byte-swapped for big-endian). */
function unitsOf(body: Buffer, be: boolean): Uint16Array {
  const copy = Buffer.from(body.subarray(0, body.length - (body.length % 2)));
  if (be) copy.swap16();
  return new Uint16Array(copy.buffer, copy.byteOffset, copy.length / 2);
}

/**
 * The bare-CR rule of `normaliseBareCr`, on a stream of bytes or code units: no CR → no; the first
 * line break is CRLF or LF with no bare CR before it → no; else yes when bare CRs outnumber LFs.
 */
class CrStats {
  private pos = 0;
  private firstCr = -1;
  private firstLf = -1;
  private bare = 0;
  private lf = 0;
  private prevCr = false;
  /** True once the fast rule has said no: nothing more to count. */
  private settled = false;

  /** The next bytes (one-byte encodings) or UTF-16 code units. */
  feed(u: Uint8Array | Uint16Array): void {
    if (this.settled || u.length === 0) return;
    this.note(u.indexOf(13), u.indexOf(10));
    if (!this.settled) {
      for (let i = 0; i < u.length; i++) this.unit(u[i]);
    }
    this.pos += u.length;
  }

  private note(cr: number, lf: number): void {
    if (this.firstCr === -1 && cr !== -1) this.firstCr = this.pos + cr;
    if (this.firstLf === -1 && lf !== -1) {
      this.firstLf = this.pos + lf;
      if (this.firstCr === -1 || this.firstCr >= this.firstLf - 1) this.settled = true;
    }
  }

  private unit(c: number): void {
    if (this.prevCr && c !== 10) this.bare++;
    if (c === 10) this.lf++;
    this.prevCr = c === 13;
  }

  bareCr(): boolean {
    if (this.settled || this.firstCr === -1) return false;
    const bare = this.bare + (this.prevCr ? 1 : 0);
    return bare > this.lf;
  }
}

/**
 * Counts the line breaks in bytes (one-byte encodings and UTF-8) or UTF-16 code units fed in
 * order, by the rule the text's lines are read with (`decodePiece`, `BreakScanner`): a LF, and
 * with bare-CR line ends (`ScanResult.bareCr`) also a CR not followed by LF.
 */
class LineCounter {
  private breaks = 0;
  private prevCr = false;
  constructor(private readonly bareCr: boolean) {}

  feed(u: Uint8Array | Uint16Array): void {
    if (u.length === 0) return;
    for (let i = u.indexOf(10); i !== -1; i = u.indexOf(10, i + 1)) this.breaks++;
    if (this.bareCr) {
      if (this.prevCr && u[0] !== 10) this.breaks++;
      for (let i = u.indexOf(13); i !== -1 && i < u.length - 1; i = u.indexOf(13, i + 1)) if (u[i + 1] !== 10) this.breaks++;
    }
    this.prevCr = u[u.length - 1] === 13;
  }

  /** Physical line (1-based) of the unit after those fed, which is no LF (so a CR just before it is bare). */
  line(): number {
    return 1 + this.breaks + (this.bareCr && this.prevCr ? 1 : 0);
  }
}

/** Physical line of the byte at `at` (a one-byte encoding or UTF-8), as `lineOfByte` in encoding.ts. */
function lineOfByte(src: ByteSource, at: number, bareCr: boolean, chunkBytes: number): number {
  const lines = new LineCounter(bareCr);
  for (const { buf, at: from } of windows(src, 0, chunkBytes)) {
    if (from >= at) break;
    lines.feed(buf.subarray(0, Math.min(buf.length, at - from)));
  }
  return lines.line();
}

/** Physical line of the UTF-16 code unit at byte `at` (or of the odd last byte), as `lineOfChar` in encoding.ts. */
function lineOfUnit(src: ByteSource, bodyStart: number, bodyEnd: number, be: boolean, at: number, bareCr: boolean, chunkBytes: number): number {
  const lines = new LineCounter(bareCr);
  const step = Math.max(4, chunkBytes - (chunkBytes % 2));
  for (const { buf, at: from } of windows(src, bodyStart, step)) {
    if (from >= at) break;
    const end = Math.min(buf.length, bodyEnd - from, at - from);
    lines.feed(unitsOf(buf.subarray(0, Math.max(0, end)), be));
  }
  return lines.line();
}

/**
 * Pass 2: the decoded text, piece by piece (see the module comment); `from`..`to` (default the
 * whole body) must start and end at a line boundary (`lineStart`, `rangeCuts`).
 */
export function* textPieces(src: ByteSource, scan: ScanResult, chunkBytes = DEFAULT_CHUNK_BYTES, from = scan.bodyStart, to = scan.bodyEnd): Generator<TextPiece> {
  const utf16 = scan.encoding === "utf-16le" || scan.encoding === "utf-16be";
  const step = Math.max(4, chunkBytes - (chunkBytes % 2));
  let buf = Buffer.allocUnsafe(Math.min(step, Math.max(4, to - from)));
  let held = 0; // bytes carried over at the front of buf
  let at = from; // source position of the next byte to read
  const bodyEnd = to;
  for (;;) {
    if (buf.length - held < Math.min(step, bodyEnd - at)) {
      const next = Buffer.allocUnsafe(held + step);
      buf.copy(next, 0, 0, held);
      buf = next;
    }
    const n = src.read(buf, held, Math.min(buf.length - held, bodyEnd - at), at);
    at += n;
    const filled = held + n;
    if (filled === 0) return;
    const eof = at >= bodyEnd || n === 0;
    const cut = eof ? filled : utf16 ? utf16Cut(buf, filled, scan.encoding === "utf-16be") : byteCut(buf, filled);
    if (cut === 0) {
      // No place to cut in the window (a long run without line break or ASCII): read more.
      held = filled;
      const next = Buffer.allocUnsafe(buf.length * 2);
      buf.copy(next, 0, 0, held);
      buf = next;
      continue;
    }
    yield decodePiece(buf.subarray(0, cut), scan);
    if (eof) return;
    held = filled - cut;
    if (held > 0) buf.copy(buf, 0, cut, filled);
  }
}

/** After the last LF, else after the last ASCII byte that is not CR; 0 when neither. */
function byteCut(buf: Buffer, filled: number): number {
  const lf = buf.lastIndexOf(10, filled - 1);
  if (lf !== -1) return lf + 1;
  for (let j = filled - 1; j >= 0; j--) if (buf[j] < 0x80 && buf[j] !== 13) return j + 1;
  return 0;
}

/** After the last LF unit, else after the last unit that is neither CR nor a high surrogate; 0 when neither. */
function utf16Cut(buf: Buffer, filled: number, be: boolean): number {
  const units = filled >> 1;
  let fallback = 0;
  for (let u = units - 1; u >= 0; u--) {
    const c = be ? (buf[2 * u] << 8) | buf[2 * u + 1] : buf[2 * u] | (buf[2 * u + 1] << 8);
    if (c === 10) return 2 * u + 2;
    if (fallback === 0 && c !== 13 && (c < 0xd800 || c > 0xdbff)) fallback = 2 * u + 2;
  }
  return fallback;
}

const BARE_CR = /\r(?!\n)/g;

function decodePiece(bytes: Buffer, scan: ScanResult): TextPiece {
  let text: string;
  let c1: Int32Array | null = null;
  switch (scan.encoding) {
    case "windows-1252":
      text = bytes.toString("latin1");
      c1 = c1Positions(bytes);
      break;
    case "utf-16le":
      text = bytes.toString("utf16le");
      break;
    case "utf-16be":
      text = Buffer.from(bytes).swap16().toString("utf16le");
      break;
    default:
      text = bytes.toString("utf8");
  }
  if (scan.bareCr && text.indexOf("\r") !== -1) text = text.replace(BARE_CR, "\n");
  return { text, c1 };
}

/**
 * Line breaks on the bytes, as the decoded text has them: a LF (byte or UTF-16 code unit), and
 * with bare-CR line ends also a CR not followed by LF. `lineStart` skips lines; `rangeCuts`
 * splits the body into ranges that each start a line (issue 11 §2).
 */
class BreakScanner {
  private readonly utf16: boolean;
  private readonly be: boolean;
  constructor(
    private readonly src: ByteSource,
    private readonly scan: ScanResult,
    private readonly chunkBytes: number,
  ) {
    this.utf16 = scan.encoding === "utf-16le" || scan.encoding === "utf-16be";
    this.be = scan.encoding === "utf-16be";
  }

  /**
   * Position just after the `count`-th line break at or after `from` (a line start), or the body's
   * end when there are fewer. `count` 0 gives `from`.
   */
  after(from: number, count: number): number {
    if (count <= 0) return from;
    const { bodyEnd } = this.scan;
    const unit = this.utf16 ? 2 : 1;
    const step = Math.max(4, this.chunkBytes - (this.chunkBytes % 2)) + 2;
    const buf = Buffer.allocUnsafe(step);
    let left = count;
    for (let at = from; at < bodyEnd; ) {
      const n = this.src.read(buf, 0, Math.min(step, bodyEnd - at), at);
      if (n === 0) break;
      // The last unit is only looked at as the follower of a CR: scan all but it unless at the end.
      const full = at + n >= bodyEnd ? n : n - unit;
      for (let i = 0; i < full; i += unit) {
        if (this.isBreak(buf, i, n, at + i)) {
          if (--left === 0) return at + i + unit;
        }
      }
      at += full;
    }
    return bodyEnd;
  }

  private code(buf: Buffer, i: number): number {
    return !this.utf16 ? buf[i] : this.be ? (buf[i] << 8) | buf[i + 1] : buf[i] | (buf[i + 1] << 8);
  }

  private isBreak(buf: Buffer, i: number, n: number, pos: number): boolean {
    const c = this.code(buf, i);
    if (c === 10) return true;
    if (c !== 13 || !this.scan.bareCr) return false;
    const unit = this.utf16 ? 2 : 1;
    if (i + unit < n) return this.code(buf, i + unit) !== 10;
    return pos + unit >= this.scan.bodyEnd;
  }
}

/** Byte position of the start of the line `lines` lines after the line starting at `from`. */
export function lineStart(src: ByteSource, scan: ScanResult, from: number, lines: number, chunkBytes = DEFAULT_CHUNK_BYTES): number {
  return new BreakScanner(src, scan, chunkBytes).after(from, lines);
}

/**
 * Split `from`..body end into ranges that each start a line, ending at about the given fractions
 * of the way (increasing, each in 0..1): the returned positions are the ranges' starts followed by
 * the body's end (no empty range).
 */
export function rangeCuts(src: ByteSource, scan: ScanResult, from: number, ends: readonly number[], chunkBytes = 1 << 16): number[] {
  const scanner = new BreakScanner(src, scan, chunkBytes);
  const unit = scan.encoding === "utf-16le" || scan.encoding === "utf-16be" ? 2 : 1;
  const cuts = [from];
  const size = scan.bodyEnd - from;
  for (const end of ends) {
    let target = from + Math.floor(size * end);
    target -= (target - from) % unit;
    const prev = cuts[cuts.length - 1];
    if (target <= prev) continue;
    // The first line break at or after target - 1 ends the range (target - 1 itself may be one).
    const at = scanner.after(Math.max(prev, target - unit), 1);
    if (at > prev && at < scan.bodyEnd) cuts.push(at);
  }
  cuts.push(scan.bodyEnd);
  return cuts;
}
